#!/bin/sh
# Every ```dmar block of docs/case-format.md is a complete case that `dmarfuzz run` accepts (exit 0).
# usage: docs_examples.sh DMARFUZZ DOC
set -u
bin=$1
doc=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v dir="$dir" '
	/^```dmar[ \t]*$/ { n++; f = sprintf("%s/example-%02d.dmar", dir, n); inside = 1; start = NR; next }
	/^```/ && inside { inside = 0; close(f); next }
	inside { print > f }
' "$doc"
count=$(ls "$dir" | wc -l)
if [ "$count" -eq 0 ]; then
	echo "no \`\`\`dmar block in $doc"
	exit 1
fi
bad=0
for f in "$dir"/*.dmar; do
	if out=$("$bin" run "$f" 2>&1); then
		echo "ok   $(basename "$f")"
	else
		echo "FAIL $(basename "$f") (exit $?):"
		echo "$out" | sed 's/^/    /'
		echo "    the block:"
		sed 's/^/    | /' "$f"
		bad=$((bad + 1))
	fi
done
echo "$((count - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
