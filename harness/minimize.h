/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Minimizing a case: structure-aware delta debugging on the case model.
 * Events, memory lines, holes and single values are dropped, set bits
 * cleared, unit capabilities taken away and DMA attributes reset, each
 * change kept only while `keep` still holds and the case still prints and
 * parses back equal (so the result is always a readable, valid case).
 */
#ifndef DMAR_HARNESS_MINIMIZE_H
#define DMAR_HARNESS_MINIMIZE_H

#include <stdbool.h>

#include "dmar/case.h"

/* does the candidate still show what is being minimized? */
typedef bool (*dmar_keep_fn)(void *ctx, const struct dmar_case *candidate);

struct dmar_minimize_stats {
	uint32_t tries;  /* candidates judged */
	uint32_t kept;   /* changes kept */
	bool cut;        /* the budget ran out before no change helped any more */
};

/*
 * Shrinks *c in place, judging at most `budget` candidates.  0, or -1 when
 * out of memory (*c is then still a case for which keep held).
 */
int dmar_case_minimize(struct dmar_case *c, dmar_keep_fn keep, void *ctx, uint32_t budget,
		       struct dmar_minimize_stats *st);

#endif
