// SPDX-License-Identifier: Apache-2.0
/*
 * Nested translation (PGTT 011), vtd-notes 6: a first-stage walk whose table
 * addresses and output are guest addresses, each translated by the second
 * stage, with the nested-only faults SFS.5-SFS.8.
 */
#include "oracles/scalable.h"

/* ---- nested (PGTT 011, vtd-notes 6) ------------------------------------------- */

/* the second stage of a nested walk, and where each FS table's page lies in it */
struct nested_ctx {
	struct dmar_ss_job job;
	uint64_t table_leaf[6]; /* per FS level: the SS leaf mapping that FS table's page */
	uint64_t table_gpa[6];  /* per FS level: the guest address that leaf translated */
	uint8_t leaf_level[6];  /* per FS level: the SS level of that leaf */
};

/*
 * A first-stage entry's guest address through the second stage: beyond the
 * limit SFS.5; the second stage's own walk faults as it would; without read
 * permission (read and write with SSADE, vtd-notes 6) SFS.6 (the FSPTPTR table)
 * or SFS.7 (lower ones).  With SSADE the walk sets A.
 */
static bool fs_table_gpa(struct dmar_walk *w, void *hook, uint64_t gpa, unsigned level, bool root,
			 uint64_t *hpa, uint8_t *perm)
{
	struct nested_ctx *nc = hook;
	const struct dmar_ss_job *job = &nc->job;
	struct dmar_stage_result sres = { 0 };
	unsigned width = dmar_ss_width(w->o, job->aw);
	uint8_t need = job->ssade ? DMAR_PERM_R | DMAR_PERM_W : DMAR_PERM_R;
	int status;

	dmar_note(w, DMAR_NOTE_NESTED_TABLE, gpa);
	if (dmar_fault_if(w, DMAR_CHK_FS_GPA_LIMIT, !dmar_below_lg2(gpa, width), DMAR_FR_SFS_5, gpa))
		return false;
	status = dmar_ss_walk(w, job, gpa, &sres);
	if (status == DMAR_WALK_NOT_PRESENT)
		dmar_emit_fault(w, DMAR_FR_SSS_2);
	if (status != DMAR_WALK_LEAF) {
		/* neither R nor W left above: 79h too, as any second-stage walk (vtd-notes 4.4, R94) */
		if (!(sres.perm & (DMAR_PERM_R | DMAR_PERM_W)))
			dmar_emit_fault(w, DMAR_FR_SSS_2);
		/* the read (read and write with SSADE) already lost above: SFS.6/7 may come at once */
		if ((sres.perm & need) != need) {
			dmar_note(w, DMAR_NOTE_PERM_LOST, sres.perm);
			dmar_fault_if(w, DMAR_CHK_PERM_READ, true, root ? DMAR_FR_SFS_6 : DMAR_FR_SFS_7,
				      sres.perm & (DMAR_PERM_R | DMAR_PERM_W));
		}
		if (job->ssade)
			dmar_maybe_ad(w, &sres, job->aw + 2, &job->ad, false);
		return false;
	}
	/* left with neither R nor W, the walk is also 79h as any second-stage walk (vtd-notes 4.4, R83) */
	if (!(sres.perm & (DMAR_PERM_R | DMAR_PERM_W)))
		dmar_emit_fault(w, DMAR_FR_SSS_2);
	if (dmar_fault_if(w, DMAR_CHK_PERM_READ, (sres.perm & need) != need,
			  root ? DMAR_FR_SFS_6 : DMAR_FR_SFS_7, sres.perm & (DMAR_PERM_R | DMAR_PERM_W))) {
		if (job->ssade)
			dmar_maybe_ad(w, &sres, job->aw + 2, &job->ad, true);
		return false;
	}
	if (job->ssade && !dmar_set_ad(w, &sres, job->aw + 2, &job->ad, false, NULL))
		return false;
	nc->table_leaf[level] = sres.entry_hpa[sres.level];
	nc->table_gpa[level] = gpa;
	nc->leaf_level[level] = sres.level;
	*hpa = sres.oa | dmar_lg2_mod(gpa, sres.size_lg2);
	*perm = sres.perm;
	return true;
}

