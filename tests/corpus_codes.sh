#!/usr/bin/env bash
# Every legacy fault reason the case format can express must be expected by some case of
# corpora/spec/legacy (the spec-coverage floor: a missing code fails CI).
set -u
dir=$1
fail=0
for code in 0x1 0x2 0x3 0x4 0x5 0x6 0x7 0x8 0x9 0xa 0xb 0xc 0xd 0xe 0x29 0x30 0x31 0x33 0x34; do
	if ! grep -hE "=>.*(fault|blocked) $code( |$)" "$dir"/*.dmar | grep -q .; then
		echo "no case expects fault $code"
		fail=1
	fi
done
for word in "=> interrupt" "ats -" "=> ur" "blocked"; do
	grep -qF -- "$word" "$dir"/*.dmar || { echo "no case expects '$word'"; fail=1; }
done
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
