# --help prints usage on stdout and exits 0; so does `stickerkit help convert`.
expect_status 0 stickerkit convert --help
expect_grep '^usage: stickerkit convert' stdout
expect_grep 'duration-policy' stdout
expect_grep 'report FILE' stdout
[ ! -s stderr ] || fail "help wrote to stderr"
expect_status 0 stickerkit help convert
expect_grep '^usage: stickerkit convert' stdout
