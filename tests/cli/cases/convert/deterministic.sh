# The same input and options give byte-identical output.
S=$CORPUS/static/photo_noisy_1024x1024_tiger-face.png
A=$CORPUS/animated/emote_dmogdotorg_msn_cry.gif
for i in 1 2; do
	expect_status 0 stickerkit convert --profile whatsapp --max-bytes 40000 "$S" -o s$i.webp
	expect_status 0 stickerkit convert --profile whatsapp --max-bytes 150000 "$A" -o a$i.webp
done
cmp -s s1.webp s2.webp || fail "static rerun differs"
cmp -s a1.webp a2.webp || fail "animated rerun differs"
