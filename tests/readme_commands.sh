#!/usr/bin/env bash
# readme_commands.sh SOURCE_DIR BUILD_DIR: runs every command line of README.md's "Using it" and
# "Building by hand" code blocks, with small inputs, and checks that each exits 0 as documented.  A binary
# path, verb or option the README names but the build does not have makes this test fail.
#
# How a README line becomes a command here:
#   - `build/release/...` and `build/...` (the README's two spellings of a build directory) become
#     BUILD_DIR/...; `-B build`, `--build build`, `--test-dir build` likewise;
#   - optional `[...]` words are left out, except `[N]` (given as 1) and `[linux]` (run both ways);
#   - QEMU replays get one small case instead of a corpus directory; reports go to a temporary directory;
#   - `ctest` gets `-N` (list the tests, run none: this test is one of them);
#   - commands that need QEMU are skipped, saying so, only when qemu-system-x86_64 is missing, and the
#     Linux driver's ones only when the build has no Linux test driver (no kernel headers).
set -u
src=$1
build=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
small=corpora/examples/format-example.dmar
have_qemu=1
command -v qemu-system-x86_64 >/dev/null || have_qemu=0
have_ko=0
[ -f "$build/linux-module/dmarfuzz.ko" ] && have_ko=1

# the command lines of the two sections' ```sh blocks, comments removed
lines=$(awk '
	/^## / { section = $0; next }
	/^```/ { if (inside) { inside = 0 } else if (section ~ /^## (Using it|Building by hand)$/) { inside = 1 }; next }
	inside { sub(/[ \t]+#.*$/, ""); if ($0 != "") print }
' "$src/README.md")
if [ -z "$lines" ]; then
	echo "no command found in README.md's \"Using it\" and \"Building by hand\" blocks"
	exit 1
fi

pass=0 fail=0 skip=0
run() { # run LABEL COMMAND: must exit 0
	local label=$1 cmd=$2 out rc
	out=$(cd "$src" && timeout 600 bash -c "$cmd" </dev/null 2>&1)
	rc=$?
	if [ $rc = 0 ]; then
		echo "ok    $label"
		pass=$((pass + 1))
	else
		echo "FAIL  $label: exit $rc, documented 0"
		echo "      ran: $cmd"
		sed 's/^/      | /' <<<"$out" | tail -20
		fail=$((fail + 1))
	fi
}
skipped() {
	echo "SKIP  $1: $2"
	skip=$((skip + 1))
}

while IFS= read -r line; do
	cmd=$line
	case "$cmd" in
	build/release/* | build/bench/* | build/* | cmake\ * | ctest\ *) ;;
	*)
		echo "FAIL  $line: not a command this test knows how to run (add it here)"
		fail=$((fail + 1))
		continue
		;;
	esac
	cmd=${cmd//build\/release\//$build/}
	cmd=$(sed -E "s#(^|[ =])build/#\1$build/#g; s#(-B|--build|--test-dir) build( |$)#\1 $build\2#g" <<<"$cmd")
	cmd=${cmd//out.json/$tmp/out.json}
	cmd=${cmd//out.xml/$tmp/out.xml}
	cmd=${cmd//\[N\]/1}
	variants=("$cmd")
	if [[ $cmd == *"[linux]"* ]]; then
		variants=("${cmd//\[linux\]/}" "${cmd//\[linux\]/linux}")
	fi
	for v in "${variants[@]}"; do
		v=$(sed -E 's/ \[[^]]*\]//g; s/ +$//' <<<"$v")
		if [[ $v == ctest\ * ]]; then
			v="$v -N"
		fi
		needs_qemu=0
		if [[ $v == *"--backend qemu"* || $v == *"--translator qemu"* || $v == *bench_hw* ]]; then
			needs_qemu=1
			# a small case instead of the corpus directory
			v=$(sed -E "s# corpora/[^ ]*\$# $small#" <<<"$v")
		fi
		if [ $needs_qemu = 1 ] && [ $have_qemu = 0 ]; then
			skipped "$line" "qemu-system-x86_64 is not installed"
			continue
		fi
		if [[ $v == *"--driver linux"* || $v == *"bench_hw 1 linux"* ]] && [ $have_ko = 0 ]; then
			skipped "$line" "the build has no Linux test driver (kernel headers missing)"
			continue
		fi
		run "$line${v:+  [$v]}" "$v"
	done
done <<<"$lines"
echo "$pass passed, $fail failed, $skip skipped or expected to fail"
[ $fail = 0 ]
