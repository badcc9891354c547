# Art animated "on twos" (every drawing shown for two frames) is the same
# motion as its drawings at half the rate: repeated frames are merged into
# holds before the search, so 48 frames at 24 fps come out as the 24 at
# 12 fps do (the same bytes), and the timing note says so.
export STK_PROFILE_DIR="$SRC/assets/profiles"
H=$CORPUS/animated/frames_bounce_hamster
mkdir ones twos
i=0
for f in "$H"/*.png; do
	i=$((i + 1))
	cp "$f" ones/$(printf %04d $i).png
	cp "$f" twos/$(printf %04d $((2 * i - 1))).png
	cp "$f" twos/$(printf %04d $((2 * i))).png
done
echo '{"fps": 12}' >ones/timing.json
echo '{"fps": 24}' >twos/timing.json
M="--emoji 😀 --pack-name T --publisher Me"
expect_status 0 stickerkit convert -p whatsapp $M --report ones.json ones -o ones.webp
expect_status 0 stickerkit convert -p whatsapp $M --report twos.json twos -o twos.webp
expect_grep "timing: 24 repeated frames merged into holds (24 frames of motion)" stderr
cmp -s ones.webp twos.webp || fail "on twos differs from the drawings at 12 fps: \
$(json ones.json 'j["quality"]') against $(json twos.json 'j["quality"]')"
expect_status 0 stickerkit info --json twos.webp
cp stdout info.json
expect_eq "$(json info.json 'j["frames"] == 24 and j["duration_ms"] == 2000')" true "24 frames, 2 s"
