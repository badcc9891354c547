# -p telegram keeps a TGS that meets Telegram's TGS rules as it is (byte
# for byte, no rendering); one that does not (24 fps here) is rendered to
# a WEBM video sticker, and the report says why; a .webm output asks for
# the video even of a valid TGS.
lottie ok.json 512 512 60 0 90
gzip -9nc ok.json >ok.tgs
expect_status 0 stickerkit convert -p telegram --report keep.json ok.tgs -o kept.tgs
cmp -s ok.tgs kept.tgs || fail "the TGS was not kept byte for byte"
expect_eq "$(json keep.json 'j["format"]')" tgs "reported format"
expect_eq "$(json keep.json 'j["encodes"]')" 0 "no encode"
expect_status 0 stickerkit validate -p telegram kept.tgs

lottie slow.json 512 512 24 0 24
gzip -9nc slow.json >slow.tgs
# standard output: the format is the library's choice
expect_status 0 stickerkit convert -p telegram --report r.json slow.tgs -o -
cp stdout slow.webm
expect_eq "$(json r.json 'j["format"]')" webm "rendered instead"
expect_grep "not kept as TGS: it runs at 24 fps" r.json
expect_status 0 stickerkit validate -p telegram slow.webm
expect_status 2 stickerkit convert -p telegram slow.tgs -o slow-out.tgs
expect_grep "writes webm for this input" stderr
expect_status 2 stickerkit convert ok.tgs -o plain.tgs
expect_grep "only kept as it is" stderr
expect_status 0 stickerkit convert -p telegram ok.tgs -o video.webm
expect_status 0 stickerkit info --json video.webm
cp stdout v.json
expect_eq "$(json v.json 'j["format"]')" webm "a .webm asks for the video"
