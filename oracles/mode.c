// SPDX-License-Identifier: Apache-2.0
/* The remapping mode RTADDR selects, and the faults of the mode itself. */
#include "oracles/walk.h"
#include "oracles/bits.h"

/* ---- mode (RTADDR) ------------------------------------------------------ */

/*
 * RTA.x conditions (vtd-notes 1.5, 8.1, 8.3 step 2).  Returns the mode whose
 * walk goes on, or DMAR_MODE_DECIDED when the request ends here.
 */
int dmar_mode_checks(struct dmar_walk *w)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	uint64_t ecap = o->unit.ecap;
	bool decided = false;
	uint8_t code;

	/* RTA.5: execute-requested with PASID, VER major >= 8 (vtd-notes 7.7) */
	if (rq->has_pasid && rq->exec && rq->at != DMAR_AT_PR && ((o->unit.ver >> 4) & 0xf) >= 8) {
		dmar_check(w, DMAR_CHK_TTM, true, DMAR_FR_RTA_5, o->ttm);
		dmar_emit_fault(w, DMAR_FR_RTA_5);
		decided = true;
	}
	switch (o->ttm) {
	case DMAR_TTM_ABORT: /* RTA.4 / RTA.1.1 */
		code = dmar_bit(ecap, DMAR_ECAP_ADMS) ? DMAR_FR_RTA_4 : DMAR_FR_RTA_1;
		dmar_check(w, DMAR_CHK_TTM, true, code, o->ttm);
		dmar_emit_fault(w, code);
		return DMAR_MODE_DECIDED;
	case DMAR_TTM_RESERVED:
		dmar_check(w, DMAR_CHK_TTM, true, DMAR_FR_RTA_1, o->ttm);
		dmar_emit_fault(w, DMAR_FR_RTA_1); /* RTA.1.2 */
		return DMAR_MODE_DECIDED;
	case DMAR_TTM_SCALABLE:
		if (dmar_check(w, DMAR_CHK_TTM, !dmar_bit(ecap, DMAR_ECAP_SMTS), DMAR_FR_RTA_1, o->ttm)) {
			dmar_emit_fault(w, DMAR_FR_RTA_1); /* RTA.1.3 */
			return DMAR_MODE_DECIDED;
		}
		return decided ? DMAR_MODE_DECIDED : DMAR_MODE_GO_SCALABLE;
	default:
		break;
	}
	dmar_check(w, DMAR_CHK_TTM, false, 0, o->ttm);
	/* RTA.3: legacy mode has no page requests */
	if (dmar_check(w, DMAR_CHK_PRQ_LEGACY, rq->at == DMAR_AT_PR, DMAR_FR_RTA_3, rq->at)) {
		dmar_emit_fault(w, DMAR_FR_RTA_3);
		return DMAR_MODE_DECIDED;
	}
	/* RTA.2: requests with PASID are always blocked in legacy mode */
	if (dmar_check(w, DMAR_CHK_PASID_LEGACY, rq->has_pasid, DMAR_FR_RTA_2, rq->pasid)) {
		dmar_emit_fault(w, DMAR_FR_RTA_2);
		return DMAR_MODE_DECIDED;
	}
	/* RTA.1.4: SSIRWE exists only in scalable mode */
	if (dmar_check(w, DMAR_CHK_SSIRWE_LEGACY, DMAR_RTADDR_SSIRWE(o->unit.rtaddr), DMAR_FR_RTA_1,
		       o->unit.rtaddr)) {
		dmar_emit_fault(w, DMAR_FR_RTA_1);
		return DMAR_MODE_DECIDED;
	}
	return decided ? DMAR_MODE_DECIDED : DMAR_MODE_GO_LEGACY;
}

