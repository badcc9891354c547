# WhatsApp metadata goes into the EXIF chunk in wa-sticker-formatter's
# 22-byte TIFF layout; the pack id comes from the pack name, stable.
P=$CORPUS/static/rgba_512x512_exact_frog.png
expect_status 0 stickerkit convert --profile whatsapp --emoji 😀 --emoji ✨ \
	--pack-name "Frogs" --publisher "Me" "$P" -o a.webp
expect_status 0 stickerkit convert --profile whatsapp --emoji 😀 --emoji ✨ \
	--pack-name "Frogs" --publisher "Me" "$P" -o b.webp
expect_status 0 stickerkit convert --profile whatsapp --emoji 😀 \
	--pack-name "Toads" "$P" -o c.webp
expect_status 0 stickerkit convert --profile whatsapp --emoji 😀 --pack-id my.pack-1 \
	--pack-name "Frogs" "$P" -o d.webp
expect_status 0 stickerkit info --json a.webp
cp stdout info.json
expect_eq "$(json info.json 'j["metadata"]["exif"]')" true "info sees EXIF"
cat >exif.py <<'PY'
import json, struct, sys
data = open(sys.argv[1], "rb").read()
off, exif = 12, None
while off + 8 <= len(data):
    tag, size = data[off:off + 4], struct.unpack("<I", data[off + 4:off + 8])[0]
    if tag == b"EXIF":
        exif = data[off + 8:off + 8 + size]
    off += 8 + size + (size & 1)
head = bytes([0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x41, 0x57, 0x07, 0x00])
assert exif[:14] == head, exif[:22].hex()
n = struct.unpack("<I", exif[14:18])[0]
assert exif[18:22] == bytes([0x16, 0, 0, 0]), exif[18:22].hex()
assert n == len(exif) - 22, (n, len(exif))
meta = json.loads(exif[22:22 + n].decode("utf-8"))
print(json.dumps(meta, ensure_ascii=False, sort_keys=True))
PY
python3 exif.py a.webp >a.meta || fail "a.webp EXIF layout"
python3 exif.py b.webp >b.meta || fail "b.webp EXIF layout"
python3 exif.py c.webp >c.meta || fail "c.webp EXIF layout"
python3 exif.py d.webp >d.meta || fail "d.webp EXIF layout"
expect_grep '"emojis": \["😀", "✨"\]' a.meta
expect_grep '"sticker-pack-name": "Frogs"' a.meta
expect_grep '"sticker-pack-publisher": "Me"' a.meta
cmp -s a.meta b.meta || fail "same pack name, different metadata"
id_a=$(json a.meta 'j["sticker-pack-id"]')
id_c=$(json c.meta 'j["sticker-pack-id"]')
[ ${#id_a} -eq 32 ] || fail "pack id '$id_a' is not 32 hex digits"
[ "$id_a" != "$id_c" ] || fail "different packs share an id"
expect_eq "$(json d.meta 'j["sticker-pack-id"]')" my.pack-1 "explicit pack id"
# Kept across a re-encode; --strip drops it.
expect_status 0 stickerkit convert --profile whatsapp a.webp -o again.webp
python3 exif.py again.webp >again.meta || fail "EXIF lost in a re-encode"
cmp -s a.meta again.meta || fail "EXIF changed in a re-encode"
expect_status 0 stickerkit convert --profile whatsapp --strip a.webp -o bare.webp
expect_status 0 stickerkit info --json bare.webp
cp stdout bare.json
expect_eq "$(json bare.json 'j["metadata"]["exif"]')" false "stripped"
