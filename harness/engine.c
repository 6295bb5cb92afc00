// SPDX-License-Identifier: Apache-2.0
/*
 * Executes a case.  Memory starts as the header's `mem` lines over its
 * holes; events run in file order.  Stores, invalidations, `qi`, `clflush`
 * and unit programming go to the cache model (harness/cache.c), which tells
 * the oracle which stale copies may still answer; every DMA's allowed set
 * is judged against the case's expectation and, when a subject under test
 * is plugged in, against the subject's answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/machine.h"
#include "oracles/bits.h"
#include "harness/grow.h"

static void *grow_block(void *ctx, size_t size)
{
	struct dmar_machine *m = ctx;
	void *block;

	if (m->n_blocks == m->cap_blocks) {
		void *blocks = dmar_grow(m->blocks, m->n_blocks, &m->cap_blocks, sizeof(*m->blocks), 16);

		if (!blocks)
			return NULL;
		m->blocks = blocks;
	}
	block = calloc(1, size);
	if (block)
		m->blocks[m->n_blocks++] = block;
	return block;
}

/* `event`: a `write` event (the cache model sees it), else a header `mem` line */
static int store(struct dmar_machine *m, const struct dmar_qwords *q, const char *file,
		 uint32_t line, bool event, const char *what, struct dmar_error *err)
{
	uint32_t i;

	for (i = 0; i < q->n; i++) {
		uint64_t hpa = q->hpa + 8ull * i;
		uint64_t old = q->v[i];

		/* software's store replaces whatever the unit may have set */
		dmar_cache_model_overwritten(&m->cache, hpa);
		/* a `write` event leaves the old value to non-snooping reads until clflush */
		if (event && dmar_smem_read64(&m->mem, hpa, &old) == DMAR_MEM_OK) {
			dmar_cache_model_store(&m->cache, hpa, old, q->v[i]);
			/* the unit may have cached every walk through the old value (vtd-notes 9.8) */
			if (m->cache.prefetch && old != q->v[i])
				dmar_prefetch_entry(&m->cache, &m->oracle, &m->mif, hpa, old, false);
		}
		if (dmar_smem_write64(&m->mem, hpa, q->v[i]) != DMAR_MEM_OK) {
			snprintf(err->msg, sizeof(err->msg), "%s:%u: `0x%llx`: %s %s", file, line,
				 (unsigned long long)hpa, what,
				 m->mem.oom ? "ran out of memory" :
				 "writes where there is no memory (a hole, or at/above 2^HAW)");
			return -1;
		}
		if (event && i + 1 < q->n) /* half-written: a concurrent walk may see this */
			dmar_cache_model_midwrite(&m->cache, hpa, &m->mem);
		/* and the tables the new value links in become reachable */
		if (event && m->cache.prefetch && old != q->v[i])
			dmar_prefetch_entry(&m->cache, &m->oracle, &m->mif, hpa, q->v[i], true);
	}
	return 0;
}

int dmar_machine_init(struct dmar_machine *m, const struct dmar_case *c, const char *file,
		      struct dmar_error *err)
{
	struct dmar_unit unit;
	uint32_t i;

	memset(m, 0, sizeof(*m));
	dmar_arena_init(&m->arena, NULL, 0);
	m->arena.grow = grow_block;
	m->arena.grow_ctx = m;
	dmar_case_unit(c, &unit);
	dmar_oracle_init(&m->oracle, &unit);
	dmar_cache_model_init(&m->cache, &unit);
	m->cache.prefetch = c->cache_rule == DMAR_CACHE_ARCHITECTURE;
	dmar_smem_init(&m->mem, &m->arena, unit.haw);
	dmar_smem_as_if(&m->mem, &m->mif);
	m->cache.mem = &m->mif;
	/* holes first: a written page is never checked against holes again */
	for (i = 0; i < c->n_holes; i++)
		if (!dmar_smem_add_hole(&m->mem, c->holes[i].hpa, c->holes[i].size))
			goto oom;
	for (i = 0; i < c->n_roms; i++)
		if (!dmar_smem_add_rom(&m->mem, c->roms[i].hpa, c->roms[i].size))
			goto oom;
	for (i = 0; i < c->n_mem; i++)
		if (store(m, &c->mem[i], file, c->mem[i].line, false, "mem", err))
			return -1;
	return 0;
oom:
	snprintf(err->msg, sizeof(err->msg), "%s:0: ``: out of memory", file);
	return -1;
}