/*
 * The SS leaf of the FS table of `level` again, as the unit reads it before
 * setting its D: keyed, cached and traced like the walk's own reads.
 */
static bool read_table_leaf(struct dmar_walk *w, const struct nested_ctx *nc, unsigned level,
			    uint64_t *v)
{
	unsigned lv = nc->leaf_level[level];
	uint64_t hpa = nc->table_leaf[level];
	struct dmar_stage st;
	unsigned shape;

	dmar_ss_stage(w->o, true, &st);
	dmar_key_entry(w, st.table_shape[lv] ? st.table_shape[lv] : st.leaf_shape[lv], lv,
		       nc->table_gpa[level], st.key_flags);
	shape = st.leaf_shape[lv];
	if (!dmar_read_entry(w, hpa, 1, v)) {
		dmar_trace_entry(w, DMAR_STEP_ABORT, shape, lv, hpa, 0, 0);
		return false;
	}
	dmar_trace_entry(w, DMAR_STEP_READ, shape, lv, hpa, v, 1);
	dmar_entry_ok(w); /* checked by the walk that found it */
	return true;
}

/*
 * First-stage A/D in a nested walk: each update is a write through the
 * second stage, so with SSADE the second-stage leaf of the FS table page an
 * update writes gets D first (vtd-notes 4.5, 6); if that fails (SSS.6) the
 * update is not written, nor those below it (R64, R101).
 */
static bool ss_dirty_first(struct dmar_walk *w, const void *ctx, unsigned level)
{
	const struct nested_ctx *nc = ctx;
	uint64_t v;

	if (!read_table_leaf(w, nc, level, &v) || (v & (1ull << DMAR_SL_D)))
		return true;
	/* the SS A/D rule (snooping) was met when A was set on this walk */
	if (dmar_unit_write(w, nc->table_leaf[level], v, v | (1ull << DMAR_SL_D), false) != DMAR_MEM_OK) {
		dmar_emit_fault(w, DMAR_FR_SSS_6);
		return false;
	}
	dmar_note(w, DMAR_NOTE_AD_WRITE, v | (1ull << DMAR_SL_D));
	return true;
}

static bool nested_fs_ad(struct dmar_walk *w, const struct nested_ctx *nc,
			 const struct dmar_stage_result *res, unsigned levels,
			 const struct dmar_ad_rule *ad, bool dirty)
{
	struct dmar_ad_rule rule = *ad;

	if (nc->job.ssade) {
		rule.before_store = ss_dirty_first;
		rule.store_ctx = nc;
	}
	return dmar_set_ad(w, res, levels, &rule, dirty, NULL);
}

/*
 * A nested walk that failed after using the FS entries down to res->level (or
 * above it): their A/EA may have been set speculatively, or the update's
 * fault reported (dmar_maybe_ad); with SSADE the output's second-stage walk
 * (`sres`, when it ran) likewise, and an FS table page written gets D.
 */
static void nested_maybe_ad(struct dmar_walk *w, const struct nested_ctx *nc,
			    const struct dmar_stage_result *res, unsigned levels,
			    const struct dmar_ad_rule *ad, bool leaf_used,
			    const struct dmar_stage_result *sres, bool sres_leaf_used)
{
	const struct dmar_mem_if *mem = w->mem;
	unsigned level;
	uint8_t made;
	uint64_t v;
	bool failed = false;

	if (nc->job.ssade && sres)
		dmar_maybe_ad(w, sres, nc->job.aw + 2, &nc->job.ad, sres_leaf_used);
	made = dmar_maybe_ad(w, res, levels, ad, leaf_used);
	/* each FS table page an update may have written: with SSADE its SS leaf gets D, a write that may fail */
	for (level = levels; nc->job.ssade && level >= 1; level--) {
		/* a leaf whose D is set already needs no write */
		if (!(made & (1u << level)) || !read_table_leaf(w, nc, level, &v) || (v & (1ull << DMAR_SL_D)))
			continue;
		if (mem->writable && !mem->writable(mem->ctx, nc->table_leaf[level])) {
			failed = true;
			continue;
		}
		dmar_possible_store(w, nc->table_leaf[level], 1ull << DMAR_SL_D);
	}
	if (failed)
		dmar_emit_fault(w, DMAR_FR_SSS_6);
}

