# build never writes over what it builds from: --report naming the
# manifest or an art file, or an output folder whose files would replace
# the art, is refused with nothing written; -q leaves errors only.
export STK_PROFILE_DIR="$SRC/assets/profiles"
. "$SRC/tests/cli/project.sh"
make_project p '["telegram"]' 2 0
cp p/stickerpack.json manifest.before
expect_status 2 stickerkit build -C p --report p/stickerpack.json
expect_grep "source of the pack" stderr
cmp p/stickerpack.json manifest.before || fail "the manifest was replaced by the report"
[ ! -d p/dist ] || fail "a refused build wrote outputs"
cp p/art/01-rgba_300x300_cat-face.png art.before
expect_status 2 stickerkit build -C p --report p/art/01-rgba_300x300_cat-face.png
cmp p/art/01-rgba_300x300_cat-face.png art.before || fail "the art was replaced by the report"

# art kept where the build writes: out/telegram/01.png is sticker 1's source
mkdir -p p/out/telegram
mv p/art/01-rgba_300x300_cat-face.png p/out/telegram/01.png
python3 -c 'import json; p="p/stickerpack.json"; j=json.load(open(p)); j["stickers"][0]["file"]="out/telegram/01.png"; json.dump(j, open(p, "w"))'
run stickerkit build -C p -o p/out
[ "$status" -ne 0 ] || fail "a build wrote over its own source"
expect_grep "out/telegram/01.png.*source of the pack" stderr
cmp p/out/telegram/01.png art.before || fail "the source was replaced by its output"

# -q: no summary, no notes, no warnings; an error is one line
make_project q '["whatsapp"]' 1 0
python3 -c 'import json; p="q/stickerpack.json"; j=json.load(open(p)); j["stickers"][0]["emojis"]=[]; json.dump(j, open(p, "w"))'
expect_status 1 stickerkit build -C q -q
[ ! -s stdout ] || fail "-q printed on stdout"
expect_grep "^stickerkit build: whatsapp: .*error whatsapp.sticker.emojis-min" stderr
grep -v "error" stderr | grep -q . && { cat stderr; fail "-q printed more than errors"; }
expect_status 1 stickerkit build -C q
expect_grep "note:\|warning" stderr
true
