// SPDX-License-Identifier: Apache-2.0
/*
 * The structure-aware mutation engine (fuzz/mutate.h).
 *
 * Each mutation is a small static function over the case model, picked from
 * a weighted table.  The ones that aim at structures first ask the oracle:
 * the case's DMAs (a bounded window of them) are walked over a read-only
 * view of the case's memory as it stands at that DMA (the `mem` lines, the
 * `write` events before it, the holes), and the READ steps of the traces
 * say which entries exist, where, in which shape, at which level.  A field
 * is then changed through the shape's field table (oracles/format.h), so
 * the engine knows no bit position of its own.  Walks stay bounded by their
 * levels whatever the tables point at (cycles included).
 *
 * The model is kept in the form the text parser produces (absent fields
 * zero, defaults as the parser sets them), so that what is encoded decodes
 * back equal: the outputs are canonical encodings.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/case.h"
#include "dmar/codec.h"
#include "dmar/oracle.h"
#include "fuzz/mutate.h"
#include "harness/inv_kinds.h"
#include "harness/qi_encode.h"
#include "oracles/bits.h"
#include "oracles/format.h"

/* bounds that keep a mutation cheap and a case from growing without end */
#define MAX_EVENTS 64u  /* hard bound on events a mutation adds to */
#define SOFT_EVENTS 24u /* from here on, adding is more and more often dropping instead */
#define MAX_MEM_LINES 128u
#define MAX_WALKS 8u
#define MAX_ENT 96u
#define MAX_MAP 32u
#define MAX_TBL 64u
#define MAX_IDS 16u
#define TRACE_CAP 96u
#define PAGE 4096ull

/* ---- PRNG (splitmix64) ---------------------------------------------------- */

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint32_t below(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(rnd(r) % n) : 0;
}

static bool chance(struct rng *r, unsigned pct)
{
	return below(r, 100) < pct;
}

static void rng_seed(struct rng *r, uint32_t seed, uint64_t salt)
{
	r->s = ((uint64_t)seed << 32) ^ seed ^ salt;
	(void)rnd(r);
}

/* ---- what the walks read ------------------------------------------------- */

struct seen_ent {
	uint64_t hpa;
	uint64_t raw[8];
	uint64_t input; /* the address the walk translated */
	uint32_t ev;    /* the DMA event whose walk read it */
	uint16_t walk;
	uint8_t fmt, level, nqw;
};

struct seen_map {
	struct dmar_request rq;
	uint64_t out; /* OK: the output address; ATS: the translation's base */
	uint32_t ev;
	uint8_t size_lg2;
};

struct analysis {
	struct seen_ent ent[MAX_ENT];
	struct seen_map map[MAX_MAP];
	uint64_t tbl[MAX_TBL]; /* pages holding entries the walks read (the root table too) */
	uint32_t did[MAX_IDS], pasid[MAX_IDS];
	uint16_t sid[MAX_IDS];
	uint32_t n_ent, n_map, n_tbl, n_did, n_pasid, n_sid;
	uint8_t haw;
};

struct mctx {
	struct dmar_case *c;
	struct rng *r;
	struct analysis an;
};

static bool in_ranges(const struct dmar_hole *h, uint32_t n, uint64_t hpa)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (hpa - h[i].hpa < h[i].size)
			return true;
	return false;
}

static bool covers(const struct dmar_qwords *q, uint64_t hpa)
{
	return hpa >= q->hpa && (hpa - q->hpa) / 8 < q->n;
}

/* memory as the unit sees it at event `upto`: mem lines, then writes before it */
struct view {
	const struct dmar_case *c;
	uint32_t upto;
	uint8_t haw;
};

static bool view_absent(const struct view *v, uint64_t hpa)
{
	return (hpa & 7) || !dmar_below_lg2(hpa, v->haw) || in_ranges(v->c->holes, v->c->n_holes, hpa);
}

static int view_read(void *ctx, uint64_t hpa, uint64_t *val)
{
	const struct view *v = ctx;
	const struct dmar_case *c = v->c;
	uint32_t i;

	*val = 0;
	if (view_absent(v, hpa))
		return DMAR_MEM_ABORT;
	for (i = v->upto; i-- > 0;) {
		const struct dmar_event *ev = &c->events[i];

		if (ev->kind == DMAR_EV_WRITE && covers(&ev->u.write, hpa)) {
			*val = ev->u.write.v[(hpa - ev->u.write.hpa) / 8];
			return DMAR_MEM_OK;
		}
	}
	for (i = 0; i < c->n_mem; i++)
		if (covers(&c->mem[i], hpa)) {
			*val = c->mem[i].v[(hpa - c->mem[i].hpa) / 8];
			return DMAR_MEM_OK;
		}
	return DMAR_MEM_OK;
}

/* read-only: the unit's A/D stores succeed and are forgotten */
static int view_write(void *ctx, uint64_t hpa, uint64_t val)
{
	(void)val;
	return view_absent(ctx, hpa) ? DMAR_MEM_ABORT : DMAR_MEM_OK;
}

static void note32(uint32_t *arr, uint32_t *n, uint32_t v)
{
	uint32_t i;

	for (i = 0; i < *n; i++)
		if (arr[i] == v)
			return;
	if (*n < MAX_IDS)
		arr[(*n)++] = v;
}

static void note_tbl(struct analysis *an, uint64_t page)
{
	uint32_t i;

	for (i = 0; i < an->n_tbl; i++)
		if (an->tbl[i] == page)
			return;
	if (an->n_tbl < MAX_TBL)
		an->tbl[an->n_tbl++] = page;
}

static bool is_leaf_shape(unsigned fmt)
{
	return fmt == DMAR_SHAPE_SL_PTE || fmt == DMAR_SHAPE_SL_PDE_2M || fmt == DMAR_SHAPE_SL_PDPE_1G ||
	       fmt == DMAR_SHAPE_FS_PTE || fmt == DMAR_SHAPE_FS_PDE_2M || fmt == DMAR_SHAPE_FS_PDPE_1G;
}

static bool is_fs_shape(unsigned fmt)
{
	return fmt >= DMAR_SHAPE_FS_PML5E && fmt <= DMAR_SHAPE_FS_PTE;
}

static bool is_paging_shape(unsigned fmt)
{
	return (fmt >= DMAR_SHAPE_SL_PML5E && fmt <= DMAR_SHAPE_SL_PTE) || is_fs_shape(fmt);
}

static void record_walk(struct analysis *an, const struct dmar_case *c, uint32_t ev, uint16_t walk,
			const struct dmar_trace *t, const struct dmar_outcome_set *out)
{
	const struct dmar_request *rq = &c->events[ev].u.dma.rq;
	uint32_t i, n = t->n < t->cap ? t->n : t->cap;
	unsigned leaf = 0;

	for (i = 0; i < n; i++) {
		const struct dmar_step *s = &t->steps[i];
		struct seen_ent *e;

		if (s->kind != DMAR_STEP_READ || s->fmt == DMAR_SHAPE_NONE || s->fmt >= DMAR_SHAPE_COUNT)
			continue;
		note_tbl(an, s->hpa & ~(PAGE - 1));
		if (is_leaf_shape(s->fmt))
			leaf = s->level;
		if (s->fmt == DMAR_SHAPE_CTX)
			note32(an->did, &an->n_did, (uint32_t)dmar_entry_get(s->raw, dmar_ctx_fields, DMAR_CTX_DID));
		if (s->fmt == DMAR_SHAPE_PASID_ENTRY)
			note32(an->did, &an->n_did,
			       (uint32_t)dmar_entry_get(s->raw, dmar_pasid_entry_fields, DMAR_PE_DID));
		if (an->n_ent >= MAX_ENT)
			continue;
		e = &an->ent[an->n_ent++];
		memset(e, 0, sizeof(*e));
		e->hpa = s->hpa;
		e->nqw = s->nqw > 8 ? 8 : s->nqw ? s->nqw : 1;
		memcpy(e->raw, s->raw, sizeof(e->raw));
		e->input = rq->addr;
		e->ev = ev;
		e->walk = walk;
		e->fmt = s->fmt;
		e->level = s->level;
	}
	for (i = 0; i < out->n && an->n_map < MAX_MAP; i++) {
		const struct dmar_outcome *o = &out->o[i];
		struct seen_map *m;

		if (o->kind != DMAR_OUT_OK && o->kind != DMAR_OUT_ATS)
			continue;
		m = &an->map[an->n_map++];
		m->rq = *rq;
		m->out = o->hpa;
		m->ev = ev;
		m->size_lg2 = o->kind == DMAR_OUT_ATS && o->size_lg2 >= 12 ? o->size_lg2 :
			      leaf ? (uint8_t)dmar_level_shift(leaf) : 12;
		break;
	}
}

/* walks a window of the case's DMAs (at most MAX_WALKS) and records what they read */
static void analyse(struct mctx *m)
{
	const struct dmar_case *c = m->c;
	struct analysis *an = &m->an;
	struct dmar_step steps[TRACE_CAP];
	struct dmar_unit u;
	struct dmar_oracle o;
	uint32_t i, n_dma = 0, k = 0, start;
	uint16_t walks = 0;
	bool ready = false;

	an->n_ent = an->n_map = an->n_tbl = an->n_did = an->n_pasid = an->n_sid = 0;
	dmar_case_unit(c, &u);
	an->haw = u.haw;
	note_tbl(an, DMAR_RTADDR_RTA(u.rtaddr));
	for (i = 0; i < c->n_events; i++)
		n_dma += c->events[i].kind == DMAR_EV_DMA;
	start = n_dma > MAX_WALKS ? below(m->r, n_dma - MAX_WALKS + 1) : 0;
	for (i = 0; i < c->n_events; i++) {
		const struct dmar_event *ev = &c->events[i];
		struct dmar_outcome_set out;
		struct dmar_trace t = { steps, TRACE_CAP, 0 };
		struct dmar_answer_opts opts;
		struct view v = { c, i, u.haw };
		struct dmar_mem_if mif = { &v, view_read, view_write, NULL };

		if (ev->kind == DMAR_EV_SRTP || ev->kind == DMAR_EV_TE) {
			if (ev->kind == DMAR_EV_TE)
				u.te = ev->u.te_on;
			else if (ev->u.srtp.has_rtaddr)
				u.rtaddr = ev->u.srtp.rtaddr;
			note_tbl(an, DMAR_RTADDR_RTA(u.rtaddr));
			ready = false;
			continue;
		}
		if (ev->kind != DMAR_EV_DMA)
			continue;
		if (an->n_sid < MAX_IDS) {
			uint32_t j;

			for (j = 0; j < an->n_sid && an->sid[j] != ev->u.dma.rq.sid; j++)
				;
			if (j == an->n_sid)
				an->sid[an->n_sid++] = ev->u.dma.rq.sid;
		}
		if (ev->u.dma.rq.has_pasid)
			note32(an->pasid, &an->n_pasid, ev->u.dma.rq.pasid);
		if (k++ < start || walks >= MAX_WALKS)
			continue;
		if (!ready) {
			dmar_oracle_init(&o, &u);
			ready = true;
		}
		memset(&opts, 0, sizeof(opts));
		opts.trace = &t;
		memset(&out, 0, sizeof(out));
		(void)dmar_oracle_answer_ex(&o, &mif, &ev->u.dma.rq, &out, &opts);
		record_walk(an, c, i, walks++, &t, &out);
	}
}

