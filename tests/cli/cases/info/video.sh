# Video through FFmpeg's libraries: H.264 MP4, MOV, VP9 WEBM with alpha
# (the yuva420p side stream), variable frame rates, audio ignored;
# truncated files are one line, exit 3.  Fixtures from Debian's ffmpeg.
ffmpeg_quiet -f lavfi -i testsrc2=size=160x120:rate=25:duration=1 \
	-f lavfi -i sine=duration=1 -c:v libx264 -pix_fmt yuv420p -c:a aac h264.mp4
ffmpeg_quiet -f lavfi -i testsrc2=size=96x64:rate=10:duration=1 -c:v mpeg4 clip.mov
ffmpeg_quiet -f lavfi -i "color=c=red@0.5:size=64x48:rate=10:duration=1,format=yuva420p" \
	-c:v libvpx-vp9 -pix_fmt yuva420p alpha.webm
ffmpeg_quiet -f lavfi -i testsrc2=size=64x64:rate=10:duration=1 \
	-vf "settb=1/1000,setpts='if(lt(N\,5)\,N*50\,250+(N-5)*150)'" -fps_mode passthrough \
	-enc_time_base 1:1000 -c:v libx264 vfr.mp4

expect_status 0 stickerkit info --json h264.mp4 clip.mov alpha.webm vfr.mp4
cp stdout all.json
expect_eq "$(json all.json '[o["format"] for o in j]')" '["mp4", "mov", "webm", "mp4"]' formats
expect_eq "$(json all.json '[o["motion"]["codec"] for o in j]')" '["h264", "mpeg4", "vp9", "h264"]' codecs
expect_eq "$(json all.json '[o["frames"] for o in j]')" '[25, 10, 10, 10]' frames
expect_eq "$(json all.json '[o["duration_ms"] for o in j[:3]]')" '[1000, 1000, 1000]' durations
expect_eq "$(json all.json 'j[0]["motion"]["audio"]')" true "audio seen (and ignored)"
expect_eq "$(json all.json '[o["alpha"] for o in j]')" '["none", "none", "partial", "none"]' alpha
expect_eq "$(json all.json 'j[3]["frame_durations_ms"][:9]')" '[50, 50, 50, 50, 50, 150, 150, 150, 150]' "variable frame rate"

# the alpha plane itself: red at half opacity, decoded with libvpx
expect_status 0 stickerkit convert alpha.webm -o alpha.png
expect_status 0 stickerkit info --json alpha.png
cp stdout a.json
expect_eq "$(json a.json 'j["alpha"]')" partial "alpha through to PNG"

# truncated: one line naming the file, exit 3
size=$(wc -c <alpha.webm)
head -c $((size / 2)) alpha.webm >cut.webm
head -c 3000 h264.mp4 >cut.mp4
for f in cut.webm cut.mp4; do
	expect_status 3 stickerkit info "$f"
	expect_eq "$(lines stderr)" 1 "$f: one line"
	expect_grep "$f" stderr
done
