// SPDX-License-Identifier: Apache-2.0
/*
 * The cache model behind the oracle (docs/cache-model-plan.md, digest 9):
 * every entry value a walk read may be held by a cache until an
 * invalidation that covers it has completed.  Observations carry the tags
 * the caches use; invalidations remove them by tag (digest 9.3-9.5).
 *
 * This lives in the harness: the oracle stays stateless and asks through
 * struct dmar_cache_if.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/cache.h"
#include "oracles/bits.h"
#include "oracles/format.h"

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
	return 12 + 9 * (level - 1);
}

static bool ssirwe(const struct dmar_cache_model *cm)
{
	return DMAR_RTADDR_TTM(cm->unit.rtaddr) == DMAR_TTM_SCALABLE &&
	       DMAR_RTADDR_SSIRWE(cm->unit.rtaddr) && dmar_bit(cm->unit.ecap, 57);
}

/*
 * May a cache keep this value (digest 9.1, 9.2)?  With CM=0 only entries that
 * are present; with CM=1 anything but a first-stage entry that faults.
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
	if (present)
		return true;
	return DMAR_CAP_CM(cm->unit.cap) && !is_first_stage(k);
}

/* do two keys name the same cached thing (digest 9.1 lookup tags)? */
static bool same_slot(const struct dmar_cache_key *a, const struct dmar_cache_key *b, uint64_t v)
{
	unsigned lg2;

	if (a->hpa != b->hpa || a->nqw != b->nqw || a->level != b->level)
		return false;
	if (is_context_cache(a->shape))
		return true;
	if (is_pasid_cache(a->shape))
		return a->sid == b->sid && a->pasid == b->pasid;
	if (a->did != b->did || ((a->flags & DMAR_KEY_PASID) && a->pasid != b->pasid))
		return false;
	/* IOTLB entries are looked up by requester (and PASID in scalable mode) */
	if (is_leaf(a, v) && (a->sid != b->sid || a->pasid != b->pasid))
		return false;
	lg2 = cover_lg2(a->level);
	return (a->input >> lg2) == (b->input >> lg2);
}

/*
 * The unit's own flags (A, D, EA) do not make a cached copy different: the
 * unit sets them before it caches an entry (digest 4.5, 5.4), so a copy that
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

/*
 * Adds v to alt unless there already, or equal to now; returns the new
 * count, max + 1 when a further distinct value did not fit (the oracle then
 * reports its answer as bounded).
 */
static unsigned add_alt(const struct dmar_cache_key *k, const uint64_t *v, const uint64_t *now,
			uint64_t (*alt)[8], uint32_t *why, uint32_t reason, unsigned n, unsigned max)
{
	unsigned j;

	if (n > max || same_value(k, v, now))
		return n;
	for (j = 0; j < n && j < max; j++)
		if (same_value(k, alt[j], v))
			return n;
	if (n == max)
		return max + 1;
	memcpy(alt[n], v, k->nqw * sizeof(uint64_t));
	why[n] = reason;
	return n + 1;
}

/*
 * An entry wider than 128 bits (scalable context, PASID entry) may be read
 * in 128-bit pieces at different times (digest 3.6, 3.7): a copy may mix the
 * pieces of an old value with those of the new one.
 */
static unsigned torn_mixes(const struct dmar_cache_key *k, const uint64_t *old, const uint64_t *now,
			   uint64_t (*alt)[8], uint32_t *why, uint32_t reason, unsigned n, unsigned max)
{
	unsigned pieces = k->nqw / 2, mask, p;
	uint64_t mix[8];

	for (mask = 1; pieces > 1 && mask + 1 < (1u << pieces); mask++) {
		for (p = 0; p < pieces; p++) {
			mix[2 * p] = (mask >> p) & 1 ? old[2 * p] : now[2 * p];
			mix[2 * p + 1] = (mask >> p) & 1 ? old[2 * p + 1] : now[2 * p + 1];
		}
		n = add_alt(k, mix, now, alt, why, reason, n, max);
	}
	return n;
}

