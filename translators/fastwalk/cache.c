// SPDX-License-Identifier: Apache-2.0
/*
 * fastwalk's caches: the context cache, the PASID cache, the paging-structure
 * cache (non-leaf entries) and the IOTLB (final translations), each bounded
 * and evicting its least recently used entry (vtd-notes 9.1: any entry may be
 * dropped at any time).  Lookups use the architecture's tags, never the
 * address an entry was read from.  The invalidation primitives remove what
 * each granularity covers (vtd-notes 9.5), no less and, beyond what the tags
 * cannot tell apart, no more.
 *
 * Granularities are passed in the architecture's own encodings:
 *   fw_inv_ctx:     CCMD.CIRG / cc_inv_dsc G: 1 global, 2 domain, 3 device
 *   fw_inv_pasid:   pc_inv_dsc G: 0 domain, 1 PASID within domain, 3 global
 *   fw_inv_tlb:     IOTLB_REG.IIRG / iotlb_inv_dsc G: 1 global, 2 domain, 3 page
 *   fw_inv_piotlb:  p_iotlb_inv_dsc G: 2 PASID-selective, 3 page within PASID
 */
#include <string.h>

#include "translators/fastwalk/fastwalk.h"

#define CTX_GLOBAL 1
#define CTX_DOMAIN 2
#define CTX_DEVICE 3

#define PC_DOMAIN 0
#define PC_PASID 1
#define PC_GLOBAL 3

#define TLB_GLOBAL 1
#define TLB_DOMAIN 2
#define TLB_PAGE 3

#define PTLB_PASID 2
#define PTLB_PAGE 3

#define PAGE_SHIFT 12
#define LEVEL_BITS 9

/* ---- small helpers ---------------------------------------------------------- */

static uint32_t next_age(struct fw *fw)
{
	return ++fw->tick;
}

/* domain-id bits the unit implements: 4 + 2*CAP.ND (vtd-notes 1.2); higher bits are ignored */
static uint16_t did_mask(const struct fw *fw)
{
	unsigned width = 4 + 2 * (unsigned)(fw->unit.cap & 7);

	return width >= 16 ? 0xffff : (uint16_t)((1u << width) - 1);
}

static bool did_equal(const struct fw *fw, uint16_t a, uint16_t b)
{
	return ((a ^ b) & did_mask(fw)) == 0;
}

/* an inclusive address range [first, last] */
struct range {
	uint64_t first;
	uint64_t last;
};

