// SPDX-License-Identifier: Apache-2.0
/*
 * Oracle unit tests.  Every expected value is worked out by hand from the
 * VT-d specification (vtd-notes sections named at each test); the corpus
 * (corpora/spec/) covers each fault code again through the text format.
 */
#include "tests/check.h"
#include "tests/fixture.h"
#include "oracles/format.h"

#define CAP_EX 0x00120784222f0602ull  /* ND 2, SAGAW 39+48, MGAW 48, SSLPS 2M, ZLR 0 */
#define ECAP_EX 0x5047ull             /* C, QI, DT, PT; SC 0, NWFS 0 */

static struct dmar_outcome O(uint8_t kind, uint64_t hpa, uint8_t reason)
{
	struct dmar_outcome o = { .kind = kind, .hpa = hpa, .reason = reason };

	return o;
}

#define OK(h) O(DMAR_OUT_OK, h, 0)
#define FAULT(r) O(DMAR_OUT_FAULT, 0, r)
#define BLOCKED(r) O(DMAR_OUT_BLOCKED, 0, r)

/* asks and compares with the expected set (listed as outcomes) */
static int expect(struct fixture *fx, const struct dmar_request *rq, int n,
		  const struct dmar_outcome *want)
{
	struct dmar_outcome_set got, exp = { 0 };
	char a[256], b[256];
	int i, rc = dmar_oracle_translate(&fx->unit, &fx->mif, rq, &got, NULL);

	for (i = 0; i < n; i++)
		dmar_outcome_set_add(&exp, &want[i]);
	if (rc)
		return 0;
	if (dmar_outcome_set_equal(&got, &exp))
		return 1;
	dmar_outcome_set_format(&got, a, sizeof(a));
	dmar_outcome_set_format(&exp, b, sizeof(b));
	fprintf(stderr, "  oracle: %s\n  wanted: %s\n", a, b);
	return 0;
}

#define EXPECT1(fx, rq, o) CHECK(expect(fx, rq, 1, (struct dmar_outcome[]){ o }))
#define EXPECT2(fx, rq, o1, o2) CHECK(expect(fx, rq, 2, (struct dmar_outcome[]){ o1, o2 }))

static struct dmar_request req(uint16_t sid, uint8_t access, uint64_t addr)
{
	struct dmar_request r = { .addr = addr, .len = 4, .sid = sid, .access = access };

	return r;
}

/* docs/case-format.md example: 00:02.0, domain 5, 4-level, 0x400000 -> 0x9000000 R only */
static void build_example(struct fixture *fx)
{
	fixture_init(fx, CAP_EX, ECAP_EX, 48);
	put64(fx, 0x100000, 0x101001);
	put64(fx, 0x101100, 0x200001);
	put64(fx, 0x101108, 0x502);
	put64(fx, 0x200000, 0x201003);
	put64(fx, 0x201000, 0x202003);
	put64(fx, 0x202010, 0x203003);
	put64(fx, 0x203000, 0x9000001);
}

static void test_example(void)
{
	struct fixture fx;
	struct dmar_request r = req(0x0010, DMAR_ACC_READ, 0x400abc);

	build_example(&fx);
	EXPECT1(&fx, &r, OK(0x9000abc));
	r.access = DMAR_ACC_WRITE;
	EXPECT1(&fx, &r, FAULT(0x5)); /* vtd-notes 4.4: W=0 in the PTE */
	r.access = DMAR_ACC_ATOMIC;
	EXPECT1(&fx, &r, FAULT(0x5)); /* atomic needs R and W: only W lacks */
	/* PTE[1] never written: R=W=0, legacy reports it as a permission fault */
	r = req(0x0010, DMAR_ACC_READ, 0x401000);
	EXPECT1(&fx, &r, FAULT(0x6));
	r.access = DMAR_ACC_ATOMIC;
	EXPECT2(&fx, &r, FAULT(0x5), FAULT(0x6));
	fixture_free(&fx);
}

