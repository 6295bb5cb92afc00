// SPDX-License-Identifier: Apache-2.0
/*
 * The oracle's entry points, the per-unit precomputation and the helpers
 * shared by every step: emitting outcomes, recording the trace, reading
 * entries.
 */
#include "oracles/walk.h"
#include "oracles/bits.h"

/* ---- per-unit precomputation ------------------------------------------ */

static const uint8_t sl_table_shape[6] = {
	0, 0, DMAR_SHAPE_SL_PDE, DMAR_SHAPE_SL_PDPE, DMAR_SHAPE_SL_PML4E, DMAR_SHAPE_SL_PML5E,
};
static const uint8_t sl_leaf_shape[6] = {
	0, DMAR_SHAPE_SL_PTE, DMAR_SHAPE_SL_PDE_2M, DMAR_SHAPE_SL_PDPE_1G, 0, 0,
};
static const uint8_t fs_table_shape[6] = {
	0, 0, DMAR_SHAPE_FS_PDE, DMAR_SHAPE_FS_PDPE, DMAR_SHAPE_FS_PML4E, DMAR_SHAPE_FS_PML5E,
};
static const uint8_t fs_leaf_shape[6] = {
	0, DMAR_SHAPE_FS_PTE, DMAR_SHAPE_FS_PDE_2M, DMAR_SHAPE_FS_PDPE_1G, 0, 0,
};

/* per-level masks of a paging format; PS where the size is unsupported is reserved */
static void paging_masks(const uint8_t *table_shape, const uint8_t *leaf_shape,
			 const uint8_t *leaf_ok, const struct dmar_rsvd_env *env,
			 uint64_t *table_rsvd, uint64_t *leaf_rsvd)
{
	unsigned level;

	for (level = 1; level <= 5; level++) {
		if (table_shape[level]) {
			table_rsvd[level] = dmar_shape_rsvd_mask(table_shape[level], 0, env);
			if (leaf_shape[level] && !leaf_ok[level])
				table_rsvd[level] |= 1ull << DMAR_PG_PS;
		}
		if (leaf_shape[level])
			leaf_rsvd[level] = dmar_shape_rsvd_mask(leaf_shape[level], 0, env);
	}
}

static void entry_masks(unsigned shape, const struct dmar_rsvd_env *env, uint64_t *mask,
			unsigned qwords)
{
	unsigned i;

	for (i = 0; i < qwords; i++)
		mask[i] = dmar_shape_rsvd_mask(shape, i, env);
}

void dmar_oracle_init(struct dmar_oracle *o, const struct dmar_unit *unit)
{
	struct dmar_rsvd_env env = { unit->cap, unit->ecap, unit->haw, 0, 0 };
	unsigned sslps = DMAR_CAP_SSLPS(unit->cap), aw;

	*o = (struct dmar_oracle){ 0 };
	o->unit = *unit;
	o->mgaw = (uint8_t)DMAR_CAP_MGAW(unit->cap);
	o->ttm = (uint8_t)DMAR_RTADDR_TTM(unit->rtaddr);
	o->sagaw = (uint8_t)DMAR_CAP_SAGAW(unit->cap);
	/* SAGAW bit 8+AW supports AW = 1, 2, 3 (39, 48, 57 bits) */
	for (aw = 1; aw <= 3; aw++)
		if (o->sagaw & (1u << aw))
			o->max_aw = (uint8_t)aw;

	/* SSIRWE: scalable mode only, and only where ECAP.SSIRWS lets it be set */
	env.ssirwe = (uint8_t)(o->ttm == DMAR_TTM_SCALABLE && DMAR_RTADDR_SSIRWE(unit->rtaddr) &&
			       dmar_bit(unit->ecap, DMAR_ECAP_SSIRWS));
	entry_masks(DMAR_SHAPE_ROOT, &env, o->root_rsvd, 2);
	entry_masks(DMAR_SHAPE_CTX, &env, o->ctx_rsvd, 2);
	entry_masks(DMAR_SHAPE_SM_ROOT, &env, o->sm_root_rsvd, 2);
	entry_masks(DMAR_SHAPE_SM_CTX, &env, o->sm_ctx_rsvd, 4);
	entry_masks(DMAR_SHAPE_PASID_DIR, &env, &o->pasid_dir_rsvd, 1);
	entry_masks(DMAR_SHAPE_PASID_ENTRY, &env, o->pasid_entry_rsvd, 8);
	env.passthrough = 1; /* the second-stage pointer is ignored */
	entry_masks(DMAR_SHAPE_CTX, &env, o->ctx_pt_rsvd, 2);
	entry_masks(DMAR_SHAPE_PASID_ENTRY, &env, o->pasid_entry_nss_rsvd, 8);
	env.passthrough = 0;

	/* CAP.SSLPS bit 0: 2M leaves at level 2; bit 1: 1G leaves at level 3 */
	o->sl_leaf_ok[1] = 1;
	o->sl_leaf_ok[2] = (uint8_t)(sslps & 1);
	o->sl_leaf_ok[3] = (uint8_t)((sslps >> 1) & 1);
	paging_masks(sl_table_shape, sl_leaf_shape, o->sl_leaf_ok, &env, o->sl_table_rsvd,
		     o->sl_leaf_rsvd);
	/* first stage: 4K and 2M always, 1G with CAP.FS1GP (vtd-notes 5.1) */
	o->fs_leaf_ok[1] = 1;
	o->fs_leaf_ok[2] = 1;
	o->fs_leaf_ok[3] = (uint8_t)DMAR_CAP_FS1GP(unit->cap);
	paging_masks(fs_table_shape, fs_leaf_shape, o->fs_leaf_ok, &env, o->fs_table_rsvd,
		     o->fs_leaf_rsvd);
}

