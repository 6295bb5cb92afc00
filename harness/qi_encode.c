// SPDX-License-Identifier: Apache-2.0
/* Encodes named invalidations: descriptor fields per vtd-notes 9.4, register fields per 1.6-1.7. */
#include "harness/qi_encode.h"
#include "oracles/bits.h"

/* ATS size encoding (S=1): ADDR with ones below bit lg2 - 1, a zero at lg2 - 1 */
static uint64_t ats_addr(uint64_t addr, uint64_t size, bool *s)
{
	unsigned lg2 = 12;

	while (lg2 < 64 && (1ull << lg2) < size)
		lg2++;
	*s = lg2 > 12;
	if (!*s)
		return addr & ~0xfffull;
	if (lg2 >= 64)
		return ~0xfffull;
	return (addr & ~((1ull << lg2) - 1)) | (((1ull << (lg2 - 1)) - 1) & ~0xfffull);
}

unsigned dmar_qi_encode(const struct dmar_inv *inv, bool wide, uint64_t w[4])
{
	static const uint8_t g_cc[] = { [DMAR_INV_CC_GLOBAL] = 1, [DMAR_INV_CC_DOMAIN] = 2,
					[DMAR_INV_CC_DEVICE] = 3 };
	uint64_t did = (uint64_t)(inv->did & 0xffff) << 16, am_ih;
	bool s, narrow = true;

	w[0] = w[1] = w[2] = w[3] = 0;
	am_ih = (inv->addr & ~0xfffull) | (inv->am & 0x3f) | ((inv->fields & DMAR_INVF_IH) ? 0x40 : 0);
	switch (inv->kind) {
	case DMAR_INV_CC_GLOBAL:
	case DMAR_INV_CC_DOMAIN:
	case DMAR_INV_CC_DEVICE:
		w[0] = 0x1 | (uint64_t)g_cc[inv->kind] << 4 | did | (uint64_t)inv->sid << 32 |
		       (uint64_t)(inv->fm & 3) << 48;
		break;
	case DMAR_INV_IOTLB_GLOBAL:
	case DMAR_INV_IOTLB_DOMAIN:
	case DMAR_INV_IOTLB_PAGE:
		w[0] = 0x2 | (uint64_t)(inv->kind - DMAR_INV_IOTLB_GLOBAL + 1) << 4 | did;
		w[1] = inv->kind == DMAR_INV_IOTLB_PAGE ? am_ih : 0;
		break;
	case DMAR_INV_PC_DOMAIN:
	case DMAR_INV_PC_PASID:
	case DMAR_INV_PC_GLOBAL:
		w[0] = 0x7 | (uint64_t)(inv->kind == DMAR_INV_PC_DOMAIN ? 0 : inv->kind == DMAR_INV_PC_PASID ? 1 : 3) << 4 |
		       did | (uint64_t)(inv->pasid & 0xfffff) << 32;
		narrow = false;
		break;
	case DMAR_INV_PIOTLB_PASID:
	case DMAR_INV_PIOTLB_PAGE:
		w[0] = 0x6 | (uint64_t)(inv->kind == DMAR_INV_PIOTLB_PASID ? 2 : 3) << 4 | did |
		       (uint64_t)(inv->pasid & 0xfffff) << 32;
		w[1] = inv->kind == DMAR_INV_PIOTLB_PAGE ? am_ih : 0;
		narrow = false;
		break;
	case DMAR_INV_DEVTLB:
		w[1] = ats_addr(inv->addr, inv->size, &s);
		if (inv->fields & DMAR_INVF_PASID) {
			w[0] = 0x8 | (uint64_t)inv->sid << 16 | (uint64_t)(inv->pasid & 0xfffff) << 32;
			w[1] |= s ? 1ull << 11 : 0;
			narrow = false;
		} else {
			w[0] = 0x3 | (uint64_t)inv->sid << 32;
			w[1] |= s ? 1 : 0;
		}
		break;
	case DMAR_INV_IEC_GLOBAL:
		w[0] = 0x4;
		break;
	case DMAR_INV_IEC_INDEX:
		w[0] = 0x14 | (uint64_t)(inv->im & 0x1f) << 27 | (uint64_t)(inv->index & 0xffff) << 32;
		break;
	case DMAR_INV_WAIT:
		w[0] = 0x5 | ((inv->fields & DMAR_INVF_STATUS) ? 0x20 | (inv->status_value & 0xffffffff) << 32 : 0) |
		       ((inv->fields & DMAR_INVF_FENCE) ? 0x40 : 0) | ((inv->fields & DMAR_INVF_DRAIN) ? 0x80 : 0);
		w[1] = (inv->fields & DMAR_INVF_STATUS) ? inv->status_hpa & ~3ull : 0;
		break;
	default:
		return 0;
	}
	if (!narrow && !wide)
		return 0;
	return wide ? 4 : 2;
}

bool dmar_reg_encode(const struct dmar_inv *inv, unsigned iro, unsigned *off, uint64_t *val,
		     uint64_t *iva)
{
	uint64_t did = inv->did & 0xffff;

	*iva = 0;
	switch (inv->kind) {
	case DMAR_INV_CC_GLOBAL:
	case DMAR_INV_CC_DOMAIN:
	case DMAR_INV_CC_DEVICE:
		/* CCMD: ICC 63, CIRG 62:61, FM 33:32, SID 31:16, DID 15:0 */
		*off = 0x28;
		*val = 1ull << 63 | (uint64_t)(inv->kind - DMAR_INV_CC_GLOBAL + 1) << 61 |
		       (uint64_t)(inv->fm & 3) << 32 | (uint64_t)inv->sid << 16 | did;
		return true;
	case DMAR_INV_IOTLB_GLOBAL:
	case DMAR_INV_IOTLB_DOMAIN:
	case DMAR_INV_IOTLB_PAGE:
		/* IOTLB_REG: IVT 63, IIRG 61:60, DR 49, DW 48, DID 47:32; IVA: ADDR, IH 6, AM 5:0 */
		*off = iro * 16 + 8;
		*val = 1ull << 63 | (uint64_t)(inv->kind - DMAR_INV_IOTLB_GLOBAL + 1) << 60 |
		       3ull << 48 | did << 32;
		if (inv->kind == DMAR_INV_IOTLB_PAGE)
			*iva = (inv->addr & ~0xfffull) | ((inv->fields & DMAR_INVF_IH) ? 0x40 : 0) |
			       (inv->am & 0x3f);
		return true;
	default:
		return false;
	}
}

unsigned dmar_qi_encode_queued(const struct dmar_inv *inv, uint64_t rtaddr, uint64_t w[4])
{
	/* 256-bit descriptors outside legacy mode: scalable, and abort-DMA mode too (R98) */
	unsigned n = dmar_qi_encode(inv, DMAR_RTADDR_TTM(rtaddr) != DMAR_TTM_LEGACY, w);

	return n ? n : dmar_qi_encode(inv, true, w);
}