/* a read that does not snoop may find what software overwrote and did not flush yet */
static unsigned unflushed_values(const struct dmar_cache_model *cm, const struct dmar_cache_key *k,
				 const uint64_t *now, uint64_t (*alt)[8], uint32_t *why, unsigned n,
				 unsigned max)
{
	uint64_t v[8];
	size_t i;
	unsigned q;

	for (i = 0; i < cm->n_unflushed; i++) {
		uint64_t hpa = cm->unflushed[i].hpa;

		if (hpa < k->hpa || hpa >= k->hpa + 8ull * k->nqw)
			continue;
		memcpy(v, now, k->nqw * sizeof(uint64_t));
		q = (unsigned)((hpa - k->hpa) / 8);
		v[q] = cm->unflushed[i].old;
		n = add_alt(k, v, now, alt, why, DMAR_WHY_UNFLUSHED | cm->unflushed[i].event, n, max);
	}
	return n;
}

/* ---- the index: observations of one entry address are chained in a bucket ---- */

static size_t bucket(const struct dmar_cache_model *cm, uint64_t hpa)
{
	return (size_t)((hpa >> 3) * 0x9e3779b97f4a7c15ull >> 40) & (cm->n_buckets - 1);
}

static void link(struct dmar_cache_model *cm, size_t i)
{
	size_t b = bucket(cm, cm->obs[i].key.hpa);

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
			    uint64_t (*alt)[8], uint32_t *why, unsigned max)
{
	struct dmar_cache_model *cm = ctx;
	unsigned n = 0;
	size_t i;

	for (i = cm->n_buckets ? cm->head[bucket(cm, key->hpa)] : SIZE_MAX; i != SIZE_MAX && n <= max;
	     i = cm->next[i]) {
		const struct dmar_observation *ob = &cm->obs[i];

		if (!same_slot(&ob->key, key, ob->val[0]))
			continue;
		n = add_alt(key, ob->val, now, alt, why, DMAR_WHY_CACHED | ob->event, n, max);
		n = torn_mixes(key, ob->val, now, alt, why, DMAR_WHY_TORN | ob->event, n, max);
	}
	if (key->flags & DMAR_KEY_NOSNOOP)
		n = unflushed_values(cm, key, now, alt, why, n, max);
	return n;
}

static void cache_fill(void *ctx, const struct dmar_cache_key *key, const uint64_t *val)
{
	struct dmar_cache_model *cm = ctx;
	struct dmar_observation *ob;
	size_t i;

	if (!cacheable(cm, key, val))
		return;
	for (i = cm->n_buckets ? cm->head[bucket(cm, key->hpa)] : SIZE_MAX; i != SIZE_MAX;
	     i = cm->next[i])
		if (same_slot(&cm->obs[i].key, key, val[0]) && same_value(key, cm->obs[i].val, val))
			return;
	if (cm->n_obs == cm->cap_obs) {
		size_t cap = cm->cap_obs ? cm->cap_obs * 2 : 64;
		void *p = realloc(cm->obs, cap * sizeof(*cm->obs));

		if (!p)
			return; /* a cache may always drop an entry */
		cm->obs = p;
		cm->cap_obs = cap;
		if (!reindex(cm)) {
			cm->n_obs = 0; /* dropping everything is always allowed */
			return;
		}
	}
	ob = &cm->obs[cm->n_obs];
	memset(ob, 0, sizeof(*ob));
	ob->key = *key;
	memcpy(ob->val, val, key->nqw * sizeof(uint64_t));
	ob->event = cm->event;
	link(cm, cm->n_obs++);
}

void dmar_cache_model_init(struct dmar_cache_model *cm, const struct dmar_unit *unit)
{
	memset(cm, 0, sizeof(*cm));
	cm->unit = *unit;
	cm->iface.ctx = cm;
	cm->iface.stale = cache_stale;
	cm->iface.fill = cache_fill;
}

