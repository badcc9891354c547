# --all-keyframes: every frame of the animated WebP decodes on its own; the
# whatsapp profile asks for it (whatsapp.art.keyframes), --no-all-keyframes
# turns it off.  convert and validate agree: no keyframes warning on
# convert's output for WhatsApp, and convert gives validate's warning when
# the keyframes are turned off.
A=$CORPUS/animated/emote_dmogdotorg_msn_cry.gif
expect_status 0 stickerkit convert --lossy --all-keyframes --size 512x512 "$A" -o k.webp
expect_status 0 stickerkit info --json k.webp
cp stdout k.json
expect_eq "$(json k.json 'j["webp"]["keyframes"] == j["frames"] > 1')" true "all keyframes"
expect_status 0 stickerkit convert --lossy --size 512x512 "$A" -o d.webp
expect_status 0 stickerkit info --json d.webp
cp stdout d.json
expect_eq "$(json d.json 'j["webp"]["keyframes"] < j["frames"]')" true "default: partial frames"
expect_status 0 stickerkit convert --profile whatsapp --lossy "$A" -o w.webp
expect_status 0 stickerkit info --json w.webp
cp stdout w.json
expect_eq "$(json w.json 'j["webp"]["keyframes"] == j["frames"] > 1')" true "whatsapp: all keyframes"
expect_eq "$(json w.json 'j["bytes"] <= 500000')" true "within budget"
if grep -q "whatsapp.art.keyframes" stderr; then cat stderr; fail "convert warned on its own keyframes"; fi
expect_status 0 stickerkit validate --profile whatsapp w.webp
if grep -q "whatsapp.art.keyframes" stdout; then cat stdout; fail "validate warns on the keyframes"; fi
# Turned off, convert says what validate says of it.
expect_status 0 stickerkit convert --profile whatsapp --lossy --no-all-keyframes "$A" -o n.webp
expect_grep "n.webp: warning whatsapp.art.keyframes" stderr
expect_status 0 stickerkit info --json n.webp
cp stdout n.json
expect_eq "$(json n.json 'j["webp"]["keyframes"] < j["frames"]')" true "--no-all-keyframes: partial frames"
expect_status 2 stickerkit convert --all-keyframes --no-all-keyframes "$A" -o x.webp
