/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The engine: builds a case's machine (memory, unit) and runs its events in
 * order, asking the oracle for every DMA and judging every expectation.
 */
#ifndef DMAR_ENGINE_H
#define DMAR_ENGINE_H

#include "dmar/case.h"
#include "dmar/codec.h"
#include "dmar/mem.h"
#include "dmar/oracle.h"

struct dmar_cache_model;

enum dmar_verdict {
	DMAR_V_NONE,  /* nothing to judge (a write, an invalidation, an unchecked DMA) */
	DMAR_V_PASS,
	DMAR_V_FAIL,
	DMAR_V_ERROR, /* the oracle could not answer (a mode it does not model) */
};

struct dmar_event_result {
	uint32_t index;
	uint8_t verdict;               /* enum dmar_verdict */
	int oracle_err;                /* DMA: dmar_oracle_answer's return */
	struct dmar_outcome_set allowed; /* DMA: the oracle's answer */
	uint64_t found;                /* check: the value memory holds */
	char why[160];                 /* FAIL/ERROR: one line */
	const struct dmar_cache_model *cache; /* the cache model after the event (for explain) */
};

/* called after each event; trace (if given to dmar_case_execute) is the DMA's */
typedef void (*dmar_event_fn)(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
			      const struct dmar_event_result *r, const struct dmar_trace *trace);

struct dmar_case_summary {
	uint32_t checks, passed, failed, errors;
};

/*
 * Runs every event.  Returns 0, or -1 with err set when the case cannot run
 * at all (a write into a hole, no memory).  `trace` may be NULL.
 */
int dmar_case_execute(const struct dmar_case *c, const char *file, dmar_event_fn fn, void *ctx,
		      struct dmar_trace *trace, struct dmar_case_summary *sum, struct dmar_error *err);

#endif
