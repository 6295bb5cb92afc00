/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fastwalk's caches and invalidations (translators/fastwalk/cache.c,
 * invalidate.c), with hand-worked values: what each granularity removes and
 * keeps, the register interface's refusals, descriptor validity (IQEI codes)
 * and the wait descriptor's status write.
 */
#include <string.h>

#include "tests/check.h"
#include "translators/fastwalk/fastwalk.h"

/* ---- a tiny memory: 64 KiB at 0x300000 --------------------------------------- */

#define MEM_BASE 0x300000ull
static uint64_t mem_words[8192];

static int mem_read(void *ctx, uint64_t hpa, uint64_t *val)
{
	(void)ctx;
	if (hpa < MEM_BASE || hpa >= MEM_BASE + sizeof(mem_words) || (hpa & 7))
		return DMAR_MEM_ABORT;
	*val = mem_words[(hpa - MEM_BASE) / 8];
	return DMAR_MEM_OK;
}

static int mem_write(void *ctx, uint64_t hpa, uint64_t val)
{
	(void)ctx;
	if (hpa < MEM_BASE || hpa >= MEM_BASE + sizeof(mem_words) || (hpa & 7))
		return DMAR_MEM_ABORT;
	mem_words[(hpa - MEM_BASE) / 8] = val;
	return DMAR_MEM_OK;
}

/* CAP U1: ND=2 (8-bit DIDs; ND6: 16 bits), PSI, MAMV 18; ECAP U1: C, QI, DT, PT */
#define CAP_U1 0x00120784222f0602ull
#define CAP_U1_ND6 (CAP_U1 | 6)
#define ECAP_U1 0x5047ull
#define ECAP_SMTS (1ull << 43)

static struct fw fw;

static void setup(uint64_t cap, uint64_t ecap, uint8_t mode)
{
	memset(&fw, 0, sizeof(fw));
	memset(mem_words, 0, sizeof(mem_words));
	fw.unit.cap = cap;
	fw.unit.ecap = ecap;
	fw.unit.ver = 0x10;
	fw.unit.haw = 39;
	fw.mem.read64 = mem_read;
	fw.mem.write64 = mem_write;
	fw.mode = mode;
}

static void put_page(uint16_t did, uint32_t pasid, bool fs, uint64_t in, uint8_t size_lg2)
{
	struct fw_xlate x = {
		.valid = true, .did = did, .pasid = pasid, .fs = fs, .in = in,
		.out = 0x9000000 + in, .size_lg2 = size_lg2, .perm = FW_P_R | FW_P_W,
	};

	fw_tlb_put(&fw, &x);
}

static bool has_page(uint16_t did, uint32_t pasid, bool fs, uint64_t addr)
{
	return fw_tlb_get(&fw, did, pasid, fs, addr) != NULL;
}

static bool has_psc(bool fs, uint16_t did, uint32_t pasid, uint8_t level, uint64_t addr)
{
	uint64_t entry;
	uint8_t perm;

	return fw_psc_get(&fw, fs, did, pasid, level, addr, &entry, &perm);
}

static bool has_ctx(uint16_t sid)
{
	uint64_t raw[2];

	return fw_ctx_get(&fw, sid, raw, 2);
}

static int qi2(uint64_t q0, uint64_t q1)
{
	uint64_t d[2] = { q0, q1 };

	return fw_qi(&fw, d, 2);
}

static int qi4(uint64_t q0, uint64_t q1, uint64_t q2, uint64_t q3)
{
	uint64_t d[4] = { q0, q1, q2, q3 };

	return fw_qi(&fw, d, 4);
}

/* ---- IOTLB ------------------------------------------------------------------- */

