#!/bin/sh
# bench-resize.sh [BUILD-DIR] - resize speed, side by side (not a test).
#
# Whole process, PNG in and PNG out, median wall and CPU time of RUNS runs
# (default 10) on one core: stickerkit resize (a 512x512 sticker canvas) against
# `vipsthumbnail -s 512` and ImageMagick `convert -filter Lanczos -resize
# 512x512`, with the ratios (theirs / ours: above 1 means we are faster).
# Then the resampler alone on decoded pixels, in source megapixels per
# second, from bench-resize.c built against BUILD-DIR's library.
# A tool that is not installed is skipped, and the script says so
# (apt-get install -y libvips-tools imagemagick).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
corpus=${STK_CORPUS:-$root/../shared/corpus}
runs=${RUNS:-10}
stk=$build/cmd/stickerkit
files="rgba_2048x2048_large_unicorn.png rgba_2000x1600_centred_fox.png rgba_1024x1024_grinning-face.png"
work=$(mktemp -d "${TMPDIR:-/tmp}/stk-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# One core, one thread each.
export OMP_NUM_THREADS=1 MAGICK_THREAD_LIMIT=1 VIPS_CONCURRENCY=1
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"

[ -x "$stk" ] || { echo "bench-resize: build first: $stk is missing" >&2; exit 2; }
have_vips=1 have_im=1
command -v vipsthumbnail >/dev/null || { have_vips=0; echo "vipsthumbnail: not installed, skipped"; }
# Debian's ImageMagick; a stand-in script may shadow convert in /usr/local.
im=$(command -v convert || true)
[ -x /usr/bin/convert ] && im=/usr/bin/convert
if [ -z "$im" ] || ! "$im" -version 2>/dev/null | grep -q ImageMagick; then
	have_im=0
	echo "convert: ImageMagick not installed, skipped"
fi

# measure CMD...: "WALL CPU", the median wall time and the median CPU time
# (user + system) in ms of $runs runs after one warm-up.  CPU time is the
# steadier figure on a busy machine.
measure() {
	python3 - "$runs" "$@" <<'PY'
import resource, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
wall, cpu = [], []
def used():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
for _ in range(runs):
    c0, t0 = used(), time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    t1, c1 = time.perf_counter(), used()
    wall.append((t1 - t0) * 1000)
    cpu.append((c1 - c0) * 1000)
wall.sort()
cpu.sort()
print("%.0f %.0f" % (wall[len(wall) // 2], cpu[len(cpu) // 2]))
PY
}

# ratio THEIRS OURS
ratio() { python3 -c "import sys; print('%.2fx' % (float(sys.argv[1]) / max(float(sys.argv[2]), 1)))" "$1" "$2"; }

echo
echo "Whole process, PNG in and out, median of $runs runs: wall ms / CPU ms,"
echo "ratio = theirs / stickerkit (above 1: stickerkit is faster), wall and CPU:"
printf '%-33s %11s %13s %13s %13s %13s\n' file stickerkit vipsthumbnail ratio convert ratio
for f in $files; do
	in=$corpus/static/$f
	set -- $(measure $pin "$stk" resize "$in" -o "$work/s.png")
	ow=$1 oc=$2
	vips=- vr=- imt=- ir=-
	if [ $have_vips = 1 ]; then
		set -- $(measure $pin vipsthumbnail "$in" -s 512 -o "$work/v.png")
		vips="$1/$2" vr="$(ratio "$1" "$ow")/$(ratio "$2" "$oc")"
	fi
	if [ $have_im = 1 ]; then
		set -- $(measure $pin "$im" "$in" -filter Lanczos -resize 512x512 "$work/m.png")
		imt="$1/$2" ir="$(ratio "$1" "$ow")/$(ratio "$2" "$oc")"
	fi
	printf '%-33s %11s %13s %13s %13s %13s\n' "$f" "$ow/$oc" "$vips" "$vr" "$imt" "$ir"
done

echo
echo "Resampler alone, in memory, to a 512x512 canvas (Lanczos3, one thread):"
cc -O2 -o "$work/bench-resize" "$here/bench-resize.c" -I"$root/lib/include" \
	-L"$build/lib" -lstickerkit -Wl,-rpath,"$build/lib"
set --
for f in $files; do set -- "$@" "$corpus/static/$f"; done
$pin "$work/bench-resize" -n 20 "$@"
echo "(target: >= 100 source MP/s on one core)"
