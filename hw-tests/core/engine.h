/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A DMA engine the replay core fires requests from: 4-byte to 4 KiB reads
 * (memory -> device) and writes (device -> memory) with a given source-id.
 * QEMU's `edu` first; a dmaengine channel of real hardware later.
 */
#ifndef DMAR_HW_ENGINE_H
#define DMAR_HW_ENGINE_H

#include "platform.h"

struct dmar_dma_engine {
	void *ctx;
	/* true when this engine issues requests with source-id sid */
	bool (*has_sid)(void *ctx, uint16_t sid);
	/* the longest transfer it makes */
	uint32_t max_len;
	/* moves len bytes: write=false: bus address -> device buffer; true: buffer -> bus address.
	 * Returns 0 when the transfer finished (faulted or not), -1 when it could not be started. */
	int (*transfer)(void *ctx, uint16_t sid, bool write, uint64_t bus, uint32_t len);
};

/* the source-ids an engine may have: buses 0-15 (behind bus 0's bridges) */
#define DMAR_ENGINE_SIDS 4096

/* QEMU's edu device (1234:11e8) at every function of buses 0-15 where one answers */
struct dmar_edu {
	const struct dmar_platform *p;
	uint32_t bar[DMAR_ENGINE_SIDS]; /* by source-id; 0 = none */
};

void dmar_edu_init(struct dmar_edu *e, const struct dmar_platform *p, struct dmar_dma_engine *eng);

#endif