void dmar_machine_free(struct dmar_machine *m)
{
	size_t i;

	for (i = 0; i < m->n_blocks; i++)
		free(m->blocks[i]);
	free(m->blocks);
	dmar_cache_model_free(&m->cache);
	memset(m, 0, sizeof(*m));
}

/* `expect`: the case's own expectations are judged (not when a subject runs it on another unit) */
static void judge_dma(struct dmar_machine *m, const struct dmar_dma *dma, bool expect,
		      struct dmar_event_result *r, struct dmar_trace *trace)
{
	char want[512], got[512];
	struct dmar_maybe_write may[32];
	struct dmar_side_effects fx = { may, 32, 0 };
	uint32_t i;

	struct dmar_answer_opts opts = { .trace = trace, .fx = &fx, .cache = &m->cache.iface };

	m->cache.pf.rq = &dma->rq; /* the tables it reaches are noted for prefetching */
	r->oracle_err = dmar_oracle_answer_ex(&m->oracle, &m->mif, &dma->rq, &r->allowed, &opts);
	m->cache.pf.rq = NULL;
	/* what the walks may have stored stays open, the answer bounded or not */
	for (i = 0; i < fx.n; i++)
		dmar_cache_model_maybe_set(&m->cache, &may[i]);
	if (!r->oracle_err && opts.bounded) {
		r->verdict = DMAR_V_ERROR;
		snprintf(r->why, sizeof(r->why),
			 "more cached alternatives than the oracle follows (%u walks, %u values an entry): "
			 "the answer is partial", 256u, (unsigned)DMAR_MAX_STALE);
		return;
	}
	if (!r->oracle_err && m->cache.pf.cut) {
		r->verdict = DMAR_V_ERROR;
		snprintf(r->why, sizeof(r->why),
			 "the unit may have prefetched more walks than the oracle follows (%u at one change): "
			 "the answer is partial", DMAR_PREFETCH_MAX_PROBES);
		return;
	}
	/* the device may keep any completion it could have received */
	if (!r->oracle_err && dma->rq.at == DMAR_AT_TR)
		dmar_atc_fill(&m->cache.atc, &dma->rq, &r->allowed, m->cache.event);
	if (r->oracle_err) {
		r->verdict = DMAR_V_ERROR;
		snprintf(r->why, sizeof(r->why), "%s",
			 r->oracle_err == DMAR_ORACLE_NO_OUTCOME ?
			 "the oracle found no outcome for this request (a gap in the oracle)" :
			 "more allowed outcomes than the oracle holds (16): the answer is partial");
		return;
	}
	if (!dma->has_expect || !expect) {
		r->verdict = DMAR_V_NONE;
		return;
	}
	if (dmar_outcome_set_equal(&r->allowed, &dma->expect)) {
		r->verdict = DMAR_V_PASS;
		return;
	}
	r->verdict = DMAR_V_FAIL;
	dmar_outcome_set_format(&dma->expect, want, sizeof(want));
	dmar_outcome_set_format(&r->allowed, got, sizeof(got));
	snprintf(r->why, sizeof(r->why), "expected %.60s; the oracle allows %.60s", want, got);
}

/* the subject's own memory must hold what the check says, as the oracle's must */
static void subject_check(const struct dmar_subject *subject, uint32_t index, const struct dmar_event *ev,
			  uint64_t open_bits, struct dmar_event_result *r, struct dmar_case_summary *sum)
{
	struct dmar_subject_answer *a = &r->subject;
	uint64_t v;
	int rc = subject->read64(subject->ctx, index, ev->u.check.hpa, &v);

	a->kind = DMAR_SUBJ_JUDGED;
	if (rc > 0) { /* the subject did not run the case */
		a->kind = DMAR_SUBJ_SKIP;
		sum->subject_skip++;
		return;
	}
	if (rc) {
		a->match = false;
		snprintf(a->note, sizeof(a->note), "memory at 0x%llx cannot be read",
			 (unsigned long long)ev->u.check.hpa);
	} else {
		a->match = ((v ^ ev->u.check.value) & ~open_bits) == 0;
		snprintf(a->note, sizeof(a->note), "memory holds 0x%llx", (unsigned long long)v);
	}
	sum->subject_match += a->match;
	sum->subject_diverge += !a->match;
}

