# project.sh - helpers for build/init CLI cases: a small pack project made
# from corpus art, and readers for what a build writes.  Sourced by cases.

# make_project DIR TARGETS STILLS ANIMS: a stickerpack.json in DIR with
# STILLS still and ANIMS animated stickers (cheap corpus art, copied into
# DIR/art/) for the JSON array of store ids TARGETS.
make_project() {
	python3 - "$CORPUS" "$@" <<'PY'
import json, os, shutil, sys
corpus, d, targets, stills, anims = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
still_art = [("static/rgba_300x300_cat-face.png", "🐱"), ("static/rgba_64x64_tiny_penguin.png", "🐧"),
             ("static/rgba_512x512_exact_frog.png", "🐸"), ("static/rgba_618x618_dog-face.png", "🐶"),
             ("static/palette_trns_800x800_mage.png", "🧙"), ("static/gray_alpha_1024x1024_ghost.png", "👻")]
anim_art = [("animated/emote_dmogdotorg_msn_cry.gif", "😢"), ("animated/emote_dmogdotorg_yahoo_dance.gif", "💃"),
            ("animated/emote_dmogdotorg_yahoo_pray.gif", "🙏")]
os.makedirs(os.path.join(d, "art"), exist_ok=True)
stickers = []
def add(src, emoji, i, extra={}):
    name = "%02d-%s" % (i, os.path.basename(src))
    shutil.copy(os.path.join(corpus, src), os.path.join(d, "art", name))
    stickers.append(dict({"file": "art/" + name, "emojis": [emoji]}, **extra))
for i in range(stills):
    add(*still_art[i % len(still_art)], len(stickers) + 1)
for i in range(anims):  # at most 6 fps: fewer frames, quicker cases
    add(*anim_art[i % len(anim_art)], len(stickers) + 1, {"fps": 6})
doc = {"identifier": "test_pack", "name": "Test pack", "publisher": "stickerkit tests",
       "targets": json.loads(targets), "stickers": stickers}
json.dump(doc, open(os.path.join(d, "stickerpack.json"), "w"), ensure_ascii=False, indent=2)
PY
}

# wa_exif FILE.webp: the WhatsApp sticker JSON in a WebP's EXIF chunk.
wa_exif() {
	python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "not a WebP"
pos = 12
while pos + 8 <= len(data):
    tag, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
    if tag == b"EXIF":
        body = data[pos + 8:pos + 8 + size]
        start = body.index(b"{")
        end = body.rindex(b"}") + 1
        sys.stdout.write(body[start:end].decode("utf-8"))
        sys.exit(0)
    pos += 8 + size + (size & 1)
sys.exit("no EXIF chunk")
PY
}
