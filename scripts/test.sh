#!/usr/bin/env bash
# The whole test suite: a release build (warnings as errors) and an
# AddressSanitizer + UBSan build, each running every ctest test, which
# includes the whole corpus and the freestanding build of the oracle; then
# the fuzz targets built for libFuzzer and AFL++ (each build installs its
# compiler) and a short seeded campaign on each (tests/fuzz_engines.sh).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
for flavour in release asan; do
	echo "== $flavour build ==" >&2
	"$top/scripts/build.sh" "$flavour"
	ctest --test-dir "$top/build/$flavour" --output-on-failure -j"$(nproc)"
done
for flavour in libfuzzer afl; do
	echo "== $flavour build ==" >&2
	"$top/scripts/build.sh" "$flavour"
done
"$top/tests/fuzz_engines.sh" "$top/build/release/dmarfuzz" "$top/corpora" libfuzzer afl
