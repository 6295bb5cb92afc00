// SPDX-License-Identifier: Apache-2.0
/*
 * QEMU's edu device as a DMA engine (hw-tests/README.md, "QEMU facts"): BAR0 registers
 * DMA source 0x80, destination 0x88, count 0x90, command 0x98 (bit 0 start,
 * bit 1 device -> memory); its buffer sits at device address 0x40000 and is
 * 4 KiB long.  An offset or count outside the buffer aborts QEMU 7.2, so
 * every transfer is checked here first.
 */
#include "engine.h"

#define EDU_ID 0x11e81234u
#define EDU_BUF 0x40000u
/* QEMU 7.2 takes a transfer only if its end lies strictly inside the buffer: 4095 bytes at most */
#define EDU_MAX_LEN 0xfffu

static void w64(const struct dmar_platform *p, uint64_t pa, uint64_t v)
{
	dmar_mmio_write64(p, pa, v);
}

static bool has_sid(void *ctx, uint16_t sid)
{
	struct dmar_edu *e = ctx;

	return sid < DMAR_ENGINE_SIDS && e->bar[sid];
}

static int transfer(void *ctx, uint16_t sid, bool write, uint64_t bus, uint32_t len)
{
	struct dmar_edu *e = ctx;
	const struct dmar_platform *p = e->p;
	uint32_t bar, i;

	if (!has_sid(ctx, sid) || len == 0 || len > EDU_MAX_LEN)
		return -1;
	bar = e->bar[sid];
	w64(p, bar + 0x80, write ? EDU_BUF : bus);
	w64(p, bar + 0x88, write ? bus : EDU_BUF);
	w64(p, bar + 0x90, len);
	/* start (bit 0), device -> memory (bit 1), interrupt when done (bit 2) */
	w64(p, bar + 0x98, (write ? 3u : 1u) | (p->dma_irq ? 4u : 0u));
	for (i = 0; i < 100000; i++) {
		if (!(p->mmio_read32(p->ctx, bar + 0x98) & 1)) {
			/* acknowledge the interrupt status edu set */
			p->mmio_write32(p->ctx, bar + 0x64, p->mmio_read32(p->ctx, bar + 0x24));
			return 0;
		}
		p->idle(p->ctx);
	}
	return -1;
}

/* memory space and bus mastering on (an endpoint's DMA crosses its bridges too) */
static void enable(const struct dmar_platform *p, uint16_t bdf)
{
	p->pci_write32(p->ctx, bdf, 0x04, p->pci_read32(p->ctx, bdf, 0x04) | 6);
}

void dmar_edu_init(struct dmar_edu *e, const struct dmar_platform *p, struct dmar_dma_engine *eng)
{
	unsigned sid;

	e->p = p;
	for (sid = 0; sid < DMAR_ENGINE_SIDS; sid++) {
		uint32_t id = p->pci_read32(p->ctx, (uint16_t)sid, 0);

		e->bar[sid] = 0;
		/* a bridge on bus 0 (header type 1): let its devices' DMA through */
		if (sid < 256 && id != 0xffffffffu && ((p->pci_read32(p->ctx, (uint16_t)sid, 0x0c) >> 16) & 0x7f) == 1)
			enable(p, (uint16_t)sid);
		if (id != EDU_ID)
			continue;
		e->bar[sid] = p->pci_read32(p->ctx, (uint16_t)sid, 0x10) & ~0xfu;
		enable(p, (uint16_t)sid);
	}
	eng->ctx = e;
	eng->max_len = EDU_MAX_LEN;
	eng->has_sid = has_sid;
	eng->transfer = transfer;
}
