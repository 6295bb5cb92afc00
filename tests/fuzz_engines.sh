#!/usr/bin/env bash
# fuzz_engines.sh DMARFUZZ CORPORA ENGINE...: a short seeded campaign on each engine's walk_diff target
# (libfuzzer, afl: their builds beside DMARFUZZ's, made by scripts/build.sh) against a planted bug, from
# seeds that do not show it; it must save a finding that `dmarfuzz repro` replays.
set -u
bin=$1 corpora=$2
shift 2
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mutant=fastwalk-bug-lp-no-cap

"$(dirname "$0")/mutant_seeds.sh" "$bin" "$corpora" "$mutant" "$tmp/seeds"
for engine in "$@"; do
	case "$engine" in
	libfuzzer) budget=(--runs 20000) ;;
	*) budget=(--time 45) ;;
	esac
	"$bin" fuzz --engine "$engine" --target walk_diff --translator "$mutant" "${budget[@]}" --seed 1 \
		--corpus "$tmp/seeds" --out "$tmp/out-$engine" >"$tmp/log-$engine" 2>&1
	status=$?
	finding=$(ls "$tmp/out-$engine"/findings/*.dmar 2>/dev/null | head -1)
	if [ "$status" = 1 ] && [ -n "$finding" ] && ! "$bin" repro "$finding" >/dev/null 2>&1; then
		pass=$((pass + 1))
		echo "ok $engine: $(tail -1 "$tmp/log-$engine")"
	else
		fail=$((fail + 1))
		echo "FAIL $engine: exit $status, finding '${finding}'"
		tail -5 "$tmp/log-$engine"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
