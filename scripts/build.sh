#!/usr/bin/env bash
# Configures and builds one flavour into build/NAME:
#   scripts/build.sh release   warnings as errors, optimised
#   scripts/build.sh asan      AddressSanitizer + UndefinedBehaviorSanitizer
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
flavour=${1:-release}
case "$flavour" in
release) opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DDMAR_WERROR=ON) ;;
asan) opts=(-DCMAKE_BUILD_TYPE=Debug -DDMAR_WERROR=ON -DDMAR_SANITIZE=ON) ;;
*) echo "scripts/build.sh: \`$flavour\`: unknown flavour (release, asan)" >&2; exit 2 ;;
esac
cmake -S "$top" -B "$top/build/$flavour" -G Ninja "${opts[@]}" >/dev/null
cmake --build "$top/build/$flavour" -- -j"$(nproc)" >&2
