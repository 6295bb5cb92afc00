// SPDX-License-Identifier: Apache-2.0
/*
 * Scalable mode (RTADDR.TTM = 01), vtd-notes section 3 with 4-8:
 * RTADDR -> scalable root entry (by bus, half by devfn[7]) -> scalable
 * context entry -> PASID directory entry -> PASID table entry -> per PGTT:
 * first stage, second stage, nested, or pass-through.
 *
 * At each structure every condition that holds is a possible answer (vtd-notes
 * 8.3), as in legacy mode.
 */
#include "oracles/scalable.h"

/* ---- root and context ---------------------------------------------------- */

/* the scalable root entry's half for the requester: 0 with *ctp, or the fault it gives */
static uint8_t sm_root_entry(struct dmar_walk *w, uint64_t *ctp)
{
	const struct dmar_oracle *o = w->o;
	uint64_t hpa = DMAR_RTADDR_RTA(o->unit.rtaddr) + 16ull * (w->rq->sid >> 8), re[2], rsvd;
	unsigned half = (w->rq->sid & 0xff) >= 0x80; /* upper half for devfn 80h-FFh */

	if (!dmar_fetch(w, DMAR_SHAPE_SM_ROOT, hpa, 2, re))
		return DMAR_FR_SRT_1;
	if (dmar_check(w, DMAR_CHK_PRESENT,
		       !dmar_entry_get(re, dmar_sm_root_fields, half ? DMAR_SM_ROOT_UP : DMAR_SM_ROOT_LP),
		       DMAR_FR_SRT_2, re[half]))
		return DMAR_FR_SRT_2;
	rsvd = re[half] & o->sm_root_rsvd[half];
	if (dmar_check(w, DMAR_CHK_RESERVED, rsvd != 0, DMAR_FR_SRT_3, rsvd))
		return DMAR_FR_SRT_3;
	dmar_entry_ok(w);
	*ctp = dmar_entry_get(re, dmar_sm_root_fields, half ? DMAR_SM_ROOT_UCTP : DMAR_SM_ROOT_LCTP);
	return 0;
}

/* largest PASID + 1 the directory covers: 2^(PDTS+7) entries of 64 PASIDs */
static unsigned pdts_lg2(const uint64_t *ce)
{
	return (unsigned)dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_PDTS) + 13;
}

