#!/usr/bin/env bash
# The main job on its built-in default: every case of the corpus through the
# oracle, then one case explained step by step.  Extra arguments replace the
# default corpus (e.g. scripts/main.sh my-cases/).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
"$top/scripts/build.sh" release
bin="$top/build/release/dmarfuzz"
if (($#)); then
	exec "$bin" run "$@"
fi
status=0
"$bin" run "$top/corpora" || status=$?
echo
echo "== explain corpora/examples/format-example.dmar =="
"$bin" explain "$top/corpora/examples/format-example.dmar" || status=$?
exit "$status"
