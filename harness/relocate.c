// SPDX-License-Identifier: Apache-2.0
/*
 * Moving a case in physical memory: every address the unit or software uses
 * (RTADDR, table pointers and page frames inside entries, memory lines,
 * stores, checks, status writes) moves by one offset, so that a driver whose
 * pool is memory an operating system lends it can hold the case.  Which
 * qwords are entries, and of which shape, comes from the oracle's own walks
 * (every entry a walk read, fresh or cached); which bits of an entry are
 * addresses comes from the entry's field table (DMAR_FK_ADDR).  Data pages
 * move unchanged.  The offset keeps large pages aligned when it is a
 * multiple of 1 GiB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "dmar/engine.h"
#include "harness/grow.h"
#include "harness/cache.h"
#include "harness/relocate.h"
#include "oracles/format.h"

struct entry {
	uint64_t hpa;
	uint8_t shape, nqw;
};

struct shapes {
	struct entry *e;
	size_t n, cap;
	bool nested, oom;
	uint8_t haw;
};

/*
 * Addresses that mean something by their value stay: the interrupt range
 * (FEEx_xxxx), and any that the move would push to or past 2^HAW (an
 * address already beyond it stays beyond it).  What they point at is not
 * memory of the case anyway.
 */
static bool stays(const struct shapes *s, uint64_t addr, uint64_t off)
{
	return (addr >> 20) == 0xfee || (s->haw < 64 && ((addr + off) >> s->haw) != 0);
}

static void note(struct shapes *s, uint64_t hpa, uint8_t shape, uint8_t nqw)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->e[i].hpa == hpa)
			return;
	if (s->n == s->cap) {
		void *p = dmar_grow(s->e, s->n, &s->cap, sizeof(*s->e), 64);

		if (!p) {
			s->oom = true;
			return;
		}
		s->e = p;
	}
	s->e[s->n++] = (struct entry){ hpa, shape, nqw };
}

static void collect(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		    const struct dmar_event_result *r, const struct dmar_trace *t)
{
	struct shapes *s = ctx;
	bool fs = false, ss = false;
	uint32_t i;

	(void)c;
	(void)ev;
	for (i = 0; t && i < t->n && i < t->cap; i++) {
		const struct dmar_step *st = &t->steps[i];

		if (st->kind != DMAR_STEP_READ && st->kind != DMAR_STEP_STALE)
			continue;
		if (st->kind == DMAR_STEP_STALE && !st->hpa && st->level)
			continue; /* a deeper copy found by its tags: where it was read, the caches say */
		note(s, st->hpa, st->fmt, st->nqw ? st->nqw : dmar_shape_get(st->fmt)->qwords);
		fs |= st->fmt >= DMAR_SHAPE_FS_PML5E;
		ss |= st->fmt >= DMAR_SHAPE_SL_PML5E && st->fmt <= DMAR_SHAPE_SL_PTE;
	}
	/* a nested walk's first-stage entries hold guest addresses: they do not move */
	s->nested |= fs && ss;
	/* and the entries walks through cached values read, which the trace of the one walk through
	 * memory alone does not show: the caches hold each one they read */
	for (i = 0; r->cache && i < r->cache->n_obs; i++) {
		const struct dmar_cache_key *k = &r->cache->obs[i].key;

		if (k->hpa)
			note(s, k->hpa, k->shape, k->nqw);
	}
}

/* one qword at hpa holding v: its address fields moved when it belongs to an entry */
static uint64_t move_value(const struct shapes *s, uint64_t hpa, uint64_t v, uint64_t off)
{
	size_t i;
	unsigned f;

	for (i = 0; i < s->n; i++) {
		const struct entry *e = &s->e[i];
		const struct dmar_shape *sh;
		unsigned q;

		if (hpa < e->hpa || hpa >= e->hpa + 8ull * e->nqw)
			continue;
		q = (unsigned)((hpa - e->hpa) / 8);
		sh = dmar_shape_get(e->shape);
		for (f = 0; f < sh->nfields; f++) {
			const struct dmar_field *fd = &sh->fields[f];
			uint64_t mask;

			if (fd->kind != DMAR_FK_ADDR || fd->lo / 64 != q)
				continue;
			mask = (fd->hi % 64 == 63 ? ~0ull : (2ull << (fd->hi % 64)) - 1) & ~((1ull << (fd->lo % 64)) - 1);
			if ((v & mask) && !stays(s, v & mask, off))
				v = (v & ~mask) | ((v & mask) + off);
		}
		return v;
	}
	return v;
}