/* `cached`: p->ce holds a context-cache copy, taken without the root entry */
static bool sm_context_entry(struct dmar_walk *w, uint64_t ctp, struct sm_path *p, bool cached)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	uint64_t *ce = p->ce, rsvd;
	bool dte, paside, pre, eptr, rps = dmar_sm_ecap(w, DMAR_ECAP_RPS), failed = false;
	uint32_t rid_pasid;
	unsigned lg2;

	if (!cached && !dmar_fetch(w, DMAR_SHAPE_SM_CTX, ctp + 32ull * (rq->sid & 0x7f), 4, ce) &&
	    !dmar_copy_unreached(w, DMAR_FR_SCT_1, DMAR_SHAPE_SM_CTX, 4, ce))
		return false;
	w->fpd = dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_FPD);
	if (w->fpd)
		dmar_note(w, DMAR_NOTE_FPD, 1);
	if (dmar_fault_if(w, DMAR_CHK_PRESENT, !dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_P),
			  DMAR_FR_SCT_2, ce[0]))
		return false;
	rsvd = (ce[0] & o->sm_ctx_rsvd[0]) | (ce[1] & o->sm_ctx_rsvd[1]) |
	       (ce[2] & o->sm_ctx_rsvd[2]) | (ce[3] & o->sm_ctx_rsvd[3]);
	failed |= dmar_fault_if(w, DMAR_CHK_RESERVED, rsvd != 0, DMAR_FR_SCT_3, rsvd);

	dte = dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_DTE);
	paside = dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_PASIDE);
	pre = dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_PRE);
	eptr = dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_EPTR);
	rid_pasid = (uint32_t)dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_RID_PASID);
	lg2 = pdts_lg2(ce);
	/* SCT.4.x: PRE without DTE, RID_PASID beyond the directory, EPTR without PASIDE */
	failed |= dmar_fault_if(w, DMAR_CHK_SCT_PROGRAMMING,
			   (!dte && pre) || (rps && !dmar_below_lg2(rid_pasid, lg2)) || (eptr && !paside),
			   DMAR_FR_SCT_4, ce[0]);
	if (!failed) /* the entry itself is good: what follows is about this request */
		dmar_entry_ok(w);
	/* request gating */
	failed |= dmar_fault_if(w, DMAR_CHK_DTE, (rq->at == DMAR_AT_TR || rq->at == DMAR_AT_T) && !dte,
				DMAR_FR_SCT_5, ce[0]);
	failed |= dmar_fault_if(w, DMAR_CHK_PRE, rq->at == DMAR_AT_PR && !pre, DMAR_FR_SCT_8, ce[0]);
	if (rq->has_pasid) {
		/* SCT.6 has no translated-request column (Table 30): there EPTR decides (SCT.10, SCT.4.3) */
		failed |= rq->at != DMAR_AT_T &&
			  dmar_fault_if(w, DMAR_CHK_PASIDE, !paside, DMAR_FR_SCT_6, ce[0]);
		failed |= dmar_fault_if(w, DMAR_CHK_PASID_PDTS, !dmar_below_lg2(rq->pasid, lg2),
				   DMAR_FR_SCT_7, rq->pasid);
		failed |= dmar_fault_if(w, DMAR_CHK_PASID_RID_PASID, rps && rq->pasid == rid_pasid,
				   DMAR_FR_SCT_9, rq->pasid);
		failed |= dmar_fault_if(w, DMAR_CHK_EPTR, rq->at == DMAR_AT_T && !eptr, DMAR_FR_SCT_10,
				   ce[0]);
		failed |= rq->at != DMAR_AT_PR && dmar_fault_if(w, DMAR_CHK_PASID_PSS,
				   !dmar_below_lg2(rq->pasid, DMAR_ECAP_PSS(o->unit.ecap) + 1),
				   DMAR_FR_SGN_10, rq->pasid);
		/*
		 * Without RPS, requests without PASID use PASID 0; whether a
		 * request with PASID 0 then meets SCT.9 the specification does
		 * not say (docs/oracle-semantics.md): open, allowed beside the rest.
		 */
		if (!rps && rq->pasid == 0)
			dmar_emit_fault(w, DMAR_FR_SCT_9);
	}
	if (failed)
		return false;
	p->pasid = rq->has_pasid ? rq->pasid : rps ? rid_pasid : 0;
	p->pr = rq->has_pasid ? rq->priv :
		dmar_sm_ecap(w, DMAR_ECAP_RPRIVS) &&
		dmar_entry_get(ce, dmar_sm_ctx_fields, DMAR_SM_CTX_RID_PRIV);
	dmar_note(w, DMAR_NOTE_PASID, p->pasid);
	w->key.pasid = p->pasid;
	w->ats_ok = dte;
	return true;
}

/* ---- PASID structures ----------------------------------------------------- */

