/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Numbers the host side and the test drivers must agree on, written once.
 * The bare-metal image's link address comes from here too (the build reads
 * DMAR_BM_IMAGE_BASE and hands it to the linker script), so keep each value
 * a plain hexadecimal literal.
 */
#ifndef DMAR_HW_LIMITS_H
#define DMAR_HW_LIMITS_H

/* bare metal: cases keep their own addresses inside [POOL_BASE, IMAGE_BASE) */
#define DMAR_BM_POOL_BASE 0x100000
#define DMAR_BM_IMAGE_BASE 0x7c000000 /* the driver image; ACPI tables and MMIO lie above */
/* bare metal, serve mode: a plan the host writes straight into guest RAM, and its largest size */
#define DMAR_BM_SERVE_BUF 0x7d000000
#define DMAR_BM_SERVE_MAX_BYTES 0x2000000 /* 32 MiB, below the ACPI tables of a 2 GiB machine */

/* Linux guest: memory the kernel keeps free for the driver (memmap=SIZE$BASE) */
#define DMAR_LINUX_POOL_BASE 0x40000000
#define DMAR_LINUX_POOL_SIZE 0x40000000
/* the largest plan the Linux driver takes, and the largest answer it keeps */
#define DMAR_LINUX_MAX_PLAN_BYTES 0x4000000 /* 64 MiB */
#define DMAR_LINUX_MAX_OUT_BYTES 0x1000000  /* 16 MiB */

#endif
