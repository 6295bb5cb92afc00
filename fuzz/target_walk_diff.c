// SPDX-License-Identifier: Apache-2.0
/*
 * Fuzz target: a subject under test (fuzz/subject.h) against the oracle on
 * every decoded case.  A finding is a DMA the subject answers outside the
 * oracle's set, a `check` its own memory fails, or an answer that breaks
 * its contract.  The case's own expectations are random here and never
 * judged: before the subject runs, each `check` takes the value the
 * oracle's memory holds (a first run, oracle alone, when the case has
 * one), and as it runs each DMA and `atc` takes the oracle's set.  A
 * finding thus prints a case that `dmarfuzz run --translator NAME` fails on
 * the subject alone.  Nothing survives an input: the adapter opens a fresh
 * instance of the translator per case and closes it at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "dmar/engine.h"
#include "fuzz/fuzz.h"
#include "fuzz/report.h"
#include "fuzz/subject.h"

struct diff {
	struct dmar_case *c;  /* the decoded case, its expectations rewritten as it runs */
	const char *name;     /* the subject's */
	bool found;           /* a finding was printed */
};

/* first run: each check expects what the oracle's memory holds */
static void learn_check(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
			const struct dmar_event_result *r, const struct dmar_trace *trace)
{
	struct dmar_case *own = ctx;

	(void)c;
	(void)trace;
	if (ev->kind == DMAR_EV_CHECK) /* the engine is past this event: it reads it no more */
		own->events[r->index].u.check.value = r->found;
}

/* the oracle's answer becomes the event's expectation (none where it gave none) */
static void adopt(struct dmar_event *ev, const struct dmar_event_result *r)
{
	bool answered = r->verdict != DMAR_V_ERROR;

	if (ev->kind == DMAR_EV_DMA) {
		ev->u.dma.has_expect = answered;
		ev->u.dma.expect = r->allowed;
	} else if (ev->kind == DMAR_EV_ATC) {
		ev->u.atc.has_expect = answered;
		ev->u.atc.expect = r->allowed;
	}
}

/* second run: the subject's answer to each DMA and check */
static void judge(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		  const struct dmar_event_result *r, const struct dmar_trace *trace)
{
	struct diff *x = ctx;
	const struct dmar_subject_answer *a = &r->subject;
	char why[512], allowed[256];

	(void)c;
	(void)trace;
	adopt(&x->c->events[r->index], r);
	if (a->kind == DMAR_SUBJ_ERROR) {
		snprintf(why, sizeof(why), "%s broke its contract: %s", x->name, a->note);
	} else if ((a->kind == DMAR_SUBJ_OUTCOME || a->kind == DMAR_SUBJ_JUDGED) && !a->match && !a->known) {
		if (ev->kind == DMAR_EV_DMA) {
			dmar_outcome_set_format(&r->allowed, allowed, sizeof(allowed));
			snprintf(why, sizeof(why), "%s %s; the oracle allows %s", x->name, a->note, allowed);
		} else {
			snprintf(why, sizeof(why), "%s %s; the oracle's memory holds 0x%llx", x->name, a->note,
				 (unsigned long long)r->found);
		}
	} else {
		return;
	}
	dmar_fuzz_event_line(ev, why);
	x->found = true;
}

static bool has_check(const struct dmar_case *c)
{
	uint32_t i;

	for (i = 0; i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_CHECK)
			return true;
	return false;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	dmar_fuzz_subject(); /* a wrong name stops the campaign before its first input */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct dmar_subject *s = dmar_fuzz_subject();
	struct dmar_case c;
	struct dmar_case_summary sum;
	struct dmar_error err;
	struct diff x = { &c, s->name, false };
	int rc = 0;

	if (dmar_case_decode(data, size, &c))
		return 0; /* out of memory: nothing to judge */
	if (has_check(&c))
		rc = dmar_case_execute(&c, DMAR_FUZZ_FILE, NULL, learn_check, &c, NULL, &sum, &err);
	if (!rc)
		rc = dmar_case_execute(&c, DMAR_FUZZ_FILE, s, judge, &x, NULL, &sum, &err);
	if (rc == DMAR_SUBJECT_FAILED) { /* -1: the engine refuses the case itself, no finding */
		fprintf(stderr, "FAIL %s:0: %s cannot go on: %s\n", DMAR_FUZZ_FILE, s->name, err.msg);
		x.found = true;
	}
	if (x.found)
		dmar_fuzz_finding(&c);
	dmar_case_free(&c);
	return 0;
}
