// SPDX-License-Identifier: Apache-2.0
/* The benchmarks' clock and memory (bench_mem.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_mem.h"

double bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* the arenas' blocks, all released at exit (the sanitizer build checks for leaks) */
static void *blocks[256];
static size_t n_blocks;

static void release_blocks(void)
{
	while (n_blocks)
		free(blocks[--n_blocks]);
}

static void *grow(void *ctx, size_t size)
{
	void *b;

	(void)ctx;
	if (n_blocks == sizeof(blocks) / sizeof(blocks[0]) || !(b = calloc(1, size)))
		return NULL;
	if (!n_blocks)
		atexit(release_blocks);
	return blocks[n_blocks++] = b;
}

void bench_mem_init(struct dmar_smem *m, struct dmar_arena *arena, uint8_t haw)
{
	dmar_arena_init(arena, NULL, 0);
	arena->grow = grow;
	dmar_smem_init(m, arena, haw);
}

void bench_put(const char *who, struct dmar_smem *m, uint64_t hpa, uint64_t v)
{
	if (dmar_smem_write64(m, hpa, v) != DMAR_MEM_OK) {
		fprintf(stderr, "%s: cannot build tables\n", who);
		exit(2);
	}
}
