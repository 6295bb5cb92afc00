#!/usr/bin/env bash
# cli_dirs.sh DMARFUZZ CASE: `run DIR` walks each directory once and runs each file once, whatever
# symbolic links say (two links back to the directory itself, a second link to the case), and a
# directory without cases is an error (exit 2, "no cases"), not an empty success.
set -u
bin=$1 case=$2
d=$(mktemp -d) e=$(mktemp -d)
trap 'rm -rf "$d" "$e"' EXIT
fail=0
cp "$case" "$d/one.dmar"
ln -s . "$d/loop-a"
ln -s . "$d/loop-b"
ln -s one.dmar "$d/again.dmar"
out=$(timeout 20 "$bin" run "$d" 2>&1)
status=$?
if [ $status != 0 ] || [ "$(grep -c '^PASS' <<<"$out")" != 1 ] || ! grep -q '^1 passed, 0 failed' <<<"$out"; then
	echo "symbolic links: exit $status, expected one case run once:"; echo "$out"; fail=1
fi
out=$("$bin" run "$e" 2>&1)
status=$?
if [ $status != 2 ] || ! grep -qF "$e: no cases" <<<"$out"; then
	echo "empty directory: exit $status, expected 2 and \"no cases\":"; echo "$out"; fail=1
fi
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
