// SPDX-License-Identifier: Apache-2.0
/*
 * Steps that come before any remapping structure is read and that every
 * mode shares: translation disabled, requests to the interrupt range, the
 * ATS protocol rule; and the permission rule of the final access.
 */
#include "oracles/walk.h"
#include "oracles/bits.h"

bool dmar_irq_range(uint64_t first, uint64_t last)
{
	return first <= DMAR_IRQ_LAST && last >= DMAR_IRQ_BASE;
}

static bool is_dword_write(const struct dmar_request *rq)
{
	return rq->access == DMAR_ACC_WRITE && rq->len == 4 && (rq->addr & 3) == 0;
}

static bool is_zlr(const struct dmar_request *rq)
{
	return rq->access == DMAR_ACC_READ && rq->len == 0;
}

/*
 * An untranslated request without PASID to FEE0_0000..FEEF_FFFF is never
 * DMA-translated (vtd-notes 7.6): a DWORD write is an interrupt request, a
 * zero-length read completes, anything else is the interrupt-remapping
 * fault 29h.  This holds whatever the remapping mode and TES.
 */
static bool irq_input(struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;

	if (rq->at != DMAR_AT_UT || rq->has_pasid)
		return false;
	if (!dmar_check(w, DMAR_CHK_IRQ_INPUT, dmar_irq_range(rq->addr, rq->addr), DMAR_FR_IR,
			rq->addr))
		return false;
	if (is_dword_write(rq))
		dmar_emit_kind(w, DMAR_OUT_INTERRUPT);
	else if (is_zlr(rq))
		dmar_emit_ok(w, rq->addr);
	else
		dmar_emit_fault(w, DMAR_FR_IR);
	return true;
}

bool dmar_request_prechecks(struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;

	if (irq_input(w))
		return true;
	/* TES=0: untranslated requests pass as they are; ATS traffic is UR */
	if (dmar_check(w, DMAR_CHK_TRANSLATION_ENABLED, !w->o->unit.te, 0, 0)) {
		if (rq->at == DMAR_AT_UT)
			dmar_emit_ok(w, rq->addr);
		else
			dmar_emit_kind(w, DMAR_OUT_UR);
		return true;
	}
	/* a translation request is a read; a write or atomic with AT=01 is UR */
	if (rq->at == DMAR_AT_TR &&
	    dmar_check(w, DMAR_CHK_ATS_PROTOCOL, rq->access != DMAR_ACC_READ, 0, rq->access)) {
		dmar_emit_kind(w, DMAR_OUT_UR);
		return true;
	}
	return false;
}

/*
 * Reads need R, writes W, atomics both (vtd-notes 4.4).  A zero-length read
 * whose only failing check is read permission completes when CAP.ZLR=1
 * (vtd-notes 7.5): it is excused only at the end of a complete walk whose
 * other checks pass (`DMAR_PERM_FINAL`).  Beside another failure (a walk that
 * failed further down, an output in the interrupt range: `DMAR_PERM_EARLY`)
 * read permission is not the only failing check, so its fault stands beside
 * the other one (corpora/regressions/R21); an entry that is not present
 * (`DMAR_PERM_ABSENT`) can never be excused: there is no address.
 */
bool dmar_emit_perm_faults(struct dmar_walk *w, uint8_t have, unsigned when, uint8_t code_w,
			   uint8_t code_r)
{
	const struct dmar_request *rq = w->rq;
	bool need_r = rq->access != DMAR_ACC_WRITE, need_w = rq->access != DMAR_ACC_READ;
	bool zlr_excused = is_zlr(rq) && DMAR_CAP_ZLR(w->o->unit.cap) && when == DMAR_PERM_FINAL;
	bool denied = false;

	have &= DMAR_PERM_R | DMAR_PERM_W;
	if (need_w && dmar_check(w, DMAR_CHK_PERM_WRITE, !(have & DMAR_PERM_W), code_w, have)) {
		dmar_emit_fault(w, code_w);
		denied = true;
	}
	if (need_r && !(have & DMAR_PERM_R) && zlr_excused) {
		dmar_check(w, DMAR_CHK_ZLR, false, 0, have);
	} else if (need_r && dmar_check(w, DMAR_CHK_PERM_READ, !(have & DMAR_PERM_R), code_r, have)) {
		dmar_emit_fault(w, code_r);
		denied = true;
	}
	return denied;
}