static void stage_shapes(struct dmar_stage *st, const uint8_t *table_shape,
			 const uint8_t *leaf_shape)
{
	unsigned i;

	for (i = 0; i < 6; i++) {
		st->table_shape[i] = table_shape[i];
		st->leaf_shape[i] = leaf_shape[i];
	}
}

/* the second stage; `scalable` picks the SSS codes and, with SSIRWE, bits 61/62 */
void dmar_ss_stage(const struct dmar_oracle *o, bool scalable, struct dmar_stage *st)
{
	bool irwe = scalable && DMAR_RTADDR_SSIRWE(o->unit.rtaddr) &&
		    dmar_bit(o->unit.ecap, DMAR_ECAP_SSIRWS);

	*st = (struct dmar_stage){ 0 };
	st->fault_root_fetch = scalable ? DMAR_FR_SSS_4 : DMAR_FR_LCT_4; /* LCT.4.3 */
	st->fault_fetch = scalable ? DMAR_FR_SSS_1 : DMAR_FR_LSS_1;
	st->fault_rsvd = scalable ? DMAR_FR_SSS_3 : DMAR_FR_LSS_2;
	st->r_bit = irwe ? DMAR_SL_IR : DMAR_SL_R;
	st->w_bit = irwe ? DMAR_SL_IW : DMAR_SL_W;
	st->u_bit = DMAR_NO_BIT;
	st->present_mask = (1ull << st->r_bit) | (1ull << st->w_bit);
	stage_shapes(st, sl_table_shape, sl_leaf_shape);
	st->table_rsvd = o->sl_table_rsvd;
	st->leaf_rsvd = o->sl_leaf_rsvd;
	st->leaf_ok = o->sl_leaf_ok;
}

void dmar_legacy_stage(const struct dmar_oracle *o, struct dmar_stage *st)
{
	dmar_ss_stage(o, false, st);
}

/* the first stage (vtd-notes 5): P, R/W, U/S; read comes with presence */
void dmar_fs_stage(const struct dmar_oracle *o, struct dmar_stage *st)
{
	*st = (struct dmar_stage){ 0 };
	st->fault_root_fetch = DMAR_FR_SFS_4;
	st->fault_fetch = DMAR_FR_SFS_1;
	st->fault_rsvd = DMAR_FR_SFS_3;
	st->present_mask = 1ull << DMAR_FS_P;
	st->r_bit = DMAR_NO_BIT;
	st->w_bit = DMAR_FS_RW;
	st->u_bit = DMAR_FS_US;
	st->key_flags = DMAR_KEY_PASID;
	stage_shapes(st, fs_table_shape, fs_leaf_shape);
	st->table_rsvd = o->fs_table_rsvd;
	st->leaf_rsvd = o->fs_leaf_rsvd;
	st->leaf_ok = o->fs_leaf_ok;
}