void dmar_cache_model_store(struct dmar_cache_model *cm, uint64_t hpa, uint64_t old, uint64_t val)
{
	struct dmar_unflushed *u;

	if (old == val)
		return;
	if (cm->n_unflushed == cm->cap_unflushed) {
		size_t cap = cm->cap_unflushed ? cm->cap_unflushed * 2 : 16;
		void *p = realloc(cm->unflushed, cap * sizeof(*cm->unflushed));

		if (!p)
			return;
		cm->unflushed = p;
		cm->cap_unflushed = cap;
	}
	u = &cm->unflushed[cm->n_unflushed++];
	u->hpa = hpa;
	u->old = old;
	u->event = cm->event;
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
	if (flush_all) {
		cm->n_obs = 0;
		if (cm->n_buckets)
			reindex(cm);
	}
}

void dmar_cache_model_free(struct dmar_cache_model *cm)
{
	free(cm->obs);
	free(cm->head);
	free(cm->next);
	free(cm->pending);
	free(cm->unflushed);
	memset(cm, 0, sizeof(*cm));
}

/* ---- invalidations -------------------------------------------------------- */

static bool ranges_meet(uint64_t a, unsigned a_lg2, uint64_t b, unsigned b_lg2)
{
	unsigned lg2 = a_lg2 > b_lg2 ? a_lg2 : b_lg2;

	return (a >> lg2) == (b >> lg2);
}

static bool scalable(const struct dmar_cache_model *cm)
{
	return DMAR_RTADDR_TTM(cm->unit.rtaddr) == DMAR_TTM_SCALABLE;
}

static bool sid_matches(uint16_t a, uint16_t b, unsigned fm)
{
	/* FM masks function bits: 1 -> bit 2, 2 -> bits 2:1, 3 -> bits 2:0 */
	static const uint16_t mask[4] = { 0, 4, 6, 7 };

	return (a & ~mask[fm & 3]) == (b & ~mask[fm & 3]);
}

/* does this invalidation remove this observation (digest 9.3-9.5)? */
static bool removes(const struct dmar_cache_model *cm, const struct dmar_inv *inv,
		    const struct dmar_observation *ob)
{
	const struct dmar_cache_key *k = &ob->key;
	unsigned shape = k->shape, inv_lg2 = 12 + inv->am;
	bool leaf = is_paging(k) && is_leaf(k, ob->val[0]);
	uint32_t ctx_did = (uint32_t)dmar_bits(ob->val[1], 23, 8);
	uint32_t pe_did = (uint32_t)dmar_bits(ob->val[1], 15, 0);

	switch (inv->kind) {
	case DMAR_INV_CC_GLOBAL:
		return is_context_cache(shape);
	case DMAR_INV_CC_DOMAIN: /* scalable mode: context caches are not DID-tagged */
		return (is_context_cache(shape) && scalable(cm)) ||
		       (shape == DMAR_SHAPE_CTX && ctx_did == inv->did);
	case DMAR_INV_CC_DEVICE:
		if (shape == DMAR_SHAPE_ROOT || shape == DMAR_SHAPE_SM_ROOT)
			return (k->sid >> 8) == (inv->sid >> 8);
		return is_context_cache(shape) && sid_matches(k->sid, inv->sid, inv->fm) &&
		       (scalable(cm) || ctx_did == inv->did);
	case DMAR_INV_PC_GLOBAL:
		return is_pasid_cache(shape);
	case DMAR_INV_PC_DOMAIN:
		return shape == DMAR_SHAPE_PASID_DIR || (shape == DMAR_SHAPE_PASID_ENTRY && pe_did == inv->did);
	case DMAR_INV_PC_PASID:
		return is_pasid_cache(shape) && k->pasid == inv->pasid &&
		       (shape == DMAR_SHAPE_PASID_DIR || pe_did == inv->did);
	case DMAR_INV_IOTLB_GLOBAL:
		return is_paging(k);
	case DMAR_INV_IOTLB_DOMAIN:
		return is_paging(k) && k->did == inv->did;
	case DMAR_INV_IOTLB_PAGE:
		if (!is_paging(k) || k->did != inv->did)
			return false;
		if (scalable(cm) && is_first_stage(k)) /* all first-stage entries of the domain */
			return true;
		return (leaf || !(inv->fields & DMAR_INVF_IH)) &&
		       ranges_meet(k->input, cover_lg2(k->level), inv->addr, inv_lg2);
	case DMAR_INV_PIOTLB_PASID:
		return is_paging(k) && k->did == inv->did && k->pasid == inv->pasid &&
		       (is_first_stage(k) || leaf);
	case DMAR_INV_PIOTLB_PAGE:
		return is_paging(k) && is_first_stage(k) && k->did == inv->did &&
		       k->pasid == inv->pasid && (leaf || !(inv->fields & DMAR_INVF_IH)) &&
		       ranges_meet(k->input, cover_lg2(k->level), inv->addr, inv_lg2);
	default:
		return false;
	}
}

