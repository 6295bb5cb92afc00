// SPDX-License-Identifier: Apache-2.0
/*
 * Scalable mode (RTADDR.TTM = 01), digest section 3 with 4-8:
 * RTADDR -> scalable root entry (by bus, half by devfn[7]) -> scalable
 * context entry -> PASID directory entry -> PASID table entry -> per PGTT:
 * first stage, second stage, nested, or pass-through.
 *
 * At each structure every condition that holds is a possible answer (digest
 * 8.3), as in legacy mode.
 */
#include "oracles/walk.h"
#include "oracles/bits.h"
#include "oracles/formats/sm_ctx.h"
#include "oracles/formats/pasid.h"
#include "oracles/formats/fs_pte.h"

/* what the structures decided for the translation */
struct sm_path {
	uint64_t ce[4];  /* scalable context entry */
	uint64_t pe[8];  /* PASID table entry */
	uint32_t pasid;  /* the request's PASID, or RID_PASID */
	bool pr;         /* privileged: PR, or RID_PRIV for requests without PASID */
	unsigned pgtt;
};

static bool ecap_has(const struct dmar_walk *w, unsigned bit)
{
	return dmar_bit(w->o->unit.ecap, bit);
}

/* ---- root and context ---------------------------------------------------- */

static bool sm_root_entry(struct dmar_walk *w, uint64_t *ctp)
{
	const struct dmar_oracle *o = w->o;
	uint64_t hpa = DMAR_RTADDR_RTA(o->unit.rtaddr) + 16ull * (w->rq->sid >> 8), re[2], rsvd;
	unsigned half = (w->rq->sid & 0xff) >= 0x80; /* upper half for devfn 80h-FFh */

	if (!dmar_fetch(w, DMAR_SHAPE_SM_ROOT, hpa, 2, re)) {
		dmar_emit_fault(w, 0x38); /* SRT.1 */
		return false;
	}
	if (dmar_check(w, DMAR_CHK_PRESENT, !dmar_bit(re[half], 0), 0x39, re[half])) {
		dmar_emit_fault(w, 0x39); /* SRT.2 */
		return false;
	}
	rsvd = re[half] & o->sm_root_rsvd[half];
	if (dmar_check(w, DMAR_CHK_RESERVED, rsvd != 0, 0x3a, rsvd)) {
		dmar_emit_fault(w, 0x3a); /* SRT.3 */
		return false;
	}
	*ctp = re[half] & dmar_genmask(63, 12);
	return true;
}

/* largest PASID + 1 the directory covers: 2^(PDTS+7) entries of 64 PASIDs */
static unsigned pdts_lg2(const uint64_t *ce)
{
	return (unsigned)dmar_bits(ce[0], 11, 9) + 13;
}

static bool fault_if(struct dmar_walk *w, unsigned check, bool cond, uint8_t code, uint64_t arg)
{
	if (dmar_check(w, check, cond, code, arg))
		dmar_emit_fault(w, code);
	return cond;
}

