// SPDX-License-Identifier: Apache-2.0
/*
 * Raw queued-invalidation descriptors: every row is worked out by hand from
 * vtd-notes 9.4 (types, widths, granularities, field positions) and the
 * reserved bits listed there; the IQEI codes are vtd-notes 1.10's.
 */
#include <string.h>

#include "check.h"
#include "harness/qi_decode.h"

/* legacy unit of the corpus: PSI=1; ECAP QI=1 DT=1, DIT=PDS=PRS=0 */
static const struct dmar_unit legacy = { .cap = 0x00120784222f0602ull, .ecap = 0x5047,
					 .rtaddr = 0x100000, .ver = 0x10, .haw = 48 };
/* the same without PSI (CAP bit 39) and without DT (ECAP bit 2) */
static const struct dmar_unit legacy_bare = { .cap = 0x00120704222f0602ull, .ecap = 0x5043,
					      .rtaddr = 0x100000, .ver = 0x10, .haw = 48 };
/* the legacy unit with ECAP.SMTS (bit 43): in legacy mode, but its queue may take 256-bit descriptors */
static const struct dmar_unit legacy_smts = { .cap = 0x00120784222f0602ull, .ecap = 0x80000005047ull,
					      .rtaddr = 0x100000, .ver = 0x10, .haw = 48 };
/* the legacy unit with RTADDR.TTM=01, which it does not support (no SMTS) */
static const struct dmar_unit legacy_bad_mode = { .cap = 0x00120784222f0602ull, .ecap = 0x5047,
						  .rtaddr = 0x100400, .ver = 0x10, .haw = 48 };
/* unit S of corpora/spec/scalable: TTM=01 in RTADDR bits 11:10 */
static const struct dmar_unit sm = { .cap = 0x01120784222f0602ull, .ecap = 0x0003e99e800050c7ull,
				     .rtaddr = 0x100400, .ver = 0x10, .haw = 48 };

struct row {
	const struct dmar_unit *unit;
	unsigned n;
	uint64_t w[4];
	int iqei;      /* 0: valid */
	unsigned kind; /* when valid */
};

#define K_NONE DMAR_INV_KIND_COUNT

