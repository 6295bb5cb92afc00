#!/usr/bin/env bash
# mutants_caught.sh REPLAY DMARFUZZ SEEDS: the differential target, replayed on the seeds, finds every
# planted-bug variant of fastwalk (the fastwalk-bug-* lines of `dmarfuzz translators`): the replay
# aborts with a FAIL line naming a divergence.
set -u
replay=$1 bin=$2 seeds=$3
pass=0 fail=0

mutants=$("$bin" translators | awk '$1 ~ /^fastwalk-bug-/ { print $1 }')
if [ -z "$mutants" ]; then
	echo "FAIL: no mutants listed"; exit 1
fi
for m in $mutants; do
	out=$(DMARFUZZ_TRANSLATOR=$m "$replay" "$seeds" 2>&1 >/dev/null)
	status=$?
	if [ "$status" != 0 ] && grep -q '^FAIL <input>:' <<<"$out"; then
		pass=$((pass + 1))
		echo "ok $m: $(grep -m1 '^FAIL' <<<"$out")"
	else
		fail=$((fail + 1))
		echo "FAIL $m: exit $status, no finding"
		tail -3 <<<"$out"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
