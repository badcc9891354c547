# The corpus-*.sh cases between them convert every animated corpus file:
# a file no case's patterns match fails here rather than going untested.
for p in "$CORPUS"/animated/*; do
	f=${p##*/}
	covered=false
	for c in "$SRC"/tests/cli/cases/convert/corpus-*.sh; do
		patterns=$(sed -n 's/^set -- //p' "$c")
		eval "set -- $patterns"
		for pattern in "$@"; do
			case $f in $pattern) covered=true ;; esac
		done
	done
	$covered || fail "$f: no corpus-*.sh case converts it"
done
