#!/usr/bin/env bash
# hw_probe_test.sh DMARFUZZ TEST_ACPI_DMAR: `dmarfuzz hw probe` on an ACPI DMAR table built byte by
# byte (test_acpi_dmar writes it: HAW 48, one unit at 0xfed90000 listing endpoint 00:04.0), on a
# table with a broken checksum (exit 2, one line naming file and byte), on a missing default-less path.
set -u
bin=$1 maker=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$maker" "$dir/DMAR" >/dev/null || { echo "cannot write the tables"; exit 1; }
fail=0
out=$("$bin" hw probe --dmar "$dir/DMAR") || { echo "probe exited $?"; fail=1; }
for want in "dmar: HAW 48, 1 unit(s), flags 0x1 (interrupt remapping on)" \
	"unit 0 base 0xfed90000 segment 0 include-all 0 scopes 1"; do
	grep -qF -- "$want" <<<"$out" || { echo "missing: $want"; fail=1; }
done
out=$("$bin" hw probe --dmar "$dir/DMAR.bad" 2>&1)
[ $? = 2 ] && grep -qF "DMAR.bad: byte 9: checksum" <<<"$out" || { echo "bad table: $out"; fail=1; }
out=$("$bin" hw probe --dmar "$dir/none" 2>&1)
[ $? = 2 ] && grep -qF "none: no such file" <<<"$out" || { echo "missing table: $out"; fail=1; }
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; echo "$out"; fi
exit $fail
