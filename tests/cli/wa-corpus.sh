# wa-corpus.sh - sourced by the convert/corpus-*.sh cases: converts every
# animated corpus file whose name matches one of the patterns given with
# the whatsapp profile's defaults (every frame a keyframe, one frame rate
# of at most 30 fps with holds as single frames) and checks the output by
# decoding it again (stickerkit info, which reads WebP with libwebp):
# 512x512 animated WebP, <= 500,000 bytes, every frame >= 8 ms and a whole
# number of one step of 33 ms or more, <= 10 s, every frame a keyframe, and
# `validate --profile whatsapp` finds nothing but the missing EXIF (and an
# opaque background, for a source without alpha).  A source over 10 s must be refused under the default
# --duration-policy fail (exit 3, the documented message, nothing
# written) and pass under speedup and trim.
wa_check() { # OUT.webp REPORT.json SOURCE-INFO.json
	expect_status 0 stickerkit info --json "$1"
	cp stdout "$1.info"
	expect_status 0 stickerkit validate --profile whatsapp --format json "$1"
	cp stdout "$1.validate"
	python3 - "$1" "$2" "$3" <<'PY' || fail "$1 does not meet WhatsApp's rules"
import json, os, sys
sys.path.insert(0, os.path.join(os.environ["SRC"], "tests", "cli"))
from wa_rules import animated_checks
out, rep, src = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
i = json.load(open(out + ".info"))
r = json.load(open(rep))
v = json.load(open(out + ".validate"))
checks = animated_checks(i, r)
checks.update({
    "every frame a keyframe": i["webp"]["keyframes"] == i["frames"],
    "report agrees on frames": r["frames"] == i["frames"],
    "validate clean": set(f["rule"] for f in v["findings"]) <= {"whatsapp.sticker.exif"} |
        ({"whatsapp.art.background"} if src["alpha"] == "none" else set()),
})
bad = [k for k, ok in checks.items() if not ok]
if bad:
    print(out, "fails:", ", ".join(bad), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}

export STK_PROFILE_DIR="$SRC/assets/profiles"
n=0
for p in "$CORPUS"/animated/*; do
	f=${p##*/}
	match=false
	for pattern in "$@"; do
		case $f in $pattern) match=true ;; esac
	done
	$match || continue
	n=$((n + 1))
	expect_status 0 stickerkit info --json "$p"
	cp stdout "$f.src"
	if [ "$(json "$f.src" 'j["playback_duration_ms"] > 10000')" = true ]; then
		expect_status 3 stickerkit convert --profile whatsapp "$p" -o "$f.webp"
		expect_grep "over the 10000 ms limit" stderr
		expect_grep "duration-policy speedup, trim or drop-frames" stderr
		[ ! -e "$f.webp" ] || fail "$f: output written on failure"
		for policy in speedup trim; do
			expect_status 0 stickerkit convert --profile whatsapp --duration-policy $policy \
				--report "$f.$policy.json" "$p" -o "$f.$policy.webp"
			wa_check "$f.$policy.webp" "$f.$policy.json" "$f.src"
		done
	else
		expect_status 0 stickerkit convert --profile whatsapp --report "$f.json" "$p" \
			-o "$f.webp"
		wa_check "$f.webp" "$f.json" "$f.src"
	fi
done
[ "$n" -gt 0 ] || fail "no corpus animation matches $*"
