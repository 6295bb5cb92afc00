// SPDX-License-Identifier: Apache-2.0
/*
 * The bare-metal test driver: boots from multiboot under QEMU, reports the
 * units and devices it finds, then replays the plan given as the first
 * multiboot module (hw-tests/core/plan.h).  Output goes to the debug
 * console; the exit code is the verdict (0: ran; 2: could not).
 *
 * With the command line `serve` it stays up instead and replays plan after
 * plan sent over COM1 (a 64-bit word count, then the words; a count of 0
 * ends it), answering on COM1 and ending each report with `served`: one
 * QEMU for many cases.  A count with bit 63 set says the host already wrote
 * the words at SERVE_BUF (its RAM is a shared file): nothing is sent a byte
 * at a time.
 */
#include "bm.h"
#include "../core/console.h"
#include "../core/limits.h"
#include "../core/probe.h"
#include "../core/replay.h"

void bm_main(uint32_t magic, const uint32_t *info);

static uint8_t scratch[4096] __attribute__((aligned(4096)));
static uint64_t queue[512] __attribute__((aligned(4096)));
static uint64_t observer[DMAR_OBSERVER_PAGES * 512] __attribute__((aligned(4096)));
static struct dmar_replay replay;
static struct dmar_edu edu;

/* plans received over COM1 go here: above the image, below the ACPI tables (2 GiB of RAM) */
#define SERVE_BUF DMAR_BM_SERVE_BUF
#define SERVE_MAX_WORDS (DMAR_BM_SERVE_MAX_BYTES / 8)

static bool wants_serve(const uint32_t *info)
{
	const char *c = (info[0] & (1u << 2)) ? (const char *)(uintptr_t)info[4] : 0;

	for (; c && *c; c++)
		if (c[0] == 's' && c[1] == 'e' && c[2] == 'r' && c[3] == 'v' && c[4] == 'e')
			return true;
	return false;
}

static uint64_t get_word(void)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)bm_serial_get() << (8 * i);
	return v;
}

static void serve(struct dmar_platform *p)
{
	uint64_t *buf = (uint64_t *)(uintptr_t)SERVE_BUF, n, i;

	bm_serial_irq_init();
	dmar_hw_puts(p, "ready\n");
	while ((n = get_word()) != 0) {
		bool in_ram = n >> 63;

		n &= ~(1ull << 63);
		if (n > SERVE_MAX_WORDS) {
			dmar_hw_puts(p, "error the plan is larger than the driver takes\nserved\n");
			bm_exit(2);
		}
		for (i = 0; !in_ram && i < n; i++)
			buf[i] = get_word();
		dmar_replay_run(&replay, buf, (size_t)n);
		dmar_hw_puts(p, "served\n");
	}
	bm_exit(0);
}

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
	if (magic == 0x2badb002 && wants_serve(info))
		p.putc = bm_serial_putc; /* the whole conversation on COM1 */
	dmar_hw_puts(&p, "dmarfuzz-hw 1 baremetal\n");
	if (magic != 0x2badb002) {
		dmar_hw_puts(&p, "error not started by a multiboot loader\n");
		bm_exit(2);
	}
	dmar_hw_probe(&p);
	plan = first_module(info, &words);
	if (plan || wants_serve(info)) {
		if (dmar_hw_find_dmar(&p, &acpi) || acpi.n_units == 0) {
			dmar_hw_puts(&p, "error no remapping unit to replay on\n");
			bm_exit(2);
		}
		dmar_edu_init(&edu, &p, &eng);
		bm_irq_init();
		for (unsigned sid = 0; sid < DMAR_ENGINE_SIDS; sid++)
			if (edu.bar[sid])
				bm_enable_msi(&p, (uint16_t)sid);
		dmar_replay_init(&replay, &p, &eng, acpi.units[0].base, acpi.haw, scratch, (uintptr_t)scratch,
				 queue, (uintptr_t)queue);
		dmar_replay_observer(&replay, observer, (uintptr_t)observer);
		if (!plan)
			serve(&p);
		if (dmar_replay_run(&replay, plan, words))
			bm_exit(2);
	}
	dmar_hw_puts(&p, "end\n");
	bm_exit(0);
}
