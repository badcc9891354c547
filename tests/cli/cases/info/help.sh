# --help prints usage on stdout and exits 0; so does `stickerkit help info`.
expect_status 0 stickerkit info --help
expect_grep '^usage: stickerkit info' stdout
[ ! -s stderr ] || fail "help wrote to stderr"
expect_status 0 stickerkit help info
expect_grep '^usage: stickerkit info' stdout
