// SPDX-License-Identifier: Apache-2.0
/* Sparse physical memory over an arena (include/dmar/mem.h). */
#include "dmar/mem.h"
#include "oracles/bits.h"

/*
 * Memory is kept in 64-byte lines, allocated when first written: a case that
 * writes scattered qwords costs about 100 bytes a line, not a 4 KiB page each.
 */
#define LINE_SHIFT 6u
#define LINE_QWORDS 8u
/* blocks asked of `grow` start small (most cases need little) and double up to 1 MiB */
#define FIRST_BLOCK (1u << 14)
#define MAX_STEP (1u << 20)

static void zero(void *p, size_t n)
{
	uint8_t *b = p;

	while (n--)
		*b++ = 0;
}

void dmar_arena_init(struct dmar_arena *a, void *block, size_t size)
{
	a->base = block;
	a->size = block ? size : 0;
	a->used = 0;
	a->grow = 0;
	a->grow_ctx = 0;
}

void *dmar_arena_alloc(struct dmar_arena *a, size_t size)
{
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (a->size - a->used < size) {
		size_t step = a->size ? 2 * a->size : FIRST_BLOCK, want;
		uint8_t *block;

		step = step < MAX_STEP ? step : MAX_STEP;
		want = size > step ? size : step;
		block = a->grow ? a->grow(a->grow_ctx, want) : 0;

		if (!block)
			return 0;
		a->base = block;
		a->size = want;
		a->used = 0;
	}
	p = a->base + a->used;
	a->used += size;
	zero(p, size); /* blocks from `grow` are zeroed, but a reused block may not be */
	return p;
}

void dmar_smem_init(struct dmar_smem *m, struct dmar_arena *arena, uint8_t haw)
{
	*m = (struct dmar_smem){ 0 };
	m->arena = arena;
	m->haw = haw;
}

static uint32_t slot_of(uint64_t key, uint32_t cap)
{
	/* a multiplicative hash spreads neighbouring frames over the table */
	return (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & (cap - 1);
}

static uint64_t *find_page(const struct dmar_smem *m, uint64_t key)
{
	uint32_t i;

	if (!m->cap)
		return 0;
	for (i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key)
			return m->pages[i];
		if (!m->keys[i])
			return 0;
	}
}

static void insert_slot(uint64_t *keys, uint64_t **pages, uint32_t cap, uint64_t key, uint64_t *page)
{
	uint32_t i = slot_of(key, cap);

	while (keys[i])
		i = (i + 1) & (cap - 1);
	keys[i] = key;
	pages[i] = page;
}

/* keeps the table at most half full; the old arrays stay in the arena */
static bool grow_table(struct dmar_smem *m)
{
	uint32_t cap = m->cap ? m->cap * 2 : 64, i;
	uint64_t *keys = dmar_arena_alloc(m->arena, cap * sizeof(*keys));
	uint64_t **pages = dmar_arena_alloc(m->arena, cap * sizeof(*pages));

	if (!keys || !pages)
		return false;
	for (i = 0; i < m->cap; i++)
		if (m->keys[i])
			insert_slot(keys, pages, cap, m->keys[i], m->pages[i]);
	m->keys = keys;
	m->pages = pages;
	m->cap = cap;
	return true;
}

static uint64_t *add_page(struct dmar_smem *m, uint64_t key)
{
	uint64_t *page;

	if ((m->count + 1) * 2 > m->cap && !grow_table(m))
		return 0;
	page = dmar_arena_alloc(m->arena, LINE_QWORDS * sizeof(uint64_t));
	if (!page)
		return 0;
	insert_slot(m->keys, m->pages, m->cap, key, page);
	m->count++;
	return page;
}

