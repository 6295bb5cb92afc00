// SPDX-License-Identifier: Apache-2.0
/*
 * A second-stage translation, legacy or scalable (vtd-notes 4): input limit,
 * walk, permissions, A/D (scalable with SSADE), interrupt range, and the
 * completion of translation requests.  The two modes differ only in the
 * fault codes and a few bits, given by the job.
 */
#include "oracles/walk.h"
#include "oracles/bits.h"

/* cumulative R and W both 0 has its own code in scalable mode (SSS.2) */
static void permission_faults(struct dmar_walk *w, const struct dmar_ss_job *job, uint8_t perm,
			      unsigned when)
{
	if (job->code_none && (perm & (DMAR_PERM_R | DMAR_PERM_W)) == 0) {
		dmar_emit_fault(w, job->code_none);
		return;
	}
	dmar_emit_perm_faults(w, perm, when, job->code_w, job->code_r);
}

static bool final_perm_faults(struct dmar_walk *w, const struct dmar_ss_job *job, uint8_t perm,
			      unsigned when)
{
	if (job->code_none && (perm & (DMAR_PERM_R | DMAR_PERM_W)) == 0) {
		permission_faults(w, job, perm, when);
		return true;
	}
	return dmar_emit_perm_faults(w, perm, when, job->code_w, job->code_r);
}

/*
 * The levels above res->level, each with the permission the walk had kept
 * down to it: where that already denies the request, its fault may be the
 * one reported (the loss reported where it happened).
 */
static void lost_on_the_way(struct dmar_walk *w, const struct dmar_ss_job *job,
			    const struct dmar_stage_result *res, unsigned levels)
{
	unsigned level;

	if (res->from) /* levels from a cached copy up were not read now: only the sum is known */
		return;
	for (level = levels; level > res->level && level < 6; level--)
		if (dmar_perm_denies(w, res->kept[level]))
			permission_faults(w, job, res->kept[level], DMAR_PERM_EARLY);
}

/* the leaf's permission faults and, when it denies, the loss where it happened (R79); true when denied */
static bool leaf_perm_faults(struct dmar_walk *w, const struct dmar_ss_job *job,
			     const struct dmar_stage_result *res, unsigned levels, unsigned when)
{
	bool denied = final_perm_faults(w, job, res->perm, when);

	if (denied)
		lost_on_the_way(w, job, res, levels);
	return denied;
}

bool dmar_ss_perm_faults(struct dmar_walk *w, const struct dmar_ss_job *job, const struct dmar_stage_result *res,
			 unsigned levels)
{
	return leaf_perm_faults(w, job, res, levels, DMAR_PERM_FINAL);
}

/*
 * The request's permission lost above a failing entry may be reported at
 * once, at the level where it was lost (vtd-notes 4.7, check-order rows
 * S3-S6): each level whose cumulative permission denies the request gives
 * the fault that permission gives there (SGN.6/7; SSS.2 once R and W are
 * both gone), not only the permission left at the failure
 * (corpora/regressions/R75; R79 for a walk that reaches its leaf).
 */
void dmar_ss_lost_above(struct dmar_walk *w, const struct dmar_ss_job *job, const struct dmar_stage_result *res,
			unsigned levels)
{
	if (!dmar_perm_denies(w, res->perm))
		return;
	dmar_note(w, DMAR_NOTE_PERM_LOST, res->perm);
	if (w->rq->at == DMAR_AT_TR) {
		dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
		return;
	}
	permission_faults(w, job, res->perm, DMAR_PERM_EARLY);
	lost_on_the_way(w, job, res, levels);
}

bool dmar_ss_dirty_access(const struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;

	/* a translation request sets D unless NW=1 is honoured (vtd-notes 7.2) */
	if (rq->at == DMAR_AT_TR)
		return !(rq->nw && dmar_bit(w->o->unit.ecap, DMAR_ECAP_NWFS));
	return rq->access != DMAR_ACC_READ;
}

int dmar_ss_walk(struct dmar_walk *w, const struct dmar_ss_job *job, uint64_t input,
		 struct dmar_stage_result *res)
{
	const struct dmar_oracle *o = w->o;
	unsigned width = dmar_ss_width(o, job->aw), levels = job->aw + 2;
	struct dmar_stage st;

	res->perm = DMAR_PERM_R | DMAR_PERM_W | DMAR_PERM_U; /* nothing lost before the walk */
	res->level = (uint8_t)(levels + 1); /* no entry used yet */
	dmar_note(w, DMAR_NOTE_LEVELS, levels);
	if (dmar_check(w, DMAR_CHK_INPUT_LIMIT, !dmar_below_lg2(input, width), job->code_limit,
		       width)) {
		dmar_emit_fault(w, job->code_limit); /* LGN.1.1 / SGN.5 */
		return DMAR_WALK_FAULT;
	}
	dmar_ss_stage(o, job->scalable, &st);
	return dmar_stage_walk(w, &st, levels, job->root, input, res);
}

