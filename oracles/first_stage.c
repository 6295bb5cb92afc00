// SPDX-License-Identifier: Apache-2.0
/*
 * First-stage translation (PGTT 001), vtd-notes 5: canonical input, the walk,
 * user/supervisor permission rules, A/EA/D, completions.  Its permission
 * helpers serve the nested walk too.
 */
#include "oracles/scalable.h"

/* first-stage input must be canonical for its paging mode (vtd-notes 5.1) */
bool dmar_fs_canonical(uint64_t iova, unsigned width)
{
	uint64_t top = iova >> (width - 1);

	return top == 0 || top == (~0ull >> (width - 1));
}

/* first-stage permission rules (vtd-notes 5.3) for the request, from `have` */
uint8_t dmar_fs_effective(const struct sm_path *p, uint8_t have)
{
	uint8_t eff;

	if (!p->pr) /* user: U/S on every level; writes also R/W */
		eff = have & DMAR_PERM_U ? (uint8_t)(DMAR_PERM_R | (have & DMAR_PERM_W)) : 0;
	else if (dmar_pe(p->pe, DMAR_PE_WPE)) /* supervisor with WPE: writes need R/W */
		eff = (uint8_t)(DMAR_PERM_R | (have & DMAR_PERM_W));
	else
		eff = DMAR_PERM_R | DMAR_PERM_W;
	return eff;
}

/* the rights every first-stage level must grant the request (struct dmar_stage.need) */
uint8_t dmar_fs_need(const struct dmar_walk *w, const struct sm_path *p)
{
	const struct dmar_request *rq = w->rq;
	uint8_t need = p->pr ? 0 : DMAR_PERM_U;

	if (rq->at != DMAR_AT_TR && rq->access != DMAR_ACC_READ && (!p->pr || dmar_pe(p->pe, DMAR_PE_WPE)))
		need |= DMAR_PERM_W;
	return need;
}

/* emits SGN.2 / SGN.6 as the request needs; true when it is denied */
bool dmar_fs_perm_faults(struct dmar_walk *w, const struct sm_path *p, uint8_t have)
{
	const struct dmar_request *rq = w->rq;
	bool denied = false;

	if (!p->pr && dmar_check(w, DMAR_CHK_PERM_USER, !(have & DMAR_PERM_U), DMAR_FR_SGN_2, have)) {
		dmar_emit_fault(w, DMAR_FR_SGN_2);
		denied = true;
	}
	/*
	 * SGN.6: a user write needs R/W on every level whatever U/S says, so with
	 * U/S=0 and R/W=0 both SGN.2 and SGN.6 hold, with no priority (vtd-notes 8.3);
	 * U/S=0 alone (R/W=1) is read as SGN.2 only.
	 */
	if (rq->access != DMAR_ACC_READ &&
	    dmar_check(w, DMAR_CHK_PERM_WRITE,
		       !((p->pr ? dmar_fs_effective(p, have) : have) & DMAR_PERM_W), DMAR_FR_SGN_6,
		       have)) {
		dmar_emit_fault(w, DMAR_FR_SGN_6);
		denied = true;
	}
	return denied;
}

/* a first-stage walk that found no page: SFS.2 or what the walk emitted, and
 * a permission already lost above, which may be reported at once (8.3) */
void dmar_fs_walk_failed(struct dmar_walk *w, const struct sm_path *p, int status,
			   const struct dmar_stage_result *res)
{
	const struct dmar_request *rq = w->rq;

	if (status == DMAR_WALK_NOT_PRESENT)
		dmar_emit_fault(w, DMAR_FR_SFS_2); /* S0 for translation requests */
	if (rq->at == DMAR_AT_TR) {
		if (!(dmar_fs_effective(p, res->perm) & (DMAR_PERM_R | DMAR_PERM_W)))
			dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
	} else if ((!p->pr && !(res->perm & DMAR_PERM_U)) ||
		   (rq->access != DMAR_ACC_READ && !(dmar_fs_effective(p, res->perm) & DMAR_PERM_W))) {
		dmar_note(w, DMAR_NOTE_PERM_LOST, res->perm);
		dmar_fs_perm_faults(w, p, res->perm);
	}
}

