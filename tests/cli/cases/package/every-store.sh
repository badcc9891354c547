# The demo pack (8 stills, 3 animations) packaged for every store: each
# archive has the name the store's profile id gives it, holds exactly the
# built files (names and bytes), its images decode, and it passes validate
# with its profile.  WhatsApp's split gives one .wastickers per pack.
export STK_PROFILE_DIR="$SRC/assets/profiles"
cp -r "$SRC/assets/demo" p
rm -rf p/dist p/demo-out
expect_status 0 stickerkit package -C p -j2
d=p/dist
for a in stickerkit_demo-whatsapp.wastickers stickerkit_demo_animated-whatsapp.wastickers \
         stickerkit_demo-whatsapp.zip stickerkit_demo-telegram.zip \
         stickerkit_demo-signal.zip stickerkit_demo-line.zip stickerkit_demo-discord.zip \
         stickerkit_demo-imessage.zip stickerkit_demo-wechat.zip stickerkit_demo-kakaotalk.zip; do
	[ -f "$d/$a" ] || fail "$a not written"
	expect_grep "$a" stdout
done
[ -f d/stickerkit_demo-wechat/checklist.txt ] 2>/dev/null || [ -f $d/stickerkit_demo-wechat/checklist.txt ] || fail "no WeChat upload folder"
[ -f $d/stickerkit_demo-imessage.xcstickers/Contents.json ] || fail "no .xcstickers folder"

# zip_vs ARCHIVE DIR PREFIX [SKIP...]: the archive's entries are DIR's
# files (under PREFIX), byte for byte, plus the extras the test names.
zip_vs() {
	python3 - "$@" <<'PY'
import os, sys, zipfile
arc, root, prefix, extra = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4:])
z = zipfile.ZipFile(arc)
names = z.namelist()
assert names == sorted(names), "%s: entries not sorted: %s" % (arc, names)
assert z.testzip() is None, "%s: a CRC is wrong" % arc
want = {}
for dp, dns, fns in os.walk(root):
    for f in fns:
        rel = os.path.relpath(os.path.join(dp, f), root)
        want[prefix + rel] = open(os.path.join(dp, f), "rb").read()
for n in names:
    if n in extra:
        continue
    assert n in want, "%s: %s is not a built file" % (arc, n)
    assert z.read(n) == want[n], "%s: %s differs from the built file" % (arc, n)
missing = set(want) - set(names)
assert not missing, "%s: built files missing: %s" % (arc, sorted(missing))
for n in names:
    i = z.getinfo(n)
    assert i.date_time == (1980, 1, 1, 0, 0, 0), "%s: %s dated %s" % (arc, n, i.date_time)
    assert (i.external_attr >> 16) & 0o777 == 0o644, "%s: %s mode %o" % (arc, n, i.external_attr >> 16)
PY
}
for t in telegram signal discord; do
	zip_vs $d/stickerkit_demo-$t.zip $d/$t "" || fail "$t archive"
done
zip_vs $d/stickerkit_demo-wechat.zip $d/wechat "" checklist.txt || fail "wechat archive"
zip_vs $d/stickerkit_demo-kakaotalk.zip $d/kakaotalk "" checklist.txt || fail "kakaotalk archive"
zip_vs $d/stickerkit_demo-imessage.zip $d/imessage/stickerkit_demo.stickerpack \
	"Stickers.xcstickers/Sticker Pack.stickerpack/" Stickers.xcstickers/Contents.json || fail "imessage"
zip_vs $d/stickerkit_demo-whatsapp.zip $d/whatsapp "" || fail "whatsapp sample-app assets"

# LINE: the images only.
python3 -c '
import zipfile, sys
n = zipfile.ZipFile(sys.argv[1]).namelist()
assert n == ["01.png", "02.png", "03.png", "04.png", "05.png", "06.png", "07.png", "08.png", "main.png", "tab.png"], n
' $d/stickerkit_demo-line.zip || fail "LINE archive names"

# .wastickers, one per WhatsApp pack: title.txt, author.txt, tray.png and
# the pack's WebPs as contents.json lists them.
for pack in stickerkit_demo stickerkit_demo_animated; do
	python3 - $d/$pack-whatsapp.wastickers $d/whatsapp $pack <<'PY' || fail "$pack .wastickers"
import json, sys, zipfile
z, root, pack = zipfile.ZipFile(sys.argv[1]), sys.argv[2], sys.argv[3]
c = [p for p in json.load(open(root + "/contents.json"))["sticker_packs"] if p["identifier"] == pack][0]
want = sorted([s["image_file"] for s in c["stickers"]] + ["author.txt", "title.txt", "tray.png"])
assert z.namelist() == want, (z.namelist(), want)
assert z.read("title.txt") == (c["name"] + "\n").encode(), z.read("title.txt")
assert z.read("author.txt") == (c["publisher"] + "\n").encode()
assert z.read("tray.png") == open("%s/%s/%s" % (root, pack, c["tray_image_file"]), "rb").read()
for s in c["stickers"]:
    assert z.read(s["image_file"]) == open("%s/%s/%s" % (root, pack, s["image_file"]), "rb").read()
PY
	expect_status 0 stickerkit validate --profile whatsapp $d/$pack-whatsapp.wastickers
done

# Every image decodes, every archive passes its store's profile.
mkdir x
(cd x && python3 -c 'import zipfile, sys; [zipfile.ZipFile(a).extractall(a.split("/")[-1]) for a in sys.argv[1:]]' ../$d/*.zip ../$d/*.wastickers)
find x \( -name '*.png' -o -name '*.webp' \) -exec stickerkit info --json {} + >all.json ||
	fail "an image in the archives does not decode"
n=$(json all.json 'len(j)')
[ $n -ge 70 ] || fail "only $n images in the archives"
expect_status 0 stickerkit validate --profile whatsapp $d/stickerkit_demo-whatsapp.zip
for t in telegram signal line discord wechat kakaotalk; do
	expect_status 0 stickerkit validate --profile $t $d/stickerkit_demo-$t.zip
done

# A second run rewrites the same bytes (nothing re-encoded).
sum1=$(cat $d/*.zip $d/*.wastickers | cksum)
expect_status 0 stickerkit package -C p -j2 --quiet
[ ! -s stdout ] || fail "--quiet printed: $(cat stdout)"
expect_eq "$(cat $d/*.zip $d/*.wastickers | cksum)" "$sum1" "second run"
