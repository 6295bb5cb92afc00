// SPDX-License-Identifier: Apache-2.0
/*
 * fastwalk's software interface to its caches: the register-based
 * invalidation of legacy units (CCMD_REG, IOTLB_REG with IVA_REG) and the
 * invalidation queue's descriptors (vtd-notes 1.6, 1.7, 1.10, 9.3-9.6).
 * A fetched descriptor is checked (the queue's width for the mode, its type,
 * its reserved fields and granularity), then done at once: a queued
 * invalidation may take effect at any moment before the wait that follows it
 * completes, so doing it at fetch is always allowed.  What each granularity
 * removes is cache.c's (fw_inv_*).
 */
#include <stddef.h>

#include "translators/fastwalk/fastwalk.h"

/* ---- bit fields ---------------------------------------------------------------- */

/* the mask of bits hi:lo (a constant expression) */
#define BITS(hi, lo) ((~0ull >> (63 - (hi))) & (~0ull << (lo)))
/* the value of bits hi:lo of v */
#define FIELD(v, hi, lo) (((v) & BITS(hi, lo)) >> (lo))
#define BIT(v, n) (((v) >> (n)) & 1)

/* IQERCD.IQEI: why the queue stopped (vtd-notes 1.10) */
enum iqei {
	IQEI_NONE = 0,
	IQEI_TYPE = 3,     /* type not valid for the mode, the width or the capabilities */
	IQEI_RESERVED = 4, /* a reserved field set, or a field value the unit does not support */
	IQEI_WIDTH = 5,    /* the queue's descriptor width does not fit the mode */
	IQEI_TTM = 7,      /* the root-table mode is invalid: no descriptor is */
};

/* ---- unit state the checks need ----------------------------------------------------- */

enum { MODE_LEGACY = 0, MODE_SCALABLE = 1, MODE_INVALID = 2, MODE_ABORT = 3 };

#define CAP_PSI(cap) BIT(cap, 39)
#define CAP_MAMV(cap) FIELD(cap, 53, 48)
#define ECAP_DT(ecap) BIT(ecap, 2)
#define ECAP_PRS(ecap) BIT(ecap, 29)
#define ECAP_DIT(ecap) BIT(ecap, 41)
#define ECAP_PDS(ecap) BIT(ecap, 42)
#define ECAP_SMTS(ecap) BIT(ecap, 43)
#define ECAP_ADMS(ecap) BIT(ecap, 52)
#define VER_MAJOR(ver) FIELD(ver, 7, 4)

/* register-based invalidation is legacy-only and gone from VER 6 (vtd-notes 1.6, 1.12, 9.3) */
static bool registers_accepted(const struct fw *fw)
{
	return fw->mode == MODE_LEGACY && VER_MAJOR(fw->unit.ver) < 6;
}

/* ---- register-based invalidation -------------------------------------------------------- */

/* CCMD_REG (vtd-notes 1.6) */
#define CCMD_ICC(r) BIT(r, 63)
#define CCMD_CIRG(r) FIELD(r, 62, 61)
#define CCMD_FM(r) FIELD(r, 33, 32)
#define CCMD_SID(r) FIELD(r, 31, 16)
#define CCMD_DID(r) FIELD(r, 15, 0)

void fw_ccmd(void *self, uint64_t ccmd_reg)
{
	struct fw *fw = self;
	int cirg = (int)CCMD_CIRG(ccmd_reg);

	/* refused: CAIG reads 00 and nothing is invalidated */
	if (!CCMD_ICC(ccmd_reg) || !registers_accepted(fw) || cirg == 0)
		return;
	fw_inv_ctx(fw, cirg, (uint16_t)CCMD_DID(ccmd_reg), (uint16_t)CCMD_SID(ccmd_reg),
		   (uint8_t)CCMD_FM(ccmd_reg));
}

/* IOTLB_REG and IVA_REG (vtd-notes 1.7) */
#define IOTLB_IVT(r) BIT(r, 63)
#define IOTLB_IIRG(r) FIELD(r, 61, 60)
#define IOTLB_DID(r) FIELD(r, 47, 32)
#define IVA_ADDR(r) ((r) & BITS(63, 12))
#define IVA_IH(r) BIT(r, 6)
#define IVA_AM(r) FIELD(r, 5, 0)