/* the PASID-directory entry for the request: 0 with *table, or the fault it gives */
static uint8_t pasid_dir_entry(struct dmar_walk *w, struct sm_path *p, uint64_t *table)
{
	uint64_t hpa = dmar_entry_get(p->ce, dmar_sm_ctx_fields, DMAR_SM_CTX_PASIDDIRPTR) +
		       8ull * (p->pasid >> 6), de, rsvd;

	if (!dmar_fetch(w, DMAR_SHAPE_PASID_DIR, hpa, 1, &de))
		return DMAR_FR_SPD_1;
	if (dmar_entry_get(&de, dmar_pasid_dir_fields, DMAR_PDE_FPD) && !w->fpd) {
		w->fpd = true;
		dmar_note(w, DMAR_NOTE_FPD, 1);
	}
	if (dmar_check(w, DMAR_CHK_PRESENT, !dmar_entry_get(&de, dmar_pasid_dir_fields, DMAR_PDE_P),
		       DMAR_FR_SPD_2, de))
		return DMAR_FR_SPD_2;
	rsvd = de & w->o->pasid_dir_rsvd;
	if (dmar_check(w, DMAR_CHK_RESERVED, rsvd != 0, DMAR_FR_SPD_3, rsvd))
		return DMAR_FR_SPD_3;
	dmar_entry_ok(w);
	*table = dmar_entry_get(&de, dmar_pasid_dir_fields, DMAR_PDE_SMPTBLPTR);
	return 0;
}

static bool pgtt_supported(const struct dmar_walk *w, unsigned pgtt)
{
	switch (pgtt) {
	case DMAR_PGTT_FS:
		return dmar_sm_ecap(w, DMAR_ECAP_FSTS);
	case DMAR_PGTT_SS:
		return dmar_sm_ecap(w, DMAR_ECAP_SSTS);
	case DMAR_PGTT_NESTED:
		return dmar_sm_ecap(w, DMAR_ECAP_NEST) && dmar_sm_ecap(w, DMAR_ECAP_FSTS) &&
		       dmar_sm_ecap(w, DMAR_ECAP_SSTS);
	case DMAR_PGTT_PT:
		return dmar_sm_ecap(w, DMAR_ECAP_PT);
	default:
		return false;
	}
}

