# Unknown options and missing files are usage errors (exit 2) with one hint.
expect_status 2 stickerkit info --no-such-option x.png
expect_grep "unknown" stderr
expect_status 2 stickerkit info
expect_grep "no file given" stderr
expect_status 2 stickerkit info --max-pixels 12abc x.png
expect_grep "whole number" stderr
