# An animation that fits no quality: the failure says the real smallest
# size reached (a whole encode at the roughest settings, never "0 bytes
# (no encode)") and a way out that works: the --min-fps it names fits.
# (Enlarged with Lanczos: pixel by pixel the emote fits easily.)
export STK_PROFILE_DIR="$SRC/assets/profiles"
A=$CORPUS/animated/emote_dmogdotorg_msn_cry.gif
expect_status 4 stickerkit convert -p whatsapp --filter lanczos3 --max-bytes 12000 --report r.json "$A" -o out.webp
[ ! -e out.webp ] || fail "written over budget"
if grep -q "no encode\|is 0 bytes" stderr; then cat stderr; fail "no real size reached"; fi
expect_grep "cannot fit the animation in 12000 bytes: the smallest encoding reached is [1-9][0-9]* bytes" stderr
smallest=$(sed -n 's/.*smallest encoding reached is \([0-9]*\) bytes.*/\1/p' stderr)
expect_eq "$(json r.json 'j["bytes"]')" "$smallest" "the report's smallest size"
expect_eq "$(json r.json 'j["fits"] is False and j["encodes"] >= 1')" true "a whole encode made"
fps=$(sed -n 's/.*(--min-fps \([0-9.]*\),.*/\1/p' stderr)
[ -n "$fps" ] || { cat stderr; fail "no --min-fps way out"; }
expect_status 0 stickerkit convert -p whatsapp --filter lanczos3 --max-bytes 12000 --min-fps "$fps" "$A" -o low.webp
expect_status 0 stickerkit info --json low.webp
cp stdout low.json
expect_eq "$(json low.json 'j["animated"] and j["bytes"] <= 12000')" true "the way out fits"
