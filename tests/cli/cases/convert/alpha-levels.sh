# The alpha plane as a lever: an upscaled 18x18 emote at a budget no
# quality meets with alpha kept at 20 fits with alpha quality 0, the last
# resort, reported and decoded again within the budget; on opaque art a
# coarser alpha plane saves nothing, so no search is spent on one.  (The
# emote is enlarged with Lanczos, as pixel art would be pixel by pixel.)
export STK_PROFILE_DIR="$SRC/assets/profiles"
A=$CORPUS/animated/emote_dmogdotorg_yahoo_pray.gif
expect_status 0 stickerkit convert --profile whatsapp --duration-policy trim --filter lanczos3 \
	--max-bytes 96355 --report pray.json "$A" -o pray.webp
expect_grep "alpha quality lowered to 0" stderr
expect_eq "$(json pray.json 'j["alpha_quality"]')" 0.0 "alpha quality 0 reported"
expect_status 0 stickerkit info --json pray.webp
cp stdout pray.info
expect_eq "$(json pray.info 'j["bytes"] <= 96355 and j["width"] == 512 and j["frames"] > 1')" \
	true "an animation within the budget"
# alpha 0 is never tried while a coarser level fits: at 500,000 B it is 50
expect_status 0 stickerkit convert --profile whatsapp --duration-policy trim --filter lanczos3 \
	--report roomy.json "$A" -o roomy.webp
expect_eq "$(json roomy.json 'any(p["alpha_quality"] == 0 for p in j["probes"])')" false \
	"no alpha 0 probe when alpha 50 fits"
R=$CORPUS/animated/high_detail_raccoon_512.webp
expect_status 0 stickerkit convert --profile whatsapp --report raccoon.json "$R" -o raccoon.webp
expect_eq "$(json raccoon.json 'j["alpha_quality"]')" 100.0 "opaque art keeps alpha 100"
expect_eq "$(json raccoon.json '[p["alpha_quality"] for p in j["probes"] if p["whole"]]')" \
	"[100.0]" "one whole probe, none at a coarser alpha level"