static bool sm_context_entry(struct dmar_walk *w, uint64_t ctp, struct sm_path *p)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	uint64_t *ce = p->ce, rsvd;
	bool dte, paside, pre, eptr, rps = ecap_has(w, DMAR_ECAP_RPS), failed = false;
	uint32_t rid_pasid;
	unsigned lg2;

	if (!dmar_fetch(w, DMAR_SHAPE_SM_CTX, ctp + 32ull * (rq->sid & 0x7f), 4, ce)) {
		dmar_emit_fault(w, 0x40); /* SCT.1 */
		return false;
	}
	w->fpd = dmar_bit(ce[0], 1);
	if (w->fpd)
		dmar_note(w, DMAR_NOTE_FPD, 1);
	if (fault_if(w, DMAR_CHK_PRESENT, !dmar_bit(ce[0], 0), 0x41, ce[0])) /* SCT.2 */
		return false;
	rsvd = (ce[0] & o->sm_ctx_rsvd[0]) | (ce[1] & o->sm_ctx_rsvd[1]) |
	       (ce[2] & o->sm_ctx_rsvd[2]) | (ce[3] & o->sm_ctx_rsvd[3]);
	failed |= fault_if(w, DMAR_CHK_RESERVED, rsvd != 0, 0x42, rsvd); /* SCT.3 */

	dte = dmar_bit(ce[0], 2);
	paside = dmar_bit(ce[0], 3);
	pre = dmar_bit(ce[0], 4);
	eptr = dmar_bit(ce[0], 6);
	rid_pasid = (uint32_t)dmar_bits(ce[1], 19, 0);
	lg2 = pdts_lg2(ce);
	/* SCT.4.x: PRE without DTE, RID_PASID beyond the directory, EPTR without PASIDE */
	failed |= fault_if(w, DMAR_CHK_SCT_PROGRAMMING,
			   (!dte && pre) || (rps && !dmar_below_lg2(rid_pasid, lg2)) || (eptr && !paside),
			   0x43, ce[0]);
	/* request gating */
	failed |= fault_if(w, DMAR_CHK_DTE, rq->at != DMAR_AT_UT && !dte, 0x44, ce[0]);
	if (rq->has_pasid) {
		failed |= fault_if(w, DMAR_CHK_PASIDE, !paside, 0x45, ce[0]);
		failed |= fault_if(w, DMAR_CHK_PASID_PDTS, !dmar_below_lg2(rq->pasid, lg2), 0x46,
				   rq->pasid);
		failed |= fault_if(w, DMAR_CHK_PASID_RID_PASID, rps && rq->pasid == rid_pasid, 0x48,
				   rq->pasid);
		failed |= fault_if(w, DMAR_CHK_EPTR, rq->at == DMAR_AT_T && !eptr, 0x49, ce[0]);
		failed |= fault_if(w, DMAR_CHK_PASID_PSS,
				   !dmar_below_lg2(rq->pasid, (unsigned)dmar_bits(o->unit.ecap, 39, 35) + 1),
				   0x89, rq->pasid);
	}
	if (failed)
		return false;
	p->pasid = rq->has_pasid ? rq->pasid : rps ? rid_pasid : 0;
	p->pr = rq->has_pasid ? rq->priv : ecap_has(w, DMAR_ECAP_RPRIVS) && dmar_bit(ce[1], 20);
	dmar_note(w, DMAR_NOTE_PASID, p->pasid);
	return true;
}

/* ---- PASID structures ----------------------------------------------------- */

static bool pasid_dir_entry(struct dmar_walk *w, struct sm_path *p, uint64_t *table)
{
	uint64_t hpa = (p->ce[0] & dmar_genmask(63, 12)) + 8ull * (p->pasid >> 6), de, rsvd;

	if (!dmar_fetch(w, DMAR_SHAPE_PASID_DIR, hpa, 1, &de)) {
		dmar_emit_fault(w, 0x50); /* SPD.1 */
		return false;
	}
	if (dmar_bit(de, 1) && !w->fpd) {
		w->fpd = true;
		dmar_note(w, DMAR_NOTE_FPD, 1);
	}
	if (fault_if(w, DMAR_CHK_PRESENT, !dmar_bit(de, 0), 0x51, de)) /* SPD.2 */
		return false;
	rsvd = de & w->o->pasid_dir_rsvd;
	if (fault_if(w, DMAR_CHK_RESERVED, rsvd != 0, 0x52, rsvd)) /* SPD.3 */
		return false;
	*table = de & dmar_genmask(63, 12);
	return true;
}

static bool pgtt_supported(const struct dmar_walk *w, unsigned pgtt)
{
	switch (pgtt) {
	case DMAR_PGTT_FS:
		return ecap_has(w, DMAR_ECAP_FSTS);
	case DMAR_PGTT_SS:
		return ecap_has(w, DMAR_ECAP_SSTS);
	case DMAR_PGTT_NESTED:
		return ecap_has(w, DMAR_ECAP_NEST) && ecap_has(w, DMAR_ECAP_FSTS) &&
		       ecap_has(w, DMAR_ECAP_SSTS);
	case DMAR_PGTT_PT:
		return ecap_has(w, DMAR_ECAP_PT);
	default:
		return false;
	}
}

