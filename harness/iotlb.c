// SPDX-License-Identifier: Apache-2.0
/*
 * The IOTLB's final translations (vtd-notes 9.1, 9.5).  Entries are indexed
 * by their size and the aligned block they cover, so a lookup probes one
 * bucket per size present.
 */
#include <stdlib.h>
#include <string.h>

#include "harness/blocks.h"
#include "harness/iotlb.h"
#include "harness/grow.h"

#define DMAR_IOTLB_BUCKETS 1024u

static size_t bucket(unsigned lg2, uint64_t addr)
{
	uint64_t key = (addr >> lg2) * 64 + lg2;

	return (size_t)(key * 0x9e3779b97f4a7c15ull >> 40) & (DMAR_IOTLB_BUCKETS - 1);
}

/* the index from scratch (after removals); false when out of memory */
static bool reindex(struct dmar_iotlb *tlb)
{
	size_t i, b;

	if (!tlb->head && !(tlb->head = malloc(DMAR_IOTLB_BUCKETS * sizeof(*tlb->head))))
		return false;
	for (b = 0; b < DMAR_IOTLB_BUCKETS; b++)
		tlb->head[b] = SIZE_MAX;
	tlb->sizes = 0;
	for (i = 0; i < tlb->n; i++) {
		const struct dmar_translation *t = &tlb->e[i].t;

		b = bucket(t->size_lg2, t->in);
		tlb->next[i] = tlb->head[b];
		tlb->head[b] = i;
		tlb->sizes |= 1ull << t->size_lg2;
	}
	return true;
}

void dmar_iotlb_free(struct dmar_iotlb *tlb)
{
	free(tlb->e);
	free(tlb->head);
	free(tlb->next);
	tlb->e = NULL;
	tlb->head = tlb->next = NULL;
	tlb->n = tlb->cap = 0;
	tlb->sizes = 0;
}

void dmar_iotlb_clear(struct dmar_iotlb *tlb)
{
	tlb->n = 0;
	if (tlb->head)
		reindex(tlb);
}

/* two entries that answer every request alike (their tags aside) */
static bool same_answer(const struct dmar_translation *a, const struct dmar_translation *b, uint64_t addr)
{
	return a->out + (addr - a->in) == b->out + (addr - b->in) && a->size_lg2 == b->size_lg2 &&
	       a->perm == b->perm && a->how == b->how && a->irq_code == b->irq_code &&
	       a->dirty == b->dirty && a->n == b->n && a->ats_ok == b->ats_ok &&
	       a->first_stage == b->first_stage && a->pass_through == b->pass_through;
}

static bool same_entry(const struct dmar_tlb_entry *a, const struct dmar_tlb_entry *b)
{
	return a->sid == b->sid && a->has_pasid == b->has_pasid && a->rq_pasid == b->rq_pasid &&
	       a->did == b->did && a->pasid == b->pasid && a->t.in == b->t.in &&
	       same_answer(&a->t, &b->t, a->t.in);
}

void dmar_iotlb_fill(struct dmar_iotlb *tlb, const struct dmar_tlb_entry *e)
{
	size_t i, b = bucket(e->t.size_lg2, e->t.in), same_page = 0, first = SIZE_MAX;

	for (i = tlb->head ? tlb->head[b] : SIZE_MAX; i != SIZE_MAX; i = tlb->next[i]) {
		if (same_entry(&tlb->e[i], e)) {
			if (tlb->e[i].event < e->event)
				tlb->e[i].event = e->event;
			return;
		}
		if (tlb->e[i].sid == e->sid && tlb->e[i].t.in == e->t.in && tlb->e[i].t.size_lg2 == e->t.size_lg2) {
			first = first == SIZE_MAX ? i : first;
			same_page++;
		}
	}
	/* at most one translation more than a lookup follows for a requester's page: then lookups are cut */
	if (same_page > DMAR_MAX_STALE) {
		tlb->e[first].overflow = true;
		return;
	}
	if (tlb->n == tlb->cap) {
		size_t cap = tlb->cap;
		void *p = dmar_grow(tlb->e, tlb->n, &cap, sizeof(*tlb->e), 64), *q;

		if (!p)
			return; /* a cache may always drop an entry */
		tlb->e = p;
		if (!(q = realloc(tlb->next, cap * sizeof(*tlb->next))))
			return;
		tlb->next = q;
		tlb->cap = cap;
	}
	if (!tlb->head && !reindex(tlb))
		return;
	tlb->e[tlb->n] = *e;
	tlb->next[tlb->n] = tlb->head[b];
	tlb->head[b] = tlb->n++;
	tlb->sizes |= 1ull << e->t.size_lg2;
}

/*
 * Lookup tags (vtd-notes 9.1): the requester, and whether the request has a
 * PASID (which one, if so).  In scalable mode a unit may also let a request
 * with PASID use an entry made without one when its PASID is the RID_PASID
 * the entry is tagged with.
 */
