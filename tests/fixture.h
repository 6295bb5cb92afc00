/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Test fixture for oracle tests: a sparse memory and a legacy unit, and
 * helpers to ask one request and compare with one expected outcome.
 */
#ifndef DMAR_TEST_FIXTURE_H
#define DMAR_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "dmar/mem.h"
#include "dmar/oracle.h"

struct fixture {
	struct dmar_arena arena;
	struct dmar_smem mem;
	struct dmar_mem_if mif;
	struct dmar_unit unit;
	void *blocks[64];
	int n_blocks;
};

static void *fixture_grow(void *ctx, size_t size)
{
	struct fixture *fx = ctx;
	void *b = calloc(1, size);

	if (b && fx->n_blocks < 64)
		fx->blocks[fx->n_blocks++] = b;
	return b;
}

/* the unit of docs/case-format.md's examples: CAP 0x00120784222f0602, ECAP 0x5047 */
static inline void fixture_init(struct fixture *fx, uint64_t cap, uint64_t ecap, uint8_t haw)
{
	memset(fx, 0, sizeof(*fx));
	dmar_arena_init(&fx->arena, NULL, 0);
	fx->arena.grow = fixture_grow;
	fx->arena.grow_ctx = fx;
	dmar_smem_init(&fx->mem, &fx->arena, haw);
	dmar_smem_as_if(&fx->mem, &fx->mif);
	fx->unit = (struct dmar_unit){ cap, ecap, 0x100000, 0x10, haw, true };
}

static inline void fixture_free(struct fixture *fx)
{
	int i;

	for (i = 0; i < fx->n_blocks; i++)
		free(fx->blocks[i]);
}

static inline void put64(struct fixture *fx, uint64_t hpa, uint64_t v)
{
	if (dmar_smem_write64(&fx->mem, hpa, v) != DMAR_MEM_OK) {
		fprintf(stderr, "fixture: cannot write 0x%llx\n", (unsigned long long)hpa);
		abort();
	}
}

/* answers rq and formats the allowed set into buf */
static inline int ask(struct fixture *fx, const struct dmar_request *rq, char *buf, size_t size)
{
	struct dmar_outcome_set out;
	int rc = dmar_oracle_translate(&fx->unit, &fx->mif, rq, &out, NULL);

	if (rc)
		snprintf(buf, size, "error %d", rc);
	else
		dmar_outcome_set_format(&out, buf, size);
	return rc;
}

#endif
