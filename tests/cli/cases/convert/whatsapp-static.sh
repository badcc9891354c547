# Every static corpus file converts for WhatsApp: each output decodes as a
# 512x512 WebP within 100,000 bytes, and the report says so.  The noisy
# photo, too big for lossless, keeps SSIM >= 0.975 with sharp YUV.
for f in "$CORPUS"/static/*; do
	name=$(basename "$f")
	expect_status 0 stickerkit convert --profile whatsapp --report "$name.json" "$f" -o "$name.webp"
	expect_grep "$name: webp 512x512" stderr
	expect_status 0 stickerkit info --json "$name.webp"
	cp stdout "$name.info"
done
python3 - "$CORPUS"/static/* <<'PY' || fail "outputs do not meet WhatsApp's rules"
import json, os, sys
bad = []
for path in sys.argv[1:]:
    name = os.path.basename(path)
    info = json.load(open(name + ".info"))
    rep = json.load(open(name + ".json"))
    if (info["format"], info["width"], info["height"], info["frames"]) != ("webp", 512, 512, 1):
        bad.append((name, "not a 512x512 still WebP", info))
    if info["bytes"] > 100000 or info["bytes"] != os.path.getsize(name + ".webp"):
        bad.append((name, "over 100,000 bytes", info["bytes"]))
    if not (rep["fits"] and rep["budget"] == 100000 and rep["bytes"] == info["bytes"]):
        bad.append((name, "report disagrees", rep))
    if rep["ssim"] is None or rep["ssim"] < 0.97 or rep["encodes"] < 1:
        bad.append((name, "quality", rep["ssim"], rep["encodes"]))
    if "photo_noisy" in name and (rep["lossless"] or rep["ssim"] < 0.975 or
                                  "sharp RGB to YUV" not in rep["notes"]):
        bad.append((name, "noisy photo", rep["ssim"], rep["notes"]))
for b in bad:
    print(*b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