#define GRAN_PAGE 3 /* IIRG and descriptor G: page-selective */

void fw_iotlb_reg(void *self, uint64_t iotlb_reg, uint64_t iva_reg)
{
	struct fw *fw = self;
	int iirg = (int)IOTLB_IIRG(iotlb_reg);
	uint64_t am = IVA_AM(iva_reg);

	if (!IOTLB_IVT(iotlb_reg) || !registers_accepted(fw) || iirg == 0)
		return;
	/* page-selective needs CAP.PSI and AM <= CAP.MAMV, else IAIG reads 00 */
	if (iirg == GRAN_PAGE && (!CAP_PSI(fw->unit.cap) || am > CAP_MAMV(fw->unit.cap)))
		return;
	fw_inv_tlb(fw, iirg, (uint16_t)IOTLB_DID(iotlb_reg), IVA_ADDR(iva_reg), (uint8_t)am,
		   IVA_IH(iva_reg));
}

/* ---- queued descriptors (vtd-notes 9.4) ---------------------------------------------------- */

enum dsc_type {
	DSC_CC = 0x1,       /* context-cache invalidate */
	DSC_IOTLB = 0x2,    /* IOTLB invalidate */
	DSC_DEVTLB = 0x3,   /* device-TLB invalidate */
	DSC_IEC = 0x4,      /* interrupt-entry-cache invalidate */
	DSC_WAIT = 0x5,     /* invalidation wait */
	DSC_PIOTLB = 0x6,   /* PASID-based IOTLB invalidate */
	DSC_PC = 0x7,       /* PASID-cache invalidate */
	DSC_PDEVTLB = 0x8,  /* PASID-based device-TLB invalidate */
	DSC_PGRP_RESP = 0x9, /* page group response */
	DSC_HPT = 0xa,      /* HPT-cache invalidate */
};

/* type: bits 11:9 above bits 3:0 of the first qword */
#define DSC_TYPE_BITS (BITS(3, 0) | BITS(11, 9))
#define DSC_TYPE(q0) ((unsigned)((FIELD(q0, 11, 9) << 4) | FIELD(q0, 3, 0)))
/* fields shared by several types (first qword) */
#define DSC_G(q0) ((int)FIELD(q0, 5, 4))
#define DSC_DID(q0) ((uint16_t)FIELD(q0, 31, 16))
#define DSC_PASID(q0) ((uint32_t)FIELD(q0, 51, 32))
/* cc_inv_dsc */
#define CC_SID(q0) ((uint16_t)FIELD(q0, 47, 32))
#define CC_FM(q0) ((uint8_t)FIELD(q0, 49, 48))
/* iotlb_inv_dsc, p_iotlb_inv_dsc: second qword */
#define INV_AM(q1) ((uint8_t)FIELD(q1, 5, 0))
#define INV_IH(q1) (BIT(q1, 6) != 0)
#define INV_ADDR(q1) ((q1) & BITS(63, 12))
/* inv_wait_dsc */
#define WAIT_SW(q0) BIT(q0, 5)
#define WAIT_DATA(q0) ((uint32_t)FIELD(q0, 63, 32))
#define WAIT_ADDR(q1) ((q1) & BITS(63, 2))
#define WAIT_PD_BIT BITS(7, 7)
/* device-TLB descriptors: PFSID is split in two (15:12 and 63:52) */
#define DEVTLB_PFSID_BITS (BITS(15, 12) | BITS(63, 52))

/*
 * What a type is: its name, whether it exists only as a 256-bit descriptor,
 * and the bits each qword defines (every other bit is reserved).  Fields of
 * an absent capability are removed from `defined` by extra_reserved().
 */
struct dsc_kind {
	const char *name;
	bool wide_only;
	uint64_t defined[4];
};

