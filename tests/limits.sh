#!/usr/bin/env bash
# limits.sh DMARFUZZ SANITIZED: generated large inputs (made here, never checked in), bounded to
# seconds.  Sparse memory stays within 10x the input: 200,000 one-value `mem` lines on distinct 4 KiB
# pages (about 3.7 MB of text) must run in at most 10x that resident memory plus 16 MB for the
# program itself (not checked under the sanitizers, whose shadow memory is not the program's).  Before
# memory was kept by 64-byte line it took a 4 KiB page a line (800 MB here).
set -u
bin=$1 sanitized=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
{
	printf 'dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000 legacy\n'
	awk 'BEGIN { for (i = 0; i < 200000; i++) printf "mem 0x%x 0x1\n", 16777216 + i * 4096 }'
	printf 'dma 00:02.0 read 0x400abc => fault 0x1\n'
} >"$d/mem.dmar"
size=$(stat -c %s "$d/mem.dmar")
if ! command -v /usr/bin/time >/dev/null; then
	echo "/usr/bin/time missing: install the Debian package time (scripts/deps.sh does)"; exit 1
fi
out=$(/usr/bin/time -f 'maxrss %M' "$bin" run "$d/mem.dmar" 2>&1)
status=$?
kb=$(sed -n 's/^maxrss //p' <<<"$out")
fail=0
if [ $status != 0 ] || ! grep -q '^1 passed, 0 failed' <<<"$out"; then
	echo "the case did not pass: exit $status"; echo "$out"; fail=1
elif [ "$sanitized" != ON ] && [ "${kb:-0}" -gt $((size * 10 / 1024 + 16384)) ]; then
	echo "resident memory ${kb} KB for $size bytes of case: more than 10x the input"; fail=1
else
	echo "resident memory ${kb} KB for $size bytes of case"
fi
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
