# Several files give a JSON array, in the order given; a bad one among good
# ones is reported on stderr, the rest still printed, and the exit is 3.
expect_status 0 stickerkit info --json "$CORPUS/static/rgba_64x64_tiny_penguin.png" \
	"$CORPUS/animated/emote_dmogdotorg_msn_cry.gif"
cp stdout two.json
expect_eq "$(json two.json 'len(j)')" 2 "array length"
expect_eq "$(json two.json 'j[1]["format"]')" gif "second format"
expect_status 3 stickerkit info --json "$CORPUS/static/rgba_64x64_tiny_penguin.png" \
	"$CORPUS/broken/zero_bytes.png"
cp stdout partial.json
expect_eq "$(json partial.json 'len(j)')" 1 "good file still reported"
expect_eq "$(lines stderr)" 1 "one error line"
expect_grep "zero_bytes.png" stderr
