# A folder of numbered frames is one animation; --fps sets its timing,
# timing.json beside the frames too, and the default is 24 fps.
expect_status 0 stickerkit info --json "$CORPUS/animated/frames_bounce_hamster"
cp stdout f.json
expect_eq "$(json f.json 'j["format"]')" frames-folder format
expect_eq "$(json f.json 'j["frames"]')" 24 frames
expect_eq "$(json f.json 'j["duration_ms"]')" 1000 "24 frames at 24 fps"
expect_status 0 stickerkit info --json --fps 12 "$CORPUS/animated/frames_bounce_hamster"
cp stdout f12.json
expect_eq "$(json f12.json 'j["duration_ms"]')" 2000 "24 frames at 12 fps"
mkdir frames
for n in 1 2 10; do cp "$CORPUS/animated/frames_bounce_hamster/000$((n % 10 + 1)).png" frames/f$n.png; done
printf '{"durations_ms": [100, 200, 300], "plays": 2}' >frames/timing.json
expect_status 0 stickerkit info --json frames
cp stdout t.json
expect_eq "$(json t.json 'j["frame_durations_ms"]')" "[100, 200, 300]" "timing.json durations"
expect_eq "$(json t.json 'j["loop"]')" 2 "timing.json plays"
printf '{"fps": 10, "speed": 2}' >frames/timing.json
expect_status 3 stickerkit info frames
expect_grep "timing.json" stderr
