#!/usr/bin/env bash
# Configures and builds one flavour into build/NAME:
#   scripts/build.sh release   warnings as errors, optimised
#   scripts/build.sh asan      AddressSanitizer + UndefinedBehaviorSanitizer
#   scripts/build.sh libfuzzer the fuzz targets under libFuzzer, ASan and UBSan (clang; fuzz/README.md)
#   scripts/build.sh afl       the fuzz targets under AFL++ (afl-clang-fast; fuzz/README.md)
# The two fuzzing flavours install their compiler first (scripts/deps.sh PACKAGE...) and build the target
# fuzz_all only (fuzz/CMakeLists.txt): the fuzz targets, their replay drivers, the seeds and dmarfuzz.
# Outside fuzz/ the tree is not clang -Werror clean, so there warnings stay warnings.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
flavour=${1:-release}
targets=()
case "$flavour" in
release) opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DDMAR_WERROR=ON) ;;
asan) opts=(-DCMAKE_BUILD_TYPE=Debug -DDMAR_WERROR=ON -DDMAR_SANITIZE=ON) ;;
libfuzzer)
	"$top/scripts/deps.sh" clang
	opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DDMAR_WERROR=OFF -DDMAR_SANITIZE=ON
		-DDMAR_FUZZ_ENGINE=libfuzzer)
	targets=(--target fuzz_all) ;;
afl)
	"$top/scripts/deps.sh" afl++ clang
	opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=afl-clang-fast -DDMAR_WERROR=OFF
		-DDMAR_FUZZ_ENGINE=afl)
	targets=(--target fuzz_all) ;;
*) echo "scripts/build.sh: \`$flavour\`: unknown flavour (release, asan, libfuzzer, afl)" >&2; exit 2 ;;
esac
cmake -S "$top" -B "$top/build/$flavour" -G Ninja "${opts[@]}" >/dev/null
cmake --build "$top/build/$flavour" "${targets[@]}" -- -j"$(nproc)" >&2
