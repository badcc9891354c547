# A store that takes several formats: -o's extension picks one (Signal and
# Telegram take PNG or WebP stills); without one (-o -), each is searched
# and the best result kept and reported: on a noisy photo WebP keeps far
# more than a 256-colour PNG.  Outputs are decoded again to check them.
export STK_PROFILE_DIR="$SRC/assets/profiles"
S=$CORPUS/static/photo_noisy_1024x1024_tiger-face.png
A=$CORPUS/animated/emote_dmogdotorg_msn_cry.gif
for p in signal telegram; do
	expect_status 0 stickerkit convert -p $p "$S" -o $p.webp
	expect_status 0 stickerkit info --json $p.webp
	cp stdout $p.json
	expect_eq "$(json $p.json 'j["format"]')" webp "-p $p -o $p.webp"
	expect_status 0 stickerkit validate -p $p $p.webp
done
expect_status 0 stickerkit convert -p signal "$S" -o signal.png
expect_status 0 stickerkit info --json signal.png
cp stdout png.json
expect_eq "$(json png.json 'j["format"]')" png "-o signal.png"

# No extension: the best of PNG and WebP, said in the notes.
expect_status 0 stickerkit convert -p signal --report r.json "$S" -o -
cp stdout best.out
expect_grep "format webp, the best of those the store takes (png SSIM 0\.[0-9]* at [0-9]* bytes, webp SSIM" stderr
expect_status 0 stickerkit info --json best.out
cp stdout best.json
expect_eq "$(json best.json 'j["format"] == "webp" and j["width"] == 512 and j["bytes"] <= 300000')" \
	true "the WebP, within Signal's budget"
expect_eq "$(json r.json 'j["format"] == "webp" and j["ssim"] > 0.95 and j["encodes"] >= 2')" \
	true "report: webp, its SSIM, every encode counted"
cmp -s best.out signal.webp || fail "the chosen WebP differs from -o signal.webp's"

# A format the store does not take, or not for this kind: refused.
expect_status 2 stickerkit convert -p signal "$S" -o x.gif
expect_grep "writes png, webp stills and apng animations, not gif" stderr
expect_status 2 stickerkit convert -p signal "$A" -o x.webp
expect_grep "writes apng for this input, not webp" stderr
[ ! -e x.webp ] || fail "written under a name that does not fit"