static void judge_check(struct dmar_machine *m, const struct dmar_event *ev, bool expect,
			struct dmar_event_result *r, const struct dmar_subject *subject,
			struct dmar_case_summary *sum)
{
	uint64_t open_bits;

	if (dmar_smem_read64(&m->mem, ev->u.check.hpa, &r->found) != DMAR_MEM_OK) {
		r->verdict = DMAR_V_FAIL;
		snprintf(r->why, sizeof(r->why), "0x%llx cannot be read (no memory there)",
			 (unsigned long long)ev->u.check.hpa);
		return;
	}
	if (!expect)
		return;
	open_bits = dmar_cache_model_open_bits(&m->cache, ev->u.check.hpa);
	if (subject && subject->read64)
		subject_check(subject, r->index, ev, open_bits, r, sum);

	/* bits a faulting walk may have set speculatively may read either way */
	r->verdict = ((r->found ^ ev->u.check.value) & ~open_bits) == 0 ? DMAR_V_PASS : DMAR_V_FAIL;
	if (r->verdict == DMAR_V_FAIL)
		snprintf(r->why, sizeof(r->why), "memory at 0x%llx holds 0x%llx, expected 0x%llx",
			 (unsigned long long)ev->u.check.hpa, (unsigned long long)r->found,
			 (unsigned long long)ev->u.check.value);
}

/* what the device-TLB may hold for the address (harness/atc.h) */
static void judge_atc(struct dmar_machine *m, const struct dmar_atc_query *q, bool expect,
		      struct dmar_event_result *r)
{
	char want[512], got[512];

	if (!dmar_atc_lookup(&m->cache.atc, q, &r->allowed)) {
		r->verdict = DMAR_V_ERROR;
		snprintf(r->why, sizeof(r->why),
			 "the device-TLB may hold more translations than an outcome set holds (16)");
		return;
	}
	if (!q->has_expect || !expect) {
		r->verdict = DMAR_V_NONE;
		return;
	}
	r->verdict = dmar_outcome_set_equal(&r->allowed, &q->expect) ? DMAR_V_PASS : DMAR_V_FAIL;
	if (r->verdict == DMAR_V_PASS)
		return;
	dmar_outcome_set_format(&q->expect, want, sizeof(want));
	dmar_outcome_set_format(&r->allowed, got, sizeof(got));
	snprintf(r->why, sizeof(r->why), "expected %.60s; the device-TLB may hold %.60s", want, got);
}

/* SRTP and TE change the unit the oracle judges (vtd-notes 1.4, 1.5, 9.7) */
static void reprogram(struct dmar_machine *m, const struct dmar_event *ev)
{
	struct dmar_unit u = m->oracle.unit;
	bool flush;

	if (ev->kind == DMAR_EV_SRTP) {
		if (ev->u.srtp.has_rtaddr)
			u.rtaddr = ev->u.srtp.rtaddr;
		flush = dmar_bit(u.cap, 63); /* ESRTPS: SRTP also invalidates every cache */
	} else {
		flush = u.te && !ev->u.te_on && dmar_bit(u.ecap, DMAR_ECAP_SMTS);
		u.te = ev->u.te_on;
	}
	dmar_oracle_init(&m->oracle, &u);
	dmar_cache_model_set_unit(&m->cache, &u, flush);
	if (m->cache.prefetch)
		dmar_prefetch_all(&m->cache, &m->oracle, &m->mif);
}

/* the subject's answer to one DMA, judged against the oracle's set */
static void ask_subject(const struct dmar_subject *subject, uint32_t index, const struct dmar_request *rq,
			struct dmar_event_result *r, struct dmar_case_summary *sum)
{
	struct dmar_subject_answer *a = &r->subject;

