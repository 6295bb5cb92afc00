/* SPDX-License-Identifier: Apache-2.0 */
#ifndef DMAR_BM_H
#define DMAR_BM_H

#include "../core/platform.h"

#define BM_MSI_VECTOR 0x40   /* edu's DMA-done interrupt */
#define BM_TIMER_VECTOR 0x41 /* the fallback wake-up */

void bm_platform_init(struct dmar_platform *p);
void bm_irq_init(void);
/* halts until an interrupt (edu's MSI, or the fallback timer) */
void bm_idle(void *ctx);
/* points the MSI of the function at bdf to this CPU's BM_MSI_VECTOR */
void bm_enable_msi(const struct dmar_platform *p, uint16_t bdf);
void bm_exit(unsigned code) __attribute__((noreturn));

#endif
