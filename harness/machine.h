/* SPDX-License-Identifier: Apache-2.0 */
/* The machine a case runs on inside the engine: memory, unit, oracle and cache model. */
#ifndef DMAR_HARNESS_MACHINE_H
#define DMAR_HARNESS_MACHINE_H

#include "dmar/codec.h"
#include "dmar/engine.h"
#include "dmar/mem.h"
#include "harness/cache.h"

struct dmar_machine {
	struct dmar_arena arena;
	struct dmar_smem mem;
	struct dmar_mem_if mif;
	struct dmar_oracle oracle;
	void **blocks; /* arena blocks to free */
	size_t n_blocks, cap_blocks;
	struct dmar_cache_model cache;
};

/* builds memory and unit from the header; -1 with err on a bad case */
int dmar_machine_init(struct dmar_machine *m, const struct dmar_case *c, const char *file,
		      struct dmar_error *err);
void dmar_machine_free(struct dmar_machine *m);

#endif
