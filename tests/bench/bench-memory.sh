#!/bin/sh
# bench-memory.sh [BUILD-DIR] - peak memory of info, validate and convert on
# long, large inputs, at two lengths (not a test; prints figures).
#
# Makes, in a temporary folder, with Debian's ffmpeg (testsrc2 patterns):
#   - an animated WebP of 1024x1024 frames at 30 fps (lossy), 12 s and 6 s;
#   - a folder of 1920x1080 PNG frames at 30 fps, 10 s and 5 s;
#   - a 1920x1080 H.264 MP4 at 30 fps, 10 s and 5 s (video input);
# then runs `stickerkit info`, `stickerkit validate -p whatsapp` and
# `stickerkit convert -p whatsapp --duration-policy speedup` on each, with
# the default limits, and prints the peak resident set size (GNU time's %M)
# in MB, the target (at most 200 MB each) and, per command, the ratio of
# the long input's peak to the short one's: 1.00 is memory that does not
# grow with the frame count.  A command that fails shows its message.
# SECONDS_LONG / SECONDS_SHORT scale the WebP (the others are 10/12 of
# it); BENCH_LIMITS adds options to every run (an older build kept every
# frame: BENCH_LIMITS="--max-memory 65536 --max-decoded 65536" measures it
# rather than its refusal); BENCH_DIR keeps the inputs for another run.
# Needs ffmpeg and GNU time (/usr/bin/time).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
stk=$build/cmd/stickerkit
[ -x "$stk" ] || { echo "bench-memory: build first: $stk is missing" >&2; exit 2; }
for t in ffmpeg /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "bench-memory: needs $t" >&2; exit 2; }
done
export STK_PROFILE_DIR="$root/assets/profiles"
long=${SECONDS_LONG:-12}
short=${SECONDS_SHORT:-6}
lim=${BENCH_LIMITS:-}
if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/stk-bench-mem.XXXXXX")
	trap 'rm -rf "$work"' EXIT INT TERM
fi

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

# make KIND SECONDS: the input of that kind and length (kept when there)
make() {
	case $1 in
	webp) out=$work/anim$2.webp
		[ -s "$out" ] || ff -f lavfi -i "testsrc2=size=1024x1024:rate=30,format=rgba" -t "$2" \
			-c:v libwebp_anim -lossless 0 -quality 40 -loop 0 "$out" ;;
	folder) out=$work/hd$2
		if [ ! -s "$out/timing.json" ]; then
			mkdir -p "$out"
			ff -f lavfi -i "testsrc2=size=1920x1080:rate=30,format=rgba" -t "$2" "$out/%04d.png"
			echo '{"fps": 30}' >"$out/timing.json"
		fi ;;
	mp4) out=$work/clip$2.mp4
		[ -s "$out" ] || ff -f lavfi -i "testsrc2=size=1920x1080:rate=30" -t "$2" \
			-c:v libx264 -pix_fmt yuv420p "$out" ;;
	esac
	echo "$out"
}

# peak CMD...: peak RSS in MB of the command (exit 1 is validate's
# findings: it ran), or "failed(STATUS): its message"
peak() {
	set +e
	/usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err"
	st=$?
	set -e
	if [ $st -le 1 ]; then
		echo $(($(tail -1 "$work/rss") / 1024))
	else
		echo "failed($st): $(grep -v '^Command' "$work/err" | tail -1 | sed 's/^stickerkit [a-z]*: //' | cut -c1-60)"
	fi
}

echo "inputs in $work ..."
rm -f "$work/peaks.txt"
secs() { # KIND LENGTH: seconds of that kind for the WebP's length
	case $1 in webp) echo "$2" ;; *) echo $(($2 * 10 / 12)) ;; esac
}
printf '%-30s %10s %10s %10s\n' input "info MB" "valid. MB" "conv. MB"
for kind in webp folder mp4; do
	for len in "$short" "$long"; do
		s=$(secs $kind "$len")
		in=$(make $kind "$s")
		case $kind in
		webp) what="1024x1024 WebP, $s s" ;;
		folder) what="1920x1080 PNG folder, $s s" ;;
		mp4) what="1920x1080 H.264, $s s" ;;
		esac
		# shellcheck disable=SC2086
		i=$(peak "$stk" info $lim "$in")
		# shellcheck disable=SC2086
		v=$(peak "$stk" validate -p whatsapp $lim "$in")
		# shellcheck disable=SC2086
		c=$(peak "$stk" convert -p whatsapp -q --duration-policy speedup $lim "$in" \
			-o "$work/out.webp")
		printf '%-30s %10s %10s %10s\n' "$what" "$i" "$v" "$c"
		echo "$kind $len $i|$v|$c" >>"$work/peaks.txt"
	done
done
echo "target: at most 200 MB each, the same at both lengths"
awk -F'[ |]' -v s="$short" -v l="$long" '
	{ for (k = 3; k <= 5; k++) p[$1, $2, k] = $k }
	END {
		split("webp folder mp4", kinds, " ")
		for (n = 1; n <= 3; n++) {
			line = sprintf("%-30s", "peak " kinds[n] " long/short")
			for (k = 3; k <= 5; k++) {
				a = p[kinds[n], s, k]; b = p[kinds[n], l, k]
				line = line sprintf(" %10s", (a + 0 > 0 && b + 0 > 0 && a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) ? sprintf("%.2fx", b / a) : "-")
			}
			print line
		}
	}' "$work/peaks.txt"
rm -f "$work/peaks.txt"
