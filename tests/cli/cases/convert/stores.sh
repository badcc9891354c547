# Stores that want PNG, APNG, GIF or WebP get them, within their budgets,
# as their profiles say (assets/profiles/*.json).
S=$CORPUS/static/rgba_1024x1024_grinning-face.png
A=$CORPUS/animated/emote_dmogdotorg_msn_cry.gif
H=$CORPUS/animated/frames_bounce_hamster
run_store() { # output format max-bytes width, then the convert arguments
	out=$1 format=$2 max=$3 width=$4
	shift 4
	expect_status 0 stickerkit convert "$@" -o "$out"
	expect_status 0 stickerkit info --json "$out"
	cp stdout "$out.info"
	printf '%s %s %s %s\n' "$out" "$format" "$max" "$width" >>expected
}
run_store s.png png 300000 512 --profile signal "$S"
run_store a.png apng 300000 512 --profile signal --filter nearest "$A"
run_store line.png apng 300000 270 --profile line "$H"
run_store ls.png png 1000000 320 --profile line "$S"
run_store d.png apng 500000 320 --profile discord --filter nearest "$A"
run_store k.png png 150000 360 --profile kakaotalk "$S"
run_store ka.webp webp 650000 360 --profile kakaotalk "$A"
run_store w.gif gif 500000 240 --profile wechat "$A"
run_store tg.png png 512000 512 --profile telegram "$S"
# Tight budgets are met with fewer colours.
run_store t.png png 20000 512 --profile signal --max-bytes 20000 --report t.json "$S"
run_store tl.png apng 120000 270 --profile line --max-bytes 120000 --report tl.json "$H"
python3 - <<'PY' || fail "outputs do not meet the stores' rules"
import json, sys
bad = []
for line in open("expected"):
    out, fmt, limit, width = line.split()
    i = json.load(open(out + ".info"))
    if (i["format"], i["width"]) != (fmt, int(width)) or i["bytes"] > int(limit):
        bad.append((out, i["format"], i["width"], i["bytes"]))
line = json.load(open("line.png.info"))
if not 5 <= line["frames"] <= 20 or line["duration_ms"] not in (1000, 2000, 3000, 4000):
    bad.append(("LINE frames/duration", line["frames"], line["duration_ms"]))
if not 1 <= line["loop"] <= 4:
    bad.append(("LINE plays", line["loop"]))
for out in ("a.png", "w.gif"):
    if json.load(open(out + ".info"))["loop"] != 0:
        bad.append((out, "does not loop forever"))
for r in ("t.json", "tl.json"):
    j = json.load(open(r))
    if j["colors"] is None or not j["fits"]:
        bad.append((r, "no palette search", j["colors"]))
for b in bad:
    print(*b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
