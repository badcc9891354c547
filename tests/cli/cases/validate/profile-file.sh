# A profile file of one's own loads like a shipped one; a mistake in it is
# bad input (exit 3) with the line and column.  Warnings pass unless --strict.
export STK_PROFILE_DIR="$SRC/assets/profiles"
sed 's/"formats": \["png"\]/"formats": ["png", "webp"]/' "$SRC/tests/data/profiles/minimal.json" >mine.json
sed 's/"severity": "error"/"severity": "warning"/' mine.json >warn.json
printf 'not an image' >x.webp
expect_status 3 stickerkit validate --profile "$SRC/tests/data/profiles/unknown-key.json" x.webp
expect_grep 'unknown-key.json: line 16, column 11: unknown key "valeu"' stderr
expect_status 3 stickerkit validate --profile "$SRC/tests/data/profiles/syntax-error.json" x.webp
expect_grep 'syntax-error.json: line 20' stderr
f="$CORPUS/static/webp_lossless_800x800_koala.webp"
expect_status 1 stickerkit validate --profile ./mine.json "$f"
expect_grep "mystore.sticker.width" stdout
expect_status 1 stickerkit validate --profile "$SRC/tests/data/profiles/minimal.json" "$f"
expect_grep "input.no-role: no role of the mystore profile fits this file (webp" stdout
expect_status 0 stickerkit validate --profile ./warn.json "$f"
expect_grep "warning  mystore.sticker.width: 800 px wide, not 256" stdout
expect_status 1 stickerkit validate --strict --profile ./warn.json "$f"
