# A WEBM of one's own from the extension: a still is a one-frame, 1 s
# loop, an animation keeps its frames and timing; both decode again.
ffmpeg_quiet -f lavfi -i "color=c=blue:size=90x60,format=rgba" -frames:v 1 still.png
expect_status 0 stickerkit convert still.png -o still.webm
expect_status 0 stickerkit info --json still.webm
cp stdout s.json
expect_eq "$(json s.json 'j["format"]')" webm "format"
expect_eq "$(json s.json 'j["width"]')x$(json s.json 'j["height"]')" 90x60 "size kept"
expect_eq "$(json s.json 'j["frames"]')" 1 "one frame"
expect_eq "$(json s.json 'j["duration_ms"]')" 1000 "a 1 s loop"
lottie anim.json 64 64 20 0 30
expect_status 0 stickerkit convert anim.json -o anim.webm
expect_status 0 stickerkit info --json anim.webm
cp stdout a.json
expect_eq "$(json a.json 'j["frames"]')" 30 "frames"
expect_eq "$(json a.json 'j["frame_durations_ms"]')" "$(python3 -c 'print([50]*30)')" "timing"
expect_eq "$(json a.json 'j["alpha"]')" partial "alpha"
