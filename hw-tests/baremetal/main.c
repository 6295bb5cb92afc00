// SPDX-License-Identifier: Apache-2.0
/*
 * The bare-metal test driver: boots from multiboot under QEMU, reports the
 * units and devices it finds, then replays the plan given as the first
 * multiboot module (hw-tests/core/plan.h).  Output goes to the debug
 * console; the exit code is the verdict (0: ran; 2: could not).
 */
#include "bm.h"
#include "../core/console.h"
#include "../core/probe.h"
#include "../core/replay.h"

void bm_main(uint32_t magic, const uint32_t *info);

static uint8_t scratch[4096] __attribute__((aligned(4096)));
static uint64_t queue[512] __attribute__((aligned(4096)));
static uint64_t observer[DMAR_OBSERVER_PAGES * 512] __attribute__((aligned(4096)));
static struct dmar_replay replay;
static struct dmar_edu edu;

/* the multiboot information's first module, or NULL (flags bit 3: mods_count, mods_addr) */
static const uint64_t *first_module(const uint32_t *info, size_t *words)
{
	const uint32_t *mod;

	if (!(info[0] & (1u << 3)) || info[5] == 0)
		return 0;
	mod = (const uint32_t *)(uintptr_t)info[6];
	*words = (mod[1] - mod[0]) / 8;
	return (const uint64_t *)(uintptr_t)mod[0];
}

void bm_main(uint32_t magic, const uint32_t *info)
{
	struct dmar_platform p;
	struct dmar_dma_engine eng;
	struct dmar_acpi acpi;
	const uint64_t *plan;
	size_t words = 0;

	bm_platform_init(&p);
	dmar_hw_puts(&p, "dmarfuzz-hw 1 baremetal\n");
	if (magic != 0x2badb002) {
		dmar_hw_puts(&p, "error not started by a multiboot loader\n");
		bm_exit(2);
	}
	dmar_hw_probe(&p);
	plan = first_module(info, &words);
	if (plan) {
		if (dmar_hw_find_dmar(&p, &acpi) || acpi.n_units == 0) {
			dmar_hw_puts(&p, "error no remapping unit to replay on\n");
			bm_exit(2);
		}
		dmar_edu_init(&edu, &p, &eng);
		bm_irq_init();
		for (unsigned devfn = 0; devfn < 256; devfn++)
			if (edu.bar[devfn])
				bm_enable_msi(&p, (uint16_t)devfn);
		dmar_replay_init(&replay, &p, &eng, acpi.units[0].base, acpi.haw, scratch, (uintptr_t)scratch,
				 queue, (uintptr_t)queue);
		dmar_replay_observer(&replay, observer, (uintptr_t)observer);
		if (dmar_replay_run(&replay, plan, words))
			bm_exit(2);
	}
	dmar_hw_puts(&p, "end\n");
	bm_exit(0);
}
