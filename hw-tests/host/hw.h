/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The hardware back-end, host side: turning cases into replay plans for a
 * real unit (hw-tests/core/plan.h), running them under QEMU, and judging
 * what the unit did against the oracle asked about that unit.
 */
#ifndef DMAR_HW_H
#define DMAR_HW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dmar/case.h"
#include "dmar/codec.h"

/* the unit a case really runs on, and the memory the driver lends it */
struct dmar_hw_target {
	uint64_t cap, ecap;
	uint32_t ver;
	uint8_t haw;
	uint64_t pool, pool_end; /* cases live in [pool, pool_end) */
	/* where the platform has no memory at all (reads there abort, without side effects):
	 * it becomes part of every re-targeted case's holes */
	uint64_t absent, absent_end;
};

enum dmar_hw_verdict { DMAR_HW_MATCH, DMAR_HW_DIVERGE, DMAR_HW_SKIP };

/* "MATCH", "DIVERGE", "SKIP": the words of reports and expectation files */
const char *dmar_hw_verdict_name(uint8_t verdict);

/* one DMA of a planned case */
struct dmar_hw_dma {
	uint32_t event, line;
	struct dmar_request rq;
	bool planned;                     /* false: SKIP with `why` */
	char why[96];
	struct dmar_outcome_set allowed;  /* the oracle's set for the real unit */
	uint64_t last_entry;              /* qword 0 of the last entry the fresh walk read */
	uint16_t failed_check;            /* the fresh walk's first failing check (0: none) */
	/* filled by the judge */
	uint8_t verdict;                  /* enum dmar_hw_verdict */
	char seen[96];                    /* what the unit did, in outcome words */
	const char *known;                /* a known deviation of the unit, or NULL */
};

struct dmar_hw_case {
	const char *file;
	uint32_t index;
	uint64_t cap, ecap;               /* the unit it was re-targeted to */
	uint32_t ver;
	uint8_t haw;
	bool skipped;                     /* the whole case: `why` says */
	char why[128];
	struct dmar_hw_dma *dmas;
	size_t n_dmas, cap_dmas;
};

/* a growing array of plan words */
struct dmar_words {
	uint64_t *w;
	size_t n, cap;
};

/*
 * Appends case c (as record index `index`) to the plan, re-targeted to t: the
 * unit's CAP/ECAP/VER/HAW replace the case's and the oracle is asked again.
 * Fills hc with each DMA and what the oracle allows.  -1 when out of memory.
 */
int dmar_hw_plan_case(const struct dmar_case *c, const char *file, uint32_t index,
		      const struct dmar_hw_target *t, struct dmar_words *plan, struct dmar_hw_case *hc);
/*
 * The case as it runs on t (*out shares c's arrays): the unit's CAP, ECAP,
 * VER and HAW replace the case's, and the platform's absent memory becomes
 * one more hole (`holes` has room for DMAR_HW_MAX_HOLES and backs out->holes).
 */
#define DMAR_HW_MAX_HOLES 64
void dmar_hw_retarget(const struct dmar_case *c, const struct dmar_hw_target *t, struct dmar_case *out,
		      struct dmar_hole *holes);
/* the plan's first words: magic, version, the pool */
int dmar_hw_plan_start(struct dmar_words *plan, const struct dmar_hw_target *t);
/* why no engine can sit at source-id sid on QEMU's machine, or NULL when one can */
const char *dmar_hw_sid_unplaceable(uint16_t sid);
/*
 * `hw replay --fit`: rewrites, in place, fields of c's entries that use a
 * capability unit t lacks in a way no DMA of the case needs (DTE of a
 * scalable-mode context entry without ECAP.DT, when the case sends no
 * translation or translated requests from it), one line each on `report`
 * (file, entry address, field, old -> new); then moves each requester no
 * engine can sit at (dmar_hw_sid_unplaceable) to a free slot one can, its
 * root and context entries copied there into new mem lines the case uses
 * nowhere else, its DMAs, atc queries and invalidations by SID renamed, and
 * keeps the move only when the oracle gives every DMA the set it gave
 * before: one line per requester, moved or staying with the reason.
 * Returns how many rewrites and moves it made, -1 when out of memory.
 */
int dmar_hw_fit_case(struct dmar_case *c, const char *file, const struct dmar_hw_target *t, FILE *report);
void dmar_hw_case_free(struct dmar_hw_case *hc);
void dmar_words_free(struct dmar_words *w);
/* appends the words of `more`; -1 when out of memory */
int dmar_words_append(struct dmar_words *p, const struct dmar_words *more);

#endif