static bool add_range(struct dmar_arena *a, struct dmar_range **list, uint32_t *n, uint32_t *cap,
		      uint64_t hpa, uint64_t size)
{
	if (*n == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 8, i;
		struct dmar_range *r = dmar_arena_alloc(a, ncap * sizeof(*r));

		if (!r)
			return false;
		for (i = 0; i < *n; i++)
			r[i] = (*list)[i];
		*list = r;
		*cap = ncap;
	}
	(*list)[*n].hpa = hpa;
	(*list)[*n].size = size;
	(*n)++;
	return true;
}

static bool in_ranges(const struct dmar_range *r, uint32_t n, uint64_t hpa)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (hpa - r[i].hpa < r[i].size)
			return true;
	return false;
}

bool dmar_smem_add_hole(struct dmar_smem *m, uint64_t hpa, uint64_t size)
{
	return add_range(m->arena, &m->holes, &m->n_holes, &m->holes_cap, hpa, size);
}

bool dmar_smem_add_rom(struct dmar_smem *m, uint64_t hpa, uint64_t size)
{
	return add_range(m->arena, &m->roms, &m->n_roms, &m->roms_cap, hpa, size);
}

bool dmar_smem_absent(const struct dmar_smem *m, uint64_t hpa)
{
	return !dmar_below_lg2(hpa, m->haw) || in_ranges(m->holes, m->n_holes, hpa);
}

/* the page holding hpa; NULL when never written */
static uint64_t *lookup(struct dmar_smem *m, uint64_t hpa)
{
	uint64_t key = (hpa >> LINE_SHIFT) + 1;

	if (key != m->last_key) {
		m->last_page = find_page(m, key);
		m->last_key = key;
	}
	return m->last_page;
}

int dmar_smem_read64(void *ctx, uint64_t hpa, uint64_t *val)
{
	struct dmar_smem *m = ctx;
	uint64_t *page;

	if (hpa & 7)
		return DMAR_MEM_ABORT;
	page = lookup(m, hpa);
	/* a written line may still hold a qword of a hole smaller than a line: holes are asked too */
	if (page && !dmar_smem_absent(m, hpa)) {
		*val = page[(hpa >> 3) & (LINE_QWORDS - 1)];
		return DMAR_MEM_OK;
	}
	*val = 0;
	return dmar_smem_absent(m, hpa) ? DMAR_MEM_ABORT : DMAR_MEM_OK;
}

int dmar_smem_write64(void *ctx, uint64_t hpa, uint64_t val)
{
	struct dmar_smem *m = ctx;
	uint64_t *page;

	if ((hpa & 7) || dmar_smem_absent(m, hpa))
		return DMAR_MEM_ABORT;
	page = lookup(m, hpa);
	if (!page) {
		page = add_page(m, (hpa >> LINE_SHIFT) + 1);
		if (!page) {
			m->oom = true;
			return DMAR_MEM_ABORT;
		}
		m->last_key = (hpa >> LINE_SHIFT) + 1;
		m->last_page = page;
	}
	page[(hpa >> 3) & (LINE_QWORDS - 1)] = val;
	return DMAR_MEM_OK;
}

int dmar_smem_unit_write64(void *ctx, uint64_t hpa, uint64_t val)
{
	struct dmar_smem *m = ctx;

	if (in_ranges(m->roms, m->n_roms, hpa))
		return DMAR_MEM_ABORT;
	return dmar_smem_write64(ctx, hpa, val);
}

/* would dmar_smem_unit_write64 succeed (memory exhaustion aside)? */
static bool smem_unit_writable(void *ctx, uint64_t hpa)
{
	const struct dmar_smem *m = ctx;

	return !(hpa & 7) && !in_ranges(m->roms, m->n_roms, hpa) && !dmar_smem_absent(m, hpa);
}

void dmar_smem_as_if(struct dmar_smem *m, struct dmar_mem_if *mif)
{
	mif->ctx = m;
	mif->read64 = dmar_smem_read64;
	mif->write64 = dmar_smem_unit_write64;
	mif->writable = smem_unit_writable;
}