static const struct dsc_kind dsc_kinds[] = {
	[DSC_CC] = { "cc_inv_dsc", false,
		     { DSC_TYPE_BITS | BITS(5, 4) | BITS(31, 16) | BITS(47, 32) | BITS(49, 48), 0 } },
	[DSC_IOTLB] = { "iotlb_inv_dsc", false,
			{ DSC_TYPE_BITS | BITS(5, 4) | BITS(6, 6) | BITS(7, 7) | BITS(31, 16),
			  BITS(5, 0) | BITS(6, 6) | BITS(63, 12) } },
	[DSC_DEVTLB] = { "dev_tlb_inv_dsc", false,
			 { DSC_TYPE_BITS | DEVTLB_PFSID_BITS | BITS(20, 16) | BITS(47, 32),
			   BITS(0, 0) | BITS(63, 12) } },
	[DSC_IEC] = { "iec_inv_dsc", false,
		      { DSC_TYPE_BITS | BITS(4, 4) | BITS(31, 27) | BITS(47, 32), 0 } },
	[DSC_WAIT] = { "inv_wait_dsc", false,
		       { DSC_TYPE_BITS | BITS(4, 4) | BITS(5, 5) | BITS(6, 6) | WAIT_PD_BIT | BITS(63, 32),
			 BITS(63, 2) } },
	[DSC_PIOTLB] = { "p_iotlb_inv_dsc", true,
			 { DSC_TYPE_BITS | BITS(5, 4) | BITS(31, 16) | BITS(51, 32),
			   BITS(5, 0) | BITS(6, 6) | BITS(63, 12), 0, 0 } },
	[DSC_PC] = { "pc_inv_dsc", true,
		     { DSC_TYPE_BITS | BITS(5, 4) | BITS(31, 16) | BITS(51, 32), 0, 0, 0 } },
	[DSC_PDEVTLB] = { "p_dev_tlb_inv_dsc", true,
			  { DSC_TYPE_BITS | BITS(8, 4) | DEVTLB_PFSID_BITS | BITS(31, 16) | BITS(51, 32),
			    BITS(0, 0) | BITS(11, 11) | BITS(63, 12), 0, 0 } },
	/* a response, not an invalidation: its fields are not checked here */
	[DSC_PGRP_RESP] = { "page_grp_resp_dsc", true, { ~0ull, ~0ull, ~0ull, ~0ull } },
};

static const struct dsc_kind *dsc_kind(unsigned type)
{
	if (type >= sizeof(dsc_kinds) / sizeof(dsc_kinds[0]) || !dsc_kinds[type].name)
		return NULL;
	return &dsc_kinds[type];
}

/* the type is one the unit takes in this mode, with its capabilities (spec Table 26) */
static bool type_supported(const struct fw *fw, unsigned type, const struct dsc_kind *k)
{
	uint64_t ecap = fw->unit.ecap;

	if (!k)
		return false; /* 0h, HPT (Ah: fastwalk models no HPT) and undefined types */
	if (k->wide_only && fw->mode == MODE_LEGACY)
		return false;
	if ((type == DSC_DEVTLB || type == DSC_PDEVTLB) && !ECAP_DT(ecap))
		return false;
	if (type == DSC_PGRP_RESP && !ECAP_PRS(ecap))
		return false;
	return true;
}

/* fields that are reserved because a capability is absent */
static uint64_t extra_reserved(const struct fw *fw, unsigned type)
{
	uint64_t ecap = fw->unit.ecap;

	if ((type == DSC_DEVTLB || type == DSC_PDEVTLB) && !ECAP_DIT(ecap))
		return DEVTLB_PFSID_BITS;
	if (type == DSC_WAIT && !ECAP_PDS(ecap))
		return WAIT_PD_BIT;
	return 0;
}

/* a reserved bit set anywhere (a 128-bit type in a 256-bit queue: the upper half too) */
static bool reserved_set(const struct fw *fw, unsigned type, const struct dsc_kind *k,
			 const uint64_t *desc, unsigned qwords)
{
	if (desc[0] & (~k->defined[0] | extra_reserved(fw, type)))
		return true;
	for (unsigned i = 1; i < qwords; i++)
		if (desc[i] & ~k->defined[i])
			return true;
	return false;
}

/* granularity values and other field values the unit does not support (vtd-notes 9.4) */
static bool granularity_valid(const struct fw *fw, unsigned type, const uint64_t *desc)
{
	int g = DSC_G(desc[0]);
	uint64_t cap = fw->unit.cap;

	switch (type) {
	case DSC_CC:
		return g != 0; /* 01 global, 10 domain, 11 device */
	case DSC_IOTLB:
		if (g == GRAN_PAGE)
			return CAP_PSI(cap) && INV_AM(desc[1]) <= CAP_MAMV(cap);
		return g != 0; /* 01 global, 10 domain */
	case DSC_PIOTLB:
		return g == 2 || g == 3; /* PASID-selective, page within PASID; AM is not bound by MAMV */
	case DSC_PC:
		return g != 2; /* 00 domain, 01 PASID within domain, 11 global */
	default:
		return true;
	}
}

