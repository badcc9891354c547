# A bad manifest is one error at its line and column, and nothing is built;
# a missing art file names the sticker and the path.
export STK_PROFILE_DIR="$SRC/assets/profiles"
mkdir p
cat >p/stickerpack.json <<'JSON'
{
  "identifier": "cats",
  "name": "Cats",
  "targets": ["whatsapp"],
  "stickers": [
    {"file": "a.png", "colour": "red", "emojis": ["😀"]}
  ]
}
JSON
expect_status 3 stickerkit build -C p
expect_grep 'p/stickerpack.json: line 6, column 23: unknown key "colour" in a sticker' stderr
[ ! -e p/dist ] || fail "a bad manifest built something"

sed -i 's/ "colour": "red",//; s/"targets": \["whatsapp"\]/"targets": "whatsapp"/' p/stickerpack.json
expect_status 3 stickerkit build -C p
expect_grep 'line 4, column 3: "targets" in the manifest must be an array' stderr

# Emojis: one real, fully-qualified emoji each
sed -i 's/"targets": "whatsapp"/"targets": ["whatsapp"]/; s/"😀"/"x"/' p/stickerpack.json
expect_status 3 stickerkit build -C p
expect_grep 'line 6, column 34: "x" is not one emoji' stderr
sed -i 's/"x"/"☺"/' p/stickerpack.json
expect_status 3 stickerkit build -C p
expect_grep '"☺" is not fully qualified; write "☺️"' stderr
sed -i 's/"☺"/"👩🏽‍🚀", "🏳️‍🌈", "🇯🇵"/' p/stickerpack.json
expect_status 3 stickerkit build -C p
expect_grep 'sticker 1: cannot open' stderr
expect_grep 'p/a.png' stderr
[ ! -e p/dist/whatsapp ] || fail "a missing file built something"
