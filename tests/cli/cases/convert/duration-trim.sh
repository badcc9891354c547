# Under --duration-policy trim the 12 s animation fits: 10 s, 500,000 B.
# Memory stays bounded by the output frames: well under 400 MB (not
# measured under a sanitizer, whose shadow memory would count).
time=
if [ -x /usr/bin/time ] && ! ldd "$(command -v stickerkit)" 2>/dev/null | grep -q asan; then
	time="/usr/bin/time -f %M -o rss"
fi
expect_status 0 $time stickerkit convert --profile whatsapp --duration-policy trim \
	--report r.json "$CORPUS/animated/long_12s_30fps_hedgehog_512.webp" -o out.webp
if [ -n "$time" ]; then
	[ "$(tail -1 rss)" -lt 400000 ] || fail "peak memory $(tail -1 rss) KB"
fi
expect_grep "timing: trimmed at 10000 ms (was 12000 ms)" stderr
expect_status 0 stickerkit info --json out.webp
cp stdout info.json
expect_eq "$(json info.json '9900 <= j["duration_ms"] <= 10000')" true duration
expect_eq "$(json info.json 'min(j["frame_durations_ms"]) >= 8')" true "frames >= 8 ms"
expect_eq "$(json info.json 'j["bytes"] <= 500000 and j["width"] == 512')" true "fits"
expect_eq "$(json r.json 'j["encodes"] <= 3')" true "at most 3 whole encodes"
