#!/usr/bin/env bash
# hw_probe_guest.sh DMARFUZZ MODULE-DIR: `dmarfuzz hw probe` inside a Linux guest under QEMU with an
# intel-iommu and an edu device at 00:04.0: the guest has a remapping unit, so the probe must find the
# ACPI DMAR table (HAW 48, the unit at 0xfed90000, listing 00:04.0) and the edu engine it covers.
set -u
bin=$1 kernel=$2/vmlinux
[ -r "$kernel" ] || kernel=/boot/vmlinuz-$(cat "$2/kernel-version" 2>/dev/null)
command -v qemu-system-x86_64 >/dev/null || { echo "qemu-system-x86_64 missing (scripts/deps.sh)"; exit 1; }
[ -r "$kernel" ] || { echo "$kernel: no guest kernel (linux-image-amd64)"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$dir.cpio"' EXIT
mkdir -p "$dir/bin"
cp /bin/busybox "$dir/bin/" && cp "$bin" "$dir/bin/dmarfuzz" || exit 1
# the libraries dmarfuzz links (libpci, hwloc, libc ...) and the loader, at their own paths
for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
	mkdir -p "$dir$(dirname "$lib")" && cp -L "$lib" "$dir$lib"
done
cat >"$dir/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mkdir -p /dev /proc /sys
/bin/busybox mount -t devtmpfs dev /dev
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
/bin/dmarfuzz hw probe
/bin/busybox printf '\000' | /bin/busybox dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null
/bin/busybox poweroff -f
INIT
chmod +x "$dir/init"
(cd "$dir" && find . | cpio -o -H newc --quiet >"$dir.cpio") || exit 1
out=$(timeout 120 qemu-system-x86_64 -machine q35 -m 1G -display none -vga none -nic none -no-reboot \
	-device intel-iommu,aw-bits=48,intremap=off -device edu,addr=04.0 \
	-device isa-debug-exit,iobase=0xf4,iosize=4 -serial stdio -kernel "$kernel" -initrd "$dir.cpio" \
	-append "console=ttyS0 loglevel=1 quiet panic=-1 intel_iommu=off" 2>&1 | tr -d '\r')
fail=0
for want in "dmar: HAW 48, 1 unit(s)" "unit 0 base 0xfed90000 segment 0 include-all 0" \
	"device 0000:00:04.0 1234:11e8" "unit 0" "engine edu" "1 DMA engine(s) the replay core drives"; do
	grep -qF -- "$want" <<<"$out" || { echo "missing: $want"; fail=1; }
done
grep -q "^device 0000:00:04.0 1234:11e8 .* unit 0 .*engine edu$" <<<"$out" ||
	{ echo "00:04.0 is not shown covered by unit 0 as an edu engine"; fail=1; }
if [ $fail = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; echo "$out" | tail -30; fi
exit $fail
