#!/bin/sh
# run-demo.sh [BUILD-DIR] - the main job on the bundled demo pack project
# (assets/demo/stickerpack.json: eight still and three animated stickers):
# build it for every store it names, each store's output validated, into
# ./demo-out/<store>/ (layout in stickerkit-build(1)).  The animated three
# go to WhatsApp (and Telegram, which says it cannot take them yet): LINE
# and WeChat sell animated sets of 8 or more only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
stk="$build/cmd/stickerkit"
[ -x "$stk" ] || { echo "run-demo.sh: no $stk; build first (meson setup build && meson compile -C build)" >&2; exit 2; }
STK_PROFILE_DIR=${STK_PROFILE_DIR:-$here/../profiles}
export STK_PROFILE_DIR
"$stk" build -C "$here" -o demo-out --report demo-out.json
"$stk" validate --profile whatsapp demo-out/whatsapp
