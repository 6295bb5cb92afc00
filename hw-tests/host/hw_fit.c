// SPDX-License-Identifier: Apache-2.0
/*
 * `hw replay --fit`: cases rewritten, in place, so that more of their DMAs
 * can run on QEMU's unit and still mean what they meant.  A field of a
 * capability the unit lacks that no DMA needs is cleared (DTE without
 * ECAP.DT), and a requester no engine can sit at (a platform slot, bus 0
 * beyond device 0, a bus past the root ports) moves to a free slot that one
 * can, its root and context entries copied there.  One line each on the
 * report stream.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/engine.h"
#include "harness/qi_decode.h"
#include "hw-tests/host/hw.h"
#include "hw-tests/host/hw_qemu.h"
#include "oracles/bits.h"
#include "oracles/format.h"

/* ---- --fit: a field of a capability the unit lacks, that the case's DMAs do not need ---- */

struct fit_entry {
	uint64_t hpa;
	uint16_t sid;
	uint64_t raw;
};

struct fit_scan {
	struct fit_entry e[64];
	unsigned n;
};

static void fit_collect(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
			const struct dmar_event_result *r, const struct dmar_trace *t)
{
	struct fit_scan *s = ctx;
	uint32_t i;

	(void)c;
	(void)r;
	for (i = 0; t && ev->kind == DMAR_EV_DMA && i < t->n && i < t->cap; i++)
		if (t->steps[i].kind == DMAR_STEP_READ && t->steps[i].fmt == DMAR_SHAPE_SM_CTX && s->n < 64)
			s->e[s->n++] = (struct fit_entry){ t->steps[i].hpa, ev->u.dma.rq.sid, t->steps[i].raw[0] };
}

static const struct dmar_field *field_named(unsigned shape, const char *name)
{
	const struct dmar_shape *sh = dmar_shape_get(shape);
	unsigned f;

	for (f = 0; f < sh->nfields; f++)
		if (!strcmp(sh->fields[f].name, name))
			return &sh->fields[f];
	return NULL;
}

/* does a DMA from sid need a device-TLB (a translation request, or a translated one)? */
static bool needs_devtlb(const struct dmar_case *c, uint16_t sid)
{
	uint32_t i;

	for (i = 0; i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_DMA && c->events[i].u.dma.rq.sid == sid &&
		    (c->events[i].u.dma.rq.at == DMAR_AT_TR || c->events[i].u.dma.rq.at == DMAR_AT_T))
			return true;
	return false;
}

/* clears `mask` in every qword of the case's memory and stores at hpa; how many it changed */
static unsigned clear_qword(struct dmar_case *c, uint64_t hpa, uint64_t mask)
{
	unsigned n = 0;
	uint32_t i, k;

	for (i = 0; i < c->n_mem; i++)
		for (k = 0; k < c->mem[i].n; k++)
			if (c->mem[i].hpa + 8ull * k == hpa && (c->mem[i].v[k] & mask)) {
				c->mem[i].v[k] &= ~mask;
				n++;
			}
	for (i = 0; i < c->n_events; i++)
		for (k = 0; c->events[i].kind == DMAR_EV_WRITE && k < c->events[i].u.write.n; k++)
			if (c->events[i].u.write.hpa + 8ull * k == hpa && (c->events[i].u.write.v[k] & mask)) {
				c->events[i].u.write.v[k] &= ~mask;
				n++;
			}
	return n;
}

static int fit_dte(struct dmar_case *c, const char *file, const struct dmar_hw_target *t, FILE *report)
{
	const struct dmar_field *dte = field_named(DMAR_SHAPE_SM_CTX, "DTE");
	struct fit_scan s = { .n = 0 };
	struct dmar_case_summary sum;
	struct dmar_error err;
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
	unsigned i, j, rewrites = 0;

	if (!dte || dmar_bit(t->ecap, dte->arg) || DMAR_RTADDR_TTM(c->rtaddr) != DMAR_TTM_SCALABLE)
		return 0;
	if (dmar_case_execute(c, file, NULL, fit_collect, &s, &trace, &sum, &err))
		return 0;
	for (i = 0; i < s.n; i++) {
		bool dup = false, needed = false;

		for (j = 0; j < i; j++)
			dup |= s.e[j].hpa == s.e[i].hpa;
		for (j = 0; j < s.n; j++)
			needed |= s.e[j].hpa == s.e[i].hpa && needs_devtlb(c, s.e[j].sid);
		if (dup || needed || !dmar_field_get(dte, &s.e[i].raw))
			continue;
		if (clear_qword(c, s.e[i].hpa + 8ull * (dte->lo / 64), 1ull << (dte->lo % 64))) {
			fprintf(report, "fit %s: entry 0x%llx (scalable-mode context, %02x:%02x.%x) DTE 1 -> 0: "
				"the unit has no ECAP.DT and no DMA of the case needs a device-TLB\n",
				file, (unsigned long long)s.e[i].hpa, s.e[i].sid >> 8, (s.e[i].sid >> 3) & 0x1f,
				s.e[i].sid & 7);
			rewrites++;
		}
	}
	return (int)rewrites;
}

