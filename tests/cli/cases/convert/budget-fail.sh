# Nothing is ever written over budget: when nothing fits, exit 4 with the
# smallest size reached and what would fit; the report still says so.
S=$CORPUS/static/photo_noisy_1024x1024_tiger-face.png
expect_status 4 stickerkit convert --profile whatsapp --max-bytes 3000 --report r.json "$S" -o out.webp
expect_grep "cannot fit a still in 3000 bytes: the smallest encoding reached is" stderr
expect_grep "it would fit a budget of" stderr
[ ! -e out.webp ] || fail "output written over budget"
expect_eq "$(json r.json 'j["fits"]')" false "report: no fit"
expect_eq "$(json r.json 'j["bytes"] > 3000 and j["budget"] == 3000')" true "report: smallest size"
expect_eq "$(json r.json 'j["encodes"] == len([p for p in j["probes"] if p["whole"]])')" true \
	"report: every encode listed"
# A budget that fits only lossy: the search runs and stays under it.
expect_status 0 stickerkit convert --profile whatsapp --max-bytes 40000 --report r2.json "$S" -o ok.webp
expect_eq "$(json r2.json 'j["bytes"] <= 40000 and not j["lossless"]')" true "lossy under 40,000"
# (lossless, the ceiling, at most 5 in the search, one sharp YUV candidate)
expect_eq "$(json r2.json 'j["encodes"] <= 8')" true "at most 8 encodes"
[ "$(wc -c <ok.webp)" -le 40000 ] || fail "file over budget"
