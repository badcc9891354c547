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

# lottie FILE W H FR IP OP: writes a Lottie animation: a half-transparent
# red square moving left to right over the animation (a fixture the test
# makes itself).
lottie() {
	cat >"$1" <<LOTTIE
{"v":"5.5.2","fr":$4,"ip":$5,"op":$6,"w":$2,"h":$3,"nm":"t","ddd":0,"assets":[],
 "layers":[{"ddd":0,"ind":1,"ty":4,"nm":"square","sr":1,"ip":$5,"op":$6,"st":0,"bm":0,"ao":0,
  "ks":{"o":{"a":0,"k":100},"r":{"a":0,"k":0},"a":{"a":0,"k":[0,0,0]},"s":{"a":0,"k":[100,100,100]},
        "p":{"a":1,"k":[{"t":$5,"s":[$(($2 / 4)),$(($3 / 2)),0],"e":[$(($2 * 3 / 4)),$(($3 / 2)),0],
                         "i":{"x":[1],"y":[1]},"o":{"x":[0],"y":[0]}},{"t":$6}]}},
  "shapes":[{"ty":"gr","it":[
   {"ty":"rc","d":1,"s":{"a":0,"k":[$(($2 / 3)),$(($3 / 3))]},"p":{"a":0,"k":[0,0]},"r":{"a":0,"k":0}},
   {"ty":"fl","c":{"a":0,"k":[1,0,0,1]},"o":{"a":0,"k":50}},
   {"ty":"tr","p":{"a":0,"k":[0,0]},"a":{"a":0,"k":[0,0]},"s":{"a":0,"k":[100,100]},"r":{"a":0,"k":0},"o":{"a":0,"k":100}}]}]}]}
LOTTIE
}

# ffmpeg_quiet ARGS...: Debian's ffmpeg CLI (a test dependency) making a
# fixture, without its banner.
ffmpeg_quiet() {
	ffmpeg -nostdin -hide_banner -loglevel error -y "$@"
}

# probe FILE ENTRIES: ffprobe's facts as key=value lines (one per line).
probe() {
	ffprobe -v error -show_entries "$2" -of default=noprint_wrappers=1 "$1"
}

# craft KIND OUT [N...]: writes a crafted hostile input (tests/attacks/craft.py).
craft() {
	python3 "$SRC/tests/attacks/craft.py" "$@"
}

# expect_refused STATUS CMD...: CMD exits with STATUS and says why in
# exactly one line on standard error, leaving no temporary file behind.
expect_refused() {
	expect_status "$@"
	[ "$(lines stderr)" = 1 ] || { cat stderr; fail "'$*': expected one line on stderr"; }
	leftover=$(find . -name '.*' -type f | head -1)
	[ -z "$leftover" ] || fail "'$*' left $leftover behind"
}
