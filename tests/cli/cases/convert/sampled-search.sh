# Every frame a keyframe: frames are coded independently, so the quality
# search runs on a sample of the frames and the whole animation is encoded
# once, reusing the sample's frames.  The 24-frame hamster at 156,885 B:
# one whole encode, within the budget and close to it, every frame a
# keyframe, the same bytes on a rerun.
export STK_PROFILE_DIR="$SRC/assets/profiles"
A=$CORPUS/animated/bounce_hamster_1024.apng
expect_status 0 stickerkit convert --profile whatsapp --max-bytes 156885 --report r.json \
	"$A" -o h.webp
expect_eq "$(json r.json 'j["encodes"]')" 1 "one whole encode"
expect_eq "$(json r.json 'any(not p["whole"] and p["bytes"] > 4 * j["bytes"] / j["frames"] for p in j["probes"])')" \
	true "the search probed a sample of several frames"
expect_eq "$(json r.json '0.85 * 156885 <= j["bytes"] <= 156885 and j["ssim"] > 0.98')" true \
	"close to the budget, good quality"
expect_status 0 stickerkit info --json h.webp
cp stdout h.json
expect_eq "$(json h.json 'j["frames"] == j["webp"]["keyframes"] == 24 and j["bytes"] <= 156885')" \
	true "24 keyframes within budget"
expect_status 0 stickerkit convert --profile whatsapp --max-bytes 156885 --quiet "$A" -o again.webp
cmp -s h.webp again.webp || fail "rerun differs"