static const struct row rows[] = {
	/* context-cache (1h): G in 5:4; DID 31:16, SID 47:32, FM 49:48; 15:12, 8:6, 63:50, qw1 reserved */
	{ &legacy, 2, { 0x11, 0 }, 0, DMAR_INV_CC_GLOBAL },
	{ &legacy, 2, { 0x01, 0 }, 3, 0 },                       /* G=00 reserved */
	{ &legacy, 2, { 0x0001001000070031ull, 0 }, 0, DMAR_INV_CC_DEVICE },
	{ &legacy, 2, { 0x51, 0 }, 4, 0 },                       /* bit 6 */
	{ &legacy, 2, { 0x0004000000000011ull, 0 }, 4, 0 },      /* bit 50 */
	{ &legacy, 2, { 0x11, 1 }, 4, 0 },                       /* qw1 */
	/* IOTLB (2h): DW/DR (7:6) are fields; 8, 15:12, 63:32 and qw1 11:7 reserved */
	{ &legacy, 2, { 0x50032, 0x400042 }, 0, DMAR_INV_IOTLB_PAGE },
	{ &legacy, 2, { 0x500f2, 0x400000 }, 0, DMAR_INV_IOTLB_PAGE },
	{ &legacy, 2, { 0x100050012ull, 0 }, 4, 0 },             /* bit 32 */
	{ &legacy, 2, { 0x50112, 0 }, 4, 0 },                    /* bit 8 */
	{ &legacy, 2, { 0x50012, 0x80 }, 4, 0 },                 /* qw1 bit 7 */
	{ &legacy_bare, 2, { 0x50032, 0x400000 }, 3, 0 },       /* page-selective without PSI */
	/* AM (qw1 5:0) at most CAP.MAMV (53:48 = 0x12 here, vtd-notes 9.4): 18 is valid, 19 is not */
	{ &legacy, 2, { 0x50032, 0x400012 }, 0, DMAR_INV_IOTLB_PAGE },
	{ &legacy, 2, { 0x50032, 0x400013 }, 4, 0 },
	/* a PASID-based one (6h, G=11 page-selective) takes any AM */
	{ &sm, 4, { 0x50036, 0x400013, 0, 0 }, 0, DMAR_INV_PIOTLB_PAGE },
	{ &legacy_bare, 2, { 0x50022, 0 }, 0, DMAR_INV_IOTLB_DOMAIN },
	/* device-TLB (3h): needs DT; PFSID reserved without DIT; MIP 20:16 is a field */
	{ &legacy, 2, { 0x1000000003ull, 0x400000 }, 0, DMAR_INV_DEVTLB },
	{ &legacy_bare, 2, { 0x1000000003ull, 0x400000 }, 3, 0 },
	{ &legacy, 2, { 0x1000001003ull, 0x400000 }, 4, 0 },     /* PFSID[0] (bit 12) */
	{ &legacy, 2, { 0x10001f0003ull, 0x400000 }, 0, DMAR_INV_DEVTLB },
	{ &legacy, 2, { 0x1000000013ull, 0x400000 }, 4, 0 },     /* bit 4 */
	{ &legacy, 2, { 0x1000000003ull, 0x400002 }, 4, 0 },     /* qw1 bit 1 */
	/* interrupt entry cache (4h): G bit 4, IM 31:27, IIDX 47:32; 8:5, 26:12, 63:48 reserved */
	{ &legacy, 2, { 0x4, 0 }, 0, DMAR_INV_IEC_GLOBAL },
	{ &legacy, 2, { 0x0000000810000014ull, 0 }, 0, DMAR_INV_IEC_INDEX },
	{ &legacy, 2, { 0x24, 0 }, 4, 0 },                       /* bit 5 */
	{ &legacy, 2, { 0x4, 0x1 }, 4, 0 },                      /* qw1 */
	/* wait (5h): IF 4, SW 5, FN 6, PD 7 (reserved without PDS); qw1 1:0 reserved */
	{ &legacy, 2, { 0x0000000100000025ull, 0x300000 }, 0, DMAR_INV_WAIT },
	{ &legacy, 2, { 0x85, 0 }, 4, 0 },
	{ &legacy, 2, { 0x5, 0x1 }, 4, 0 },
	{ &legacy, 2, { 0x1005, 0 }, 4, 0 },                     /* bit 12 */
	/* legacy mode knows types 1-5 only, in either queue width (a 256-bit queue needs SMTS or ADMS) */
	{ &legacy_smts, 4, { 0x0000000100050036ull, 0x400000, 0, 0 }, 3, 0 },
	{ &legacy, 2, { 0x0, 0 }, 3, 0 },
	{ &legacy, 2, { 0x211, 0 }, 3, 0 },                      /* type 11h (bits 11:9 = 1) */
	{ &legacy_smts, 4, { 0x11, 0, 0, 0 }, 0, DMAR_INV_CC_GLOBAL }, /* zero-padded in a 256-bit queue */
	{ &legacy_smts, 4, { 0x11, 0, 1, 0 }, 4, 0 },
	/* IQA.DW=1 on a unit with neither SMTS nor ADMS: every descriptor is refused (vtd-notes 1.10) */
	{ &legacy, 4, { 0x11, 0, 0, 0 }, 5, 0 },
	/* an invalid translation table mode (TTM 01 without SMTS) refuses every descriptor */
	{ &legacy_bad_mode, 2, { 0x11, 0 }, 7, 0 },
	/* scalable mode: 256-bit descriptors only */
	{ &sm, 2, { 0x11, 0 }, 5, 0 },
	{ &sm, 4, { 0x11, 0, 0, 0 }, 0, DMAR_INV_CC_GLOBAL },
	/* PASID-based IOTLB (6h): G 10/11; 8:6, 15:12, 63:52, qw1 11:7 and qw2-3 reserved */
	{ &sm, 4, { 0x0000000100050036ull, 0x400000, 0, 0 }, 0, DMAR_INV_PIOTLB_PAGE },
	{ &sm, 4, { 0x0000000100050026ull, 0, 0, 0 }, 0, DMAR_INV_PIOTLB_PASID },
	{ &sm, 4, { 0x0000000100050016ull, 0, 0, 0 }, 3, 0 },   /* G=01 */
	{ &sm, 4, { 0x0010000100050036ull, 0x400000, 0, 0 }, 4, 0 }, /* bit 52 */
	{ &sm, 4, { 0x0000000100050036ull, 0x400000, 0, 1 }, 4, 0 }, /* qw3 */
	/* PASID cache (7h): G 00 domain, 01 PASID, 11 global, 10 reserved */
	{ &sm, 4, { 0x50007, 0, 0, 0 }, 0, DMAR_INV_PC_DOMAIN },
	{ &sm, 4, { 0x0000000100050017ull, 0, 0, 0 }, 0, DMAR_INV_PC_PASID },
	{ &sm, 4, { 0x37, 0, 0, 0 }, 0, DMAR_INV_PC_GLOBAL },
	{ &sm, 4, { 0x27, 0, 0, 0 }, 3, 0 },
	{ &sm, 4, { 0x37, 1, 0, 0 }, 4, 0 },                    /* qw1 reserved */
	/* PASID-based device-TLB (8h): MIP 8:4 a field; GI reaches no entry the model holds */
	{ &sm, 4, { 0x100100008ull, 0x400000, 0, 0 }, 0, DMAR_INV_DEVTLB },
	{ &sm, 4, { 0x1001001f8ull, 0x400000, 0, 0 }, 0, DMAR_INV_DEVTLB },
	{ &sm, 4, { 0x100100008ull, 0x400001, 0, 0 }, 0, K_NONE },
	{ &sm, 4, { 0x100100008ull, 0x400002, 0, 0 }, 4, 0 },  /* qw1 bit 1 */
	{ &sm, 4, { 0x100101008ull, 0x400000, 0, 0 }, 4, 0 },  /* PFSID without DIT */
	/* page group response needs PRS; HPT invalidation needs HPTS */
	{ &sm, 4, { 0x9, 0, 0, 0 }, 3, 0 },
	{ &sm, 4, { 0xa, 0, 0, 0 }, 3, 0 },
};

