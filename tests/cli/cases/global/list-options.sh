# --list-options COMMAND prints the command table's rows for completion
# scripts: every option of --help once, with its kind and, for choices,
# the values; short letters are unique within a command.
for cmd in $(stickerkit --list-commands); do
	expect_status 0 stickerkit --list-options "$cmd"
	mv stdout rows
	[ -s rows ] || fail "$cmd: no rows"
	dups=$(cut -f1 rows | sort | uniq -d)
	[ -z "$dups" ] || fail "$cmd: options listed twice: $dups"
	dups=$(cut -f2 rows | grep . | sort | uniq -d || true)
	[ -z "$dups" ] || fail "$cmd: short options used twice: $dups"
	cut -f3 rows | grep -qvE '^(flag|value|file|profile|choice)$' && fail "$cmd: unknown kind"
	stickerkit "$cmd" --help >help
	for o in $(grep -oE -- '--[a-z][a-z0-9-]*' help | sort -u); do
		grep -q -- "^$o	" rows || fail "$cmd: $o in --help, not in --list-options"
	done
	for o in $(cut -f1 rows); do
		grep -q -- "$o" help || fail "$cmd: $o listed but not in --help"
	done
	grep -q -- '^--quiet	-q	flag$' rows || fail "$cmd: no -q/--quiet"
	grep -q -- '^--verbose	-v	flag$' rows || fail "$cmd: no -v/--verbose"
done
stickerkit --list-options validate >rows
expect_grep '^--format	-f	choice	text,json,github,junit$' rows
expect_grep '^--profile	-p	profile$' rows
stickerkit --list-options convert >rows
expect_grep '^--output	-o	file$' rows
expect_grep '^--duration-policy		choice	fail,speedup,trim,drop-frames$' rows
expect_status 2 stickerkit --list-options nosuch
expect_status 2 stickerkit --list-options
