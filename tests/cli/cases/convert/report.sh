# The report: one text line on stderr (none with --quiet), JSON with
# --report carrying the keys outside checks rely on.
P=$CORPUS/static/rgba_1024x1024_grinning-face.png
# (with the metadata WhatsApp asks for: no warning of the profile's checks)
M="--emoji 😀 --pack-name T --publisher Me"
expect_status 0 stickerkit convert --profile whatsapp $M --report r.json "$P" -o out.webp
expect_eq "$(lines stderr)" 1 "one line on stderr"
expect_grep "grinning-face.png: webp 512x512, [0-9]* bytes of 100000" stderr
for k in quality fps scale lossless bytes budget encodes ms ssim; do
	[ "$(json r.json "'$k' in j")" = true ] || fail "key $k missing"
done
expect_eq "$(json r.json 'j["bytes"]')" "$(wc -c <out.webp | tr -d ' ')" "bytes is the file size"
# 1024 px art into 512 less the whatsapp profile's 16 px margins: 480/1024
expect_eq "$(json r.json 'j["scale"]')" 0.4688 scale
expect_eq "$(json r.json 'j["fps"]')" 0.0 "still: fps 0"
expect_status 0 stickerkit convert --profile whatsapp --quiet "$P" -o q.webp
[ ! -s stderr ] || fail "--quiet wrote to stderr"
# Options may come before or after the input; - writes to standard output.
expect_status 0 stickerkit convert "$P" --profile whatsapp $M -o - --quiet
cmp -s stdout out.webp || fail "stdout output differs"
# Standard input works too, also with --trim (which reads the frames twice).
expect_status 0 sh -c "stickerkit convert --profile whatsapp --trim - -o t.webp <'$CORPUS/static/rgba_1200x800_offcentre_panda.png'"
expect_grep "^-: webp 512x512" stderr