static void decoded_fields(void)
{
	struct dmar_inv inv;

	/* cc device: DID 7, SID 00:02.0, FM 1 */
	CHECK(dmar_qi_decode(&legacy, (const uint64_t[]){ 0x0001001000070031ull, 0 }, 2, &inv) == 0);
	CHECK(inv.did == 7 && inv.sid == 0x10 && inv.fm == 1 && inv.via == DMAR_VIA_QI);
	/* iotlb page: DID 5, ADDR 0x400000, AM 2, IH */
	CHECK(dmar_qi_decode(&legacy, (const uint64_t[]){ 0x50032, 0x400042 }, 2, &inv) == 0);
	CHECK(inv.did == 5 && inv.addr == 0x400000 && inv.am == 2 && (inv.fields & DMAR_INVF_IH));
	/* device-TLB sizes: S=0 one page; S=1 ADDR 0x67f000 (lowest 0 bit at 19) 1M; all ones: all */
	CHECK(dmar_qi_decode(&legacy, (const uint64_t[]){ 0x1000000003ull, 0x400000 }, 2, &inv) == 0);
	CHECK(inv.sid == 0x10 && inv.addr == 0x400000 && inv.size == 4096 && !(inv.fields & DMAR_INVF_PASID));
	CHECK(dmar_qi_decode(&legacy, (const uint64_t[]){ 0x1000000003ull, 0x67f001 }, 2, &inv) == 0);
	CHECK_EQ_U64(inv.size, 1ull << 20);
	CHECK(dmar_qi_decode(&legacy, (const uint64_t[]){ 0x1000000003ull, ~0ull }, 2, &inv) == 4);
	CHECK(dmar_qi_decode(&legacy, (const uint64_t[]){ 0x1000000003ull, 0xfffffffffffff001ull }, 2,
			     &inv) == 0);
	CHECK_EQ_U64(inv.size, ~0ull);
	/* p_dev_tlb: SID 31:16, PASID 51:32, S at qw1 bit 11 */
	CHECK(dmar_qi_decode(&sm, (const uint64_t[]){ 0x300100008ull, 0x4ff800, 0, 0 }, 4, &inv) == 0);
	CHECK(inv.sid == 0x10 && inv.pasid == 3 && (inv.fields & DMAR_INVF_PASID));
	CHECK_EQ_U64(inv.size, 2ull << 20);
	/* iec index-selective: IIDX 8, IM 2 */
	CHECK(dmar_qi_decode(&legacy, (const uint64_t[]){ 0x0000000810000014ull, 0 }, 2, &inv) == 0);
	CHECK(inv.index == 8 && inv.im == 2);
	/* wait with status: data 1 at 0x300000 */
	CHECK(dmar_qi_decode(&legacy, (const uint64_t[]){ 0x0000000100000025ull, 0x300000 }, 2, &inv) == 0);
	CHECK(inv.status_hpa == 0x300000 && inv.status_value == 1 && (inv.fields & DMAR_INVF_STATUS));
}

int main(void)
{
	size_t i;
	struct dmar_inv inv;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		int got = dmar_qi_decode(r->unit, r->w, r->n, &inv);

		if (got != r->iqei || (!got && inv.kind != r->kind))
			fprintf(stderr, "row %zu (0x%llx 0x%llx): IQEI %d kind %u, expected %d %u\n", i,
				(unsigned long long)r->w[0], (unsigned long long)r->w[1], got,
				got ? 0 : inv.kind, r->iqei, r->kind);
		CHECK(got == r->iqei && (got || inv.kind == r->kind));
	}
	decoded_fields();
	return check_summary();
}
