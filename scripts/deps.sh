#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when missing.
# Used by scripts/main.sh and scripts/test.sh; safe to run again.
#   scripts/deps.sh [PACKAGE...]   the packages named too: what one build flavour alone needs
#                                  (scripts/build.sh libfuzzer: clang; afl: afl++ clang)
set -euo pipefail
need=()
# qemu-system-x86: the hardware back-end's tests boot the bare-metal driver under QEMU
# libpci-dev, libhwloc-dev, pkg-config: `hw probe` lists devices and their NUMA locality;
# linux-image-amd64, linux-headers-amd64, busybox-static, cpio: the Linux test driver and its guest
# time: tests/limits.sh measures the resident memory of a generated large case
for pkg in cmake ninja-build gcc libc6-dev binutils make qemu-system-x86 libpci-dev libhwloc-dev pkg-config \
	linux-image-amd64 linux-headers-amd64 busybox-static cpio xz-utils grep time "$@"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	echo "installing: ${need[*]}" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