static void move_qwords(const struct shapes *s, struct dmar_qwords *q, uint64_t off)
{
	uint32_t i;

	for (i = 0; i < q->n; i++)
		q->v[i] = move_value(s, q->hpa + 8ull * i, q->v[i], off);
	q->hpa += off;
}

int dmar_case_relocate(const struct dmar_case *c, const char *file, uint64_t off, struct dmar_case *out,
		       char *why, size_t why_size)
{
	struct shapes s = { 0 };
	struct dmar_case_summary sum;
	struct dmar_error err;
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
	char *text;
	uint32_t i;
	int rc = DMAR_RELOC_NO_COPY;

	why[0] = 0;
	{
		struct dmar_unit u;

		dmar_case_unit(c, &u);
		s.haw = u.haw;
	}
	if (dmar_case_execute(c, file, NULL, collect, &s, &trace, &sum, &err) || s.oom) {
		snprintf(why, why_size, "the case does not run: %.100s", err.msg);
		rc = DMAR_RELOC_DOES_NOT_RUN;
		goto done;
	}
	if (s.nested) {
		snprintf(why, why_size, "nested walks hold guest addresses a move cannot tell apart");
		rc = DMAR_RELOC_NESTED;
		goto done;
	}
	/* a deep copy through the canonical text, then every address moves */
	if (!(text = dmar_case_print(c)))
		goto done;
	rc = dmar_case_parse(text, strlen(text), file, out, &err) ? DMAR_RELOC_NO_COPY : 0;
	free(text);
	if (rc) {
		snprintf(why, why_size, "%.100s", err.msg);
		goto done;
	}
	for (i = 0; i < out->n_events && i < c->n_events; i++)
		out->events[i].line = c->events[i].line; /* reports name the lines of the file */
	out->rtaddr += off;
	for (i = 0; i < out->n_mem; i++)
		move_qwords(&s, &out->mem[i], off);
	for (i = 0; i < out->n_holes; i++)
		out->holes[i].hpa += off;
	for (i = 0; i < out->n_roms; i++)
		out->roms[i].hpa += off;
	for (i = 0; i < out->n_events; i++) {
		struct dmar_event *ev = &out->events[i];

		switch (ev->kind) {
		case DMAR_EV_WRITE:
			move_qwords(&s, &ev->u.write, off);
			break;
		case DMAR_EV_CLFLUSH:
			ev->u.clflush_hpa += off;
			break;
		case DMAR_EV_CHECK: /* the value expected there may be an entry too */
			ev->u.check.value = move_value(&s, ev->u.check.hpa, ev->u.check.value, off);
			ev->u.check.hpa += off;
			break;
		case DMAR_EV_SRTP:
			ev->u.srtp.rtaddr += ev->u.srtp.has_rtaddr ? off : 0;
			break;
		case DMAR_EV_INV:
			if (ev->u.inv.fields & DMAR_INVF_STATUS)
				ev->u.inv.status_hpa += off;
			break;
		case DMAR_EV_QI:
			/* a wait descriptor's status address (type 5 with SW) */
			if ((ev->u.qi.w[0] & 0xe0f) == 5 && (ev->u.qi.w[0] & 0x20))
				ev->u.qi.w[1] += off;
			break;
		default:
			break;
		}
	}
	rc = 0;
done:
	free(s.e);
	return rc;
}

/* ---- the offset that moves a case into a pool ---- */

struct span {
	uint64_t lo, hi;      /* what must lie in the pool: memory, stores, entries the walks read */
	uint64_t out_lo, out_hi; /* and the allowed outcomes' bytes */
	uint64_t align;       /* the largest page the walks map */
	bool nested, oom;
};

static void widen(uint64_t *lo, uint64_t *hi, uint64_t pa, uint64_t len)
{
	if (pa < *lo)
		*lo = pa;
	if (pa + len > *hi)
		*hi = pa + len;
}

