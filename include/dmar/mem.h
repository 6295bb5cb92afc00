/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Sparse physical memory and the arena it allocates from.
 *
 * Kept in 64-byte lines allocated on first write: memory never written reads as zero; `hole` ranges abort
 * every access (they give the error-accessing-entry faults); so does any
 * access at or above 2^HAW.  Freestanding: all storage comes from an arena
 * whose blocks the caller provides.
 */
#ifndef DMAR_MEM_H
#define DMAR_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/oracle.h"

/*
 * A bump allocator over caller-provided blocks.  When a block is used up
 * and `grow` is set, grow(grow_ctx, size) must return a new zeroed block of
 * at least `size` bytes (or NULL); the caller frees its blocks itself.
 */
struct dmar_arena {
	uint8_t *base;
	size_t size, used;
	void *(*grow)(void *grow_ctx, size_t size);
	void *grow_ctx;
};

void dmar_arena_init(struct dmar_arena *a, void *block, size_t size);
/* zeroed, 16-byte aligned; NULL when exhausted */
void *dmar_arena_alloc(struct dmar_arena *a, size_t size);

struct dmar_range {
	uint64_t hpa, size;
};

struct dmar_smem {
	struct dmar_arena *arena;
	uint8_t haw;
	/* open-addressed table of lines: key = hpa / 64 + 1 (0 = empty); `pages` holds the lines */
	uint64_t *keys;
	uint64_t **pages;
	uint32_t cap, count;
	struct dmar_range *holes;
	uint32_t n_holes, holes_cap;
	struct dmar_range *roms; /* the unit's writes fail there (software's do not) */
	uint32_t n_roms, roms_cap;
	uint64_t last_key; /* one-entry lookup cache */
	uint64_t *last_page;
	bool oom;          /* an allocation failed (writes then abort) */
};

void dmar_smem_init(struct dmar_smem *m, struct dmar_arena *arena, uint8_t haw);
/* false when out of memory */
bool dmar_smem_add_hole(struct dmar_smem *m, uint64_t hpa, uint64_t size);
/* false when out of memory */
bool dmar_smem_add_rom(struct dmar_smem *m, uint64_t hpa, uint64_t size);
/* the unit's store: as dmar_smem_write64, and it aborts in a `rom` range */
int dmar_smem_unit_write64(void *m, uint64_t hpa, uint64_t val);
/* DMAR_MEM_OK or DMAR_MEM_ABORT (hole, above HAW, misaligned, no memory) */
int dmar_smem_read64(void *m, uint64_t hpa, uint64_t *val);
int dmar_smem_write64(void *m, uint64_t hpa, uint64_t val);
/* true when hpa is in a hole or at/above 2^HAW */
bool dmar_smem_absent(const struct dmar_smem *m, uint64_t hpa);
/* the unit's view: reads, and writes that fail in `rom` ranges */
void dmar_smem_as_if(struct dmar_smem *m, struct dmar_mem_if *mif);

#endif
