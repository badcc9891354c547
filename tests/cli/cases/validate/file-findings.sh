# One sticker judged as the store would: standard input has no file name
# to fail; the WhatsApp fallback is said; an opaque background is seen
# inside convert's transparent margin; the WhatsApp EXIF's contents are
# shown by info and checked (1 to 3 emojis, pack id, name, publisher).
export STK_PROFILE_DIR="$SRC/assets/profiles"
F="$CORPUS/static/rgba_512x512_exact_frog.png"
expect_status 0 stickerkit convert -p whatsapp --quiet --emoji 😀 --pack-name Frogs --publisher Me "$F" -o ok.webp
expect_status 0 stickerkit validate -p whatsapp --format json - <ok.webp
expect_eq "$(json stdout 'j["findings"]')" '[]' "a valid sticker on standard input"

# No --profile and nothing to guess from: the fallback is said.
expect_status 0 stickerkit validate ok.webp
expect_grep "using the whatsapp profile" stderr

# An opaque white square keeps its background inside the margin convert adds.
python3 "$SRC/tests/cli/cases/resize/pngpix.py" square.png disc 400 400 120 '#ffffff'
expect_status 0 stickerkit convert -p whatsapp --quiet --emoji 😀 --pack-name Sq --publisher Me square.png -o square.webp
run stickerkit validate -p whatsapp --format json square.webp
expect_eq "$(json stdout '[x["rule"] for x in j["findings"] if x["rule"] == "whatsapp.art.background"]')" '["whatsapp.art.background"]' "opaque square in a margin"
run stickerkit validate -p whatsapp --format json ok.webp
expect_eq "$(json stdout '[x["rule"] for x in j["findings"] if x["rule"] == "whatsapp.art.background"]')" '[]' "transparent art passes"

# EXIF contents: shown, and 4 emojis or no publisher are findings.
expect_status 0 stickerkit info --json ok.webp
expect_eq "$(json stdout 'j["whatsapp"]["emojis"] == ["😀"]')" true "info shows the emojis"
expect_eq "$(json stdout 'j["whatsapp"]["sticker-pack-name"]')" Frogs "info shows the pack name"
expect_status 0 stickerkit info ok.webp
expect_grep 'whatsapp: *pack "Frogs"' stdout
stickerkit convert -p whatsapp --quiet --emoji a --emoji b --emoji c --emoji d --pack-name X --publisher Y "$F" -o e4.webp || true
stickerkit convert -p whatsapp --quiet --emoji a --pack-name X "$F" -o nopub.webp || true
for f in e4 nopub; do
	[ -s $f.webp ] || fail "$f.webp not written"
	run stickerkit validate -p whatsapp --format json $f.webp
	cp stdout $f.json
done
expect_grep '4 emojis' e4.json
expect_eq "$(json e4.json '[x["rule"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.exif-valid"]')" '["whatsapp.sticker.exif-valid"]' "4 emojis"
expect_eq "$(json nopub.json '[x["value"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.exif-valid"]')" '["no sticker-pack-publisher"]' "no publisher"
