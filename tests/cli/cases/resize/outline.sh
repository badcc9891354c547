# The outline's width is measured on the output: a red disc with an 8 px
# stroke, 10 px margin.  Along the middle row from the left: transparent,
# then the stroke (alpha >= 50%), then the art (red over the stroke).
pp() { python3 "$SRC/tests/cli/cases/resize/pngpix.py" "$@"; }
pp disc.png disc 200 200 70
expect_status 0 stickerkit resize --size 200x200 --margin 10 --outline 8 disc.png -o out.png
pp out.png run 0 100 1 0 >row
width=$(awk '$4 >= 128 && !s { s = NR } s && $2 < 128 { print NR - s; exit }' row)
[ "$width" = 8 ] || fail "stroke is $width px wide, not 8"
white=$(head -100 row | grep -c '^255 255 255 255$')
[ "$white" -ge 6 ] || fail "only $white opaque white stroke pixels"
set -- $(pp out.png bbox)
[ "$1" -ge 10 ] && [ "$2" -ge 10 ] && [ $(($1 + $3)) -le 190 ] || fail "ink $* outside the margin"
# A coloured stroke.
expect_status 0 stickerkit resize --size 200x200 --outline 4:#0000ff disc.png -o blue.png
pp blue.png run 0 100 1 0 | grep -c '^0 0 255 255$' >n
[ "$(cat n)" -ge 3 ] || fail "no blue stroke"