/* ---- entry points ------------------------------------------------------ */

int dmar_oracle_answer(const struct dmar_oracle *o, const struct dmar_mem_if *mem,
		       const struct dmar_request *rq, struct dmar_outcome_set *out,
		       struct dmar_trace *trace)
{
	struct dmar_answer_opts opts = { .trace = trace };

	return dmar_oracle_answer_ex(o, mem, rq, out, &opts);
}

static void one_walk(struct dmar_walk *w)
{
	w->fpd = w->fpd_open = w->stop_open = w->duplicate = false;
	w->nread = 0;
	w->stale_used = false;
	w->stale_upper = false;
	w->ats_ok = false;
	w->key = (struct dmar_cache_key){ .sid = w->rq->sid };
	w->paging_snoops = dmar_bit(w->o->unit.ecap, DMAR_ECAP_C); /* legacy; scalable mode sets its own */
	if (w->pend)
		w->pend->has = false;
	if (dmar_request_prechecks(w))
		return;
	switch (dmar_mode_checks(w)) {
	case DMAR_MODE_GO_LEGACY:
		dmar_legacy_translate(w);
		break;
	case DMAR_MODE_GO_SCALABLE:
		dmar_scalable_translate(w);
		break;
	default:
		break;
	}
	dmar_offer_entry(w, false);
}

/* the next choice vector in depth-first order; false when all were walked */
static bool next_choices(struct dmar_walk *w)
{
	struct dmar_script *s = w->script;
	unsigned k = w->nread < 64 ? w->nread : 64;

	while (k--) {
		if (s->choice[k] < s->nalt[k]) {
			s->choice[k]++;
			while (++k < 64)
				s->choice[k] = 0;
			return true;
		}
	}
	return false;
}

static void iotlb_hits(struct dmar_walk *w);

/* takes the fresh walk's stores back (newest first), or makes them again */
static void fresh_stores(struct dmar_walk *w, bool make)
{
	unsigned i;

	for (i = 0; !w->stores_lost && i < w->n_stored; i++) {
		const struct dmar_store *s = &w->stored[make ? i : w->n_stored - 1 - i];

		(void)w->mem->write64(w->mem->ctx, s->hpa, make ? s->val : s->old);
	}
}

/*
 * The fresh walk allowed a fault beside another outcome: the unit may have
 * stopped at a condition the walk met before some of its stores (R93).
 */
static bool may_stop_early(const struct dmar_outcome_set *out)
{
	uint32_t i;

	for (i = 0; out->n > 1 && i < out->n; i++)
		if (out->o[i].kind != DMAR_OUT_OK && out->o[i].kind != DMAR_OUT_ATS)
			return true;
	return false;
}

static bool iotlb_answers(const struct dmar_walk *w);

/*
 * Untranslated requests and translation requests (reads: anything else is a
 * protocol error) with translation on, outside the interrupt range (never
 * translated): the requests the IOTLB serves.
 */
static bool tlb_applies(const struct dmar_walk *w)
{
	const struct dmar_request *rq = w->rq;

	return (rq->at == DMAR_AT_UT || (rq->at == DMAR_AT_TR && rq->access == DMAR_ACC_READ)) &&
	       w->o->unit.te &&
	       (rq->has_pasid || !dmar_irq_range(rq->addr, rq->addr + (rq->len ? rq->len - 1 : 0)));
}

/*
 * Every walk the caches allow: the fresh one (memory only) first, then each
 * choice of cached values, depth first, up to a bound.  All their outcomes
 * form the answer (docs/cache-model-plan.md).
 */
int dmar_oracle_answer_ex(const struct dmar_oracle *o, const struct dmar_mem_if *mem,
			  const struct dmar_request *rq, struct dmar_outcome_set *out,
			  struct dmar_answer_opts *opts)
{
	struct dmar_walk w = { .o = o, .mem = mem, .rq = rq, .out = out, .trace = opts->trace,
			       .fx = opts->fx, .cache = opts->cache, .probe = opts->probe };
	struct dmar_script script;
	struct dmar_pending pend;
	uint32_t walks = 0, max = opts->max_walks ? opts->max_walks : 256;
	unsigned i;
	bool stops_open = false;

