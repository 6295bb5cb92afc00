// SPDX-License-Identifier: Apache-2.0
/*
 * Cases into replay plans (hw-tests/core/plan.h).  The case keeps its
 * addresses: the bare-metal driver lends it low memory as it is, and
 * anything outside the pool makes the case (or the DMA) a SKIP with the
 * reason.  Named invalidations become the register commands or descriptors
 * the unit takes; each DMA carries the addresses the oracle allows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/engine.h"
#include "hw-tests/host/hw.h"
#include "hw-tests/host/hw_qemu.h"
#include "harness/qi_encode.h"
#include "hw-tests/core/plan.h"
#include "oracles/bits.h"
#include "oracles/format.h"
#include "harness/grow.h"

static int push(struct dmar_words *p, uint64_t v)
{
	if (p->n == p->cap) {
		void *w = dmar_grow(p->w, p->n, &p->cap, sizeof(*p->w), 1024);

		if (!w)
			return -1;
		p->w = w;
	}
	p->w[p->n++] = v;
	return 0;
}

int dmar_words_append(struct dmar_words *p, const struct dmar_words *more)
{
	size_t i;

	for (i = 0; i < more->n; i++)
		if (push(p, more->w[i]))
			return -1;
	return 0;
}

static int record(struct dmar_words *p, unsigned tag, const uint64_t *op, unsigned n)
{
	unsigned i;

	if (push(p, (uint64_t)tag << 32 | n))
		return -1;
	for (i = 0; i < n; i++)
		if (push(p, op[i]))
			return -1;
	return 0;
}

int dmar_hw_plan_start(struct dmar_words *plan, const struct dmar_hw_target *t)
{
	uint64_t pool[2] = { t->pool, t->pool_end - t->pool };

	plan->n = 0;
	return push(plan, DMAR_PLAN_MAGIC) || push(plan, DMAR_PLAN_VERSION) ||
	       record(plan, DMAR_PLAN_POOL, pool, 2);
}

static bool in_pool(const struct dmar_hw_target *t, uint64_t pa, uint64_t len)
{
	return pa >= t->pool && pa + len <= t->pool_end && pa + len > pa;
}

static bool absent(const struct dmar_hw_target *t, uint64_t pa)
{
	return pa >= t->absent && pa < t->absent_end;
}

/* ---- the oracle's answers for the real unit ---- */

struct collect {
	const struct dmar_hw_target *t;
	struct dmar_hw_case *hc;
	int oom;
};

static struct dmar_hw_dma *new_dma(struct dmar_hw_case *hc)
{
	if (hc->n_dmas == hc->cap_dmas) {
		void *p = dmar_grow(hc->dmas, hc->n_dmas, &hc->cap_dmas, sizeof(*hc->dmas), 16);

		if (!p)
			return NULL;
		hc->dmas = p;
	}
	memset(&hc->dmas[hc->n_dmas], 0, sizeof(hc->dmas[0]));
	return &hc->dmas[hc->n_dmas++];
}

const char *dmar_hw_sid_unplaceable(uint16_t sid)
{
	unsigned dev = (sid >> 3) & 0x1f;

	if ((sid >> 8) > DMAR_QEMU_MAX_BUS || ((sid >> 8) && dev != 0))
		return "off bus 0 the engine sits at device 0 of buses 1-7 (behind PCIe root ports)";
	if (!(sid >> 8) && (dev == 0 || dev == 0x1f))
		return "that slot holds a platform device";
	return NULL;
}

/* why this request cannot be fired from an edu device, or NULL */
static const char *inexpressible(const struct dmar_request *rq)
{
	if (rq->at != DMAR_AT_UT)
		return "translation, translated and page requests need an ATS-capable engine";
	if (rq->has_pasid)
		return "requests with PASID need an engine that sends a PASID prefix";
	if (rq->access == DMAR_ACC_ATOMIC)
		return "atomics need an engine that issues them";
	if (rq->len == 0)
		return "zero-length reads need an engine that issues them";
	return dmar_hw_sid_unplaceable(rq->sid);
}

