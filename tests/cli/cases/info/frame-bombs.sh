# Frame bombs are refused by what is held at once (--max-memory, 512 MiB by
# default), not gigabytes later: a 29 KB GIF with an 8192x8192 screen and
# 1000 1x1 frames used to reach ~2 GiB in info, validate and resize.  Under
# a 1.5 GB address-space limit the old code ran out of memory (exit 5);
# now it is refused with one line (exit 3).  Sanitizer builds reserve
# terabytes of address space, so they run without the ulimit.
export STK_PROFILE_DIR="$SRC/assets/profiles"
craft gif-bomb bomb.gif 1000 8192
craft webp-bomb bomb.webp 9999 512
cap() {
	if [ -z "$STK_SANITIZED" ]; then
		(ulimit -v 1500000; "$@")
	else
		"$@"
	fi
}
expect_refused 3 cap stickerkit info bomb.gif
expect_grep "bomb.gif: frames held in memory would exceed 512 MiB at frame 2 (see --max-memory)" stderr
expect_refused 3 cap stickerkit resize --size 64x64 bomb.gif -o out.webp
expect_grep "bomb.gif" stderr
[ ! -e out.webp ] || fail "resize wrote out.webp"
expect_status 3 cap stickerkit validate -p telegram bomb.gif
expect_grep "input.unreadable" stdout
expect_refused 3 cap stickerkit info bomb.webp
expect_grep "bomb.webp: frames held in memory would exceed 512 MiB at frame 512" stderr
# the limit is the option's
expect_refused 3 stickerkit info --max-memory 16 bomb.webp
expect_grep "exceed 16 MiB at frame 16 (see --max-memory)" stderr
# what a streaming reader makes in all is bounded too (--max-decoded)
expect_refused 3 stickerkit convert --max-decoded 64 --size 64x64 bomb.webp -o out.webp
expect_grep "decoded frames exceed 64 MiB (see --max-decoded)" stderr
