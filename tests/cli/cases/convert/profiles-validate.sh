# What convert writes with --profile P passes `validate --profile P` with
# no errors: a still and an animation for every store convert writes both
# for, from the same profile file validate reads.
S=$CORPUS/static/rgba_1024x1024_grinning-face.png
A=$CORPUS/animated/emote_dmogdotorg_msn_cry.gif
H=$CORPUS/animated/frames_bounce_hamster
export STK_PROFILE_DIR="$SRC/assets/profiles"
# profile still-extension animation-extension animation
check() {
	p=$1 still=$2 anim=$3 in=$4
	expect_status 0 stickerkit convert --quiet --profile "$p" "$S" -o "$p-still.$still"
	expect_status 0 stickerkit convert --quiet --profile "$p" --filter nearest "$in" \
		-o "$p-anim.$anim"
	for f in "$p-still.$still" "$p-anim.$anim"; do
		run stickerkit validate --profile "$p" "$f"
		[ "$status" -eq 0 ] || { cat stdout stderr; fail "$f: validate --profile $p exited $status"; }
		grep -q "0 errors\\|no problems found" stdout || { cat stdout; fail "$f: errors"; }
	done
}
check whatsapp webp webp "$A"
check signal png png "$A"
check line png png "$A"
check discord png png "$A"
check kakaotalk png webp "$A"
check wechat png gif "$A"
# a 24-frame 1 s folder: LINE's frame and play-count bounds, WhatsApp's timing
check line png png "$H"
check whatsapp webp webp "$H"
# a profile file by path works the same
cp "$SRC/assets/profiles/signal.json" mine.json
expect_status 0 stickerkit convert --quiet --profile ./mine.json "$S" -o mine.png
expect_status 0 stickerkit validate --profile ./mine.json mine.png
# stills-only stores refuse animations with one line, and write nothing
expect_status 3 stickerkit convert --profile viber "$A" -o tg.png
expect_grep "stills only" stderr
[ "$(lines stderr)" -eq 1 ] || { cat stderr; fail "more than one line"; }
[ ! -e tg.png ] || fail "tg.png written"
