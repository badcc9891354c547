# --trim ignores alpha no one can see: the t-rex's shadow fades to alpha 1
# far from the art, and the default box leaves it out (the art comes out
# bigger than with --trim-threshold 0, which counts it).
S=$CORPUS/static/soft_shadow_alpha_1024x1024_t-rex.png
PX="$SRC/tests/cli/cases/resize/pngpix.py"
expect_status 0 stickerkit resize --size 256x256 --trim "$S" -o default.png
expect_status 0 stickerkit resize --size 256x256 --trim-threshold 0 "$S" -o all.png
set -- $(python3 "$PX" default.png bbox 4)
wd=$3
set -- $(python3 "$PX" all.png bbox 4)
wa=$3
[ "$wd" -gt $((wa + 8)) ] || fail "visible art $wd px wide by default, $wa px with threshold 0"