static unsigned pe_aw(const uint64_t *pe)
{
	return (unsigned)dmar_bits(pe[0], 4, 2);
}

static unsigned pe_fspm(const uint64_t *pe)
{
	return (unsigned)dmar_bits(pe[2], 3, 2);
}

static uint64_t pe_fsptptr(const uint64_t *pe)
{
	return pe[2] & dmar_genmask(63, 12);
}

static bool pasid_table_entry(struct dmar_walk *w, uint64_t table, struct sm_path *p)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	uint64_t *pe = p->pe, rsvd = 0, strict = 0;
	unsigned i, pgtt, aw, width;
	bool uses_ss, uses_fs, failed = false, open_rsvd;

	if (!dmar_fetch(w, DMAR_SHAPE_PASID_ENTRY, table + 64ull * (p->pasid & 0x3f), 8, pe)) {
		dmar_emit_fault(w, 0x58); /* SPT.1 */
		return false;
	}
	if (dmar_bit(pe[0], 1) && !w->fpd) {
		w->fpd = true;
		dmar_note(w, DMAR_NOTE_FPD, 1);
	}
	if (fault_if(w, DMAR_CHK_PRESENT, !dmar_bit(pe[0], 0), 0x59, pe[0])) /* SPT.2 */
		return false;
	pgtt = p->pgtt = (unsigned)dmar_bits(pe[0], 8, 6);
	uses_ss = pgtt == DMAR_PGTT_SS || pgtt == DMAR_PGTT_NESTED;
	uses_fs = pgtt == DMAR_PGTT_FS || pgtt == DMAR_PGTT_NESTED;
	/* SSPTPTR is ignored for PGTT 001/100: its bits above HAW are an open question */
	for (i = 0; i < 8; i++) {
		rsvd |= pe[i] & (uses_ss ? o->pasid_entry_rsvd[i] : o->pasid_entry_nss_rsvd[i]);
		strict |= pe[i] & o->pasid_entry_rsvd[i];
	}
	failed |= fault_if(w, DMAR_CHK_RESERVED, rsvd != 0, 0x5a, rsvd); /* SPT.3 */
	open_rsvd = !rsvd && strict;

	/* SPT.4.x */
	failed |= fault_if(w, DMAR_CHK_PGTT, !pgtt_supported(w, pgtt), 0x5b, pgtt);
	aw = pe_aw(pe);
	if (uses_ss)
		failed |= fault_if(w, DMAR_CHK_PASID_AW, !(aw >= 1 && aw <= 3 && (o->sagaw & (1u << aw))),
				   0x5b, aw);
	if (uses_fs)
		failed |= fault_if(w, DMAR_CHK_FSPM,
				   !(pe_fspm(pe) == 0 || (pe_fspm(pe) == 1 && DMAR_CAP_FS5LP(o->unit.cap))),
				   0x5b, pe_fspm(pe));
	if (pgtt == DMAR_PGTT_NESTED && aw >= 1 && aw <= 3) {
		width = 30 + 9 * aw < o->mgaw ? 30 + 9 * aw : o->mgaw;
		failed |= fault_if(w, DMAR_CHK_FSPTPTR_LIMIT, !dmar_below_lg2(pe_fsptptr(pe), width), 0x5b,
				   pe_fsptptr(pe)); /* SPT.4.4 */
	}
	/* SPT.5: ER=1 where ERS=0, revisions before VER 8 (from 8 it is RTA.5) */
	failed |= fault_if(w, DMAR_CHK_EXEC, rq->has_pasid && rq->exec, 0x5c, rq->exec);
	/* SPT.6: supervisor requests need SRE */
	failed |= fault_if(w, DMAR_CHK_SRE, p->pr && !dmar_bit(pe[2], 0), 0x5d, p->pr);
	if (failed)
		return false;
	if (open_rsvd) {
		dmar_note(w, DMAR_NOTE_PT_SSPTPTR_SM, pe[0]);
		dmar_emit_fault(w, 0x5a);
	}
	return true;
}