/* ---- editing the case ---------------------------------------------------- */

static bool ev_insert(struct dmar_case *c, uint32_t pos, const struct dmar_event *ev)
{
	struct dmar_event *arr = realloc(c->events, (c->n_events + 1) * sizeof(*arr));

	if (!arr)
		return false;
	c->events = arr;
	if (pos > c->n_events)
		pos = c->n_events;
	memmove(&arr[pos + 1], &arr[pos], (c->n_events - pos) * sizeof(*arr));
	arr[pos] = *ev;
	c->n_events++;
	return true;
}

static void ev_remove(struct dmar_case *c, uint32_t pos)
{
	if (c->events[pos].kind == DMAR_EV_WRITE)
		free(c->events[pos].u.write.v);
	memmove(&c->events[pos], &c->events[pos + 1], (c->n_events - pos - 1) * sizeof(*c->events));
	c->n_events--;
}

/* a deep copy of an event (write values duplicated); false when out of memory */
static bool ev_dup(struct dmar_event *dst, const struct dmar_event *src)
{
	*dst = *src;
	dst->line = 0;
	if (src->kind != DMAR_EV_WRITE)
		return true;
	dst->u.write.v = malloc(src->u.write.n * sizeof(uint64_t));
	if (!dst->u.write.v)
		return false;
	memcpy(dst->u.write.v, src->u.write.v, src->u.write.n * sizeof(uint64_t));
	return true;
}

static uint64_t haw_limit(uint8_t haw)
{
	return haw >= 64 ? ~0ull : (1ull << haw) - 1; /* the last address below 2^HAW */
}

/* [a, a_last] and [b, b_last] meet */
static bool meet(uint64_t a, uint64_t a_last, uint64_t b, uint64_t b_last)
{
	return a <= b_last && b <= a_last;
}

static bool range_has_mem(const struct dmar_case *c, uint64_t hpa, uint64_t last, bool writes)
{
	uint32_t i;

	for (i = 0; i < c->n_mem; i++)
		if (meet(hpa, last, c->mem[i].hpa, c->mem[i].hpa + (8ull * c->mem[i].n - 1)))
			return true;
	for (i = 0; writes && i < c->n_events; i++) {
		const struct dmar_event *ev = &c->events[i];
		const struct dmar_qwords *q = &ev->u.write;
		uint64_t st;

		if (ev->kind == DMAR_EV_WRITE && meet(hpa, last, q->hpa, q->hpa + (8ull * q->n - 1)))
			return true;
		/* a wait's status write stores too */
		if (ev->kind == DMAR_EV_INV && (ev->u.inv.fields & DMAR_INVF_STATUS))
			st = ev->u.inv.status_hpa;
		else if (ev->kind == DMAR_EV_QI && (ev->u.qi.w[0] & 0xf) == 5 && (ev->u.qi.w[0] & 0x20))
			st = ev->u.qi.w[1] & ~3ull;
		else
			continue;
		if (meet(hpa, last, st & ~7ull, (st & ~7ull) + 7))
			return true;
	}
	return false;
}

static bool range_in_holes(const struct dmar_case *c, uint64_t hpa, uint64_t last)
{
	uint32_t i;

	for (i = 0; i < c->n_holes; i++)
		if (meet(hpa, last, c->holes[i].hpa, c->holes[i].hpa + (c->holes[i].size - 1)))
			return true;
	return false;
}

/*
 * Stores n values at hpa in the header memory: a new `mem` line, or the
 * tail of the line that ends there.  0 when the place is not free memory
 * (a mem line already there, a hole, above HAW, misaligned, too long).
 */
static int mem_put(struct dmar_case *c, uint8_t haw, uint64_t hpa, const uint64_t *v, uint32_t n)
{
	uint64_t last = hpa + (8ull * n - 1);
	struct dmar_qwords *arr;
	uint32_t i;

	if (n == 0 || n > 512 || (hpa & 7) || last < hpa || last > haw_limit(haw) ||
	    range_has_mem(c, hpa, last, false) || range_in_holes(c, hpa, last))
		return 0;
	for (i = 0; i < c->n_mem; i++) {
		struct dmar_qwords *q = &c->mem[i];
		uint64_t *nv;

		if (q->hpa + 8ull * q->n != hpa || q->n + n > 512)
			continue;
		nv = realloc(q->v, (q->n + n) * sizeof(uint64_t));
		if (!nv)
			return -1;
		memcpy(nv + q->n, v, n * sizeof(uint64_t));
		q->v = nv;
		q->n += n;
		return 1;
	}
	if (c->n_mem >= MAX_MEM_LINES)
		return 0;
	arr = realloc(c->mem, (c->n_mem + 1) * sizeof(*arr));
	if (!arr)
		return -1;
	c->mem = arr;
	memset(&arr[c->n_mem], 0, sizeof(arr[0]));
	arr[c->n_mem].v = malloc(n * sizeof(uint64_t));
	if (!arr[c->n_mem].v)
		return -1;
	memcpy(arr[c->n_mem].v, v, n * sizeof(uint64_t));
	arr[c->n_mem].hpa = hpa;
	arr[c->n_mem].n = n;
	c->n_mem++;
	return 1;
}

/* sets the qword a walk at event `upto` reads at hpa where it comes from: a write before, or memory */
static int set_qword(struct dmar_case *c, uint8_t haw, uint32_t upto, uint64_t hpa, uint64_t val)
{
	uint32_t i;

	if (upto > c->n_events)
		upto = c->n_events;
	for (i = upto; i-- > 0;) {
		struct dmar_qwords *q = &c->events[i].u.write;

		if (c->events[i].kind == DMAR_EV_WRITE && covers(q, hpa)) {
			q->v[(hpa - q->hpa) / 8] = val;
			return 1;
		}
	}
	for (i = 0; i < c->n_mem; i++)
		if (covers(&c->mem[i], hpa)) {
			c->mem[i].v[(hpa - c->mem[i].hpa) / 8] = val;
			return 1;
		}
	return mem_put(c, haw, hpa, &val, 1);
}

static bool page_free(const struct dmar_case *c, uint8_t haw, uint64_t p)
{
	uint64_t last = p + (PAGE - 1);

	return last > p && last <= haw_limit(haw) && !range_has_mem(c, p, last, true) &&
	       !range_in_holes(c, p, last);
}

/* a 4K page no mem line, write or hole touches, below 2^HAW; false when none was found */
static bool free_page(struct mctx *m, uint64_t *page)
{
	const struct dmar_case *c = m->c;
	uint64_t top = 0, lim = haw_limit(m->an.haw), p;
	uint32_t i, tries;

	for (i = 0; i < c->n_mem; i++) {
		uint64_t end = c->mem[i].hpa + 8ull * c->mem[i].n;

		if (end > top && end > c->mem[i].hpa)
			top = end;
	}
	p = ((top + PAGE - 1) & ~(PAGE - 1)) + PAGE * below(m->r, 4);
	for (tries = 0; tries < 12; tries++) {
		if (p >= top && page_free(c, m->an.haw, p)) {
			*page = p;
			return true;
		}
		p = (rnd(m->r) % ((lim < (1ull << 32) ? lim : (1ull << 32)) / PAGE + 1)) * PAGE;
		top = 0;
	}
	return false;
}

/* ---- fields of an entry --------------------------------------------------- */

/* a random field of the kind in the shape's table (-1: none) */
static int pick_field(struct rng *r, unsigned fmt, unsigned kind)
{
	const struct dmar_shape *s = dmar_shape_get(fmt);
	unsigned i, seen = 0;
	int got = -1;

	for (i = 0; i < s->nfields; i++)
		if (s->fields[i].kind == kind && below(r, ++seen) == 0)
			got = (int)i;
	return got;
}

static void toggle_bit(uint64_t *raw, unsigned b)
{
	raw[b / 64] ^= 1ull << (b % 64);
}

static uint64_t any_table(struct mctx *m)
{
	return m->an.n_tbl ? m->an.tbl[below(m->r, m->an.n_tbl)] : PAGE * below(m->r, 4096);
}

/* where an ADDR field may point: another table, the entry's own, an ancestor's, nowhere */
static uint64_t addr_target(struct mctx *m, uint32_t ei)
{
	const struct analysis *an = &m->an;
	const struct seen_ent *e = &an->ent[ei];
	uint64_t p;
	uint32_t j, n = 0;

	switch (below(m->r, 8)) {
	case 0:
	case 1:
		return any_table(m);
	case 2: /* a cycle: the table holding the entry */
		return e->hpa & ~(PAGE - 1);
	case 3: /* an ancestor of the same walk (aliasing, a cycle through levels) */
		for (j = 0; j < ei; j++)
			n += an->ent[j].walk == e->walk && an->ent[j].ev == e->ev;
		if (!n)
			return any_table(m);
		n = below(m->r, n);
		for (j = 0; j < ei; j++)
			if (an->ent[j].walk == e->walk && an->ent[j].ev == e->ev && n-- == 0)
				return an->ent[j].hpa & ~(PAGE - 1);
		return any_table(m);
	case 4: /* a fresh page: all zero, nothing present */
		return free_page(m, &p) ? p : any_table(m);
	case 5: /* at or above 2^HAW */
		return an->haw < 52 ? (1ull << an->haw) + PAGE * below(m->r, 16) : 1ull << 51;
	case 6: /* into a hole, or a mapped output page */
		if (m->c->n_holes)
			return (m->c->holes[below(m->r, m->c->n_holes)].hpa + PAGE - 1) & ~(PAGE - 1);
		if (an->n_map)
			return an->map[below(m->r, an->n_map)].out & ~(PAGE - 1);
		return any_table(m);
	default: /* the page beside */
		return ((e->hpa & ~(PAGE - 1)) + (chance(m->r, 50) ? PAGE : -PAGE));
	}
}

