/* SPDX-License-Identifier: Apache-2.0 */
/* Moving a case in physical memory, by the entry formats' field tables. */
#ifndef DMAR_HARNESS_RELOCATE_H
#define DMAR_HARNESS_RELOCATE_H

#include <stddef.h>
#include <stdint.h>

#include "dmar/case.h"

/*
 * A copy of case c (*out, to be freed) with every physical address moved
 * by `off` (a multiple of 1 GiB keeps large pages aligned).  -1 with `why`
 * when the case cannot be moved (it does not run; nested walks).
 */
int dmar_case_relocate(const struct dmar_case *c, const char *file, uint64_t off, struct dmar_case *out,
		       char *why, size_t why_size);

#endif
