# A write cut by the file-size limit (ulimit -f) is an output error: exit 4,
# one line, and no partial ".out.png.XXXXXX" left behind (SIGXFSZ used to
# kill the process mid-write).  One 512-byte block is room for the error
# line on stderr (a file here), not for the 256 KB picture.
craft noise art.png 256
expect_refused 4 sh -c 'ulimit -f 1; exec stickerkit resize art.png -o out.png'
expect_grep "out.png: cannot write: File too large" stderr
[ ! -e out.png ] || fail "out.png written"
expect_refused 4 sh -c 'ulimit -f 1; exec stickerkit convert --max-bytes 9000000 --quality 100 art.png -o out.webp'
expect_grep "out.webp: cannot write: File too large" stderr
expect_status 0 stickerkit resize art.png -o out.png
[ "$(wc -c <out.png)" -gt 100000 ] || fail "out.png is too small to have been cut"