static void test_tlb_lookup(void)
{
	setup(CAP_U1, ECAP_U1, 0);
	put_page(5, 0, false, 0x40000, 12);
	put_page(5, 0, false, 0x200000, 21);
	put_page(5, 0, false, 0x40000000, 30);
	CHECK(has_page(5, 0, false, 0x40abc));
	CHECK(!has_page(5, 0, false, 0x41000));
	CHECK(has_page(5, 0, false, 0x3fffff));     /* inside the 2M page */
	CHECK(has_page(5, 0, false, 0x7fffffff));   /* inside the 1G page */
	CHECK(!has_page(6, 0, false, 0x40abc));     /* another domain */
	CHECK(!has_page(5, 1, false, 0x40abc));     /* another PASID */
	CHECK(!has_page(5, 0, true, 0x40abc));      /* a first-stage lookup */
	fw.bugs = FW_BUG_TLB_NO_DID;
	CHECK(has_page(6, 0, false, 0x40abc));      /* the planted bug ignores the DID */
	fw.bugs = FW_BUG_TLB_NO_PASID;
	CHECK(has_page(5, 1, false, 0x40abc));      /* ... and this one the PASID */
	fw.bugs = 0;

	/* one set: five translations of one page (DIDs 1-5) in four ways; DID 1 was used last */
	setup(CAP_U1, ECAP_U1, 0);
	for (uint16_t did = 1; did <= 4; did++)
		put_page(did, 0, false, 0x80000, 12);
	CHECK(has_page(1, 0, false, 0x80000));
	put_page(5, 0, false, 0x80000, 12);
	CHECK(has_page(1, 0, false, 0x80000));
	CHECK(!has_page(2, 0, false, 0x80000));     /* the least recently used went */
	CHECK(has_page(3, 0, false, 0x80000));
	CHECK(has_page(5, 0, false, 0x80000));

	/* LRU: more pages than the IOTLB holds; the most recent always stays */
	for (uint64_t i = 0; i < 4 * FW_IOTLB_SETS * FW_IOTLB_WAYS; i++) {
		put_page(7, 0, false, 0x10000000 + (i << 12), 12);
		CHECK(has_page(7, 0, false, 0x10000000 + (i << 12)));
	}
}

/* hand-worked: AM=2 at 0x40000 covers 0x40000-0x43fff */
static void test_psi_am(void)
{
	setup(CAP_U1, ECAP_U1, 0);
	for (uint64_t a = 0x3f000; a <= 0x44000; a += 0x1000)
		put_page(5, 0, false, a, 12);
	put_page(6, 0, false, 0x40000, 12);
	/* iotlb_inv_dsc: G=11 page, DID 5; ADDR 0x41000 (low AM bits ignored), AM 2 */
	CHECK_EQ_U64(qi2(0x50032, 0x41000 | 2), 0);
	CHECK(has_page(5, 0, false, 0x3f000));
	CHECK(!has_page(5, 0, false, 0x40000));
	CHECK(!has_page(5, 0, false, 0x41000));
	CHECK(!has_page(5, 0, false, 0x42000));
	CHECK(!has_page(5, 0, false, 0x43000));
	CHECK(has_page(5, 0, false, 0x44000));
	CHECK(has_page(6, 0, false, 0x40000));

	/* the planted bug: AM ignored, only the one page goes */
	setup(CAP_U1, ECAP_U1, 0);
	fw.bugs = FW_BUG_PSI_NO_AM;
	put_page(5, 0, false, 0x40000, 12);
	put_page(5, 0, false, 0x43000, 12);
	qi2(0x50032, 0x40000 | 2);
	CHECK(!has_page(5, 0, false, 0x40000));
	CHECK(has_page(5, 0, false, 0x43000));
}

/* a large page goes when the range overlaps it, even a 4K range inside it */
static void test_psi_large_page(void)
{
	setup(CAP_U1, ECAP_U1, 0);
	put_page(5, 0, false, 0x200000, 21);
	put_page(5, 0, false, 0x400000, 21);
	CHECK_EQ_U64(qi2(0x50032, 0x3ff000), 0);
	CHECK(!has_page(5, 0, false, 0x200000));
	CHECK(has_page(5, 0, false, 0x400000));
}

/* register-based: IOTLB_REG IVT|IIRG=page|DID, IVA ADDR|IH|AM */
static void test_iotlb_reg(void)
{
	uint64_t page5 = (1ull << 63) | (3ull << 60) | (5ull << 32);

	setup(CAP_U1, ECAP_U1, 0);
	put_page(5, 0, false, 0x0, 30);
	fw_iotlb_reg(&fw, page5, 0x0 | 19); /* AM 19 > MAMV 18: refused */
	CHECK(has_page(5, 0, false, 0x400000));
	fw_iotlb_reg(&fw, page5, 0x0 | 18);
	CHECK(!has_page(5, 0, false, 0x400000));

	put_page(5, 0, false, 0x1000, 12);
	fw.unit.ver = 0x60; /* VER 6.0: register-based invalidation refused */
	fw_iotlb_reg(&fw, (1ull << 63) | (1ull << 60), 0);
	CHECK(has_page(5, 0, false, 0x1000));
	fw.unit.ver = 0x10;
	fw.mode = 1; /* scalable: refused */
	fw_iotlb_reg(&fw, (1ull << 63) | (1ull << 60), 0);
	CHECK(has_page(5, 0, false, 0x1000));
	fw.mode = 0;
	fw_iotlb_reg(&fw, (1ull << 63) | (2ull << 60) | (6ull << 32), 0); /* domain 6 */
	CHECK(has_page(5, 0, false, 0x1000));
	fw_iotlb_reg(&fw, (1ull << 63) | (2ull << 60) | (5ull << 32), 0); /* domain 5 */
	CHECK(!has_page(5, 0, false, 0x1000));

	setup(CAP_U1 & ~(1ull << 39), ECAP_U1, 0); /* no PSI: page-selective refused */
	put_page(5, 0, false, 0x1000, 12);
	fw_iotlb_reg(&fw, page5, 0x1000);
	CHECK(has_page(5, 0, false, 0x1000));
}