/* applies one field mutation of `kind` (an ENT_* kind but split/merge) to raw; false when it has none */
static bool raw_mutate(struct mctx *m, unsigned kind, uint32_t ei, uint64_t *raw)
{
	const struct seen_ent *e = &m->an.ent[ei];
	const struct dmar_shape *s = dmar_shape_get(e->fmt);
	const struct dmar_field *f;
	uint64_t v, cur, mask;
	unsigned width, i;
	int fi;

	switch (kind) {
	case DMAR_MUT_ENT_FLAG:
	case DMAR_MUT_ENT_RSVD:
	case DMAR_MUT_ENT_IGN:
		fi = pick_field(m->r, e->fmt, kind == DMAR_MUT_ENT_FLAG ? DMAR_FK_FLAG :
					      kind == DMAR_MUT_ENT_RSVD ? DMAR_FK_RSVD : DMAR_FK_IGN);
		if (fi < 0)
			return false;
		f = &s->fields[fi];
		if (f->hi / 64 >= e->nqw)
			return false;
		toggle_bit(raw, f->lo + below(m->r, (uint32_t)(f->hi - f->lo + 1)));
		return true;
	case DMAR_MUT_ENT_PRESENT: {
		int cand[2], n = 0;

		for (i = 0; i < s->nfields && n < 2; i++)
			if (!strcmp(s->fields[i].name, "P") || !strcmp(s->fields[i].name, "LP") ||
			    !strcmp(s->fields[i].name, "UP"))
				cand[n++] = (int)i;
		if (n) {
			toggle_bit(raw, s->fields[cand[below(m->r, (uint32_t)n)]].lo);
			return true;
		}
		if (!is_paging_shape(e->fmt))
			return false;
		/* second stage: present means R or W */
		if (raw[0] & 3)
			raw[0] &= ~3ull;
		else
			raw[0] |= 1 + below(m->r, 3);
		return true;
	}
	case DMAR_MUT_ENT_NUM:
		fi = pick_field(m->r, e->fmt, DMAR_FK_NUM);
		if (fi < 0)
			return false;
		f = &s->fields[fi];
		if (f->hi / 64 >= e->nqw)
			return false;
		width = f->hi - f->lo + 1u;
		if (width > 64u - f->lo % 64u)
			width = 64u - f->lo % 64u;
		mask = width >= 64 ? ~0ull : (1ull << width) - 1;
		cur = dmar_field_get(f, raw);
		switch (below(m->r, 6)) {
		case 0:
			v = cur ^ (1ull << below(m->r, width));
			break;
		case 1:
			v = cur + 1;
			break;
		case 2:
			v = cur - 1;
			break;
		case 3:
			v = 0;
			break;
		case 4:
			v = !strcmp(f->name, "DID") && m->an.n_did ? m->an.did[below(m->r, m->an.n_did)] : mask;
			break;
		default:
			v = rnd(m->r);
			break;
		}
		if ((v & mask) == cur)
			v = cur ^ 1;
		dmar_field_set(f, raw, v & mask);
		return true;
	case DMAR_MUT_ENT_ADDR:
		fi = pick_field(m->r, e->fmt, DMAR_FK_ADDR);
		if (fi < 0)
			return false;
		f = &s->fields[fi];
		if (f->hi / 64 >= e->nqw)
			return false;
		dmar_field_set(f, raw, addr_target(m, ei));
		return true;
	default:
		return false;
	}
}

/* an entry the walks read, chosen among those `want` accepts (-1: none) */
static int pick_ent(struct mctx *m, bool (*want)(const struct seen_ent *))
{
	uint32_t i, seen = 0;
	int got = -1;

	for (i = 0; i < m->an.n_ent; i++)
		if ((!want || want(&m->an.ent[i])) && below(m->r, ++seen) == 0)
			got = (int)i;
	return got;
}

/* writes an entry back where the walk read it from, qword by qword where it changed */
static int ent_store(struct mctx *m, const struct seen_ent *e, const uint64_t *raw)
{
	unsigned q;
	int rc, any = 0;

	for (q = 0; q < e->nqw; q++) {
		if (raw[q] == e->raw[q])
			continue;
		rc = set_qword(m->c, m->an.haw, e->ev, e->hpa + 8ull * q, raw[q]);
		if (rc < 0)
			return -1;
		any |= rc;
	}
	return any;
}

static int mut_ent_field(struct mctx *m, unsigned kind)
{
	uint64_t raw[8];
	int ei, tries;

	for (tries = 0; tries < 4; tries++) {
		ei = pick_ent(m, NULL);
		if (ei < 0)
			return 0;
		memcpy(raw, m->an.ent[ei].raw, sizeof(raw));
		if (raw_mutate(m, kind, (uint32_t)ei, raw))
			return ent_store(m, &m->an.ent[ei], raw);
	}
	return 0;
}

static bool want_legacy_context(const struct seen_ent *e)
{
	return e->fmt == DMAR_SHAPE_CTX;
}

static bool want_large_leaf(const struct seen_ent *e)
{
	return e->fmt == DMAR_SHAPE_SL_PDE_2M || e->fmt == DMAR_SHAPE_SL_PDPE_1G ||
	       e->fmt == DMAR_SHAPE_FS_PDE_2M || e->fmt == DMAR_SHAPE_FS_PDPE_1G;
}

static bool want_mid_table(const struct seen_ent *e)
{
	return e->fmt == DMAR_SHAPE_SL_PDE || e->fmt == DMAR_SHAPE_SL_PDPE || e->fmt == DMAR_SHAPE_FS_PDE ||
	       e->fmt == DMAR_SHAPE_FS_PDPE;
}

#define PG_ADDR_MASK (dmar_genmask(DMAR_PG_ADDR_HI, 12))

/* a large page becomes a table of the next size down, holding the pieces around the address walked */
static int mut_ent_split(struct mctx *m, unsigned kind)
{
	const struct seen_ent *e;
	uint64_t base, tmpl, page, *vals;
	unsigned child_lg2;
	uint32_t idx, count, i0, i;
	int ei = pick_ent(m, want_large_leaf), rc;

	(void)kind;
	if (ei < 0 || !free_page(m, &page))
		return 0;
	e = &m->an.ent[ei];
	child_lg2 = e->fmt == DMAR_SHAPE_SL_PDPE_1G || e->fmt == DMAR_SHAPE_FS_PDPE_1G ? 21 : 12;
	base = e->raw[0] & PG_ADDR_MASK & ~((1ull << (child_lg2 + 9)) - 1);
	tmpl = e->raw[0] & ~PG_ADDR_MASK;
	if (child_lg2 == 12)
		tmpl &= ~(1ull << DMAR_PG_PS); /* a 4K leaf has no PS (FS: PAT there) */
	idx = (uint32_t)(e->input >> child_lg2) & 511;
	count = chance(m->r, 10) ? 512 : 1 + below(m->r, 8);
	i0 = idx >= count / 2 ? idx - count / 2 : 0;
	if (i0 + count > 512)
		i0 = 512 - count;
	vals = malloc(count * sizeof(*vals));
	if (!vals)
		return -1;
	for (i = 0; i < count; i++)
		vals[i] = tmpl | (base + ((uint64_t)(i0 + i) << child_lg2));
	rc = mem_put(m->c, m->an.haw, page + 8ull * i0, vals, count);
	free(vals);
	if (rc <= 0)
		return rc;
	/* the entry now points to the table: PS clear, SNP (reserved in a table) clear */
	return set_qword(m->c, m->an.haw, e->ev, e->hpa,
			 (e->raw[0] & ~PG_ADDR_MASK & ~(1ull << DMAR_PG_PS) &
			  ~(is_fs_shape(e->fmt) ? 0 : 1ull << DMAR_SL_SNP)) | page);
}

/* a level 2/3 table entry becomes a leaf of its size, mapping where the walk's leaf led */
static int mut_ent_merge(struct mctx *m, unsigned kind)
{
	const struct analysis *an = &m->an;
	const struct seen_ent *e;
	uint64_t out, size;
	uint32_t j;
	int ei = pick_ent(m, want_mid_table);

	(void)kind;
	if (ei < 0)
		return 0;
	e = &an->ent[ei];
	size = e->level >= 3 ? 1ull << 30 : 1ull << 21;
	out = rnd(m->r) & PG_ADDR_MASK & haw_limit(an->haw);
	for (j = (uint32_t)ei + 1; j < an->n_ent; j++)
		if (an->ent[j].ev == e->ev && an->ent[j].walk == e->walk && is_leaf_shape(an->ent[j].fmt)) {
			out = an->ent[j].raw[0] & PG_ADDR_MASK;
			break;
		}
	out &= ~(size - 1);
	return set_qword(m->c, an->haw, e->ev, e->hpa,
			 (e->raw[0] & ~PG_ADDR_MASK) | (1ull << DMAR_PG_PS) | out);
}

/* ---- DMAs ----------------------------------------------------------------- */

/* makes a request valid as the parser reads it */
static void dma_fix(struct dmar_dma *d)
{
	struct dmar_request *rq = &d->rq;
	uint32_t room = 4096 - (uint32_t)(rq->addr & 0xfff);

	rq->access %= 3;
	rq->at %= 4;
	rq->pasid &= 0xfffff;
	if (!rq->has_pasid) {
		rq->pasid = 0;
		rq->priv = rq->exec = false;
	}
	if (rq->len > 4096)
		rq->len = 4096;
	if (rq->len == 0 && rq->access != DMAR_ACC_READ)
		rq->len = DMAR_DEFAULT_LEN;
	if (rq->len > room)
		rq->len = room;
	if (rq->len != DMAR_DEFAULT_LEN)
		d->len_said = true;
}

static uint32_t pick_len(struct rng *r)
{
	static const uint32_t lens[] = { 0, 1, 2, 4, 8, 16, 64, 128, 4096 };

	return chance(r, 80) ? lens[below(r, sizeof(lens) / sizeof(lens[0]))] : below(r, 4097);
}

/* inserts a DMA (no expectation) at pos */
static int dma_add(struct mctx *m, uint32_t pos, const struct dmar_request *rq)
{
	struct dmar_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_DMA;
	ev.u.dma.rq = *rq;
	ev.u.dma.len_said = chance(m->r, 30);
	dma_fix(&ev.u.dma);
	return ev_insert(m->c, pos, &ev) ? 1 : -1;
}

static uint32_t pos_after(struct mctx *m, uint32_t ev)
{
	uint32_t n = m->c->n_events;

	return ev >= n ? n : ev + 1 + below(m->r, n - ev);
}

static int mut_dma_mapped(struct mctx *m, unsigned kind)
{
	const struct seen_map *mp;
	struct dmar_request rq;
	uint64_t size, base;

	if (!m->an.n_map)
		return 0;
	mp = &m->an.map[below(m->r, m->an.n_map)];
	rq = mp->rq;
	size = 1ull << mp->size_lg2;
	base = rq.addr & ~(size - 1);
	if (chance(m->r, 50))
		rq.access = (uint8_t)below(m->r, 3);
	if (kind == DMAR_MUT_DMA_MAPPED) {
		switch (below(m->r, 4)) {
		case 0:
			break;
		case 1:
			rq.addr = base + (rnd(m->r) & (size - 1));
			break;
		case 2:
			rq.addr = base;
			break;
		default:
			rq.addr = (rq.addr & ~0xfffull) + below(m->r, 4096);
			break;
		}
		rq.len = pick_len(m->r);
	} else {
		static const uint64_t limits[] = { 1ull << 39, 1ull << 48, 1ull << 57, DMAR_IRQ_BASE };

		rq.len = 1 + below(m->r, 8);
		switch (below(m->r, 6)) {
		case 0: /* the next page */
			rq.addr = base + size;
			break;
		case 1: /* the last byte of the page before */
			rq.addr = base - 1;
			rq.len = 1;
			break;
		case 2: /* the last byte inside */
			rq.addr = base + size - 1;
			rq.len = 1;
			break;
		case 3: /* the next large page */
			rq.addr = (rq.addr | ((1ull << (size >= (1ull << 21) ? 30 : 21)) - 1)) + 1;
			break;
		case 4: /* an input limit, or the interrupt range */
			rq.addr = limits[below(m->r, 4)] - (chance(m->r, 50) ? 4096 : 0);
			break;
		default: /* the same page through another device or PASID */
			if (chance(m->r, 50))
				rq.sid ^= (uint16_t)(1u << below(m->r, 16));
			else if (rq.has_pasid)
				rq.pasid = (rq.pasid + 1) & 0xfffff;
			else
				rq.has_pasid = true;
			break;
		}
	}
	return dma_add(m, pos_after(m, mp->ev), &rq);
}