static void measure(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		    const struct dmar_event_result *r, const struct dmar_trace *t)
{
	struct span *s = ctx;
	bool fs = false, ss = false;
	uint32_t i;

	(void)c;
	for (i = 0; t && ev->kind == DMAR_EV_DMA && i < t->n && i < t->cap; i++) {
		const struct dmar_step *st = &t->steps[i];

		if (st->kind != DMAR_STEP_READ && st->kind != DMAR_STEP_STALE)
			continue;
		widen(&s->lo, &s->hi, st->hpa, 8ull * (st->nqw ? st->nqw : dmar_shape_get(st->fmt)->qwords));
		if ((st->fmt == DMAR_SHAPE_SL_PDPE_1G || st->fmt == DMAR_SHAPE_FS_PDPE_1G) && s->align < 1ull << 30)
			s->align = 1ull << 30;
		if ((st->fmt == DMAR_SHAPE_SL_PDE_2M || st->fmt == DMAR_SHAPE_FS_PDE_2M) && s->align < 1ull << 21)
			s->align = 1ull << 21;
		fs |= st->fmt >= DMAR_SHAPE_FS_PML5E;
		ss |= st->fmt >= DMAR_SHAPE_SL_PML5E && st->fmt <= DMAR_SHAPE_SL_PTE;
	}
	s->nested |= fs && ss;
	for (i = 0; ev->kind == DMAR_EV_DMA && i < r->allowed.n; i++)
		if (r->allowed.o[i].kind == DMAR_OUT_OK && (r->allowed.o[i].hpa >> 20) != 0xfee)
			widen(&s->out_lo, &s->out_hi, r->allowed.o[i].hpa, ev->u.dma.rq.len ? ev->u.dma.rq.len : 1);
}

/* the smallest multiple of `align` that moves [lo, hi) into [base, end), or false */
static bool offset_for(uint64_t lo, uint64_t hi, uint64_t base, uint64_t end, uint64_t align, uint64_t *off)
{
	uint64_t o = lo >= base ? 0 : (base - lo + align - 1) / align * align;

	if (lo > hi || hi + o > end || hi + o < hi)
		return false;
	*off = o;
	return true;
}

static int measure_case(const struct dmar_case *c, const char *file, struct span *s, char *why, size_t why_size)
{
	struct dmar_case_summary sum;
	struct dmar_error err;
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
	uint32_t i;

	*s = (struct span){ UINT64_MAX, 0, UINT64_MAX, 0, 0, false, false };
	if (dmar_case_execute(c, file, NULL, measure, s, &trace, &sum, &err)) {
		snprintf(why, why_size, "the case does not run: %.100s", err.msg);
		return -1;
	}
	for (i = 0; i < c->n_mem; i++)
		widen(&s->lo, &s->hi, c->mem[i].hpa, 8ull * c->mem[i].n);
	for (i = 0; i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_WRITE)
			widen(&s->lo, &s->hi, c->events[i].u.write.hpa, 8ull * c->events[i].u.write.n);
	return 0;
}

static bool inside(uint64_t lo, uint64_t hi, uint64_t base, uint64_t end)
{
	return lo > hi || (lo >= base && hi <= end);
}

/* the case moved by off: does every address its DMAs may reach lie in [base, end) now? (pass-through
 * and untranslated outcomes stay where they are) */
static bool outcomes_fit(const struct dmar_case *c, const char *file, uint64_t off, uint64_t base, uint64_t end)
{
	struct dmar_case moved;
	struct span s;
	char why[160];
	bool fit;

	if (dmar_case_relocate(c, file, off, &moved, why, sizeof(why)))
		return false;
	fit = !measure_case(&moved, file, &s, why, sizeof(why)) && inside(s.out_lo, s.out_hi, base, end);
	dmar_case_free(&moved);
	return fit;
}

int dmar_case_fit_offset(const struct dmar_case *c, const char *file, uint64_t base, uint64_t end, uint64_t step,
			 uint64_t *off, char *why, size_t why_size)
{
	struct span s;
	uint64_t lo, hi;

	why[0] = 0;
	if (measure_case(c, file, &s, why, why_size))
		return -1;
	*off = 0;
	if (inside(s.lo, s.hi, base, end) && inside(s.out_lo, s.out_hi, base, end))
		return 0;
	if (s.nested) {
		snprintf(why, why_size, "nested walks hold guest addresses a move cannot tell apart");
		return -1;
	}
	if (s.align < step)
		s.align = step;
	lo = s.out_lo < s.lo ? s.out_lo : s.lo;
	hi = s.out_hi > s.hi ? s.out_hi : s.hi;
	if (offset_for(lo, hi, base, end, s.align, off) && *off && outcomes_fit(c, file, *off, base, end))
		return 0;
	if (offset_for(s.lo, s.hi, base, end, s.align, off))
		return 0;
	snprintf(why, why_size, "no offset (a multiple of 0x%llx) puts [0x%llx, 0x%llx) in the pool",
		 (unsigned long long)s.align, (unsigned long long)s.lo, (unsigned long long)s.hi);
	return -1;
}
