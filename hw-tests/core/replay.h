/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The replay core: runs a replay plan (plan.h) on a real remapping unit and
 * reports, in the line protocol (hw-tests/README.md), what each DMA did:
 * where its data landed or that nothing moved, and every fault record.
 * Freestanding; everything it touches comes through the platform.
 */
#ifndef DMAR_HW_REPLAY_H
#define DMAR_HW_REPLAY_H

#include "engine.h"
#include "platform.h"

#define DMAR_REPLAY_MAX_DIRTY 8192

struct dmar_replay {
	const struct dmar_platform *p;
	struct dmar_dma_engine *eng;
	uint64_t unit;                 /* register base */
	uint64_t cap, ecap;
	uint32_t ver;
	uint8_t haw;                   /* from the ACPI DMAR table */
	uint64_t rtaddr;               /* as the case latched it */
	uint64_t pool, pool_end;       /* from the plan's POOL record */
	uint8_t *scratch;              /* one driver page, outside the pool */
	uint64_t scratch_pa;
	uint64_t observer_pa;          /* the driver's own legacy root table (0: none) */
	uint64_t *queue;               /* 4 KiB invalidation queue, driver memory */
	uint64_t queue_pa;
	uint32_t qt;                   /* byte offset of the next slot */
	bool qi_on, qi_wide, te, iqe;
	uint32_t case_index, seq;
	uint64_t buffer_ready[64];     /* by source-id (buses 0-15): edu's buffer holds the pattern */
	uint32_t n_dirty;
	uint64_t dirty[DMAR_REPLAY_MAX_DIRTY]; /* pages the current case wrote */
	uint32_t dmas, skipped;
};

/*
 * unit: register base; haw: the ACPI DMAR table's; scratch and queue:
 * driver-owned 4 KiB pages (CPU pointer, physical address)
 */
void dmar_replay_init(struct dmar_replay *r, const struct dmar_platform *p,
		      struct dmar_dma_engine *eng, uint64_t unit, uint8_t haw, uint8_t *scratch,
		      uint64_t scratch_pa, uint64_t *queue, uint64_t queue_pa);
/*
 * Builds, in `pages` (DMAR_OBSERVER_PAGES driver-owned 4 KiB pages at
 * physical pages_pa), legacy tables that map the scratch page to itself
 * for every function of bus 0: the driver reads edu's buffer back through
 * them without turning translation off (which QEMU pays for dearly).
 */
#define DMAR_OBSERVER_PAGES 6
void dmar_replay_observer(struct dmar_replay *r, uint64_t *pages, uint64_t pages_pa);
/* runs every case of the plan; -1 when the plan itself is malformed (reported) */
int dmar_replay_run(struct dmar_replay *r, const uint64_t *plan, size_t words);

#endif