/* ---- --fit: a requester no engine can sit at moves to a slot one can ---- */

#define REHOME_SPANS 1024
#define REHOME_REQS 16

struct span {
	uint64_t hpa, len;
};

/* a requester to move: where its walks found its root and context entries */
struct requester {
	uint16_t sid;
	bool root_read, ctx_read;
	uint64_t root_hpa, ctx_hpa;
};

struct rehome_scan {
	struct span used[REHOME_SPANS]; /* memory the case uses: never written by a move */
	unsigned n_used;
	bool full;
	struct requester rq[REHOME_REQS];
	unsigned n_rq;
	struct dmar_outcome_set *sets; /* per event: the oracle's set of each DMA */
	uint32_t n_sets;
	bool sm;
};

static void use(struct rehome_scan *s, uint64_t hpa, uint64_t len)
{
	if (s->n_used == REHOME_SPANS)
		s->full = true;
	else
		s->used[s->n_used++] = (struct span){ hpa, len };
}

static struct requester *requester_of(struct rehome_scan *s, uint16_t sid)
{
	unsigned i;

	for (i = 0; i < s->n_rq; i++)
		if (s->rq[i].sid == sid)
			return &s->rq[i];
	return NULL;
}

/* every DMA's set, the entries every walk read (or could not), and the movers' first root and context entries */
static void rehome_collect(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
			   const struct dmar_event_result *r, const struct dmar_trace *t)
{
	struct rehome_scan *s = ctx;
	struct requester *q;
	uint32_t i;

	(void)c;
	if (ev->kind != DMAR_EV_DMA)
		return;
	if (r->index < s->n_sets)
		s->sets[r->index] = r->allowed;
	for (i = 0; i < r->allowed.n; i++)
		if (r->allowed.o[i].kind == DMAR_OUT_OK)
			use(s, r->allowed.o[i].hpa, ev->u.dma.rq.len ? ev->u.dma.rq.len : 1);
	q = requester_of(s, ev->u.dma.rq.sid);
	for (i = 0; t && i < t->n && i < t->cap; i++) {
		const struct dmar_step *st = &t->steps[i];
		bool root = st->fmt == DMAR_SHAPE_ROOT || st->fmt == DMAR_SHAPE_SM_ROOT;
		bool ctxe = st->fmt == DMAR_SHAPE_CTX || st->fmt == DMAR_SHAPE_SM_CTX;

		if (st->kind == DMAR_STEP_ABORT)
			use(s, st->hpa, 8);
		if (st->kind != DMAR_STEP_READ)
			continue;
		use(s, st->hpa, 8ull * st->nqw);
		if (q && root && !q->root_read) {
			q->root_read = true;
			q->root_hpa = st->hpa & ~15ull;
		} else if (q && ctxe && !q->ctx_read) {
			q->ctx_read = true;
			q->ctx_hpa = st->hpa & ~(s->sm ? 31ull : 15ull);
		}
	}
}

/* what else the case touches: its memory, the writes, checks and status writes of its events, holes, roms */
static void static_spans(struct rehome_scan *s, const struct dmar_case *c)
{
	uint32_t i;

	for (i = 0; i < c->n_mem; i++)
		use(s, c->mem[i].hpa, 8ull * c->mem[i].n);
	for (i = 0; i < c->n_holes; i++)
		use(s, c->holes[i].hpa, c->holes[i].size);
	for (i = 0; i < c->n_roms; i++)
		use(s, c->roms[i].hpa, c->roms[i].size);
	for (i = 0; i < c->n_events; i++) {
		const struct dmar_event *ev = &c->events[i];

		if (ev->kind == DMAR_EV_WRITE)
			use(s, ev->u.write.hpa, 8ull * ev->u.write.n);
		else if (ev->kind == DMAR_EV_CHECK)
			use(s, ev->u.check.hpa, 8);
		else if (ev->kind == DMAR_EV_CLFLUSH)
			use(s, ev->u.clflush_hpa & ~63ull, 64);
		else if (ev->kind == DMAR_EV_INV && (ev->u.inv.fields & DMAR_INVF_STATUS))
			use(s, ev->u.inv.status_hpa, 8);
	}
}