static int mut_dma_random(struct mctx *m, unsigned kind)
{
	struct dmar_request rq;

	(void)kind;
	memset(&rq, 0, sizeof(rq));
	rq.sid = m->an.n_sid && chance(m->r, 70) ? m->an.sid[below(m->r, m->an.n_sid)] : (uint16_t)rnd(m->r);
	rq.access = (uint8_t)below(m->r, 3);
	rq.at = chance(m->r, 70) ? DMAR_AT_UT : (uint8_t)below(m->r, 4);
	rq.addr = chance(m->r, 70) ? (rnd(m->r) & 0x3fffffffull) : rnd(m->r) & haw_limit(m->an.haw);
	rq.len = pick_len(m->r);
	if (chance(m->r, 30)) {
		rq.has_pasid = true;
		rq.pasid = m->an.n_pasid && chance(m->r, 50) ? m->an.pasid[below(m->r, m->an.n_pasid)] :
							       below(m->r, 16);
		rq.priv = chance(m->r, 30);
		rq.exec = chance(m->r, 20);
	}
	return dma_add(m, below(m->r, m->c->n_events + 1), &rq);
}

/* index of a random event of the kind (-1: none); kind 0xff: any but DMA */
static int pick_event(struct mctx *m, unsigned kind)
{
	uint32_t i, seen = 0;
	int got = -1;

	for (i = 0; i < m->c->n_events; i++) {
		unsigned k = m->c->events[i].kind;

		if ((kind == 0xff ? k != DMAR_EV_DMA : k == kind) && below(m->r, ++seen) == 0)
			got = (int)i;
	}
	return got;
}

static int mut_dma_tweak(struct mctx *m, unsigned kind)
{
	int i = pick_event(m, DMAR_EV_DMA);
	struct dmar_dma *d;
	struct dmar_request *rq;

	(void)kind;
	if (i < 0)
		return 0;
	d = &m->c->events[i].u.dma;
	rq = &d->rq;
	switch (below(m->r, 10)) {
	case 0:
		rq->access = (uint8_t)((rq->access + 1 + below(m->r, 2)) % 3);
		break;
	case 1:
		rq->at = (uint8_t)((rq->at + 1 + below(m->r, 3)) % 4);
		break;
	case 2:
		rq->len = pick_len(m->r);
		d->len_said = true;
		break;
	case 3:
		rq->has_pasid = !rq->has_pasid;
		if (rq->has_pasid)
			rq->pasid = m->an.n_pasid && chance(m->r, 50) ? m->an.pasid[below(m->r, m->an.n_pasid)] :
				    chance(m->r, 50) ? below(m->r, 4) : below(m->r, 0x100000);
		break;
	case 4:
		if (!rq->has_pasid)
			rq->has_pasid = true;
		else
			rq->pasid = (rq->pasid + (chance(m->r, 50) ? 1 : 0xfffff)) & 0xfffff;
		break;
	case 5:
		rq->has_pasid = true;
		if (chance(m->r, 50))
			rq->priv = !rq->priv;
		else
			rq->exec = !rq->exec;
		break;
	case 6:
		rq->nw = !rq->nw;
		break;
	case 7: /* a neighbour device: function, device, bus */
		rq->sid ^= (uint16_t)(chance(m->r, 50) ? 1u << below(m->r, 3) : 1u << (3 + below(m->r, 13)));
		break;
	case 8:
		rq->addr += chance(m->r, 50) ? PAGE : -PAGE;
		break;
	default:
		rq->addr ^= 1ull << below(m->r, 64);
		break;
	}
	dma_fix(d);
	return 1;
}

static int mut_dma_drop(struct mctx *m, unsigned kind)
{
	int i = pick_event(m, DMAR_EV_DMA);

	(void)kind;
	if (i < 0)
		return 0;
	ev_remove(m->c, (uint32_t)i);
	return 1;
}

/* ---- software events ------------------------------------------------------ */

static int mut_ev_write(struct mctx *m, unsigned kind)
{
	static const uint8_t field_kinds[] = { DMAR_MUT_ENT_FLAG, DMAR_MUT_ENT_RSVD, DMAR_MUT_ENT_PRESENT,
					       DMAR_MUT_ENT_NUM, DMAR_MUT_ENT_ADDR, DMAR_MUT_ENT_IGN };
	struct dmar_event ev;
	const struct seen_ent *e;
	uint64_t raw[8];
	uint32_t q0 = 0, q1, pos, i, tries;
	int ei = pick_ent(m, NULL);

	(void)kind;
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_WRITE;
	if (ei < 0) { /* nothing walked: rewrite a qword of memory */
		const struct dmar_qwords *q;

		if (!m->c->n_mem)
			return 0;
		q = &m->c->mem[below(m->r, m->c->n_mem)];
		i = below(m->r, q->n);
		ev.u.write.hpa = q->hpa + 8ull * i;
		ev.u.write.n = 1;
		if (!(ev.u.write.v = malloc(sizeof(uint64_t))))
			return -1;
		ev.u.write.v[0] = q->v[i] ^ (1ull << below(m->r, 64));
		if (!ev_insert(m->c, below(m->r, m->c->n_events + 1), &ev)) {
			free(ev.u.write.v);
			return -1;
		}
		return 1;
	}
	e = &m->an.ent[ei];
	memcpy(raw, e->raw, sizeof(raw));
	for (tries = 0; tries < 6; tries++)
		if (raw_mutate(m, field_kinds[below(m->r, sizeof(field_kinds))], (uint32_t)ei, raw))
			break;
	q1 = e->nqw - 1;
	if (e->nqw > 1 && chance(m->r, 30)) { /* a torn update: one qword of the entry */
		q0 = q1 = below(m->r, e->nqw);
	} else if (e->nqw > 1 && chance(m->r, 50)) { /* only the qwords that changed */
		while (q0 < q1 && raw[q0] == e->raw[q0])
			q0++;
		while (q1 > q0 && raw[q1] == e->raw[q1])
			q1--;
	}
	ev.u.write.hpa = e->hpa + 8ull * q0;
	ev.u.write.n = q1 - q0 + 1;
	if (!(ev.u.write.v = malloc(ev.u.write.n * sizeof(uint64_t))))
		return -1;
	memcpy(ev.u.write.v, raw + q0, ev.u.write.n * sizeof(uint64_t));
	if (chance(m->r, 50)) { /* before the DMA that read it */
		pos = chance(m->r, 70) ? e->ev : below(m->r, e->ev + 1);
		if (!ev_insert(m->c, pos, &ev)) {
			free(ev.u.write.v);
			return -1;
		}
		return 1;
	}
	/* after it, and the same DMA again (a cache may still hold the old value) */
	if (!ev_insert(m->c, e->ev + 1, &ev)) {
		free(ev.u.write.v);
		return -1;
	}
	if (m->c->n_events < MAX_EVENTS) {
		struct dmar_event again = m->c->events[e->ev];

		again.line = 0;
		again.u.dma.has_expect = false;
		memset(&again.u.dma.expect, 0, sizeof(again.u.dma.expect));
		if (!ev_insert(m->c, e->ev + 2 + below(m->r, m->c->n_events - e->ev - 1), &again))
			return -1;
	}
	return 1;
}

static int mut_ev_drop(struct mctx *m, unsigned kind)
{
	int i = pick_event(m, 0xff);

	(void)kind;
	if (i < 0)
		return 0;
	ev_remove(m->c, (uint32_t)i);
	return 1;
}

static int mut_ev_move(struct mctx *m, unsigned kind)
{
	struct dmar_event ev;
	uint32_t n = m->c->n_events, from, to;

	(void)kind;
	if (n < 2)
		return 0;
	from = below(m->r, n);
	to = chance(m->r, 50) ? (from + 1 < n ? from + 1 : from - 1) : below(m->r, n);
	if (to == from)
		to = (from + 1) % n;
	ev = m->c->events[from];
	memmove(&m->c->events[from], &m->c->events[from + 1], (n - from - 1) * sizeof(ev));
	memmove(&m->c->events[to + 1], &m->c->events[to], (n - 1 - to) * sizeof(ev));
	m->c->events[to] = ev;
	return 1;
}

static int mut_ev_clflush(struct mctx *m, unsigned kind)
{
	struct dmar_event ev;
	int w = pick_event(m, DMAR_EV_WRITE), ei = pick_ent(m, NULL);
	uint32_t pos;

	(void)kind;
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_CLFLUSH;
	if (w >= 0 && (ei < 0 || chance(m->r, 50))) {
		const struct dmar_qwords *q = &m->c->events[w].u.write;

		ev.u.clflush_hpa = q->hpa + 8ull * below(m->r, q->n);
		pos = pos_after(m, (uint32_t)w);
	} else if (ei >= 0) {
		ev.u.clflush_hpa = m->an.ent[ei].hpa;
		pos = below(m->r, m->an.ent[ei].ev + 1);
	} else {
		ev.u.clflush_hpa = any_table(m);
		pos = below(m->r, m->c->n_events + 1);
	}
	if (chance(m->r, 20)) /* near miss: the next line */
		ev.u.clflush_hpa = (ev.u.clflush_hpa | 63) + 1 + below(m->r, 8);
	return ev_insert(m->c, pos, &ev) ? 1 : -1;
}

/* ---- invalidations -------------------------------------------------------- */

static uint32_t pick_did(struct mctx *m, bool near)
{
	uint32_t d = m->an.n_did && chance(m->r, 80) ? m->an.did[below(m->r, m->an.n_did)] : below(m->r, 16);

	return (near ? d + (chance(m->r, 50) ? 1 : 0xffff) : d) & 0xffff;
}

static uint16_t pick_sid(struct mctx *m, bool near)
{
	uint16_t s = m->an.n_sid && chance(m->r, 80) ? m->an.sid[below(m->r, m->an.n_sid)] : (uint16_t)rnd(m->r);

	return near ? (uint16_t)(s ^ (chance(m->r, 50) ? 1u : 8u)) : s;
}

