#!/bin/sh
# bench-convert.sh [BUILD-DIR] [bench-convert.py options] - budgeted encoding,
# side by side (not a test): stickerkit's search against a cwebp/img2webp
# -q bisection, `cwebp -size -pass 6` and sticker-convert's ladder search,
# over the corpus at WhatsApp's budgets and at 60% and 40% of each file's
# q90 size.  Pixel art that ours enlarges pixel by pixel is scored against
# that enlargement, and run again blended by Lanczos to be set beside the
# baselines like for like.  Builds bench-convert.c against BUILD-DIR's
# library, then runs bench-convert.py (one process per encode, pinned to
# one core).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
[ $# -gt 0 ] && shift
lib=$build/lib/libstickerkit-internal.a
[ -f "$lib" ] || { echo "bench-convert: build first: $lib is missing" >&2; exit 2; }
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/stk-bench-convert.XXXXXX")}
mkdir -p "$work"
layers=$(for d in "$root"/lib/src/*/; do printf ' -I%s' "$d"; done)
# shellcheck disable=SC2086 # one -I per layer folder
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-I"$root/lib/include" $layers -I"$build/lib" \
	-o "$work/bench-convert" "$here/bench-convert.c" "$lib" \
	$(pkg-config --libs libwebp libwebpmux libwebpdemux libpng zlib libarchive jansson \
	  lcms2 imagequant libjpeg rlottie libavformat libavcodec libswscale libavutil) -lgif -lm -pthread
exec python3 "$here/bench-convert.py" --driver "$work/bench-convert" --work "$work" \
	--corpus "${STK_CORPUS:-$root/../shared/corpus}" "$@"
