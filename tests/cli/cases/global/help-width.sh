# Every help text fits 80 columns.
for cmd in $(stickerkit --list-commands); do
	stickerkit "$cmd" --help >help
	long=$(awk 'length($0) > 80' help)
	[ -z "$long" ] || fail "$cmd --help: lines over 80 columns: $long"
done
stickerkit --help >help
[ -z "$(awk 'length($0) > 80' help)" ] || fail "stickerkit --help over 80 columns"
