#!/usr/bin/env bash
# cli_plugins.sh DMARFUZZ PLUGIN_DIR CASE: every way a plugin can be wrong gets
# one line naming it (and the case), with the exit status the contract says:
# 2 for a plugin that cannot be used or breaks the ABI, 1 for a crash (a
# finding, with --isolate), and a refused unit is skipped, not failed.
set -u
bin=$1 dir=$2 case=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/expect.sh"

echo "not an ELF file" >"$tmp/text.so"
expect 2 "$tmp/text.so: not a loadable translator plugin:" run --translator "$tmp/text.so" "$case"
expect 2 "$tmp/absent.so: not a loadable translator plugin:" run --translator "$tmp/absent.so" "$case"
expect 2 "plugin_no_symbol.so: not a translator plugin: it does not export \`dmar_translator\`" \
	run --translator "$dir/plugin_no_symbol.so" "$case"
expect 2 "plugin_bad_abi.so: translator ABI 2, but this dmarfuzz speaks ABI 1" \
	run --translator "$dir/plugin_bad_abi.so" "$case"
expect 2 "dmarfuzz: run: translator misbehaving: $case:16: misbehaving answered an invalid outcome (kind 99" \
	run --translator "$dir/plugin_bad_kind.so" "$case"
# a crash is a finding on the case, and the run goes on to the next one
expect 1 "FAIL $case:16: the translator misbehaving crashed (Aborted) at line 16" \
	run --isolate --translator "$dir/plugin_crash.so" "$case"
cp "$case" "$tmp/again.dmar"
expect 1 "0 passed, 2 failed" run --isolate --translator "$dir/plugin_crash.so" "$case" "$tmp/again.dmar"
# a unit it refuses: skipped, said why
expect 0 "misbehaving refused the unit" run -v --translator "$dir/plugin_refuse.so" "$case"
# the honest one is judged: its first answer is right, its second (ok where the oracle faults) is not
expect 1 "FAIL $case:17: dma 00:02.0 write 0x400abc: misbehaving ok 0x400abc; the oracle allows fault 0x5 ur" \
	run --translator "$dir/plugin_echo.so" "$case"
# -v: the oracle's walk of each divergence, down to the check that decided it
expect 1 "FAIL write permission on every level (0x1) -> fault 0x5" run -v --translator "$dir/plugin_echo.so" "$case"
# the reports carry each divergence
"$bin" run --translator "$dir/plugin_echo.so" --json "$tmp/r.json" --junit "$tmp/r.xml" "$case" >/dev/null 2>&1
if grep -qF '"why": "misbehaving ok 0x400abc; the oracle allows fault 0x5 ur"' "$tmp/r.json" &&
	grep -qF 'message="line 16: misbehaving ok 0x400abc; the oracle allows ok 0x9000abc"' "$tmp/r.xml"; then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: the JSON and JUnit reports do not carry the divergences"
fi
expect 2 "--isolate runs a translator's cases in child processes" run --isolate "$case"
expect 2 "\`nosuch\`: no such translator" run --translator nosuch "$case"
expect_done
