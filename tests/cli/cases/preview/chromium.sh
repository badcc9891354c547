# The demo art's index.html in real headless Chromium: the page's own probe
# (index.html?probe) gives every sticker cell's box, then a screenshot of
# the page on the light and on the dark background (#dark) must show art,
# not the background, in every cell.  Skipped only where Chromium is not
# installed (Debian's chromium package; packages.debian installs it).
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP: chromium is not installed (apt-get install chromium)" >&2
	exit 77
fi
chrome() {
	# a time limit, a throwaway profile, no sandbox (root in CI), 1x pixels
	timeout 90 "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
		--force-device-scale-factor=1 --user-data-dir="$PWD/chrome-profile" \
		--no-first-run --disable-extensions --virtual-time-budget=3000 "$@" 2>chrome.log
}
expect_status 0 stickerkit resize --size 96x96 "$SRC/assets/demo/art/grinning-face.png" -o tray.png
expect_status 0 stickerkit preview --name Demo --publisher stickerkit --icon tray.png -o out \
	"$SRC"/assets/demo/art/cat-face.png "$SRC"/assets/demo/art/fox.png \
	"$SRC"/assets/demo/art/grinning-face.png "$CORPUS/animated/bounce_hamster_1024.gif"
page="file://$PWD/out/index.html"
chrome --window-size=1200,900 --dump-dom "$page?probe" >dom.html || { cat chrome.log; fail "chromium --dump-dom failed"; }
height=$(python3 - <<'PY'
import json, re
dom = open("dom.html", encoding="utf-8").read()
probe = json.loads(re.search(r'<pre id="probe">([^<]*)</pre>', dom).group(1))
open("probe.json", "w").write(json.dumps(probe))
print(min(probe["height"], 4000))
PY
) || fail "no probe in the rendered page"
for mode in light dark; do
	hash=""; [ "$mode" = dark ] && hash="#dark"
	chrome --window-size=1200,"$height" --screenshot="$PWD/$mode.png" "$page$hash" ||
		{ cat chrome.log; fail "chromium --screenshot failed"; }
	[ -s "$mode.png" ] || fail "no $mode screenshot"
done
python3 - "$SRC/tests/cli" <<'PY' || fail "cells without art in the screenshots"
import json, sys
sys.path.insert(0, sys.argv[1])
import png_rgba
probe = json.load(open("probe.json"))
cells = probe["cells"]
assert len(cells) == 4, cells
bgs = {"light": (0xef, 0xea, 0xe2), "dark": (0x0b, 0x14, 0x1a)}
for mode, bg in bgs.items():
    w, h, px = png_rgba.read(f"{mode}.png")
    for c in cells:
        # the cell's own background proves we look at the right place
        x0, y0 = c["x"] + 1, c["y"] + 1
        i = (y0 * w + x0) * 4
        corner = tuple(px[i:i + 3])
        assert max(abs(a - b) for a, b in zip(corner, bg)) <= 2, (mode, c["file"], corner)
        art = total = 0
        for y in range(c["y"], c["y"] + c["h"], 2):
            for x in range(c["x"], c["x"] + c["w"], 2):
                i = (y * w + x) * 4
                total += 1
                art += max(abs(a - b) for a, b in zip(px[i:i + 3], bg)) > 24
        print(f"{mode} {c['file']}: {100 * art / total:.0f}% art")
        assert art > 0.08 * total, (mode, c["file"], art, total)
PY

# A live page (--live) reloads itself once stamp.js holds another stamp,
# as after a rebuild; with its own stamp it stays.  The page counts its
# loads in sessionStorage and shows them in the probe.
expect_status 0 stickerkit preview --live --quiet -o live "$SRC/assets/demo/art/fox.png"
chrome --dump-dom "file://$PWD/live/index.html?probe" >same.html || fail "chromium (live) failed"
grep -q '"loads":1,' same.html || fail "the live page reloaded with its own stamp"
sed 's/stickerkitStamp("[0-9a-f]*")/stickerkitStamp("0123456789abcdef")/' live/stamp.js >stamp.new
mv stamp.new live/stamp.js
chrome --dump-dom "file://$PWD/live/index.html?probe" >moved.html || fail "chromium (live) failed"
grep -q '"loads":2,' moved.html || { grep -o '"loads":[0-9]*' moved.html; fail "the live page did not reload for a new stamp"; }
