# Option mistakes: an unknown option and an option missing its value are
# different messages, with "did you mean" for a near miss; options that
# exclude each other are refused; -q/--quiet works on every command.
P=$CORPUS/static/rgba_64x64_tiny_penguin.png
export STK_PROFILE_DIR="$SRC/assets/profiles"
expect_status 2 stickerkit convert --profle whatsapp "$P" -o out.webp
expect_grep "unknown option '--profle' (did you mean '--profile'?)" stderr
expect_status 2 stickerkit convert "$P" -o
expect_grep "option '-o' needs a value" stderr
expect_status 2 stickerkit validate "$P" --profile
expect_grep "option '--profile' needs a value" stderr
grep -q unknown stderr && fail "a missing value reported as unknown"
expect_status 2 stickerkit validate --strict=yes "$P"
expect_grep "option '--strict' takes no value" stderr
expect_status 2 stickerkit info --zzzz "$P"
expect_grep "unknown option '--zzzz'" stderr
grep -q "did you mean" stderr && fail "a suggestion for a far-off word"
expect_status 2 stickerkit validate --format jsn "$P"
expect_grep "did you mean 'json'" stderr
expect_status 2 stickerkit convert --duration-policy speed-up "$P" -o out.webp
expect_grep "did you mean 'speedup'" stderr
expect_status 2 stickerkit convert --all-keyframes --no-all-keyframes "$P" -o out.webp
expect_grep "together" stderr
expect_status 2 stickerkit info -q -v "$P"
expect_grep "together" stderr
# -q: the same on every command
for cmd in $(stickerkit --list-commands); do
	expect_status 0 stickerkit "$cmd" --help
	expect_grep '^  -q, --quiet' stdout
done
expect_status 0 stickerkit convert -q "$P" -o out.webp
[ ! -s stderr ] || { cat stderr; fail "convert -q wrote to stderr"; }
expect_status 0 stickerkit convert "$P" -o out2.webp
[ -s stderr ] || fail "convert without -q wrote no report"
cmp out.webp out2.webp || fail "-q changed the output"
