# Pixel art: an 18-21 px palette emoticon enlarged ~25x onto a sticker
# canvas is enlarged by a whole number, pixel by pixel (--filter pixel,
# chosen by default and said in the notes), not blurred by Lanczos into
# something costly to encode.  The output is decoded again: every source
# pixel is one uniform square, and no colour is new.
export STK_PROFILE_DIR="$SRC/assets/profiles"
PX="$SRC/tests/cli/cases/resize/pngpix.py"
A=$CORPUS/animated/emote_dmogdotorg_msn_cry.gif
M="--emoji 😀 --pack-name T --publisher Me"
expect_status 0 stickerkit convert -p whatsapp $M --report px.json "$A" -o px.webp
expect_grep "notes: pixel art (19x19, [0-9]* colours): enlarged 25x pixel by pixel (--filter pixel" stderr
expect_eq "$(json px.json 'j["lossless"] and j["scale"] == 25')" true "lossless, 25x"
expect_eq "$(json px.json 'j["filter"]')" pixel "the report names the filter chosen"
expect_status 0 stickerkit convert px.webp -o frame.png
python3 - "$PX" frame.png <<'PY' || fail "not whole pixels"
import importlib.util, sys
spec = importlib.util.spec_from_file_location("pngpix", sys.argv[1])
pp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pp)
w, h, px = pp.read(sys.argv[2])
k = 25
def uniform(ox, oy):
    for by in range(oy, h - k + 1, k):
        for bx in range(ox, w - k + 1, k):
            c = px[by][bx]
            if any(px[y][x] != c for y in range(by, by + k) for x in range(bx, bx + k)):
                return False
    return True
ok = [(ox, oy) for ox in range(k) for oy in range(k) if uniform(ox, oy)]
sys.exit(0 if ok else 1)
PY
# A canvas that follows the art keeps the store's size (LINE: long side
# 270), the art a whole multiple inside it.
expect_status 0 stickerkit convert -p line "$A" -o line.png
expect_grep "pixel art (19x19" stderr
expect_status 0 stickerkit info --json line.png
cp stdout line.json
expect_eq "$(json line.json 'max(j["width"], j["height"]) >= 270')" true "LINE's long side"
# A filter named is the filter used.
expect_status 0 stickerkit convert -p whatsapp $M --filter lanczos3 --report l.json "$A" -o l.webp
if grep -q "pixel art" stderr; then fail "--filter lanczos3 was overridden"; fi
expect_eq "$(json l.json 'j["filter"]')" lanczos3 "the report names the filter asked for"
expect_eq "$(json l.json 'j["bytes"] > 4 * '"$(json px.json 'j["bytes"]')")" true \
	"Lanczos's blur costs far more"
# Large art is not pixel art.
expect_status 0 stickerkit convert -p whatsapp $M "$CORPUS/static/rgba_1024x1024_grinning-face.png" -o big.webp
if grep -q "pixel art" stderr; then fail "1024 px art taken for pixel art"; fi
# resize --filter pixel: whole multiples only (20 px into 512: 25x, 500 px).
python3 "$PX" small.png disc 20 20 8
expect_status 0 stickerkit resize --size 512x512 --filter pixel small.png -o big.png
set -- $(python3 "$PX" big.png bbox 0)
expect_eq "$(( $3 % 25 )) $(( $4 % 25 ))" "0 0" "the art's box in whole 25 px squares ($3x$4)"