static void on_event(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		     const struct dmar_event_result *r, const struct dmar_trace *trace)
{
	struct collect *k = ctx;
	struct dmar_hw_dma *d;
	const char *why;
	uint32_t i;

	(void)c;
	if (ev->kind != DMAR_EV_DMA)
		return;
	if (!(d = new_dma(k->hc))) {
		k->oom = 1;
		return;
	}
	d->event = r->index;
	d->line = ev->line;
	d->rq = ev->u.dma.rq;
	d->allowed = r->allowed;
	why = inexpressible(&d->rq);
	if (!why && r->verdict == DMAR_V_ERROR)
		why = "the oracle could not answer for this unit";
	for (i = 0; trace && i < trace->n && i < trace->cap; i++) {
		const struct dmar_step *s = &trace->steps[i];

		if (s->kind == DMAR_STEP_READ)
			d->last_entry = s->raw[0];
		if (s->kind == DMAR_STEP_CHECK && s->failed && !d->failed_check)
			d->failed_check = s->check;
	}
	for (i = 0; !why && trace && i < trace->n && i < trace->cap; i++) {
		const struct dmar_step *s = &trace->steps[i];

		if (s->kind == DMAR_STEP_ABORT && !absent(k->t, s->hpa))
			why = "its walk reaches a hole of the case, which is memory on this platform";
		else if (s->kind == DMAR_STEP_READ && !in_pool(k->t, s->hpa, 8ull * s->nqw))
			why = "its walk reads memory outside the pool";
	}
	for (i = 0; !why && i < d->allowed.n; i++) {
		const struct dmar_outcome *o = &d->allowed.o[i];

		if (o->kind == DMAR_OUT_OK && !in_pool(k->t, o->hpa, d->rq.len))
			why = "an allowed outcome lies outside the sandbox";
		else if (o->kind == DMAR_OUT_INTERRUPT)
			why = "it may be an interrupt request, which the driver does not take";
	}
	d->planned = !why;
	if (why)
		snprintf(d->why, sizeof(d->why), "%s", why);
}

/* ---- the plan ---- */

static bool uses_queue(const struct dmar_case *c)
{
	uint32_t i;

	for (i = 0; i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_QI ||
		    (c->events[i].kind == DMAR_EV_INV && c->events[i].u.inv.via != DMAR_VIA_REG))
			return true;
	return false;
}

/*
 * A named invalidation as the unit takes it.  Register-based ones the
 * oracle rejects (scalable mode, VER >= 6, vtd-notes 9.3) are not sent; in a
 * case that also queues invalidations (the queue is on from the start, and
 * a unit ignores its registers then) a register-based one becomes the same
 * descriptor and a wait: certain at the end of its event, as the case says.
 */
static int plan_inv(struct dmar_words *p, const struct dmar_inv *inv, uint32_t event, bool wide,
		    bool qi, const struct dmar_case *c, const struct dmar_hw_target *t)
{
	uint64_t op[5] = { event };
	struct dmar_inv wait = { .kind = DMAR_INV_WAIT, .via = DMAR_VIA_QI };
	unsigned off, n;

	if (inv->via == DMAR_VIA_REG) {
		if (DMAR_RTADDR_TTM(c->rtaddr) != DMAR_TTM_LEGACY || ((t->ver >> 4) & 0xf) >= 6)
			return 0;
		if (!qi) {
			if (!dmar_reg_encode(inv, (unsigned)dmar_bits(t->ecap, 17, 8), &off, &op[2], &op[3]))
				return 0; /* no register does it: nothing happens, as the oracle says */
			op[1] = off;
			return record(p, DMAR_PLAN_REGINV, op, inv->kind == DMAR_INV_IOTLB_PAGE ? 4 : 3);
		}
		if (inv->kind >= DMAR_INV_DEVTLB)
			return 0;
	}
	n = dmar_qi_encode(inv, wide, op + 1);
	if (!n || record(p, DMAR_PLAN_QI, op, 1 + n))
		return n ? -1 : 0;
	if (inv->via != DMAR_VIA_REG)
		return 0;
	n = dmar_qi_encode(&wait, wide, op + 1);
	return record(p, DMAR_PLAN_QI, op, 1 + n);
}

static int plan_dma(struct dmar_words *p, const struct dmar_hw_dma *d)
{
	uint64_t op[5 + DMAR_MAX_OUTCOMES] = { d->event, d->rq.sid, d->rq.access, d->rq.addr, d->rq.len };
	unsigned n = 5;
	uint32_t i;

	if (!d->planned)
		return record(p, DMAR_PLAN_SKIP, op, 1);
	for (i = 0; i < d->allowed.n; i++)
		if (d->allowed.o[i].kind == DMAR_OUT_OK)
			op[n++] = d->allowed.o[i].hpa;
	return record(p, DMAR_PLAN_DMA, op, n);
}

void dmar_hw_retarget(const struct dmar_case *c, const struct dmar_hw_target *t, struct dmar_case *out,
		      struct dmar_hole *holes)
{
	*out = *c;
	out->cap = t->cap;
	out->ecap = t->ecap;
	out->ver = t->ver;
	out->haw = t->haw;
	out->ver_said = out->haw_said = true;
	/* the platform's absent memory is a hole of the case too: the oracle judges what is there */
	if (t->absent_end > t->absent && c->n_holes < DMAR_HW_MAX_HOLES) {
		if (c->n_holes)
			memcpy(holes, c->holes, c->n_holes * sizeof(holes[0]));
		holes[c->n_holes] = (struct dmar_hole){ t->absent, t->absent_end - t->absent };
		out->holes = holes;
		out->n_holes = c->n_holes + 1;
	}
}