/*
 * A nested translation the IOTLB may keep (vtd-notes 9.1): the first stage's
 * permissions for the request's privilege AND the second stage's R/W, the
 * smaller of the two pages.  A write needs D on the first-stage leaf and,
 * with SSADE, on the second-stage one.
 */
static void nested_remember(struct dmar_walk *w, const struct nested_ctx *nc,
			    const struct dmar_stage_result *res, const struct dmar_stage_result *sres,
			    struct dmar_translation *t, uint8_t eff, bool sets_d)
{
	unsigned lg2 = res->size_lg2 < sres->size_lg2 ? res->size_lg2 : sres->size_lg2;
	uint64_t gpa = res->oa | dmar_lg2_mod(w->rq->addr, res->size_lg2);

	t->in = dmar_lg2_align_down(w->rq->addr, lg2);
	t->out = dmar_lg2_align_down(sres->oa | dmar_lg2_mod(gpa, sres->size_lg2), lg2);
	t->size_lg2 = (uint8_t)lg2;
	t->perm = eff & (DMAR_PERM_R | DMAR_PERM_W);
	t->dirty = sets_d || (dmar_bit(res->leaf, DMAR_FS_D) &&
			      (!nc->job.ssade || dmar_bit(sres->leaf, DMAR_SL_D)));
	t->irq_code = DMAR_FR_SGN_8;
	t->first_stage = true;
	if (t->perm)
		dmar_remember(w, t);
}