static void test_root_and_context(void)
{
	struct fixture fx;
	struct dmar_request r = req(0x0110, DMAR_ACC_READ, 0x400abc); /* bus 1 */

	build_example(&fx);
	EXPECT1(&fx, &r, FAULT(0x1)); /* root entry 1 at 0x100010 reads zero: LRT.2 */
	put64(&fx, 0x100010, 0x101001 | 0x2); /* bit 1 reserved: LRT.3 */
	EXPECT1(&fx, &r, FAULT(0xa));
	put64(&fx, 0x100010, 0x101001);
	put64(&fx, 0x100018, 0x1); /* bit 64 reserved */
	EXPECT1(&fx, &r, FAULT(0xa));
	fixture_free(&fx);

	/* 00:03.0 -> devfn 0x18 -> context entry 0x101180 */
	build_example(&fx);
	r = req(0x0018, DMAR_ACC_READ, 0x400abc);
	EXPECT1(&fx, &r, FAULT(0x2)); /* LCT.2 */
	put64(&fx, 0x101180, 0x2);    /* P=0, FPD=1: FPD counts even so */
	EXPECT1(&fx, &r, BLOCKED(0x2));
	put64(&fx, 0x101180, 0x200011); /* P=1, bit 4 reserved: LCT.3 (qualified) */
	put64(&fx, 0x101188, 0x502);
	EXPECT1(&fx, &r, FAULT(0xb));
	put64(&fx, 0x101180, 0x200013); /* and FPD=1 */
	EXPECT1(&fx, &r, BLOCKED(0xb));
	put64(&fx, 0x101180, 0x200001);
	put64(&fx, 0x101188, 0x503); /* AW=3 (57-bit) is not in SAGAW 39+48: LCT.4.1 */
	EXPECT1(&fx, &r, FAULT(0x3));
	put64(&fx, 0x101188, 0x10002); /* DID 0x100 needs 9 bits, ND=2 gives 8: LCT.3 */
	EXPECT1(&fx, &r, FAULT(0xb));
	put64(&fx, 0x101180, 0x20000d); /* TT=11 reserved: LCT.4.2 */
	put64(&fx, 0x101188, 0x502);
	EXPECT1(&fx, &r, FAULT(0x3));
	fixture_free(&fx);
}

static void test_fetch_errors(void)
{
	struct fixture fx;
	struct dmar_request r = req(0x0010, DMAR_ACC_READ, 0x400abc);

	fixture_init(&fx, CAP_EX, ECAP_EX, 48);
	CHECK(dmar_smem_add_hole(&fx.mem, 0x100000, 0x1000));
	EXPECT1(&fx, &r, FAULT(0x8)); /* root table in a hole: LRT.1 */
	fixture_free(&fx);

	/* a write through a PDPE with W=0 whose PD is in a hole: the walk may stop
	 * at the lost permission (5h) or go on to the fetch error (7h) */
	fixture_init(&fx, CAP_EX, ECAP_EX, 48);
	CHECK(dmar_smem_add_hole(&fx.mem, 0x202000, 0x1000));
	put64(&fx, 0x100000, 0x101001);
	put64(&fx, 0x101100, 0x200001);
	put64(&fx, 0x101108, 0x502);
	put64(&fx, 0x200000, 0x201003);
	put64(&fx, 0x201000, 0x202001);
	EXPECT1(&fx, &r, FAULT(0x7));
	r.access = DMAR_ACC_WRITE;
	EXPECT2(&fx, &r, FAULT(0x5), FAULT(0x7));
	fixture_free(&fx);
}

static void test_limits_and_pages(void)
{
	struct fixture fx;
	struct dmar_request r;

	build_example(&fx);
	/* AW=48: 2^48 is beyond the input limit: LGN.1.1 */
	r = req(0x0010, DMAR_ACC_READ, 1ull << 48);
	EXPECT1(&fx, &r, FAULT(0x4));
	/* PDE[3] with PS=1: a 2M page at 0x40000000 (CAP.SSLPS has 2M) */
	put64(&fx, 0x202018, 0x40000083);
	r = req(0x0010, DMAR_ACC_WRITE, 0x6abcd8); /* PD index 3, offset 0xabcd8 */
	EXPECT1(&fx, &r, OK(0x400abcd8));
	/* PDPE[1] with PS=1: no 1G support, so PS is a reserved bit: LSS.2 */
	put64(&fx, 0x201008, 0x80000083);
	r = req(0x0010, DMAR_ACC_READ, 0x40000000);
	EXPECT1(&fx, &r, FAULT(0xc));
	fixture_free(&fx);
}

