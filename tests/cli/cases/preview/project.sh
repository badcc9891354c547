# preview -C DIR: builds a small project for WhatsApp and Signal (from the
# cache when it is built already) and previews both targets in
# DIR/dist/preview/: one sheet per target, one section each on the page,
# the manifest's emojis, the build's bytes against budget, the tray.
mkdir -p proj/art
cp "$CORPUS/static/rgba_300x300_cat-face.png" proj/art/a.png
cp "$CORPUS/static/rgba_512x512_exact_frog.png" proj/art/b.png
cp "$CORPUS/static/rgba_64x64_tiny_penguin.png" proj/art/c.png
cat >proj/stickerpack.json <<'JSON'
{ "identifier": "pv_test", "name": "Preview <test>", "publisher": "Tests", "tray": "art/a.png",
  "targets": ["whatsapp", "signal"],
  "stickers": [ { "file": "art/a.png", "emojis": ["😺"] },
                { "file": "art/b.png", "emojis": ["🐸"] },
                { "file": "art/c.png", "emojis": ["🐧"] } ] }
JSON
expect_status 0 stickerkit preview -C proj
expect_grep 'proj/dist/preview/index.html: 2 targets' stdout
for t in whatsapp signal; do
	[ -s "proj/dist/preview/sheet-$t.png" ] || fail "no sheet for $t"
done
[ ! -e proj/dist/preview/sheet-whatsapp.webp ] || fail "an animated sheet without animations"
python3 - "$SRC/tests/cli" <<'PY' || fail "page or sheet"
import os, sys
sys.path.insert(0, sys.argv[1])
import png_rgba
html = open("proj/dist/preview/index.html", encoding="utf-8").read()
assert "Preview &lt;test&gt;" in html and "Tests" in html
assert html.count('<section class="target"') == 2
for e in ("😺", "🐸", "🐧"):
    assert e in html, e
for f in ("01.webp", "02.webp", "03.webp"):
    path = f"proj/dist/whatsapp/pv_test/{f}"
    assert f'src="../whatsapp/pv_test/{f}"' in html, f
    assert f"{os.path.getsize(path)} / 100000 bytes" in html, f
assert 'src="../whatsapp/pv_test/tray.png"' in html
# the WhatsApp sheet: 3 cells of 190 px and the 96x96 tray above them
w, h, _ = png_rgba.read("proj/dist/preview/sheet-whatsapp.png")
assert (w, h) == (2 * (16 + 3 * 206), 16 + 96 + 16 + 190 + 16), (w, h)
PY
# a second run builds nothing and writes the same page
cp proj/dist/preview/index.html first.html
expect_status 0 stickerkit preview -C proj --target whatsapp -o only
[ "$(grep -c '<section class="target"' only/index.html)" = 1 ] || fail "--target with -C"
expect_status 2 stickerkit preview -C proj a.png
