# A long clip is not a bomb: what is decoded in all is bounded by the larger
# of --max-decoded and 4096 times the input's size, so a folder of 40
# 1280x720 PNG frames (4 MB, 140 MiB decoded) converts, and info and
# validate read it, under --max-decoded 64 and --max-memory 16: they all
# stream, holding a frame or two.  The old rule counted every streamed frame
# against --max-decoded alone (a 10 s 1920x1080 folder was refused by
# convert at 2048 MiB although convert held 89 MB), and info and validate
# kept every frame.  Frames from Debian's ffmpeg.
export STK_PROFILE_DIR="$SRC/assets/profiles"
mkdir hd
ffmpeg_quiet -f lavfi -i "testsrc2=size=1280x720:rate=20,format=rgba" -t 2 hd/%03d.png
printf '{"fps": 20}\n' >hd/timing.json
lim="--max-decoded 64 --max-memory 16"
expect_status 0 stickerkit convert -p whatsapp -q $lim --report rep.json hd -o hd.webp
expect_eq "$(json rep.json 'j["source_frames"]')" 40 "source frames"
expect_status 0 stickerkit info --json hd.webp
cp stdout out.json
expect_eq "$(json out.json 'j["duration_ms"]')" 2000 "output duration"
expect_status 0 stickerkit info --json $lim hd
cp stdout in.json
expect_eq "$(json in.json 'j["frames"]')" 40 "folder frames"
expect_eq "$(json in.json 'j["duration_ms"]')" 2000 "folder duration"
expect_status 1 stickerkit validate -p whatsapp $lim --format json hd
cp stdout v.json
expect_eq "$(json v.json 'j["unreadable"]')" 0 unreadable
expect_eq "$(json v.json '[f["value"] for f in j["findings"] if f["rule"] == "whatsapp.sticker.width"]')" "[1280]" "width finding"
# the floor still holds for a small input that decodes to a lot (a bomb)
craft gif-bomb bomb.gif 1000 8192
expect_refused 3 stickerkit convert --max-decoded 512 --size 64x64 bomb.gif -o out.webp
expect_grep "decoded frames exceed 512 MiB in all" stderr
