# Example: a flat white background becomes transparent from the border in;
# the light grey face inside the outline stays, though a global colour
# replace at this tolerance would take it too.
# stickerkit resize --key white:60 --trim art.png -o sticker.png
pp() { python3 "$SRC/tests/cli/cases/resize/pngpix.py" "$@"; }
cp "$CORPUS/static/white_bg_rgb_1024x1024_alien.png" art.png
expect_status 0 stickerkit resize --key white:60 --trim art.png -o sticker.png
expect_eq "$(pp sticker.png size)" "512 512" "the example"
expect_status 0 stickerkit resize --size 256x256 --key white:60 --trim art.png -o small.png
expect_eq "$(pp small.png pixel 0 0)" "0 0 0 0" "corner keyed out"
set -- $(pp small.png pixel 128 70)
[ "$4" = 255 ] && [ "$1" -lt 230 ] || fail "face at (128,70) is $*, not opaque grey"
# --trim after keying: the head fills the canvas height.
set -- $(pp small.png bbox)
expect_eq "$2 $4" "0 256" "trimmed to the keyed art"
# --background flattens instead.
expect_status 0 stickerkit resize --size 64x64 --background '#00ff00' "$CORPUS/static/rgba_300x300_cat-face.png" -o flat.png
expect_eq "$(pp flat.png pixel 0 0)" "0 255 0 255" "flattened corner"