static uint32_t pick_pasid(struct mctx *m, bool near)
{
	uint32_t p = m->an.n_pasid && chance(m->r, 80) ? m->an.pasid[below(m->r, m->an.n_pasid)] : below(m->r, 4);

	return (near ? p + 1 : p) & 0xfffff;
}

static uint64_t pick_iova(struct mctx *m)
{
	return m->an.n_map && chance(m->r, 80) ? m->an.map[below(m->r, m->an.n_map)].rq.addr :
						 rnd(m->r) & 0xffffffffffull;
}

/* a 4-byte aligned place the unit may write a wait's status to */
static uint64_t pick_status(struct mctx *m)
{
	uint64_t p;
	int ei = pick_ent(m, NULL);

	if (ei >= 0 && chance(m->r, 30)) /* over an entry: the status write changes a table */
		return m->an.ent[ei].hpa + 4 * below(m->r, 2);
	if (free_page(m, &p))
		return p + 4 * below(m->r, 1024);
	return m->c->n_mem ? m->c->mem[0].hpa : 0;
}

/* an invalidation of the kind, its fields aimed at what the walks used (or just beside) */
static void inv_fill(struct mctx *m, struct dmar_inv *inv, unsigned kind)
{
	const struct dmar_inv_kind_info *k = &dmar_inv_kinds[kind];
	uint32_t f = k->required, bit;
	bool near = chance(m->r, 30);

	memset(inv, 0, sizeof(*inv));
	inv->kind = (uint8_t)kind;
	for (bit = 1; bit && bit <= k->optional; bit <<= 1)
		if ((k->optional & bit) && chance(m->r, 50))
			f |= bit;
	inv->fields = f;
	if (f & DMAR_INVF_DID)
		inv->did = pick_did(m, near && chance(m->r, 50));
	if (f & DMAR_INVF_SID)
		inv->sid = pick_sid(m, near && chance(m->r, 50));
	if (f & DMAR_INVF_FM)
		inv->fm = below(m->r, 4);
	if (f & DMAR_INVF_PASID)
		inv->pasid = pick_pasid(m, near && chance(m->r, 50));
	if (f & DMAR_INVF_ADDR) {
		uint64_t a = pick_iova(m);
		unsigned lg2;

		if (f & DMAR_INVF_AM) {
			inv->am = chance(m->r, 80) ? below(m->r, 10) : below(m->r, 64);
			lg2 = 12 + inv->am;
		} else {
			lg2 = 12 + (chance(m->r, 70) ? below(m->r, 10) : below(m->r, 40));
			inv->size = 1ull << lg2;
			if (chance(m->r, 10))
				inv->size = rnd(m->r) >> below(m->r, 64);
		}
		a = dmar_lg2_align_down(a, lg2);
		if (near && lg2 < 64)
			a += 1ull << lg2;
		if (chance(m->r, 10)) /* not aligned to its mask */
			a |= (uint64_t)below(m->r, 64) << 12;
		inv->addr = a;
	}
	if (f & DMAR_INVF_INDEX)
		inv->index = below(m->r, 0x10000);
	if (f & DMAR_INVF_IM)
		inv->im = below(m->r, 32);
	if (f & DMAR_INVF_STATUS) {
		inv->status_hpa = pick_status(m);
		inv->status_value = chance(m->r, 50) ? 1 + below(m->r, 4) : rnd(m->r) & 0xffffffffull;
	}
	if (chance(m->r, 20)) {
		inv->via_said = true;
		inv->via = (uint8_t)below(m->r, 2);
	}
}

/* invalidation kinds, the ones caches keep entries for more often */
static unsigned pick_inv_kind(struct rng *r)
{
	static const uint8_t common[] = { DMAR_INV_CC_GLOBAL, DMAR_INV_CC_DOMAIN, DMAR_INV_CC_DEVICE,
					  DMAR_INV_IOTLB_GLOBAL, DMAR_INV_IOTLB_DOMAIN, DMAR_INV_IOTLB_PAGE,
					  DMAR_INV_PC_DOMAIN, DMAR_INV_PC_PASID, DMAR_INV_PIOTLB_PASID,
					  DMAR_INV_PIOTLB_PAGE, DMAR_INV_DEVTLB };

	return chance(r, 80) ? common[below(r, sizeof(common))] : below(r, DMAR_INV_KIND_COUNT);
}

/* after a write if there is one, else anywhere */
static uint32_t pos_for_sync(struct mctx *m)
{
	int w = pick_event(m, DMAR_EV_WRITE);

	return w >= 0 && chance(m->r, 70) ? pos_after(m, (uint32_t)w) : below(m->r, m->c->n_events + 1);
}

static int insert_wait(struct mctx *m, uint32_t pos, bool status)
{
	struct dmar_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_INV;
	inv_fill(m, &ev.u.inv, DMAR_INV_WAIT);
	ev.u.inv.fields &= ~DMAR_INVF_STATUS;
	ev.u.inv.status_hpa = ev.u.inv.status_value = 0;
	if (status) {
		ev.u.inv.fields |= DMAR_INVF_STATUS;
		ev.u.inv.status_hpa = pick_status(m);
		ev.u.inv.status_value = chance(m->r, 50) ? 1 : rnd(m->r) & 0xffffffffull;
	}
	return ev_insert(m->c, pos, &ev) ? 1 : -1;
}

static int mut_ev_inv(struct mctx *m, unsigned kind)
{
	struct dmar_event ev;
	uint32_t pos = pos_for_sync(m);

	(void)kind;
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_INV;
	inv_fill(m, &ev.u.inv, pick_inv_kind(m->r));
	if (!ev_insert(m->c, pos, &ev))
		return -1;
	/* a queued one is certain only once a wait completed */
	if (ev.u.inv.kind != DMAR_INV_WAIT && ev.u.inv.via == DMAR_VIA_QI && chance(m->r, 60))
		return insert_wait(m, pos + 1, chance(m->r, 30)) < 0 ? -1 : 1;
	return 1;
}

static int mut_ev_wait(struct mctx *m, unsigned kind)
{
	(void)kind;
	return insert_wait(m, pos_for_sync(m), chance(m->r, 80));
}

/* keeps the fields of *inv the new kind has, fills those it lacks */
static void inv_rekind(struct mctx *m, struct dmar_inv *inv, unsigned kind)
{
	struct dmar_inv fresh;
	uint32_t keep;

	inv_fill(m, &fresh, kind);
	keep = fresh.fields & inv->fields;
	if (keep & DMAR_INVF_DID)
		fresh.did = inv->did;
	if (keep & DMAR_INVF_SID)
		fresh.sid = inv->sid;
	if (keep & DMAR_INVF_PASID)
		fresh.pasid = inv->pasid;
	if (keep & DMAR_INVF_ADDR)
		fresh.addr = inv->addr;
	fresh.via = inv->via;
	fresh.via_said = inv->via_said;
	*inv = fresh;
}

static int mut_ev_inv_tweak(struct mctx *m, unsigned kind)
{
	int i = pick_event(m, DMAR_EV_INV);
	struct dmar_inv *inv;
	const struct dmar_inv_kind_info *k;

	(void)kind;
	if (i < 0)
		return 0;
	inv = &m->c->events[i].u.inv;
	k = &dmar_inv_kinds[inv->kind];
	switch (below(m->r, 6)) {
	case 0:
		inv->via_said = true;
		inv->via ^= 1;
		break;
	case 1:
		inv_rekind(m, inv, pick_inv_kind(m->r));
		break;
	case 2:
		if (!(inv->fields & DMAR_INVF_DID))
			return 0;
		inv->did = (inv->did + (chance(m->r, 50) ? 1 : 0xffff)) & 0xffff;
		break;
	case 3:
		if (inv->fields & DMAR_INVF_AM)
			inv->am = (inv->am + (chance(m->r, 50) ? 1 : 63)) % 64;
		else if (inv->fields & DMAR_INVF_SIZE)
			inv->size = chance(m->r, 50) ? inv->size << 1 : inv->size >> 1;
		else
			return 0;
		break;
	case 4:
		if (!(inv->fields & DMAR_INVF_ADDR))
			return 0;
		inv->addr += chance(m->r, 50) ? PAGE : -PAGE;
		break;
	default: /* an optional field in or out */
		if (!k->optional)
			return 0;
		{
			uint32_t bit = 1u << below(m->r, 13);

			if (!(k->optional & bit))
				return 0;
			if (inv->fields & bit) {
				inv->fields &= ~bit;
				if (bit == DMAR_INVF_FM)
					inv->fm = 0;
				if (bit == DMAR_INVF_PASID)
					inv->pasid = 0;
				if (bit == DMAR_INVF_STATUS)
					inv->status_hpa = inv->status_value = 0;
			} else {
				inv->fields |= bit;
				if (bit == DMAR_INVF_FM)
					inv->fm = below(m->r, 4);
				if (bit == DMAR_INVF_PASID)
					inv->pasid = pick_pasid(m, false);
				if (bit == DMAR_INVF_STATUS) {
					inv->status_hpa = pick_status(m);
					inv->status_value = 1;
				}
			}
		}
		break;
	}
	return 1;
}

static int mut_ev_qi(struct mctx *m, unsigned kind)
{
	struct dmar_event ev;
	struct dmar_inv inv;
	unsigned n;

	(void)kind;
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_QI;
	inv_fill(m, &inv, chance(m->r, 80) ? pick_inv_kind(m->r) : DMAR_INV_WAIT);
	n = dmar_qi_encode(&inv, chance(m->r, 30), ev.u.qi.w);
	if (n != 2 && n != 4) {
		n = chance(m->r, 70) ? 2 : 4;
		memset(ev.u.qi.w, 0, sizeof(ev.u.qi.w));
		ev.u.qi.w[0] = below(m->r, 16) | (rnd(m->r) & ~0xfffull & (chance(m->r, 50) ? 0 : ~0ull));
	}
	ev.u.qi.n = n;
	if (chance(m->r, 40)) /* a bit the unit must check */
		ev.u.qi.w[below(m->r, n)] ^= 1ull << below(m->r, 64);
	/* a wait that writes its status (type 5, SW) mostly writes where there is memory */
	if ((ev.u.qi.w[0] & 0xf) == 5 && (ev.u.qi.w[0] & 0x20) && chance(m->r, 90)) {
		uint64_t st = ev.u.qi.w[1] & ~3ull;

		if (st > haw_limit(m->an.haw) - 3 || in_ranges(m->c->holes, m->c->n_holes, st))
			ev.u.qi.w[1] = pick_status(m) | (ev.u.qi.w[1] & 3);
	}
	return ev_insert(m->c, pos_for_sync(m), &ev) ? 1 : -1;
}

/* RTADDR as latched before event pos */
static uint64_t rtaddr_at(const struct dmar_case *c, uint32_t pos)
{
	uint64_t rt = c->rtaddr;
	uint32_t i;

	for (i = 0; i < pos && i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_SRTP && c->events[i].u.srtp.has_rtaddr)
			rt = c->events[i].u.srtp.rtaddr;
	return rt;
}

