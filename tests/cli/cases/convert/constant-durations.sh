# Frame timing for stores that want one rate (WhatsApp's layouts):
# --constant-frame-duration gives every frame one duration, holds become
# repeated frames that cost a few bytes; --frame-step puts the frames on
# one rate too but a hold stays one frame lasting whole steps.  Either way
# the picture at every moment is the one the source timeline shows (a
# frame that disposes to the background does so at the end of its hold,
# not before).  --keep-frame-durations keeps the source's.
A=$CORPUS/animated/emote_QIP-pidgin_cx_gif2webp.webp
expect_status 0 stickerkit convert --size 512x512 --lossy --quality 82 --constant-frame-duration \
	--report c.json "$A" -o c.webp
expect_grep "timing: every frame 50 ms (93 frames, 4650 ms)" stderr
expect_status 0 stickerkit convert --size 512x512 --lossy --quality 82 --keep-frame-durations \
	--report k.json "$A" -o k.webp
expect_status 0 stickerkit convert --size 512x512 --lossy --quality 82 --frame-step \
	--report s.json "$A" -o s.webp
expect_grep "timing: every frame whole 50 ms steps (34 frames, 4650 ms)" stderr
expect_status 0 stickerkit info --json c.webp
cp stdout c.info
expect_eq "$(json c.info 'sorted(set(j["frame_durations_ms"]))')" "[50]" "one duration"
expect_eq "$(json c.info 'j["duration_ms"]')" 4650 "duration kept"
expect_status 0 stickerkit info --json s.webp
cp stdout s.info
expect_eq "$(json s.info 'j["frames"]')" 34 "a frame per hold"
expect_eq "$(json s.info 'all(d % 50 == 0 for d in j["frame_durations_ms"])')" true \
	"whole 50 ms steps"
expect_eq "$(json s.info 'j["duration_ms"]')" 4650 "duration kept"
expect_eq "$(python3 -c 'import json; c, k, s = (json.load(open(f)) for f in ("c.json", "k.json", "s.json"));
print(abs(c["ssim"] - k["ssim"]) < 0.002 and c["bytes"] - k["bytes"] < 5000 and
      abs(s["ssim"] - k["ssim"]) < 0.002)')" True \
	"the same picture at every moment, for a few bytes more"
# with every frame a keyframe, a repeat is a whole frame: whole steps save them
expect_status 0 stickerkit convert --size 512x512 --lossy --quality 82 --all-keyframes \
	--constant-frame-duration --report ck.json "$A" -o ck.webp
expect_status 0 stickerkit convert --size 512x512 --lossy --quality 82 --all-keyframes \
	--frame-step --report sk.json "$A" -o sk.webp
expect_eq "$(python3 -c 'import json; c, s = (json.load(open(f)) for f in ("ck.json", "sk.json"));
print(s["frames"] == 34 and c["frames"] == 93 and s["bytes"] * 2 < c["bytes"])')" True \
	"34 keyframes instead of 93, under half the bytes"
expect_status 2 stickerkit convert --constant-frame-duration --keep-frame-durations "$A" -o x.webp
expect_status 2 stickerkit convert --frame-step --constant-frame-duration "$A" -o x.webp
