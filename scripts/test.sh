#!/usr/bin/env bash
# The whole test suite: a release build (warnings as errors) and an
# AddressSanitizer + UBSan build, each running every ctest test, which
# includes the whole corpus and the freestanding build of the oracle.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
for flavour in release asan; do
	echo "== $flavour build ==" >&2
	"$top/scripts/build.sh" "$flavour"
	ctest --test-dir "$top/build/$flavour" --output-on-failure -j"$(nproc)"
done
