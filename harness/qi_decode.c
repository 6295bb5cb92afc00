// SPDX-License-Identifier: Apache-2.0
/*
 * Raw descriptors as data: per type, its width, reserved bits per qword,
 * bits reserved unless a capability says otherwise, and the named
 * invalidation each granularity is (vtd-notes 9.4; reserved masks checked
 * against QEMU's intel_iommu_internal.h and Linux's QI_* encodings).
 * Bits 11:9 are the high half of the type and never "reserved" here.
 */
#include <string.h>

#include "harness/qi_decode.h"
#include "oracles/bits.h"

#define NONE 0xff
#define ALL ~0ull
#define ECAP_PRS 29
#define ECAP_DIT 41
#define ECAP_PDS 42
#define CAP_PSI 39
#define CAP_MAMV_HI 53 /* CAP.MAMV, 53:48 */
#define CAP_MAMV_LO 48

struct qi_format {
	uint16_t width;          /* 128, or 256 (valid only in a 256-bit queue); 0: no such type */
	uint8_t needs_ecap;      /* ECAP bit the type needs, NONE if none */
	uint8_t g_bits;          /* granularity: 2 (bits 5:4), 1 (bit 4) or 0 */
	uint8_t kind[4];         /* the named kind of each granularity; NONE: reserved */
	uint64_t rsvd[2];        /* reserved bits of qwords 0 and 1 (2 and 3 are always reserved) */
	uint64_t dit_rsvd0;      /* qword 0 bits reserved unless ECAP.DIT */
	uint64_t pds_rsvd0;      /* qword 0 bits reserved unless ECAP.PDS */
};

static const struct qi_format formats[16] = {
	[1] = { 128, NONE, 2, { NONE, DMAR_INV_CC_GLOBAL, DMAR_INV_CC_DOMAIN, DMAR_INV_CC_DEVICE },
		{ 0xfffc00000000f1c0ull, ALL }, 0, 0 },
	[2] = { 128, NONE, 2, { NONE, DMAR_INV_IOTLB_GLOBAL, DMAR_INV_IOTLB_DOMAIN, DMAR_INV_IOTLB_PAGE },
		{ 0xffffffff0000f100ull, 0xf80ull }, 0, 0 },
	[3] = { 128, DMAR_ECAP_DT, 0, { DMAR_INV_DEVTLB }, { 0x000f0000ffe001f0ull, 0xffeull },
		0xfff000000000f000ull, 0 },
	[4] = { 128, NONE, 1, { DMAR_INV_IEC_GLOBAL, DMAR_INV_IEC_INDEX },
		{ 0xffff000007fff1e0ull, ALL }, 0, 0 },
	[5] = { 128, NONE, 0, { DMAR_INV_WAIT }, { 0xfffff100ull, 0x3ull }, 0, 0x80ull },
	[6] = { 256, NONE, 2, { NONE, NONE, DMAR_INV_PIOTLB_PASID, DMAR_INV_PIOTLB_PAGE },
		{ 0xfff000000000f1c0ull, 0xf80ull }, 0, 0 },
	[7] = { 256, NONE, 2, { DMAR_INV_PC_DOMAIN, DMAR_INV_PC_PASID, NONE, DMAR_INV_PC_GLOBAL },
		{ 0xfff000000000f1c0ull, ALL }, 0, 0 },
	[8] = { 256, DMAR_ECAP_DT, 0, { DMAR_INV_DEVTLB }, { 0, 0x7feull }, 0xfff000000000f000ull, 0 },
	/* page group response: valid with PRS; page requests are not modelled */
	[9] = { 256, ECAP_PRS, 0, { DMAR_INV_KIND_COUNT }, { 0, 0 }, 0, 0 },
};

/* ATS size encoding (S=1): the lowest 0 bit of ADDR[63:12] at k gives 2^(k+1) bytes */
static uint64_t ats_size(uint64_t addr, bool s)
{
	unsigned k = 12;

	if (!s)
		return 4096;
	while (k < 64 && ((addr >> k) & 1))
		k++;
	return k >= 63 ? ALL : 1ull << (k + 1);
}