	if (r->verdict == DMAR_V_ERROR) { /* nothing to judge it against */
		a->kind = DMAR_SUBJ_SKIP;
		snprintf(a->note, sizeof(a->note), "the oracle could not answer: %.80s", r->why);
	} else {
		subject->dma(subject->ctx, index, rq, &r->allowed, a);
	}
	if (a->kind == DMAR_SUBJ_OUTCOME) {
		a->match = dmar_outcome_set_contains(&r->allowed, &a->outcome);
		dmar_outcome_format(&a->outcome, a->note, sizeof(a->note));
	}
	if (a->kind == DMAR_SUBJ_ERROR) {
		sum->subject_error++;
	} else if (a->kind == DMAR_SUBJ_SKIP) {
		sum->subject_skip++;
	} else if (a->match) {
		sum->subject_match++;
	} else {
		sum->subject_diverge++;
		sum->subject_known += a->known != NULL;
	}
}

int dmar_case_execute(const struct dmar_case *c, const char *file, const struct dmar_subject *subject,
		      dmar_event_fn fn, void *ctx, struct dmar_trace *trace, struct dmar_case_summary *sum,
		      struct dmar_error *err)
{
	struct dmar_machine m;
	struct dmar_event_result r;
	const struct dmar_case *judged = NULL;
	bool expect;
	uint32_t i;
	int rc = 0;

	memset(sum, 0, sizeof(*sum));
	if (subject && subject->begin(subject->ctx, c, file, &judged, err))
		return DMAR_SUBJECT_FAILED;
	/* a subject on another unit: the oracle is asked about the case as it runs there */
	expect = !judged || judged == c;
	if (judged)
		c = judged;
	if (dmar_machine_init(&m, c, file, err)) {
		dmar_machine_free(&m);
		if (subject)
			subject->end(subject->ctx);
		return -1;
	}
	if (m.cache.prefetch) /* before anything happens, the unit may have cached every walk */
		dmar_prefetch_all(&m.cache, &m.oracle, &m.mif);
	for (i = 0; i < c->n_events && rc == 0; i++) {
		const struct dmar_event *ev = &c->events[i];

		memset(&r, 0, sizeof(r));
		r.index = i;
		m.cache.event = i;
		if (trace)
			trace->n = 0;
		switch (ev->kind) {
		case DMAR_EV_WRITE:
			rc = store(&m, &ev->u.write, file, ev->line, true, "write", err);
			break;
		case DMAR_EV_DMA:
			judge_dma(&m, &ev->u.dma, expect, &r, trace);
			if (subject)
				ask_subject(subject, i, &ev->u.dma.rq, &r, sum);
			/* on the subject's unit, a set the oracle cannot give only skips the subject */
			if (!expect && r.verdict == DMAR_V_ERROR)
				r.verdict = DMAR_V_NONE;
			break;
		case DMAR_EV_CHECK:
			judge_check(&m, ev, expect, &r, subject, sum);
			break;
		case DMAR_EV_ATC:
			judge_atc(&m, &ev->u.atc, expect, &r);
			break;
		case DMAR_EV_INV:
			if (dmar_cache_model_invalidate(&m.cache, &ev->u.inv, &m.mem)) {
				snprintf(err->msg, sizeof(err->msg),
					 "%s:%u: `status=0x%llx`: the wait's status write has no memory there",
					 file, ev->line, (unsigned long long)ev->u.inv.status_hpa);
				rc = -1;
			}
			break;
		case DMAR_EV_CLFLUSH:
			dmar_cache_model_clflush(&m.cache, ev->u.clflush_hpa);
			break;
		case DMAR_EV_SRTP:
		case DMAR_EV_TE:
			reprogram(&m, ev);
			break;
		case DMAR_EV_QI:
			if (dmar_cache_model_raw_qi(&m.cache, ev->u.qi.w, ev->u.qi.n, &m.mem) < 0) {
				snprintf(err->msg, sizeof(err->msg),
					 "%s:%u: `qi`: the wait's status write has no memory there", file,
					 ev->line);
				rc = -1;
			}
			break;
		default:
			break;
		}
		if (rc)
			break;
		if (r.verdict != DMAR_V_NONE)
			sum->checks++;
		sum->passed += r.verdict == DMAR_V_PASS;
		sum->failed += r.verdict == DMAR_V_FAIL;
		sum->errors += r.verdict == DMAR_V_ERROR;
		r.cache = &m.cache;
		if (fn)
			fn(ctx, c, ev, &r, ev->kind == DMAR_EV_DMA ? trace : NULL);
	}
	dmar_machine_free(&m);
	if (subject)
		subject->end(subject->ctx);
	return rc;
}