	if (w.cache) { /* only enumeration needs a script: the uncached walk stays lean */
		script = (struct dmar_script){ { 0 }, { 0 } };
		w.script = &script;
		pend.has = false;
		w.pend = &pend;
	}

	out->n = 0;
	if (opts->fx)
		opts->fx->n = 0;
	if (opts->trace)
		opts->trace->n = 0;
	opts->bounded = false;
	w.tlb_answered = !w.probe && iotlb_answers(&w); /* before the walks add their own */
	do {
		w.fresh = walks == 0;
		if (walks == 1)
			w.trace = 0; /* the trace shows the fresh walk and the alternatives it met */
		one_walk(&w);
		if (walks == 0) {
			stops_open = may_stop_early(out);
			fresh_stores(&w, false); /* the other walks replace it: they see memory as it was */
		}
		if (++walks >= max && w.cache) {
			opts->bounded = next_choices(&w);
			break;
		}
	} while (w.cache && next_choices(&w));
	/* and what the IOTLB may answer without any walk (listed after the walks in the trace) */
	w.trace = opts->trace;
	w.duplicate = false; /* the last walk's: the IOTLB's answers are no walk's */
	if (!w.probe)
		iotlb_hits(&w);
	/* unless the fresh walk was the only way, memory may or may not hold what it stored */
	fresh_stores(&w, true);
	if (walks > 1 || w.tlb_answered || stops_open)
		for (i = 0; i < w.n_stored; i++)
			dmar_possible_store(&w, w.stored[i].hpa, w.stored[i].val & ~w.stored[i].old);
	opts->bounded |= w.truncated;
	if (!w.err && out->n == 0)
		w.err = DMAR_ORACLE_NO_OUTCOME; /* every path emits; a gap is a bug */
	return w.err;
}

int dmar_oracle_translate(const struct dmar_unit *unit, const struct dmar_mem_if *mem,
			  const struct dmar_request *rq, struct dmar_outcome_set *out,
			  struct dmar_trace *trace)
{
	struct dmar_oracle o;

	dmar_oracle_init(&o, unit);
	return dmar_oracle_answer(&o, mem, rq, out, trace);
}

/* ---- outcomes ---------------------------------------------------------- */

void dmar_emit(struct dmar_walk *w, const struct dmar_outcome *o)
{
	if (w->duplicate)
		return;
	if (!dmar_outcome_set_add(w->out, o) && !w->err)
		w->err = DMAR_ORACLE_OVERFLOW;
}

void dmar_emit_ok(struct dmar_walk *w, uint64_t hpa)
{
	struct dmar_outcome o = { .kind = DMAR_OUT_OK, .hpa = hpa };

	dmar_emit(w, &o);
}

/* the kind of request a translation was made by (struct dmar_translation.how) */
static uint8_t request_how(const struct dmar_request *rq)
{
	return (uint8_t)(rq->access | rq->priv << 2 | rq->exec << 3 | (rq->len == 0) << 4);
}

/*
 * Every walk the caches allow may leave its translation in the IOTLB, the
 * walks through cached values too: a unit may combine what it holds and
 * cache the result (vtd-notes 9.8).  It stays until an IOTLB invalidation
 * covering it completes, whatever happens to the entries it came from.
 */
void dmar_remember(struct dmar_walk *w, struct dmar_translation *t)
{
	if (!w->cache || !w->cache->tlb_fill || !tlb_applies(w) || w->duplicate)
		return;
	/*
	 * A walk whose only cached value is the leaf gives a translation the
	 * IOTLB got when that leaf was read (the entry a fresh walk left then)
	 */
	if (w->stale_used && !w->stale_upper)
		return;
	t->how = request_how(w->rq);
	t->ats_ok = w->ats_ok;
	t->from = w->stale_used ? w->stale_event + 1 : 0;
	w->cache->tlb_fill(w->cache->ctx, &w->key, w->rq, t);
}

/*
 * What a cached translation lets this request do: the R/W it grants the
 * request (0: it may not answer it).  A write needs the dirty flag already
 * set where one is tracked (vtd-notes 9.1); a first-stage entry's R/W hold
 * for requests of its privilege; execute requests are answered only by
 * entries made by such a request (the execute permission is not kept).
 */
