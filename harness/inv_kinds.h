/* SPDX-License-Identifier: Apache-2.0 */
/* Named invalidations as data: their words and fields (case-format.md). */
#ifndef DMAR_INV_KINDS_H
#define DMAR_INV_KINDS_H

#include "dmar/case.h"

struct dmar_inv_kind_info {
	const char *word;     /* first word after `inv` */
	const char *sub;      /* second word, or NULL when there is none */
	uint32_t required;    /* DMAR_INVF_* that must be written */
	uint32_t optional;    /* DMAR_INVF_* that may be written */
};

extern const struct dmar_inv_kind_info dmar_inv_kinds[DMAR_INV_KIND_COUNT];

/* field names in print order, with their DMAR_INVF_* bit */
struct dmar_inv_field_info {
	const char *name;
	uint32_t bit;
	uint8_t style; /* 0 decimal, 1 hex, 2 sid, 3 size, 4 flag */
};

extern const struct dmar_inv_field_info dmar_inv_fields[];
extern const unsigned dmar_inv_n_fields;

#endif
