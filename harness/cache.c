// SPDX-License-Identifier: Apache-2.0
/*
 * The cache model behind the oracle (docs/cache-model-plan.md, vtd-notes 9):
 * every entry value a walk read may be held by a cache until an
 * invalidation that covers it has completed.  Observations carry the tags
 * the caches use; invalidations remove them by tag (vtd-notes 9.3-9.5).
 *
 * This lives in the harness: the oracle stays stateless and asks through
 * struct dmar_cache_if.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness/blocks.h"
#include "harness/cache.h"
#include "oracles/bits.h"
#include "oracles/format.h"
#include "harness/qi_decode.h"
#include "harness/qi_encode.h"
#include "harness/grow.h"

static bool is_paging(const struct dmar_cache_key *k)
{
	return k->level != 0;
}

static bool is_first_stage(const struct dmar_cache_key *k)
{
	return k->shape >= DMAR_SHAPE_FS_PML5E;
}

static bool is_context_cache(unsigned shape)
{
	return shape == DMAR_SHAPE_ROOT || shape == DMAR_SHAPE_CTX || shape == DMAR_SHAPE_SM_ROOT ||
	       shape == DMAR_SHAPE_SM_CTX;
}

static bool is_pasid_cache(unsigned shape)
{
	return shape == DMAR_SHAPE_PASID_DIR || shape == DMAR_SHAPE_PASID_ENTRY;
}

/* a paging entry that maps a page: level 1, or PS=1 at levels 2 and 3 */
static bool is_leaf(const struct dmar_cache_key *k, uint64_t v)
{
	return k->level == 1 || ((k->level == 2 || k->level == 3) && dmar_bit(v, 7));
}

/* log2 of the input region one entry at this level covers */
static unsigned cover_lg2(unsigned level)
{
	return dmar_level_shift(level);
}

static bool ssirwe(const struct dmar_cache_model *cm)
{
	return DMAR_RTADDR_TTM(cm->unit.rtaddr) == DMAR_TTM_SCALABLE &&
	       DMAR_RTADDR_SSIRWE(cm->unit.rtaddr) && dmar_bit(cm->unit.ecap, 57);
}

/*
 * May a cache keep this value (vtd-notes 9.1, 9.2)?  With CM=0 only entries that
 * are present and passed their own checks; with CM=1 anything but a
 * first-stage entry that faults.
 */
static bool cacheable(const struct dmar_cache_model *cm, const struct dmar_cache_key *k,
		      const uint64_t *v)
{
	bool present;

	if (k->shape == DMAR_SHAPE_SM_ROOT)
		present = dmar_bit(v[(k->sid & 0x80) ? 1 : 0], 0);
	else if (is_paging(k) && !is_first_stage(k))
		present = ssirwe(cm) ? dmar_bits(v[0], 62, 61) != 0 : (v[0] & 3) != 0;
	else
		present = dmar_bit(v[0], 0);
	if (present && !(k->flags & DMAR_KEY_FAULTED))
		return true;
	return DMAR_CAP_CM(cm->unit.cap) && !is_first_stage(k);
}

/* log2 of the input region a copy answers for: the entry's, less what invalidations cut off */
static unsigned ob_cover(const struct dmar_observation *ob)
{
	return ob->cover ? ob->cover : cover_lg2(ob->key.level);
}

static bool is_root(unsigned shape)
{
	return shape == DMAR_SHAPE_ROOT || shape == DMAR_SHAPE_SM_ROOT;
}

/*
 * May this copy answer the lookup `b`?  Caches are looked up by their tags
 * (vtd-notes 9.1), not by where the entry was read: context entries by
 * source-id, PASID structures by source-id and PASID, paging-structure
 * entries by DID (and PASID for the first stage), level and the input
 * address's prefix, IOTLB leaves also by requester.  So a copy read through
 * other tables (another requester of the domain, an entry since re-pointed)
 * answers as well.  Root entries, which no named cache holds, are kept by
 * address.
 */
static bool same_slot(const struct dmar_observation *ob, const struct dmar_cache_key *b)
{
	const struct dmar_cache_key *a = &ob->key;
	unsigned lg2;

	if (a->nqw != b->nqw || a->level != b->level || a->shape != b->shape)
		return false;
	if (is_root(a->shape))
		return a->hpa == b->hpa;
	if (is_context_cache(a->shape))
		return a->sid == b->sid;
	if (is_pasid_cache(a->shape))
		return a->sid == b->sid && a->pasid == b->pasid;
	if (a->did != b->did || ((a->flags & DMAR_KEY_PASID) && a->pasid != b->pasid))
		return false;
	if (is_leaf(a, ob->val[0]) && (a->sid != b->sid || a->pasid != b->pasid))
		return false;
	lg2 = ob_cover(ob);
	return (a->input >> lg2) == (b->input >> lg2);
}

/*
 * The unit's own flags (A, D, EA) do not make a cached copy different: the
 * unit sets them before it caches an entry (vtd-notes 4.5, 5.4), so a copy that
 * differs only there is the same entry.
 */
static uint64_t flag_bits(const struct dmar_cache_key *k)
{
	if (!is_paging(k))
		return 0;
	return is_first_stage(k) ? (1ull << 5) | (1ull << 6) | (1ull << 10) : (1ull << 8) | (1ull << 9);
}

