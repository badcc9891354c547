#!/bin/sh
# run-demo.sh [BUILD-DIR] - the main job on the bundled demo art: convert
# every piece to a WhatsApp sticker (512x512 WebP within 100 KB still /
# 500 KB animated, with pack EXIF), validate the results, and show them.
# Output goes to ./demo-out/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
stk="$build/cmd/stickerkit"
[ -x "$stk" ] || { echo "run-demo.sh: no $stk; build first (meson setup build && meson compile -C build)" >&2; exit 2; }
mkdir -p demo-out
for art in "$here"/*.png "$here"/*.gif; do
	name=$(basename "${art%.*}")
	"$stk" convert --profile whatsapp --all-keyframes --pack-name "stickerkit demo" \
		--publisher "OpenMoji" --emoji "😀" "$art" -o "demo-out/$name.webp"
done
"$stk" validate --profile whatsapp demo-out/*.webp
"$stk" info demo-out/*.webp