/* `cached`: p->pe holds a PASID-cache copy, taken without the directory entry */
static bool pasid_table_entry(struct dmar_walk *w, uint64_t table, struct sm_path *p, bool cached)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	uint64_t *pe = p->pe, rsvd = 0, strict = 0;
	unsigned i, pgtt, aw, width;
	bool uses_ss, uses_fs, failed = false, open_rsvd;

	if (!cached && !dmar_fetch(w, DMAR_SHAPE_PASID_ENTRY, table + 64ull * (p->pasid & 0x3f), 8, pe) &&
	    !dmar_copy_unreached(w, DMAR_FR_SPT_1, DMAR_SHAPE_PASID_ENTRY, 8, pe))
		return false;
	if (w->took_above != DMAR_ABOVE_MEMORY) {
		/* a PASID-cache copy: the directory entry was not read now; the copy may keep its FPD */
		w->fpd = p->ctx_fpd;
		w->fpd_open = w->took_above != 0;
	}
	if (dmar_pe(pe, DMAR_PE_FPD) && !w->fpd) {
		w->fpd = true;
		dmar_note(w, DMAR_NOTE_FPD, 1);
	}
	if (dmar_fault_if(w, DMAR_CHK_PRESENT, !dmar_pe(pe, DMAR_PE_P), DMAR_FR_SPT_2, pe[0]))
		return false;
	pgtt = p->pgtt = (unsigned)dmar_pe(pe, DMAR_PE_PGTT);
	uses_ss = pgtt == DMAR_PGTT_SS || pgtt == DMAR_PGTT_NESTED;
	uses_fs = pgtt == DMAR_PGTT_FS || pgtt == DMAR_PGTT_NESTED;
	/* SSPTPTR is ignored for PGTT 001/100: its bits above HAW are an open question */
	for (i = 0; i < 8; i++) {
		rsvd |= pe[i] & (uses_ss ? o->pasid_entry_rsvd[i] : o->pasid_entry_nss_rsvd[i]);
		strict |= pe[i] & o->pasid_entry_rsvd[i];
	}
	failed |= dmar_fault_if(w, DMAR_CHK_RESERVED, rsvd != 0, DMAR_FR_SPT_3, rsvd);
	open_rsvd = !rsvd && strict;

	/* SPT.4.x */
	failed |= dmar_fault_if(w, DMAR_CHK_PGTT, !pgtt_supported(w, pgtt), DMAR_FR_SPT_4, pgtt);
	aw = dmar_pe_aw(pe);
	if (uses_ss)
		failed |= dmar_fault_if(w, DMAR_CHK_PASID_AW, !(aw >= 1 && aw <= 3 && (o->sagaw & (1u << aw))),
				   DMAR_FR_SPT_4, aw);
	if (uses_fs)
		failed |= dmar_fault_if(w, DMAR_CHK_FSPM,
				   !(dmar_pe_fspm(pe) == 0 || (dmar_pe_fspm(pe) == 1 && DMAR_CAP_FS5LP(o->unit.cap))),
				   DMAR_FR_SPT_4, dmar_pe_fspm(pe));
	if (pgtt == DMAR_PGTT_NESTED && aw >= 1 && aw <= 3) {
		width = dmar_ss_width(o, aw);
		failed |= dmar_fault_if(w, DMAR_CHK_FSPTPTR_LIMIT, !dmar_below_lg2(dmar_pe_fsptptr(pe), width),
				   DMAR_FR_SPT_4, dmar_pe_fsptptr(pe)); /* SPT.4.4 */
	}
	if (!failed) /* the entry itself is good: what follows is about this request */
		dmar_entry_ok(w);
	/* SPT.5, SPT.6: untranslated and translation requests only (Table 30) */
	if (rq->at == DMAR_AT_UT || rq->at == DMAR_AT_TR) {
		/* SPT.5: ER=1 where ERS=0, revisions before VER 8 (from 8 it is RTA.5) */
		failed |= dmar_fault_if(w, DMAR_CHK_EXEC, rq->has_pasid && rq->exec, DMAR_FR_SPT_5, rq->exec);
		/* SPT.6: supervisor requests need SRE */
		failed |= dmar_fault_if(w, DMAR_CHK_SRE, p->pr && !dmar_pe(pe, DMAR_PE_SRE), DMAR_FR_SPT_6,
					p->pr);
	}
	/* the open SPT.3 stands beside every other condition of the entry: no priority among them */
	if (open_rsvd) {
		dmar_note(w, DMAR_NOTE_PT_SSPTPTR_SM, pe[0]);
		dmar_emit_fault(w, DMAR_FR_SPT_3);
	}
	return !failed;
}

/* ---- translations per PGTT ------------------------------------------------ */

/* translated requests and pass-through: output = input (vtd-notes 7.3, 7.4) */
static void identity(struct dmar_walk *w, const struct sm_path *p)
{
	const struct dmar_request *rq = w->rq;
	const struct dmar_oracle *o = w->o;
	bool ok = dmar_below_haw(w, rq->addr, DMAR_FR_SGN_4); /* SGN.4.1 / SGN.4.2 */
	unsigned lg2, top;

	struct dmar_translation t = { .in = rq->addr & ~0xfffull, .out = rq->addr & ~0xfffull,
				      .size_lg2 = 12, .perm = DMAR_PERM_R | DMAR_PERM_W, .dirty = true,
				      .n = dmar_pgsnp(p), .irq_code = DMAR_FR_SGN_8, .pass_through = true };

	if (rq->at != DMAR_AT_TR) {
		ok &= dmar_outside_irq(w, rq->addr, rq->addr, DMAR_FR_SGN_8); /* SGN.8.1 / SGN.8.3 */
		if (ok) {
			dmar_emit_ok(w, rq->addr);
			if (rq->at == DMAR_AT_UT) /* pass-through; translated requests are not translated */
				dmar_remember(w, &t);
		}
		return;
	}
	if (!ok)
		return;
	dmar_remember(w, &t);
	/*
	 * A pass-through completion covers a naturally aligned region; the unit
	 * should give the largest it supports, which the specification leaves
	 * open: every size from 4K up to its largest second-stage page is allowed.
	 */
	top = DMAR_CAP_SSLPS(o->unit.cap) & 2 ? 30 : DMAR_CAP_SSLPS(o->unit.cap) & 1 ? 21 : 12;
	for (lg2 = 12; lg2 <= top; lg2 += 9)
		if (lg2 == 12 || dmar_below_lg2(dmar_lg2_align_down(rq->addr, lg2) + (1ull << lg2) - 1,
						o->unit.haw))
			dmar_emit_ats(w, dmar_lg2_align_down(rq->addr, lg2), lg2,
				      DMAR_PERM_R | DMAR_PERM_W, dmar_pgsnp(p), rq->has_pasid && p->pr, 0);
}

