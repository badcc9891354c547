# The four report formats on the same input: JSON with the documented keys,
# GitHub workflow annotations, JUnit XML and text grouped by file.
export STK_PROFILE_DIR="$SRC/assets/profiles"
f="$CORPUS/static/webp_lossy_alpha_1024x1024_lion.webp"
expect_status 1 stickerkit validate --profile whatsapp --format json "$f"
cp stdout r.json
for k in findings errors warnings; do
	[ "$(json r.json "'$k' in j")" = true ] || fail "key $k missing"
done
for k in rule severity file message value limit; do
	[ "$(json r.json "all('$k' in x for x in j['findings'])")" = true ] || fail "finding key $k missing"
done
expect_eq "$(json r.json 'j["errors"]')" 2 "errors"
expect_eq "$(json r.json 'j["warnings"]')" 1 "warnings"
expect_eq "$(json r.json 'sorted(set(x["severity"] for x in j["findings"]))')" '["error", "warning"]' "severities"
expect_eq "$(json r.json '[x["value"] for x in j["findings"] if x["rule"] == "whatsapp.sticker.width"]')" '[1024]' "numeric value"

expect_status 1 stickerkit validate --profile whatsapp --format github "$f"
expect_grep "^::error file=$f::whatsapp.sticker.width: " stdout
expect_grep "^::warning file=$f::whatsapp.sticker.exif: " stdout
expect_eq "$(lines stdout)" 3 "one annotation per finding"

expect_status 1 stickerkit validate --profile whatsapp --format junit "$f"
expect_grep '^<?xml version="1.0" encoding="UTF-8"?>' stdout
expect_grep '<testsuites name="stickerkit validate" tests="2" failures="2" errors="0">' stdout
expect_grep '<failure type="whatsapp.sticker.width"' stdout
python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' stdout || fail "JUnit is not well-formed XML"

expect_status 1 stickerkit validate --profile whatsapp "$f"
expect_grep "^$f\$" stdout
expect_grep "^  error    whatsapp.sticker.width: the sticker is 1024 px wide" stdout
expect_grep "^           fix: resize it onto a 512x512 canvas" stdout
expect_grep "^1 file checked against whatsapp: 2 errors, 1 warning" stdout
