/* SPDX-License-Identifier: Apache-2.0 */
/* Named invalidations as data: their words and fields (docs/case-format.md). */
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
enum dmar_inv_style {
	DMAR_IS_DEC,  /* name=N, printed decimal */
	DMAR_IS_HEX,  /* name=0xN */
	DMAR_IS_SID,  /* name=BB:DD.F */
	DMAR_IS_SIZE, /* name=N with K/M/G */
	DMAR_IS_FLAG, /* a bare word */
};

/* the `value=` that goes with `status=`: a parse-time bit, never stored in `fields` */
#define DMAR_INVF_STATUS_VALUE (1u << 31)

struct dmar_inv_field_info {
	const char *name;
	uint32_t bit;
	uint8_t style;      /* enum dmar_inv_style */
	uint8_t width;      /* bytes of the member at `offset` (2, 4, 8; 0 for flags) */
	uint16_t offset;    /* offsetof(struct dmar_inv, member) */
	uint64_t max;       /* largest value accepted */
	const char *what;   /* for error messages */
};

extern const struct dmar_inv_field_info dmar_inv_fields[];
extern const unsigned dmar_inv_n_fields;

#endif
