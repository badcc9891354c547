#!/bin/sh
# bench-build.sh [BUILD-DIR] - stickerkit build's speed (not a test): a
# 30-sticker pack (still and animated corpus art) for WhatsApp, Telegram,
# Signal and LINE: a full build with -j1 and -j2, a rebuild with nothing
# changed, a rebuild after one sticker changed, and peak RSS of the -j2
# build; side by side, the same pack for WhatsApp alone through
# sticker-convert's ladder search (bench-convert.c's "ladder", one process
# per sticker, as sticker-convert runs them).  Prints the times and ratios
# against the issue's targets.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
stk=$build/cmd/stickerkit
lib=$build/lib/libstickerkit-internal.a
[ -x "$stk" ] && [ -f "$lib" ] || { echo "bench-build: build first" >&2; exit 2; }
corpus=${STK_CORPUS:-$root/../shared/corpus}
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/stk-bench-build.XXXXXX")}
mkdir -p "$work"
export STK_PROFILE_DIR="$root/assets/profiles"
layers=$(for d in "$root"/lib/src/*/; do printf ' -I%s' "$d"; done)
# shellcheck disable=SC2086 # one -I per layer folder
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-I"$root/lib/include" $layers -I"$build/lib" \
	-o "$work/bench-convert" "$here/bench-convert.c" "$lib" \
	$(pkg-config --libs libwebp libwebpmux libwebpdemux libpng zlib libarchive jansson \
	  lcms2 imagequant libjpeg rlottie libavformat libavcodec libswscale libavutil) -lgif -lm -pthread

# The pack: 24 stills and 6 animations from the corpus.
python3 - "$corpus" "$work/pack" <<'PY'
import json, os, shutil, sys
corpus, d = sys.argv[1], sys.argv[2]
stills = sorted(f for f in os.listdir(corpus + "/static") if not f.startswith("photo_"))[:24]
anims = ["emote_dmogdotorg_msn_cry.gif", "emote_dmogdotorg_yahoo_dance.gif",
         "emote_dmogdotorg_yahoo_pray.gif", "emote_QIP-pidgin_cx_gif2webp.webp",
         "varying_delays_nerd-face_512.gif", "short_delay_10ms_bat_512.gif"]
shutil.rmtree(d, ignore_errors=True)
os.makedirs(d + "/art")
st = []
for i, f in enumerate(stills + anims):
    src = corpus + ("/static/" if f in stills else "/animated/") + f
    name = "%02d-%s" % (i + 1, f)
    shutil.copy(src, d + "/art/" + name)
    st.append({"file": "art/" + name, "emojis": ["😀"]})
json.dump({"identifier": "bench", "name": "Bench", "publisher": "stickerkit",
           "targets": ["whatsapp", "telegram", "signal", "line"], "stickers": st},
          open(d + "/stickerpack.json", "w"), ensure_ascii=False)
PY

secs() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1])))' "$1"; }
# timed NAME CMD...: wall seconds into $t, peak RSS KB into $rss
timed() {
	name=$1; shift
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
		st=$?; [ $st -eq 1 ] || { cat "$work/$name.err" >&2; echo "bench-build: $name failed ($st)" >&2; exit 1; }; }
	t=$(tail -n 1 "$work/time" | cut -d' ' -f1); rss=$(tail -n 1 "$work/time" | cut -d' ' -f2)
	echo "$name: ${t}s, peak RSS $((rss / 1024)) MB"
}
p=$work/pack
timed full-j1 "$stk" build -C "$p" -j1 -q --no-cache; j1=$t
timed full-j2 "$stk" build -C "$p" -j2 -q; j2=$t; rss2=$rss
timed nochange "$stk" build -C "$p" -j2 -q; nc=$t
# new art for sticker 3 (a copy of another sticker's art would be a cache
# hit: outputs are content-addressed)
third=$p/art/$(ls "$p/art" | sed -n 3p)
"$stk" resize --size 300x300 --margin 20 "$third" -o "$work/third.png" >/dev/null
mv "$work/third.png" "$third"
timed onechange "$stk" build -C "$p" -j2 -q --report "$work/one.json"; oc=$t
encoded=$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["encoded"])' "$work/one.json")

# sticker-convert's ladder, WhatsApp only: one process per sticker
start=$(date +%s.%N)
for f in "$p"/art/*; do
	frames=$("$stk" info --json "$f" | python3 -c 'import json,sys; print(json.load(sys.stdin)["frames"])')
	budget=100000; [ "$frames" -gt 1 ] && budget=500000
	"$work/bench-convert" ladder "$f" $budget "$work/ladder.webp" >/dev/null 2>&1 || true
done
ladder=$(python3 -c "import time; print('%.2f' % (time.time() - $start))")
echo "ladder (whatsapp only, 30 stickers): ${ladder}s"

python3 - "$j1" "$j2" "$nc" "$oc" "$ladder" "$rss2" "$encoded" <<'PY'
import sys
j1, j2, nc, oc, lad = map(float, sys.argv[1:6]); rss, enc = int(sys.argv[6]), int(sys.argv[7])
print("-j1 / -j2:            %.2fx   (target >= 1.7x on 2 cores)" % (j1 / j2))
print("no-change / full -j2: %.2f%%  (target <= 1%%)" % (100 * nc / j2))
print("one change / full -j2: 1/%.0f  (target <= 1/20); %d outputs re-encoded" % (j2 / oc, enc))
print("ladder (1 store) / ours (4 stores, -j2): %.2fx  (target > 1)" % (lad / j2))
print("peak RSS -j2: %d MB  (target <= 300 MB)" % (rss // 1024))
PY