/*
 * The request's permissions are already lost above a walk that failed: true
 * when `have` denies it.  The walk's failure is a second failing check, so
 * CAP.ZLR excuses nothing here (vtd-notes 7.5, corpora/regressions/R21).
 */
bool dmar_perm_denies(const struct dmar_walk *w, uint8_t have)
{
	const struct dmar_request *rq = w->rq;

	if (rq->at == DMAR_AT_TR)
		return (have & (DMAR_PERM_R | DMAR_PERM_W)) == 0;
	if (rq->access != DMAR_ACC_READ && !(have & DMAR_PERM_W))
		return true;
	return rq->access != DMAR_ACC_WRITE && !(have & DMAR_PERM_R);
}

bool dmar_below_haw(struct dmar_walk *w, uint64_t addr, uint8_t code)
{
	if (dmar_check(w, DMAR_CHK_HAW_LIMIT, !dmar_below_lg2(addr, w->o->unit.haw), code, addr)) {
		dmar_emit_fault(w, code);
		return false;
	}
	return true;
}

/* output (or for pass-through and translated requests, input) not in FEEx */
bool dmar_outside_irq(struct dmar_walk *w, uint64_t first, uint64_t last, uint8_t code)
{
	if (dmar_check(w, DMAR_CHK_OUTPUT_IRQ, dmar_irq_range(first, last), code, first)) {
		dmar_emit_fault(w, code);
		return false;
	}
	return true;
}

/*
 * A translation completion (vtd-notes 7.2): perm is the effective R/W for the
 * request; NW clears W where the unit honours it (ECAP.NWFS); no permission
 * at all is Success with R=W=0 ("ats -"); a translation overlapping the
 * interrupt range is `irq_code` (CA).
 */
void dmar_emit_ats(struct dmar_walk *w, uint64_t oa, unsigned size_lg2, uint8_t perm, bool n,
		   bool priv, uint8_t irq_code)
{
	struct dmar_outcome out = { .kind = DMAR_OUT_ATS, .hpa = oa, .size_lg2 = (uint8_t)size_lg2 };

	perm &= DMAR_PERM_R | DMAR_PERM_W;
	if (w->rq->nw && dmar_bit(w->o->unit.ecap, DMAR_ECAP_NWFS))
		perm &= (uint8_t)~DMAR_PERM_W;
	if (perm == 0) {
		/* an output overlapping the interrupt range still holds beside it (R22) */
		dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
		if (irq_code)
			dmar_outside_irq(w, oa, oa + (1ull << size_lg2) - 1, irq_code);
		return;
	}
	if (irq_code && !dmar_outside_irq(w, oa, oa + (1ull << size_lg2) - 1, irq_code))
		return;
	out.ats = (uint8_t)((perm & DMAR_PERM_R ? DMAR_ATS_R : 0) |
			    (perm & DMAR_PERM_W ? DMAR_ATS_W : 0) | (n ? DMAR_ATS_N : 0) |
			    (priv ? DMAR_ATS_PRIV : 0));
	dmar_emit(w, &out);
}

/*
 * The completions a translation through a page of 2^page_lg2 bytes at `oa`
 * allows (docs/oracle-semantics.md, "Completion size"): the page itself, or
 * a naturally aligned piece of it of a size the IOTLB holds (4K, 2M, below the
 * page) that contains the request's address -- a unit may hold the page
 * fractured and answer from a piece (vtd-notes 9.1).  Each candidate is checked
 * against the interrupt range on its own.
 */
void dmar_emit_ats_page(struct dmar_walk *w, uint64_t oa, unsigned page_lg2, uint8_t perm, bool n,
			bool priv, uint8_t irq_code)
{
	uint64_t out = oa | dmar_lg2_mod(w->rq->addr, page_lg2);
	unsigned lg2;

	dmar_emit_ats(w, oa, page_lg2, perm, n, priv, irq_code);
	for (lg2 = 12; lg2 < page_lg2; lg2 += 9)
		dmar_emit_ats(w, dmar_lg2_align_down(out, lg2), lg2, perm, n, priv, irq_code);
}

/* S.1 / S.2: a translation request without PASID for FEEx (vtd-notes 7.6) */
void dmar_ats_irq_input(struct dmar_walk *w)
{
	struct dmar_outcome out = { .kind = DMAR_OUT_ATS, .hpa = w->rq->addr & ~0xfffull,
				    .size_lg2 = 12, .ats = DMAR_ATS_W | DMAR_ATS_U };

	if (w->rq->nw)
		dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
	else
		dmar_emit(w, &out);
}
