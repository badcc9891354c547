# -p telegram turns animations into VP9 WEBM video stickers: one side
# 512, at most 3 s and 30 fps, within 256 KB, alpha kept (yuva420p), no
# audio; validate -p telegram passes them and ffprobe agrees.  The same
# input gives the same bytes.  Fixtures: a Lottie file and an H.264 clip
# with audio at 60 fps, both made by Debian's ffmpeg.
lottie anim.json 64 64 30 0 30
ffmpeg_quiet -f lavfi -i testsrc2=size=320x180:rate=60:duration=1 \
	-f lavfi -i sine=duration=1 -c:v libx264 -pix_fmt yuv420p -c:a aac clip.mp4
for f in anim clip; do
	src=$f.json
	[ $f = clip ] && src=clip.mp4
	expect_status 0 stickerkit convert -p telegram --report $f.rep.json "$src" -o $f.webm
	expect_status 0 stickerkit validate -p telegram $f.webm
	size=$(wc -c <$f.webm | tr -d ' ')
	[ "$size" -le 256000 ] || fail "$f: $size bytes, over 256 KB"
	probe $f.webm stream=codec_name,codec_type:stream_tags=alpha_mode:format=duration >p.txt
	expect_grep "codec_name=vp9" p.txt
	expect_grep "TAG:alpha_mode=1" p.txt
	[ "$(grep -c codec_type= p.txt)" = 1 ] || { cat p.txt; fail "$f: streams besides the video"; }
	python3 -c 'import sys; d=float(sys.argv[1]); sys.exit(0 if 0 < d <= 3.0 else 1)' \
		"$(sed -n 's/^duration=//p' p.txt)" || fail "$f: duration over 3 s"
	# decoded again: the frames and timing the report says
	expect_status 0 stickerkit info --json $f.webm
	cp stdout $f.info.json
	expect_eq "$(json $f.info.json 'j["frames"]')" "$(json $f.rep.json 'j["frames"]')" "$f frames"
	expect_eq "$(json $f.info.json 'j["duration_ms"]')" "$(json $f.rep.json 'j["duration_ms"]')" "$f duration"
done
expect_eq "$(json anim.info.json 'j["width"]')x$(json anim.info.json 'j["height"]')" 512x512 "Lottie canvas"
expect_eq "$(json anim.info.json 'j["frames"]')" 30 "Lottie frames kept"
expect_eq "$(json anim.info.json 'j["duration_ms"]')" 1000 "Lottie duration kept"
expect_eq "$(json anim.info.json 'j["alpha"]')" partial "Lottie transparency kept"
expect_eq "$(json clip.info.json 'j["width"]')x$(json clip.info.json 'j["height"]')" 512x288 "video: one side 512"
expect_eq "$(json clip.info.json 'j["motion"]["audio"]')" false "audio dropped"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j["frames"] * 1000 <= 30 * j["duration_ms"] + 30 else 1)' \
	clip.info.json || fail "60 fps source: over 30 fps"
# the same bytes on a second run (tests/unit/test-convert-profile.c too)
expect_status 0 stickerkit convert -p telegram clip.mp4 -o again.webm
cmp -s clip.webm again.webm || fail "two runs differ"
