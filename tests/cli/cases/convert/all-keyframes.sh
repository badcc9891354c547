# --all-keyframes: every frame of the animated WebP decodes on its own.
A=$CORPUS/animated/emote_dmogdotorg_msn_cry.gif
expect_status 0 stickerkit convert --profile whatsapp --lossy --all-keyframes "$A" -o k.webp
expect_status 0 stickerkit info --json k.webp
cp stdout k.json
expect_eq "$(json k.json 'j["webp"]["keyframes"] == j["frames"] > 1')" true "all keyframes"
expect_eq "$(json k.json 'j["bytes"] <= 500000')" true "within budget"
expect_status 0 stickerkit convert --profile whatsapp --lossy "$A" -o d.webp
expect_status 0 stickerkit info --json d.webp
cp stdout d.json
expect_eq "$(json d.json 'j["webp"]["keyframes"] < j["frames"]')" true "default: partial frames"
