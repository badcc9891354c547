# The 12 s animation is over WhatsApp's 10 s: refused by default (exit 3),
# with the durations and the way out named, and nothing written.
expect_status 3 stickerkit convert --profile whatsapp \
	"$CORPUS/animated/long_12s_30fps_hedgehog_512.webp" -o out.webp
expect_grep "animation lasts 12000 ms, over the 10000 ms limit" stderr
expect_grep "duration-policy speedup, trim or drop-frames" stderr
[ ! -e out.webp ] || fail "output written"
