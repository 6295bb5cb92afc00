#!/usr/bin/env bash
# explain output for the case-format example: the lines a reader relies on.
# Every value below is worked out by hand from the case (digest 2.1, 2.2, 4.1).
set -u
bin=$1 case=$2
out=$("$bin" explain "$case") || { echo "explain exited non-zero"; exit 1; }
fail=0
want() {
	if ! grep -qF -- "$1" <<<"$out"; then
		echo "missing: $1"
		fail=1
	fi
}
want "RTADDR 0x100000: root table 0x100000, legacy mode; translation on"
want "MGAW 48, SAGAW 39 48, SS pages 4K 2M, DID 8 bits, ZLR 0, CM 0"
want "event 1 (line 16): dma 00:02.0 read 0x400abc len=4 (untranslated)"
want "read root entry at 0x100000 = 0x0000000000101001 0x0000000000000000"
want "P=1 CTP=0x101000"
want "read context entry at 0x101100 = 0x0000000000200001 0x0000000000000502"
want "P=1 FPD=0 TT=0 SSPTPTR=0x200000 AW=2 DID=5"
want "read SS-PML4E (level 4) at 0x200000 = 0x0000000000201003"
want "read SS-PDPE (level 3) at 0x201000 = 0x0000000000202003"
want "read SS-PDE (level 2) at 0x202010 = 0x0000000000203003"
want "read SS-PTE (level 1) at 0x203000 = 0x0000000009000001"
want "note output address: 0x9000abc"
want "allowed: ok 0x9000abc"
want "FAIL write permission on every level (0x1) -> fault 0x5 LGN.2"
want "2 checks: 2 passed, 0 failed"
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; echo "$out"; fi
exit $fail
