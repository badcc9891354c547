# Animated corpus files for WhatsApp (a representative set; the benchmark
# runs all of them): 512x512 animated WebP within 500,000 bytes, every
# frame >= 8 ms and a whole number of one step of 33 ms or more (one rate
# of at most 30 fps, a hold one longer frame), at most 10 s, in a few whole
# encodes, and the store profile's validation finds nothing about timing.
set -- frames_bounce_hamster short_delay_10ms_bat_512.gif \
	short_delay_5ms_lady-beetle_512.png varying_delays_nerd-face_512.gif \
	emote_dmogdotorg_msn_cry.gif emote_QIP-pidgin_cx_gif2webp.webp high_detail_raccoon_512.webp
for f in "$@"; do
	expect_status 0 stickerkit convert --profile whatsapp --no-all-keyframes \
		--report "$f.json" "$CORPUS/animated/$f" -o "$f.webp"
	cp stderr "$f.text"
	expect_status 0 stickerkit info --json "$f.webp"
	cp stdout "$f.info"
done
expect_grep "timing: 20 frames of <= 10 ms set to 100 ms" short_delay_5ms_lady-beetle_512.png.text
expect_grep "timing: every frame whole [0-9]* ms steps (12 frames" varying_delays_nerd-face_512.gif.text
export STK_PROFILE_DIR="$SRC/assets/profiles"
for f in "$@"; do
	expect_status 0 stickerkit validate --profile whatsapp "$f.webp"
	if grep -q "frame-timing\|frame-duration\|max-duration\|max-bytes" stdout; then
		cat stdout; fail "$f: validate finds a timing or size problem"
	fi
done
python3 - "$@" <<'PY' || fail "outputs do not meet WhatsApp's rules"
import json, os, sys
from functools import reduce
from math import gcd
sys.path.insert(0, os.path.join(os.environ["SRC"], "tests", "cli"))
from wa_rules import animated_checks
bad = []
for name in sys.argv[1:]:
    i = json.load(open(name + ".info"))
    r = json.load(open(name + ".json"))
    checks = animated_checks(i, r)
    checks["few whole encodes"] = r["encodes"] <= 6
    bad += [(name, k) for k, v in checks.items() if not v]
# Varying delays go onto one rate, each hold one frame, the length kept.
v = json.load(open("varying_delays_nerd-face_512.gif.info"))
step = reduce(gcd, v["frame_durations_ms"])
if abs(v["duration_ms"] - 6480) > step / 2 or v["frames"] != 12:
    bad.append(("varying delays: duration and frames", v["duration_ms"], v["frames"]))
for b in bad:
    print(*b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
# --keep-frame-durations keeps the source's own timeline: 12 varying delays.
expect_status 0 stickerkit convert --profile whatsapp --keep-frame-durations \
	"$CORPUS/animated/varying_delays_nerd-face_512.gif" -o keep.webp
expect_status 0 stickerkit info --json keep.webp
cp stdout keep.json
expect_eq "$(json keep.json 'j["frame_durations_ms"]')" \
	"[20, 50, 100, 200, 500, 1000, 1500, 80, 30, 300, 700, 2000]" "varying delays kept"