/* the PASID entry's second stage, with the scalable-mode codes (SSS, SGN) */
void dmar_sm_ss_job(const struct dmar_walk *w, const struct sm_path *p, struct dmar_ss_job *job)
{
	*job = (struct dmar_ss_job){
		.root = dmar_pe(p->pe, DMAR_PE_SSPTPTR),
		.aw = dmar_pe_aw(p->pe),
		.scalable = true,
		.code_limit = DMAR_FR_SGN_5, .code_w = DMAR_FR_SGN_6, .code_r = DMAR_FR_SGN_7,
		.code_none = DMAR_FR_SSS_2, .code_irq = DMAR_FR_SGN_8,
		.ssade = dmar_pe(p->pe, DMAR_PE_SSADE),
		.ad = { DMAR_SL_A, DMAR_NO_BIT, DMAR_SL_D, dmar_walk_snoops(w, p), DMAR_FR_SSS_5,
			DMAR_FR_SSS_6, 0, NULL, NULL },
		.pgsnp = dmar_pgsnp(p),
		.priv = w->rq->has_pasid && p->pr,
	};
}

static void second_stage_only(struct dmar_walk *w, const struct sm_path *p)
{
	struct dmar_ss_job job;

	dmar_sm_ss_job(w, p, &job);
	dmar_second_stage(w, &job);
}

void dmar_scalable_translate(struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;
	struct sm_path p = { 0 };
	uint64_t ctp = 0, table = 0;
	uint8_t fault = sm_root_entry(w, &ctp);

	/* a root entry that faults may yet be passed by a context-cache copy */
	if (fault && !dmar_copy_unreached(w, fault, DMAR_SHAPE_SM_CTX, 4, p.ce))
		return;
	if (!sm_context_entry(w, ctp, &p, fault != 0))
		return;
	/* and a directory entry that faults by a PASID-cache copy */
	p.ctx_fpd = w->fpd;
	fault = pasid_dir_entry(w, &p, &table);
	if (fault && !dmar_copy_unreached(w, fault, DMAR_SHAPE_PASID_ENTRY, 8, p.pe))
		return;
	if (!pasid_table_entry(w, table, &p, fault != 0))
		return;
	w->key.did = (uint32_t)dmar_pe(p.pe, DMAR_PE_DID);
	w->paging_snoops = dmar_walk_snoops(w, &p);
	if (rq->at == DMAR_AT_PR) { /* delivered to software through the page-request queue */
		dmar_emit_kind(w, DMAR_OUT_PRQ);
		return;
	}
	if (rq->at == DMAR_AT_T) {
		identity(w, &p);
		return;
	}
	if (rq->at == DMAR_AT_TR && !rq->has_pasid && dmar_irq_range(rq->addr, rq->addr)) {
		dmar_ats_irq_input(w); /* S.1 / S.2 */
		return;
	}
	switch (p.pgtt) {
	case DMAR_PGTT_FS:
		dmar_first_stage_only(w, &p);
		break;
	case DMAR_PGTT_SS:
		second_stage_only(w, &p);
		break;
	case DMAR_PGTT_PT:
		identity(w, &p);
		break;
	default:
		dmar_nested(w, &p);
		break;
	}
}
