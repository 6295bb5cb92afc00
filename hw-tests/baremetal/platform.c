// SPDX-License-Identifier: Apache-2.0
/*
 * The bare-metal platform under QEMU: port I/O, PCI configuration
 * mechanism #1, MMIO with paging off, the debug console (port 0xe9) and
 * isa-debug-exit (port 0xf4) for the verdict.
 */
#include "bm.h"

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#define COM1 0x3f8

uint8_t bm_serial_get(void)
{
	while (!(inb(COM1 + 5) & 1)) /* LSR: data ready */
		bm_wait_irq();
	return inb(COM1);
}

void bm_serial_putc(void *ctx, char c)
{
	(void)ctx;
	while (!(inb(COM1 + 5) & 0x20)) /* LSR: transmitter holding register empty */
		;
	outb(COM1, (uint8_t)c);
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static uint32_t mmio_read32(void *ctx, uint64_t pa)
{
	(void)ctx;
	return *(volatile uint32_t *)(uintptr_t)pa;
}

static void mmio_write32(void *ctx, uint64_t pa, uint32_t v)
{
	(void)ctx;
	*(volatile uint32_t *)(uintptr_t)pa = v;
}

/* a single 8-byte store from 32-bit code: an x87 integer load and store (exact for 64 bits) */
static void mmio_write64(void *ctx, uint64_t pa, uint64_t v)
{
	(void)ctx;
	__asm__ volatile("fildq %1\n\tfistpq (%0)" : : "r"((uintptr_t)pa), "m"(v) : "memory", "st");
}

static uint32_t pci_read32(void *ctx, uint16_t bdf, unsigned off)
{
	(void)ctx;
	outl(0xcf8, 0x80000000u | (uint32_t)bdf << 8 | (off & 0xfc));
	return inl(0xcfc);
}

static void pci_write32(void *ctx, uint16_t bdf, unsigned off, uint32_t v)
{
	(void)ctx;
	outl(0xcf8, 0x80000000u | (uint32_t)bdf << 8 | (off & 0xfc));
	outl(0xcfc, v);
}

static const void *phys(void *ctx, uint64_t pa, size_t len)
{
	(void)ctx;
	return pa + len <= 0x100000000ull ? (const void *)(uintptr_t)pa : 0;
}

static void clflush(void *ctx, uint64_t pa)
{
	(void)ctx;
	__asm__ volatile("clflush (%0)" : : "r"((uintptr_t)pa) : "memory");
}

static void putc_e9(void *ctx, char c)
{
	(void)ctx;
	outb(0xe9, (uint8_t)c);
}

static void delay(void *ctx, unsigned us)
{
	volatile unsigned i;

	(void)ctx;
	for (i = 0; i < us * 100u; i++)
		;
}

void bm_platform_init(struct dmar_platform *p)
{
	p->ctx = 0;
	p->mmio_read32 = mmio_read32;
	p->mmio_write32 = mmio_write32;
	p->mmio_write64 = mmio_write64;
	p->pci_read32 = pci_read32;
	p->pci_write32 = pci_write32;
	p->phys = phys;
	p->clflush = clflush;
	p->putc = putc_e9;
	p->delay = delay;
	p->idle = bm_idle;
	p->dma_irq = true;
}

/* the MSI capability (ID 05h): address to this CPU's local APIC, data = the vector, enabled */
void bm_enable_msi(const struct dmar_platform *p, uint16_t bdf)
{
	unsigned cap = p->pci_read32(p->ctx, bdf, 0x34) & 0xfc;

	while (cap) {
		uint32_t head = p->pci_read32(p->ctx, bdf, cap);

		if ((head & 0xff) == 0x05) {
			bool wide = head & (1u << 23); /* 64-bit address capable */

			p->pci_write32(p->ctx, bdf, cap + 4, 0xfee00000u);
			if (wide)
				p->pci_write32(p->ctx, bdf, cap + 8, 0);
			p->pci_write32(p->ctx, bdf, cap + (wide ? 12 : 8), BM_MSI_VECTOR);
			p->pci_write32(p->ctx, bdf, cap, head | (1u << 16));
			return;
		}
		cap = (head >> 8) & 0xfc;
	}
}

void bm_exit(unsigned code)
{
	outl(0xf4, code); /* QEMU exits with (code << 1) | 1 */
	for (;;)
		__asm__ volatile("hlt");
}
