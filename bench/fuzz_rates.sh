#!/usr/bin/env bash
# bench/fuzz_rates.sh [SECONDS]: execution rates of the fuzz targets on each engine built (build/libfuzzer,
# build/afl: scripts/build.sh) beside the empty target built the same way, and the builtin engine's rate;
# then, for every planted bug, the inputs and seconds the builtin engine needs to find it from seeds that do
# not show it (median of 5 seeds).  Figures, not verdicts: nothing here fails on speed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}
bin=$top/build/release/dmarfuzz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== execution rates (${secs}s each; ratio = target / empty) =="
for engine in libfuzzer afl; do
	dir=$top/build/$engine/fuzz
	[ -x "$dir/fuzz_empty" ] || { echo "$engine: not built (bash scripts/build.sh $engine)"; continue; }
	declare -A rate=()
	for target in empty oracle walk_diff text; do
		seeds=$dir/seeds
		[ "$target" = text ] && seeds=$dir/seeds-text
		rm -rf "$tmp/w" && mkdir -p "$tmp/w"
		if [ "$engine" = libfuzzer ]; then
			out=$(DMARFUZZ_TRANSLATOR=fastwalk "$dir/fuzz_$target" -seed=1 -max_total_time="$secs" \
				-print_final_stats=1 -ignore_crashes=1 -fork=1 "$tmp/w" "$seeds" 2>&1)
			r=$(grep -o 'exec/s[: ]*[0-9]*' <<<"$out" | tail -1 | grep -o '[0-9]*$')
		else
			DMARFUZZ_TRANSLATOR=fastwalk AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
				AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 afl-fuzz -i "$seeds" -o "$tmp/w/out" -s 1 \
				-V "$secs" -- "$dir/fuzz_$target" >/dev/null 2>&1
			st=$tmp/w/out/default/fuzzer_stats
			r=$(awk -F: '/^execs_done/ {e=$2} /^run_time/ {t=$2} END {if (t > 0) printf "%d", e / t}' "$st" 2>/dev/null)
		fi
		rate[$target]=${r:-0}
		printf '  %-10s %-10s %8s exec/s' "$engine" "$target" "${rate[$target]}"
		if [ "$target" != empty ] && [ "${rate[empty]:-0}" -gt 0 ]; then
			awk -v a="${rate[$target]}" -v b="${rate[empty]}" 'BEGIN { printf "  %5.1f%% of empty", 100 * a / b }'
		fi
		echo
	done
	unset rate
done
out=$("$bin" fuzz --engine builtin --target walk_diff --translator fastwalk --runs 20000 --seed 1 \
	--out "$tmp/b" 2>&1 | tail -1)
echo "  builtin    walk_diff  $(grep -o '([0-9]* exec/s' <<<"$out" | tr -d '(')"

echo "== time to find each planted bug, builtin engine, median of seeds 1-5 =="
for m in $("$bin" translators | awk '$1 ~ /^fastwalk-bug-/ { print $1 }'); do
	"$top/tests/mutant_seeds.sh" "$bin" "$top/corpora" "$m" "$tmp/seeds-$m"
	runs=() times=()
	for seed in 1 2 3 4 5; do
		t0=$(date +%s.%N)
		out=$("$bin" fuzz --engine builtin --target walk_diff --translator "$m" --baseline fastwalk --first \
			--runs 400000 --seed "$seed" --corpus "$tmp/seeds-$m" --out "$tmp/o-$m-$seed" 2>&1)
		t1=$(date +%s.%N)
		n=$(grep -o 'first finding at input [0-9]*' <<<"$out" | grep -o '[0-9]*$')
		runs+=("${n:-none}")
		times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')")
	done
	med_runs=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
	med_time=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
	printf '  %-28s median %8s inputs %6ss   (inputs per seed: %s)\n' "$m" "$med_runs" "$med_time" "${runs[*]}"
done
