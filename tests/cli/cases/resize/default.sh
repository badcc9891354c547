# Example: the default is a 512x512 canvas, art contained and centred.
# stickerkit resize art.png -o sticker.png
cp "$CORPUS/static/rgba_2000x1600_centred_fox.png" art.png
expect_status 0 stickerkit resize art.png -o sticker.png
stickerkit info --json sticker.png >i.json
expect_eq "$(json i.json 'j["format"]')" png format
expect_eq "$(json i.json '[j["width"], j["height"]]')" "[512, 512]" size
expect_eq "$(json i.json 'j["frames"]')" 1 frames
# An opaque 300x200 picture contained is 512x341, centred: 85 rows above,
# 86 below, transparent.
pp() { python3 "$SRC/tests/cli/cases/resize/pngpix.py" "$@"; }
pp opaque.png disc 300 200 60 '#ffffff'
expect_status 0 stickerkit resize opaque.png -o o.png
expect_eq "$(pp o.png bbox)" "0 85 512 341" "art box"
expect_eq "$(pp o.png pixel 256 84)" "0 0 0 0" "above the art"
# Options may come before or after the input.
expect_status 0 stickerkit resize -o s2.png --size 256x256 art.png
expect_eq "$(pp s2.png size)" "256 256" "options after -o"