static bool is_free(const struct rehome_scan *s, uint64_t hpa, uint64_t len)
{
	unsigned i;

	for (i = 0; i < s->n_used; i++)
		if (hpa < s->used[i].hpa + s->used[i].len && s->used[i].hpa < hpa + len)
			return false;
	return true;
}

/* the qword the case's memory starts with at hpa (0 where no mem line says) */
static uint64_t mem_value(const struct dmar_case *c, uint64_t hpa)
{
	uint32_t i;

	for (i = 0; i < c->n_mem; i++)
		if (hpa >= c->mem[i].hpa && hpa < c->mem[i].hpa + 8ull * c->mem[i].n && !(hpa % 8))
			return c->mem[i].v[(hpa - c->mem[i].hpa) / 8];
	return 0;
}

static bool written(const struct dmar_case *c, uint64_t hpa, uint64_t len)
{
	uint32_t i;

	for (i = 0; i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_WRITE && hpa < c->events[i].u.write.hpa + 8ull * c->events[i].u.write.n &&
		    c->events[i].u.write.hpa < hpa + len)
			return true;
	return false;
}

/* the source-id an event names, if any: DMA, atc query, an invalidation by SID (raw descriptors decoded) */
static bool names_sid(const struct dmar_case *c, const struct dmar_event *ev, uint16_t *sid, uint32_t *fm)
{
	struct dmar_unit u;
	struct dmar_inv inv;

	*fm = 0;
	switch (ev->kind) {
	case DMAR_EV_DMA:
		*sid = ev->u.dma.rq.sid;
		return true;
	case DMAR_EV_ATC:
		*sid = ev->u.atc.sid;
		return true;
	case DMAR_EV_INV:
		*sid = ev->u.inv.sid;
		*fm = ev->u.inv.fields & DMAR_INVF_FM ? ev->u.inv.fm : 0;
		return (ev->u.inv.fields & DMAR_INVF_SID) != 0;
	case DMAR_EV_QI:
		dmar_case_unit(c, &u);
		if (dmar_qi_decode(&u, ev->u.qi.w, ev->u.qi.n, &inv) || inv.kind == DMAR_INV_KIND_COUNT ||
		    !(inv.fields & DMAR_INVF_SID))
			return false;
		*sid = inv.sid;
		*fm = inv.fields & DMAR_INVF_FM ? inv.fm : 0;
		return true;
	default:
		return false;
	}
}

/* no event of the case names the device of sid (a candidate slot stays free of the case's own) */
static bool slot_unnamed(const struct dmar_case *c, uint16_t sid)
{
	uint32_t i, fm;
	uint16_t other;

	for (i = 0; i < c->n_events; i++)
		if (names_sid(c, &c->events[i], &other, &fm) && (other >> 3) == (sid >> 3))
			return false;
	return true;
}

/* why requester sid cannot follow a move (an invalidation that cannot be rewritten names it), or NULL */
static const char *pinned(const struct dmar_case *c, uint16_t sid)
{
	uint32_t i, fm;
	uint16_t other;

	for (i = 0; i < c->n_events; i++) {
		if (!names_sid(c, &c->events[i], &other, &fm) || (other >> 3) != (sid >> 3))
			continue;
		if (c->events[i].kind == DMAR_EV_QI)
			return "a raw queued descriptor names its device, and a raw descriptor is not rewritten";
		if (fm)
			return "an invalidation with a function mask names its device";
	}
	return NULL;
}

/* every event naming `from` names `to` instead (DMAs, atc queries, invalidations by SID) */
static void rename_sid(struct dmar_case *c, uint16_t from, uint16_t to)
{
	uint32_t i;

	for (i = 0; i < c->n_events; i++) {
		struct dmar_event *ev = &c->events[i];

		if (ev->kind == DMAR_EV_DMA && ev->u.dma.rq.sid == from)
			ev->u.dma.rq.sid = to;
		else if (ev->kind == DMAR_EV_ATC && ev->u.atc.sid == from)
			ev->u.atc.sid = to;
		else if (ev->kind == DMAR_EV_INV && (ev->u.inv.fields & DMAR_INVF_SID) && ev->u.inv.sid == from)
			ev->u.inv.sid = to;
	}
}

