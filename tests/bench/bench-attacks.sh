#!/bin/sh
# bench-attacks.sh [BUILD-DIR [OLD-BUILD-DIR]] - crafted hostile inputs at
# the sizes of issue 14 through every command that reads them (not a test).
#
# Each attack is made from nothing by tests/attacks/craft.py in a temporary
# folder (removed afterwards) and run through info, validate, resize and
# convert as they apply, printing the exit status, wall and CPU time, peak
# RSS and the lines on stderr, and checking the promise: every run within
# 5 s (of CPU: wall time on a loaded machine is not the program's) and 1 GiB,
# a hostile input refused in one line, nothing left on disk
# but a complete output.  Then validation time against 2000, 20000 and
# 100000 packs and files, to show it is linear.  With OLD-BUILD-DIR the
# same runs of that build follow (each capped at 20 s and 3 GiB) for a
# before/after.  Ends with "N of N runs kept the promise"; exits 1 if not.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
[ -x "$build/cmd/stickerkit" ] || { echo "bench-attacks: build first: $build/cmd/stickerkit" >&2; exit 2; }
old=""
if [ $# -ge 2 ]; then
	old=$(cd "$2" && pwd)/cmd/stickerkit
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/stk-attacks.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
STK_PROFILE_DIR=$root/assets/profiles exec python3 "$here/bench-attacks.py" \
	"$build/cmd/stickerkit" "$root/tests/attacks/craft.py" "$work" $old
