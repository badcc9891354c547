# Every JSON the tool writes is valid against its schema in assets/schema/
# (validate, info, convert --report; WEBM output and EXIF facts included),
# checked on real output; and a schema
# is not a rubber stamp: an output with a wrong type fails it.
export STK_PROFILE_DIR="$SRC/assets/profiles"
check() { python3 "$SRC/tests/cli/check_schema.py" "$SRC/assets/schema/$1.schema.json" "$2" ||
	fail "$2 is not valid against $1.schema.json"; }
P=$CORPUS/static/rgba_64x64_tiny_penguin.png
A=$CORPUS/animated/bounce_hamster_1024.webp
expect_status 0 stickerkit info --json "$P"
mv stdout info1.json; check info info1.json
expect_status 0 stickerkit info --json "$P" "$A"
mv stdout info2.json; check info info2.json
expect_status 0 stickerkit convert --profile whatsapp "$P" -o s.webp --report still.json
check convert still.json
expect_status 0 stickerkit convert --max-bytes 30k "$P" -o s.png --report png.json
check convert png.json
run stickerkit convert --max-bytes 200 "$P" -o tiny.webp --report fail.json
[ "$status" -eq 4 ] || fail "a 200-byte budget fitted"
check convert fail.json
# the motion outputs and inputs: a WEBM written, a TGS read, WhatsApp's EXIF shown
expect_status 0 stickerkit convert --fps 5 --size 128x128 "$A" -o m.webm --report webm.json
check convert webm.json
expect_eq "$(json webm.json 'j["format"]')" webm "format"
expect_status 0 stickerkit convert --profile whatsapp --pack-name Cats --emoji 😺 "$P" -o e.webp
expect_status 0 stickerkit info --json m.webm e.webp
mv stdout info3.json; check info info3.json
expect_eq "$(json info3.json '[j[0]["motion"]["codec"], j[1]["whatsapp"]["sticker-pack-name"], len(j[1]["whatsapp"]["emojis"])]')" '["vp9", "Cats", 1]' "motion and EXIF facts"
run stickerkit validate --profile whatsapp --format json s.webp "$A" missing.png
[ "$status" -eq 3 ] || fail "validate exit $status"
mv stdout validate.json; check validate validate.json
expect_eq "$(json validate.json 'j["unreadable"]')" 1 "unreadable count"
# A number written as a string must not pass.
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); j["width"]=str(j["width"]); json.dump(j,open("bad.json","w"))' info1.json
python3 "$SRC/tests/cli/check_schema.py" "$SRC/assets/schema/info.schema.json" bad.json 2>/dev/null &&
	fail "the info schema took a width as a string"
true
