# preview FILE...: two clean WhatsApp stickers and a raw GIF (findings: not
# WebP, not 512x512).  The sheet PNG is decoded again: its size is the
# documented geometry (whatsapp: 190 px cells, gap 16, light #efeae2 left,
# dark #0b141a right), every cell shows art on both backgrounds, the gaps
# are plain background, and only the GIF's cell has a marker.  The GIF
# animates, so sheet-whatsapp.webp plays it; the page links every file.
for f in cat-face fox; do
	expect_status 0 stickerkit convert --profile whatsapp --emoji 😺 --pack-name Demo \
		--publisher Tests "$SRC/assets/demo/art/$f.png" -o "$f.webp"
done
cp "$CORPUS/animated/bounce_hamster_1024.gif" hamster.gif
expect_status 0 stickerkit preview --name Demo --publisher Tests -o out cat-face.webp fox.webp hamster.gif
expect_grep 'out/index.html' stdout
for f in index.html stamp.js sheet-whatsapp.png sheet-whatsapp.webp; do
	[ -s "out/$f" ] || fail "out/$f missing"
done
expect_status 0 stickerkit info --json out/sheet-whatsapp.webp
[ "$(json stdout 'j["frames"] > 1')" = true ] || fail "animated sheet is not animated"
expect_eq "$(json stdout 'j["duration_ms"]')" \
	"$(stickerkit info --json hamster.gif | python3 -c 'import json,sys; print(json.load(sys.stdin)["duration_ms"])')" \
	"animated sheet length (one looping animation)"
python3 - "$SRC/tests/cli" <<'PY' || fail "sheet cells"
import re, sys
sys.path.insert(0, sys.argv[1])
import png_rgba
w, h, px = png_rgba.read("out/sheet-whatsapp.png")
cell, gap, n = 190, 16, 3
panel_w = gap + n * (cell + gap)
assert (w, h) == (2 * panel_w, gap + cell + gap), (w, h)
bgs = [(0xef, 0xea, 0xe2), (0x0b, 0x14, 0x1a)]
def at(x, y):
    i = (y * w + x) * 4
    return tuple(px[i:i + 3])
cells = []
for panel in range(2):
    for i in range(n):
        cells.append((panel, i, panel * panel_w + gap + i * (cell + gap), gap))
for panel, i, x0, y0 in cells:
    art = sum(at(x, y) != bgs[panel] for y in range(y0, y0 + cell, 2) for x in range(x0, x0 + cell, 2))
    assert art > 0.1 * (cell // 2) ** 2, (panel, i, art)
def in_cell(x, y):
    return any(x0 <= x < x0 + cell and y0 <= y < y0 + cell for _, _, x0, y0 in cells)
red = {}
stray = 0
for y in range(h):
    for x in range(w):
        if in_cell(x, y):
            continue
        c = at(x, y)
        if c != bgs[x >= panel_w]:
            if c[0] > 150 and c[1] < 90 and c[2] < 90:
                k = ((x % panel_w) - gap) // (cell + gap)
                red[k] = red.get(k, 0) + 1
            else:
                stray += 1
assert sorted(red) == [2], red          # the GIF only, in both panels
assert stray < 200, stray               # the markers' antialiased rims
html = open("out/index.html", encoding="utf-8").read()
for f in ("cat-face.webp", "fox.webp", "hamster.gif"):
    assert f'src="../{f}"' in html, f
stamp = re.search(r'name="stickerkit-stamp" content="([0-9a-f]{16})"', html).group(1)
assert stamp in open("out/stamp.js").read()
assert "Demo" in html and "Tests" in html and "whatsapp.sticker.format" in html
import os
for f, budget in (("cat-face.webp", 100000), ("fox.webp", 100000), ("hamster.gif", 500000)):
    assert f"{os.path.getsize(f)} / {budget} bytes" in html, (f, "bytes against budget")
PY
