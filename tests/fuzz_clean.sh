#!/usr/bin/env bash
# fuzz_clean.sh DMARFUZZ TRANSLATOR RUNS SEED: a seeded walk_diff campaign on the builtin engine (the
# corpus's seeds) against a translator that must agree with the oracle everywhere: no finding. A finding
# fails the test and is printed as the case `dmarfuzz repro` replays.
set -u
bin=$1 translator=$2 runs=$3 seed=$4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" fuzz --engine builtin --target walk_diff --translator "$translator" --runs "$runs" --seed "$seed" \
	--out "$out" >"$out/log" 2>&1
rc=$?
tail -1 "$out/log"
if [ "$rc" != 0 ]; then
	grep '^FINDING' "$out/log"
	for f in "$out"/findings/*.dmar; do
		[ -e "$f" ] && { echo "--- $f"; cat "$f"; }
	done
	echo "FAIL: $translator and the oracle disagree (exit $rc)"
	exit 1
fi
echo "ok: $translator shows no finding in $runs runs (seed $seed)"
