# Sub-frames: a short clip of the animation sets the size model's scale,
# encoded where the search is expected to land, so the first whole probe
# is close to the budget.  The high-detail raccoon (36 frames) at
# 1,730,377 B: its sizes climb about 4.5% a quality step above libwebp's
# q75 knee, and a clip calibrated at q40 sent the search to q76 at 90%.
# WhatsApp's settings with a budget over its limit (which --max-bytes no
# longer raises): a profile of our own.
export STK_PROFILE_DIR="$SRC/assets/profiles"
A=$CORPUS/animated/high_detail_raccoon_512.webp
python3 - "$SRC/assets/profiles/whatsapp.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
for role in p["roles"]:
    for r in role["rules"]:
        if r["check"] == "max-bytes" and role["id"] == "sticker.animated":
            r["value"] = 2000000
json.dump(p, open("big.json", "w"))
PY
expect_status 0 stickerkit convert --profile ./big.json --no-all-keyframes --max-bytes 1730377 \
	--report r.json "$A" -o r.webp
expect_eq "$(json r.json 'j["encodes"]')" 1 "one whole encode"
expect_eq "$(json r.json 'any(not p["whole"] and p["quality"] > 60 and p["bytes"] > 4 * j["bytes"] / j["frames"] for p in j["probes"])')" \
	true "the clip was calibrated near the answer, not at q40"
expect_eq "$(json r.json '0.95 * 1730377 <= j["bytes"] <= 1730377')" true \
	"within 5% of the budget"
expect_status 0 stickerkit info --json r.webp
cp stdout r.json
expect_eq "$(json r.json 'j["frames"] == 36 and j["bytes"] <= 1730377')" true "36 frames within budget"
