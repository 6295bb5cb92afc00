// SPDX-License-Identifier: Apache-2.0
/*
 * Legacy mode (RTADDR.TTM = 00), digest section 2 with 4 and 7:
 * RTADDR -> root entry (by bus) -> context entry (by devfn) -> per TT:
 * second-stage walk, pass-through, or (ATS) translated-request checks.
 */
#include "oracles/walk.h"
#include "oracles/bits.h"
#include "oracles/formats/ctx.h"

/* ---- mode (RTADDR) ------------------------------------------------------ */

/*
 * RTA.x conditions.  Returns true when the request is decided here; false
 * when the table type is legacy and the walk goes on.  Scalable mode is not
 * modelled yet: it sets DMAR_ORACLE_UNSUPPORTED.
 */
static bool mode_checks(struct dmar_walk *w)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	uint64_t ecap = o->unit.ecap;
	bool decided = false;

	/* RTA.5: execute-requested with PASID, VER major >= 8 (digest 7.7) */
	if (rq->has_pasid && rq->exec && ((o->unit.ver >> 4) & 0xf) >= 8) {
		dmar_check(w, DMAR_CHK_TTM, true, 0x34, o->ttm);
		dmar_emit_fault(w, 0x34);
		decided = true;
	}
	switch (o->ttm) {
	case DMAR_TTM_ABORT:
		dmar_check(w, DMAR_CHK_TTM, true, dmar_bit(ecap, DMAR_ECAP_ADMS) ? 0x33 : 0x30, o->ttm);
		dmar_emit_fault(w, dmar_bit(ecap, DMAR_ECAP_ADMS) ? 0x33 : 0x30); /* RTA.4 / RTA.1.1 */
		return true;
	case DMAR_TTM_RESERVED:
		dmar_check(w, DMAR_CHK_TTM, true, 0x30, o->ttm);
		dmar_emit_fault(w, 0x30); /* RTA.1.2 */
		return true;
	case DMAR_TTM_SCALABLE:
		if (dmar_check(w, DMAR_CHK_TTM, !dmar_bit(ecap, DMAR_ECAP_SMTS), 0x30, o->ttm)) {
			dmar_emit_fault(w, 0x30); /* RTA.1.3 */
			return true;
		}
		w->err = DMAR_ORACLE_UNSUPPORTED;
		return true;
	default:
		break;
	}
	dmar_check(w, DMAR_CHK_TTM, false, 0, o->ttm);
	/* RTA.2: requests with PASID are always blocked in legacy mode */
	if (dmar_check(w, DMAR_CHK_PASID_LEGACY, rq->has_pasid, 0x31, rq->pasid)) {
		dmar_emit_fault(w, 0x31);
		return true;
	}
	/* RTA.1.4: SSIRWE exists only in scalable mode */
	if (dmar_check(w, DMAR_CHK_SSIRWE_LEGACY, DMAR_RTADDR_SSIRWE(o->unit.rtaddr), 0x30,
		       o->unit.rtaddr)) {
		dmar_emit_fault(w, 0x30);
		return true;
	}
	return decided;
}

/* ---- root and context entries ----------------------------------------- */

static bool root_entry(struct dmar_walk *w, uint64_t *ctp)
{
	const struct dmar_oracle *o = w->o;
	uint64_t hpa = DMAR_RTADDR_RTA(o->unit.rtaddr) + 16ull * (w->rq->sid >> 8);
	uint64_t re[2], rsvd;

	if (!dmar_fetch(w, DMAR_SHAPE_ROOT, hpa, 2, re)) {
		dmar_emit_fault(w, 0x08); /* LRT.1 */
		return false;
	}
	if (dmar_check(w, DMAR_CHK_PRESENT, !dmar_bit(re[0], 0), 0x01, re[0])) {
		dmar_emit_fault(w, 0x01); /* LRT.2 */
		return false;
	}
	rsvd = (re[0] & o->root_rsvd[0]) | (re[1] & o->root_rsvd[1]);
	if (dmar_check(w, DMAR_CHK_RESERVED, rsvd != 0, 0x0a, rsvd)) {
		dmar_emit_fault(w, 0x0a); /* LRT.3 */
		return false;
	}
	*ctp = re[0] & dmar_genmask(63, 12);
	return true;
}

static bool tt_supported(const struct dmar_oracle *o, unsigned tt)
{
	switch (tt) {
	case DMAR_CTX_TT_UNTRANSLATED:
		return true;
	case DMAR_CTX_TT_ATS:
		return dmar_bit(o->unit.ecap, DMAR_ECAP_DT);
	case DMAR_CTX_TT_PASSTHROUGH:
		return dmar_bit(o->unit.ecap, DMAR_ECAP_PT);
	default:
		return false;
	}
}

static bool aw_supported(const struct dmar_oracle *o, unsigned aw)
{
	return aw >= 1 && aw <= 3 && (o->sagaw & (1u << aw));
}