void dmar_nested(struct dmar_walk *w, const struct sm_path *p)
{
	const struct dmar_request *rq = w->rq;
	unsigned levels = dmar_pe_fspm(p->pe) == 1 ? 5 : 4, width = levels == 5 ? 57 : 48, size_lg2;
	struct nested_ctx nc = { 0 };
	struct dmar_stage st;
	struct dmar_stage_result res = { 0 }, sres = { 0 };
	struct dmar_translation t = { 0 };
	struct dmar_ad_rule ad = { DMAR_FS_A, dmar_pe(p->pe, DMAR_PE_EAFE) ? DMAR_FS_EA : DMAR_NO_BIT,
				   DMAR_FS_D, dmar_walk_snoops(w, p), DMAR_FR_SFS_9, DMAR_FR_SFS_10,
				   DMAR_FR_SFS_8, NULL, NULL };
	uint64_t gpa, hpa;
	uint8_t eff;
	int status;
	bool denied, dirty, fs_denied;

	dmar_sm_ss_job(w, p, &nc.job);
	dmar_note(w, DMAR_NOTE_FS_LEVELS, levels);
	if (dmar_fault_if(w, DMAR_CHK_CANONICAL, !dmar_fs_canonical(rq->addr, width), DMAR_FR_SGN_1,
			  rq->addr))
		return;
	dmar_fs_stage(w->o, &st);
	st.need = dmar_fs_need(w, p);
	st.key_flags |= DMAR_KEY_VIA_SS;
	st.table_gpa = fs_table_gpa;
	st.hook = &nc;
	status = dmar_stage_walk(w, &st, levels, dmar_pe_fsptptr(p->pe), rq->addr, &res);
	if (status != DMAR_WALK_LEAF) {
		dmar_fs_walk_failed(w, p, status, &res);
		nested_maybe_ad(w, &nc, &res, levels, &ad, false, NULL, false);
		return;
	}
	gpa = res.oa | dmar_lg2_mod(rq->addr, res.size_lg2);
	dmar_note(w, DMAR_NOTE_OUTPUT, gpa);
	eff = dmar_fs_effective(p, res.perm);
	/*
	 * A first-stage permission fault and what the output's second-stage walk
	 * finds are not ordered (vtd-notes 8.3): a unit may translate both stages
	 * before it checks the combined permission (its IOTLB holds it combined),
	 * so both are allowed.
	 */
	fs_denied = rq->at == DMAR_AT_TR ? !(eff & (DMAR_PERM_R | DMAR_PERM_W)) :
					   dmar_fs_perm_faults(w, p, res.perm);
	if (fs_denied && rq->at == DMAR_AT_TR)
		dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
	/* the output is a guest address: the second stage translates it */
	dmar_note(w, DMAR_NOTE_NESTED_OUTPUT, gpa);
	status = dmar_ss_walk(w, &nc.job, gpa, &sres);
	if (status != DMAR_WALK_LEAF) {
		/* permission lost above the failing SS entry, as in a second-stage walk */
		dmar_ss_lost_above(w, &nc.job, &sres, nc.job.aw + 2);
		if (status == DMAR_WALK_NOT_PRESENT) {
			if (rq->at == DMAR_AT_TR)
				dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
			else
				dmar_emit_fault(w, DMAR_FR_SSS_2);
		}
		nested_maybe_ad(w, &nc, &res, levels, &ad, true, &sres, false);
		return;
	}
	hpa = sres.oa | dmar_lg2_mod(gpa, sres.size_lg2);
	dmar_note(w, DMAR_NOTE_OUTPUT, hpa);
	if (fs_denied) {
		if (rq->at != DMAR_AT_TR) {
			dmar_ss_perm_faults(w, &nc.job, &sres, nc.job.aw + 2);
			dmar_outside_irq(w, hpa, hpa, DMAR_FR_SGN_8);
		}
		nested_maybe_ad(w, &nc, &res, levels, &ad, true, &sres, true);
		return;
	}
	if (rq->at == DMAR_AT_TR) {
		/* effective: first-stage rules AND the second stage's R/W; the smaller page */
		eff &= sres.perm | (uint8_t)~(DMAR_PERM_R | DMAR_PERM_W);
		size_lg2 = res.size_lg2 < sres.size_lg2 ? res.size_lg2 : sres.size_lg2;
		dirty = dmar_ss_dirty_access(w) && (eff & DMAR_PERM_W);
		if ((eff & (DMAR_PERM_R | DMAR_PERM_W)) &&
		    ((nc.job.ssade && !dmar_set_ad(w, &sres, nc.job.aw + 2, &nc.job.ad, dirty, NULL)) ||
		     !nested_fs_ad(w, &nc, &res, levels, &ad, dirty)))
			return;
		t.n = dmar_pgsnp(p) || (dmar_bit(w->o->unit.ecap, DMAR_ECAP_SC) && dmar_bit(sres.leaf, DMAR_SL_SNP));
		dmar_emit_ats_page(w, dmar_lg2_align_down(hpa, size_lg2), size_lg2, eff, t.n,
				   rq->has_pasid && p->pr, DMAR_FR_SGN_8);
		nested_remember(w, &nc, &res, &sres, &t, eff, dirty);
		return;
	}
	denied = dmar_ss_perm_faults(w, &nc.job, &sres, nc.job.aw + 2); /* lost above too (R90) */
	if (!dmar_outside_irq(w, hpa, hpa, DMAR_FR_SGN_8) || denied) {
		nested_maybe_ad(w, &nc, &res, levels, &ad, true, &sres, true);
		return;
	}
	dirty = rq->access != DMAR_ACC_READ;
	if (nc.job.ssade && !dmar_set_ad(w, &sres, nc.job.aw + 2, &nc.job.ad, dirty, NULL))
		return;
	if (!nested_fs_ad(w, &nc, &res, levels, &ad, dirty))
		return;
	dmar_emit_ok(w, hpa);
	t.n = dmar_pgsnp(p) || (dmar_bit(w->o->unit.ecap, DMAR_ECAP_SC) && dmar_bit(sres.leaf, DMAR_SL_SNP));
	nested_remember(w, &nc, &res, &sres, &t, eff & (sres.perm | (uint8_t)~(DMAR_PERM_R | DMAR_PERM_W)),
			dirty);
}

