# A folder of numbered frames is one animation.
expect_status 0 stickerkit resize --size 64x64 --fps 12 "$CORPUS/animated/frames_bounce_hamster" -o h.webp
stickerkit info --json h.webp >h.json
expect_eq "$(json h.json '[j["width"], j["height"], j["frames"]]')" "[64, 64, 24]" frames
expect_eq "$(json h.json 'j["duration_ms"]')" 2000 "24 frames at 12 fps"
