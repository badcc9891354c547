# init scaffolds a project and adopts a folder of art in name order, with
# emojis guessed from the file names; the result builds.
export STK_PROFILE_DIR="$SRC/assets/profiles"
mkdir art
cp "$CORPUS/static/rgba_300x300_cat-face.png" art/02-grinning-cat.png
cp "$CORPUS/static/rgba_512x512_exact_frog.png" art/01-frog.png
cp "$CORPUS/static/rgba_64x64_tiny_penguin.png" art/03-zzqx.png
cp -r "$CORPUS/animated/frames_bounce_hamster" art/04-hamster
expect_status 0 stickerkit init cats --name "My Cats" --from art
expect_grep "4 stickers from art" stdout
m=cats/stickerpack.json
expect_eq "$(json $m '[j["identifier"], j["name"]]')" '["my_cats", "My Cats"]' "names"
expect_eq "$(json $m '[s["file"] for s in j["stickers"]]')" '["art/01-frog.png", "art/02-grinning-cat.png", "art/03-zzqx.png", "art/04-hamster"]' "files in name order"
expect_eq "$(json $m '[s["emojis"] for s in j["stickers"]] == [["🐸"], ["😺"], [], ["🐹"]]')" true "guessed emojis"
[ -f cats/art/README.md ] || fail "no README for the illustrator"
cmp cats/art/01-frog.png art/01-frog.png || fail "art copied"
[ "$(ls cats/art/04-hamster | wc -l)" -eq 24 ] || fail "frames folder copied"
expect_status 2 stickerkit init cats
expect_grep "already there" stderr
# the scaffold builds (WhatsApp's validation reports what is left to fill
# in); the animation is left out to keep the case quick
python3 -c 'import json; p="cats/stickerpack.json"; j=json.load(open(p)); j["stickers"]=j["stickers"][:3]; json.dump(j, open(p, "w"))'
expect_status 1 stickerkit build -C cats --target telegram --target whatsapp -q
expect_grep "whatsapp.sticker.emojis-min" stderr
expect_grep "whatsapp.pack.publisher-required" stderr
# -n is --no-clobber everywhere else: init does not take it for --name
expect_status 2 stickerkit init other -n Name
expect_grep "unknown option" stderr
[ ! -e other ] || fail "init -n made a project"
