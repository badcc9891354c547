# Each filter runs; nearest keeps pixel art's pixels (4x: 4x4 blocks).
pp() { python3 "$SRC/tests/cli/cases/resize/pngpix.py" "$@"; }
in="$CORPUS/static/rgba_64x64_tiny_penguin.png"
for f in lanczos3 mitchell box nearest; do
	expect_status 0 stickerkit resize --size 256x256 --filter $f "$in" -o $f.png
	expect_eq "$(pp $f.png size)" "256 256" "$f size"
done
for xy in "40 40" "100 120" "130 200"; do
	set -- $xy
	expect_eq "$(pp nearest.png pixel $1 $2)" "$(pp nearest.png pixel $(($1 / 4 * 4 + 3)) $(($2 / 4 * 4)))" \
		"nearest block at $xy"
done
pp opaque.png disc 90 60 20 '#ffffff'
expect_status 0 stickerkit resize --size 300x100 --fit cover --gravity top opaque.png -o cover.png
expect_eq "$(pp cover.png bbox)" "0 0 300 100" "cover fills the canvas"
expect_eq "$(pp cover.png pixel 150 5)" "255 255 255 255" "top of the picture kept"
expect_status 0 stickerkit resize --size 300x100 --fit fill "$in" -o fill.png
expect_eq "$(pp fill.png size)" "300 100" "fill"
