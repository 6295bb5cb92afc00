// SPDX-License-Identifier: Apache-2.0
/* The device-TLB model (harness/atc.h; vtd-notes 9.1, 9.4 types 3h and 8h). */
#include <stdlib.h>
#include <string.h>

#include "harness/blocks.h"
#include "harness/atc.h"
#include "harness/grow.h"

/* log2 of an invalidation's size in bytes, rounded up to a power of two of at least 4K */
static unsigned size_lg2(uint64_t size)
{
	unsigned lg2 = 12;

	while (lg2 < 64 && (1ull << lg2) < size)
		lg2++;
	return lg2;
}

void dmar_atc_fill(struct dmar_atc *a, const struct dmar_request *rq,
		   const struct dmar_outcome_set *allowed, uint32_t event)
{
	uint32_t i;

	for (i = 0; i < allowed->n; i++) {
		const struct dmar_outcome *o = &allowed->o[i];
		struct dmar_atc_entry *e;

		/* a completion granting nothing (`ats -`, faults) leaves nothing to use */
		if (o->kind != DMAR_OUT_ATS || !(o->ats & (DMAR_ATS_R | DMAR_ATS_W)))
			continue;
		if (a->n == a->cap) {
			void *p = dmar_grow(a->e, a->n, &a->cap, sizeof(*a->e), 16);

			if (!p)
				return;
			a->e = p;
		}
		e = &a->e[a->n++];
		memset(e, 0, sizeof(*e));
		e->sid = rq->sid;
		e->has_pasid = rq->has_pasid;
		e->pasid = rq->pasid;
		e->base = dmar_block_base(rq->addr, o->size_lg2);
		e->o = *o;
		e->event = event;
	}
}

/*
 * dev_tlb_inv_dsc reaches the entries made by requests without PASID,
 * p_dev_tlb_inv_dsc those of its PASID (vtd-notes 9.9).
 */
static bool covers(const struct dmar_inv *inv, const struct dmar_atc_entry *e)
{
	bool with_pasid = inv->fields & DMAR_INVF_PASID;

	if (e->sid != inv->sid || e->has_pasid != with_pasid || (with_pasid && e->pasid != inv->pasid))
		return false;
	return dmar_blocks_meet(e->base, e->o.size_lg2, inv->addr, size_lg2(inv->size));
}

void dmar_atc_invalidate(struct dmar_atc *a, const struct dmar_inv *inv, uint32_t before)
{
	size_t i, kept = 0;

	for (i = 0; i < a->n; i++)
		if (a->e[i].event >= before || !covers(inv, &a->e[i]))
			a->e[kept++] = a->e[i];
	a->n = kept;
}

bool dmar_atc_lookup(const struct dmar_atc *a, const struct dmar_atc_query *q,
		     struct dmar_outcome_set *out)
{
	bool fits = true;
	const struct dmar_outcome miss = { .kind = DMAR_OUT_MISS };
	size_t i;

	out->n = 0;
	dmar_outcome_set_add(out, &miss);
	for (i = 0; i < a->n; i++) {
		const struct dmar_atc_entry *e = &a->e[i];

		if (e->sid == q->sid && e->has_pasid == q->has_pasid &&
		    (!q->has_pasid || e->pasid == q->pasid) &&
		    dmar_blocks_meet(e->base, e->o.size_lg2, q->addr, 12))
			fits &= dmar_outcome_set_add(out, &e->o);
	}
	return fits;
}

void dmar_atc_free(struct dmar_atc *a)
{
	free(a->e);
	memset(a, 0, sizeof(*a));
}
