#!/usr/bin/env bash
# cli_fmt.sh DMARFUZZ CORPUS: `dmarfuzz fmt` on every case of CORPUS gives text that is canonical
# (`fmt --check` accepts it: a fixed point) and judges the same (`run` passes it); `-i` rewrites a
# case without comments and refuses one with comments (exit 2, the file untouched).
set -u
bin=$1 corpus=$2
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
fail=0 n=0
while IFS= read -r f; do
	n=$((n + 1))
	if ! "$bin" fmt "$f" >"$d/c.dmar"; then echo "fmt failed: $f"; fail=1; continue; fi
	if ! "$bin" fmt --check "$d/c.dmar" >/dev/null; then echo "not a fixed point: $f"; fail=1; fi
	if ! "$bin" run "$d/c.dmar" >/dev/null 2>&1; then echo "judged differently once printed: $f"; fail=1; fi
done < <(find "$corpus" -name '*.dmar' | sort)
[ $n -gt 50 ] || { echo "only $n cases found in $corpus"; fail=1; }
# -i: rewrites a case without comments, refuses (and keeps) one with comments
printf 'dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000\nmem 0x100000 0x0101001\n' >"$d/plain.dmar"
"$bin" fmt -i "$d/plain.dmar" || { echo "fmt -i failed"; fail=1; }
grep -q '^mem 0x100000 0x101001$' "$d/plain.dmar" || { echo "fmt -i did not rewrite"; fail=1; }
"$bin" fmt --check "$d/plain.dmar" >/dev/null || { echo "fmt -i left it not canonical"; fail=1; }
printf 'dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000\nmem 0x100000 0x0101001 # root\n' >"$d/notes.dmar"
cp "$d/notes.dmar" "$d/notes.orig"
out=$("$bin" fmt -i "$d/notes.dmar" 2>&1)
status=$?
if [ $status != 2 ] || ! grep -qF 'notes.dmar:5: `#`: has comments' <<<"$out" || ! cmp -s "$d/notes.dmar" "$d/notes.orig"; then
	echo "fmt -i on a file with comments: exit $status: $out"; fail=1
fi
if [ $fail = 0 ]; then echo "1 passed, 0 failed ($n cases)"; else echo "0 passed, 1 failed"; fi
exit $fail