/* ---- translations per PGTT ------------------------------------------------ */

static bool walk_snoops(const struct dmar_walk *w, const struct sm_path *p)
{
	/* scalable-mode page walks snoop only with SMPWCS and the entry's PWSNP */
	return ecap_has(w, DMAR_ECAP_SMPWCS) && dmar_bit(p->pe[1], 23);
}

static bool pgsnp(const struct sm_path *p)
{
	return dmar_bit(p->pe[1], 24);
}

/* translated requests and pass-through: output = input (digest 7.3, 7.4) */
static void identity(struct dmar_walk *w, const struct sm_path *p)
{
	const struct dmar_request *rq = w->rq;
	const struct dmar_oracle *o = w->o;
	bool ok = dmar_below_haw(w, rq->addr, 0x83); /* SGN.4.1 / SGN.4.2 */
	unsigned lg2, top;

	if (rq->at != DMAR_AT_TR) {
		ok &= dmar_outside_irq(w, rq->addr, rq->addr, 0x87); /* SGN.8.1 / SGN.8.3 */
		if (ok)
			dmar_emit_ok(w, rq->addr);
		return;
	}
	if (!ok)
		return;
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
				      DMAR_PERM_R | DMAR_PERM_W, pgsnp(p), rq->has_pasid && p->pr, 0);
}

static void second_stage_only(struct dmar_walk *w, const struct sm_path *p)
{
	struct dmar_ss_job job = {
		.root = p->pe[0] & dmar_genmask(63, 12),
		.aw = pe_aw(p->pe),
		.scalable = true,
		.code_limit = 0x84, .code_w = 0x85, .code_r = 0x86, .code_none = 0x79,
		.code_irq = 0x87,
		.ssade = dmar_bit(p->pe[0], 9),
		.ad = { 8, DMAR_NO_BIT, 9, walk_snoops(w, p), 0x7c, 0x7d, 0 },
		.pgsnp = pgsnp(p),
		.priv = w->rq->has_pasid && p->pr,
	};

	dmar_second_stage(w, &job);
}

/* first-stage input must be canonical for its paging mode (digest 5.1) */
static bool canonical(uint64_t iova, unsigned width)
{
	uint64_t top = iova >> (width - 1);

	return top == 0 || top == (~0ull >> (width - 1));
}

/* first-stage permission rules (digest 5.3) for the request, from `have` */
static uint8_t fs_effective(const struct dmar_walk *w, const struct sm_path *p, uint8_t have)
{
	uint8_t eff;

	if (!p->pr) /* user: U/S on every level; writes also R/W */
		eff = have & DMAR_PERM_U ? (uint8_t)(DMAR_PERM_R | (have & DMAR_PERM_W)) : 0;
	else if (dmar_bit(p->pe[2], 4)) /* supervisor with WPE: writes need R/W */
		eff = (uint8_t)(DMAR_PERM_R | (have & DMAR_PERM_W));
	else
		eff = DMAR_PERM_R | DMAR_PERM_W;
	(void)w;
	return eff;
}

/* emits SGN.2 / SGN.6 as the request needs; true when it is denied */
static bool fs_perm_faults(struct dmar_walk *w, const struct sm_path *p, uint8_t have)
{
	const struct dmar_request *rq = w->rq;
	bool denied = false;

	if (!p->pr && dmar_check(w, DMAR_CHK_PERM_USER, !(have & DMAR_PERM_U), 0x81, have)) {
		dmar_emit_fault(w, 0x81);
		denied = true;
	}
	if (rq->access != DMAR_ACC_READ &&
	    dmar_check(w, DMAR_CHK_PERM_WRITE, !(fs_effective(w, p, have) & DMAR_PERM_W) &&
			       (p->pr || (have & DMAR_PERM_U)), 0x85, have)) {
		dmar_emit_fault(w, 0x85);
		denied = true;
	}
	return denied;
}

/* a first-stage walk that found no page: SFS.2 or what the walk emitted, and
 * a permission already lost above, which may be reported at once (8.3) */