static uint64_t low_mask(unsigned bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

/* 2^am pages, naturally aligned: the address's low am page bits are ignored (vtd-notes 9.5) */
static struct range am_range(uint64_t addr, uint8_t am)
{
	uint64_t span = low_mask(PAGE_SHIFT + (unsigned)am);
	struct range r = { .first = addr & ~span };

	r.last = r.first | span;
	return r;
}

static bool overlaps(struct range a, uint64_t first, uint64_t last)
{
	return first <= a.last && a.first <= last;
}

/* input bits a non-leaf entry of `level` covers (level 2 = PDE: 2 MiB, ...; vtd-notes 4.1) */
static unsigned psc_shift(uint8_t level)
{
	return PAGE_SHIFT + LEVEL_BITS * (unsigned)(level - 1);
}

static uint64_t psc_prefix(uint8_t level, uint64_t addr)
{
	unsigned shift = psc_shift(level);

	return shift >= 64 ? 0 : addr >> shift;
}

/* ---- everything ------------------------------------------------------------ */

void fw_cache_flush_all(struct fw *fw)
{
	memset(fw->ctx, 0, sizeof(fw->ctx));
	memset(fw->pasid, 0, sizeof(fw->pasid));
	memset(fw->psc, 0, sizeof(fw->psc));
	memset(fw->tlb, 0, sizeof(fw->tlb));
}

/* ---- context cache (tag: source-id) ------------------------------------------ */

static struct fw_ctx_slot *ctx_find(struct fw *fw, uint16_t sid)
{
	for (unsigned i = 0; i < FW_CTX_SLOTS; i++)
		if (fw->ctx[i].valid && fw->ctx[i].sid == sid)
			return &fw->ctx[i];
	return NULL;
}

static struct fw_ctx_slot *ctx_victim(struct fw *fw)
{
	struct fw_ctx_slot *victim = &fw->ctx[0];

	for (unsigned i = 0; i < FW_CTX_SLOTS; i++) {
		if (!fw->ctx[i].valid)
			return &fw->ctx[i];
		if (fw->ctx[i].age < victim->age)
			victim = &fw->ctx[i];
	}
	return victim;
}

bool fw_ctx_get(struct fw *fw, uint16_t sid, uint64_t *raw, unsigned nqw)
{
	struct fw_ctx_slot *s = ctx_find(fw, sid);

	if (!s || s->nqw != nqw || nqw > 4)
		return false;
	memcpy(raw, s->raw, nqw * sizeof(raw[0]));
	s->age = next_age(fw);
	return true;
}

void fw_ctx_put(struct fw *fw, uint16_t sid, uint16_t did, const uint64_t *raw, unsigned nqw)
{
	struct fw_ctx_slot *s = ctx_find(fw, sid);

	if (nqw > 4)
		return;
	if (!s)
		s = ctx_victim(fw);
	memset(s, 0, sizeof(*s));
	s->valid = true;
	s->sid = sid;
	s->did = did;
	s->nqw = (uint8_t)nqw;
	memcpy(s->raw, raw, nqw * sizeof(raw[0]));
	s->age = next_age(fw);
}

/* FM masks the low function bits of the SID: 1 bit 2, 2 bits 2:1, 3 bits 2:0 (vtd-notes 1.6) */
static uint16_t fm_mask(uint8_t fm)
{
	static const uint16_t ignored[4] = { 0x0, 0x4, 0x6, 0x7 };

	return (uint16_t)~ignored[fm & 3];
}

static bool ctx_covered(const struct fw *fw, const struct fw_ctx_slot *s, int gran, uint16_t did,
			uint16_t sid, uint8_t fm)
{
	bool scalable = s->nqw == 4;

	switch (gran) {
	case CTX_GLOBAL:
		return true;
	case CTX_DOMAIN:
		/* scalable context entries carry no DID: domain acts as global (vtd-notes 3.7) */
		return scalable || did_equal(fw, s->did, did);
	case CTX_DEVICE:
		if (FW_BUG(fw, FW_BUG_CC_NO_FM))
			fm = 0;
		if (((s->sid ^ sid) & fm_mask(fm)) != 0)
			return false;
		/* legacy device-selective names the device's DID too (vtd-notes 9.3) */
		return scalable || did_equal(fw, s->did, did);
	default:
		return false;
	}
}

void fw_inv_ctx(struct fw *fw, int gran, uint16_t did, uint16_t sid, uint8_t fm)
{
	for (unsigned i = 0; i < FW_CTX_SLOTS; i++)
		if (fw->ctx[i].valid && ctx_covered(fw, &fw->ctx[i], gran, did, sid, fm))
			fw->ctx[i].valid = false;
}

/* ---- PASID cache (tag: source-id and PASID) ------------------------------------ */

static struct fw_pasid_slot *pasid_find(struct fw *fw, uint16_t sid, uint32_t pasid)
{
	for (unsigned i = 0; i < FW_PASID_SLOTS; i++) {
		struct fw_pasid_slot *s = &fw->pasid[i];

		if (s->valid && s->sid == sid && s->pasid == pasid)
			return s;
	}
	return NULL;
}

static struct fw_pasid_slot *pasid_victim(struct fw *fw)
{
	struct fw_pasid_slot *victim = &fw->pasid[0];

	for (unsigned i = 0; i < FW_PASID_SLOTS; i++) {
		if (!fw->pasid[i].valid)
			return &fw->pasid[i];
		if (fw->pasid[i].age < victim->age)
			victim = &fw->pasid[i];
	}
	return victim;
}

bool fw_pasid_get(struct fw *fw, uint16_t sid, uint32_t pasid, uint64_t raw[8])
{
	struct fw_pasid_slot *s = pasid_find(fw, sid, pasid);

	if (!s)
		return false;
	memcpy(raw, s->raw, sizeof(s->raw));
	s->age = next_age(fw);
	return true;
}

void fw_pasid_put(struct fw *fw, uint16_t sid, uint32_t pasid, uint16_t did, const uint64_t raw[8])
{
	struct fw_pasid_slot *s = pasid_find(fw, sid, pasid);

	if (!s)
		s = pasid_victim(fw);
	s->valid = true;
	s->sid = sid;
	s->did = did;
	s->pasid = pasid;
	memcpy(s->raw, raw, sizeof(s->raw));
	s->age = next_age(fw);
}

static bool pasid_covered(const struct fw *fw, const struct fw_pasid_slot *s, int gran, uint16_t did,
			  uint32_t pasid)
{
	switch (gran) {
	case PC_GLOBAL:
		return true;
	case PC_DOMAIN:
		return did_equal(fw, s->did, did);
	case PC_PASID:
		return did_equal(fw, s->did, did) && s->pasid == pasid;
	default:
		return false;
	}
}

void fw_inv_pasid(struct fw *fw, int gran, uint16_t did, uint32_t pasid)
{
	for (unsigned i = 0; i < FW_PASID_SLOTS; i++)
		if (fw->pasid[i].valid && pasid_covered(fw, &fw->pasid[i], gran, did, pasid))
			fw->pasid[i].valid = false;
}

/* ---- paging-structure cache (tag: DID, PASID for the first stage, level, prefix) ---- */

static bool psc_match(const struct fw_psc_slot *s, bool fs, uint16_t did, uint32_t pasid, uint8_t level,
		      uint64_t prefix)
{
	return s->valid && s->fs == fs && s->did == did && (!fs || s->pasid == pasid) &&
	       s->level == level && s->prefix == prefix;
}

static struct fw_psc_slot *psc_find(struct fw *fw, bool fs, uint16_t did, uint32_t pasid, uint8_t level,
				    uint64_t addr)
{
	uint64_t prefix = psc_prefix(level, addr);

	for (unsigned i = 0; i < FW_PSC_SLOTS; i++)
		if (psc_match(&fw->psc[i], fs, did, pasid, level, prefix))
			return &fw->psc[i];
	return NULL;
}

static struct fw_psc_slot *psc_victim(struct fw *fw)
{
	struct fw_psc_slot *victim = &fw->psc[0];

	for (unsigned i = 0; i < FW_PSC_SLOTS; i++) {
		if (!fw->psc[i].valid)
			return &fw->psc[i];
		if (fw->psc[i].age < victim->age)
			victim = &fw->psc[i];
	}
	return victim;
}

bool fw_psc_get(struct fw *fw, bool fs, uint16_t did, uint32_t pasid, uint8_t level, uint64_t addr,
		uint64_t *entry, uint8_t *perm)
{
	struct fw_psc_slot *s = psc_find(fw, fs, did, pasid, level, addr);

	if (!s)
		return false;
	*entry = s->entry;
	*perm = s->perm;
	s->age = next_age(fw);
	return true;
}

void fw_psc_put(struct fw *fw, bool fs, uint16_t did, uint32_t pasid, uint8_t level, uint64_t addr,
		uint64_t entry, uint8_t perm)
{
	struct fw_psc_slot *s = psc_find(fw, fs, did, pasid, level, addr);

	if (level < 2 || level > 5)
		return; /* only non-leaf entries are held (vtd-notes 9.1) */
	if (!s)
		s = psc_victim(fw);
	s->valid = true;
	s->fs = fs;
	s->level = level;
	s->did = did;
	s->pasid = fs ? pasid : 0;
	s->prefix = psc_prefix(level, addr);
	s->entry = entry;
	s->perm = perm;
	s->age = next_age(fw);
}

static bool psc_overlaps(const struct fw_psc_slot *s, struct range r)
{
	unsigned shift = psc_shift(s->level);
	uint64_t first = shift >= 64 ? 0 : s->prefix << shift;

	return overlaps(r, first, first | low_mask(shift));
}

/* ---- IOTLB (set-associative; tag: DID, PASID, first stage; any page size) ---------- */

static const uint8_t tlb_sizes[] = { 12, 21, 30 };

static unsigned tlb_set(uint64_t in, uint8_t size_lg2)
{
	uint64_t page = in >> size_lg2;

	return (unsigned)((page ^ (page >> 6) ^ size_lg2) % FW_IOTLB_SETS);
}

static bool tlb_tags_match(const struct fw *fw, const struct fw_xlate *e, uint16_t did, uint32_t pasid,
			   bool fs)
{
	if (e->did != did && !FW_BUG(fw, FW_BUG_TLB_NO_DID))
		return false;
	if (e->pasid != pasid && !FW_BUG(fw, FW_BUG_TLB_NO_PASID))
		return false;
	return e->fs == fs;
}

const struct fw_xlate *fw_tlb_get(struct fw *fw, uint16_t did, uint32_t pasid, bool fs, uint64_t addr)
{
	for (unsigned k = 0; k < sizeof(tlb_sizes); k++) {
		uint8_t size = tlb_sizes[k];
		uint64_t base = addr & ~low_mask(size);
		struct fw_xlate *set = fw->tlb[tlb_set(base, size)];

		for (unsigned w = 0; w < FW_IOTLB_WAYS; w++) {
			struct fw_xlate *e = &set[w];

			if (!e->valid || e->size_lg2 != size || e->in != base)
				continue;
			if (!tlb_tags_match(fw, e, did, pasid, fs))
				continue;
			e->age = next_age(fw);
			return e;
		}
	}
	return NULL;
}

void fw_tlb_put(struct fw *fw, const struct fw_xlate *x)
{
	uint64_t base = x->in & ~low_mask(x->size_lg2);
	struct fw_xlate *set = fw->tlb[tlb_set(base, x->size_lg2)];
	struct fw_xlate *slot = NULL;

	for (unsigned w = 0; w < FW_IOTLB_WAYS && !slot; w++) {
		struct fw_xlate *e = &set[w];

		/* one entry per (tags, page): a newer translation replaces the older one */
		if (e->valid && e->did == x->did && e->pasid == x->pasid && e->fs == x->fs &&
		    e->size_lg2 == x->size_lg2 && e->in == base)
			slot = e;
	}
	for (unsigned w = 0; w < FW_IOTLB_WAYS && !slot; w++)
		if (!set[w].valid)
			slot = &set[w];
	if (!slot) {
		slot = &set[0];
		for (unsigned w = 1; w < FW_IOTLB_WAYS; w++)
			if (set[w].age < slot->age)
				slot = &set[w];
	}
	*slot = *x;
	slot->valid = true;
	slot->in = base;
	slot->age = next_age(fw);
}

static bool tlb_overlaps(const struct fw_xlate *e, struct range r)
{
	return overlaps(r, e->in, e->in | low_mask(e->size_lg2));
}

/* ---- IOTLB and paging-structure invalidation (vtd-notes 9.5) ------------------------- */

/* the range of a page-selective invalidation */
static struct range page_range(const struct fw *fw, uint64_t addr, uint8_t am)
{
	if (FW_BUG(fw, FW_BUG_PSI_NO_AM))
		am = 0;
	return am_range(addr, am);
}

/* IH of a page-selective invalidation: paging-structure entries may stay (vtd-notes 1.7) */
static bool page_ih(const struct fw *fw, bool ih)
{
	return ih || FW_BUG(fw, FW_BUG_PSI_KEEPS_PSC);
}

/*
 * iotlb_inv_dsc / IOTLB_REG.  Global: everything.  Domain: every IOTLB and
 * paging-structure entry of the DID.  Page-selective: the DID's second-stage
 * and pass-through translations overlapping the 2^AM-page range (large pages
 * included), the DID's second-stage non-leaf entries overlapping it unless IH,
 * and all of the DID's first-stage and nested translations and first-stage
 * non-leaf entries (spec Table 23).
 */
static bool tlb_entry_covered(const struct fw *fw, const struct fw_xlate *e, int gran, uint16_t did,
			      struct range r)
{
	if (gran == TLB_GLOBAL)
		return true;
	if (!did_equal(fw, e->did, did))
		return false;
	if (gran == TLB_DOMAIN || e->fs)
		return true;
	return gran == TLB_PAGE && tlb_overlaps(e, r);
}

static bool tlb_psc_covered(const struct fw *fw, const struct fw_psc_slot *s, int gran, uint16_t did,
			    struct range r, bool ih)
{
	if (gran == TLB_GLOBAL)
		return true;
	if (!did_equal(fw, s->did, did))
		return false;
	if (gran == TLB_DOMAIN || s->fs)
		return true;
	return gran == TLB_PAGE && !page_ih(fw, ih) && psc_overlaps(s, r);
}

void fw_inv_tlb(struct fw *fw, int gran, uint16_t did, uint64_t addr, uint8_t am, bool ih)
{
	struct range r = page_range(fw, addr, am);

	for (unsigned s = 0; s < FW_IOTLB_SETS; s++)
		for (unsigned w = 0; w < FW_IOTLB_WAYS; w++)
			if (fw->tlb[s][w].valid && tlb_entry_covered(fw, &fw->tlb[s][w], gran, did, r))
				fw->tlb[s][w].valid = false;
	for (unsigned i = 0; i < FW_PSC_SLOTS; i++)
		if (fw->psc[i].valid && tlb_psc_covered(fw, &fw->psc[i], gran, did, r, ih))
			fw->psc[i].valid = false;
}

/*
 * p_iotlb_inv_dsc.  PASID-selective: every translation of the DID and PASID
 * (whatever made it) and the first-stage non-leaf entries of the DID and
 * PASID.  Page-selective within PASID: the DID and PASID's first-stage and
 * nested translations overlapping the range, and their first-stage non-leaf
 * entries overlapping it unless IH; second-stage and pass-through entries
 * stay (spec Table 24).  Second-stage non-leaf entries are never touched.
 */
static bool ptlb_entry_covered(const struct fw *fw, const struct fw_xlate *e, int gran, uint16_t did,
			       uint32_t pasid, struct range r)
{
	if (!did_equal(fw, e->did, did) || e->pasid != pasid)
		return false;
	if (gran == PTLB_PASID)
		return true;
	return gran == PTLB_PAGE && e->fs && tlb_overlaps(e, r);
}

static bool ptlb_psc_covered(const struct fw *fw, const struct fw_psc_slot *s, int gran, uint16_t did,
			     uint32_t pasid, struct range r, bool ih)
{
	if (!s->fs || !did_equal(fw, s->did, did) || s->pasid != pasid)
		return false;
	if (gran == PTLB_PASID)
		return true;
	return gran == PTLB_PAGE && !page_ih(fw, ih) && psc_overlaps(s, r);
}

void fw_inv_piotlb(struct fw *fw, int gran, uint16_t did, uint32_t pasid, uint64_t addr, uint8_t am,
		   bool ih)
{
	struct range r = page_range(fw, addr, am);

	for (unsigned s = 0; s < FW_IOTLB_SETS; s++)
		for (unsigned w = 0; w < FW_IOTLB_WAYS; w++)
			if (fw->tlb[s][w].valid &&
			    ptlb_entry_covered(fw, &fw->tlb[s][w], gran, did, pasid, r))
				fw->tlb[s][w].valid = false;
	for (unsigned i = 0; i < FW_PSC_SLOTS; i++)
		if (fw->psc[i].valid && ptlb_psc_covered(fw, &fw->psc[i], gran, did, pasid, r, ih))
			fw->psc[i].valid = false;
}