/*
 * The context entry.  Every condition that holds here is a possible fault
 * (digest 8.3): reserved bits (Bh), unsupported TT or AW (3h), and a TT that
 * does not admit this request type (Dh).  Returns false when decided.
 * *open_faults is set for pass-through entries a unit may either fault or
 * honour (docs/oracle-semantics.md); their faults join the allowed set.
 */
static bool context_entry(struct dmar_walk *w, uint64_t ctp, uint64_t *ce, unsigned *open_faults)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	uint64_t hpa = ctp + 16ull * (rq->sid & 0xff), rsvd;
	unsigned tt, aw;
	bool tt_ok, failed = false;
	const uint64_t *mask;

	if (!dmar_fetch(w, DMAR_SHAPE_CTX, hpa, 2, ce)) {
		dmar_emit_fault(w, 0x09); /* LCT.1 */
		return false;
	}
	/* FPD counts even when P=0 (digest 8.2) */
	w->fpd = dmar_bit(ce[0], 1);
	if (w->fpd)
		dmar_note(w, DMAR_NOTE_FPD, 1);
	if (dmar_check(w, DMAR_CHK_PRESENT, !dmar_bit(ce[0], 0), 0x02, ce[0])) {
		dmar_emit_fault(w, 0x02); /* LCT.2 */
		return false;
	}
	tt = (unsigned)dmar_bits(ce[0], 3, 2);
	aw = (unsigned)dmar_bits(ce[1], 2, 0);
	/* with TT=10 SSPTPTR is ignored: only the entry's other reserved bits bind */
	mask = tt == DMAR_CTX_TT_PASSTHROUGH ? o->ctx_pt_rsvd : o->ctx_rsvd;
	rsvd = (ce[0] & mask[0]) | (ce[1] & mask[1]);
	if (dmar_check(w, DMAR_CHK_RESERVED, rsvd != 0, 0x0b, rsvd)) {
		dmar_emit_fault(w, 0x0b); /* LCT.3 */
		failed = true;
	}
	tt_ok = tt_supported(o, tt);
	if (dmar_check(w, DMAR_CHK_CTX_TT, !tt_ok, 0x03, tt)) {
		dmar_emit_fault(w, 0x03); /* LCT.4.2 */
		failed = true;
	}
	*open_faults = 0;
	if (tt != DMAR_CTX_TT_PASSTHROUGH) {
		if (dmar_check(w, DMAR_CHK_CTX_AW, !aw_supported(o, aw), 0x03, aw)) {
			dmar_emit_fault(w, 0x03); /* LCT.4.1 */
			failed = true;
		}
	} else {
		/*
		 * Pass-through: software must program the largest AGAW, and the
		 * ignored SSPTPTR still has bits "above HAW".  Whether a unit
		 * faults on either is open: both answers are allowed.
		 */
		if (dmar_check(w, DMAR_CHK_CTX_PT_AW, aw != o->max_aw, 0x03, aw))
			*open_faults |= 1u << 0;
		if ((ce[0] & o->ctx_rsvd[0] & ~o->ctx_pt_rsvd[0]) != 0) {
			dmar_note(w, DMAR_NOTE_PT_SSPTPTR, ce[0]);
			*open_faults |= 1u << 1;
		}
	}
	/* LCT.5: only TT=01 admits translation and translated requests */
	if (tt_ok && rq->at != DMAR_AT_UT &&
	    dmar_check(w, DMAR_CHK_CTX_GATING, tt != DMAR_CTX_TT_ATS, 0x0d, tt)) {
		dmar_emit_fault(w, 0x0d);
		failed = true;
	}
	if (!failed && (*open_faults & 1))
		dmar_emit_fault(w, 0x03);
	if (!failed && (*open_faults & 2))
		dmar_emit_fault(w, 0x0b);
	return !failed;
}

/* ---- after the context entry ------------------------------------------ */

static bool below_haw(struct dmar_walk *w, uint64_t addr, uint8_t code)
{
	if (dmar_check(w, DMAR_CHK_HAW_LIMIT, !dmar_below_lg2(addr, w->o->unit.haw), code, addr)) {
		dmar_emit_fault(w, code);
		return false;
	}
	return true;
}

/* output (or for pass-through and translated requests, input) not in FEEx */
static bool outside_irq(struct dmar_walk *w, uint64_t first, uint64_t last, uint8_t code)
{
	if (dmar_check(w, DMAR_CHK_OUTPUT_IRQ, dmar_irq_range(first, last), code, first)) {
		dmar_emit_fault(w, code);
		return false;
	}
	return true;
}

/* TT=10 (digest 7.4) and translated requests (digest 7.3): output = input */
static void untranslated_output(struct dmar_walk *w)
{
	uint64_t a = w->rq->addr;
	bool ok = below_haw(w, a, 0x04); /* LGN.1.3 / LGN.1.2 */

	ok &= outside_irq(w, a, a, 0x0e); /* LGN.4 */
	if (ok)
		dmar_emit_ok(w, a);
}