static uint8_t tlb_grants(const struct dmar_walk *w, const struct dmar_translation *t)
{
	const struct dmar_request *rq = w->rq;
	uint8_t how = request_how(rq), need, perm = t->perm;
	bool same_priv = ((t->how ^ how) & 4) == 0;

	if (rq->at != DMAR_AT_TR && t->how == how)
		return perm ? perm : DMAR_PERM_R; /* it was allowed for that request */
	if (rq->exec || (t->first_stage && !same_priv))
		return 0;
	if (rq->at == DMAR_AT_TR) {
		if (!t->ats_ok || !same_priv)
			return 0;
		if (rq->nw && dmar_bit(w->o->unit.ecap, DMAR_ECAP_NWFS))
			perm &= (uint8_t)~DMAR_PERM_W;
		return (perm & DMAR_PERM_W) && !t->dirty ? 0 : perm;
	}
	need = rq->access == DMAR_ACC_READ ? DMAR_PERM_R :
	       rq->access == DMAR_ACC_WRITE ? DMAR_PERM_W : DMAR_PERM_R | DMAR_PERM_W;
	if ((perm & need) != need || ((need & DMAR_PERM_W) && !t->dirty))
		return 0;
	return perm;
}

/*
 * A request may be answered by a final translation the IOTLB holds for its
 * requester and address, whatever the tables say now (vtd-notes 9.8), when
 * the translation permits it.  A translation request gets the completions
 * of the sizes an IOTLB entry has (4K, 2M, 1G) that fit in the entry.
 */
static void iotlb_hits(struct dmar_walk *w)
{
	struct dmar_translation t[DMAR_MAX_STALE];
	uint32_t events[DMAR_MAX_STALE];
	unsigned n, i, lg2;
	uint8_t perm;

	if (!w->cache || !w->cache->tlb || !tlb_applies(w))
		return;
	n = w->cache->tlb(w->cache->ctx, w->rq, t, events, DMAR_MAX_STALE);
	if (n > DMAR_MAX_STALE) {
		w->truncated = true;
		n = DMAR_MAX_STALE;
	}
	for (i = 0; i < n; i++) {
		uint64_t out = t[i].out + (w->rq->addr - t[i].in);

		perm = tlb_grants(w, &t[i]);
		if (!perm)
			continue;
		dmar_trace_note(w, DMAR_NOTE_IOTLB_HIT, t[i].out);
		dmar_trace_note(w, DMAR_NOTE_IOTLB_SINCE, events[i]);
		if (w->rq->at != DMAR_AT_TR) {
			/* a pass-through entry a translation request left may point into FEEx (R91) */
			if (dmar_outside_irq(w, out, out, t[i].irq_code))
				dmar_emit_ok(w, out);
			continue;
		}
		for (lg2 = 12; lg2 <= t[i].size_lg2 && lg2 <= 30; lg2 += 9)
			dmar_emit_ats(w, dmar_lg2_align_down(out, lg2), lg2, perm, t[i].n,
				      (t[i].how & 4) != 0 && w->rq->has_pasid,
				      t[i].pass_through ? 0 : t[i].irq_code);
	}
}

/* some entry the IOTLB holds may answer the request (then no walk need run) */
static bool iotlb_answers(const struct dmar_walk *w)
{
	struct dmar_translation t[DMAR_MAX_STALE];
	uint32_t events[DMAR_MAX_STALE];
	unsigned n, i;

	if (!w->cache || !w->cache->tlb || !tlb_applies(w))
		return false;
	n = w->cache->tlb(w->cache->ctx, w->rq, t, events, DMAR_MAX_STALE);
	for (i = 0; i < n && i < DMAR_MAX_STALE; i++)
		if (tlb_grants(w, &t[i]))
			return true;
	return n > DMAR_MAX_STALE; /* more than fit: assume one may */
}

void dmar_emit_kind(struct dmar_walk *w, uint8_t kind)
{
	struct dmar_outcome o = { .kind = kind };

	dmar_emit(w, &o);
}