/* a first-stage translation the IOTLB may keep: its R/W for requests of this privilege */
static void fs_remember(struct dmar_walk *w, const struct sm_path *p,
			const struct dmar_stage_result *res, bool sets_d)
{
	struct dmar_translation t = {
		.in = dmar_lg2_align_down(w->rq->addr, res->size_lg2), .out = res->oa,
		.size_lg2 = res->size_lg2,
		.perm = dmar_fs_effective(p, res->perm) & (DMAR_PERM_R | DMAR_PERM_W),
		.dirty = sets_d || dmar_bit(res->leaf, DMAR_FS_D), .n = dmar_pgsnp(p),
		.irq_code = DMAR_FR_SGN_8, .first_stage = true,
	};

	if (t.perm)
		dmar_remember(w, &t);
}

void dmar_first_stage_only(struct dmar_walk *w, const struct sm_path *p)
{
	const struct dmar_request *rq = w->rq;
	unsigned levels = dmar_pe_fspm(p->pe) == 1 ? 5 : 4, width = levels == 5 ? 57 : 48;
	struct dmar_stage st;
	struct dmar_stage_result res = { 0 };
	struct dmar_ad_rule ad = { DMAR_FS_A, dmar_pe(p->pe, DMAR_PE_EAFE) ? DMAR_FS_EA : DMAR_NO_BIT,
				   DMAR_FS_D, dmar_walk_snoops(w, p), DMAR_FR_SFS_9, DMAR_FR_SFS_10, 0,
				   NULL, NULL };
	int status;
	uint64_t hpa;
	bool dirty, perm_failed, irq_failed;

	dmar_note(w, DMAR_NOTE_FS_LEVELS, levels);
	if (dmar_fault_if(w, DMAR_CHK_CANONICAL, !dmar_fs_canonical(rq->addr, width), DMAR_FR_SGN_1,
			  rq->addr))
		return;
	dmar_fs_stage(w->o, &st);
	st.need = dmar_fs_need(w, p);
	status = dmar_stage_walk(w, &st, levels, dmar_pe_fsptptr(p->pe), rq->addr, &res);
	if (status != DMAR_WALK_LEAF) {
		dmar_fs_walk_failed(w, p, status, &res);
		dmar_maybe_ad(w, &res, levels, &ad, false);
		return;
	}
	if (rq->at == DMAR_AT_TR) {
		uint8_t eff = dmar_fs_effective(p, res.perm);

		dirty = !(rq->nw && dmar_bit(w->o->unit.ecap, DMAR_ECAP_NWFS)) && (eff & DMAR_PERM_W);
		if ((eff & (DMAR_PERM_R | DMAR_PERM_W)) && !dmar_set_ad(w, &res, levels, &ad, dirty, NULL))
			return;
		dmar_emit_ats_page(w, res.oa, res.size_lg2, eff, dmar_pgsnp(p), rq->has_pasid && p->pr,
				   DMAR_FR_SGN_8);
		/* R=W=0: the entries were used all the same, their A may be set (as R76; R99) */
		if (!(eff & (DMAR_PERM_R | DMAR_PERM_W)))
			dmar_maybe_ad(w, &res, levels, &ad, true);
		fs_remember(w, p, &res, dirty);
		return;
	}
	hpa = res.oa | dmar_lg2_mod(rq->addr, res.size_lg2);
	dmar_note(w, DMAR_NOTE_OUTPUT, hpa);
	/* both checks run (each emits its fault): no order between them */
	perm_failed = dmar_fs_perm_faults(w, p, res.perm);
	irq_failed = !dmar_outside_irq(w, hpa, hpa, DMAR_FR_SGN_8);
	if (perm_failed || irq_failed) {
		dmar_maybe_ad(w, &res, levels, &ad, true);
		return;
	}
	if (!dmar_set_ad(w, &res, levels, &ad, rq->access != DMAR_ACC_READ, NULL))
		return;
	dmar_emit_ok(w, hpa);
	fs_remember(w, p, &res, rq->access != DMAR_ACC_READ);
}

