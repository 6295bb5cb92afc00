#!/usr/bin/env bash
# hw_baremetal_probe.sh IMAGE WANTFILE: boots the bare-metal driver (linked at 0x7c000000: 2G of RAM)
# under QEMU with an intel-iommu
# (aw-bits=48, interrupt remapping off) and an edu device at 00:04.0; its report must hold every
# line of WANTFILE and it must exit 0 (isa-debug-exit gives (0 << 1) | 1 = 1).
set -u
image=$1 want=$2
qemu=$(command -v qemu-system-x86_64) || {
	echo "qemu-system-x86_64 is not installed (scripts/deps.sh installs qemu-system-x86)"
	exit 1
}
out=$(timeout 60 "$qemu" -machine q35 -m 2G -display none -nic none -no-reboot \
	-device intel-iommu,aw-bits=48,intremap=off -device edu,addr=04.0 \
	-debugcon stdio -device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$image" 2>&1)
rc=$?
fail=0
if [ $rc != 1 ]; then echo "QEMU exited $rc, expected 1 (driver verdict 0)"; fail=1; fi
while IFS= read -r line; do
	case "$line" in "#"* | "") continue ;; esac
	grep -qxF -- "$line" <<<"$out" || { echo "missing: $line"; fail=1; }
done <"$want"
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; echo "$out"; fi
exit $fail
