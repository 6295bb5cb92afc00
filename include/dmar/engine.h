/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The engine: builds a case's machine (memory, unit) and runs its events in
 * order, asking the oracle for every DMA and judging every expectation, and
 * the answer of a subject under test when one is plugged in.
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
	DMAR_V_ERROR, /* the oracle gave no answer: a gap in it, or more outcomes than a set holds */
};

/* ---- A subject under test ----------------------------------------------- */

/* how a subject answered one DMA */
enum dmar_subject_kind {
	DMAR_SUBJ_NONE,    /* no subject, or not a DMA */
	DMAR_SUBJ_OUTCOME, /* it gave `outcome`; the engine judges it against the oracle's set */
	DMAR_SUBJ_JUDGED,  /* it sees less than an outcome (hardware) and judged itself: `match` */
	DMAR_SUBJ_SKIP,    /* it could not run the DMA: `note` says why */
	DMAR_SUBJ_ERROR,   /* it broke its contract (no answer, an invalid one): `note` says how */
};

struct dmar_subject_answer {
	uint8_t kind;               /* enum dmar_subject_kind */
	bool match;                 /* the answer lies in the oracle's set (set by the engine for OUTCOME) */
	struct dmar_outcome outcome;
	char note[112];             /* what it did, in outcome words (OUTCOME: the engine writes it); SKIP: why */
	const char *known;          /* a known deviation of the subject that explains a mismatch, or NULL */
};

struct dmar_subject {
	const char *name;           /* as the user names it in reports ("QEMU") */
	void *ctx;
	/*
	 * A case begins.  A subject that stands on another unit than the case
	 * describes (hardware: its own CAP/ECAP, its own memory) sets *judged
	 * to the case as it runs there, owned by the subject until `end`; the
	 * oracle is then asked about that one, and the case's own expectations
	 * (written for its unit) are not judged.  0, or -1 with err when the
	 * subject cannot go on (the run stops).
	 */
	int (*begin)(void *ctx, const struct dmar_case *c, const char *file,
		     const struct dmar_case **judged, struct dmar_error *err);
	/* DMA event `index`: the subject's answer, given the oracle's set */
	void (*dma)(void *ctx, uint32_t index, const struct dmar_request *rq,
		    const struct dmar_outcome_set *allowed, struct dmar_subject_answer *a);
	void (*end)(void *ctx);
	/* releases the subject (stops what it started) */
	void (*close)(void *ctx);
	/*
	 * Optional (NULL: checks judge only the oracle's memory): the value the
	 * subject's own memory holds at hpa once the events before `index` ran;
	 * 0, -1 when it cannot be read, 1 when the subject did not run the
	 * case.  A `check` then judges the subject's memory too.
	 */
	int (*read64)(void *ctx, uint32_t index, uint64_t hpa, uint64_t *val);
};

struct dmar_event_result {
	uint32_t index;
	uint8_t verdict;               /* enum dmar_verdict */
	int oracle_err;                /* DMA: dmar_oracle_answer's return */
	struct dmar_outcome_set allowed; /* DMA: the oracle's answer */
	uint64_t found;                /* check: the value memory holds */
	char why[160];                 /* FAIL/ERROR: one line */
	const struct dmar_cache_model *cache; /* the cache model after the event (for explain) */
	struct dmar_subject_answer subject;   /* DMA with a subject: its answer */
};

/* called after each event; trace (if given to dmar_case_execute) is the DMA's */
typedef void (*dmar_event_fn)(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
			      const struct dmar_event_result *r, const struct dmar_trace *trace);

#define DMAR_SUBJECT_FAILED (-2)

struct dmar_case_summary {
	uint32_t checks, passed, failed, errors;
	/* with a subject: its DMAs that matched, did not (known: explained by a known deviation), were skipped */
	uint32_t subject_match, subject_diverge, subject_known, subject_skip;
	uint32_t subject_error; /* answers that broke the subject's contract (DMAR_SUBJ_ERROR) */
};

/*
 * Runs every event, judging the oracle and, when `subject` is not NULL, the
 * subject's answer to every DMA.  Returns 0; -1 with err set when the case
 * cannot run at all (a write into a hole, no memory); DMAR_SUBJECT_FAILED
 * with err set when the subject cannot go on.  `trace` may be NULL.
 */
int dmar_case_execute(const struct dmar_case *c, const char *file, const struct dmar_subject *subject,
		      dmar_event_fn fn, void *ctx, struct dmar_trace *trace, struct dmar_case_summary *sum,
		      struct dmar_error *err);

#endif
