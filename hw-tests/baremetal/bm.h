/* SPDX-License-Identifier: Apache-2.0 */
#ifndef DMAR_BM_H
#define DMAR_BM_H

#include "../core/platform.h"

void bm_platform_init(struct dmar_platform *p);
void bm_exit(unsigned code) __attribute__((noreturn));

#endif
