/* SPDX-License-Identifier: Apache-2.0 */
/* Moving a case in physical memory, by the entry formats' field tables. */
#ifndef DMAR_HARNESS_RELOCATE_H
#define DMAR_HARNESS_RELOCATE_H

#include <stddef.h>
#include <stdint.h>

#include "dmar/case.h"

/* why a case cannot be moved (dmar_case_relocate's negative results) */
enum dmar_relocate_refusal {
	DMAR_RELOC_DOES_NOT_RUN = -1, /* the oracle refuses the case */
	DMAR_RELOC_NESTED = -2,       /* nested walks: first-stage entries hold guest addresses */
	DMAR_RELOC_NO_COPY = -3,      /* out of memory, or the canonical text did not parse back */
};

/*
 * A copy of case c (*out, to be freed) with every physical address moved
 * by `off` (a multiple of 1 GiB keeps large pages aligned).  0, or a
 * negative enum dmar_relocate_refusal with `why` when the case cannot be
 * moved.
 */
int dmar_case_relocate(const struct dmar_case *c, const char *file, uint64_t off, struct dmar_case *out,
		       char *why, size_t why_size);

/*
 * The offset by which to move case c (dmar_case_relocate) so that it lies in
 * the pool [base, end): 0 when it fits as it is; else the smallest multiple
 * of `step` and of the largest page its walks map (2 MiB, 1 GiB) that puts
 * its memory, stores, the entries its walks read and the addresses its DMAs
 * may reach in the pool, failing that its memory, stores and entries.  -1
 * with `why` when no offset does (or the case cannot run, or is nested).
 */
int dmar_case_fit_offset(const struct dmar_case *c, const char *file, uint64_t base, uint64_t end, uint64_t step,
			 uint64_t *off, char *why, size_t why_size);

#endif
