# Example: Telegram wants one side exactly 512, the other at most 512.
# stickerkit resize --side 512 art.png -o sticker.webp
cp "$CORPUS/static/rgba_2000x400_banner_octopus.png" art.png
expect_status 0 stickerkit resize --side 512 art.png -o sticker.webp
stickerkit info --json sticker.webp >b.json
expect_eq "$(json b.json '[j["width"], j["height"]]')" "[512, 102]" "2000x400 banner"
expect_status 0 stickerkit resize --side 512 "$CORPUS/static/rgba_800x1400_portrait_dragon.png" -o tall.png
stickerkit info --json tall.png >t.json
expect_eq "$(json t.json '[j["width"], j["height"]]')" "[293, 512]" "800x1400 portrait"
# A small image is enlarged to the side; with --no-upscale the canvas keeps
# its side and the art its size.
expect_status 0 stickerkit resize --side 100 --no-upscale "$CORPUS/static/rgba_64x64_tiny_penguin.png" -o small.png
expect_eq "$(python3 "$SRC/tests/cli/cases/resize/pngpix.py" small.png size)" "100 100" "canvas"