static void fs_walk_failed(struct dmar_walk *w, const struct sm_path *p, int status,
			   const struct dmar_stage_result *res)
{
	const struct dmar_request *rq = w->rq;

	if (status == DMAR_WALK_NOT_PRESENT)
		dmar_emit_fault(w, 0x71); /* SFS.2 (S0 for translation requests) */
	if (rq->at == DMAR_AT_TR) {
		if (!(fs_effective(w, p, res->perm) & (DMAR_PERM_R | DMAR_PERM_W)))
			dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
	} else if ((!p->pr && !(res->perm & DMAR_PERM_U)) ||
		   (rq->access != DMAR_ACC_READ && !(fs_effective(w, p, res->perm) & DMAR_PERM_W))) {
		dmar_note(w, DMAR_NOTE_PERM_LOST, res->perm);
		fs_perm_faults(w, p, res->perm);
	}
}

static void first_stage_only(struct dmar_walk *w, const struct sm_path *p)
{
	const struct dmar_request *rq = w->rq;
	unsigned levels = pe_fspm(p->pe) == 1 ? 5 : 4, width = levels == 5 ? 57 : 48;
	struct dmar_stage st;
	struct dmar_stage_result res = { 0 };
	struct dmar_ad_rule ad = { DMAR_FS_A, dmar_bit(p->pe[2], 7) ? DMAR_FS_EA : DMAR_NO_BIT,
				   DMAR_FS_D, walk_snoops(w, p), 0x90, 0x91, 0 };
	int status;
	uint64_t hpa;
	bool dirty;

	dmar_note(w, DMAR_NOTE_FS_LEVELS, levels);
	if (fault_if(w, DMAR_CHK_CANONICAL, !canonical(rq->addr, width), 0x80, rq->addr))
		return; /* SGN.1 */
	dmar_fs_stage(w->o, &st);
	status = dmar_stage_walk(w, &st, levels, pe_fsptptr(p->pe), rq->addr, &res);
	if (status != DMAR_WALK_LEAF) {
		fs_walk_failed(w, p, status, &res);
		return;
	}
	if (rq->at == DMAR_AT_TR) {
		uint8_t eff = fs_effective(w, p, res.perm);

		dirty = !(rq->nw && dmar_bit(w->o->unit.ecap, DMAR_ECAP_NWFS)) && (eff & DMAR_PERM_W);
		if ((eff & (DMAR_PERM_R | DMAR_PERM_W)) && !dmar_set_ad(w, &res, levels, &ad, dirty, NULL))
			return;
		dmar_emit_ats(w, res.oa, res.size_lg2, eff, pgsnp(p), rq->has_pasid && p->pr, 0x87);
		return;
	}
	hpa = res.oa | dmar_lg2_mod(rq->addr, res.size_lg2);
	dmar_note(w, DMAR_NOTE_OUTPUT, hpa);
	if (fs_perm_faults(w, p, res.perm) | !dmar_outside_irq(w, hpa, hpa, 0x87))
		return;
	if (!dmar_set_ad(w, &res, levels, &ad, rq->access != DMAR_ACC_READ, NULL))
		return;
	dmar_emit_ok(w, hpa);
}

/* ---- nested (PGTT 011, digest 6) ------------------------------------------- */

/* the second stage of a nested walk, and where each FS table's page lies in it */
struct nested_ctx {
	struct dmar_ss_job job;
	uint64_t table_leaf[6]; /* per FS level: the SS leaf mapping that FS table's page */
};

static void nested_job(const struct dmar_walk *w, const struct sm_path *p, struct dmar_ss_job *job)
{
	*job = (struct dmar_ss_job){
		.root = p->pe[0] & dmar_genmask(63, 12),
		.aw = pe_aw(p->pe),
		.scalable = true,
		.code_limit = 0x84, .code_w = 0x85, .code_r = 0x86, .code_none = 0x79,
		.code_irq = 0x87,
		.ssade = dmar_bit(p->pe[0], 9),
		.ad = { 8, DMAR_NO_BIT, 9, walk_snoops(w, p), 0x7c, 0x7d, 0 },
		.pgsnp = pgsnp(p),
		.priv = w->rq->has_pasid && p->pr,
	};
}