/* a write through this translation needs no flag update: no SSADE, D already set, or set by this request */
static bool ss_dirty(const struct dmar_ss_job *job, const struct dmar_stage_result *res, bool sets_d)
{
	return !job->ssade || sets_d || dmar_bit(res->leaf, job->ad.d_bit);
}

void dmar_second_stage(struct dmar_walk *w, const struct dmar_ss_job *job)
{
	const struct dmar_oracle *o = w->o;
	const struct dmar_request *rq = w->rq;
	unsigned levels = job->aw + 2;
	struct dmar_stage_result res = { 0 };
	struct dmar_translation t = { 0 };
	uint64_t hpa;
	int status = dmar_ss_walk(w, job, rq->addr, &res);
	bool denied, in_irq;

	if (status != DMAR_WALK_LEAF) {
		dmar_ss_lost_above(w, job, &res, levels);
		/* not present: SSS.2 in scalable mode, a permission fault in legacy */
		if (status == DMAR_WALK_NOT_PRESENT) {
			if (rq->at == DMAR_AT_TR)
				dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
			else
				permission_faults(w, job, 0, DMAR_PERM_ABSENT);
		}
		if (job->ssade)
			dmar_maybe_ad(w, &res, levels, &job->ad, false);
		return;
	}
	/* N: PGSNP, or the leaf's SNP where snoop control exists (vtd-notes 7.2) */
	t.n = job->pgsnp || (dmar_bit(o->unit.ecap, DMAR_ECAP_SC) && dmar_bit(res.leaf, DMAR_SL_SNP));
	t.in = dmar_lg2_align_down(rq->addr, res.size_lg2);
	t.out = res.oa;
	t.size_lg2 = res.size_lg2;
	t.perm = res.perm & (DMAR_PERM_R | DMAR_PERM_W);
	t.irq_code = job->code_irq;
	if (rq->at == DMAR_AT_TR) {
		/* D only where the completion grants W, as in the first stage (R92) */
		if ((res.perm & (DMAR_PERM_R | DMAR_PERM_W)) && job->ssade &&
		    !dmar_set_ad(w, &res, levels, &job->ad, dmar_ss_dirty_access(w) && (res.perm & DMAR_PERM_W),
				 NULL))
			return;
		dmar_emit_ats_page(w, res.oa, res.size_lg2, res.perm, t.n, job->priv, job->code_irq);
		/* R=W=0: the completion says so, but the entries were used: their A may be set, or
		 * its update's fault reported (vtd-notes 4.5, as beside a later fault; R76) */
		if (!t.perm && job->ssade)
			dmar_maybe_ad(w, &res, levels, &job->ad, true);
		if (t.perm) {
			t.dirty = ss_dirty(job, &res, dmar_ss_dirty_access(w));
			dmar_remember(w, &t);
		}
		return;
	}
	hpa = res.oa | dmar_lg2_mod(rq->addr, res.size_lg2);
	dmar_note(w, DMAR_NOTE_OUTPUT, hpa);
	/* an output in the interrupt range is a second failure: CAP.ZLR then excuses nothing (R21) */
	denied = leaf_perm_faults(w, job, &res, levels,
				  dmar_irq_range(hpa, hpa) ? DMAR_PERM_EARLY : DMAR_PERM_FINAL);
	in_irq = !dmar_outside_irq(w, hpa, hpa, job->code_irq);
	if (denied || in_irq) {
		if (job->ssade)
			dmar_maybe_ad(w, &res, levels, &job->ad, true);
		return;
	}
	if (job->ssade && !dmar_set_ad(w, &res, levels, &job->ad, dmar_ss_dirty_access(w), NULL))
		return;
	dmar_emit_ok(w, hpa);
	t.dirty = ss_dirty(job, &res, rq->access != DMAR_ACC_READ);
	dmar_remember(w, &t);
}

/*
 * Accessed / extended-accessed / dirty flags (vtd-notes 4.5, 5.4): A (and EA)
 * on every entry the walk used, D on the leaf for a write.  A walk that does
 * not snoop cannot update them: if any must change, the request faults.
 * The stores go through dmar_unit_write: only the walk that reads memory
 * alone makes them, a walk through cached values lists them as possible.
 * A set speculatively by a walk that faults is listed by dmar_maybe_ad.
 */
