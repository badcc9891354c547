# The JSON keys outside checks rely on are present with the right types.
expect_status 0 stickerkit info --json "$CORPUS/static/rgba_64x64_tiny_penguin.png"
cp stdout one.json
for k in file format width height frames duration_ms frame_durations_ms loop alpha bytes metadata; do
	[ "$(json one.json "'$k' in j")" = true ] || fail "key $k missing"
done
expect_eq "$(json one.json 'j["format"]')" png format
expect_eq "$(json one.json 'j["alpha"]')" partial alpha
expect_eq "$(json one.json 'j["bytes"]')" "$(wc -c <"$CORPUS/static/rgba_64x64_tiny_penguin.png" | tr -d ' ')" bytes
expect_eq "$(json one.json 'j["frame_durations_ms"]')" "[0]" "still frame duration"
