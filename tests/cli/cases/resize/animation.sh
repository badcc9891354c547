# Example: an animation is resized frame by frame with one layout: with
# --trim the box is the union over all frames, so the character does not
# jump; frame count and timing are kept.
# stickerkit resize --trim anim.gif -o sticker.webp
cp "$CORPUS/animated/short_delay_10ms_bat_512.gif" anim.gif
expect_status 0 stickerkit resize --trim anim.gif -o sticker.webp
stickerkit info --json sticker.webp >b.json
expect_eq "$(json b.json '[j["width"], j["height"]]')" "[512, 512]" size
expect_eq "$(json b.json 'j["frames"]')" 20 frames
expect_eq "$(json b.json 'j["duration_ms"]')" 200 duration
expect_eq "$(json b.json 'j["loop"]')" 0 loop
# APNG in, APNG out, with its 41/42 ms timeline.
expect_status 0 stickerkit resize --size 128x128 "$CORPUS/animated/bounce_hamster_1024.apng" -o h.apng
stickerkit info --json h.apng >h.json
expect_eq "$(json h.json 'j["format"]')" apng format
expect_eq "$(json h.json 'j["frames"]')" 24 frames
expect_eq "$(json h.json 'j["duration_ms"]')" 1000 duration
expect_eq "$(json h.json 'j["frame_durations_ms"][:3]')" "[42, 41, 42]" timeline
# GIF out, from a WebP.
expect_status 0 stickerkit resize --size 96x96 --trim "$CORPUS/animated/bounce_hamster_1024.webp" -o h.gif
stickerkit info --json h.gif >g.json
expect_eq "$(json g.json '[j["format"], j["frames"], j["width"]]')" '["gif", 24, 96]' gif
