/* SPDX-License-Identifier: Apache-2.0 */
/* Naturally aligned power-of-two blocks of addresses (invalidation ranges, pages); 2^64 and up is everything. */
#ifndef DMAR_HARNESS_BLOCKS_H
#define DMAR_HARNESS_BLOCKS_H

#include <stdbool.h>
#include <stdint.h>

/* the base of the 2^lg2-byte block holding addr */
static inline uint64_t dmar_block_base(uint64_t addr, unsigned lg2)
{
	return lg2 >= 64 ? 0 : addr & ~((1ull << lg2) - 1);
}

/* do the 2^a_lg2-byte block at a and the 2^b_lg2-byte block at b overlap? */
static inline bool dmar_blocks_meet(uint64_t a, unsigned a_lg2, uint64_t b, unsigned b_lg2)
{
	unsigned lg2 = a_lg2 > b_lg2 ? a_lg2 : b_lg2;

	return lg2 >= 64 || (a >> lg2) == (b >> lg2);
}

#endif