static void fill_fields(struct dmar_inv *inv, unsigned type, const uint64_t *w)
{
	inv->did = (uint32_t)dmar_bits(w[0], 31, 16);
	inv->addr = w[1] & dmar_genmask(63, 12);
	inv->am = (uint32_t)dmar_bits(w[1], 5, 0);
	inv->fields = dmar_bit(w[1], 6) && (type == 2 || type == 6) ? DMAR_INVF_IH : 0;
	switch (type) {
	case 1:
		inv->sid = (uint16_t)dmar_bits(w[0], 47, 32);
		inv->fm = (uint32_t)dmar_bits(w[0], 49, 48);
		inv->fields |= DMAR_INVF_DID | DMAR_INVF_SID | DMAR_INVF_FM;
		break;
	case 2:
		inv->fields |= DMAR_INVF_DID | DMAR_INVF_ADDR | DMAR_INVF_AM;
		break;
	case 3:
		inv->sid = (uint16_t)dmar_bits(w[0], 47, 32);
		inv->size = ats_size(w[1], dmar_bit(w[1], 0));
		inv->fields |= DMAR_INVF_SID | DMAR_INVF_ADDR | DMAR_INVF_SIZE;
		break;
	case 4:
		inv->index = (uint32_t)dmar_bits(w[0], 47, 32);
		inv->im = (uint32_t)dmar_bits(w[0], 31, 27);
		inv->fields |= inv->kind == DMAR_INV_IEC_INDEX ? DMAR_INVF_INDEX | DMAR_INVF_IM : 0;
		break;
	case 5:
		if (dmar_bit(w[0], 5)) {
			inv->fields |= DMAR_INVF_STATUS;
			inv->status_hpa = w[1] & ~3ull;
			inv->status_value = w[0] >> 32;
		}
		inv->fields |= (dmar_bit(w[0], 6) ? DMAR_INVF_FENCE : 0) |
			       (dmar_bit(w[0], 7) ? DMAR_INVF_DRAIN : 0);
		break;
	case 6:
	case 7:
		inv->pasid = (uint32_t)dmar_bits(w[0], 51, 32);
		inv->fields |= DMAR_INVF_DID | DMAR_INVF_PASID | (type == 6 ? DMAR_INVF_ADDR | DMAR_INVF_AM : 0);
		break;
	case 8:
		inv->sid = (uint16_t)dmar_bits(w[0], 31, 16);
		inv->pasid = (uint32_t)dmar_bits(w[0], 51, 32);
		inv->size = ats_size(w[1], dmar_bit(w[1], 11));
		inv->fields |= DMAR_INVF_SID | DMAR_INVF_PASID | DMAR_INVF_ADDR | DMAR_INVF_SIZE;
		/* GI (bit 64) reaches only global translations of every PASID; completions
		 * here carry no Global bit, so it removes nothing the model holds */
		if (dmar_bit(w[1], 0))
			inv->kind = DMAR_INV_KIND_COUNT;
		break;
	}
}

int dmar_qi_decode(const struct dmar_unit *unit, const uint64_t *w, unsigned n,
		   struct dmar_inv *inv)
{
	unsigned type = (unsigned)(dmar_bits(w[0], 11, 9) << 4 | dmar_bits(w[0], 3, 0));
	unsigned ttm = DMAR_RTADDR_TTM(unit->rtaddr), g;
	const struct qi_format *f = type < 16 ? &formats[type] : NULL;
	bool wide = n == 4;
	uint64_t rsvd0;

	memset(inv, 0, sizeof(*inv));
	inv->via = DMAR_VIA_QI;
	/* under an invalid translation table mode the queue refuses everything (vtd-notes 1.10) */
	if (ttm == DMAR_TTM_RESERVED || (ttm == DMAR_TTM_SCALABLE && !dmar_bit(unit->ecap, DMAR_ECAP_SMTS)) ||
	    (ttm == DMAR_TTM_ABORT && !dmar_bit(unit->ecap, DMAR_ECAP_ADMS)))
		return DMAR_IQEI_MODE;
	/*
	 * A 128-bit queue is invalid outside legacy mode; a 256-bit one (IQA.DW)
	 * needs SMTS or ADMS; legacy mode knows types 1-5 (Table 26).
	 */
	if ((ttm != DMAR_TTM_LEGACY && !wide) ||
	    (wide && !dmar_bit(unit->ecap, DMAR_ECAP_SMTS) && !dmar_bit(unit->ecap, DMAR_ECAP_ADMS)))
		return DMAR_IQEI_WIDTH;
	if (!f || !f->width || (f->width == 256 && !wide) || (ttm == DMAR_TTM_LEGACY && type > 5) ||
	    ttm == 2)
		return DMAR_IQEI_TYPE;
	if (f->needs_ecap != NONE && !dmar_bit(unit->ecap, f->needs_ecap))
		return DMAR_IQEI_TYPE;
	g = f->g_bits == 2 ? (unsigned)dmar_bits(w[0], 5, 4) : f->g_bits ? (unsigned)dmar_bit(w[0], 4) : 0;
	if (f->kind[g] == NONE || (type == 2 && g == 3 && !dmar_bit(unit->cap, CAP_PSI)))
		return DMAR_IQEI_TYPE;
	rsvd0 = f->rsvd[0] | (dmar_bit(unit->ecap, ECAP_DIT) ? 0 : f->dit_rsvd0) |
		(dmar_bit(unit->ecap, ECAP_PDS) ? 0 : f->pds_rsvd0);
	if ((w[0] & rsvd0) || (w[1] & f->rsvd[1]) || (wide && (w[2] || w[3])))
		return DMAR_IQEI_RSVD;
	inv->kind = f->kind[g];
	fill_fields(inv, type, w);
	/* AM above CAP.MAMV is a value the unit does not support: the descriptor is invalid */
	if (!dmar_inv_supported(unit, inv))
		return DMAR_IQEI_RSVD;
	return 0;
}

bool dmar_inv_supported(const struct dmar_unit *unit, const struct dmar_inv *inv)
{
	if (inv->kind != DMAR_INV_IOTLB_PAGE)
		return true;
	return dmar_bit(unit->cap, CAP_PSI) && inv->am <= dmar_bits(unit->cap, CAP_MAMV_HI, CAP_MAMV_LO);
}
