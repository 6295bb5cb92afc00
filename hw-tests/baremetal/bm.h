/* SPDX-License-Identifier: Apache-2.0 */
#ifndef DMAR_BM_H
#define DMAR_BM_H

#include "../core/platform.h"

#define BM_MSI_VECTOR 0x40   /* edu's DMA-done interrupt */
#define BM_TIMER_VECTOR 0x41 /* the fallback wake-up */
#define BM_SERIAL_VECTOR 0x42 /* COM1 received a byte */

void bm_platform_init(struct dmar_platform *p);
void bm_irq_init(void);
/* halts until an interrupt (edu's MSI, or the fallback timer) */
void bm_idle(void *ctx);
/* points the MSI of the function at bdf to this CPU's BM_MSI_VECTOR */
void bm_enable_msi(const struct dmar_platform *p, uint16_t bdf);
void bm_exit(unsigned code) __attribute__((noreturn));
/* COM1's receive interrupt on, and a halt until some interrupt comes */
void bm_serial_irq_init(void);
void bm_wait_irq(void);
/* COM1: one byte in (waits for it), one byte out */
uint8_t bm_serial_get(void);
void bm_serial_putc(void *ctx, char c);

#endif