/* a new mem line of n qwords at hpa; -1 when out of memory */
static int add_mem(struct dmar_case *c, uint64_t hpa, const uint64_t *v, uint32_t n)
{
	struct dmar_qwords *m = realloc(c->mem, (c->n_mem + 1) * sizeof(*m));
	uint64_t *w = malloc(n * sizeof(*w));

	if (m)
		c->mem = m;
	if (!m || !w) {
		free(w);
		return -1;
	}
	memcpy(w, v, n * sizeof(*w));
	c->mem[c->n_mem++] = (struct dmar_qwords){ .hpa = hpa, .n = n, .v = w };
	return 0;
}

static void drop_mem(struct dmar_case *c, unsigned n)
{
	while (n--)
		free(c->mem[--c->n_mem].v);
}

static bool fits_pool(const struct dmar_hw_target *t, uint64_t pa, uint64_t len)
{
	return pa >= t->pool && pa + len <= t->pool_end && pa + len > pa;
}

/* a move's result: what it wrote, for the report line */
struct move {
	uint64_t root_at, ctx_at, shared_ctx;
	bool root_new, ctx_new, root_same; /* root_same: the walks stop at a root entry equal to the old one */
	unsigned added; /* mem lines */
};

/*
 * Lays requester q's entries out for slot `to`: the root entry of to's bus
 * (as the case has it when the walks use it, else a copy of q's, in scalable
 * mode only the half to's devfn picks), then the context entry at to's devfn
 * of the table that root entry names (the same entry, or a copy of q's in a
 * 16- or 32-byte slot the case does not use).  0, 1 when the slot does not
 * do, -1 when out of memory.
 */
static int lay_out(struct dmar_case *c, const struct rehome_scan *s, const struct requester *q, uint16_t to,
		   const struct dmar_hw_target *t, struct move *mv)
{
	unsigned from_hi = s->sm && (q->sid & 0x80), to_hi = s->sm && (to & 0x80);
	uint64_t root_at = q->root_hpa - 16ull * (q->sid >> 8) + 16ull * (to >> 8);
	uint64_t old_root[2] = { mem_value(c, q->root_hpa), mem_value(c, q->root_hpa + 8) };
	uint64_t root[2] = { mem_value(c, root_at), mem_value(c, root_at + 8) };
	uint64_t ctx[4] = { 0 }, ctp, size = s->sm ? 32 : 16, at;
	unsigned k;

	memset(mv, 0, sizeof(*mv));
	if (!q->root_read)
		return 0; /* translation off: no entry to carry */
	if (!q->ctx_read) {
		/* the walk stopped at the root entry: the new bus's must be the same */
		mv->root_same = true;
		if (root_at == q->root_hpa || (root[0] == old_root[0] && root[1] == old_root[1] && !written(c, root_at, 16)))
			return 0;
		mv->root_same = false;
		if (!is_free(s, root_at, 16) || !fits_pool(t, root_at, 16))
			return 1;
		mv->root_new = true;
		mv->root_at = root_at;
		mv->added = 1;
		return add_mem(c, root_at, old_root, 2);
	}
	if (root_at != q->root_hpa && is_free(s, root_at, 16)) {
		if (!fits_pool(t, root_at, 16))
			return 1;
		/* a root entry of its own for the new bus, pointing at the old context table */
		if (s->sm) {
			root[0] = root[1] = 0;
			ctp = dmar_entry_get(old_root, dmar_sm_root_fields, from_hi ? DMAR_SM_ROOT_UCTP : DMAR_SM_ROOT_LCTP);
			dmar_entry_set(root, dmar_sm_root_fields, to_hi ? DMAR_SM_ROOT_UP : DMAR_SM_ROOT_LP, 1);
			dmar_entry_set(root, dmar_sm_root_fields, to_hi ? DMAR_SM_ROOT_UCTP : DMAR_SM_ROOT_LCTP, ctp);
		} else {
			root[0] = old_root[0];
			root[1] = old_root[1];
		}
		mv->root_new = true;
		mv->root_at = root_at;
	} else if (written(c, root_at, 16)) {
		return 1;
	}
	if (s->sm) {
		if (!dmar_entry_get(root, dmar_sm_root_fields, to_hi ? DMAR_SM_ROOT_UP : DMAR_SM_ROOT_LP))
			return 1;
		ctp = dmar_entry_get(root, dmar_sm_root_fields, to_hi ? DMAR_SM_ROOT_UCTP : DMAR_SM_ROOT_LCTP);
	} else {
		if (!dmar_entry_get(root, dmar_root_fields, DMAR_ROOT_P))
			return 1;
		ctp = dmar_entry_get(root, dmar_root_fields, DMAR_ROOT_CTP);
	}
	at = ctp + size * (to & (s->sm ? 0x7f : 0xff));
	if (at == q->ctx_hpa) {
		mv->shared_ctx = at;
	} else {
		if (!is_free(s, at, size) || !fits_pool(t, at, size) || (mv->root_new && at < root_at + 16 && root_at < at + size))
			return 1;
		for (k = 0; k < size / 8; k++)
			ctx[k] = mem_value(c, q->ctx_hpa + 8ull * k);
		mv->ctx_new = true;
		mv->ctx_at = at;
		if (add_mem(c, at, ctx, (uint32_t)(size / 8)))
			return -1;
		mv->added++;
	}
	if (mv->root_new) {
		if (add_mem(c, root_at, root, 2))
			return -1;
		mv->added++;
	}
	return 0;
}