static void ats_completion(struct dmar_walk *w, const struct dmar_stage_result *res)
{
	const struct dmar_oracle *o = w->o;
	struct dmar_outcome out = { .kind = DMAR_OUT_ATS, .hpa = res->oa, .size_lg2 = res->size_lg2 };
	uint8_t perm = res->perm & (DMAR_PERM_R | DMAR_PERM_W);

	/* NW=1 clears W only where the unit honours it (ECAP.NWFS) */
	if (w->rq->nw && dmar_bit(o->unit.ecap, DMAR_ECAP_NWFS))
		perm &= (uint8_t)~DMAR_PERM_W;
	if (perm == 0) {
		dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
		return;
	}
	if (!outside_irq(w, res->oa, res->oa + (1ull << res->size_lg2) - 1, 0x0e))
		return;
	out.ats = (uint8_t)((perm & DMAR_PERM_R ? DMAR_ATS_R : 0) |
			    (perm & DMAR_PERM_W ? DMAR_ATS_W : 0));
	/* N: the leaf's SNP, where snoop control exists (digest 7.2) */
	if (dmar_bit(o->unit.ecap, DMAR_ECAP_SC) && dmar_bit(res->leaf, 11))
		out.ats |= DMAR_ATS_N;
	dmar_emit(w, &out);
}

/* S.1 / S.2: a translation request without PASID for FEEx (digest 7.6) */
static void ats_irq_input(struct dmar_walk *w)
{
	struct dmar_outcome out = { .kind = DMAR_OUT_ATS, .hpa = w->rq->addr & ~0xfffull,
				    .size_lg2 = 12, .ats = DMAR_ATS_W | DMAR_ATS_U };

	if (w->rq->nw)
		dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
	else
		dmar_emit(w, &out);
}

static void second_stage(struct dmar_walk *w, uint64_t sslptr, unsigned aw)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	unsigned width = 30 + 9 * aw, levels = aw + 2;
	struct dmar_stage st;
	struct dmar_stage_result res = { 0 };
	uint64_t hpa;
	int status;

	if (width > o->mgaw)
		width = o->mgaw;
	dmar_note(w, DMAR_NOTE_LEVELS, levels);
	if (dmar_check(w, DMAR_CHK_INPUT_LIMIT, !dmar_below_lg2(rq->addr, width), 0x04, width)) {
		dmar_emit_fault(w, 0x04); /* LGN.1.1 */
		return;
	}
	if (rq->at == DMAR_AT_TR && dmar_irq_range(rq->addr, rq->addr)) {
		ats_irq_input(w);
		return;
	}
	dmar_legacy_stage(o, &st);
	status = dmar_stage_walk(w, &st, levels, sslptr, rq->addr, &res);

	if (status != DMAR_WALK_LEAF) {
		/* permission lost above the failing entry may be reported at once */
		if (status == DMAR_WALK_FAULT && dmar_perm_denies(w, res.perm)) {
			dmar_note(w, DMAR_NOTE_PERM_LOST, res.perm);
			if (rq->at == DMAR_AT_TR)
				dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
			else
				dmar_emit_perm_faults(w, res.perm, DMAR_PERM_EARLY, 0x05, 0x06);
		}
		/* legacy mode has no not-present code: it is a permission fault */
		if (status == DMAR_WALK_NOT_PRESENT) {
			if (rq->at == DMAR_AT_TR)
				dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
			else
				dmar_emit_perm_faults(w, 0, DMAR_PERM_ABSENT, 0x05, 0x06);
		}
		return;
	}
	if (rq->at == DMAR_AT_TR) {
		ats_completion(w, &res);
		return;
	}
	hpa = res.oa | dmar_lg2_mod(rq->addr, res.size_lg2);
	dmar_note(w, DMAR_NOTE_OUTPUT, hpa);
	{
		bool denied = dmar_emit_perm_faults(w, res.perm, DMAR_PERM_FINAL, 0x05, 0x06);
		bool in_irq = !outside_irq(w, hpa, hpa, 0x0e);

		if (!denied && !in_irq)
			dmar_emit_ok(w, hpa);
	}
}

void dmar_legacy_translate(struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;
	uint64_t ctp, ce[2];
	unsigned tt, open_faults;

	if (dmar_request_prechecks(w) || mode_checks(w))
		return;
	if (!root_entry(w, &ctp) || !context_entry(w, ctp, ce, &open_faults))
		return;
	tt = (unsigned)dmar_bits(ce[0], 3, 2);
	if (tt == DMAR_CTX_TT_PASSTHROUGH || rq->at == DMAR_AT_T)
		untranslated_output(w);
	else
		second_stage(w, ce[0] & dmar_genmask(63, 12), (unsigned)dmar_bits(ce[1], 2, 0));
}
