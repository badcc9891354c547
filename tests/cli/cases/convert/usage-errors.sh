# Bad command lines are usage errors (exit 2) with one line saying why.
P=$CORPUS/static/rgba_64x64_tiny_penguin.png
expect_status 2 stickerkit convert -o out.webp
expect_grep "no input given" stderr
expect_status 2 stickerkit convert "$P"
expect_grep "no output given" stderr
expect_status 2 stickerkit convert "$P" "$P" -o out.webp
expect_grep "one input at a time" stderr
expect_status 2 stickerkit convert --duration-policy slow "$P" -o out.webp
expect_grep "fail, speedup, trim or drop-frames" stderr
expect_status 2 stickerkit convert --quality 101 "$P" -o out.webp
expect_grep "quality" stderr
expect_status 2 stickerkit convert --profile nowhere "$P" -o out.webp
expect_grep "^stickerkit convert: --profile: no profile named \"nowhere\"" stderr
expect_status 2 stickerkit convert --profile kakao "$P" -o out.png
expect_grep 'no profile named "kakao"' stderr
expect_status 2 stickerkit convert --profile messenger "$P" -o out.png
expect_grep "messenger profile has no sticker role" stderr
expect_status 2 stickerkit convert --profile line "$P" -o out.gif
expect_grep "writes png stills and apng animations, not gif" stderr
expect_status 3 stickerkit convert --profile ./missing.json "$P" -o out.webp
expect_grep "missing.json" stderr
expect_status 2 stickerkit convert --profile kakaotalk \
	"$CORPUS/animated/emote_dmogdotorg_msn_cry.gif" -o out.png
expect_grep "writes webp for this input, not png" stderr
[ ! -e out.png ] || fail "a WebP written as out.png"
expect_status 2 stickerkit convert --profile whatsapp "$P" -o out.png
expect_grep "writes webp" stderr
expect_status 2 stickerkit convert "$P" -o out.bmp
expect_grep "cannot tell the format" stderr
expect_status 2 stickerkit convert --strip --emoji x "$P" -o out.webp
expect_status 2 stickerkit convert --min-ssim 2 "$P" -o out.webp
[ ! -e out.webp ] || fail "an output was written on a usage error"
# A pack id must identify a pack: WhatsApp metadata without a pack name or
# id is refused (the hash of an empty name would be every pack's id).
expect_status 2 stickerkit convert -p whatsapp --emoji 😀 "$P" -o out.webp
expect_grep "pack name or a pack id" stderr
[ ! -e out.webp ] || fail "an output was written without a pack id"
expect_status 0 stickerkit convert -p whatsapp --emoji 😀 --pack-name Cats "$P" -o out.webp
expect_status 0 stickerkit info --json out.webp
cp stdout cats.json
expect_status 0 stickerkit convert -p whatsapp --emoji 😀 --pack-name Dogs "$P" -o out.webp
expect_status 0 stickerkit info --json out.webp
cp stdout dogs.json
cats=$(json cats.json 'j["whatsapp"]["sticker-pack-id"]')
dogs=$(json dogs.json 'j["whatsapp"]["sticker-pack-id"]')
expect_eq "${#cats}" 32 "a 32-digit pack id"
[ "$cats" != "$dogs" ] || fail "two packs share the pack id $cats"