static void apply(struct dmar_cache_model *cm, const struct dmar_inv *inv)
{
	size_t i, kept = 0;

	for (i = 0; i < cm->n_obs; i++)
		if (!removes(cm, inv, &cm->obs[i]))
			cm->obs[kept++] = cm->obs[i];
	if (kept != cm->n_obs) {
		cm->n_obs = kept;
		if (!reindex(cm))
			cm->n_obs = 0;
	}
}

/*
 * Register-based invalidation works only in legacy mode, before VER 6 and
 * while queued invalidation is off (digest 9.3, 1.12); queued ones complete
 * at the next wait, until which the old values stay allowed (case-format.md).
 */
int dmar_cache_model_invalidate(struct dmar_cache_model *cm, const struct dmar_inv *inv,
				struct dmar_smem *mem)
{
	uint64_t qw, shift;
	size_t i;

	if (inv->kind == DMAR_INV_WAIT && cm->queue_stopped)
		return 0;
	if (inv->kind == DMAR_INV_WAIT) {
		for (i = 0; i < cm->n_pending; i++)
			apply(cm, &cm->pending[i]);
		cm->n_pending = 0;
		if (!(inv->fields & DMAR_INVF_STATUS))
			return 0;
		/* the status write: 32 bits of data at a 4-byte aligned address */
		shift = (inv->status_hpa & 4) * 8;
		if (dmar_smem_read64(mem, inv->status_hpa & ~7ull, &qw) != DMAR_MEM_OK)
			return -1;
		qw = (qw & ~(0xffffffffull << shift)) | ((inv->status_value & 0xffffffff) << shift);
		return dmar_smem_write64(mem, inv->status_hpa & ~7ull, qw) == DMAR_MEM_OK ? 0 : -1;
	}
	if (cm->queue_stopped && inv->via == DMAR_VIA_QI)
		return 0; /* after IQE nothing queued is fetched, no wait completes */
	if (inv->via == DMAR_VIA_REG) {
		if (DMAR_RTADDR_TTM(cm->unit.rtaddr) != DMAR_TTM_LEGACY || ((cm->unit.ver >> 4) & 0xf) >= 6)
			return 0; /* rejected: CAIG/IAIG = 00, nothing invalidated */
		apply(cm, inv);
		return 0;
	}
	if (cm->n_pending == cm->cap_pending) {
		size_t cap = cm->cap_pending ? cm->cap_pending * 2 : 16;
		void *p = realloc(cm->pending, cap * sizeof(*cm->pending));

		if (!p)
			return -1;
		cm->pending = p;
		cm->cap_pending = cap;
	}
	cm->pending[cm->n_pending++] = *inv;
	return 0;
}

/* ---- raw descriptors -------------------------------------------------------- */

enum { IQEI_TYPE = 3, IQEI_RSVD = 4, IQEI_WIDTH = 5 };

static int stop_queue(struct dmar_cache_model *cm, int iqei)
{
	cm->queue_stopped = true;
	return iqei;
}

