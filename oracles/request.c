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
 * DMA-translated (digest 7.6): a DWORD write is an interrupt request, a
 * zero-length read completes, anything else is the interrupt-remapping
 * fault 29h.  This holds whatever the remapping mode and TES.
 */
static bool irq_input(struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;

	if (rq->at != DMAR_AT_UT || rq->has_pasid)
		return false;
	if (!dmar_check(w, DMAR_CHK_IRQ_INPUT, dmar_irq_range(rq->addr, rq->addr), 0x29, rq->addr))
		return false;
	if (is_dword_write(rq))
		dmar_emit_kind(w, DMAR_OUT_INTERRUPT);
	else if (is_zlr(rq))
		dmar_emit_ok(w, rq->addr);
	else
		dmar_emit_fault(w, 0x29);
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
 * Reads need R, writes W, atomics both (digest 4.4).  A zero-length read
 * whose only failing check is read permission completes when CAP.ZLR=1
 * (digest 7.5): at the end of a complete walk it is excused, while the walk
 * is still going (`DMAR_PERM_EARLY`) it is not yet a failure, and an entry
 * that is not present can never be excused: there is no address.
 */
bool dmar_emit_perm_faults(struct dmar_walk *w, uint8_t have, unsigned when, uint8_t code_w,
			   uint8_t code_r)
{
	const struct dmar_request *rq = w->rq;
	bool need_r = rq->access != DMAR_ACC_WRITE, need_w = rq->access != DMAR_ACC_READ;
	bool zlr_excused = is_zlr(rq) && DMAR_CAP_ZLR(w->o->unit.cap) && when != DMAR_PERM_ABSENT;
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

/* the request's permissions are already lost: true when `have` denies it */
bool dmar_perm_denies(const struct dmar_walk *w, uint8_t have)
{
	const struct dmar_request *rq = w->rq;
	bool zlr_excused = is_zlr(rq) && DMAR_CAP_ZLR(w->o->unit.cap);

	if (rq->at == DMAR_AT_TR)
		return (have & (DMAR_PERM_R | DMAR_PERM_W)) == 0;
	if (rq->access != DMAR_ACC_READ && !(have & DMAR_PERM_W))
		return true;
	return rq->access != DMAR_ACC_WRITE && !(have & DMAR_PERM_R) && !zlr_excused;
}
