# One frame duration (WhatsApp's layout): holds become repeated frames that
# cost a few bytes, and the picture at every moment is the one the source
# timeline shows (a frame that disposes to the background does so at the
# end of its hold, not before).  --keep-frame-durations keeps the source's.
A=$CORPUS/animated/emote_QIP-pidgin_cx_gif2webp.webp
expect_status 0 stickerkit convert --size 512x512 --lossy -q 82 --constant-frame-duration \
	--report c.json "$A" -o c.webp
expect_grep "timing: every frame 50 ms (93 frames, 4650 ms)" stderr
expect_status 0 stickerkit convert --size 512x512 --lossy -q 82 --keep-frame-durations \
	--report k.json "$A" -o k.webp
expect_status 0 stickerkit info --json c.webp
cp stdout c.info
expect_eq "$(json c.info 'sorted(set(j["frame_durations_ms"]))')" "[50]" "one duration"
expect_eq "$(json c.info 'j["duration_ms"]')" 4650 "duration kept"
expect_eq "$(python3 -c 'import json; c, k = (json.load(open(f)) for f in ("c.json", "k.json"));
print(abs(c["ssim"] - k["ssim"]) < 0.002 and c["bytes"] - k["bytes"] < 5000)')" True \
	"the same picture at every moment, for a few bytes more"
expect_status 2 stickerkit convert --constant-frame-duration --keep-frame-durations "$A" -o x.webp