void dmar_emit_fault(struct dmar_walk *w, uint8_t code)
{
	const struct dmar_fault_info *fi = dmar_fault_lookup(code);
	struct dmar_outcome o = { .kind = DMAR_OUT_FAULT, .reason = code };
	uint8_t fc;

	switch (w->rq->at) {
	case DMAR_AT_PR:
		/* a page request that faults gets Invalid Request or is dropped, and is logged */
		o.kind = fi && fi->qualified && w->fpd ? DMAR_OUT_BLOCKED : DMAR_OUT_FAULT;
		dmar_emit(w, &o);
		return;
	case DMAR_AT_TR:
		fc = fi ? fi->cpl_t : DMAR_FC_UR;
		break;
	case DMAR_AT_T:
		fc = fi ? fi->cpl_x : DMAR_FC_UR;
		break;
	default:
		fc = fi ? fi->cpl_u : DMAR_FC_UR;
		break;
	}
	/*
	 * Success completions of translation requests are not faults: nothing
	 * is recorded.  SP ones are built by the translation itself, which
	 * knows the permissions; here they can only mean "no permission".
	 */
	if (fc == DMAR_FC_S0 || fc == DMAR_FC_SP) {
		dmar_emit_kind(w, DMAR_OUT_ATS_NONE);
		return;
	}
	o.cpl = fc == DMAR_FC_CA ? DMAR_CPL_CA : DMAR_CPL_UR;
	if (fi && fi->qualified && !w->fpd && w->fpd_open)
		dmar_emit(w, &o); /* reported, and blocked below */
	if (fi && fi->qualified && (w->fpd || w->fpd_open))
		o.kind = DMAR_OUT_BLOCKED;
	dmar_emit(w, &o);
}

/* ---- trace ------------------------------------------------------------- */

static struct dmar_step *trace_next(struct dmar_walk *w)
{
	struct dmar_trace *t = w->trace;

	if (!t || t->n >= t->cap)
		return 0;
	t->steps[t->n] = (struct dmar_step){ 0 };
	return &t->steps[t->n++];
}

void dmar_trace_entry(struct dmar_walk *w, unsigned kind, unsigned shape, unsigned level,
		      uint64_t hpa, const uint64_t *raw, unsigned nqw)
{
	struct dmar_step *s = trace_next(w);
	unsigned i;

	if (!s)
		return;
	s->kind = (uint8_t)kind;
	s->fmt = (uint8_t)shape;
	s->level = (uint8_t)level;
	s->hpa = hpa;
	s->reason = DMAR_ABOVE_MEMORY;
	s->nqw = (uint8_t)(nqw > 8 ? 8 : nqw);
	for (i = 0; i < s->nqw; i++)
		s->raw[i] = raw[i];
}

void dmar_trace_check(struct dmar_walk *w, unsigned check, bool failed, uint8_t reason,
		      uint64_t arg)
{
	struct dmar_step *s = trace_next(w);

	if (s) {
		s->kind = DMAR_STEP_CHECK;
		s->check = (uint16_t)check;
		s->failed = failed;
		s->reason = failed ? reason : 0;
		s->arg = arg;
	}
}

void dmar_trace_note(struct dmar_walk *w, unsigned note, uint64_t arg)
{
	struct dmar_step *s = trace_next(w);

	if (s) {
		s->kind = DMAR_STEP_NOTE;
		s->check = (uint16_t)note;
		s->arg = arg;
	}
}

/* ---- memory ------------------------------------------------------------ */

/* bits the unit may have set at hpa, or not (struct dmar_side_effects) */
void dmar_possible_store(struct dmar_walk *w, uint64_t hpa, uint64_t bits)
{
	uint32_t i;

	for (i = 0; bits && w->fx && i < w->fx->n; i++) /* many walks store alike: one entry each */
		if (w->fx->may[i].hpa == hpa) {
			w->fx->may[i].bits |= bits;
			return;
		}
	if (bits && w->fx && w->fx->n < w->fx->cap) {
		w->fx->may[w->fx->n].hpa = hpa;
		w->fx->may[w->fx->n].bits = bits;
		w->fx->n++;
	}
}

/*
 * A store by the unit (A/D flags).  Only the walk that reads memory alone
 * stores; a walk through cached values may have happened instead, so what
 * it would store is only a possible write.  When such a walk, or an IOTLB
 * entry, could have answered, the fresh walk's own stores are only possible
 * too: memory may hold them or not (corpora/regressions/R82).
 */