/* IH=1 keeps the paging-structure cache, IH=0 removes the entries over the range */
static void test_psc_ih(void)
{
	setup(CAP_U1, ECAP_U1, 0);
	fw_psc_put(&fw, false, 5, 0, 2, 0x400000, 0x203003, FW_P_R | FW_P_W); /* PDE: 0x400000-0x5fffff */
	fw_psc_put(&fw, false, 5, 0, 2, 0x600000, 0x204003, FW_P_R | FW_P_W);
	fw_psc_put(&fw, false, 5, 0, 3, 0x400000, 0x202003, FW_P_R | FW_P_W); /* PDPE: 0-0x3fffffff */
	CHECK(has_psc(false, 5, 0, 2, 0x5ff000));
	CHECK(!has_psc(false, 5, 0, 2, 0x800000));
	put_page(5, 0, false, 0x400000, 12);
	CHECK_EQ_U64(qi2(0x50032, 0x400000 | (1 << 6)), 0); /* IH */
	CHECK(!has_page(5, 0, false, 0x400000));
	CHECK(has_psc(false, 5, 0, 2, 0x400000));
	CHECK(has_psc(false, 5, 0, 3, 0x400000));
	CHECK_EQ_U64(qi2(0x50032, 0x400000), 0);
	CHECK(!has_psc(false, 5, 0, 2, 0x400000));
	CHECK(!has_psc(false, 5, 0, 3, 0x400000));
	CHECK(has_psc(false, 5, 0, 2, 0x600000));
	CHECK_EQ_U64(qi2(0x60022, 0), 0); /* domain 6 */
	CHECK(has_psc(false, 5, 0, 2, 0x600000));
	CHECK_EQ_U64(qi2(0x50022, 0), 0); /* domain 5 */
	CHECK(!has_psc(false, 5, 0, 2, 0x600000));

	/* the planted bug: IH assumed, the entry stays */
	fw.bugs = FW_BUG_PSI_KEEPS_PSC;
	fw_psc_put(&fw, false, 5, 0, 2, 0x400000, 0x203003, FW_P_R | FW_P_W);
	CHECK_EQ_U64(qi2(0x50032, 0x400000), 0);
	CHECK(has_psc(false, 5, 0, 2, 0x400000));
}

/* scalable mode: iotlb_inv_dsc page-selective takes all first-stage entries of the DID;
 * p_iotlb_inv_dsc touches one DID and PASID, page-selective only first-stage entries */
