# info and validate stream frames: a long animation is read one frame at a
# time, so what they hold does not grow with its length and --max-memory
# (what is held at once) passes a 12 s clip whose frames together are five
# times over it.  They used to keep every frame (a 12 s 1024x1024 WebP took
# 1.46 GB) and refused this one at frame 64.  The facts are the whole
# clip's all the same: every frame counted and timed, the keyframes of the
# WebP and its pixels judged.  Fixture from Debian's ffmpeg: 300 frames of
# 256x256 at 25 fps (75 MiB decoded), lossy, one keyframe.
export STK_PROFILE_DIR="$SRC/assets/profiles"
ffmpeg_quiet -f lavfi -i "testsrc2=size=256x256:rate=25,format=rgba" -t 12 \
	-c:v libwebp_anim -lossless 0 -quality 30 -loop 0 long.webp
expect_status 0 stickerkit info --json --max-memory 16 long.webp
cp stdout info.json
expect_eq "$(json info.json 'j["frames"]')" 300 frames
expect_eq "$(json info.json 'j["duration_ms"]')" 12000 duration
expect_eq "$(json info.json 'sorted(set(j["frame_durations_ms"]))')" "[40]" "frame durations"
expect_eq "$(json info.json 'j["webp"]["keyframe_indices"]')" "[0]" keyframes
expect_eq "$(json info.json 'j["alpha"]')" none alpha
expect_status 0 stickerkit info --max-memory 16 long.webp
expect_grep "frames:     300" stdout
expect_grep "duration:   12000 ms" stdout
# validate judges the same facts: the whole duration, the first frame that
# is not a keyframe, the opaque background of the pixels
expect_status 1 stickerkit validate -p whatsapp --max-memory 16 --format json long.webp
cp stdout v.json
expect_eq "$(json v.json '[f["value"] for f in j["findings"] if f["rule"] == "whatsapp.sticker.duration"]')" "[12000]" "duration finding"
expect_eq "$(json v.json '[f["frame"] for f in j["findings"] if f["rule"] == "whatsapp.art.keyframes"]')" "[1]" "keyframe finding"
expect_eq "$(json v.json '[f["value"] for f in j["findings"] if f["rule"] == "whatsapp.art.background"]')" '["opaque"]' "background finding"
expect_eq "$(json v.json 'j["unreadable"]')" 0 unreadable
# what is held at once is still bounded: a 1024x1024 canvas and the frame
# handed on are 8 MiB, whether or not the frame is kept
ffmpeg_quiet -f lavfi -i "testsrc2=size=1024x1024:rate=10,format=rgba" -t 0.3 \
	-c:v libwebp_anim -lossless 0 -quality 30 -loop 0 big.webp
expect_refused 3 stickerkit info --max-memory 4 big.webp
expect_grep "big.webp: frames held in memory would exceed 4 MiB at frame 1 (see --max-memory)" stderr
