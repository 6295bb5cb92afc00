/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the freestanding replay core needs from a platform (bare metal, a
 * Linux module): register access, PCI configuration space, memory for the
 * case's structures, waiting, and a console.  No libc behind it.
 */
#ifndef DMAR_HW_PLATFORM_H
#define DMAR_HW_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dmar_platform {
	void *ctx;
	uint32_t (*mmio_read32)(void *ctx, uint64_t pa);
	void (*mmio_write32)(void *ctx, uint64_t pa, uint32_t v);
	/* one 64-bit store (some devices ignore a 32-bit write to a register's upper half) */
	void (*mmio_write64)(void *ctx, uint64_t pa, uint64_t v);
	uint32_t (*pci_read32)(void *ctx, uint16_t bdf, unsigned off);
	void (*pci_write32)(void *ctx, uint16_t bdf, unsigned off, uint32_t v);
	/* physical memory the case may use: [pool, pool + pool_size), and a CPU pointer to it */
	uint64_t pool;
	uint64_t pool_size;
	uint8_t *pool_va;
	/* a physical address the CPU can read (ACPI tables); NULL if it cannot */
	const void *(*phys)(void *ctx, uint64_t pa, size_t len);
	/* writes back the CPU cache line holding pa (for units that do not snoop) */
	void (*clflush)(void *ctx, uint64_t pa);
	void (*putc)(void *ctx, char c);
	/* spins or sleeps about `us` microseconds (a bound, not a clock) */
	void (*delay)(void *ctx, unsigned us);
	/* waits for something to happen (a device interrupt) or a short while */
	void (*idle)(void *ctx);
	/* DMA engines raise an interrupt when done (the platform takes it to wake `idle`) */
	bool dma_irq;
};

static inline uint64_t dmar_mmio_read64(const struct dmar_platform *p, uint64_t pa)
{
	return p->mmio_read32(p->ctx, pa) | (uint64_t)p->mmio_read32(p->ctx, pa + 4) << 32;
}

static inline void dmar_mmio_write64(const struct dmar_platform *p, uint64_t pa, uint64_t v)
{
	p->mmio_write64(p->ctx, pa, v);
}

#endif
