#!/bin/sh
# bench-motion.sh [BUILD-DIR] - motion sources, side by side (not a test):
#   1. a 3 s 512x512 60 fps TGS to a WhatsApp WebP (500 KB): stickerkit
#      against the chain a user would otherwise run: frames rendered
#      (rlottie's lottie2gif example when installed, else stickerkit's
#      own APNG split by ffmpeg, rendering not counted against it), then
#      img2webp with a -q bisection until the file fits;
#   2. 3 s 1080p H.264 clips to Telegram WEBM video stickers (256 KB):
#      stickerkit against ffmpeg's CLI with a crf bisection (libvpx-vp9,
#      scaled to 512 wide, 30 fps, yuva420p, no audio) until it fits
#      within 10% of the budget;
# each with wall time, peak RSS and whole encodes, and the ratios; then
# the median number of stickerkit's whole WEBM encodes (target <= 3).
# Needs ffmpeg, ffprobe, img2webp and GNU time (/usr/bin/time).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
stk=$build/cmd/stickerkit
[ -x "$stk" ] || { echo "bench-motion: build first: $stk is missing" >&2; exit 2; }
for t in ffmpeg img2webp /usr/bin/time; do
	command -v "$t" >/dev/null || { echo "bench-motion: needs $t" >&2; exit 2; }
done
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/stk-bench-motion.XXXXXX")}
mkdir -p "$work"
cd "$work"
. "$root/tests/cli/lib.sh"

# measure NAME CMD...: runs CMD under GNU time, appending "NAME wall rss_kb"
measure() {
	name=$1
	shift
	/usr/bin/time -f "$name %e %M" -a -o times.txt "$@" >/dev/null 2>>log.txt
}

# sum_times PREFIX: wall seconds summed and the highest RSS of lines PREFIX*
sum_times() {
	awk -v p="$1" 'index($1, p) == 1 { w += $2; if ($3 > r) r = $3 } END { printf "%.2f %d", w, r }' times.txt
}

: >times.txt

# ---- 1. TGS to WhatsApp ----
lottie tgs.json 512 512 60 0 180
gzip -9nc tgs.json >in.tgs
measure ours-tgs "$stk" convert -p whatsapp --report tgs-rep.json in.tgs -o ours.webp
ours_tgs_enc=$(json tgs-rep.json 'j["encodes"]')
if command -v lottie2gif >/dev/null; then
	lottie2gif tgs.json 512x512 >/dev/null 2>&1 && ffmpeg -nostdin -v error -y -i tgs.json.gif f%03d.png
else
	"$stk" convert tgs.json -o frames.apng >/dev/null 2>&1
	ffmpeg -nostdin -v error -y -i frames.apng f%03d.png
fi
lo=0 hi=100 q=75 chain_enc=0 fit=none
while [ $((hi - lo)) -gt 1 ]; do
	measure chain-tgs img2webp -loop 0 -lossy -q $q -d 17 f*.png -o chain.webp
	chain_enc=$((chain_enc + 1))
	if [ "$(wc -c <chain.webp)" -le 500000 ]; then lo=$q fit=$q; else hi=$q; fi
	q=$(((lo + hi) / 2))
done

# ---- 2. 1080p H.264 to Telegram WEBM ----
clips="testsrc2 mandelbrot life"
for c in $clips; do
	case $c in
	testsrc2) src="testsrc2=size=1920x1080:rate=30" ;;
	mandelbrot) src="mandelbrot=size=1920x1080:rate=30" ;;
	life) src="life=size=1920x1080:rate=30:mold=10:ratio=0.3" ;;
	esac
	ffmpeg -nostdin -v error -y -f lavfi -i "$src" -t 3 -c:v libx264 -pix_fmt yuv420p $c.mp4
	measure ours-$c "$stk" convert -p telegram --report $c-rep.json $c.mp4 -o ours-$c.webm
	json $c-rep.json 'j["encodes"]' >>ours-encodes.txt
	lo=0 hi=63 crf=32 n=0
	while :; do
		measure ffmpeg-$c ffmpeg -nostdin -v error -y -i $c.mp4 -t 3 \
			-vf "scale=512:-2:flags=lanczos,fps=30,format=yuva420p" -an \
			-c:v libvpx-vp9 -b:v 0 -crf $crf -deadline good -cpu-used 4 ff-$c.webm
		n=$((n + 1))
		size=$(wc -c <ff-$c.webm)
		if [ "$size" -le 256000 ]; then
			hi=$crf
			[ "$size" -ge 230400 ] && break
		else
			lo=$crf
		fi
		[ $((hi - lo)) -le 1 ] && break
		crf=$(((lo + hi) / 2))
	done
	echo "$n" >>ff-encodes.txt
	echo "$n" >ff-$c.n
done

# ---- the table ----
echo "case                         wall s   peak RSS MB   whole encodes"
report() {
	set -- "$1" "$2" $(sum_times "$3")
	printf '%-28s %7s %11s   %s\n' "$1" "$3" "$(($4 / 1024))" "$2"
}
report "TGS->WhatsApp stickerkit" "$ours_tgs_enc" ours-tgs
report "TGS->WhatsApp img2webp -q" "$chain_enc (q $fit)" chain-tgs
for c in $clips; do
	report "1080p $c stickerkit" "$(json $c-rep.json 'j["encodes"]')" ours-$c
	report "1080p $c ffmpeg crf" "$(cat ff-$c.n)" ffmpeg-$c
done
python3 - "$work" <<'PY'
import statistics, sys, os
w = sys.argv[1]
ours = [int(x) for x in open(os.path.join(w, "ours-encodes.txt"))]
ff = [int(x) for x in open(os.path.join(w, "ff-encodes.txt"))]
t = {}
for line in open(os.path.join(w, "times.txt")):
    name, wall, rss = line.split()
    key = "ours" if name.startswith("ours-") and name != "ours-tgs" else \
          "ff" if name.startswith("ffmpeg-") else name
    a = t.setdefault(key, [0.0, 0])
    a[0] += float(wall)
    a[1] = max(a[1], int(rss))
print(f"WEBM whole encodes: stickerkit median {statistics.median(ours)} {ours}, "
      f"ffmpeg bisection median {statistics.median(ff)} {ff} (target: stickerkit <= 3)")
print(f"WEBM wall time ffmpeg/stickerkit: {t['ff'][0] / t['ours'][0]:.2f}x, "
      f"peak RSS stickerkit/ffmpeg: {t['ours'][1] / t['ff'][1]:.2f}x")
print(f"TGS wall time chain/stickerkit: {t['chain-tgs'][0] / t['ours-tgs'][0]:.2f}x "
      f"(chain rendering not counted), peak RSS stickerkit/chain: "
      f"{t['ours-tgs'][1] / t['chain-tgs'][1]:.2f}x")
PY
echo "files in $work"