static void test_scalable_iotlb(void)
{
	setup(CAP_U1_ND6, ECAP_U1 | ECAP_SMTS, 1);
	put_page(5, 0, false, 0x401000, 12);   /* second stage, RID_PASID 0 */
	put_page(5, 7, false, 0x400000, 12);   /* second stage, PASID 7 */
	put_page(5, 7, true, 0x400000, 12);    /* first stage, PASID 7 */
	put_page(5, 7, true, 0x800000, 12);
	put_page(5, 8, true, 0x400000, 12);
	put_page(9, 7, true, 0x400000, 12);
	fw_psc_put(&fw, true, 5, 7, 2, 0x400000, 0x203007, FW_P_R);
	fw_psc_put(&fw, true, 5, 8, 2, 0x400000, 0x203007, FW_P_R);

	/* p_iotlb page: DID 5, PASID 7, 0x400000, AM 0 */
	CHECK_EQ_U64(qi4(0x700050036ull, 0x400000, 0, 0), 0);
	CHECK(!has_page(5, 7, true, 0x400000));
	CHECK(has_page(5, 7, true, 0x800000));
	CHECK(has_page(5, 7, false, 0x400000)); /* second stage: not a P_IOTLB page target */
	CHECK(has_page(5, 8, true, 0x400000));
	CHECK(has_page(9, 7, true, 0x400000));
	CHECK(!has_psc(true, 5, 7, 2, 0x400000));
	CHECK(has_psc(true, 5, 8, 2, 0x400000));

	/* p_iotlb PASID-selective: DID 5, PASID 7 */
	CHECK_EQ_U64(qi4(0x700050026ull, 0, 0, 0), 0);
	CHECK(!has_page(5, 7, true, 0x800000));
	CHECK(!has_page(5, 7, false, 0x400000));
	CHECK(has_page(5, 0, false, 0x401000));
	CHECK(has_page(5, 8, true, 0x400000));

	/* iotlb page-selective at 0x10000000 (no entry there): still every FS entry of DID 5 */
	CHECK_EQ_U64(qi4(0x50032, 0x10000000, 0, 0), 0);
	CHECK(!has_page(5, 8, true, 0x400000));
	CHECK(!has_psc(true, 5, 8, 2, 0x400000));
	CHECK(has_page(5, 0, false, 0x401000));
	CHECK(has_page(9, 7, true, 0x400000));

	/* p_iotlb with G=01: invalid (IQEI 4), the queue stops */
	CHECK_EQ_U64(qi4(0x700050016ull, 0, 0, 0), 4);
	CHECK(fw.queue_stopped);
}

/* ---- context cache ----------------------------------------------------------- */

static void put_ctx(uint16_t sid, uint16_t did)
{
	uint64_t raw[2] = { 0x200001, 0x2 | ((uint64_t)did << 8) };

	fw_ctx_put(&fw, sid, did, raw, 2);
}

/*
 * hand-worked: device 00:02.x is SID 0x10-0x17.  FM masks SID bits (vtd-notes 1.6): FM=2
 * ignores bits 2:1, so SID 0x12 (00:02.2) with FM=2 covers functions 0, 2, 4 and 6 (bit 0
 * still compared); FM=3 then covers every function of the device.
 */
static void test_ctx_device_fm(void)
{
	uint64_t ccmd = (1ull << 63) | (3ull << 61) | (2ull << 32) | (0x12ull << 16) | 5;

	setup(CAP_U1, ECAP_U1, 0);
	for (uint16_t sid = 0x10; sid <= 0x18; sid++)
		put_ctx(sid, 5);
	fw_ccmd(&fw, ccmd);
	for (uint16_t sid = 0x10; sid <= 0x17; sid++)
		CHECK(has_ctx(sid) == ((sid & 1) != 0));
	CHECK(has_ctx(0x18));

	/* the same through the queue: cc_inv_dsc G=11, DID 5, SID 0x14, FM 3 (functions 0-7) */
	CHECK_EQ_U64(qi2(0x3001400050031ull, 0), 0);
	for (uint16_t sid = 0x10; sid <= 0x17; sid++)
		CHECK(!has_ctx(sid));
	CHECK(has_ctx(0x18));

	/* FM=1 ignores bit 2: SID 0x19 covers 0x19 and 0x1d only */
	for (uint16_t sid = 0x18; sid <= 0x1f; sid++)
		put_ctx(sid, 5);
	CHECK_EQ_U64(qi2(0x1001900050031ull, 0), 0);
	for (uint16_t sid = 0x18; sid <= 0x1f; sid++)
		CHECK(has_ctx(sid) == (sid != 0x19 && sid != 0x1d));

	/* the planted bug: FM ignored, only 0x19 goes */
	fw.bugs = FW_BUG_CC_NO_FM;
	put_ctx(0x19, 5);
	put_ctx(0x1d, 5);
	CHECK_EQ_U64(qi2(0x1001900050031ull, 0), 0);
	CHECK(!has_ctx(0x19));
	CHECK(has_ctx(0x18));
	CHECK(has_ctx(0x1d));
	fw.bugs = 0;

	/* legacy device-selective names the DID: another DID keeps the entry */
	put_ctx(0x20, 5);
	CHECK_EQ_U64(qi2(0x20000060031ull, 0), 0);
	CHECK(has_ctx(0x20));
	/* domain-selective: DID 5 only */
	put_ctx(0x21, 6);
	CHECK_EQ_U64(qi2(0x50021, 0), 0);
	CHECK(!has_ctx(0x20));
	CHECK(!has_ctx(0x18));
	CHECK(has_ctx(0x21));
	/* global */
	CHECK_EQ_U64(qi2(0x11, 0), 0);
	CHECK(!has_ctx(0x21));

	/* CCMD refused from VER 6 */
	put_ctx(0x30, 5);
	fw.unit.ver = 0x60;
	fw_ccmd(&fw, (1ull << 63) | (1ull << 61));
	CHECK(has_ctx(0x30));
}

