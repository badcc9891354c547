# Bad values, missing operands and an unknown output type are usage errors
# (exit 2) naming the problem, and nothing is written.
in="$CORPUS/static/rgba_300x300_cat-face.png"
expect_status 2 stickerkit resize -o out.png
expect_grep "no input file" stderr
expect_status 2 stickerkit resize "$in"
expect_grep "no output file" stderr
expect_status 2 stickerkit resize "$in" "$in" -o out.png
expect_grep "one input file" stderr
expect_status 2 stickerkit resize "$in" -o out.jpg
expect_grep "output format" stderr
expect_status 2 stickerkit resize --size 512 "$in" -o out.png
expect_grep "\-\-size wants WxH" stderr
expect_status 2 stickerkit resize --size 0x512 "$in" -o out.png
expect_status 2 stickerkit resize --fit stretch "$in" -o out.png
expect_grep "contain, cover or fill" stderr
expect_status 2 stickerkit resize --filter bicubic "$in" -o out.png
expect_status 2 stickerkit resize --margin 50% "$in" -o out.png
expect_status 2 stickerkit resize --outline 8:purplish "$in" -o out.png
expect_grep "outline" stderr
expect_status 2 stickerkit resize --key '#12:3' "$in" -o out.png
expect_status 2 stickerkit resize --gravity middle "$in" -o out.png
expect_status 2 stickerkit resize --trim-threshold 255 "$in" -o out.png
expect_status 2 stickerkit resize --size 511x512 --even "$in" -o out.png
expect_grep "odd" stderr
# Margin and outline wider than the canvas: the library says so, exit 2.
expect_status 2 stickerkit resize --size 96x96 --margin 40 --outline 8 "$in" -o out.png
expect_grep "no room" stderr
[ ! -e out.png ] || fail "out.png written after a usage error"
