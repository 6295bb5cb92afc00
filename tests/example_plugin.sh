#!/usr/bin/env bash
# example_plugin.sh BUILD SRC: the out-of-tree translator plugin of examples/translator-plugin builds
# against an installed dmarfuzz (headers and pkg-config file only), exports the ABI's one symbol, and
# its answers on legacy-mode cases lie in the oracle's sets; a file that is not a plugin stops `run`
# with exit 2 and one line naming it.
set -euo pipefail
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "example_plugin: $*"
	echo "0 passed, 1 failed"
	exit 1
}

# Cases minwalk answers in full (legacy mode, untranslated requests without PASID), chosen for
# coverage: walks of 3, 4 and 5 levels, 2M and 1G pages, pass-through, FPD, and the faults 1h-8h,
# Bh-Dh; every DMA must be judged (none skipped) and match the oracle's set.
cases=(
	spec/legacy/L03-root-above-haw         # 8h: root table at 2^HAW
	spec/legacy/L06-tt-unsupported         # 3h: TT=01 without DT, TT=10 without PT
	spec/legacy/L07-four-level-4k          # 4-level walk, read/write/atomic, 4h/5h/6h, len=0 with ZLR=0
	spec/legacy/L08-three-level            # 3-level walk, PS without 1G support (Ch), 39-bit limit
	spec/legacy/L09-five-level             # 5-level walk, 1G and 2M leaves, reserved bits of a 1G leaf
	spec/legacy/L10-aw-versus-mgaw         # input limit = min(MGAW, AW)
	spec/legacy/L11-ss-reserved-bits       # Ch in its forms, ignored bits, not-present entries
	spec/legacy/L12-ss-fetch-errors        # 3h/7h fetch errors, FPD (blocked), lost permission, Dh
	spec/legacy/L13-permissions            # cumulative R/W, lost permission beside a reserved bit
	spec/legacy/L24-pass-through           # TT=10: output = input, HAW limit, AW, ignored SSPTPTR
	spec/legacy/L27-domain-id-width        # Bh: DID bits above the CAP.ND width
	spec/legacy/L30-not-present-to-present # 1h, 2h, 6h, entries made present later
	spec/legacy/L31-two-meg-pages          # 2M pages in a 4-level walk, 5h
	spec/cache/C03-queued-needs-wait       # the wait descriptor's status write (a check line)
)
# Cases whose untranslated DMAs minwalk answers but which also hold translation or translated
# requests, or requests with PASID (it refuses those): run with those DMA lines left out.
trimmed=(
	L01-root-entry          # 1h, Ah (reserved bits, context-table pointer above HAW), FPD
	L02-root-fetch-error    # 8h: root table in a hole
	L04-context-entry       # 2h, Bh (11:4, 71, 127:88, DID above ND, SSPTPTR above HAW), 3h
	L05-context-fetch-error # 9h: context table in a hole
	L21-ssirwe-in-legacy    # 30h
	L28-haw-39              # HAW below MGAW: Ah, Bh, Ch for address bits, pass-through limit
)

# install the build and build the plugin against the installed files only
cmake --install "$BUILD" --prefix "$tmp/prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install failed"; }
pc=$(find "$tmp/prefix" -name dmarfuzz.pc -print -quit)
[ -n "$pc" ] || fail "no dmarfuzz.pc installed under $tmp/prefix"
make -s -C "$SRC/examples/translator-plugin" O="$tmp/obj" PKG_CONFIG_PATH="$(dirname "$pc")" ||
	fail "the example plugin does not build"
so=$tmp/obj/minwalk.so
[ -f "$so" ] || fail "make left no $so"
nm -D --defined-only "$so" | grep -qw dmar_translator || fail "$so does not export dmar_translator"

# its answers, judged against the oracle
paths=()
for c in "${cases[@]}"; do
	paths+=("$SRC/corpora/$c.dmar")
done
mkdir "$tmp/trimmed"
for c in "${trimmed[@]}"; do
	grep -vE '^dma .*(at=(tr|t)( |$)|pasid=)' "$SRC/corpora/spec/legacy/$c.dmar" >"$tmp/trimmed/$c.dmar"
	paths+=("$tmp/trimmed/$c.dmar")
done
n=${#paths[@]}
status=0
out=$("$BUILD/dmarfuzz" run --translator "$so" "${paths[@]}" 2>&1) || status=$?
last=$(tail -n 1 <<<"$out")
if [ "$status" != 0 ] || [ "$last" != "$n passed, 0 failed" ]; then
	echo "$out"
	fail "run --translator minwalk.so: exit $status, last line \`$last\`, expected \`$n passed, 0 failed\`"
fi
# passed for the right reason: in each case every DMA was answered by minwalk and matched
judged=$(grep -cE '^PASS .*\(([0-9]+) DMAs on minwalk: \1 match, 0 known deviations, 0 skipped\)$' <<<"$out" || true)
if [ "$judged" != "$n" ]; then
	echo "$out"
	fail "only $judged of $n cases had every DMA answered by minwalk and matching"
fi

# a plugin that cannot be loaded: exit 2, one line naming the file
status=0
missing=$tmp/obj/does-not-exist.so
out=$("$BUILD/dmarfuzz" run --translator "$missing" "${paths[0]}" 2>&1) || status=$?
[ "$status" = 2 ] || { echo "$out"; fail "a missing plugin: exit $status, expected 2"; }
[ "$(wc -l <<<"$out")" = 1 ] || { echo "$out"; fail "a missing plugin: more than one line"; }
grep -qF -- "$missing" <<<"$out" || { echo "$out"; fail "a missing plugin: the line does not name the file"; }

echo "example plugin: built against the installed headers, $n legacy cases pass"
echo "1 passed, 0 failed"
