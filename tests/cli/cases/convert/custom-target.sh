# A target of one's own without a profile file: every limit on the
# command line, the format from -o's extension; the output read back
# meets each of them.
lottie anim.json 200 100 30 0 60
expect_status 0 stickerkit convert --max-duration 1000 --duration-policy trim --fps 15 \
	--max-bytes 40000 --side 128 anim.json -o out.webm
expect_status 0 stickerkit info --json out.webm
cp stdout o.json
expect_eq "$(json o.json 'j["format"]')" webm "format from the extension"
expect_eq "$(json o.json 'j["width"]')x$(json o.json 'j["height"]')" 128x64 "longer side 128"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1]))
ok = j["duration_ms"] <= 1000 and j["bytes"] <= 40000 and j["frames"] * 1000 <= 15 * j["duration_ms"] + 15
sys.exit(0 if ok else 1)' o.json || fail "limits not met: $(cat o.json)"
expect_status 3 stickerkit convert --max-duration 1000 anim.json -o refused.webp
expect_grep "anim.json" stderr
[ ! -e refused.webp ] || fail "output written on refusal"
expect_status 2 stickerkit convert --max-duration 0 anim.json -o x.webp
