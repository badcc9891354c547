# Unreadable input is exit 3, an output that cannot be written exit 4; a
# failed run never leaves a partial or changed output behind.
expect_status 3 stickerkit resize missing.png -o out.png
expect_grep "missing.png" stderr
printf 'not an image at all' >bad.png
expect_status 3 stickerkit resize bad.png -o out.png
expect_grep "bad.png" stderr
head -c 2000 "$CORPUS/static/rgba_300x300_cat-face.png" >truncated.png
expect_status 3 stickerkit resize truncated.png -o out.png
[ ! -e out.png ] || fail "out.png written from bad input"
echo keep >old.png
expect_status 3 stickerkit resize bad.png -o old.png
expect_eq "$(cat old.png)" keep "existing output untouched"
expect_status 4 stickerkit resize "$CORPUS/static/rgba_300x300_cat-face.png" -o no/such/dir/out.png
ls -a | grep -q '\.tmp' && fail "temporary file left behind"
true
