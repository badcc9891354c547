# --help prints usage on stdout and exits 0; so does `stickerkit help validate`.
expect_status 0 stickerkit validate --help
expect_grep '^usage: stickerkit validate \[--profile NAME|FILE\]$' stdout
expect_grep '^ *\[--format text|json|github|junit\] \[--strict\] PATH...$' stdout
expect_grep 'count warnings as errors' stdout
[ ! -s stderr ] || fail "help wrote to stderr"
expect_status 0 stickerkit help validate
expect_grep '^usage: stickerkit validate' stdout
expect_status 0 stickerkit --help
expect_grep '^  validate ' stdout
