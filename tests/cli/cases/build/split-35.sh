# 35 still stickers are more than WhatsApp's 30 a pack: two packs of 18
# and 17, said on stderr, each valid; -j1 and -j2 write the same bytes.
export STK_PROFILE_DIR="$SRC/assets/profiles"
mkdir -p p/art
python3 - <<'PY'
import json
stickers = [{"file": "art/%02d.png" % i, "emojis": ["🐧"]} for i in range(1, 36)]
json.dump({"identifier": "many", "name": "Many", "publisher": "Me", "targets": ["whatsapp"],
           "stickers": stickers}, open("p/stickerpack.json", "w"), ensure_ascii=False)
PY
# 35 different stills: the same penguin at 35 placements (a duplicate is a finding)
i=1
for g in center top bottom left right top-left top-right bottom-left bottom-right; do
	for m in 0 12 24 36; do
		[ $i -le 35 ] || break
		stickerkit resize --size 160x160 --gravity $g --margin $m "$CORPUS/static/rgba_64x64_tiny_penguin.png" -o p/art/$(printf %02d $i).png
		i=$((i + 1))
	done
done
expect_status 0 stickerkit build -C p -j2 --no-cache
expect_grep "whatsapp: 35 still stickers are more than the store's 30 a pack: split into 2 packs" stderr
c=p/dist/whatsapp/contents.json
expect_eq "$(json $c '[(p["identifier"], p["name"], len(p["stickers"])) for p in j["sticker_packs"]]')" \
	'[["many", "Many", 18], ["many_2", "Many (2)", 17]]' "two packs"
expect_status 0 stickerkit validate --profile whatsapp p/dist/whatsapp
ls p/dist/whatsapp/many/*.webp p/dist/whatsapp/many_2/*.webp | wc -l | grep -qx 35 || fail "35 stickers written"
mv p/dist j2
expect_status 0 stickerkit build -C p -j1 -q --no-cache --report r.json
diff -r j2 p/dist >/dev/null || fail "-j1 and -j2 wrote different bytes"
# -q: errors only on stderr; the split is still in the report
grep -q "split into" stderr && fail "-q printed the split note"
expect_eq "$(json r.json 'any("split into 2 packs" in n for n in j["notes"])')" true "split in the report"

# Ten stickers fewer: one pack, and nothing of the second one is left
python3 -c 'import json; p="p/stickerpack.json"; j=json.load(open(p)); j["stickers"]=j["stickers"][:25]; json.dump(j, open(p, "w"))'
expect_status 0 stickerkit build -C p -j2 -q
expect_eq "$(json $c '[(p["identifier"], len(p["stickers"])) for p in j["sticker_packs"]]')" '[["many", 25]]' "one pack"
[ ! -e p/dist/whatsapp/many_2 ] || fail "the second pack's folder is left over"
expect_status 0 stickerkit validate --profile whatsapp p/dist/whatsapp
