// SPDX-License-Identifier: Apache-2.0
/*
 * Legacy mode (RTADDR.TTM = 00), vtd-notes section 2 with 4 and 7:
 * RTADDR -> root entry (by bus) -> context entry (by devfn) -> per TT:
 * second-stage walk, pass-through, or (ATS) translated-request checks.
 */
#include "oracles/walk.h"
#include "oracles/bits.h"

/* ---- root and context entries ----------------------------------------- */

/* the root entry: 0 with *ctp, or the fault it gives */
static uint8_t root_entry(struct dmar_walk *w, uint64_t *ctp)
{
	const struct dmar_oracle *o = w->o;
	uint64_t hpa = DMAR_RTADDR_RTA(o->unit.rtaddr) + 16ull * (w->rq->sid >> 8);
	uint64_t re[2], rsvd;

	if (!dmar_fetch(w, DMAR_SHAPE_ROOT, hpa, 2, re))
		return DMAR_FR_LRT_1;
	if (dmar_check(w, DMAR_CHK_PRESENT, !dmar_entry_get(re, dmar_root_fields, DMAR_ROOT_P),
		       DMAR_FR_LRT_2, re[0]))
		return DMAR_FR_LRT_2;
	rsvd = (re[0] & o->root_rsvd[0]) | (re[1] & o->root_rsvd[1]);
	if (dmar_check(w, DMAR_CHK_RESERVED, rsvd != 0, DMAR_FR_LRT_3, rsvd))
		return DMAR_FR_LRT_3;
	dmar_entry_ok(w);
	*ctp = dmar_entry_get(re, dmar_root_fields, DMAR_ROOT_CTP);
	return 0;
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
 * (vtd-notes 8.3): reserved bits (Bh), unsupported TT or AW (3h), and a TT that
 * does not admit this request type (Dh).  Returns false when decided.
 * *open_faults is set for pass-through entries a unit may either fault or
 * honour (docs/oracle-semantics.md); their faults join the allowed set.
 */
static bool context_entry(struct dmar_walk *w, uint64_t ctp, uint64_t *ce, unsigned *open_faults,
			  bool cached)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	uint64_t hpa = ctp + 16ull * (rq->sid & 0xff), rsvd;
	unsigned tt, aw;
	bool tt_ok, failed = false;
	const uint64_t *mask;

	if (!cached && !dmar_fetch(w, DMAR_SHAPE_CTX, hpa, 2, ce) &&
	    !dmar_copy_unreached(w, DMAR_FR_LCT_1, DMAR_SHAPE_CTX, 2, ce))
		return false;
	/* FPD counts even when P=0 (vtd-notes 8.2) */
	w->fpd = dmar_entry_get(ce, dmar_ctx_fields, DMAR_CTX_FPD);
	if (w->fpd)
		dmar_note(w, DMAR_NOTE_FPD, 1);
	if (dmar_check(w, DMAR_CHK_PRESENT, !dmar_entry_get(ce, dmar_ctx_fields, DMAR_CTX_P),
		       DMAR_FR_LCT_2, ce[0])) {
		dmar_emit_fault(w, DMAR_FR_LCT_2);
		return false;
	}
	tt = (unsigned)dmar_entry_get(ce, dmar_ctx_fields, DMAR_CTX_TT);
	aw = (unsigned)dmar_entry_get(ce, dmar_ctx_fields, DMAR_CTX_AW);
	/* with TT=10 SSPTPTR is ignored: only the entry's other reserved bits bind */
	mask = tt == DMAR_CTX_TT_PASSTHROUGH ? o->ctx_pt_rsvd : o->ctx_rsvd;
	rsvd = (ce[0] & mask[0]) | (ce[1] & mask[1]);
	if (dmar_check(w, DMAR_CHK_RESERVED, rsvd != 0, DMAR_FR_LCT_3, rsvd)) {
		dmar_emit_fault(w, DMAR_FR_LCT_3);
		failed = true;
	}
	tt_ok = tt_supported(o, tt);
	if (dmar_check(w, DMAR_CHK_CTX_TT, !tt_ok, DMAR_FR_LCT_4, tt)) {
		dmar_emit_fault(w, DMAR_FR_LCT_4); /* LCT.4.2 */
		failed = true;
	}
	*open_faults = 0;
	if (tt != DMAR_CTX_TT_PASSTHROUGH) {
		if (dmar_check(w, DMAR_CHK_CTX_AW, !aw_supported(o, aw), DMAR_FR_LCT_4, aw)) {
			dmar_emit_fault(w, DMAR_FR_LCT_4); /* LCT.4.1 */
			failed = true;
		}
	} else {
		/*
		 * Pass-through: software must program the largest AGAW, and the
		 * ignored SSPTPTR still has bits "above HAW".  Whether a unit
		 * faults on either is open: both answers are allowed.
		 */
		if (dmar_check(w, DMAR_CHK_CTX_PT_AW, aw != o->max_aw, DMAR_FR_LCT_4, aw))
			*open_faults |= 1u << 0;
		if ((ce[0] & o->ctx_rsvd[0] & ~o->ctx_pt_rsvd[0]) != 0) {
			dmar_note(w, DMAR_NOTE_PT_SSPTPTR, ce[0]);
			*open_faults |= 1u << 1;
		}
	}
	if (!failed) /* the entry itself is good: what follows is about this request */
		dmar_entry_ok(w);
	/*
	 * LCT.5: only TT=01 admits translation and translated requests.  Every
	 * other TT, even one the unit does not support (TT=11, or TT=10 without
	 * ECAP.PT), blocks them: LCT.5 then holds beside LCT.4.2, and the
	 * specification orders neither (corpora/regressions/R20).
	 */
	if (rq->at != DMAR_AT_UT &&
	    dmar_check(w, DMAR_CHK_CTX_GATING, tt != DMAR_CTX_TT_ATS, DMAR_FR_LCT_5, tt)) {
		dmar_emit_fault(w, DMAR_FR_LCT_5);
		failed = true;
	}
	/* an open fault stands beside every other condition of the entry: no priority among them */
	if (*open_faults & 1)
		dmar_emit_fault(w, DMAR_FR_LCT_4);
	if (*open_faults & 2)
		dmar_emit_fault(w, DMAR_FR_LCT_3);
	return !failed;
}

