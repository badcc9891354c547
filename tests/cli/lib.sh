# lib.sh - helpers for CLI test cases (sourced by run-case.sh).

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# run CMD...: runs a command, keeping its status in $status and its output
# in the files stdout and stderr; never fails by itself.
run() {
	set +e
	"$@" >stdout 2>stderr
	status=$?
	set -e
}

# expect_status N CMD...: runs CMD and fails unless it exits with N.
expect_status() {
	want=$1
	shift
	run "$@"
	if [ "$status" -ne "$want" ]; then
		echo "--- stdout"; cat stdout; echo "--- stderr"; cat stderr
		fail "'$*' exited $status, expected $want"
	fi
}

# json FILE EXPR: prints a Python expression evaluated on the JSON in FILE
# (bound to j), e.g. json out.json 'j["width"]'.
json() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(json.dumps(v) if isinstance(v,(list,dict,bool)) or v is None else v)' "$1" "$2"
}

# expect_eq GOT WANT WHAT
expect_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

# expect_grep PATTERN FILE
expect_grep() {
	grep -q -- "$1" "$2" || { cat "$2"; fail "'$1' not found in $2"; }
}

# lines FILE: number of lines
lines() {
	wc -l <"$1" | tr -d ' '
}
