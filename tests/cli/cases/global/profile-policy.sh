# One policy for profiles in every command that reads them: a name that no
# profile folder has is a usage error (2, with "did you mean"); a profile
# file that cannot be read is bad input (3).
P=$CORPUS/static/rgba_64x64_tiny_penguin.png
export STK_PROFILE_DIR="$SRC/assets/profiles"
for cmd in "convert -o out.webp" "validate"; do
	expect_status 2 stickerkit $cmd --profile nosuch "$P"
	expect_grep 'no profile named "nosuch"' stderr
	expect_status 2 stickerkit $cmd --profile kakao "$P"
	expect_grep "did you mean 'kakaotalk'" stderr
	expect_status 3 stickerkit $cmd --profile ./nosuch.json "$P"
	expect_grep "nosuch.json" stderr
done
[ ! -e out.webp ] || fail "an output was written"
