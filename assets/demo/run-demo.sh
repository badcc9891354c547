#!/bin/sh
# run-demo.sh [BUILD-DIR] - the main job on the bundled demo pack project
# (assets/demo/stickerpack.json: eight still and three animated stickers):
# build it for every store it names, each store's output validated, into
# ./demo-out/<store>/ (layout in stickerkit-build(1)), then package it: each
# store's submission archives in ./demo-out/ (stickerkit-package(1)), each
# re-read and validated before it is kept.  The animated stickers go to
# WhatsApp and (two of them, as WEBM video) Telegram: LINE and WeChat sell
# animated sets of 8 or more only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
stk="$build/cmd/stickerkit"
[ -x "$stk" ] || { echo "run-demo.sh: no $stk; build first (meson setup build && meson compile -C build)" >&2; exit 2; }
STK_PROFILE_DIR=${STK_PROFILE_DIR:-$here/../profiles}
export STK_PROFILE_DIR
"$stk" build -C "$here" -o demo-out --report demo-out.json
"$stk" validate --profile whatsapp demo-out/whatsapp
"$stk" package -C "$here" -o demo-out
ls demo-out/*.wastickers demo-out/*.zip