int dmar_unit_write(struct dmar_walk *w, uint64_t hpa, uint64_t old, uint64_t val, bool open)
{
	if (w->fresh) {
		int rc = w->mem->write64(w->mem->ctx, hpa, val);

		if (rc != DMAR_MEM_OK || !(val & ~old))
			return rc;
		/* the unit may have skipped this entry for a copy (`open`), or stopped before it (R93) */
		if (open || w->stop_open)
			dmar_possible_store(w, hpa, val & ~old);
		if (w->n_stored < DMAR_WALK_MAX_STORES) /* dmar_oracle_answer_ex decides the rest */
			w->stored[w->n_stored++] = (struct dmar_store){ hpa, old, val };
		else
			w->stores_lost = true;
		return rc;
	}
	/* the entry's memory refuses the store whatever copies the walk went through (R80) */
	if ((val & ~old) && w->mem->writable && !w->mem->writable(w->mem->ctx, hpa))
		return DMAR_MEM_ABORT;
	dmar_possible_store(w, hpa, val & ~old);
	return DMAR_MEM_OK;
}

/* hands the pending entry to the caches; `ok`: it passed its checks */
void dmar_offer_entry(struct dmar_walk *w, bool ok)
{
	if (!w->pend || !w->pend->has)
		return;
	w->pend->has = false;
	if (w->duplicate)
		return;
	if (!ok)
		w->pend->key.flags |= DMAR_KEY_FAULTED;
	w->cache->fill(w->cache->ctx, &w->pend->key, w->pend->val);
}

/* the walk takes a cached value dating from the event in `why` */
static void took_cached(struct dmar_walk *w, uint32_t why, bool upper)
{
	uint32_t since = why & 0x0fffffffu;

	if (!w->stale_used || since < w->stale_event)
		w->stale_event = since;
	w->stale_used = true;
	w->stale_upper |= upper;
}

unsigned dmar_choose(struct dmar_walk *w, unsigned n, const uint32_t *why)
{
	unsigned k = w->nread++, c;

	if (k >= 64 || !w->script)
		return 0;
	w->script->nalt[k] = (uint8_t)n;
	c = w->script->choice[k];
	if (!c || c > n)
		return 0;
	took_cached(w, why[c - 1], true);
	return c;
}

bool dmar_read_entry(struct dmar_walk *w, uint64_t hpa, unsigned nqw, uint64_t *raw)
{
	uint64_t alt[DMAR_MAX_STALE][8];
	uint32_t why[DMAR_MAX_STALE];
	uint8_t above[DMAR_MAX_STALE];
	unsigned i, n, k = w->nread++;

	w->took_above = DMAR_ABOVE_MEMORY;
	w->read_held = false;
	dmar_offer_entry(w, false); /* the entry before never passed its checks */
	for (i = 0; i < nqw; i++)
		if (w->mem->read64(w->mem->ctx, hpa + 8 * i, &raw[i]) != DMAR_MEM_OK)
			return false;
	if (!w->cache)
		return true;
	w->key.hpa = hpa;
	w->key.nqw = (uint8_t)nqw;
	/* a prefetch gains nothing from a cached leaf: that translation was cached when it was read */
	n = w->probe && w->key.level == 1 ? 0 :
	    w->cache->stale(w->cache->ctx, &w->key, raw, alt, why, above, &w->read_held, DMAR_MAX_STALE);
	if (n > DMAR_MAX_STALE) { /* more than the oracle can follow: say so */
		w->truncated = true;
		n = DMAR_MAX_STALE;
	}
	for (i = 0; i < n; i++) {
		dmar_trace_entry(w, DMAR_STEP_STALE, w->key.shape, w->key.level, hpa, alt[i], nqw);
		if (w->trace && w->trace->n && w->trace->n <= w->trace->cap) {
			w->trace->steps[w->trace->n - 1].arg = why[i];
			w->trace->steps[w->trace->n - 1].reason = above[i];
		}
	}
	if (k >= 64) /* beyond the script: memory only */
		return true;
	w->script->nalt[k] = (uint8_t)n;
	if (w->script->choice[k] && w->script->choice[k] <= n) {
		for (i = 0; i < nqw; i++)
			raw[i] = alt[w->script->choice[k] - 1][i];
		w->took_above = above[w->script->choice[k] - 1];
		took_cached(w, why[w->script->choice[k] - 1],
			    w->key.level != 1 && (w->key.level == 0 || !dmar_bit(raw[0], 7)));
		return true;
	}
	w->pend->has = true;
	w->pend->key = w->key;
	for (i = 0; i < nqw; i++)
		w->pend->val[i] = raw[i];
	return true;
}

