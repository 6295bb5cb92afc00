#!/usr/bin/env bash
# The main job on its built-in default: every case of the corpus through the oracle and through fastwalk
# (a second unit model judged against it), then a short seeded fuzzing campaign against a planted bug
# (fastwalk-bug-tlb-no-did: the IOTLB looked up without the domain id) that finds it, saves it, replays
# it and minimizes it to a few lines.  Extra arguments replace the default corpus (e.g. scripts/main.sh
# my-cases/): they are run through the oracle only.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
"$top/scripts/build.sh" release
bin="$top/build/release/dmarfuzz"
if (($#)); then
	exec "$bin" run "$@"
fi
status=0
mutant=fastwalk-bug-tlb-no-did
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== the corpus through the oracle =="
"$bin" run "$top/corpora" | tail -1 || status=1
echo
echo "== the corpus through fastwalk, judged by the oracle =="
"$bin" run --translator fastwalk "$top/corpora" | tail -1 || status=1

# seeds: the corpus cases the planted bug does not show on, so the campaign has to find it
"$top/tests/mutant_seeds.sh" "$bin" "$top/corpora" "$mutant" "$work/seeds"
echo
echo "== fuzzing $mutant: structure-aware mutations, seed 1, stopping at its first finding =="
"$bin" fuzz --engine builtin --target walk_diff --translator "$mutant" --baseline fastwalk --first \
	--runs 200000 --seed 1 --corpus "$work/seeds" --out "$work/out" 2>&1 | grep -v '^fuzz ' || true
finding=$(ls "$work"/out/findings/*.dmar 2>/dev/null | head -1)
if [ -z "$finding" ]; then
	echo "no finding: the campaign did not find the planted bug"
	exit 1
fi
echo
echo "== the finding replayed =="
"$bin" repro "$finding" | head -3 || true
echo
echo "== minimized =="
"$bin" minimize "$finding" -o "$work/minimized.dmar" || true
cat "$work/minimized.dmar"
echo
echo "== the minimized case: the oracle passes it, $mutant fails it, fastwalk passes it =="
"$bin" run "$work/minimized.dmar" | tail -1 || status=1
"$bin" run --translator "$mutant" "$work/minimized.dmar" | tail -1 || true
"$bin" run --translator fastwalk "$work/minimized.dmar" | tail -1 || status=1
exit "$status"