static int mut_ev_srtp(struct mctx *m, unsigned kind)
{
	struct dmar_event ev;
	uint32_t pos = below(m->r, m->c->n_events + 1);
	uint64_t rt = rtaddr_at(m->c, pos);

	(void)kind;
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_SRTP;
	if (chance(m->r, 60)) {
		switch (below(m->r, 4)) {
		case 0: /* the other translation table mode */
			rt = (rt & ~(3ull << 10)) | ((uint64_t)below(m->r, 4) << 10);
			break;
		case 1: /* another table as the root table */
			rt = (rt & 0xfffull) | any_table(m);
			break;
		case 2:
			rt ^= 1ull << 7; /* SSIRWE */
			break;
		default:
			break;
		}
		ev.u.srtp.has_rtaddr = true;
		ev.u.srtp.rtaddr = rt;
	}
	return ev_insert(m->c, pos, &ev) ? 1 : -1;
}

static int mut_ev_te(struct mctx *m, unsigned kind)
{
	struct dmar_event ev;
	uint32_t pos = below(m->r, m->c->n_events + 1);

	(void)kind;
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_TE;
	ev.u.te_on = chance(m->r, 40);
	if (!ev_insert(m->c, pos, &ev))
		return -1;
	if (!ev.u.te_on && chance(m->r, 60)) { /* and back on later */
		ev.u.te_on = true;
		if (!ev_insert(m->c, pos_after(m, pos), &ev))
			return -1;
	}
	return 1;
}

static int mut_ev_atc(struct mctx *m, unsigned kind)
{
	struct dmar_event ev;
	uint32_t pos;

	(void)kind;
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_ATC;
	if (m->an.n_map) {
		const struct seen_map *mp = &m->an.map[below(m->r, m->an.n_map)];

		ev.u.atc.sid = mp->rq.sid;
		ev.u.atc.has_pasid = mp->rq.has_pasid;
		ev.u.atc.pasid = mp->rq.pasid;
		ev.u.atc.addr = mp->rq.addr & ~(chance(m->r, 50) ? 0xfffull : 0);
		if (chance(m->r, 20))
			ev.u.atc.addr += PAGE;
		pos = pos_after(m, mp->ev);
	} else {
		ev.u.atc.sid = pick_sid(m, false);
		ev.u.atc.addr = pick_iova(m);
		pos = below(m->r, m->c->n_events + 1);
	}
	if (!ev.u.atc.has_pasid)
		ev.u.atc.pasid = 0;
	ev.u.atc.pasid &= 0xfffff;
	return ev_insert(m->c, pos, &ev) ? 1 : -1;
}

static int mut_ev_check(struct mctx *m, unsigned kind)
{
	struct dmar_event ev;
	const struct seen_ent *e;
	uint32_t q;
	int ei = pick_ent(m, NULL);

	(void)kind;
	if (ei < 0)
		return 0;
	e = &m->an.ent[ei];
	q = below(m->r, e->nqw);
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_CHECK;
	ev.u.check.hpa = e->hpa + 8ull * q;
	ev.u.check.value = e->raw[q];
	if (q == 0 && is_paging_shape(e->fmt) && chance(m->r, 60)) /* accessed (and dirty) set by the unit */
		ev.u.check.value |= is_fs_shape(e->fmt) ? (1ull << DMAR_FS_A) | (chance(m->r, 50) ? 1ull << DMAR_FS_D : 0) :
				    (1ull << DMAR_SL_A) | (chance(m->r, 50) ? 1ull << DMAR_SL_D : 0);
	return ev_insert(m->c, pos_after(m, e->ev), &ev) ? 1 : -1;
}

/* ---- the unit ------------------------------------------------------------- */

/* the address width the case's stores need: mem lines, writes, wait status writes */
/*
 * A multi-function device (vtd-notes 1.6, FM): a sibling function gets a
 * copy of a legacy context entry a walk read, DMAs from it are cached, the
 * copy then stops being present, and a device-selective context-cache
 * invalidation with a function mask (covering the sibling or not) is
 * followed by the sibling's DMA again.
 */
static bool want_pasid_entry(const struct seen_ent *e)
{
	return e->fmt == DMAR_SHAPE_PASID_ENTRY;
}

/*
 * The PASID entry a walk used is copied to another slot of its table (PASID
 * tables are 4K: the slot is PASID[5:0]), maybe with another PGTT, and a DMA
 * with that PASID follows: a subject that takes one PASID's entry, cached
 * translation or pass-through decision for another's shows.
 */
static int mut_ev_pasid_sibling(struct mctx *m, unsigned kind)
{
	const struct seen_ent *e;
	struct dmar_request rq;
	uint64_t raw[8], sib_hpa;
	unsigned slot, sib, q;
	int i;

	(void)kind;
	i = pick_ent(m, want_pasid_entry);
	if (i < 0)
		return 0;
	e = &m->an.ent[i];
	if (e->ev >= m->c->n_events || m->c->events[e->ev].kind != DMAR_EV_DMA || e->nqw != 8)
		return 0;
	slot = (unsigned)(e->hpa >> 6) & 63;
	sib = slot ^ (1u << below(m->r, 6));
	sib_hpa = (e->hpa & ~0xfc0ull) | (uint64_t)sib << 6;
	memcpy(raw, e->raw, sizeof(raw));
	if (chance(m->r, 60)) /* PGTT (bits 8:6): first, second stage, nested or pass-through */
		raw[0] = (raw[0] & ~0x1c0ull) | (uint64_t)(1 + below(m->r, 4)) << 6;
	for (q = 0; q < 8; q++)
		if (set_qword(m->c, m->an.haw, e->ev, sib_hpa + 8ull * q, raw[q]) != 1)
			return 0;
	rq = m->c->events[e->ev].u.dma.rq;
	rq.pasid = ((rq.has_pasid ? rq.pasid : 0) & ~63u) | sib;
	rq.has_pasid = true;
	return dma_add(m, pos_after(m, e->ev), &rq);
}