/*
 * The context cache is looked up by source-id, the PASID cache by source-id
 * and PASID (vtd-notes 9.1), so a copy of the requester's context entry
 * answers without the root entry, and a copy of its PASID-table entry
 * without the PASID-directory entry: when the walk cannot reach the entry
 * (the structure above faults, or fetching the entry aborts), each copy a
 * cache may hold is another walk, going on from it (corpora/regressions/R68,
 * R77, R84).  Only copies a walk or a prefetch made count (a half-written
 * value included), not the unflushed or torn values of one address.
 * Returns true with ce set for such a walk; false when the fault stands
 * (emitted here).
 */
bool dmar_copy_unreached(struct dmar_walk *w, uint8_t fault, unsigned shape, unsigned nqw, uint64_t *ce)
{
	uint64_t alt[DMAR_MAX_STALE][8], none[8];
	uint32_t why[DMAR_MAX_STALE], keep_why[DMAR_MAX_STALE];
	uint8_t above[DMAR_MAX_STALE], keep_above[DMAR_MAX_STALE];
	unsigned i, j, n = 0, got = 0, c;

	if (w->cache && !w->probe) {
		for (i = 0; i < 8; i++)
			none[i] = ~0ull; /* no entry holds this: every copy is "other" */
		dmar_key_entry(w, shape, 0, 0,
			       DMAR_KEY_COPIES | (shape == DMAR_SHAPE_PASID_ENTRY ? DMAR_KEY_PASID : 0));
		w->key.hpa = 0;
		w->key.nqw = (uint8_t)nqw;
		n = w->cache->stale(w->cache->ctx, &w->key, none, alt, why, above, NULL, DMAR_MAX_STALE);
		if (n > DMAR_MAX_STALE) {
			w->truncated = true;
			n = DMAR_MAX_STALE;
		}
		for (i = 0; i < n; i++) {
			uint32_t kind = why[i] & 0xf0000000u;

			/* a half-written value a walk may have cached is a copy too (R100) */
			if (kind != DMAR_WHY_CACHED && kind != DMAR_WHY_PREFETCHED && kind != DMAR_WHY_MIDWRITE)
				continue;
			for (j = 0; j < nqw; j++)
				alt[got][j] = alt[i][j];
			keep_above[got] = above[i];
			keep_why[got++] = why[i];
		}
	}
	c = got ? dmar_choose(w, got, keep_why) : 0;
	if (!c) {
		dmar_emit_fault(w, fault);
		return false;
	}
	for (j = 0; j < nqw; j++)
		ce[j] = alt[c - 1][j];
	w->took_above = keep_above[c - 1];
	dmar_trace_entry(w, DMAR_STEP_STALE, shape, 0, 0, ce, nqw);
	return true;
}

bool dmar_fetch(struct dmar_walk *w, unsigned shape, uint64_t hpa, unsigned nqw, uint64_t *raw)
{
	dmar_key_entry(w, shape, 0, 0,
		       shape == DMAR_SHAPE_PASID_DIR || shape == DMAR_SHAPE_PASID_ENTRY ? DMAR_KEY_PASID : 0);
	w->key.above = (uint8_t)w->fpd; /* a PASID-table copy may keep the FPD met above it */
	if (!dmar_read_entry(w, hpa, nqw, raw)) {
		dmar_trace_entry(w, DMAR_STEP_ABORT, shape, 0, hpa, 0, 0);
		dmar_check(w, DMAR_CHK_FETCH, true, 0, hpa);
		return false;
	}
	dmar_trace_entry(w, DMAR_STEP_READ, shape, 0, hpa, raw, nqw);
	return true;
}
