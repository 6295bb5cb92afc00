// SPDX-License-Identifier: Apache-2.0
/*
 * Runs a case on a translator.  The translator gets a memory of its own,
 * built from the case's header like the oracle's, so every flag it sets is
 * its own and `check` lines judge it.  Events reach it lazily: before each
 * DMA (or check) the events since the last one are replayed in order:
 * software's stores into its memory, SRTP and TE, named invalidations
 * encoded as a register command (via=reg) or a queued descriptor (128 bits
 * in legacy mode, 256 in scalable, as software would set up the queue),
 * raw `qi` descriptors as written, clflush.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/machine.h"
#include "harness/qi_encode.h"
#include "harness/translator_subject.h"
#include "oracles/bits.h"

struct tsubject {
	const struct dmar_translator_ops *t;
	const struct dmar_case *c;
	const char *file;
	struct dmar_machine m; /* the translator's memory (its oracle and caches are not used) */
	bool have_m;
	void *self;            /* the translator's instance; NULL when it refused the unit */
	char refused[160];
	uint32_t next;         /* the first event not yet told */
	uint64_t rtaddr;       /* as latched: decides the queue's width */
	bool queue_stopped;    /* a descriptor was refused (IQE) */
	volatile uint32_t *watch; /* the line being told, for run --isolate (or NULL) */
};

static void told(struct tsubject *s, uint32_t line)
{
	if (s->watch)
		*s->watch = line;
}

static void tell_qi(struct tsubject *s, const uint64_t *w, unsigned n)
{
	if (s->queue_stopped)
		return;
	s->queue_stopped = s->t->qi(s->self, w, n) != 0;
}

static void tell_inv(struct tsubject *s, const struct dmar_inv *inv)
{
	uint64_t w[4], val, iva;
	unsigned n, off, iro = (unsigned)dmar_bits(s->c->ecap, 17, 8);

	if (inv->via == DMAR_VIA_REG) {
		if (!dmar_reg_encode(inv, iro, &off, &val, &iva))
			return; /* no register does it: software could not ask */
		/* by kind: a unit whose ECAP.IRO puts IOTLB_REG at 0x28 too still has two registers (R104) */
		if (inv->kind <= DMAR_INV_CC_DEVICE)
			s->t->ccmd(s->self, val);
		else
			s->t->iotlb_reg(s->self, val, iva);
		return;
	}
	n = dmar_qi_encode_queued(inv, s->rtaddr, w);
	if (n)
		tell_qi(s, w, n);
}

/* what software did between the last DMA and event `until` */
static void catch_up(struct tsubject *s, uint32_t until)
{
	for (; s->next < until; s->next++) {
		const struct dmar_event *ev = &s->c->events[s->next];
		uint32_t i;

		told(s, ev->line);
		switch (ev->kind) {
		case DMAR_EV_WRITE:
			for (i = 0; i < ev->u.write.n; i++)
				dmar_smem_write64(&s->m.mem, ev->u.write.hpa + 8ull * i, ev->u.write.v[i]);
			break;
		case DMAR_EV_CLFLUSH:
			if (s->t->clflush)
				s->t->clflush(s->self, ev->u.clflush_hpa);
			break;
		case DMAR_EV_INV:
			tell_inv(s, &ev->u.inv);
			break;
		case DMAR_EV_QI:
			tell_qi(s, ev->u.qi.w, ev->u.qi.n);
			break;
		case DMAR_EV_SRTP:
			if (ev->u.srtp.has_rtaddr)
				s->rtaddr = ev->u.srtp.rtaddr;
			s->t->srtp(s->self, s->rtaddr);
			break;
		case DMAR_EV_TE:
			s->t->te(s->self, ev->u.te_on);
			break;
		default: /* DMAs were asked in their turn; checks and atc queries tell nothing */
			break;
		}
	}
}

static void release(struct tsubject *s)
{
	if (s->self)
		s->t->close(s->self);
	s->self = NULL;
	if (s->have_m)
		dmar_machine_free(&s->m);
	s->have_m = false;
}