/*
 * A first-stage entry's guest address through the second stage: beyond the
 * limit SFS.5 (74h); the second stage's own walk faults as it would; without
 * read permission (read and write with SSADE, digest 6) SFS.6 (75h, the
 * FSPTPTR table) or SFS.7 (76h, lower ones).  With SSADE the walk sets A.
 */
static bool fs_table_gpa(struct dmar_walk *w, void *hook, uint64_t gpa, unsigned level, bool root,
			 uint64_t *hpa, uint8_t *perm)
{
	struct nested_ctx *nc = hook;
	const struct dmar_ss_job *job = &nc->job;
	struct dmar_stage_result sres = { 0 };
	unsigned width = 30 + 9 * job->aw < w->o->mgaw ? 30 + 9 * job->aw : w->o->mgaw;
	uint8_t need = job->ssade ? DMAR_PERM_R | DMAR_PERM_W : DMAR_PERM_R;
	int status;

	dmar_note(w, DMAR_NOTE_NESTED_TABLE, gpa);
	if (fault_if(w, DMAR_CHK_FS_GPA_LIMIT, !dmar_below_lg2(gpa, width), 0x74, gpa))
		return false;
	status = dmar_ss_walk(w, job, gpa, &sres);
	if (status == DMAR_WALK_NOT_PRESENT)
		dmar_emit_fault(w, 0x79);
	if (status != DMAR_WALK_LEAF)
		return false;
	if (fault_if(w, DMAR_CHK_PERM_READ, (sres.perm & need) != need, root ? 0x75 : 0x76,
		     sres.perm & (DMAR_PERM_R | DMAR_PERM_W)))
		return false;
	if (job->ssade && !dmar_set_ad(w, &sres, job->aw + 2, &job->ad, false, NULL))
		return false;
	nc->table_leaf[level] = sres.entry_hpa[sres.level];
	*hpa = sres.oa | dmar_lg2_mod(gpa, sres.size_lg2);
	*perm = sres.perm;
	return true;
}

/*
 * First-stage A/D in a nested walk: each update is a write through the
 * second stage, so with SSADE the second-stage leaf of every FS table page
 * written gets D (digest 4.5, 6).
 */
static bool nested_fs_ad(struct dmar_walk *w, const struct nested_ctx *nc,
			 const struct dmar_stage_result *res, unsigned levels,
			 const struct dmar_ad_rule *ad, bool dirty)
{
	uint8_t changed = 0;
	unsigned level;
	uint64_t v;

	if (!dmar_set_ad(w, res, levels, ad, dirty, &changed))
		return false;
	for (level = 1; nc->job.ssade && level <= levels; level++) {
		if (!(changed & (1u << level)) ||
		    w->mem->read64(w->mem->ctx, nc->table_leaf[level], &v) != DMAR_MEM_OK ||
		    (v & (1ull << 9)))
			continue;
		/* the SS A/D rule (snooping) was met when A was set on this walk */
		if (w->mem->write64(w->mem->ctx, nc->table_leaf[level], v | (1ull << 9)) != DMAR_MEM_OK) {
			dmar_emit_fault(w, 0x7d);
			return false;
		}
		dmar_note(w, DMAR_NOTE_AD_WRITE, v | (1ull << 9));
	}
	return true;
}