/* ---- after the context entry ------------------------------------------ */

/* TT=10 (vtd-notes 7.4) and translated requests (vtd-notes 7.3): output = input */
static void untranslated_output(struct dmar_walk *w)
{
	uint64_t a = w->rq->addr;
	bool ok = dmar_below_haw(w, a, DMAR_FR_LGN_1); /* LGN.1.3 / LGN.1.2 */

	ok &= dmar_outside_irq(w, a, a, DMAR_FR_LGN_4);
	if (ok) {
		struct dmar_translation t = { .in = a & ~0xfffull, .out = a & ~0xfffull, .size_lg2 = 12,
					      .perm = DMAR_PERM_R | DMAR_PERM_W, .dirty = true,
					      .irq_code = DMAR_FR_LGN_4 };

		dmar_emit_ok(w, a);
		if (w->rq->at == DMAR_AT_UT) /* pass-through; translated requests are not translated */
			dmar_remember(w, &t);
	}
}

/* TT=00/01: a second-stage walk with the legacy codes */
static void second_stage(struct dmar_walk *w, uint64_t sslptr, unsigned aw)
{
	struct dmar_ss_job job = {
		.root = sslptr, .aw = aw, .code_limit = DMAR_FR_LGN_1, .code_w = DMAR_FR_LGN_2,
		.code_r = DMAR_FR_LGN_3, .code_irq = DMAR_FR_LGN_4,
	};

	dmar_second_stage(w, &job);
}

void dmar_legacy_translate(struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;
	uint64_t ctp = 0, ce[2];
	unsigned tt, open_faults;
	uint8_t fault = root_entry(w, &ctp);

	/* a root entry that faults may yet be passed by a context-cache copy */
	if (fault && !dmar_copy_unreached(w, fault, DMAR_SHAPE_CTX, 2, ce))
		return;
	if (!context_entry(w, ctp, ce, &open_faults, fault != 0))
		return;
	tt = (unsigned)dmar_entry_get(ce, dmar_ctx_fields, DMAR_CTX_TT);
	/* caches tag what follows with the DID */
	w->key.did = (uint32_t)dmar_entry_get(ce, dmar_ctx_fields, DMAR_CTX_DID);
	w->ats_ok = tt == DMAR_CTX_TT_ATS;
	if (tt == DMAR_CTX_TT_PASSTHROUGH || rq->at == DMAR_AT_T)
		untranslated_output(w);
	else if (rq->at == DMAR_AT_TR && dmar_irq_range(rq->addr, rq->addr))
		dmar_ats_irq_input(w); /* S.1 / S.2 */
	else
		second_stage(w, dmar_entry_get(ce, dmar_ctx_fields, DMAR_CTX_SSPTPTR),
			     (unsigned)dmar_entry_get(ce, dmar_ctx_fields, DMAR_CTX_AW));
}
