/* SPDX-License-Identifier: Apache-2.0 */
/* What the benchmarks share: a clock, and a sparse memory whose blocks are freed at exit. */
#ifndef DMAR_BENCH_MEM_H
#define DMAR_BENCH_MEM_H

#include <stdint.h>

#include "dmar/mem.h"

/* monotonic nanoseconds */
double bench_now_ns(void);
/* an empty memory of 2^haw bytes over `arena`; the blocks it takes are released at exit */
void bench_mem_init(struct dmar_smem *m, struct dmar_arena *arena, uint8_t haw);
/* stores v at hpa, or exits 2 naming `who` (the tables of a benchmark must build) */
void bench_put(const char *who, struct dmar_smem *m, uint64_t hpa, uint64_t v);

#endif