static bool same_requester(const struct dmar_iotlb *tlb, const struct dmar_tlb_entry *e,
			   const struct dmar_request *rq)
{
	if (e->sid != rq->sid)
		return false;
	if (e->has_pasid == rq->has_pasid)
		return !rq->has_pasid || e->rq_pasid == rq->pasid;
	return tlb->scalable && rq->has_pasid && e->pasid == rq->pasid;
}

unsigned dmar_iotlb_lookup(const struct dmar_iotlb *tlb, const struct dmar_request *rq,
			   struct dmar_translation *out, uint32_t *events, unsigned max)
{
	unsigned n = 0, j, lg2;
	size_t i;

	if (!tlb->head)
		return 0;
	for (lg2 = 12; lg2 < 64; lg2++) {
		if (!(tlb->sizes >> lg2 & 1))
			continue;
		for (i = tlb->head[bucket(lg2, rq->addr & ~((1ull << lg2) - 1))]; i != SIZE_MAX;
		     i = tlb->next[i]) {
			const struct dmar_tlb_entry *e = &tlb->e[i];

			if (e->t.size_lg2 != lg2 || (e->t.in >> lg2) != (rq->addr >> lg2) ||
			    !same_requester(tlb, e, rq))
				continue;
			if (e->overflow)
				return max + 1;
			for (j = 0; j < n && !same_answer(&out[j], &e->t, rq->addr); j++)
				;
			if (j < n) {
				if (events[j] < e->event)
					events[j] = e->event;
				continue;
			}
			if (n == max)
				return max + 1;
			out[n] = e->t;
			events[n++] = e->event;
		}
	}
	return n;
}

/* does inv reach this entry at all (its range aside for the page-selective kinds) */
static bool reaches(const struct dmar_iotlb *tlb, const struct dmar_inv *inv, const struct dmar_tlb_entry *e,
		    bool *ranged)
{
	*ranged = false;
	switch (inv->kind) {
	case DMAR_INV_IOTLB_GLOBAL:
		return true;
	case DMAR_INV_IOTLB_DOMAIN:
		return e->did == inv->did;
	case DMAR_INV_IOTLB_PAGE:
		/* scalable mode: all first-stage and nested entries of the domain (vtd-notes 9.5) */
		*ranged = !(tlb->scalable && e->t.first_stage);
		return e->did == inv->did;
	case DMAR_INV_PIOTLB_PASID:
		return e->did == inv->did && e->pasid == inv->pasid;
	case DMAR_INV_PIOTLB_PAGE:
		*ranged = true;
		return e->did == inv->did && e->pasid == inv->pasid && e->t.first_stage;
	default:
		return false;
	}
}

/*
 * The pieces of a large entry outside an invalidated block inside it: one
 * aligned block per size between the invalidation's and the entry's (a unit
 * may hold the page as smaller entries, vtd-notes 9.1).
 */
static size_t fracture(const struct dmar_tlb_entry *e, uint64_t addr, unsigned inv_lg2,
		       struct dmar_tlb_entry *out)
{
	unsigned lg2;
	size_t n = 0;

	for (lg2 = inv_lg2; lg2 < e->t.size_lg2; lg2++) {
		out[n] = *e;
		out[n].t.in = ((addr >> lg2) ^ 1) << lg2;
		out[n].t.out = e->t.out + (out[n].t.in - e->t.in);
		out[n].t.size_lg2 = (uint8_t)lg2;
		n++;
	}
	return n;
}

void dmar_iotlb_invalidate(struct dmar_iotlb *tlb, const struct dmar_inv *inv, uint32_t before)
{
	struct dmar_tlb_entry *pieces = NULL, *p;
	size_t i, kept = 0, n_pieces = 0, cap_pieces = 0;
	unsigned inv_lg2 = 12 + inv->am;
	bool ranged, changed = false;

	for (i = 0; i < tlb->n; i++) {
		const struct dmar_tlb_entry *e = &tlb->e[i];

		if (e->event >= before || !reaches(tlb, inv, e, &ranged) ||
		    (ranged && !dmar_blocks_meet(e->t.in, e->t.size_lg2, inv->addr, inv_lg2))) {
			tlb->e[kept++] = *e;
			continue;
		}
		changed = true;
		if (ranged && inv_lg2 < e->t.size_lg2) {
			if (n_pieces + 64 > cap_pieces) { /* at most 52 pieces an entry */
				p = realloc(pieces, (cap_pieces + 256) * sizeof(*pieces));
				if (!p)
					continue; /* dropping the whole entry is always allowed */
				pieces = p;
				cap_pieces += 256;
			}
			n_pieces += fracture(e, inv->addr, inv_lg2, pieces + n_pieces);
		}
	}
	if (!changed)
		return;
	tlb->n = kept;
	if (!reindex(tlb))
		tlb->n = 0;
	for (i = 0; i < n_pieces; i++)
		dmar_iotlb_fill(tlb, &pieces[i]);
	free(pieces);
}