int dmar_cache_model_raw_qi(struct dmar_cache_model *cm, const uint64_t *w, unsigned n,
			    struct dmar_smem *mem)
{
	static const uint8_t cc_kind[4] = { 0xff, DMAR_INV_CC_GLOBAL, DMAR_INV_CC_DOMAIN,
					    DMAR_INV_CC_DEVICE };
	static const uint8_t iotlb_kind[4] = { 0xff, DMAR_INV_IOTLB_GLOBAL, DMAR_INV_IOTLB_DOMAIN,
					       DMAR_INV_IOTLB_PAGE };
	static const uint8_t pc_kind[4] = { DMAR_INV_PC_DOMAIN, DMAR_INV_PC_PASID, 0xff,
					    DMAR_INV_PC_GLOBAL };
	static const uint8_t piotlb_kind[4] = { 0xff, 0xff, DMAR_INV_PIOTLB_PASID, DMAR_INV_PIOTLB_PAGE };
	struct dmar_inv inv = { .via = DMAR_VIA_QI };
	unsigned type = (unsigned)(dmar_bits(w[0], 11, 9) << 4 | dmar_bits(w[0], 3, 0));
	unsigned g = (unsigned)dmar_bits(w[0], 5, 4);
	bool sm = scalable(cm), wide = n == 4;

	if (cm->queue_stopped)
		return 0;
	/* 128-bit descriptors are invalid in scalable mode; 256-bit types need 256 bits */
	if ((sm && !wide) || (!sm && type > 5))
		return stop_queue(cm, sm && !wide ? IQEI_WIDTH : IQEI_TYPE);
	if (wide && type <= 5 && (w[2] || w[3]))
		return stop_queue(cm, IQEI_RSVD);
	inv.did = (uint32_t)dmar_bits(w[0], 31, 16);
	switch (type) {
	case 1: /* context-cache */
		if (!g || (w[0] & ~dmar_genmask(49, 0)) || (w[0] & 0xffc0ull) || w[1])
			return stop_queue(cm, g ? IQEI_RSVD : IQEI_TYPE);
		inv.kind = cc_kind[g];
		inv.sid = (uint16_t)dmar_bits(w[0], 47, 32);
		inv.fm = (uint32_t)dmar_bits(w[0], 49, 48);
		inv.fields = DMAR_INVF_DID | DMAR_INVF_SID | DMAR_INVF_FM;
		break;
	case 2: /* IOTLB */
		if (!g || (g == 3 && !dmar_bit(cm->unit.cap, 39)))
			return stop_queue(cm, IQEI_TYPE);
		inv.kind = iotlb_kind[g];
		inv.am = (uint32_t)dmar_bits(w[1], 5, 0);
		inv.addr = w[1] & dmar_genmask(63, 12);
		inv.fields = DMAR_INVF_DID | DMAR_INVF_ADDR | DMAR_INVF_AM |
			     (dmar_bit(w[1], 6) ? DMAR_INVF_IH : 0);
		break;
	case 5: /* wait */
		inv.kind = DMAR_INV_WAIT;
		if (dmar_bit(w[0], 5)) {
			inv.fields = DMAR_INVF_STATUS;
			inv.status_hpa = w[1] & ~3ull;
			inv.status_value = w[0] >> 32;
		}
		break;
	case 6: /* PASID-based IOTLB */
		if (piotlb_kind[g] == 0xff)
			return stop_queue(cm, IQEI_TYPE);
		inv.kind = piotlb_kind[g];
		inv.pasid = (uint32_t)dmar_bits(w[0], 51, 32);
		inv.am = (uint32_t)dmar_bits(w[1], 5, 0);
		inv.addr = w[1] & dmar_genmask(63, 12);
		inv.fields = DMAR_INVF_DID | DMAR_INVF_PASID | DMAR_INVF_ADDR | DMAR_INVF_AM |
			     (dmar_bit(w[1], 6) ? DMAR_INVF_IH : 0);
		break;
	case 7: /* PASID cache */
		if (pc_kind[g] == 0xff)
			return stop_queue(cm, IQEI_TYPE);
		inv.kind = pc_kind[g];
		inv.pasid = (uint32_t)dmar_bits(w[0], 51, 32);
		inv.fields = DMAR_INVF_DID | DMAR_INVF_PASID;
		break;
	case 3: case 4: case 8: /* device-TLB and interrupt-entry caches: not modelled */
		if ((type == 3 || type == 8) && !dmar_bit(cm->unit.ecap, 2))
			return stop_queue(cm, IQEI_TYPE);
		return 0;
	default:
		return stop_queue(cm, IQEI_TYPE);
	}
	return dmar_cache_model_invalidate(cm, &inv, mem) ? -1 : 0;
}
