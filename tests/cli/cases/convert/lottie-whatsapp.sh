# Lottie to WhatsApp (TGS, the same JSON gzipped): the frame count and the
# duration within one frame of the source's, read back from the WebP.
lottie anim.json 128 128 30 0 36
gzip -c anim.json >anim.tgs
for f in anim.tgs; do
	expect_status 0 stickerkit convert -p whatsapp --emoji 😀 --pack-name Lottie "$f" -o out.webp
	expect_status 0 stickerkit validate -p whatsapp out.webp
	expect_status 0 stickerkit info --json out.webp
	cp stdout o.json
	expect_eq "$(json o.json 'j["width"]')x$(json o.json 'j["height"]')" 512x512 "$f canvas"
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); f=1000/30
sys.exit(0 if abs(j["frames"] - 36) <= 1 and abs(j["duration_ms"] - 1200) <= f else 1)' o.json ||
		fail "$f: $(json o.json 'j["frames"]') frames, $(json o.json 'j["duration_ms"]') ms; want 36 and 1200 within a frame"
	expect_eq "$(json o.json 'j["alpha"]')" partial "$f transparency"
done
