# Each kind of input becomes a pack project: stickerpack.json with the
# pack's name, publisher and emojis, and its art byte for byte, in order.
A="$SRC/assets/demo/art"
i=0
mkdir wa
for art in cat-face fox grinning-face; do
	i=$((i + 1))
	stickerkit convert --quiet --profile whatsapp --pack-name "Demo Cats" --publisher "OpenMoji" \
		--emoji "😺" --emoji "$(printf '\342\235\244\357\270\217')" "$A/$art.png" -o "wa/0$i.webp"
done
stickerkit resize --size 96x96 "$A/cat-face.png" -o wa/tray.png

# check PACKDIR NAME PUBLISHER FILES EMOJIS: the manifest and the art.
check() {
	m="$1/stickerpack.json"
	[ -f "$m" ] || fail "$1: no stickerpack.json"
	expect_eq "$(json "$m" 'j["name"]')" "$2" "$1 name"
	expect_eq "$(json "$m" 'j.get("publisher", "")')" "$3" "$1 publisher"
	expect_eq "$(json "$m" '" ".join(s["file"] for s in j["stickers"])')" "$4" "$1 files in order"
	expect_eq "$(json "$m" '" ".join(",".join(s["emojis"]) for s in j["stickers"])')" "$5" "$1 emojis"
	for f in $4; do
		[ -f "$1/$f" ] || fail "$1: $f missing"
	done
}

# .wastickers: emojis from the stickers' EXIF, names from title.txt/author.txt.
printf 'Demo Cats\n' >wa/title.txt
printf 'OpenMoji\n' >wa/author.txt
(cd wa && python3 -c '
import zipfile, sys
with zipfile.ZipFile("../demo.wastickers", "w", zipfile.ZIP_DEFLATED) as z:
    for f in ["title.txt", "author.txt", "tray.png", "03.webp", "01.webp", "02.webp"]:
        z.write(f)')
expect_status 0 stickerkit import demo.wastickers -o p1
expect_grep "3 stickers (3 with emojis) from a wastickers pack" stdout
heart=$(printf '\342\235\244\357\270\217')
check p1 "Demo Cats" OpenMoji "art/01.webp art/02.webp art/03.webp" "😺,$heart 😺,$heart 😺,$heart"
expect_eq "$(json p1/stickerpack.json 'j["tray"]')" art/tray.png "tray kept"
expect_eq "$(json p1/stickerpack.json 'j["targets"]')" '["whatsapp"]' "target"
cmp -s wa/02.webp p1/art/02.webp || fail "art not kept byte for byte"
cmp -s wa/tray.png p1/art/tray.png || fail "tray not kept byte for byte"

# A WhatsApp sample-app folder: the order and emojis of contents.json.
mkdir -p app/cats
cp wa/01.webp app/cats/b.webp
cp wa/02.webp app/cats/a.webp
cp wa/tray.png app/cats/tray.png
cat >app/contents.json <<'JSON'
{"sticker_packs": [{"identifier": "cats", "name": "Cats", "publisher": "Me",
  "tray_image_file": "tray.png", "image_data_version": "1",
  "stickers": [{"image_file": "b.webp", "emojis": ["🐱"], "accessibility_text": "a cat"},
               {"image_file": "a.webp", "emojis": ["🦊", "😀"]}]}]}
JSON
expect_status 0 stickerkit import app -o p2
check p2 Cats Me "art/b.webp art/a.webp" "🐱 🦊,😀"
expect_eq "$(json p2/stickerpack.json 'j["identifier"]')" cats "identifier kept"
expect_eq "$(json p2/stickerpack.json 'j["stickers"][0]["accessibility_text"]')" "a cat" "a11y kept"

# A Signal ZIP: signal-cli's manifest.json, one emoji each, its cover.
mkdir sig
cp wa/01.webp sig/x.webp
cp wa/03.webp sig/y.webp
cp wa/tray.png sig/cover.png
cat >sig/manifest.json <<'JSON'
{"title": "Sig", "author": "Someone", "cover": {"file": "cover.png"},
 "stickers": [{"file": "y.webp", "emoji": "🐶"}, {"file": "x.webp", "emoji": "🐱"}]}
JSON
(cd sig && python3 -c '
import zipfile, os
with zipfile.ZipFile("../sig.zip", "w") as z:
    for f in sorted(os.listdir(".")):
        z.write(f)')
expect_status 0 stickerkit import sig.zip -o p3
check p3 Sig Someone "art/y.webp art/x.webp" "🐶 🐱"
expect_eq "$(json p3/stickerpack.json 'j["targets"]')" '["signal"]' "signal target"

# A plain folder of stickers: name order; WebP EXIF still gives emojis.
mkdir plain
cp wa/02.webp "plain/b sticker.webp"
cp "$CORPUS/static/webp_lossless_800x800_koala.webp" plain/a.webp
expect_status 0 stickerkit import plain -o p4
# (the name and publisher come from the EXIF of b sticker.webp)
check p4 "Demo Cats" OpenMoji "art/a.webp art/b_sticker.webp" " 😺,$heart"
