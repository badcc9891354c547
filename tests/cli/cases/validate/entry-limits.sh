# contents.json has an entry limit: a 3 KB zip listing a million empty packs
# once took ~1 GB; now it is refused before parsing, in one finding.  The
# limit is --max-entries (default 100000), for packs and stickers alike.
export STK_PROFILE_DIR="$SRC/assets/profiles"
craft packs million.wastickers 1000000
expect_status 3 timeout 30 stickerkit validate million.wastickers
expect_grep "input.unreadable" stdout
expect_grep "contents.json holds more than" stdout
expect_eq "$(grep -c 'input.unreadable' stdout)" 1 "one finding"

craft packs eleven.wastickers 11
expect_status 3 stickerkit validate --max-entries 10 eleven.wastickers
expect_grep "sticker_packs holds more than 10 entries (see --max-entries)" stdout
expect_status 1 stickerkit validate --max-entries 11 eleven.wastickers
expect_grep "^12 files checked" stdout

craft stickers stickers.wastickers 2000
expect_status 3 stickerkit validate --max-entries 1000 stickers.wastickers
expect_grep "stickers holds more than 1000 entries" stdout

# a folder of more files than the limit: refused as a whole, not listed
craft folder many 30
expect_status 3 stickerkit validate --max-entries 20 many
expect_grep "folder holds more than 20 entries" stdout
