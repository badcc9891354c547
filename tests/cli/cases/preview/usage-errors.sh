# Usage and input errors: one line naming the problem, the documented exit
# status, and no output folder left behind.
expect_status 2 stickerkit preview
expect_grep 'no sticker file given' stderr
expect_status 3 stickerkit preview -o out missing.webp
expect_grep 'missing.webp' stderr
[ "$(lines stderr)" = 1 ] || fail "more than one line"
[ ! -e out ] || fail "output written for a missing input"
cp "$SRC/assets/demo/art/fox.png" fox.png
expect_status 3 stickerkit preview --icon nope.png -o out fox.png
[ ! -e out ] || fail "output written for a missing icon"
run stickerkit preview --target no-such-store -o out fox.png
[ "$status" -ne 0 ] || fail "unknown target accepted"
[ ! -e out ] || fail "output written for an unknown target"
expect_status 2 stickerkit preview --bogus fox.png
# a preview never writes over what it shows
mkdir keep
cp fox.png keep/sheet-whatsapp.png
expect_status 2 stickerkit preview --target whatsapp -o keep keep/sheet-whatsapp.png
expect_grep "input of the preview" stderr
cmp fox.png keep/sheet-whatsapp.png || fail "the preview wrote over its input"
[ ! -e keep/index.html ] || fail "a refused preview wrote index.html"