int dmar_hw_plan_case(const struct dmar_case *c, const char *file, uint32_t index,
		      const struct dmar_hw_target *t, struct dmar_words *plan, struct dmar_hw_case *hc)
{
	struct dmar_case rc;
	struct dmar_hole holes[DMAR_HW_MAX_HOLES];
	struct collect k = { t, hc, 0 };
	struct dmar_case_summary sum;
	struct dmar_error err;
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
	bool sm = DMAR_RTADDR_TTM(c->rtaddr) == DMAR_TTM_SCALABLE, wide = sm, qi = sm || uses_queue(c);
	uint64_t op[4], rtaddr = c->rtaddr;
	size_t d = 0;
	uint32_t i, j;

	memset(hc, 0, sizeof(*hc));
	hc->file = file;
	hc->index = index;
	hc->cap = t->cap;
	hc->ecap = t->ecap;
	hc->ver = t->ver;
	hc->haw = t->haw;
	dmar_hw_retarget(c, t, &rc, holes);
	if (dmar_case_execute(&rc, file, NULL, on_event, &k, &trace, &sum, &err)) {
		hc->skipped = true;
		snprintf(hc->why, sizeof(hc->why), "the case cannot run on this unit: %.90s", err.msg);
		return 0;
	}
	if (k.oom)
		return -1;
	for (i = 0; i < c->n_mem && !hc->skipped; i++)
		if (!in_pool(t, c->mem[i].hpa, 8ull * c->mem[i].n))
			hc->skipped = true;
	for (i = 0; i < c->n_events && !hc->skipped; i++)
		if (c->events[i].kind == DMAR_EV_WRITE &&
		    !in_pool(t, c->events[i].u.write.hpa, 8ull * c->events[i].u.write.n))
			hc->skipped = true;
	if (hc->skipped) {
		snprintf(hc->why, sizeof(hc->why), "its memory lies outside the pool [0x%llx, 0x%llx)",
			 (unsigned long long)t->pool, (unsigned long long)t->pool_end);
		return 0;
	}
	op[0] = index;
	op[1] = c->rtaddr;
	op[2] = (c->te ? DMAR_PLAN_F_TE : 0) | (qi ? DMAR_PLAN_F_QI : 0) | (wide ? DMAR_PLAN_F_QI_WIDE : 0);
	if (record(plan, DMAR_PLAN_CASE, op, 3))
		return -1;
	for (i = 0; i < c->n_mem; i++) {
		if (push(plan, (uint64_t)DMAR_PLAN_WRITE << 32 | (1 + c->mem[i].n)) ||
		    push(plan, c->mem[i].hpa))
			return -1;
		for (j = 0; j < c->mem[i].n; j++)
			if (push(plan, c->mem[i].v[j]))
				return -1;
	}
	for (i = 0; i < c->n_events; i++) {
		const struct dmar_event *ev = &c->events[i];
		int rc2 = 0;

		op[0] = i;
		switch (ev->kind) {
		case DMAR_EV_WRITE:
			rc2 = push(plan, (uint64_t)DMAR_PLAN_WRITE << 32 | (1 + ev->u.write.n)) ||
			      push(plan, ev->u.write.hpa);
			for (j = 0; !rc2 && j < ev->u.write.n; j++)
				rc2 = push(plan, ev->u.write.v[j]);
			break;
		case DMAR_EV_CLFLUSH:
			op[0] = ev->u.clflush_hpa;
			rc2 = record(plan, DMAR_PLAN_CLFLUSH, op, 1);
			break;
		case DMAR_EV_INV:
			rc2 = plan_inv(plan, &ev->u.inv, i, wide, qi, c, t);
			break;
		case DMAR_EV_QI: {
			uint64_t q[5] = { i };

			/* a descriptor only goes in a queue of its width */
			if ((ev->u.qi.n == 4) != wide)
				break;
			memcpy(q + 1, ev->u.qi.w, ev->u.qi.n * sizeof(uint64_t));
			rc2 = record(plan, DMAR_PLAN_QI, q, 1 + ev->u.qi.n);
			break;
		}
		case DMAR_EV_DMA:
			rc2 = d < hc->n_dmas ? plan_dma(plan, &hc->dmas[d++]) : 0;
			break;
		case DMAR_EV_CHECK:
			op[1] = ev->u.check.hpa;
			rc2 = record(plan, DMAR_PLAN_CHECK, op, 2);
			break;
		case DMAR_EV_SRTP:
			if (ev->u.srtp.has_rtaddr)
				rtaddr = ev->u.srtp.rtaddr;
			op[1] = rtaddr;
			rc2 = record(plan, DMAR_PLAN_SRTP, op, 2);
			break;
		case DMAR_EV_TE:
			op[1] = ev->u.te_on;
			rc2 = record(plan, DMAR_PLAN_TE, op, 2);
			break;
		default:
			break;
		}
		if (rc2)
			return -1;
	}
	return record(plan, DMAR_PLAN_END, op, 0);
}

void dmar_hw_case_free(struct dmar_hw_case *hc)
{
	free(hc->dmas);
	memset(hc, 0, sizeof(*hc));
}

void dmar_words_free(struct dmar_words *w)
{
	free(w->w);
	memset(w, 0, sizeof(*w));
}
