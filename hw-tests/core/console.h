/* SPDX-License-Identifier: Apache-2.0 */
/* Text output through the platform's putc (freestanding). */
#ifndef DMAR_HW_CONSOLE_H
#define DMAR_HW_CONSOLE_H

#include "platform.h"

void dmar_hw_puts(const struct dmar_platform *p, const char *s);
/* 0x followed by `digits` hex digits (0: as many as needed) */
void dmar_hw_hex(const struct dmar_platform *p, uint64_t v, unsigned digits);
void dmar_hw_dec(const struct dmar_platform *p, uint32_t v);
/* a PCI vendor:device pair from config dword 0, as vvvv:dddd */
void dmar_hw_id(const struct dmar_platform *p, uint32_t id);
/* BB:DD.F */
void dmar_hw_sid(const struct dmar_platform *p, uint16_t sid);

#endif
