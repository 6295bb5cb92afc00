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
# a million DMA lines (26 MB of text, release build only: seconds) within the budget `run` promises:
# DMAR_MEMORY_PER_BYTE (16) times the case's size
if [ "$sanitized" != ON ]; then
	{
		printf 'dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000 legacy\n'
		printf 'mem 0x100000 0x101001 0x0\nmem 0x101100 0x200001 0x502\nmem 0x200000 0x201003\n'
		printf 'mem 0x201000 0x202003\nmem 0x202010 0x203003\nmem 0x203000 0x9000003\n'
		awk 'BEGIN { for (i = 0; i < 1000000; i++) print "dma 00:02.0 read 0x400abc" }'
	} >"$d/dmas.dmar"
	size=$(stat -c %s "$d/dmas.dmar")
	out=$(/usr/bin/time -f 'maxrss %M' "$bin" run "$d/dmas.dmar" 2>&1)
	status=$?
	kb=$(sed -n 's/^maxrss //p' <<<"$out")
	if [ $status != 0 ] || [ "${kb:-0}" -gt $((size * 16 / 1024)) ]; then
		echo "a million DMA lines: exit $status, resident ${kb} KB for $size bytes (budget 16x)"; fail=1
	else
		echo "a million DMA lines: resident ${kb} KB for $size bytes"
	fi
fi
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
