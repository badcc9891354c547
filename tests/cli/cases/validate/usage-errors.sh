# Usage mistakes exit 2 with one hint; an unknown profile name is one too
# (as in every command), an unreadable profile file is bad input (3).
export STK_PROFILE_DIR="$SRC/assets/profiles"
expect_status 2 stickerkit validate
expect_grep "no file or folder given" stderr
expect_status 2 stickerkit validate --no-such-option x.webp
expect_grep "unknown" stderr
expect_status 2 stickerkit validate --format xml x.webp
expect_grep "text, json, github or junit" stderr
expect_status 2 stickerkit validate --profile line --role nope x.png
expect_grep "no role 'nope'" stderr
expect_status 2 stickerkit validate --profile nosuchstore x.webp
expect_grep 'no profile named "nosuchstore"' stderr
expect_status 3 stickerkit validate --profile ./missing.json x.webp
expect_grep "missing.json" stderr
