# Hostile inputs are refused with one line naming the input and the
# defect, exit 3, and nothing written anywhere: not the pack folder, not a
# stage beside it, not a file where a hostile name points.
mkdir before && ls -A >before/list
nothing_written() {
	[ ! -e out ] || fail "$1: out/ was written"
	ls -A | grep -v -e "^stdout$" -e "^stderr$" >before/now || true
	diff before/list before/now >/dev/null || { cat before/now; fail "$1: something was left beside it"; }
}
refused() { # what pattern input [options]
	what=$1 pattern=$2 input=$3
	shift 3
	expect_status 3 stickerkit import "$@" "$input" -o out
	expect_grep "$pattern" stderr
	[ "$(lines stderr)" = 1 ] || fail "$what: more than one line: $(cat stderr)"
	nothing_written "$what"
}

refused "absolute" "absolute path" "$CORPUS/broken/zip_absolute_path.zip"
refused "traversal" '".." component' "$CORPUS/broken/zip_path_traversal.zip"
[ ! -e /tmp/evil.txt ] || [ /tmp/evil.txt -ot before/list ] || fail "/tmp/evil.txt written"
[ ! -e ../../evil.txt ] || fail "../../evil.txt written"

# Made here: a ratio bomb, too many entries, an entry too large, a link entry.
python3 - <<'PY'
import zipfile, stat
with zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("01.webp", b"\0" * (8 << 20))
with zipfile.ZipFile("many.wastickers", "w") as z:
    for i in range(20):
        z.writestr("%02d.webp" % i, b"RIFF")
with zipfile.ZipFile("link.zip", "w") as z:
    info = zipfile.ZipInfo("01.png")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    z.writestr(info, "/etc/passwd")
PY
mv bomb.zip many.wastickers link.zip before/
refused "ratio" "times" before/bomb.zip
refused "entry size" "bytes" before/bomb.zip --max-ratio 100000 --max-entry-bytes 1000000
refused "entries" "more than 10" before/many.wastickers --max-entries 10
refused "link entry" "is a link" before/link.zip

# Folders: a symbolic link or a FIFO refuses the whole folder.
mkdir -p before/lnk before/fifo
cp "$CORPUS/static/webp_lossless_800x800_koala.webp" before/lnk/01.webp
ln -s /etc/passwd before/lnk/02.png
refused "symlink" "symbolic link" before/lnk
cp "$CORPUS/static/webp_lossless_800x800_koala.webp" before/fifo/01.webp
mkfifo before/fifo/02.webp
refused "fifo" "not a regular file" before/fifo

# A manifest that points outside the pack names a file that is not in it.
mkdir -p before/wa/cats
cp "$CORPUS/static/webp_lossless_800x800_koala.webp" before/wa/cats/01.webp
cat >before/wa/contents.json <<'JSON'
{"sticker_packs": [{"identifier": "cats", "name": "Cats", "publisher": "Me",
  "tray_image_file": "01.webp",
  "stickers": [{"image_file": "../../../etc/passwd", "emojis": ["😺"]}]}]}
JSON
refused "manifest escape" "no plain image_file" before/wa

# Not art at all.
mkdir before/junk
printf 'not a png' >before/junk/01.png
refused "not an image" "01.png" before/junk

# A pack folder that is there already and not empty is left alone (exit 4).
mkdir -p full before/good && echo mine >full/keep.txt
cp "$CORPUS/static/webp_lossless_800x800_koala.webp" before/good/01.webp
expect_status 4 stickerkit import before/good -o full
expect_grep "not empty" stderr
[ "$(cat full/keep.txt)" = mine ] && [ "$(ls -A full)" = keep.txt ] || fail "full/ was touched"
