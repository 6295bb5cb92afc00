// SPDX-License-Identifier: Apache-2.0
/*
 * The bare-metal test driver: boots from multiboot under QEMU, reports what
 * it finds, then (once the replay core lands) replays the cases given as a
 * multiboot module.  Output goes to the debug console; the exit code is the
 * verdict.
 */
#include "bm.h"
#include "../core/console.h"
#include "../core/probe.h"

void bm_main(uint32_t magic, const void *info);

void bm_main(uint32_t magic, const void *info)
{
	struct dmar_platform p;

	(void)info;
	bm_platform_init(&p);
	dmar_hw_puts(&p, "dmarfuzz-hw 1 baremetal\n");
	if (magic != 0x2badb002) {
		dmar_hw_puts(&p, "error not started by a multiboot loader\n");
		bm_exit(2);
	}
	dmar_hw_probe(&p);
	dmar_hw_puts(&p, "end\n");
	bm_exit(0);
}
