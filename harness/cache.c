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

static unsigned cache_stale(void *ctx, const struct dmar_cache_key *key, const uint64_t *now,
			    uint64_t (*alt)[8], unsigned max)
{
	struct dmar_cache_model *cm = ctx;
	unsigned n = 0, j;
	size_t i;

	for (i = 0; i < cm->n_obs && n < max; i++) {
		const struct dmar_observation *ob = &cm->obs[i];
		size_t bytes = key->nqw * sizeof(uint64_t);

		if (!same_slot(&ob->key, key, ob->val[0]) || same_value(key, ob->val, now))
			continue;
		for (j = 0; j < n && memcmp(alt[j], ob->val, bytes); j++)
			;
		if (j == n)
			memcpy(alt[n++], ob->val, bytes);
	}
	return n;
}

static void cache_fill(void *ctx, const struct dmar_cache_key *key, const uint64_t *val)
{
	struct dmar_cache_model *cm = ctx;
	struct dmar_observation *ob;
	size_t i;

	if (!cacheable(cm, key, val))
		return;
	for (i = 0; i < cm->n_obs; i++)
		if (same_slot(&cm->obs[i].key, key, val[0]) && same_value(key, cm->obs[i].val, val))
			return;
	if (cm->n_obs == cm->cap_obs) {
		size_t cap = cm->cap_obs ? cm->cap_obs * 2 : 64;
		void *p = realloc(cm->obs, cap * sizeof(*cm->obs));

		if (!p)
			return; /* a cache may always drop an entry */
		cm->obs = p;
		cm->cap_obs = cap;
	}
	ob = &cm->obs[cm->n_obs++];
	memset(ob, 0, sizeof(*ob));
	ob->key = *key;
	memcpy(ob->val, val, key->nqw * sizeof(uint64_t));
	ob->event = cm->event;
}

void dmar_cache_model_init(struct dmar_cache_model *cm, const struct dmar_unit *unit)
{
	memset(cm, 0, sizeof(*cm));
	cm->unit = *unit;
	cm->iface.ctx = cm;
	cm->iface.stale = cache_stale;
	cm->iface.fill = cache_fill;
}

void dmar_cache_model_free(struct dmar_cache_model *cm)
{
	free(cm->obs);
	free(cm->pending);
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
	cm->n_obs = kept;
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