static int mut_ev_sibling(struct mctx *m, unsigned kind)
{
	const struct seen_ent *e;
	const struct dmar_event *dma;
	struct dmar_request rq;
	struct dmar_event ev;
	uint64_t sib_hpa;
	uint16_t sid, sib;
	int i;

	(void)kind;
	i = pick_ent(m, want_legacy_context);
	if (i < 0)
		return 0;
	e = &m->an.ent[i];
	if (e->ev >= m->c->n_events || m->c->events[e->ev].kind != DMAR_EV_DMA)
		return 0;
	dma = &m->c->events[e->ev];
	rq = dma->u.dma.rq;
	sid = rq.sid;
	sib = (uint16_t)(sid ^ (1u << below(m->r, 3))); /* another function of the device */
	sib_hpa = e->hpa - 16ull * (sid & 0xff) + 16ull * (sib & 0xff);
	if (set_qword(m->c, m->an.haw, e->ev, sib_hpa, e->raw[0]) != 1 ||
	    set_qword(m->c, m->an.haw, e->ev, sib_hpa + 8, e->raw[1]) != 1)
		return 0;
	rq.sid = sib;
	if (dma_add(m, e->ev + 1, &rq) < 0)
		return -1;
	/* then, at the end: the copy is taken away, an FM invalidation, the sibling asks again */
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_WRITE;
	ev.u.write.hpa = sib_hpa;
	ev.u.write.n = 2;
	ev.u.write.v = calloc(2, sizeof(uint64_t));
	if (!ev.u.write.v || !ev_insert(m->c, m->c->n_events, &ev)) {
		free(ev.u.write.v);
		return -1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.kind = DMAR_EV_INV;
	ev.u.inv.kind = DMAR_INV_CC_DEVICE;
	ev.u.inv.fields = DMAR_INVF_DID | DMAR_INVF_SID | DMAR_INVF_FM;
	ev.u.inv.did = (uint32_t)((e->raw[1] >> 8) & 0xffff);
	ev.u.inv.sid = chance(m->r, 50) ? sid : sib;
	ev.u.inv.fm = below(m->r, 4);
	ev.u.inv.via = (uint8_t)below(m->r, 2);
	ev.u.inv.via_said = true;
	if (!ev_insert(m->c, m->c->n_events, &ev))
		return -1;
	/* and the domain's IOTLB, as software must after a context change (vtd-notes 9.7) */
	ev.u.inv.kind = DMAR_INV_IOTLB_DOMAIN;
	ev.u.inv.fields = DMAR_INVF_DID;
	ev.u.inv.sid = 0;
	ev.u.inv.fm = 0;
	if (!ev_insert(m->c, m->c->n_events, &ev))
		return -1;
	if (ev.u.inv.via == DMAR_VIA_QI && insert_wait(m, m->c->n_events, false) < 0)
		return -1;
	return dma_add(m, m->c->n_events, &rq);
}

static unsigned width_needed(const struct dmar_case *c)
{
	uint64_t top = 0, last;
	uint32_t i;
	unsigned w = 12;

	for (i = 0; i < c->n_mem; i++)
		if ((last = c->mem[i].hpa + (8ull * c->mem[i].n - 1)) > top)
			top = last;
	for (i = 0; i < c->n_events; i++) {
		const struct dmar_event *ev = &c->events[i];

		if (ev->kind == DMAR_EV_WRITE)
			last = ev->u.write.hpa + (8ull * ev->u.write.n - 1);
		else if (ev->kind == DMAR_EV_INV && (ev->u.inv.fields & DMAR_INVF_STATUS))
			last = ev->u.inv.status_hpa + 3;
		else if (ev->kind == DMAR_EV_QI && (ev->u.qi.w[0] & 0xf) == 5 && (ev->u.qi.w[0] & 0x20))
			last = (ev->u.qi.w[1] & ~3ull) + 3;
		else
			continue;
		if (last > top)
			top = last;
	}
	while (w < 64 && (top >> w))
		w++;
	return w;
}

/*
 * Most of the time, a unit whose HAW no longer covers the case's own stores
 * gets a `haw` line that does (else the engine refuses the case: a store
 * where there is no memory).
 */
static void haw_repair(struct dmar_case *c, struct rng *r)
{
	struct dmar_unit u;
	unsigned need = width_needed(c);

	dmar_case_unit(c, &u);
	if (u.haw >= need || chance(r, 15))
		return;
	c->haw_said = true;
	c->haw = (uint8_t)need;
}

struct reg_field {
	uint8_t lo, hi;
};

static uint64_t tweak_field(struct rng *r, uint64_t reg, struct reg_field f)
{
	uint64_t mask = dmar_genmask(f.hi, f.lo);

	if (f.lo == f.hi || chance(r, 50))
		return reg ^ (1ull << (f.lo + below(r, (uint32_t)(f.hi - f.lo + 1))));
	return (reg & ~mask) | ((rnd(r) << f.lo) & mask);
}

static int mut_unit_cap(struct mctx *m, unsigned kind)
{
	/* ND, CM, SAGAW, MGAW, ZLR, SSLPS, PSI, MAMV, DWD/DRD, FS1GP, PI, FS5LP, ESIRTPS, ESRTPS */
	static const struct reg_field f[] = { { 0, 2 },   { 7, 7 },   { 8, 12 },  { 16, 21 }, { 22, 22 },
					      { 34, 37 }, { 39, 39 }, { 48, 53 }, { 54, 55 }, { 56, 56 },
					      { 59, 59 }, { 60, 60 }, { 62, 62 }, { 63, 63 } };

	(void)kind;
	if (chance(m->r, 10))
		m->c->cap ^= 1ull << below(m->r, 64);
	else
		m->c->cap = tweak_field(m->r, m->c->cap, f[below(m->r, sizeof(f) / sizeof(f[0]))]);
	haw_repair(m->c, m->r);
	return 1;
}

static int mut_unit_ecap(struct mctx *m, unsigned kind)
{
	/* C, QI, DT, IR, EIM, PT, SC, MTS, NEST, PRS, SRS, NWFS, EAFS, PSS, PASID, SMTS,
	 * SSADS, SSTS, FSTS, SMPWCS, RPS, ADMS, RPRIVS, HPTS, PTRS, SSIRWS */
	static const struct reg_field f[] = { { 0, 0 },   { 1, 1 },   { 2, 2 },   { 3, 3 },   { 4, 4 },
					      { 6, 6 },   { 7, 7 },   { 25, 25 }, { 26, 26 }, { 29, 29 },
					      { 31, 31 }, { 33, 33 }, { 34, 34 }, { 35, 39 }, { 40, 40 },
					      { 43, 43 }, { 45, 45 }, { 46, 46 }, { 47, 47 }, { 48, 48 },
					      { 49, 49 }, { 52, 52 }, { 53, 53 }, { 55, 55 }, { 56, 56 },
					      { 57, 57 } };

	(void)kind;
	if (chance(m->r, 10))
		m->c->ecap ^= 1ull << below(m->r, 64);
	else
		m->c->ecap = tweak_field(m->r, m->c->ecap, f[below(m->r, sizeof(f) / sizeof(f[0]))]);
	return 1;
}

static int mut_unit_ver(struct mctx *m, unsigned kind)
{
	static const uint32_t vers[] = { 0x10, 0x20, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90 };
	struct dmar_case *c = m->c;

	(void)kind;
	if (c->ver_said && chance(m->r, 15)) {
		c->ver_said = false;
		c->ver = DMAR_DEFAULT_VER;
		return 1;
	}
	c->ver_said = true;
	c->ver = chance(m->r, 80) ? vers[below(m->r, 8)] : (uint32_t)rnd(m->r);
	return 1;
}

static int mut_unit_haw(struct mctx *m, unsigned kind)
{
	static const uint8_t haws[] = { 39, 42, 46, 48, 52, 57 };
	struct dmar_case *c = m->c;

	(void)kind;
	if (c->haw_said && chance(m->r, 20)) {
		c->haw_said = false;
		c->haw = 0;
		haw_repair(c, m->r);
		return 1;
	}
	c->haw_said = true;
	c->haw = chance(m->r, 70) ? haws[below(m->r, 6)] : (uint8_t)(12 + below(m->r, 53));
	haw_repair(c, m->r);
	return 1;
}

static int mut_unit_ttm(struct mctx *m, unsigned kind)
{
	static const uint8_t word_of[4] = { DMAR_MODE_LEGACY, DMAR_MODE_SCALABLE, DMAR_MODE_NONE, DMAR_MODE_ABORT };
	struct dmar_case *c = m->c;
	unsigned ttm;

	(void)kind;
	if (chance(m->r, 20)) {
		c->rtaddr ^= 1ull << 7; /* SSIRWE */
		return 1;
	}
	ttm = chance(m->r, 80) ? DMAR_RTADDR_TTM(c->rtaddr) ^ 1 : below(m->r, 4);
	c->rtaddr = (c->rtaddr & ~(3ull << 10)) | ((uint64_t)ttm << 10);
	c->mode_word = chance(m->r, 70) ? word_of[ttm] : DMAR_MODE_NONE;
	return 1;
}

static int mut_unit_misc(struct mctx *m, unsigned kind)
{
	struct dmar_case *c = m->c;

	(void)kind;
	if (chance(m->r, 30)) {
		c->cache_rule = c->cache_rule == DMAR_CACHE_OBSERVED ? DMAR_CACHE_ARCHITECTURE : DMAR_CACHE_OBSERVED;
	} else if (c->translation_said && chance(m->r, 30)) {
		c->translation_said = false;
		c->te = true;
	} else {
		c->translation_said = true;
		c->te = !c->te;
	}
	return 1;
}

/* ---- memory --------------------------------------------------------------- */

static int mut_mem_qword(struct mctx *m, unsigned kind)
{
	struct dmar_qwords *q;
	uint64_t *v;

	(void)kind;
	if (!m->c->n_mem)
		return 0;
	q = &m->c->mem[below(m->r, m->c->n_mem)];
	v = &q->v[below(m->r, q->n)];
	switch (below(m->r, 4)) {
	case 0:
		*v ^= 1ull << below(m->r, 64);
		break;
	case 1:
		*v = 0;
		break;
	case 2: /* a pointer to a table, present */
		*v = any_table(m) | (chance(m->r, 50) ? 1 : 3);
		break;
	default:
		*v = rnd(m->r);
		break;
	}
	return 1;
}

static bool range_add(struct dmar_hole **list, uint32_t *n, uint64_t hpa, uint64_t size)
{
	struct dmar_hole *arr = realloc(*list, (*n + 1) * sizeof(**list));

	if (!arr)
		return false;
	arr[*n].hpa = hpa;
	arr[*n].size = size;
	*list = arr;
	(*n)++;
	return true;
}

static int mut_mem_range(struct mctx *m, unsigned kind)
{
	struct dmar_case *c = m->c;
	uint64_t p;
	int ei;

	(void)kind;
	switch (below(m->r, 4)) {
	case 0: /* drop a hole or a rom */
		if (c->n_holes && (!c->n_roms || chance(m->r, 50))) {
			uint32_t i = below(m->r, c->n_holes);

			memmove(&c->holes[i], &c->holes[i + 1], (c->n_holes - i - 1) * sizeof(*c->holes));
			c->n_holes--;
			return 1;
		}
		if (c->n_roms) {
			uint32_t i = below(m->r, c->n_roms);

			memmove(&c->roms[i], &c->roms[i + 1], (c->n_roms - i - 1) * sizeof(*c->roms));
			c->n_roms--;
			return 1;
		}
		return 0;
	case 1: /* a rom over the page of an entry: the unit's A/D updates there fail */
		ei = pick_ent(m, NULL);
		if (ei < 0 || c->n_roms >= 16)
			return 0;
		return range_add(&c->roms, &c->n_roms, m->an.ent[ei].hpa & ~(PAGE - 1),
				 chance(m->r, 80) ? PAGE : 8) ? 1 : -1;
	default: { /* a hole, and a table entry pointing into it: the fetch aborts */
		uint64_t raw[8];
		const struct dmar_field *f;
		int fi;

		if (c->n_holes >= 16 || !free_page(m, &p))
			return 0;
		if (!range_add(&c->holes, &c->n_holes, p, PAGE << below(m->r, 3)))
			return -1;
		/* only the first page is known free: keep the hole to it if more would cover memory */
		if (range_has_mem(c, p, p + (c->holes[c->n_holes - 1].size - 1), true))
			c->holes[c->n_holes - 1].size = PAGE;
		ei = pick_ent(m, NULL);
		if (ei < 0)
			return 1;
		fi = pick_field(m->r, m->an.ent[ei].fmt, DMAR_FK_ADDR);
		if (fi < 0)
			return 1;
		f = &dmar_shape_get(m->an.ent[ei].fmt)->fields[fi];
		if (f->hi / 64 >= m->an.ent[ei].nqw)
			return 1;
		memcpy(raw, m->an.ent[ei].raw, sizeof(raw));
		dmar_field_set(f, raw, p);
		return ent_store(m, &m->an.ent[ei], raw) < 0 ? -1 : 1;
	}
	}
}

/* ---- the table ------------------------------------------------------------ */

typedef int (*mut_fn)(struct mctx *m, unsigned kind);

struct mut_row {
	const char *name;
	mut_fn fn;
	uint8_t weight;
	bool grows; /* adds an event or memory */
};

static const struct mut_row mut_table[DMAR_MUT_COUNT] = {
	[DMAR_MUT_ENT_FLAG] = { "ent-flag", mut_ent_field, 10, false },
	[DMAR_MUT_ENT_RSVD] = { "ent-rsvd", mut_ent_field, 7, false },
	[DMAR_MUT_ENT_IGN] = { "ent-ign", mut_ent_field, 2, false },
	[DMAR_MUT_ENT_PRESENT] = { "ent-present", mut_ent_field, 6, false },
	[DMAR_MUT_ENT_NUM] = { "ent-num", mut_ent_field, 8, false },
	[DMAR_MUT_ENT_ADDR] = { "ent-addr", mut_ent_field, 8, false },
	[DMAR_MUT_ENT_SPLIT] = { "ent-split", mut_ent_split, 4, true },
	[DMAR_MUT_ENT_MERGE] = { "ent-merge", mut_ent_merge, 4, false },
	[DMAR_MUT_DMA_MAPPED] = { "dma-mapped", mut_dma_mapped, 6, true },
	[DMAR_MUT_DMA_EDGE] = { "dma-edge", mut_dma_mapped, 5, true },
	[DMAR_MUT_DMA_RANDOM] = { "dma-random", mut_dma_random, 2, true },
	[DMAR_MUT_DMA_TWEAK] = { "dma-tweak", mut_dma_tweak, 8, false },
	[DMAR_MUT_DMA_DROP] = { "dma-drop", mut_dma_drop, 3, false },
	[DMAR_MUT_EV_WRITE] = { "ev-write", mut_ev_write, 8, true },
	[DMAR_MUT_EV_DROP] = { "ev-drop", mut_ev_drop, 4, false },
	[DMAR_MUT_EV_MOVE] = { "ev-move", mut_ev_move, 4, false },
	[DMAR_MUT_EV_CLFLUSH] = { "ev-clflush", mut_ev_clflush, 3, true },
	[DMAR_MUT_EV_INV] = { "ev-inv", mut_ev_inv, 7, true },
	[DMAR_MUT_EV_INV_TWEAK] = { "ev-inv-tweak", mut_ev_inv_tweak, 4, false },
	[DMAR_MUT_EV_WAIT] = { "ev-wait", mut_ev_wait, 3, true },
	[DMAR_MUT_EV_QI] = { "ev-qi", mut_ev_qi, 3, true },
	[DMAR_MUT_EV_SRTP] = { "ev-srtp", mut_ev_srtp, 2, true },
	[DMAR_MUT_EV_TE] = { "ev-te", mut_ev_te, 2, true },
	[DMAR_MUT_EV_ATC] = { "ev-atc", mut_ev_atc, 2, true },
	[DMAR_MUT_EV_CHECK] = { "ev-check", mut_ev_check, 2, true },
	[DMAR_MUT_EV_SIBLING] = { "ev-sibling", mut_ev_sibling, 2, true },
	[DMAR_MUT_EV_PASID_SIBLING] = { "ev-pasid-sibling", mut_ev_pasid_sibling, 2, true },
	[DMAR_MUT_UNIT_CAP] = { "unit-cap", mut_unit_cap, 5, false },
	[DMAR_MUT_UNIT_ECAP] = { "unit-ecap", mut_unit_ecap, 5, false },
	[DMAR_MUT_UNIT_VER] = { "unit-ver", mut_unit_ver, 1, false },
	[DMAR_MUT_UNIT_HAW] = { "unit-haw", mut_unit_haw, 1, false },
	[DMAR_MUT_UNIT_TTM] = { "unit-ttm", mut_unit_ttm, 2, false },
	[DMAR_MUT_UNIT_MISC] = { "unit-misc", mut_unit_misc, 1, false },
	[DMAR_MUT_MEM_QWORD] = { "mem-qword", mut_mem_qword, 3, false },
	[DMAR_MUT_MEM_RANGE] = { "mem-range", mut_mem_range, 2, false },
	[DMAR_MUT_CROSSOVER] = { "crossover", NULL, 0, false },
};

const char *dmar_mutate_name(unsigned kind)
{
	return kind < DMAR_MUT_COUNT ? mut_table[kind].name : "?";
}

static unsigned pick_kind(struct rng *r)
{
	unsigned k, total = 0, x;

	for (k = 0; k < DMAR_MUT_COUNT; k++)
		total += mut_table[k].weight;
	x = below(r, total);
	for (k = 0; k < DMAR_MUT_COUNT; k++) {
		if (x < mut_table[k].weight)
			return k;
		x -= mut_table[k].weight;
	}
	return 0;
}

/* `want` mutations (fewer if none applies); the number applied, or -1 when out of memory */
static int mutate_model(struct dmar_case *c, struct rng *r, unsigned want, struct dmar_mut_stats *st)
{
	struct mctx *m = malloc(sizeof(*m));
	unsigned applied = 0, tries;
	int rc = 0;

	if (!m)
		return -1;
	m->c = c;
	m->r = r;
	for (tries = 0; applied < want && tries < 32; tries++) {
		unsigned kind = pick_kind(r);
		/*
		 * Cases stay small (the oracle's cost grows faster than the events,
		 * and small cases run faster under a fuzzer): past SOFT_EVENTS an
		 * addition turns into a removal more and more often.
		 */
		bool full = c->n_events >= MAX_EVENTS || c->n_mem >= MAX_MEM_LINES ||
			    (c->n_events > SOFT_EVENTS && below(r, MAX_EVENTS - SOFT_EVENTS) < c->n_events - SOFT_EVENTS);

		if (full && mut_table[kind].grows)
			kind = chance(r, 50) ? DMAR_MUT_EV_DROP : DMAR_MUT_DMA_DROP;
		analyse(m); /* indices shift with every change: look again */
		rc = mut_table[kind].fn(m, kind);
		if (rc < 0)
			break;
		if (rc > 0) {
			applied++;
			if (st)
				st->fired[kind]++;
		}
	}
	free(m);
	return rc < 0 ? -1 : (int)applied;
}

int dmar_mutate_case(struct dmar_case *c, uint32_t seed, struct dmar_mut_stats *st)
{
	struct rng r;

	rng_seed(&r, seed, 0x6d757461746531ull);
	return mutate_model(c, &r, 1 + below(&r, 3), st);
}

/* ---- bytes ---------------------------------------------------------------- */

/* drops records until roughly `excess` of `len` bytes are gone; false when nothing is left to drop */
static bool shrink(struct dmar_case *c, struct rng *r, size_t len, size_t excess)
{
	uint32_t records = c->n_events + c->n_mem, drop, i;

	if (!records)
		return false;
	drop = 1 + (uint32_t)((uint64_t)records * excess / (len ? len : 1));
	for (i = 0; i < drop && c->n_events + c->n_mem; i++) {
		uint32_t k = below(r, c->n_events + c->n_mem);

		if (k < c->n_events) {
			ev_remove(c, k);
		} else {
			k -= c->n_events;
			free(c->mem[k].v);
			memmove(&c->mem[k], &c->mem[k + 1], (c->n_mem - k - 1) * sizeof(*c->mem));
			c->n_mem--;
		}
	}
	return true;
}

/* the byte-level fallback: a few flips, sets and cuts of the input */
static size_t bytewise(const uint8_t *in, size_t size, uint8_t *out, size_t max, struct rng *r)
{
	size_t n = size < max ? size : max, i, ops = 1 + below(r, 4);

	if (!max)
		return 0;
	if (out != in)
		memmove(out, in, n);
	if (!n) {
		out[0] = (uint8_t)rnd(r);
		return 1;
	}
	for (i = 0; i < ops; i++) {
		size_t at = below(r, (uint32_t)(n > 0xffffffffu ? 0xffffffffu : n));

		switch (below(r, 4)) {
		case 0:
			out[at] ^= (uint8_t)(1u << below(r, 8));
			break;
		case 1:
			out[at] = (uint8_t)rnd(r);
			break;
		case 2:
			if (n > 1)
				n = at ? at : 1;
			break;
		default:
			if (n < max)
				out[n++] = (uint8_t)rnd(r);
			break;
		}
	}
	return n;
}

/*
 * Encodes c into out (at most max bytes): canonical, shrunk if it does not
 * fit; the byte-level mutation of `in` when even that fails.
 */
static size_t emit(struct dmar_case *c, const uint8_t *in, size_t size, uint8_t *out, size_t max,
		   struct rng *r, struct dmar_mut_stats *st)
{
	unsigned round;

	for (round = 0; round < 16; round++) {
		uint8_t *buf = NULL;
		size_t len = 0;
		struct dmar_case d;

		if (dmar_case_encode(c, &buf, &len))
			break;
		if (dmar_case_decode(buf, len, &d) == 0) {
			if (!dmar_case_equal(c, &d)) { /* not canonical as built: take the decoder's view */
				uint8_t *buf2 = NULL;
				size_t len2 = 0;

				if (st)
					st->normalised++;
				if (dmar_case_encode(&d, &buf2, &len2) == 0) {
					free(buf);
					buf = buf2;
					len = len2;
				}
			}
			dmar_case_free(&d);
		}
		if (len <= max) {
			memcpy(out, buf, len);
			free(buf);
			if (st && round)
				st->shrunk++;
			return len;
		}
		free(buf);
		if (!shrink(c, r, len, len - max))
			break;
	}
	if (st)
		st->bytewise++;
	return bytewise(in, size, out, max, r);
}

size_t dmar_mutate_ex(uint8_t *data, size_t size, size_t max_size, uint32_t seed, struct dmar_mut_stats *st)
{
	struct dmar_case c;
	struct rng r;
	size_t n;

	rng_seed(&r, seed, size);
	if (st)
		st->calls++;
	if (dmar_case_decode(data, size, &c))
		return bytewise(data, size, data, max_size, &r);
	if (mutate_model(&c, &r, 1 + below(&r, 3), st) < 0) {
		dmar_case_free(&c);
		return bytewise(data, size, data, max_size, &r);
	}
	n = emit(&c, data, size, data, max_size, &r, st);
	dmar_case_free(&c);
	return n;
}

size_t dmar_mutate(uint8_t *data, size_t size, size_t max_size, uint32_t seed)
{
	return dmar_mutate_ex(data, size, max_size, seed, NULL);
}

/* appends copies of b's events [from, to) at pos; false when out of memory */
static bool splice_events(struct dmar_case *c, const struct dmar_case *b, uint32_t from, uint32_t to, uint32_t pos)
{
	uint32_t i;

	for (i = from; i < to && c->n_events < MAX_EVENTS; i++) {
		struct dmar_event ev;

		if (!ev_dup(&ev, &b->events[i]))
			return false;
		if (!ev_insert(c, pos++, &ev)) {
			if (ev.kind == DMAR_EV_WRITE)
				free(ev.u.write.v);
			return false;
		}
	}
	return true;
}

static bool cross(struct dmar_case *c, const struct dmar_case *b, struct rng *r)
{
	struct dmar_unit u;
	uint32_t i, cut;

	dmar_case_unit(c, &u);
	switch (below(r, 4)) {
	case 0: /* a's events up to a point, then b's from a point */
		cut = below(r, c->n_events + 1);
		while (c->n_events > cut)
			ev_remove(c, c->n_events - 1);
		return splice_events(c, b, below(r, b->n_events + 1), b->n_events, c->n_events);
	case 1: /* b's unit */
		c->cap = b->cap;
		c->ecap = b->ecap;
		c->rtaddr = b->rtaddr;
		c->mode_word = b->mode_word;
		c->ver = b->ver;
		c->ver_said = b->ver_said;
		c->haw = b->haw;
		c->haw_said = b->haw_said;
		c->te = b->te;
		c->translation_said = b->translation_said;
		c->cache_rule = b->cache_rule;
		haw_repair(c, r);
		return true;
	case 2: /* b's memory, where a has none */
		for (i = 0; i < b->n_mem; i++)
			if (mem_put(c, u.haw, b->mem[i].hpa, b->mem[i].v, b->mem[i].n) < 0)
				return false;
		return true;
	default: { /* a few of b's events among a's */
		uint32_t k, n = 1 + below(r, 4);

		for (k = 0; k < n && b->n_events; k++) {
			i = below(r, b->n_events);
			if (!splice_events(c, b, i, i + 1, below(r, c->n_events + 1)))
				return false;
		}
		return true;
	}
	}
}

size_t dmar_crossover_ex(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, uint8_t *out,
			 size_t max_out, uint32_t seed, struct dmar_mut_stats *st)
{
	struct dmar_case ca, cb;
	struct rng r;
	size_t n;

	rng_seed(&r, seed, na * 31 + nb);
	if (st)
		st->calls++;
	if (dmar_case_decode(a, na, &ca))
		return bytewise(a, na, out, max_out, &r);
	if (dmar_case_decode(b, nb, &cb)) {
		dmar_case_free(&ca);
		return bytewise(a, na, out, max_out, &r);
	}
	if (!cross(&ca, &cb, &r) || (chance(&r, 30) && mutate_model(&ca, &r, 1, st) < 0)) {
		dmar_case_free(&ca);
		dmar_case_free(&cb);
		return bytewise(a, na, out, max_out, &r);
	}
	if (st)
		st->fired[DMAR_MUT_CROSSOVER]++;
	n = emit(&ca, a, na, out, max_out, &r, st);
	dmar_case_free(&ca);
	dmar_case_free(&cb);
	return n;
}

size_t dmar_crossover(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, uint8_t *out, size_t max_out,
		      uint32_t seed)
{
	return dmar_crossover_ex(a, na, b, nb, out, max_out, seed, NULL);
}
