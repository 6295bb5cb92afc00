#!/usr/bin/env bash
# cli_findings.sh DMARFUZZ CASE MUTANT: `repro` shows where MUTANT parts from the oracle on CASE
# (exit 1), and not fastwalk (exit 0); `minimize` writes a short case that records its translator,
# passes `run` on the oracle alone, fails `run --translator MUTANT` and passes fastwalk; it never
# overwrites a file.
set -u
bin=$1 case=$2 mutant=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/expect.sh"

expect 1 "REPRODUCED $case:" repro --translator "$mutant" "$case"
expect 1 "the translator answers:" repro --translator "$mutant" "$case"
expect 0 "does not reproduce: fastwalk agrees with the oracle" repro --translator fastwalk "$case"
expect 1 "minimized $case:" minimize --translator "$mutant" "$case" -o "$tmp/min.dmar"
expect 0 "1 passed, 0 failed" run "$tmp/min.dmar"
expect 1 "0 passed, 1 failed" run --translator "$mutant" "$tmp/min.dmar"
expect 0 "1 passed, 0 failed" run --translator fastwalk "$tmp/min.dmar"
expect 1 "REPRODUCED $tmp/min.dmar:" repro "$tmp/min.dmar"
expect 2 "exists already" minimize --translator "$mutant" "$case" -o "$tmp/min.dmar"
expect 2 "records no translator: name one with --translator" repro "$case"
# a finding is judged against the oracle alone: a check value the case got wrong (memory at 0x300000 is
# never written, so it holds 0) is no divergence of a translator that agrees with the oracle's memory
{ cat "$case"; echo "check 0x300000 0x1234"; } >"$tmp/wrong-check.dmar"
expect 0 "does not reproduce: fastwalk agrees with the oracle" repro --translator fastwalk "$tmp/wrong-check.dmar"
lines=$(grep -vc '^#' "$tmp/min.dmar")
if [ "$lines" -le 16 ]; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: the minimized case has $lines lines"
	cat "$tmp/min.dmar"
fi
expect_done