static void nested(struct dmar_walk *w, const struct sm_path *p)
{
	const struct dmar_request *rq = w->rq;
	unsigned levels = pe_fspm(p->pe) == 1 ? 5 : 4, width = levels == 5 ? 57 : 48, size_lg2;
	struct nested_ctx nc = { 0 };
	struct dmar_stage st;
	struct dmar_stage_result res = { 0 }, sres = { 0 };
	struct dmar_ad_rule ad = { DMAR_FS_A, dmar_bit(p->pe[2], 7) ? DMAR_FS_EA : DMAR_NO_BIT,
				   DMAR_FS_D, walk_snoops(w, p), 0x90, 0x91, 0x77 };
	uint64_t gpa, hpa;
	uint8_t eff;
	int status;
	bool denied, dirty;

	nested_job(w, p, &nc.job);
	dmar_note(w, DMAR_NOTE_FS_LEVELS, levels);
	if (fault_if(w, DMAR_CHK_CANONICAL, !canonical(rq->addr, width), 0x80, rq->addr))
		return; /* SGN.1 */
	dmar_fs_stage(w->o, &st);
	st.table_gpa = fs_table_gpa;
	st.hook = &nc;
	status = dmar_stage_walk(w, &st, levels, pe_fsptptr(p->pe), rq->addr, &res);
	if (status != DMAR_WALK_LEAF) {
		fs_walk_failed(w, p, status, &res);
		return;
	}
	gpa = res.oa | dmar_lg2_mod(rq->addr, res.size_lg2);
	dmar_note(w, DMAR_NOTE_OUTPUT, gpa);
	eff = fs_effective(w, p, res.perm);
	if (rq->at == DMAR_AT_TR ? !(eff & (DMAR_PERM_R | DMAR_PERM_W)) : fs_perm_faults(w, p, res.perm)) {
		if (rq->at == DMAR_AT_TR)
			dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
		return;
	}
	/* the output is a guest address: the second stage translates it */
	dmar_note(w, DMAR_NOTE_NESTED_OUTPUT, gpa);
	status = dmar_ss_walk(w, &nc.job, gpa, &sres);
	if (status != DMAR_WALK_LEAF) {
		if (status == DMAR_WALK_NOT_PRESENT) {
			if (rq->at == DMAR_AT_TR)
				dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
			else
				dmar_emit_fault(w, 0x79);
		}
		return;
	}
	hpa = sres.oa | dmar_lg2_mod(gpa, sres.size_lg2);
	dmar_note(w, DMAR_NOTE_OUTPUT, hpa);
	if (rq->at == DMAR_AT_TR) {
		/* effective: first-stage rules AND the second stage's R/W; the smaller page */
		eff &= sres.perm | (uint8_t)~(DMAR_PERM_R | DMAR_PERM_W);
		size_lg2 = res.size_lg2 < sres.size_lg2 ? res.size_lg2 : sres.size_lg2;
		dirty = dmar_ss_dirty_access(w) && (eff & DMAR_PERM_W);
		if ((eff & (DMAR_PERM_R | DMAR_PERM_W)) &&
		    ((nc.job.ssade && !dmar_set_ad(w, &sres, nc.job.aw + 2, &nc.job.ad, dirty, NULL)) ||
		     !nested_fs_ad(w, &nc, &res, levels, &ad, dirty)))
			return;
		dmar_emit_ats(w, dmar_lg2_align_down(hpa, size_lg2), size_lg2, eff,
			      pgsnp(p) || (dmar_bit(w->o->unit.ecap, DMAR_ECAP_SC) &&
					   dmar_bit(sres.leaf, 11)),
			      rq->has_pasid && p->pr, 0x87);
		return;
	}
	denied = dmar_ss_perm_faults(w, &nc.job, sres.perm);
	if (!dmar_outside_irq(w, hpa, hpa, 0x87) || denied)
		return;
	dirty = rq->access != DMAR_ACC_READ;
	if (nc.job.ssade && !dmar_set_ad(w, &sres, nc.job.aw + 2, &nc.job.ad, dirty, NULL))
		return;
	if (!nested_fs_ad(w, &nc, &res, levels, &ad, dirty))
		return;
	dmar_emit_ok(w, hpa);
}

void dmar_scalable_translate(struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;
	struct sm_path p = { 0 };
	uint64_t ctp, table;

	if (!sm_root_entry(w, &ctp) || !sm_context_entry(w, ctp, &p) ||
	    !pasid_dir_entry(w, &p, &table) || !pasid_table_entry(w, table, &p))
		return;
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
		first_stage_only(w, &p);
		break;
	case DMAR_PGTT_SS:
		second_stage_only(w, &p);
		break;
	case DMAR_PGTT_PT:
		identity(w, &p);
		break;
	default:
		nested(w, &p);
		break;
	}
}
