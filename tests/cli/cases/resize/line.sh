# Example: LINE stickers are at most 370x320 with even sides and a margin.
# stickerkit resize --max-size 370x320 --even --margin 10 art.png -o 01.png
pp() { python3 "$SRC/tests/cli/cases/resize/pngpix.py" "$@"; }
expect_status 0 stickerkit resize --max-size 370x320 --even --margin 10 \
	"$CORPUS/static/rgba_1200x800_offcentre_panda.png" -o 01.png
expect_eq "$(pp 01.png size)" "370 252" "1200x800 at most 370x320, even"
expect_status 0 stickerkit resize --max-size 370x320 --even "$CORPUS/static/odd_513x512_thinking-face.png" -o 02.png
expect_eq "$(pp 02.png size)" "320 320" "513x512 rounded to even"
expect_status 0 stickerkit resize --max-size 96x74 --even "$CORPUS/static/rgba_618x618_dog-face.png" -o tab.png
expect_eq "$(pp tab.png size)" "74 74" "tab image"