/* the queue width fits the mode: 128-bit only in legacy mode, 256-bit needs SMTS or ADMS (1.10) */
static bool width_valid(const struct fw *fw, unsigned qwords)
{
	if (qwords == 2)
		return fw->mode == MODE_LEGACY;
	if (qwords == 4)
		return ECAP_SMTS(fw->unit.ecap) || ECAP_ADMS(fw->unit.ecap);
	return false;
}

static enum iqei dsc_check(const struct fw *fw, const uint64_t *desc, unsigned qwords)
{
	unsigned type = DSC_TYPE(desc[0]);
	const struct dsc_kind *k = dsc_kind(type);

	if (fw->mode == MODE_INVALID)
		return IQEI_TTM;
	if (!width_valid(fw, qwords))
		return IQEI_WIDTH;
	if (!type_supported(fw, type, k))
		return IQEI_TYPE;
	if (reserved_set(fw, type, k, desc, qwords))
		return IQEI_RESERVED;
	if (!granularity_valid(fw, type, desc))
		return IQEI_RESERVED;
	return IQEI_NONE;
}

/* ---- doing a valid descriptor ------------------------------------------------------------- */

/* status address bits from HAW up are ignored (vtd-notes 9.4) */
static uint64_t haw_mask(const struct fw *fw)
{
	unsigned haw = fw->unit.haw;

	return haw == 0 || haw >= 64 ? ~0ull : BITS(63, 0) >> (64 - haw);
}

/* a 32-bit write at a 4-byte aligned address, through the 64-bit memory interface */
static void write32(struct fw *fw, uint64_t addr, uint32_t data)
{
	uint64_t qaddr = addr & ~7ull;
	unsigned shift = (addr & 4) ? 32 : 0;
	uint64_t old;

	if (fw->mem.read64(fw->mem.ctx, qaddr, &old) != DMAR_MEM_OK)
		return;
	old &= ~(0xffffffffull << shift);
	fw->mem.write64(fw->mem.ctx, qaddr, old | ((uint64_t)data << shift));
}

/* everything fetched before it has been done: only the status write is left (vtd-notes 9.6) */
static void run_wait(struct fw *fw, const uint64_t *desc)
{
	if (WAIT_SW(desc[0]))
		write32(fw, WAIT_ADDR(desc[1]) & haw_mask(fw), WAIT_DATA(desc[0]));
}

static void dsc_run(struct fw *fw, const uint64_t *desc)
{
	uint64_t q0 = desc[0], q1 = desc[1];

	switch (DSC_TYPE(q0)) {
	case DSC_CC:
		fw_inv_ctx(fw, DSC_G(q0), DSC_DID(q0), CC_SID(q0), CC_FM(q0));
		break;
	case DSC_IOTLB:
		fw_inv_tlb(fw, DSC_G(q0), DSC_DID(q0), INV_ADDR(q1), INV_AM(q1), INV_IH(q1));
		break;
	case DSC_PIOTLB:
		fw_inv_piotlb(fw, DSC_G(q0), DSC_DID(q0), DSC_PASID(q0), INV_ADDR(q1), INV_AM(q1),
			      INV_IH(q1));
		break;
	case DSC_PC:
		fw_inv_pasid(fw, DSC_G(q0), DSC_DID(q0), DSC_PASID(q0));
		break;
	case DSC_WAIT:
		run_wait(fw, desc);
		break;
	default:
		/* device-TLBs live in the devices, interrupt remapping is not modelled */
		break;
	}
}

int fw_qi(void *self, const uint64_t *desc, unsigned qwords)
{
	struct fw *fw = self;
	enum iqei code;

	if (fw->queue_stopped)
		return 0; /* IQE holds the head: nothing more is fetched (vtd-notes 9.6) */
	code = dsc_check(fw, desc, qwords);
	if (code != IQEI_NONE) {
		fw->queue_stopped = true;
		return (int)code;
	}
	dsc_run(fw, desc);
	return 0;
}
