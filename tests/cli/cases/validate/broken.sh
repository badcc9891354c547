# Every broken corpus file is unreadable input: exit 3, the file named on
# stderr, an input.unreadable finding in the report, and no crash.
export STK_PROFILE_DIR="$SRC/assets/profiles"
for f in "$CORPUS"/broken/*; do
	case "$f" in *png_content_named.gif|*frames_mismatched_sizes) continue ;; esac
	run stickerkit validate --profile whatsapp --format json "$f"
	[ "$status" -eq 3 ] || { cat stdout stderr; fail "$f: exit $status, expected 3"; }
	expect_grep "$(basename "$f")" stderr
	cp stdout r.json
	expect_eq "$(json r.json '[x["rule"] for x in j["findings"]]')" '["input.unreadable"]' "$f findings"
	expect_eq "$(json r.json 'j["unreadable"]')" 1 "$f unreadable count"
done
