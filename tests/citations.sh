#!/usr/bin/env bash
# citations.sh TOP: the project's sources, cases and documents cite only what the repository holds.
#   - no mention of files outside it (the shared notes the project started from);
#   - every "vtd-notes N.M" names a section of docs/vtd-notes.md;
#   - every docs/*.md file named anywhere exists.
set -u
cd "$1" || exit 2
fail=0
files=$(git ls-files '*.c' '*.h' '*.S' '*.ld' '*.sh' '*.cmake' 'CMakeLists.txt' '*.dmar' '*.md' '*.want' '*.expect')

outside=$(grep -nE '\.\./shared|ARCHITECTURE\.md|qemu-backend-notes|STYLE-ANCHORS|vtd-spec-digest|\bdigest [0-9]' $files |
	grep -v '^tests/citations.sh:')
if [ -n "$outside" ]; then
	echo "cites a file outside the repository:"
	echo "$outside"
	fail=1
fi

# sections of the notes: "### 9.1 ..." and "## 6. ..."
sections=$(sed -nE 's/^##+ ([0-9]+(\.[0-9]+)?)\.? .*/\1/p' docs/vtd-notes.md)
cited=$(grep -ohE 'vtd-notes( sections?)? [0-9]+(\.[0-9]+)?((,| and|;) [0-9]+(\.[0-9]+)?)*' $files |
	grep -oE '[0-9]+(\.[0-9]+)?' | sort -u)
n=0
for s in $cited; do
	n=$((n + 1))
	if ! grep -qxF "$s" <<<"$sections"; then
		echo "vtd-notes $s is cited, but docs/vtd-notes.md has no section $s:"
		grep -nE "vtd-notes[^)]*\b$s\b" $files | head -3
		fail=1
	fi
done
if [ "$n" -lt 20 ]; then
	echo "only $n sections of docs/vtd-notes.md are cited: the pattern no longer finds the citations"
	fail=1
fi

for d in $(grep -ohE 'docs/[A-Za-z0-9_-]+\.md' $files | sort -u); do
	if [ ! -f "$d" ]; then
		echo "$d is cited but does not exist:"
		grep -nF "$d" $files | head -3
		fail=1
	fi
done

if ((fail)); then
	echo "0 passed, 1 failed"
	exit 1
fi
echo "citations: $n sections of docs/vtd-notes.md cited, each exists"
echo "1 passed, 0 failed"