static void test_modes_and_ranges(void)
{
	struct fixture fx;
	struct dmar_request r;
	struct dmar_outcome_set out;

	build_example(&fx);
	r = req(0x0010, DMAR_ACC_WRITE, 0xfee00000); /* DWORD write: an interrupt */
	EXPECT1(&fx, &r, O(DMAR_OUT_INTERRUPT, 0, 0));
	r.access = DMAR_ACC_READ; /* any other request there: 29h */
	EXPECT1(&fx, &r, FAULT(0x29));
	r = req(0x0010, DMAR_ACC_READ, 0x400abc);
	r.has_pasid = true;
	EXPECT1(&fx, &r, FAULT(0x31)); /* RTA.2 */
	fx.unit.rtaddr = 0x100000 | (3u << 10);
	r.has_pasid = false;
	EXPECT1(&fx, &r, FAULT(0x30)); /* TTM=11 without ADMS: RTA.1.1 */
	fx.unit.ecap |= 1ull << 52;
	EXPECT1(&fx, &r, FAULT(0x33)); /* abort-DMA mode: RTA.4 */
	fx.unit.rtaddr = 0x100000 | (1u << 10);
	fx.unit.ecap |= 1ull << 43;
	/* scalable: bus 0's root entry read as a scalable one has LP=1, LCTP 0x101000;
	 * devfn 0x10 -> 0x101000 + 0x10*32 = 0x101200, never written: SCT.2 */
	EXPECT1(&fx, &r, FAULT(0x41));
	CHECK(dmar_oracle_translate(&fx.unit, &fx.mif, &r, &out, NULL) == 0);
	fx.unit.rtaddr = 0x100000;
	fx.unit.te = false;
	EXPECT1(&fx, &r, OK(0x400abc)); /* translation off: untranslated */
	fixture_free(&fx);
}

static void test_ats(void)
{
	struct fixture fx;
	struct dmar_request r = req(0x0010, DMAR_ACC_READ, 0x400abc);
	struct dmar_outcome ats = { .kind = DMAR_OUT_ATS, .hpa = 0x9000000, .size_lg2 = 12,
				    .ats = DMAR_ATS_R };

	build_example(&fx);
	r.at = DMAR_AT_TR;
	EXPECT1(&fx, &r, O(DMAR_OUT_FAULT, 0, 0xd)); /* TT=00 blocks ATS: LCT.5 */
	put64(&fx, 0x101100, 0x200005);             /* TT=01 (ECAP.DT=1) */
	EXPECT1(&fx, &r, ats);
	r.access = DMAR_ACC_WRITE; /* a write cannot be a translation request */
	EXPECT1(&fx, &r, O(DMAR_OUT_UR, 0, 0));
	r = req(0x0010, DMAR_ACC_WRITE, 0x9000abc);
	r.at = DMAR_AT_T; /* translated: output = input, no walk */
	EXPECT1(&fx, &r, OK(0x9000abc));
	fixture_free(&fx);
}

/* reserved masks worked out bit by bit (vtd-notes 2.1, 2.2, 4.2, 4.3) */
static void test_reserved_masks(void)
{
	struct dmar_rsvd_env env = { CAP_EX, ECAP_EX, 39, 0, 0 };

	/* PTE, HAW 39, SC=0: 51:39, SNP 11, bit 62 */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SL_PTE, 0, &env), 0x400fff8000000800ull);
	env.ecap |= 1u << 7; /* SC=1: SNP allowed in leaves */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SL_PTE, 0, &env), 0x400fff8000000000ull);
	env.haw = 48;
	env.ecap = ECAP_EX;
	/* 2M leaf, HAW 48: 51:48, 20:12, 11, 62 */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SL_PDE_2M, 0, &env), 0x400f0000001ff800ull);
	/* 1G leaf, HAW 48: 51:48, 29:12, 11, 62 */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SL_PDPE_1G, 0, &env), 0x400f00003ffff800ull);
	/* PML4E: 51:48, PS 7, 11, 62 */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SL_PML4E, 0, &env), 0x400f000000000880ull);
	/* context entry, HAW 48, ND 2 (8-bit DID) */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_CTX, 0, &env), 0xffff000000000ff0ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_CTX, 1, &env), 0xffffffffffff0080ull);
	env.cap = (CAP_EX & ~7ull) | 6; /* ND 6: 16-bit DID */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_CTX, 1, &env), 0xffffffffff000080ull);
	env.passthrough = 1; /* TT=10: SSPTPTR ignored */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_CTX, 0, &env), 0x0000000000000ff0ull);
	env.passthrough = 0;
	env.haw = 39; /* root entry, HAW 39 */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_ROOT, 0, &env), 0xffffff8000000ffeull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_ROOT, 1, &env), ~0ull);
	env.haw = 52; /* nothing of the address field is reserved in a PTE */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SL_PTE, 0, &env), 0x4000000000000800ull);
}

