#!/usr/bin/env bash
# mutant_seeds.sh DMARFUZZ CORPORA TRANSLATOR DIR: encodes into DIR every corpus case TRANSLATOR passes
# (the seeds a campaign against a planted bug starts from: none of them shows the bug).
set -u
bin=$1 corpora=$2 translator=$3 dir=$4
mkdir -p "$dir"
find "$corpora" -name '*.dmar' | sort | while read -r c; do
	if "$bin" run --translator "$translator" "$c" >/dev/null 2>&1; then
		"$bin" encode "$c" -o "$dir/$(basename "$c" .dmar).bin" >/dev/null 2>&1
	fi
done
