# .wastickers -> import -> build -> package keeps the stickers, their
# emojis, the pack's name and publisher, and the order.
. "$SRC/tests/cli/project.sh"
export STK_PROFILE_DIR="$SRC/assets/profiles"
make_project p '["whatsapp"]' 4 0
expect_status 0 stickerkit package -C p --quiet
w=p/dist/test_pack-whatsapp.wastickers
expect_status 0 stickerkit import "$w" -o q
expect_grep "4 stickers (4 with emojis) from a wastickers pack" stdout
m=q/stickerpack.json
expect_eq "$(json $m '[j["identifier"], j["name"], j["publisher"]]')" \
	'["test_pack", "Test pack", "stickerkit tests"]' "pack fields"
expect_eq "$(json $m '[s["file"] for s in j["stickers"]]')" \
	'["art/01.webp", "art/02.webp", "art/03.webp", "art/04.webp"]' "files in order"
expect_eq "$(json $m '[s["emojis"] for s in j["stickers"]]')" \
	"$(json p/stickerpack.json '[s["emojis"] for s in j["stickers"]]')" "emojis in order"
expect_status 0 stickerkit package -C q --quiet
w2=q/dist/test_pack-whatsapp.wastickers
[ -f "$w2" ] || fail "no second .wastickers"
# The same entries, texts and, sticker by sticker, the same EXIF emojis.
python3 - "$w" "$w2" <<'PY' || fail "round trip"
import json, struct, sys, zipfile
def exif(data):
    pos = 12
    while pos + 8 <= len(data):
        tag, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if tag == b"EXIF":
            body = data[pos + 8:pos + 8 + size]
            return json.loads(body[body.index(b"{"):body.rindex(b"}") + 1])
        pos += 8 + size + (size & 1)
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
assert a.namelist() == b.namelist(), (a.namelist(), b.namelist())
for t in ("title.txt", "author.txt"):
    assert a.read(t) == b.read(t), t
for n in a.namelist():
    if n.endswith(".webp"):
        ea, eb = exif(a.read(n)), exif(b.read(n))
        assert ea["emojis"] == eb["emojis"], (n, ea, eb)
        assert ea["sticker-pack-name"] == eb["sticker-pack-name"], n
PY
expect_status 0 stickerkit validate --profile whatsapp "$w2"