/* scalable: domain-selective acts as global (no DID in the entry) */
static void test_ctx_scalable(void)
{
	uint64_t raw[4] = { 0x300001, 0, 0, 0 };

	setup(CAP_U1_ND6, ECAP_U1 | ECAP_SMTS, 1);
	fw_ctx_put(&fw, 0x10, 0, raw, 4);
	fw_ctx_put(&fw, 0x11, 0, raw, 4);
	CHECK(!fw_ctx_get(&fw, 0x10, raw, 2)); /* shape differs: a miss */
	CHECK(fw_ctx_get(&fw, 0x10, raw, 4));
	CHECK_EQ_U64(qi4(0x11, 0, 0, 0x1), 4); /* upper half of a 128-bit type: reserved */
	fw.queue_stopped = false;
	CHECK_EQ_U64(qi4(0x10031, 0, 0, 0), 0); /* device-selective, SID 00:00.0: not these */
	CHECK(fw_ctx_get(&fw, 0x10, raw, 4));
	CHECK_EQ_U64(qi4(0x770021, 0, 0, 0), 0); /* domain 0x77: global here */
	CHECK(!fw_ctx_get(&fw, 0x10, raw, 4));
	CHECK(!fw_ctx_get(&fw, 0x11, raw, 4));
	fw_ctx_put(&fw, 0x10, 0, raw, 4);
	fw_ccmd(&fw, (1ull << 63) | (1ull << 61)); /* registers refused in scalable mode */
	CHECK(fw_ctx_get(&fw, 0x10, raw, 4));
}

/* ---- PASID cache ------------------------------------------------------------- */

static void test_pasid_cache(void)
{
	uint64_t raw[8] = { 0x200089 };

	setup(CAP_U1_ND6, ECAP_U1 | ECAP_SMTS, 1);
	fw_pasid_put(&fw, 0x10, 1, 5, raw);
	fw_pasid_put(&fw, 0x10, 2, 5, raw);
	fw_pasid_put(&fw, 0x11, 1, 5, raw);
	fw_pasid_put(&fw, 0x10, 3, 6, raw);
	CHECK(fw_pasid_get(&fw, 0x10, 1, raw));
	CHECK(!fw_pasid_get(&fw, 0x12, 1, raw));
	/* pc_inv_dsc G=01: DID 5, PASID 1 (both requesters) */
	CHECK_EQ_U64(qi4(0x100050017ull, 0, 0, 0), 0);
	CHECK(!fw_pasid_get(&fw, 0x10, 1, raw));
	CHECK(!fw_pasid_get(&fw, 0x11, 1, raw));
	CHECK(fw_pasid_get(&fw, 0x10, 2, raw));
	/* G=00: DID 5 */
	CHECK_EQ_U64(qi4(0x50007, 0, 0, 0), 0);
	CHECK(!fw_pasid_get(&fw, 0x10, 2, raw));
	CHECK(fw_pasid_get(&fw, 0x10, 3, raw));
	/* G=10: invalid */
	CHECK_EQ_U64(qi4(0x60027, 0, 0, 0), 4);
	fw.queue_stopped = false;
	/* G=11: global */
	CHECK_EQ_U64(qi4(0x37, 0, 0, 0), 0);
	CHECK(!fw_pasid_get(&fw, 0x10, 3, raw));
}

/* ---- the queue: validity and waits -------------------------------------------- */

