#!/bin/sh
# run-all.sh - the whole test run, as CI does it: a normal build and an
# AddressSanitizer + UndefinedBehaviorSanitizer build, every suite in both,
# then one closing line "N passed, N failed" over both.
set -u
cd "$(dirname "$0")/.."
status=0

build() { # DIR MESON-OPTIONS...
	dir=$1
	shift
	if [ -d "$dir" ]; then
		meson setup --reconfigure "$dir" "$@" >/dev/null || meson setup --wipe "$dir" "$@" || return 1
	else
		meson setup "$dir" "$@" || return 1
	fi
	meson compile -C "$dir"
}

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0

for dir in build build-asan; do
	if [ "$dir" = build ]; then
		build build || status=1
	else
		build build-asan -Db_sanitize=address,undefined -Db_lundef=false \
			-Dbuildtype=debug || status=1
	fi
	meson test -C "$dir" --print-errorlogs --timeout-multiplier 3 || status=1
done
python3 tests/count-results.py build build-asan || status=1
exit $status