bool dmar_set_ad(struct dmar_walk *w, const struct dmar_stage_result *res, unsigned top,
		 const struct dmar_ad_rule *rule, bool dirty, uint8_t *changed)
{
	uint64_t want[6] = { 0 };
	unsigned level;
	bool needed = false;

	if (res->from && top >= res->from) /* cached copies from there up: their flags were set */
		top = res->from - 1u;
	for (level = top; level >= res->level && level >= 1; level--) {
		want[level] = res->entry[level] | (1ull << rule->a_bit);
		if (rule->ea_bit != DMAR_NO_BIT)
			want[level] |= 1ull << rule->ea_bit;
		if (level == res->level && dirty)
			want[level] |= 1ull << rule->d_bit;
		needed |= want[level] != res->entry[level];
	}
	if (!needed)
		return true;
	if (dmar_check(w, DMAR_CHK_AD_SNOOP, !rule->snooped, rule->code_nosnoop, 0)) {
		dmar_emit_fault(w, rule->code_nosnoop);
		return false;
	}
	/* nested: each update is a write through the second stage (vtd-notes 5.4, 6) */
	for (level = top; rule->code_ss_write && level >= res->level && level >= 1; level--) {
		if (want[level] != res->entry[level] && !(res->table_perm[level] & DMAR_PERM_W)) {
			dmar_check(w, DMAR_CHK_PERM_WRITE, true, rule->code_ss_write,
				   res->table_perm[level] & (DMAR_PERM_R | DMAR_PERM_W));
			dmar_emit_fault(w, rule->code_ss_write);
			return false;
		}
	}
	for (level = top; level >= res->level && level >= 1; level--) {
		if (want[level] == res->entry[level])
			continue;
		if (rule->before_store && !rule->before_store(w, rule->store_ctx, level))
			return false;
		/* from the deepest level a copy like memory was held for up, the unit may have used it */
		if (dmar_unit_write(w, res->entry_hpa[level], res->entry[level], want[level],
				    res->held && level >= res->held) != DMAR_MEM_OK) {
			dmar_emit_fault(w, rule->code_fail);
			return false;
		}
		if (changed)
			*changed |= (uint8_t)(1u << level);
		dmar_note(w, DMAR_NOTE_AD_WRITE, want[level]);
	}
	return true;
}

/*
 * The entries a failing walk used may have had A (and EA) set as they were
 * used, before the later fault was found; the specification gives no priority
 * between the fault such an update can raise and the later one (vtd-notes 8.3),
 * so both are allowed: the update's fault when the walk does not snoop
 * (SFS.9 / SSS.5) or, nested, when the second stage denies the write (SFS.8),
 * or when the memory says the write would fail (SFS.10 / SSS.6: the memory's
 * `writable`, when it has one); otherwise the flags are possible writes.
 * Entries never reached need nothing.  Returns the levels whose update the
 * unit may have attempted, its write going through or failing (nested: each
 * such write first went through the second stage, corpora/regressions/R64).
 */
uint8_t dmar_maybe_ad(struct dmar_walk *w, const struct dmar_stage_result *res, unsigned top,
		      const struct dmar_ad_rule *rule, bool leaf_used)
{
	uint64_t bits = (1ull << rule->a_bit) |
			(rule->ea_bit != DMAR_NO_BIT ? 1ull << rule->ea_bit : 0);
	unsigned level, last = leaf_used ? res->level : res->level + 1u;
	bool needed = false, denied = false, failed = false;
	uint8_t made = 0;

	if (res->from && top >= res->from) /* cached copies from there up: their flags were set */
		top = res->from - 1u;
	for (level = top; level >= last && level >= 1; level--) {
		if ((res->entry[level] & bits) == bits)
			continue;
		needed = true;
		if (rule->code_ss_write && !(res->table_perm[level] & DMAR_PERM_W)) {
			denied = true;
			continue;
		}
		if (!rule->snooped)
			continue; /* a walk that does not snoop cannot update flags */
		made |= (uint8_t)(1u << level);
		if (w->mem->writable && !w->mem->writable(w->mem->ctx, res->entry_hpa[level])) {
			failed = true; /* the update's write would fail: nothing set */
			continue;
		}
		dmar_possible_store(w, res->entry_hpa[level], bits & ~res->entry[level]);
	}
	if (!needed)
		return 0;
	if (dmar_check(w, DMAR_CHK_AD_SNOOP, !rule->snooped, rule->code_nosnoop, 0)) {
		dmar_emit_fault(w, rule->code_nosnoop);
	} else {
		if (denied) {
			dmar_check(w, DMAR_CHK_PERM_WRITE, true, rule->code_ss_write, 0);
			dmar_emit_fault(w, rule->code_ss_write);
		}
		if (failed)
			dmar_emit_fault(w, rule->code_fail);
	}
	return made;
}