static void test_wait(void)
{
	setup(CAP_U1, ECAP_U1, 0);
	mem_words[0] = 0x1111111122222222ull;
	mem_words[1] = 0x3333333344444444ull;
	/* SW, status data 0x12345678 -> 0x300004: the upper half of the qword at 0x300000 */
	CHECK_EQ_U64(qi2(0x1234567800000025ull, 0x300004), 0);
	CHECK_EQ_U64(mem_words[0], 0x1234567822222222ull);
	CHECK_EQ_U64(qi2(0xabcdef0100000025ull, 0x300008), 0);
	CHECK_EQ_U64(mem_words[1], 0x33333333abcdef01ull);
	/* no SW: nothing written */
	CHECK_EQ_U64(qi2(0x5555555500000005ull, 0x300008), 0);
	CHECK_EQ_U64(mem_words[1], 0x33333333abcdef01ull);
	/* status address bits from HAW (39) up are ignored */
	CHECK_EQ_U64(qi2(0x100000025ull, (1ull << 45) | 0x300010), 0);
	CHECK_EQ_U64(mem_words[2], 1);
	/* PD without ECAP.PDS: reserved */
	CHECK_EQ_U64(qi2(0x85, 0), 4);
	CHECK(fw.queue_stopped);
	/* after IQE nothing more is done */
	CHECK_EQ_U64(qi2(0x100000025ull, 0x300018), 0);
	CHECK_EQ_U64(mem_words[3], 0);
}

static void test_validity(void)
{
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x9, 0), 3);              /* page group response in legacy mode */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x8, 0), 3);              /* PASID-based types are 256-bit only */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x0, 0), 3);              /* type 0 */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x201, 0), 3);            /* type 21h */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x1000001003ull, 0x400000), 4); /* PFSID without DIT */
	setup(CAP_U1, ECAP_U1 | (1ull << 41), 0);
	CHECK_EQ_U64(qi2(0x1000001003ull, 0x400000), 0); /* with DIT */
	setup(CAP_U1, ECAP_U1 & ~4ull, 0);
	CHECK_EQ_U64(qi2(0x1000000003ull, 0x400000), 3); /* device-TLB without DT */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x1000000003ull, 0x47f001), 0); /* device-TLB, S=1 */
	CHECK_EQ_U64(qi2(0x4, 0), 0);                    /* iec global */
	CHECK_EQ_U64(qi2(0x810000014ull, 0), 0);         /* iec index-selective */
	CHECK_EQ_U64(qi2(0x50002, 0), 4);                /* iotlb G=00 */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x50032, 19), 4);               /* AM 19 > MAMV 18 */
	CHECK(fw.queue_stopped);
	setup(CAP_U1 & ~(1ull << 39), ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x50032, 0x1000), 4);           /* page-selective without PSI */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x50022, 0x1000), 0);           /* domain: AM/ADDR not looked at */
	CHECK_EQ_U64(qi2(0x100000022ull, 0), 4);         /* iotlb: bit 32 reserved */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi2(0x11, 0x1), 4);                 /* cc: second qword reserved */
	setup(CAP_U1, ECAP_U1, 0);
	CHECK_EQ_U64(qi4(0x11, 0, 0, 0), 5);             /* 256-bit queue without SMTS/ADMS */
	setup(CAP_U1, ECAP_U1 | ECAP_SMTS, 0);
	CHECK_EQ_U64(qi4(0x11, 0, 0, 0), 0);             /* legacy mode, 256-bit queue */
	setup(CAP_U1, ECAP_U1 | ECAP_SMTS, 1);
	CHECK_EQ_U64(qi2(0x11, 0), 5);                   /* 128-bit queue in scalable mode */
	setup(CAP_U1, ECAP_U1 | ECAP_SMTS, 2);
	CHECK_EQ_U64(qi4(0x11, 0, 0, 0), 7);             /* invalid TTM */
	setup(CAP_U1, ECAP_U1 | ECAP_SMTS, 1);
	CHECK_EQ_U64(qi4(0xa, 0, 0, 0), 3);              /* HPT: not modelled */
	setup(CAP_U1, ECAP_U1 | ECAP_SMTS, 1);
	CHECK_EQ_U64(qi4(0x9, 0, 0, 0), 3);              /* page group response without PRS */
	setup(CAP_U1, ECAP_U1 | ECAP_SMTS | (1ull << 29), 1);
	CHECK_EQ_U64(qi4(0x9, 0, 0, 0), 0);
	CHECK_EQ_U64(qi4(0x700050036ull, 0x400000 | 40, 0, 0), 0); /* p_iotlb AM not bound by MAMV */
	CHECK_EQ_U64(qi4(0x700050036ull, 0x400000, 1, 0), 4);      /* third qword reserved */
}

int main(void)
{
	test_tlb_lookup();
	test_psi_am();
	test_psi_large_page();
	test_iotlb_reg();
	test_psc_ih();
	test_scalable_iotlb();
	test_ctx_device_fm();
	test_ctx_scalable();
	test_pasid_cache();
	test_wait();
	test_validity();
	return check_summary();
}
