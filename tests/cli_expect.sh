#!/usr/bin/env bash
# cli_expect.sh STATUS TEXT COMMAND...: COMMAND must exit with STATUS and
# print TEXT (a fixed string) on standard output or error.
set -u
want_status=$1 want_text=$2
shift 2
out=$("$@" 2>&1)
status=$?
if [ "$status" != "$want_status" ]; then
	echo "exit status $status, expected $want_status"; echo "$out"; echo "0 passed, 1 failed"; exit 1
fi
if ! grep -qF -- "$want_text" <<<"$out"; then
	echo "missing: $want_text"; echo "$out"; echo "0 passed, 1 failed"; exit 1
fi
echo "1 passed, 0 failed"
