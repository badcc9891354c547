#!/bin/sh
# run-fuzz.sh FUZZER SEEDS SECONDS ARTIFACTS - one short libFuzzer run of a
# fuzz target from its seed corpus (left untouched: new inputs go to a
# temporary folder, removed afterwards).  A crash, leak, timeout (10 s per
# input) or an input over 2 GiB of memory fails the run; what crashed is
# kept in ARTIFACTS.  Prints the executions and executions per second.
set -u
fuzzer=$1
seeds=$2
seconds=$3
artifacts=$4
name=$(basename "$fuzzer")
work=$(mktemp -d "${TMPDIR:-/tmp}/stk-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$artifacts"
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
	-artifact_prefix="$artifacts/$name-" "$work" "$seeds" >"$work.log" 2>&1
status=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work.log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work.log")
if [ "$status" -ne 0 ]; then
	tail -n 60 "$work.log"
	rm -f "$work.log"
	echo "$name: FAILED (status $status) after ${execs:-?} executions; see $artifacts"
	exit 1
fi
rm -f "$work.log"
echo "$name: ${execs:-?} executions in ${seconds} s, ${rate:-?} per second, no failure"
