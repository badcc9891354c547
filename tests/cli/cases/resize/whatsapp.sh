# Example: a WhatsApp sticker: art trimmed, a 16 px margin and an 8 px
# white die-cut outline on a 512x512 canvas, as WebP.
# stickerkit resize --trim --margin 16 --outline 8 art.png -o sticker.webp
cp "$CORPUS/static/huge_margin_2000x2000_monkey-face.png" art.png
expect_status 0 stickerkit resize --trim --margin 16 --outline 8 art.png -o sticker.webp
stickerkit info --json sticker.webp >i.json
expect_eq "$(json i.json 'j["format"]')" webp format
expect_eq "$(json i.json '[j["width"], j["height"]]')" "[512, 512]" size
expect_eq "$(json i.json 'j["alpha"]')" partial alpha
# The same as PNG to look at the pixels: the ink (art and outline) fills the
# room inside the 16 px margin on at least one axis, and stays inside it.
expect_status 0 stickerkit resize --trim --margin 16 --outline 8 art.png -o sticker.png
set -- $(python3 "$SRC/tests/cli/cases/resize/pngpix.py" sticker.png bbox)
[ "$1" -ge 16 ] && [ "$2" -ge 16 ] && [ $(($1 + $3)) -le 496 ] && [ $(($2 + $4)) -le 496 ] ||
	fail "ink $3x$4+$1+$2 is not inside the 16 px margin"
[ "$3" -ge 478 ] || [ "$4" -ge 478 ] || fail "ink $3x$4 does not use the room"
