// SPDX-License-Identifier: Apache-2.0
/*
 * Findings (harness/finding.h).  The signature hashes what tells one bug
 * from another and leaves out what does not: the request's class (access,
 * request type, PASID or not, the unit's mode), the kinds and reasons of
 * the allowed set and of the subject's answer, and the check that decided
 * the oracle's walk; never addresses, which differ from input to input.
 */
#include <stdio.h>
#include <string.h>

#include "harness/finding.h"
#include "oracles/bits.h"

struct hunt {
	struct dmar_finding *f;
	bool found;
};

/* FNV-1a, 64 bits */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		h = (h ^ *b++) * 0x100000001b3ull;
	return h;
}

static uint64_t mix_outcome(uint64_t h, const struct dmar_outcome *o)
{
	uint8_t w[4] = { o->kind, o->reason, o->ats, o->cpl };

	return mix(h, w, sizeof(w));
}

/* the last check of the fresh walk that failed (0 when none did: the walk succeeded) */
static uint16_t deciding_check(const struct dmar_trace *t)
{
	uint32_t i;

	for (i = t ? t->n : 0; i-- > 0;)
		if (t->steps[i].kind == DMAR_STEP_CHECK && t->steps[i].failed)
			return t->steps[i].check;
	return 0;
}

static void sign(struct dmar_finding *f, const struct dmar_case *c, const struct dmar_event *ev,
		 const struct dmar_event_result *r)
{
	uint64_t h = 0xcbf29ce484222325ull;
	uint32_t i;
	uint8_t w[8] = { f->kind, f->subject_kind, (uint8_t)DMAR_RTADDR_TTM(c->rtaddr) };

	if (ev->kind == DMAR_EV_DMA) {
		const struct dmar_request *rq = &ev->u.dma.rq;

		w[3] = rq->access;
		w[4] = rq->at;
		w[5] = rq->has_pasid;
		w[6] = (uint8_t)(f->check & 0xff);
		w[7] = (uint8_t)(f->check >> 8);
	}
	h = mix(h, w, sizeof(w));
	if (ev->kind == DMAR_EV_DMA) {
		for (i = 0; i < r->allowed.n; i++)
			h = mix_outcome(h, &r->allowed.o[i]);
		if (r->subject.kind == DMAR_SUBJ_OUTCOME)
			h = mix_outcome(h, &r->subject.outcome);
	}
	snprintf(f->signature, sizeof(f->signature), "%016llx", (unsigned long long)h);
}

static void note_event(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		       const struct dmar_event_result *r, const struct dmar_trace *t)
{
	struct hunt *h = ctx;
	struct dmar_finding *f = h->f;
	const struct dmar_subject_answer *a = &r->subject;

	if (h->found || a->kind == DMAR_SUBJ_NONE || a->kind == DMAR_SUBJ_SKIP ||
	    (a->kind != DMAR_SUBJ_ERROR && a->match))
		return;
	h->found = true;
	memset(f, 0, sizeof(*f));
	f->event = r->index;
	f->line = ev->line;
	f->kind = ev->kind;
	f->subject_kind = a->kind;
	snprintf(f->said, sizeof(f->said), "%s", a->note);
	if (ev->kind == DMAR_EV_DMA) {
		f->check = deciding_check(t);
		dmar_outcome_set_format(&r->allowed, f->allowed, sizeof(f->allowed));
		dmar_request_words(&ev->u.dma.rq, f->request, sizeof(f->request));
	} else {
		snprintf(f->allowed, sizeof(f->allowed), "0x%llx", (unsigned long long)ev->u.check.value);
		snprintf(f->request, sizeof(f->request), "check 0x%llx", (unsigned long long)ev->u.check.hpa);
	}
	sign(f, c, ev, r);
}

/*
 * The case as the oracle answers it: its expectations (random ones, in a
 * fuzzer's input) replaced by the oracle's sets, each check's value by what
 * the oracle's memory holds, so the subject is judged against the oracle alone.
 */
static int as_the_oracle_says(const struct dmar_case *c, struct dmar_case *out, struct dmar_error *err)
{
	if (dmar_case_copy(out, c)) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return -1;
	}
	if (dmar_case_expect_oracle(out, err)) {
		dmar_case_free(out);
		return -1;
	}
	return 0;
}

int dmar_find_divergence(const struct dmar_case *c, const struct dmar_subject *subject,
			 struct dmar_finding *f, struct dmar_error *err)
{
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
	struct hunt h = { f, false };
	struct dmar_case_summary sum;
	struct dmar_case bare;
	int rc;

	if (as_the_oracle_says(c, &bare, err))
		return -1;
	rc = dmar_case_execute(&bare, "<case>", subject, note_event, &h, &trace, &sum, err);
	dmar_case_free(&bare);
	if (rc)
		return -1;
	return h.found;
}

struct fill {
	struct dmar_case *c;
};

static void fill_event(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		       const struct dmar_event_result *r, const struct dmar_trace *t)
{
	struct fill *x = ctx;
	struct dmar_event *mine = &x->c->events[r->index];

	(void)c;
	(void)t;
	(void)ev;
	if (mine->kind == DMAR_EV_DMA && r->verdict != DMAR_V_ERROR && r->allowed.n) {
		mine->u.dma.has_expect = true;
		mine->u.dma.expect = r->allowed;
	} else if (mine->kind == DMAR_EV_DMA) {
		mine->u.dma.has_expect = false; /* the oracle gave no whole set: nothing to say */
	} else if (mine->kind == DMAR_EV_ATC && r->allowed.n) {
		mine->u.atc.has_expect = true;
		mine->u.atc.expect = r->allowed;
	} else if (mine->kind == DMAR_EV_CHECK) {
		mine->u.check.value = r->found;
	}
}

int dmar_case_expect_oracle(struct dmar_case *c, struct dmar_error *err)
{
	struct fill x = { c };
	struct dmar_case_summary sum;

	return dmar_case_execute(c, "<case>", NULL, fill_event, &x, NULL, &sum, err) ? -1 : 0;
}
