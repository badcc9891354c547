# --help prints usage on stdout and exits 0.
expect_status 0 stickerkit preview --help
expect_grep '^usage: stickerkit preview' stdout
[ ! -s stderr ] || fail "help wrote to stderr"