/* every DMA of the case has the set it had */
static bool same_sets(struct dmar_case *c, const char *file, const struct rehome_scan *before,
		      struct rehome_scan *after)
{
	struct dmar_case_summary sum;
	struct dmar_error err;
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
	uint32_t i;

	after->n_used = 0;
	after->n_rq = 0;
	after->sm = before->sm;
	if (dmar_case_execute(c, file, NULL, rehome_collect, after, &trace, &sum, &err))
		return false;
	for (i = 0; i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_DMA && !dmar_outcome_set_equal(&before->sets[i], &after->sets[i]))
			return false;
	return true;
}

/* the slots an engine can sit at, bus 0 first, function 0 first */
static unsigned slots(uint16_t *out)
{
	unsigned n = 0, fn, dev, bus;

	for (fn = 0; fn < 8; fn++) {
		for (dev = 1; dev < 0x1f; dev++)
			out[n++] = (uint16_t)(dev << 3 | fn);
		for (bus = 1; bus <= DMAR_QEMU_MAX_BUS; bus++)
			out[n++] = (uint16_t)(bus << 8 | fn);
	}
	return n;
}

static void say_sid(FILE *f, uint16_t sid)
{
	fprintf(f, "%02x:%02x.%x", sid >> 8, (sid >> 3) & 0x1f, sid & 7);
}

static void say_move(FILE *f, const char *file, uint16_t from, uint16_t to, const struct move *mv)
{
	fprintf(f, "fit %s: requester ", file);
	say_sid(f, from);
	fputs(" -> ", f);
	say_sid(f, to);
	if (mv->ctx_new)
		fprintf(f, " (context entry copied to 0x%llx", (unsigned long long)mv->ctx_at);
	else if (mv->shared_ctx)
		fprintf(f, " (context entry 0x%llx shared", (unsigned long long)mv->shared_ctx);
	else if (mv->root_new)
		fprintf(f, " (its walks stop at the root entry");
	else if (mv->root_same)
		fprintf(f, " (its walks stop at the root entry, bus %02x's is the same", to >> 8);
	else
		fprintf(f, " (its walks read no entry");
	if (mv->root_new)
		fprintf(f, ", root entry of bus %02x written at 0x%llx", to >> 8, (unsigned long long)mv->root_at);
	fputs(")\n", f);
}

static void say_stays(FILE *f, const char *file, uint16_t sid, const char *why)
{
	fprintf(f, "fit %s: requester ", file);
	say_sid(f, sid);
	fprintf(f, " stays: %s\n", why);
}

/* would an engine fire some DMA of sid, were it at a slot one can sit at? */
static bool worth_moving(const struct dmar_case *c, uint16_t sid)
{
	uint32_t i;

	for (i = 0; i < c->n_events; i++) {
		const struct dmar_request *rq = &c->events[i].u.dma.rq;

		if (c->events[i].kind != DMAR_EV_DMA)
			continue;
		if (rq->sid == sid && rq->at == DMAR_AT_UT && !rq->has_pasid &&
		    rq->access != DMAR_ACC_ATOMIC && rq->len)
			return true;
	}
	return false;
}

