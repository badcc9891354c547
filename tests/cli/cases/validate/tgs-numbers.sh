# A TGS whose "layers" are numbers is no animation: validate -p telegram
# used to report "no problems found".
export STK_PROFILE_DIR="$SRC/assets/profiles"
craft tgs-numbers numbers.tgs
expect_status 3 stickerkit validate -p telegram numbers.tgs
expect_grep "input.unreadable" stdout
expect_grep 'layers\[0\] is a number, not an object' stdout
