#!/bin/sh
# run-all.sh - the whole test run, as CI does it: a normal build and an
# AddressSanitizer + UndefinedBehaviorSanitizer build, every suite in both,
# a few seconds of libFuzzer on every fuzz target (where clang has it),
# then one closing line "N passed, N failed" over all of them.
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

# The fuzz targets of a libFuzzer build, and nothing else of it.
build_only_fuzz() { # DIR
	opts="-Dfuzzing_engine=libfuzzer -Db_sanitize=address,undefined -Db_lundef=false -Dman-pages=disabled"
	if [ -d "$1" ]; then
		meson setup --reconfigure "$1" $opts >/dev/null || meson setup --wipe "$1" $opts || return 1
	else
		meson setup "$1" $opts >/dev/null || return 1
	fi
	targets=$(meson introspect "$1" --targets | python3 -c 'import json, sys
print(" ".join(t["name"] for t in json.load(sys.stdin) if t["name"].startswith("fuzz-")))')
	meson compile -C "$1" $targets
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

# A third, small build where clang has libFuzzer (Debian 12's does): only
# the fuzz targets, each fuzzed for a few seconds from its seeds (the fuzz
# suite, tests/fuzz/run-fuzz.sh), so a parser regression fails the run.
builds="build build-asan"
if printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' |
	clang -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then
	builds="$builds build-fuzz"
	if CC=clang build_only_fuzz build-fuzz; then
		meson test -C build-fuzz --no-rebuild --suite fuzz --print-errorlogs || status=1
	else
		status=1
	fi
else
	echo "run-all.sh: clang with libFuzzer not found; fuzz targets only replayed their seeds"
fi
python3 tests/count-results.py $builds || status=1
exit $status
