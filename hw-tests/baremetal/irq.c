// SPDX-License-Identifier: Apache-2.0
/*
 * Waiting without spinning: under `-icount ...,sleep=off` QEMU moves virtual
 * time to the next timer when the CPU halts, so a DMA's 100 ms of virtual
 * time cost nothing if the driver sleeps on edu's MSI instead of polling.
 * Every vector goes to one stub that signals the local APIC's end of
 * interrupt; the legacy PIC is masked; the APIC timer wakes the CPU as a
 * fallback so a lost interrupt never hangs the driver.
 */
#include "bm.h"

#define LAPIC 0xfee00000u
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_DIV 0x3e0

struct gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;
	uint16_t off_hi;
} __attribute__((packed));

static struct gate idt[256] __attribute__((aligned(8)));

void bm_irq_stub(void);
__asm__(".text\n"
	".global bm_irq_stub\n"
	"bm_irq_stub:\n"
	"\tmovl $0, 0xfee000b0\n" /* EOI */
	"\tiret\n");

static void lapic_w(unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(LAPIC + off) = v;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

void bm_irq_init(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint32_t)(uintptr_t)idt };
	uint16_t cs;
	unsigned i;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	for (i = 0; i < 256; i++) {
		uint32_t off = (uint32_t)(uintptr_t)bm_irq_stub;

		idt[i] = (struct gate){ (uint16_t)off, cs, 0, 0x8e, (uint16_t)(off >> 16) };
	}
	__asm__ volatile("lidt %0" : : "m"(idtr));
	outb(0x21, 0xff); /* legacy PICs: everything masked */
	outb(0xa1, 0xff);
	lapic_w(LAPIC_SVR, 0x1ff); /* APIC on, spurious vector 0xff */
	lapic_w(LAPIC_TIMER_DIV, 0xb); /* divide by 1 */
	lapic_w(LAPIC_LVT_TIMER, BM_TIMER_VECTOR); /* one-shot */
}

void bm_idle(void *ctx)
{
	(void)ctx;
	lapic_w(LAPIC_TIMER_INIT, 400000000); /* the fallback wake-up, after edu's 100 ms */
	__asm__ volatile("sti\n\thlt\n\tcli" ::: "memory");
}

/*
 * COM1's receive interrupt (ISA IRQ 4, IOAPIC pin 4) to BM_SERIAL_VECTOR, so
 * that waiting for the next plan is a halt without a timer: an idle guest
 * under icount sleep=off would otherwise race its clock from timer to timer.
 */
void bm_serial_irq_init(void)
{
	volatile uint32_t *ioapic = (volatile uint32_t *)(uintptr_t)0xfec00000u;

	ioapic[0] = 0x10 + 2 * 4; /* redirection entry 4, low: vector, fixed, edge, unmasked */
	ioapic[4] = BM_SERIAL_VECTOR;
	ioapic[0] = 0x10 + 2 * 4 + 1; /* high: destination APIC 0 */
	ioapic[4] = 0;
	outb(0x3f8 + 1, 0x01); /* IER: received data available */
	outb(0x3f8 + 4, 0x08); /* MCR: OUT2 gates the interrupt */
}

void bm_wait_irq(void)
{
	__asm__ volatile("sti\n\thlt\n\tcli" ::: "memory");
}
