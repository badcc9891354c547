# timing.json is a side file, capped at 16 MiB (200 MB once took 4 GB and
# 16 s), and its values are counted before it is parsed: one per frame.
craft timing-big big 17
expect_refused 3 stickerkit info big
expect_grep "big/timing.json: file is .* over the limit of 16777216" stderr
rm -rf big

craft frames many 3
python3 -c 'import sys; sys.stdout.write("{\"durations_ms\": [" + ",".join(["40"] * 20000) + "]}")' \
	>many/timing.json
expect_refused 3 stickerkit info many
expect_grep "timing.json holds more than 10016 values" stderr
# within the count, a mismatch is still the usual error
printf '{"durations_ms": [40, 40, 40]}' >many/timing.json
expect_status 0 stickerkit info --json many
expect_eq "$(json stdout 'j["frames"]')" 3 "frames"
expect_eq "$(json stdout 'j["duration_ms"]')" 120 "duration"
# too many frames are refused while listing, before any is decoded
craft frames lots 40
rm lots/timing.json
expect_refused 3 stickerkit info --max-frames 30 lots
expect_grep "more than 30 frames (see --max-frames)" stderr
