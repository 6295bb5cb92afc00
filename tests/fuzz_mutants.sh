#!/usr/bin/env bash
# fuzz_mutants.sh DMARFUZZ CORPORA RUNS: the walk_diff target, on the builtin engine with a fixed seed
# and at most RUNS inputs, finds every planted bug of fastwalk starting from seeds that do not show it
# (the corpus cases the mutant passes, encoded): a finding of the planted bug's own, one fastwalk itself
# does not share (--baseline fastwalk), after which the campaign stops (--first).
set -u
bin=$1 corpora=$2 runs=$3
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mutants=$("$bin" translators | awk '$1 ~ /^fastwalk-bug-/ { print $1 }')
for m in $mutants; do
	seeds=$tmp/seeds-$m out=$tmp/out-$m
	"$(dirname "$0")/mutant_seeds.sh" "$bin" "$corpora" "$m" "$seeds"
	"$bin" fuzz --engine builtin --target walk_diff --translator "$m" --baseline fastwalk --first \
		--runs "$runs" --seed 1 --corpus "$seeds" --out "$out" >"$tmp/log" 2>&1
	own=$(ls "$out"/findings/*.dmar 2>/dev/null | head -1)
	# the finding fails its mutant and passes fastwalk: it is the planted bug's
	if [ -n "$own" ] && ! "$bin" run --translator "$m" "$own" >/dev/null 2>&1 &&
		"$bin" run --translator fastwalk "$own" >/dev/null 2>&1; then
		pass=$((pass + 1))
		echo "ok $m: $(grep -m1 '^# dmarfuzz finding' "$own" | cut -c3-) ($(grep -m1 'first finding' "$tmp/log"))"
	else
		fail=$((fail + 1))
		echo "FAIL $m: no finding of its own in $runs runs"
		tail -2 "$tmp/log"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