static int ts_begin(void *ctx, const struct dmar_case *c, const char *file, const struct dmar_case **judged,
		    struct dmar_error *err)
{
	struct tsubject *s = ctx;
	struct dmar_translator_unit u;
	struct dmar_unit du;

	(void)judged; /* it runs the case's own unit */
	release(s);
	s->c = c;
	s->file = file;
	s->next = 0;
	s->queue_stopped = false;
	s->refused[0] = 0;
	if (dmar_machine_init(&s->m, c, file, err)) {
		dmar_machine_free(&s->m);
		/* the engine reports the same error on its own memory */
		s->have_m = false;
		snprintf(s->refused, sizeof(s->refused), "the case's memory could not be built");
		return 0;
	}
	s->have_m = true;
	dmar_case_unit(c, &du);
	u = (struct dmar_translator_unit){ du.cap, du.ecap, du.rtaddr, du.ver, du.haw, du.te };
	s->rtaddr = du.rtaddr;
	told(s, 0);
	s->self = s->t->open(&u, &s->m.mif, s->refused, sizeof(s->refused));
	if (!s->self && !s->refused[0])
		snprintf(s->refused, sizeof(s->refused), "open gave no reason");
	return 0;
}

static bool outcome_kind_valid(const struct dmar_outcome *o)
{
	return o->kind <= DMAR_OUT_PRQ && o->cpl <= DMAR_CPL_CA;
}

static void ts_dma(void *ctx, uint32_t index, const struct dmar_request *rq,
		   const struct dmar_outcome_set *allowed, struct dmar_subject_answer *a)
{
	struct tsubject *s = ctx;
	char why[160] = "";

	(void)allowed; /* a translator never sees the oracle's answer */
	if (!s->self) {
		a->kind = DMAR_SUBJ_SKIP;
		snprintf(a->note, sizeof(a->note), "%s refused the unit: %.80s", s->t->name, s->refused);
		return;
	}
	catch_up(s, index);
	s->next = index + 1;
	told(s, s->c->events[index].line);
	memset(&a->outcome, 0, sizeof(a->outcome));
	if (s->t->dma(s->self, rq, &a->outcome, why, sizeof(why))) {
		a->kind = DMAR_SUBJ_ERROR;
		snprintf(a->note, sizeof(a->note), "%s could not answer: %.80s", s->t->name,
			 why[0] ? why : "(no reason given)");
		return;
	}
	if (!outcome_kind_valid(&a->outcome)) {
		a->kind = DMAR_SUBJ_ERROR;
		snprintf(a->note, sizeof(a->note), "%s answered an invalid outcome (kind %u, completion %u)",
			 s->t->name, a->outcome.kind, a->outcome.cpl);
		return;
	}
	a->kind = DMAR_SUBJ_OUTCOME;
}

static int ts_read64(void *ctx, uint32_t index, uint64_t hpa, uint64_t *val)
{
	struct tsubject *s = ctx;

	if (!s->self)
		return 1;
	catch_up(s, index);
	return dmar_smem_read64(&s->m.mem, hpa, val) == DMAR_MEM_OK ? 0 : -1;
}

static void ts_end(void *ctx)
{
	release(ctx);
}

static void ts_close(void *ctx)
{
	release(ctx);
	free(ctx);
}

void dmar_translator_subject_watch(const struct dmar_subject *s, volatile uint32_t *line)
{
	((struct tsubject *)s->ctx)->watch = line;
}

int dmar_translator_subject(const struct dmar_translator_ops *t, struct dmar_subject *s,
			    struct dmar_error *err)
{
	struct tsubject *ts = calloc(1, sizeof(*ts));

	if (!ts) {
		snprintf(err->msg, sizeof(err->msg), "%s: out of memory", t->name);
		return -1;
	}
	ts->t = t;
	*s = (struct dmar_subject){
		.name = t->name,
		.ctx = ts,
		.begin = ts_begin,
		.dma = ts_dma,
		.read64 = ts_read64,
		.end = ts_end,
		.close = ts_close,
	};
	return 0;
}