/* scalable-mode and first-stage masks, unit S of corpora/spec/scalable (vtd-notes 3, 5.2) */
#define CAP_S 0x01120784222f0602ull
#define ECAP_S 0x0003e99e800050c7ull /* DT PASID SMTS FSTS SSTS SMPWCS RPS SRS EAFS SSADS SC ... */

static void test_scalable_masks(void)
{
	struct dmar_rsvd_env env = { CAP_S, ECAP_S, 48, 0, 0 };

	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SM_ROOT, 0, &env), 0xffff000000000ffeull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SM_ROOT, 1, &env), 0xffff000000000ffeull);
	/* PRE (no PRS), HPTE (no HPTS), EPTR (no PTRS), 8:7; RID_PRIV (no RPRIVS), 127:85 */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SM_CTX, 0, &env), 0xffff0000000001f0ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SM_CTX, 1, &env), 0xfffffffffff00000ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SM_CTX, 3, &env), ~0ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_PASID_DIR, 0, &env), 0xffff000000000ffcull);
	/* bit 5, 11:10, SSPTPTR >= HAW; DID above 8 bits, 86:80, CD/EMTE/PAT (no MTS), 95:91 */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_PASID_ENTRY, 0, &env), 0xffff000000000c20ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_PASID_ENTRY, 1, &env), 0xfffffffffe7fff00ull);
	/* bit 129, 139:136, FSPTPTR >= HAW */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_PASID_ENTRY, 2, &env), 0xffff000000000f02ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_PASID_ENTRY, 4, &env), ~0ull); /* no HPTS */
	env.passthrough = 1; /* PGTT 001/100: SSPTPTR ignored */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_PASID_ENTRY, 0, &env), 0xc20ull);
	env.passthrough = 0;
	env.ecap &= ~(1ull << 47); /* without FSTS the whole FSPTPTR is reserved */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_PASID_ENTRY, 2, &env), 0xfffffffffffff002ull | 0xf00);
	env.ecap = ECAP_S;
	/* first stage, HAW 48: 51:48; PS in PML4E; 20:13 and 29:13 in large leaves */
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_FS_PTE, 0, &env), 0x000f000000000000ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_FS_PML4E, 0, &env), 0x000f000000000080ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_FS_PDE_2M, 0, &env), 0x000f0000001fe000ull);
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_FS_PDPE_1G, 0, &env), 0x000f00003fffe000ull);
	/* SSIRWE: bit 62 becomes IW and is no longer reserved */
	env.ssirwe = 1;
	CHECK_EQ_U64(dmar_shape_rsvd_mask(DMAR_SHAPE_SL_PTE, 0, &env), 0x000f000000000000ull);
}

static void test_sparse_memory(void)
{
	struct fixture fx;
	uint64_t v = 1, i;

	fixture_init(&fx, CAP_EX, ECAP_EX, 39);
	CHECK(dmar_smem_read64(&fx.mem, 0x123458, &v) == DMAR_MEM_OK && v == 0);
	CHECK(dmar_smem_read64(&fx.mem, 1ull << 39, &v) == DMAR_MEM_ABORT);
	CHECK(dmar_smem_add_hole(&fx.mem, 0x5000, 0x2000));
	CHECK(dmar_smem_read64(&fx.mem, 0x6ff8, &v) == DMAR_MEM_ABORT);
	CHECK(dmar_smem_read64(&fx.mem, 0x7000, &v) == DMAR_MEM_OK);
	CHECK(dmar_smem_write64(&fx.mem, 0x5000, 1) == DMAR_MEM_ABORT);
	for (i = 0; i < 5000; i++)
		put64(&fx, 0x10000000 + (i << 12) + 8 * (i % 512), i * 3 + 1);
	for (i = 0; i < 5000; i++) {
		dmar_smem_read64(&fx.mem, 0x10000000 + (i << 12) + 8 * (i % 512), &v);
		if (v != i * 3 + 1)
			break;
	}
	CHECK_EQ_U64(i, 5000);
	CHECK_EQ_U64(fx.mem.count, 5000);
	fixture_free(&fx);
}

int main(void)
{
	test_example();
	test_root_and_context();
	test_fetch_errors();
	test_limits_and_pages();
	test_modes_and_ranges();
	test_ats();
	test_reserved_masks();
	test_scalable_masks();
	test_sparse_memory();
	return check_summary();
}
