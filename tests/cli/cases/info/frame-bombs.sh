# Frame bombs are refused after a second or so of work, not gigabytes or
# minutes later: a 29 KB GIF with an 8192x8192 screen and 1000 1x1 frames
# used to reach ~2 GiB in info, validate and resize.  Every command streams
# frames now, so what stops a bomb is what is decoded in all (--max-decoded,
# 1 GiB, or 4096 times the file's size when larger: a long real clip is
# not a bomb), and what is held at once (--max-memory) where frames are
# kept.  Under a 1.5 GB address-space limit the old code ran out of memory
# (exit 5); now it is refused with one line (exit 3).  Sanitizer builds
# reserve terabytes of address space, so they run without the ulimit.
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
expect_grep "bomb.gif: decoded frames exceed 1024 MiB in all, the larger of --max-decoded and 4096 times the input's size (see --max-decoded)" stderr
expect_refused 3 cap stickerkit resize --size 64x64 bomb.gif -o out.webp
expect_grep "bomb.gif" stderr
[ ! -e out.webp ] || fail "resize wrote out.webp"
expect_status 3 cap stickerkit validate -p telegram bomb.gif
expect_grep "input.unreadable" stdout
# 420 KB: 4096 times that is more than the 1 GiB default
expect_refused 3 cap stickerkit info bomb.webp
expect_grep "bomb.webp: decoded frames exceed 1640 MiB in all" stderr
# the limits are the options': what is held at once is the decoder's
# canvas and the frame handed on, even when no frame is kept
expect_refused 3 stickerkit info --max-memory 1 bomb.gif
expect_grep "frames held in memory would exceed 1 MiB at frame 1 (see --max-memory)" stderr
expect_refused 3 stickerkit convert --max-decoded 2048 --size 64x64 bomb.webp -o out.webp
expect_grep "decoded frames exceed 2048 MiB in all" stderr
