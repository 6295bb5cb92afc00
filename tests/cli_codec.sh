#!/usr/bin/env bash
# cli_codec.sh DMARFUZZ CASE: `encode` then `decode` gives the canonical text (`fmt`'s), through files
# and through `-o -`; neither verb overwrites an existing -o file (exit 2, one line naming it, the file
# untouched); a file of random bytes decodes to a case `fmt --check` accepts.
set -u
bin=$1 case=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail=0
"$bin" fmt "$case" >"$d/want.dmar" || { echo "fmt failed on $case"; fail=1; }
"$bin" encode "$case" -o "$d/c.bin" || { echo "encode failed"; fail=1; }
"$bin" decode "$d/c.bin" -o "$d/c.dmar" || { echo "decode failed"; fail=1; }
cmp -s "$d/want.dmar" "$d/c.dmar" || { echo "encode -> decode differs from fmt:"; diff "$d/want.dmar" "$d/c.dmar"; fail=1; }
"$bin" encode "$case" -o - >"$d/stdout.bin" || { echo "encode -o - failed"; fail=1; }
cmp -s "$d/c.bin" "$d/stdout.bin" || { echo "encode -o - differs from encode -o FILE"; fail=1; }
"$bin" decode "$d/c.bin" -o - | cmp -s "$d/want.dmar" - || { echo "decode -o - differs from fmt"; fail=1; }
# an existing -o file is refused and kept
for verb in decode encode; do
	in=$d/c.bin
	[ $verb = encode ] && in=$case
	printf 'keep me\n' >"$d/exists"
	out=$("$bin" $verb "$in" -o "$d/exists" 2>&1)
	status=$?
	if [ $status != 2 ] || [ "$(wc -l <<<"$out")" != 1 ] || ! grep -qF "$d/exists" <<<"$out" ||
		[ "$(cat "$d/exists")" != "keep me" ]; then
		echo "$verb over an existing file: exit $status: $out"; fail=1
	fi
done
# a missing input: exit 2, one line naming it
out=$("$bin" decode "$d/no-such.bin" -o "$d/x.dmar" 2>&1)
status=$?
if [ $status != 2 ] || ! grep -qF "no-such.bin" <<<"$out" || [ -e "$d/x.dmar" ]; then
	echo "decode of a missing file: exit $status: $out"; fail=1
fi
# any bytes are a case
head -c 700 /dev/urandom >"$d/random.bin"
"$bin" decode "$d/random.bin" -o "$d/random.dmar" || { echo "decode of random bytes failed"; fail=1; }
"$bin" fmt --check "$d/random.dmar" >/dev/null || { echo "decoded random bytes are not canonical"; fail=1; }
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