static bool same_value(const struct dmar_cache_key *k, const uint64_t *a, const uint64_t *b)
{
	unsigned i;

	for (i = 0; i < k->nqw; i++)
		if ((a[i] ^ b[i]) & ~flag_bits(k))
			return false;
	return true;
}

/* memory with or without the unit's own flags differs exactly there (whether an update is needed) */
static bool same_bits(const struct dmar_cache_key *k, const uint64_t *a, const uint64_t *b, uint32_t reason)
{
	unsigned i;

	if ((reason & 0xf0000000u) != DMAR_WHY_FLAGGED)
		return same_value(k, a, b);
	for (i = 0; i < k->nqw; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/*
 * Adds v to alt unless there already, or equal to now; returns the new
 * count, max + 1 when a further distinct value did not fit (the oracle then
 * reports its answer as bounded).
 */
struct alts {
	uint64_t (*v)[8];
	uint32_t *why;
	uint8_t *above;
	unsigned n, max;
	bool same; /* a value equal to now was left out */
};

/*
 * Adds v (with the rights kept above it) to the list unless there already,
 * or equal to now with nothing kept above; max + 1 in a->n when a further
 * distinct value did not fit (the oracle then reports its answer as bounded).
 */
static void add_alt(const struct dmar_cache_key *k, const uint64_t *v, const uint64_t *now, uint8_t above,
		    uint32_t reason, struct alts *a)
{
	unsigned j;

	/* the walk would do the same with what it found: memory, and the rights it has so far */
	if (a->n > a->max)
		return;
	if ((above == DMAR_ABOVE_MEMORY || above == k->above) && same_bits(k, v, now, reason)) {
		a->same = true;
		return;
	}
	for (j = 0; j < a->n && j < a->max; j++)
		if (a->above[j] == above && same_bits(k, a->v[j], v, reason))
			return;
	if (a->n == a->max) {
		a->n = a->max + 1;
		return;
	}
	memcpy(a->v[a->n], v, k->nqw * sizeof(uint64_t));
	a->why[a->n] = reason;
	a->above[a->n++] = above;
}

/*
 * An entry wider than 128 bits (scalable context, PASID entry) may be read
 * in 128-bit pieces at different times (vtd-notes 3.6, 3.7): a copy may mix the
 * pieces of an old value with those of the new one.
 */
static void torn_mixes(const struct dmar_cache_key *k, const uint64_t *old, const uint64_t *now,
		       uint32_t reason, struct alts *a)
{
	unsigned pieces = k->nqw / 2, mask, p;
	uint64_t mix[8];

	for (mask = 1; pieces > 1 && mask + 1 < (1u << pieces); mask++) {
		for (p = 0; p < pieces; p++) {
			mix[2 * p] = (mask >> p) & 1 ? old[2 * p] : now[2 * p];
			mix[2 * p + 1] = (mask >> p) & 1 ? old[2 * p + 1] : now[2 * p + 1];
		}
		add_alt(k, mix, now, DMAR_ABOVE_MEMORY, reason, a);
	}
}

/* now with the qword at hpa (within the entry) replaced by val */
static void add_with_qword(const struct dmar_cache_key *k, const uint64_t *now, uint64_t hpa, uint64_t val,
			   uint32_t reason, struct alts *a)
{
	uint64_t v[8];

	memcpy(v, now, k->nqw * sizeof(uint64_t));
	v[(hpa - k->hpa) / 8] = val;
	add_alt(k, v, now, DMAR_ABOVE_MEMORY, reason, a);
}

/* a read that does not snoop may find what software overwrote and did not flush yet */
static void unflushed_values(const struct dmar_cache_model *cm, const struct dmar_cache_key *k,
			     const uint64_t *now, struct alts *a)
{
	size_t i;

	for (i = 0; i < cm->n_unflushed; i++) {
		const struct dmar_unflushed *u = &cm->unflushed[i];

		if (u->hpa >= k->hpa && u->hpa < k->hpa + 8ull * k->nqw)
			add_with_qword(k, now, u->hpa, u->old, DMAR_WHY_UNFLUSHED | u->event, a);
	}
}

/* a read may find the flags the unit may have set either way (dmar_cache_model_maybe_set) */
static void open_values(const struct dmar_cache_model *cm, const struct dmar_cache_key *k,
			const uint64_t *now, struct alts *a)
{
	size_t i;

	for (i = 0; i < cm->n_open; i++) {
		const struct dmar_open_flags *o = &cm->open[i];
		uint64_t q;

		if (o->hpa < k->hpa || o->hpa >= k->hpa + 8ull * k->nqw)
			continue;
		/*
		 * A paging walk that finds a flag clear sets it: the same answer, unless the
		 * update cannot be made (no snoop, or a store that fails); only then do both
		 * values need walking (structures read either way: there a flag may be reserved).
		 */
		if (is_paging(k) && !(k->flags & (DMAR_KEY_NOSNOOP | DMAR_KEY_VIA_SS)) &&
		    !(cm->mem && cm->mem->writable && !cm->mem->writable(cm->mem->ctx, o->hpa)))
			continue;
		q = now[(o->hpa - k->hpa) / 8];
		/* set by a walk that faulted, memory without them; stored by a walk another answer
		 * may have replaced */
		add_with_qword(k, now, o->hpa, q | o->bits, DMAR_WHY_FLAGGED | o->event, a);
		add_with_qword(k, now, o->hpa, q & ~o->bits, DMAR_WHY_FLAGGED | o->event, a);
	}
}

/* ---- the index: observations of one entry address are chained in a bucket ---- */

/* a hash of the tags same_slot compares, so that every copy a lookup may use shares its bucket */
static size_t bucket(const struct dmar_cache_model *cm, const struct dmar_cache_key *k)
{
	uint64_t h;

	if (is_root(k->shape))
		h = k->hpa >> 3;
	else if (is_context_cache(k->shape))
		h = k->sid;
	else if (is_pasid_cache(k->shape))
		h = (uint64_t)k->pasid << 16 | k->sid;
	else
		h = (k->input >> cover_lg2(k->level)) * 8 + k->level + ((uint64_t)k->did << 40) +
		    ((k->flags & DMAR_KEY_PASID) ? (uint64_t)k->pasid << 20 : 0);
	h = (h + k->shape) * 0x9e3779b97f4a7c15ull;
	return (size_t)(h >> 40) & (cm->n_buckets - 1);
}

static void link(struct dmar_cache_model *cm, size_t i)
{
	size_t b = bucket(cm, &cm->obs[i].key);

	cm->next[i] = cm->head[b];
	cm->head[b] = i;
}

/* rebuilds the index (after removals, or to grow it); false when out of memory */
static bool reindex(struct dmar_cache_model *cm)
{
	size_t want = 1024, i;

	while (want < 2 * cm->cap_obs)
		want *= 2;
	if (want != cm->n_buckets) {
		size_t *h = realloc(cm->head, want * sizeof(*h));

		if (!h)
			return false;
		cm->head = h;
		cm->n_buckets = want;
	}
	if (cm->cap_obs) {
		size_t *nx = realloc(cm->next, cm->cap_obs * sizeof(*nx));

		if (!nx)
			return false;
		cm->next = nx;
	}
	for (i = 0; i < cm->n_buckets; i++)
		cm->head[i] = SIZE_MAX;
	for (i = 0; i < cm->n_obs; i++)
		link(cm, i);
	return true;
}

static unsigned cache_stale(void *ctx, const struct dmar_cache_key *key, const uint64_t *now,
			    uint64_t (*alt)[8], uint32_t *why, uint8_t *above, bool *same, unsigned max)
{
	struct dmar_cache_model *cm = ctx;
	struct alts a = { alt, why, above, 0, max, false };
	size_t i;

	for (i = cm->n_buckets ? cm->head[bucket(cm, key)] : SIZE_MAX; i != SIZE_MAX && a.n <= max;
	     i = cm->next[i]) {
		const struct dmar_observation *ob = &cm->obs[i];

		if (!same_slot(ob, key))
			continue;
		if (ob->overflow) /* the slot held more values than were kept */
			a.n = max + 1;
		/* a paging-structure copy keeps the rights above it; leaves, context and PASID copies none */
		add_alt(key, ob->val, now, ob->key.above,
			(ob->midwrite ? DMAR_WHY_MIDWRITE : ob->prefetched ? DMAR_WHY_PREFETCHED : DMAR_WHY_CACHED) |
				ob->event, &a);
		if (key->flags & DMAR_KEY_COPIES)
			continue;
		if (ob->key.hpa == key->hpa) /* pieces of one entry read at different times */
			torn_mixes(key, ob->val, now, DMAR_WHY_TORN | ob->event, &a);
	}
	if (same) /* copies only: memory's own alternatives below are not copies */
		*same = a.same;
	if (key->flags & DMAR_KEY_COPIES)
		return a.n;
	if (key->flags & DMAR_KEY_NOSNOOP)
		unflushed_values(cm, key, now, &a);
	open_values(cm, key, now, &a);
	return a.n;
}

static struct dmar_observation *push_obs(struct dmar_cache_model *cm);

/*
 * What a copy keeps of the walk above it (struct dmar_cache_key): a
 * paging-structure copy the rights, a PASID-table copy the FPD met above.
 */
static uint8_t kept_above(const struct dmar_cache_key *k, const uint64_t *val)
{
	if (is_paging(k))
		return is_leaf(k, val[0]) ? DMAR_ABOVE_MEMORY : k->above;
	return k->shape == DMAR_SHAPE_PASID_ENTRY ? k->above : DMAR_ABOVE_MEMORY;
}

static void cache_fill(void *ctx, const struct dmar_cache_key *key, const uint64_t *val)
{
	struct dmar_cache_model *cm = ctx;
	struct dmar_observation *ob, *first = NULL;
	size_t i, in_slot = 0;

	if (cm->prefetch)
		dmar_prefetch_note(&cm->pf, key);
	if (!cacheable(cm, key, val))
		return;
	for (i = cm->n_buckets ? cm->head[bucket(cm, key)] : SIZE_MAX; i != SIZE_MAX;
	     i = cm->next[i]) {
		ob = &cm->obs[i];
		if (!same_slot(ob, key))
			continue;
		/* the same copy read again: it is now as recent as this read (a fractured
		 * remainder is not: the whole entry is cached again) */
		if (!ob->cover && same_value(key, ob->val, val) && ob->key.above == kept_above(key, val)) {
			ob->event = cm->event;
			ob->prefetched = cm->pf.probing;
			if (!cm->pf.probing) /* a DMA's walk has read it whole now (R100) */
				ob->midwrite = false;
			return;
		}
		if (!first)
			first = ob;
		in_slot++;
	}
	/*
	 * A slot keeps at most one value more than a lookup follows: beyond, the
	 * lookup is cut and says so (the answer is partial), and a long chain of
	 * values costs no more than that bound.
	 */
	if (in_slot > DMAR_MAX_STALE) {
		first->overflow = true;
		return;
	}
	ob = push_obs(cm);
	if (!ob)
		return;
	ob->key = *key;
	ob->key.above = kept_above(key, val);
	memcpy(ob->val, val, key->nqw * sizeof(uint64_t));
	ob->event = cm->event;
	ob->prefetched = cm->pf.probing;
	link(cm, cm->n_obs - 1);
}

/* room for one more observation (not yet indexed); NULL when out of memory */
static struct dmar_observation *push_obs(struct dmar_cache_model *cm)
{
	struct dmar_observation *ob;

	if (cm->n_obs == cm->cap_obs) {
		void *p = dmar_grow(cm->obs, cm->n_obs, &cm->cap_obs, sizeof(*cm->obs), 64);

		if (!p)
			return NULL; /* a cache may always drop an entry */
		cm->obs = p;
		if (!reindex(cm)) {
			cm->n_obs = 0; /* dropping everything is always allowed */
			return NULL;
		}
	}
	ob = &cm->obs[cm->n_obs++];
	memset(ob, 0, sizeof(*ob));
	return ob;
}

static bool scalable(const struct dmar_cache_model *cm)
{
	return DMAR_RTADDR_TTM(cm->unit.rtaddr) == DMAR_TTM_SCALABLE;
}

/* ---- the IOTLB's final translations ---------------------------------------- */

static void tlb_fill(void *ctx, const struct dmar_cache_key *key, const struct dmar_request *rq,
		     const struct dmar_translation *t)
{
	struct dmar_cache_model *cm = ctx;
	struct dmar_tlb_entry e = { *t, rq->sid, rq->has_pasid, rq->pasid, key->did, key->pasid,
				    t->from ? t->from - 1 : cm->event, false };

	e.t.from = 0;
	dmar_iotlb_fill(&cm->iotlb, &e);
}

static unsigned tlb_lookup(void *ctx, const struct dmar_request *rq, struct dmar_translation *out,
			   uint32_t *events, unsigned max)
{
	struct dmar_cache_model *cm = ctx;

	return dmar_iotlb_lookup(&cm->iotlb, rq, out, events, max);
}

void dmar_cache_model_init(struct dmar_cache_model *cm, const struct dmar_unit *unit)
{
	memset(cm, 0, sizeof(*cm));
	cm->unit = *unit;
	cm->iotlb.scalable = scalable(cm);
	cm->iface.ctx = cm;
	cm->iface.stale = cache_stale;
	cm->iface.fill = cache_fill;
	cm->iface.tlb_fill = tlb_fill;
	cm->iface.tlb = tlb_lookup;
}

void dmar_cache_model_store(struct dmar_cache_model *cm, uint64_t hpa, uint64_t old, uint64_t val)
{
	struct dmar_unflushed *u;

	if (old == val)
		return;
	if (cm->n_unflushed == cm->cap_unflushed) {
		void *p = dmar_grow(cm->unflushed, cm->n_unflushed, &cm->cap_unflushed, sizeof(*cm->unflushed), 16);

		if (!p)
			return;
		cm->unflushed = p;
	}
	u = &cm->unflushed[cm->n_unflushed++];
	u->hpa = hpa;
	u->old = old;
	u->event = cm->event;
}

static struct dmar_open_flags *open_find(const struct dmar_cache_model *cm, uint64_t hpa)
{
	size_t i;

	for (i = 0; i < cm->n_open; i++)
		if (cm->open[i].hpa == hpa)
			return &cm->open[i];
	return NULL;
}

void dmar_cache_model_maybe_set(struct dmar_cache_model *cm, const struct dmar_maybe_write *mw)
{
	struct dmar_open_flags *o = open_find(cm, mw->hpa);

	if (!o) {
		if (cm->n_open == cm->cap_open) {
			void *p = dmar_grow(cm->open, cm->n_open, &cm->cap_open, sizeof(*cm->open), 16);

			if (!p)
				return; /* then checks and walks are simply stricter */
			cm->open = p;
		}
		o = &cm->open[cm->n_open++];
		*o = (struct dmar_open_flags){ .hpa = mw->hpa };
	}
	o->bits |= mw->bits;
	o->event = cm->event;
}

uint64_t dmar_cache_model_open_bits(const struct dmar_cache_model *cm, uint64_t hpa)
{
	const struct dmar_open_flags *o = open_find(cm, hpa);

	return o ? o->bits : 0;
}

void dmar_cache_model_overwritten(struct dmar_cache_model *cm, uint64_t hpa)
{
	struct dmar_open_flags *o = open_find(cm, hpa);

	if (o)
		*o = cm->open[--cm->n_open];
}

void dmar_cache_model_midwrite(struct dmar_cache_model *cm, uint64_t hpa, struct dmar_smem *mem)
{
	size_t i, n = cm->n_obs;
	uint64_t v[8];
	unsigned q;

	for (i = 0; i < n; i++) {
		struct dmar_observation ob = cm->obs[i], *copy;
		size_t j;
		bool known = false;

		if (ob.key.nqw < 2 || hpa < ob.key.hpa || hpa >= ob.key.hpa + 8ull * ob.key.nqw)
			continue;
		for (q = 0; q < ob.key.nqw; q++)
			if (dmar_smem_read64(mem, ob.key.hpa + 8ull * q, &v[q]) != DMAR_MEM_OK)
				return;
		if (!cacheable(cm, &ob.key, v))
			continue;
		for (j = 0; j < cm->n_obs && !known; j++)
			known = same_slot(&cm->obs[j], &ob.key) && same_value(&ob.key, cm->obs[j].val, v);
		if (known || !(copy = push_obs(cm)))
			continue;
		*copy = ob;
		memcpy(copy->val, v, ob.key.nqw * sizeof(uint64_t));
		copy->event = cm->event;
		copy->midwrite = true;
		link(cm, cm->n_obs - 1);
	}
}

void dmar_cache_model_clflush(struct dmar_cache_model *cm, uint64_t hpa)
{
	size_t i, kept = 0;

	for (i = 0; i < cm->n_unflushed; i++)
		if ((cm->unflushed[i].hpa >> 6) != (hpa >> 6))
			cm->unflushed[kept++] = cm->unflushed[i];
	cm->n_unflushed = kept;
}

void dmar_cache_model_set_unit(struct dmar_cache_model *cm, const struct dmar_unit *unit,
			       bool flush_all)
{
	cm->unit = *unit;
	cm->iotlb.scalable = scalable(cm);
	if (flush_all) {
		cm->n_obs = 0;
		dmar_iotlb_clear(&cm->iotlb);
		if (cm->n_buckets)
			reindex(cm);
	}
}

void dmar_cache_model_free(struct dmar_cache_model *cm)
{
	free(cm->obs);
	free(cm->head);
	free(cm->next);
	free(cm->log);
	free(cm->open);
	dmar_iotlb_free(&cm->iotlb);
	dmar_prefetch_free(&cm->pf);
	dmar_atc_free(&cm->atc);
	free(cm->unflushed);
	memset(cm, 0, sizeof(*cm));
}

/* ---- invalidations -------------------------------------------------------- */


static bool sid_matches(uint16_t a, uint16_t b, unsigned fm)
{
	/* FM masks function bits: 1 -> bit 2, 2 -> bits 2:1, 3 -> bits 2:0 */
	static const uint16_t mask[4] = { 0, 4, 6, 7 };

	return (a & ~mask[fm & 3]) == (b & ~mask[fm & 3]);
}

/*
 * What an invalidation does to one cached copy (vtd-notes 9.3-9.5): removes it,
 * removes part of a large leaf (a unit may have cached it as fractured
 * pieces, vtd-notes 9.1: the pieces outside the range stay), or leaves it for
 * one of the reasons below.
 */
enum cover {
	COVER_ALL,
	COVER_PART,
	MISS_CACHE,
	MISS_DOMAIN,
	MISS_DEVICE,
	MISS_PASID,
	MISS_RANGE,
	MISS_IH,
};

static const char *const miss_text[] = {
	[COVER_PART] = "it covered only part of this large page; fractured copies of the rest may remain",
	[MISS_CACHE] = "that kind of invalidation does not reach this cache",
	[MISS_DOMAIN] = "it names another domain",
	[MISS_DEVICE] = "it names another source-id",
	[MISS_PASID] = "it names another PASID",
	[MISS_RANGE] = "its address range does not reach this entry",
	[MISS_IH] = "IH=1 keeps paging-structure (non-leaf) entries",
};

static enum cover by_did(uint32_t a, uint32_t b)
{
	return a == b ? COVER_ALL : MISS_DOMAIN;
}

/* a page-selective invalidation against one paging entry's copy */
static enum cover by_range(const struct dmar_inv *inv, const struct dmar_observation *ob, bool leaf)
{
	unsigned inv_lg2 = 12 + inv->am, lg2 = ob_cover(ob);

	if (!dmar_blocks_meet(ob->key.input, lg2, inv->addr, inv_lg2))
		return MISS_RANGE;
	if (!leaf && (inv->fields & DMAR_INVF_IH))
		return MISS_IH;
	return leaf && inv_lg2 < lg2 ? COVER_PART : COVER_ALL;
}

static enum cover classify(const struct dmar_cache_model *cm, const struct dmar_inv *inv,
			   const struct dmar_observation *ob)
{
	const struct dmar_cache_key *k = &ob->key;
	unsigned shape = k->shape;
	bool paging = is_paging(k), leaf = paging && is_leaf(k, ob->val[0]);
	uint32_t ctx_did = (uint32_t)dmar_bits(ob->val[1], 23, 8);
	uint32_t pe_did = (uint32_t)dmar_bits(ob->val[1], 15, 0);

	switch (inv->kind) {
	case DMAR_INV_CC_GLOBAL:
		return is_context_cache(shape) ? COVER_ALL : MISS_CACHE;
	case DMAR_INV_CC_DOMAIN: /* scalable mode: context caches are not DID-tagged */
		if (!is_context_cache(shape))
			return MISS_CACHE;
		if (scalable(cm))
			return COVER_ALL;
		return shape == DMAR_SHAPE_CTX ? by_did(ctx_did, inv->did) : MISS_CACHE;
	case DMAR_INV_CC_DEVICE:
		if (!is_context_cache(shape))
			return MISS_CACHE;
		if (shape == DMAR_SHAPE_ROOT || shape == DMAR_SHAPE_SM_ROOT)
			return (k->sid >> 8) == (inv->sid >> 8) ? COVER_ALL : MISS_DEVICE;
		if (!sid_matches(k->sid, inv->sid, inv->fm))
			return MISS_DEVICE;
		return scalable(cm) ? COVER_ALL : by_did(ctx_did, inv->did);
	case DMAR_INV_PC_GLOBAL:
		return is_pasid_cache(shape) ? COVER_ALL : MISS_CACHE;
	case DMAR_INV_PC_DOMAIN:
		if (!is_pasid_cache(shape))
			return MISS_CACHE;
		return shape == DMAR_SHAPE_PASID_DIR ? COVER_ALL : by_did(pe_did, inv->did);
	case DMAR_INV_PC_PASID:
		if (!is_pasid_cache(shape))
			return MISS_CACHE;
		if (k->pasid != inv->pasid)
			return MISS_PASID;
		return shape == DMAR_SHAPE_PASID_DIR ? COVER_ALL : by_did(pe_did, inv->did);
	case DMAR_INV_IOTLB_GLOBAL:
		return paging ? COVER_ALL : MISS_CACHE;
	case DMAR_INV_IOTLB_DOMAIN:
		return paging ? by_did(k->did, inv->did) : MISS_CACHE;
	case DMAR_INV_IOTLB_PAGE:
		if (!paging)
			return MISS_CACHE;
		if (k->did != inv->did)
			return MISS_DOMAIN;
		if (scalable(cm) && is_first_stage(k)) /* all first-stage entries of the domain */
			return COVER_ALL;
		return by_range(inv, ob, leaf);
	case DMAR_INV_PIOTLB_PASID:
		/* second-stage paging-structure caches are not PASID-tagged */
		if (!paging || !(is_first_stage(k) || leaf))
			return MISS_CACHE;
		if (k->did != inv->did)
			return MISS_DOMAIN;
		return k->pasid == inv->pasid ? COVER_ALL : MISS_PASID;
	case DMAR_INV_PIOTLB_PAGE:
		if (!paging || !is_first_stage(k))
			return MISS_CACHE;
		if (k->did != inv->did)
			return MISS_DOMAIN;
		if (k->pasid != inv->pasid)
			return MISS_PASID;
		return by_range(inv, ob, leaf);
	default:
		return MISS_CACHE;
	}
}

/*
 * The pieces of a large leaf's copy outside an invalidated block: one
 * aligned block per size between the invalidation's and the copy's.
 */
static unsigned fracture(const struct dmar_observation *ob, const struct dmar_inv *inv,
			 struct dmar_observation *out)
{
	unsigned lg2, n = 0;

	for (lg2 = 12 + inv->am; lg2 < ob_cover(ob); lg2++) {
		out[n] = *ob;
		out[n].cover = (uint8_t)lg2;
		out[n].key.input = ((inv->addr >> lg2) ^ 1) << lg2;
		n++;
	}
	return n;
}

/* removes what inv covers among the copies read before event `before` */
static void apply(struct dmar_cache_model *cm, const struct dmar_inv *inv, uint32_t before)
{
	struct dmar_observation *pieces = NULL, *p;
	size_t i, kept = 0, n_pieces = 0;

	dmar_iotlb_invalidate(&cm->iotlb, inv, before);
	for (i = 0; i < cm->n_obs; i++) {
		const struct dmar_observation *ob = &cm->obs[i];
		enum cover c = ob->event < before ? classify(cm, inv, ob) : MISS_CACHE;

		if (c == COVER_PART) {
			p = realloc(pieces, (n_pieces + 32) * sizeof(*p));
			if (p) {
				pieces = p;
				n_pieces += fracture(ob, inv, pieces + n_pieces);
			}
		}
		if (c != COVER_ALL && c != COVER_PART)
			cm->obs[kept++] = *ob;
	}
	if (kept == cm->n_obs)
		return;
	cm->n_obs = kept;
	for (i = 0; i < n_pieces; i++) {
		p = push_obs(cm);
		if (p)
			*p = pieces[i];
	}
	free(pieces);
	if (!reindex(cm))
		cm->n_obs = 0;
}

static struct dmar_inv_record *log_inv(struct dmar_cache_model *cm, const struct dmar_inv *inv,
				       enum dmar_inv_fate fate)
{
	struct dmar_inv_record *r;

	if (cm->n_log == cm->cap_log) {
		void *p = dmar_grow(cm->log, cm->n_log, &cm->cap_log, sizeof(*cm->log), 16);

		if (!p)
			return NULL;
		cm->log = p;
	}
	r = &cm->log[cm->n_log++];
	r->inv = *inv;
	r->event = r->done = cm->event;
	r->fate = (uint8_t)fate;
	return r;
}

/* a wait completed: every queued invalidation before it has taken effect */
static void complete_queued(struct dmar_cache_model *cm)
{
	size_t i;

	for (i = cm->first_queued; i < cm->n_log; i++) {
		struct dmar_inv_record *r = &cm->log[i];

		if (r->fate != DMAR_FATE_QUEUED)
			continue;
		/* it ran at some point since it was queued: copies read after that may remain */
		if (r->inv.kind == DMAR_INV_DEVTLB)
			dmar_atc_invalidate(&cm->atc, &r->inv, r->event);
		else
			apply(cm, &r->inv, r->event);
		r->fate = DMAR_FATE_DONE;
		r->done = cm->event;
	}
	cm->first_queued = cm->n_log;
}

/*
 * Register-based invalidation works only in legacy mode, before VER 6 and
 * while queued invalidation is off (vtd-notes 9.3, 1.12); queued ones complete
 * at the next wait, until which the old values stay allowed (docs/case-format.md).
 */
/*
 * A named invalidation in the queue is the descriptor software writes for
 * it, judged as a raw one is: fields the unit lacks the capability for
 * (PD without ECAP.PDS, a device-TLB type without DT...) make it invalid.
 */
static bool queued_valid(const struct dmar_cache_model *cm, const struct dmar_inv *inv)
{
	struct dmar_inv back;
	uint64_t w[4];
	unsigned n = dmar_qi_encode_queued(inv, cm->unit.rtaddr, w);

	return n && dmar_qi_decode(&cm->unit, w, n, &back) == 0;
}

/* an invalid descriptor: the queue stops on it (IQE); a register refuses it (IAIG 00) */
static void refuse(struct dmar_cache_model *cm, const struct dmar_inv *inv)
{
	if (inv->via != DMAR_VIA_REG && !cm->queue_stopped) {
		cm->queue_stopped = true;
		cm->iqe_event = cm->event;
	}
	log_inv(cm, inv, DMAR_FATE_INVALID);
}

int dmar_cache_model_invalidate(struct dmar_cache_model *cm, const struct dmar_inv *inv,
				struct dmar_smem *mem)
{
	uint64_t qw, shift;

	if (inv->via != DMAR_VIA_REG && !cm->queue_stopped && !queued_valid(cm, inv)) {
		refuse(cm, inv);
		return 0;
	}
	if (inv->kind == DMAR_INV_WAIT) {
		/* no register performs a wait: one written via=reg does nothing (vtd-notes 9.3) */
		if (cm->queue_stopped || inv->via == DMAR_VIA_REG)
			return 0;
		complete_queued(cm);
		if (!(inv->fields & DMAR_INVF_STATUS))
			return 0;
		/*
		 * The status write: 32 bits of data at a 4-byte aligned address,
		 * written by the unit, so lost in a `rom` range (docs/case-format.md).
		 */
		shift = (inv->status_hpa & 4) * 8;
		if (dmar_smem_read64(mem, inv->status_hpa & ~7ull, &qw) != DMAR_MEM_OK)
			return -1;
		qw = (qw & ~(0xffffffffull << shift)) | ((inv->status_value & 0xffffffff) << shift);
		if (dmar_smem_unit_write64(mem, inv->status_hpa & ~7ull, qw) == DMAR_MEM_OK)
			return 0;
		return mem->oom ? -1 : 0; /* else a rom: the write fails, memory keeps its value */
	}
	if (!dmar_inv_supported(&cm->unit, inv)) {
		refuse(cm, inv);
		return 0;
	}
	if (inv->via == DMAR_VIA_REG) {
		/* only CCMD and IOTLB_REG exist: no register reaches the PASID cache, PASID-based
		 * IOTLB entries, device-TLBs or interrupt entries (vtd-notes 9.3, R95) */
		if (DMAR_RTADDR_TTM(cm->unit.rtaddr) != DMAR_TTM_LEGACY ||
		    ((cm->unit.ver >> 4) & 0xf) >= 6 || inv->kind >= DMAR_INV_PC_DOMAIN) {
			log_inv(cm, inv, DMAR_FATE_REJECTED); /* CAIG/IAIG = 00 */
			return 0;
		}
		apply(cm, inv, cm->event + 1);
		log_inv(cm, inv, DMAR_FATE_DONE);
		return 0;
	}
	/* after IQE nothing queued is fetched and no wait completes */
	log_inv(cm, inv, cm->queue_stopped ? DMAR_FATE_UNFETCHED : DMAR_FATE_QUEUED);
	return 0;
}

static bool is_copy_of(const struct dmar_observation *ob, uint64_t hpa, const uint64_t *val,
		       unsigned nqw, uint32_t since)
{
	(void)hpa; /* looked up by tags: the copy may have been read elsewhere */
	return ob->key.nqw == nqw && ob->event == since && same_value(&ob->key, ob->val, val);
}

size_t dmar_cache_model_why_kept(const struct dmar_cache_model *cm, uint64_t hpa,
				 const uint64_t *val, unsigned nqw, uint32_t since, uint64_t addr,
				 struct dmar_kept *out, size_t max)
{
	static const char *const fate_text[] = {
		[DMAR_FATE_QUEUED] = "queued, and no wait descriptor has completed since",
		[DMAR_FATE_REJECTED] = "register-based, which this unit ignores (scalable mode or VER >= 6)",
		[DMAR_FATE_UNFETCHED] = "queued behind an invalid descriptor (IQE): never fetched",
		[DMAR_FATE_INVALID] = "invalid (AM above CAP.MAMV, or page-selective without CAP.PSI): refused",
	};
	const struct dmar_observation *ob = NULL;
	size_t i, n = 0;

	/* the copy; of a fractured one, the piece the lookup address falls in */
	for (i = 0; i < cm->n_obs; i++) {
		const struct dmar_observation *o = &cm->obs[i];

		if (!is_copy_of(o, hpa, val, nqw, since))
			continue;
		if (!ob || (o->key.input >> ob_cover(o)) == (addr >> ob_cover(o)))
			ob = o;
	}
	if (!ob)
		return 0;
	for (i = 0; i < cm->n_log; i++) {
		const struct dmar_inv_record *r = &cm->log[i];
		const char *why;

		if (r->fate == DMAR_FATE_DONE) {
			enum cover c = classify(cm, &r->inv, ob);

			if (c == MISS_RANGE && ob->cover)
				c = COVER_PART; /* the piece left over when it cut the large page */
			if (r->done <= since)
				continue; /* it had taken effect before the copy was read */
			why = c == COVER_ALL ? "queued before this copy was read, so it may have run first" :
					       miss_text[c];
		} else if (r->fate == DMAR_FATE_QUEUED || r->event > since) {
			why = fate_text[r->fate];
		} else {
			continue;
		}
		if (n < max) {
			out[n].event = r->event;
			out[n].why = why;
		}
		n++;
	}
	return n;
}

/* ---- raw descriptors -------------------------------------------------------- */

int dmar_cache_model_raw_qi(struct dmar_cache_model *cm, const uint64_t *w, unsigned n,
			    struct dmar_smem *mem)
{
	struct dmar_inv inv;
	int iqei;

	if (cm->queue_stopped)
		return 0; /* IQE: nothing more is fetched */
	iqei = dmar_qi_decode(&cm->unit, w, n, &inv);
	if (iqei) {
		cm->queue_stopped = true;
		cm->iqe_event = cm->event;
		return iqei;
	}
	if (inv.kind == DMAR_INV_KIND_COUNT)
		return 0;
	return dmar_cache_model_invalidate(cm, &inv, mem) ? -1 : 0;
}

/* ---- software errors that widen the set ------------------------------------- */

/* the DID and table pointer a held context or PASID copy gives its paging walks; false for none */
static bool tables_of(const struct dmar_observation *ob, uint32_t *did, uint64_t *table, uint32_t *pasid)
{
	unsigned pgtt;

	if (!(ob->key.flags & DMAR_KEY_FAULTED) && ob->key.shape == DMAR_SHAPE_CTX &&
	    dmar_entry_get(ob->val, dmar_ctx_fields, DMAR_CTX_P) &&
	    dmar_entry_get(ob->val, dmar_ctx_fields, DMAR_CTX_TT) != DMAR_CTX_TT_PASSTHROUGH) {
		*did = (uint32_t)dmar_entry_get(ob->val, dmar_ctx_fields, DMAR_CTX_DID);
		*table = dmar_entry_get(ob->val, dmar_ctx_fields, DMAR_CTX_SSPTPTR);
		*pasid = UINT32_MAX; /* second stage: not tagged by PASID */
		return true;
	}
	if ((ob->key.flags & DMAR_KEY_FAULTED) || ob->key.shape != DMAR_SHAPE_PASID_ENTRY ||
	    !dmar_entry_get(ob->val, dmar_pasid_entry_fields, DMAR_PE_P))
		return false;
	pgtt = (unsigned)dmar_entry_get(ob->val, dmar_pasid_entry_fields, DMAR_PE_PGTT);
	*did = (uint32_t)dmar_entry_get(ob->val, dmar_pasid_entry_fields, DMAR_PE_DID);
	if (pgtt == 2 || pgtt == 3) { /* second stage, nested: SS copies are tagged by DID alone */
		*table = dmar_entry_get(ob->val, dmar_pasid_entry_fields, DMAR_PE_SSPTPTR);
		*pasid = UINT32_MAX;
		return true;
	}
	if (pgtt != 1)
		return false;
	*table = dmar_entry_get(ob->val, dmar_pasid_entry_fields, DMAR_PE_FSPTPTR);
	*pasid = ob->key.pasid; /* first stage: tagged by DID and PASID */
	return true;
}

size_t dmar_cache_model_did_reuse(const struct dmar_cache_model *cm, uint16_t sid,
				  struct dmar_did_reuse *out, size_t max)
{
	size_t i, j, k, n = 0;
	uint32_t did, other_did, pasid, other_pasid;
	uint64_t table, other_table;

	for (i = 0; i < cm->n_obs; i++) {
		if (cm->obs[i].key.sid != sid || !tables_of(&cm->obs[i], &did, &table, &pasid))
			continue;
		for (j = 0; j < cm->n_obs; j++) {
			if (!tables_of(&cm->obs[j], &other_did, &other_table, &other_pasid) ||
			    other_did != did || other_pasid != pasid || other_table == table)
				continue;
			for (k = 0; k < n && k < max &&
				    !(out[k].did == did && out[k].table == table && out[k].other_table == other_table);
			     k++)
				;
			if (k < n)
				continue;
			if (n < max)
				out[n] = (struct dmar_did_reuse){ did, sid, cm->obs[j].key.sid, table, other_table };
			n++;
		}
	}
	return n;
}
