# An input is never written over, whatever its name (exit 2, the input's
# bytes unchanged); -n/--no-clobber leaves an existing output alone.
cp "$CORPUS/static/rgba_64x64_tiny_penguin.png" art.png
sum=$(cksum <art.png)
expect_status 2 stickerkit convert art.png -o art.png
expect_grep "is the input" stderr
expect_status 2 stickerkit convert art.png -o ./art.png
ln art.png hard.png
expect_status 2 stickerkit convert --lossy art.png -o hard.png
ln -s art.png soft.webp
expect_status 2 stickerkit convert art.png -o soft.webp
expect_status 2 stickerkit resize --size 32x32 art.png -o ./art.png
expect_grep "is the input" stderr
expect_status 2 stickerkit convert art.png -o out.webp --report art.png
[ "$(cksum <art.png)" = "$sum" ] || fail "the input was changed"
ls -a | grep -q '\.tmp\|out.webp' && fail "an output was written"

# Existing outputs: replaced by default, kept with -n.
expect_status 0 stickerkit convert art.png -o out.webp
printf 'keep me' >old.webp
expect_status 0 stickerkit convert -n art.png -o old.webp
expect_grep "exists, left as it is" stderr
expect_eq "$(cat old.webp)" "keep me" "convert -n"
expect_status 0 stickerkit convert --no-clobber -q art.png -o old.webp
[ ! -s stderr ] || fail "-q still said something"
expect_status 0 stickerkit resize -n --size 32x32 art.png -o old.webp
expect_eq "$(cat old.webp)" "keep me" "resize -n"
expect_status 0 stickerkit convert -n art.png -o new.webp
cmp new.webp out.webp || fail "-n changed a fresh output"
expect_status 0 stickerkit convert art.png -o old.webp
[ "$(cat old.webp)" != "keep me" ] || fail "without -n an existing output is replaced"
