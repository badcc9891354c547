# Under --duration-policy speedup the 12 s animation plays in 10 s.
expect_status 0 stickerkit convert --profile whatsapp --duration-policy speedup \
	"$CORPUS/animated/long_12s_30fps_hedgehog_512.webp" -o out.webp
expect_grep "timing: sped up 1.20x to fit 10000 ms (was 12000 ms)" stderr
expect_status 0 stickerkit info --json out.webp
cp stdout info.json
expect_eq "$(json info.json '9900 <= j["duration_ms"] <= 10000')" true duration
expect_eq "$(json info.json 'min(j["frame_durations_ms"]) >= 8')" true "frames >= 8 ms"
expect_eq "$(json info.json 'j["bytes"] <= 500000')" true "fits"
