// SPDX-License-Identifier: Apache-2.0
/*
 * QEMU's intel-iommu as a subject of the engine (`run --translator qemu`).
 * One QEMU is kept running (the bare-metal driver's serve mode) for as long
 * as the cases need the same machine.  Each case is re-targeted to the unit
 * QEMU offers, planned, replayed whole when it begins, and judged by the
 * hardware judge; the engine then asks the oracle about the re-targeted
 * case and takes each DMA's judgement from here.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw-tests/host/hw_known.h"
#include "hw-tests/host/hw_qemu.h"
#include "hw-tests/host/qemu_subject.h"

struct qemu_subject {
	struct dmar_qemu_server srv;
	bool up;                  /* srv is running (stop it before leaving) */
	struct dmar_hw_target t;  /* the unit it offers */
	struct dmar_words plan;
	struct dmar_hw_case hc;   /* the case being run, judged */
	struct dmar_case judged;  /* that case re-targeted to t */
	struct dmar_hole holes[DMAR_HW_MAX_HOLES];
	uint32_t cases;           /* cases begun: each one's index in its plan */
};

static void stop(struct qemu_subject *q)
{
	if (q->up)
		dmar_qemu_server_stop(&q->srv);
	q->up = false;
}

/* the machine the case needs, with the running machine's edu devices and any the case adds */
static void machine_for(const struct qemu_subject *q, const struct dmar_case *c, struct dmar_qemu_machine *m)
{
	uint32_t i;

	dmar_qemu_machine_for(c, m);
	if (q->up && dmar_qemu_machine_same(&q->srv.machine, m)) {
		m->n_sids = q->srv.machine.n_sids;
		memcpy(m->sids, q->srv.machine.sids, sizeof(m->sids));
	}
	for (i = 0; i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_DMA && (c->events[i].u.dma.rq.sid >> 8) <= DMAR_QEMU_MAX_BUS)
			dmar_qemu_add_sid(m, c->events[i].u.dma.rq.sid);
}

/* a QEMU offering machine m, started when the running one is another */
static int ensure_machine(struct qemu_subject *q, const struct dmar_qemu_machine *m, struct dmar_error *err)
{
	char why[256] = "";

	if (q->up && dmar_qemu_machine_same(&q->srv.machine, m) && q->srv.machine.n_sids == m->n_sids)
		return 0;
	stop(q);
	if (dmar_qemu_server_start(&q->srv, dmar_qemu_image(), m, why, sizeof(why))) {
		snprintf(err->msg, sizeof(err->msg), "translator qemu: %.400s", why);
		return -1;
	}
	q->up = true;
	if (dmar_qemu_target(q->srv.hello, &q->t)) {
		snprintf(err->msg, sizeof(err->msg),
			 "translator qemu: QEMU's machine shows no remapping unit (driver said: %.100s)",
			 q->srv.hello ? q->srv.hello : "nothing");
		stop(q);
		return -1;
	}
	return 0;
}

static int begin(void *ctx, const struct dmar_case *c, const char *file, const struct dmar_case **judged,
		 struct dmar_error *err)
{
	struct qemu_subject *q = ctx;
	struct dmar_qemu_machine m;
	char why[256];
	char *out;

	machine_for(q, c, &m);
	if (ensure_machine(q, &m, err))
		return -1;
	if (dmar_hw_plan_start(&q->plan, &q->t) ||
	    dmar_hw_plan_case(c, file, q->cases++, &q->t, &q->plan, &q->hc)) {
		dmar_hw_case_free(&q->hc);
		snprintf(err->msg, sizeof(err->msg), "%s: translator qemu: out of memory", file);
		return -1;
	}
	out = dmar_qemu_server_replay(&q->srv, q->plan.w, q->plan.n, why, sizeof(why));
	if (!out) /* the driver stopped answering: every DMA of the case goes unanswered */
		fprintf(stderr, "%s: %s\n", file, why);
	dmar_hw_judge(&q->hc, out ? out : "", c);
	if (!out)
		stop(q);
	free(out);
	dmar_hw_retarget(c, &q->t, &q->judged, q->holes);
	*judged = &q->judged;
	return 0;
}

static void dma(void *ctx, uint32_t index, const struct dmar_request *rq, const struct dmar_outcome_set *allowed,
		struct dmar_subject_answer *a)
{
	struct qemu_subject *q = ctx;
	const struct dmar_hw_dma *d = NULL;
	size_t i;

	(void)rq;
	(void)allowed; /* the judge holds the same set: it planned the case with it */
	for (i = 0; i < q->hc.n_dmas && !d; i++)
		if (q->hc.dmas[i].event == index)
			d = &q->hc.dmas[i];
	if (!d || d->verdict == DMAR_HW_SKIP) {
		a->kind = DMAR_SUBJ_SKIP;
		snprintf(a->note, sizeof(a->note), "%s", d ? d->why : "not planned");
		return;
	}
	a->kind = DMAR_SUBJ_JUDGED;
	a->match = d->verdict == DMAR_HW_MATCH;
	a->known = d->known;
	snprintf(a->note, sizeof(a->note), "%s", d->seen);
}

static void end(void *ctx)
{
	struct qemu_subject *q = ctx;

	dmar_hw_case_free(&q->hc);
}

static void close_subject(void *ctx)
{
	struct qemu_subject *q = ctx;

	stop(q);
	dmar_hw_case_free(&q->hc);
	dmar_words_free(&q->plan);
	free(q);
}

int dmar_qemu_subject_open(struct dmar_subject *s, struct dmar_error *err)
{
	struct qemu_subject *q = calloc(1, sizeof(*q));

	if (!q) {
		snprintf(err->msg, sizeof(err->msg), "translator qemu: out of memory");
		return -1;
	}
	q->srv.fd = -1;
	*s = (struct dmar_subject){ .name = "QEMU", .ctx = q, .begin = begin, .dma = dma, .end = end,
				    .close = close_subject };
	return 0;
}