/* moves each requester no engine can sit at; how many moved, -1 when out of memory */
static int rehome(struct dmar_case *c, const char *file, const struct dmar_hw_target *t, FILE *report)
{
	struct rehome_scan *s = calloc(2, sizeof(*s));
	struct dmar_outcome_set *sets = calloc(2 * (size_t)c->n_events + 2, sizeof(*sets));
	struct dmar_case_summary sum;
	struct dmar_error err;
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
	uint16_t cand[8 * (30 + DMAR_QEMU_MAX_BUS)];
	unsigned n_cand = slots(cand), i, k;
	int moved = 0;
	uint32_t e;

	if (!s || !sets) {
		free(s);
		free(sets);
		return -1;
	}
	s[0].sm = DMAR_RTADDR_TTM(c->rtaddr) == DMAR_TTM_SCALABLE;
	s[0].sets = sets;
	s[0].n_sets = c->n_events;
	s[1].sets = sets + c->n_events + 1;
	s[1].n_sets = c->n_events;
	for (e = 0; e < c->n_events; e++) {
		uint16_t sid;

		if (c->events[e].kind != DMAR_EV_DMA)
			continue;
		sid = c->events[e].u.dma.rq.sid;
		if (dmar_hw_sid_unplaceable(sid) && !requester_of(&s[0], sid) && worth_moving(c, sid) &&
		    s[0].n_rq < REHOME_REQS)
			s[0].rq[s[0].n_rq++] = (struct requester){ .sid = sid };
	}
	if (!s[0].n_rq)
		goto out;
	for (e = 0; e < c->n_events; e++)
		if (c->events[e].kind == DMAR_EV_SRTP && c->events[e].u.srtp.has_rtaddr)
			break;
	if (e < c->n_events || (!s[0].sm && DMAR_RTADDR_TTM(c->rtaddr) != DMAR_TTM_LEGACY)) {
		for (i = 0; i < s[0].n_rq; i++)
			say_stays(report, file, s[0].rq[i].sid,
				  e < c->n_events ? "the case latches another root table" : "the unit is in abort mode");
		goto out;
	}
	if (dmar_case_execute(c, file, NULL, rehome_collect, &s[0], &trace, &sum, &err))
		goto out;
	static_spans(&s[0], c);
	for (i = 0; i < s[0].n_rq; i++) {
		const struct requester *q = &s[0].rq[i];
		const char *why = s[0].full ? "the case uses more memory than the search keeps" : pinned(c, q->sid);
		struct move mv = { 0 };
		int rc = 1;

		if (!why && q->root_read && written(c, q->root_hpa, 16))
			why = "the case rewrites its root entry";
		if (!why && q->ctx_read && written(c, q->ctx_hpa, s[0].sm ? 32 : 16))
			why = "the case rewrites its context entry";
		for (k = 0; !why && rc && k < n_cand; k++) {
			if (!slot_unnamed(c, cand[k]))
				continue;
			if ((rc = lay_out(c, &s[0], q, cand[k], t, &mv)) < 0)
				goto oom;
			if (rc)
				continue;
			rename_sid(c, q->sid, cand[k]);
			if (same_sets(c, file, &s[0], &s[1]))
				break;
			rename_sid(c, cand[k], q->sid);
			drop_mem(c, mv.added);
			rc = 1;
		}
		if (!why && rc)
			why = "no free slot an engine can sit at gives it the same entries";
		if (why) {
			say_stays(report, file, q->sid, why);
			continue;
		}
		say_move(report, file, q->sid, cand[k], &mv);
		/* what the move wrote is the case's memory now: later moves keep off it */
		if (mv.ctx_new)
			use(&s[0], mv.ctx_at, s[0].sm ? 32 : 16);
		if (mv.root_new)
			use(&s[0], mv.root_at, 16);
		moved++;
	}
out:
	free(s);
	free(sets);
	return moved;
oom:
	free(s);
	free(sets);
	return -1;
}

int dmar_hw_fit_case(struct dmar_case *c, const char *file, const struct dmar_hw_target *t, FILE *report)
{
	int n = fit_dte(c, file, t, report), m = rehome(c, file, t, report);

	return m < 0 ? -1 : n + m;
}
