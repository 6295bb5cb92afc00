#!/usr/bin/env bash
# explain_test.sh DMARFUZZ CASE WANTFILE: `dmarfuzz explain CASE` must print every line of
# WANTFILE (fixed strings; # comments and blank lines skipped).  The want files hold the lines a
# reader relies on, worked out by hand from the case.
set -u
bin=$1 case=$2
out=$("$bin" explain "$case") || { echo "explain exited non-zero"; exit 1; }
fail=0
want() {
	if ! grep -qF -- "$1" <<<"$out"; then
		echo "missing: $1"
		fail=1
	fi
}
while IFS= read -r line; do
	case "$line" in "#"* | "") continue ;; esac
	want "$line"
done <"$3"
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; echo "$out"; fi
exit $fail
