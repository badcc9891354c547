# The walking skeleton: a pack of 3 still and 3 animated stickers built for
# WhatsApp and Telegram.  WhatsApp splits it into a still and an animated
# pack (contents.json beside one folder each, EXIF in every sticker);
# Telegram takes the stills as PNG and the animations as WEBM video.  Every output
# is decoded again and the packs pass validate; a rebuild encodes nothing
# and gives the same bytes.
. "$SRC/tests/cli/project.sh"
export STK_PROFILE_DIR="$SRC/assets/profiles"
make_project p '["whatsapp", "telegram"]' 3 3
expect_status 0 stickerkit build -C p -j2 --report r.json
expect_grep "whatsapp: the store does not mix still and animated" stderr

# contents.json: two packs, as the sample app reads them
c=p/dist/whatsapp/contents.json
expect_eq "$(json $c '[p["identifier"] for p in j["sticker_packs"]]')" '["test_pack", "test_pack_animated"]' "packs"
expect_eq "$(json $c '[p["animated_sticker_pack"] for p in j["sticker_packs"]]')" '[false, true]' "animated flags"
expect_eq "$(json $c '[len(p["stickers"]) for p in j["sticker_packs"]]')" '[3, 3]' "stickers per pack"
expect_eq "$(json $c 'sorted(j["sticker_packs"][0]["stickers"][0].keys())')" '["emojis", "image_file"]' "sticker fields"
for pack in test_pack test_pack_animated; do
	n=0
	for f in p/dist/whatsapp/$pack/0?.webp; do
		n=$((n + 1))
		stickerkit info --json "$f" >i.json
		expect_eq "$(json i.json '[j["format"], j["width"], j["height"]]')" '["webp", 512, 512]' "$f"
		frames=$(json i.json 'j["frames"]')
		if [ $pack = test_pack ]; then expect_eq "$frames" 1 "$f frames"; else [ "$frames" -gt 1 ] || fail "$f: $frames frames"; fi
		wa_exif "$f" >exif.json
		expect_eq "$(json exif.json 'j["sticker-pack-id"]')" "$pack" "$f: EXIF pack id"
		expect_eq "$(json exif.json 'j["emojis"]')" "$(json $c "[s['emojis'] for p in j['sticker_packs'] if p['identifier'] == '$pack' for s in p['stickers'] if s['image_file'] == '$(basename $f)'][0]")" "$f: EXIF emojis"
	done
	expect_eq $n 3 "$pack stickers"
	stickerkit info --json p/dist/whatsapp/$pack/tray.png >i.json
	expect_eq "$(json i.json '[j["format"], j["width"], j["height"], j["bytes"] <= 50000]')" '["png", 96, 96, true]' "$pack tray"
done
expect_status 0 stickerkit validate --profile whatsapp p/dist/whatsapp

# Telegram: the stills, the set icon, metadata.json naming each file
m=p/dist/telegram/metadata.json
expect_eq "$(json $m '[s["file"] for s in j["stickers"]]')" '["01.png", "02.png", "03.png", "04.webm", "05.webm", "06.webm"]' "telegram files"
expect_eq "$(json $m '[s["emojis"] for s in j["stickers"]][:3] == [["🐱"], ["🐧"], ["🐸"]]')" true "telegram emojis"
for f in p/dist/telegram/0?.webm; do
	stickerkit info --json "$f" >i.json
	expect_eq "$(json i.json '[j["format"], max(j["width"], j["height"]), j["frames"] > 1]')" '["webm", 512, true]' "$f"
done
for f in p/dist/telegram/0?.png; do
	stickerkit info --json "$f" >i.json
	expect_eq "$(json i.json '[j["format"], max(j["width"], j["height"])]')" '["png", 512]' "$f"
done
stickerkit info --json p/dist/telegram/icon.png >i.json
expect_eq "$(json i.json '[j["width"], j["height"]]')" '[100, 100]' "telegram icon"
expect_status 0 stickerkit validate --profile telegram p/dist/telegram

# The report: one row per output, with the keys others read
expect_eq "$(json r.json 'len(j["stickers"])')" 15 "report rows"
expect_eq "$(json r.json 'sorted(set(k for s in j["stickers"] for k in ("target","file","output","bytes","budget","encodes","ssim","cached") if k in s))')" \
	'["budget", "bytes", "cached", "encodes", "file", "output", "ssim", "target"]' "report keys"
expect_eq "$(json r.json 'all(s["encodes"] > 0 and not s["cached"] for s in j["stickers"])')" true "first build encodes"
expect_eq "$(json r.json 'all(s["bytes"] == __import__("os").path.getsize("p/dist/" + s["output"]) for s in j["stickers"])')" true "report bytes"

# Nothing changed: nothing encoded, the same bytes
cp -r p/dist before
expect_status 0 stickerkit build -C p -j1 --report r2.json
expect_eq "$(json r2.json 'all(s["cached"] and s["encodes"] == 0 for s in j["stickers"])')" true "rebuild from the cache"
expect_eq "$(json r2.json 'j["encoded"]')" 0 "rebuild encodes"
diff -r -x .stickerkit-cache before p/dist >/dev/null || fail "a rebuild changed the outputs"
# ... and nothing decoded again: the validation is replayed from the cache,
# with the same findings; a corrupt cache entry is ignored and validated anew
expect_eq "$(json r.json '[t["validation_cached"] for t in j["targets"]]')" '[false, false]' "first build validates"
expect_eq "$(json r2.json '[t["validation_cached"] for t in j["targets"]]')" '[true, true]' "rebuild replays the validation"
python3 - r.json r2.json <<'PY' || fail "the replayed validation differs"
import json, sys
a, b = (json.load(open(f))["targets"] for f in sys.argv[1:])
sys.exit(0 if [(t["findings"], t["errors"], t["warnings"]) for t in a] ==
              [(t["findings"], t["errors"], t["warnings"]) for t in b] else 1)
PY
for f in p/dist/.stickerkit-cache/*; do printf 'garbage' >"$f"; done
expect_status 0 stickerkit build -C p -j1 --report r3.json
expect_eq "$(json r3.json '[t["validation_cached"] for t in j["targets"]]')" '[false, false]' "a corrupt entry is not trusted"
diff -r -x .stickerkit-cache before p/dist >/dev/null || fail "a rebuild from a corrupt cache changed the outputs"
