// SPDX-License-Identifier: Apache-2.0
/*
 * fastwalk: root, context and PASID structures of legacy and scalable mode.
 *
 * fw_resolve turns a requester (and its PASID) into a struct fw_path: which
 * translation applies, its tables and its flags.  Each structure is checked
 * in the order a unit meets it (vtd-notes 2.3, 3.5): fetch, present,
 * reserved bits, programming, then what this request needs of it.  Where
 * several conditions of one entry hold at once the specification orders
 * none of them (docs/check-order-*.md); fastwalk reports the first in that
 * list.  Reserved bits are data: one mask per entry kind, computed from
 * CAP/ECAP/HAW by fw_context_setup.
 */
#include <string.h>

#include "translators/fastwalk/fastwalk.h"

/* ---- Register fields ------------------------------------------------------ */

#define CAP_ND(c) ((unsigned)((c) & 7))
#define CAP_SAGAW(c) ((unsigned)(((c) >> 8) & 0x1f))
#define CAP_FS5LP(c) (((c) >> 60) & 1)

#define ECAP_C(e) (((e) >> 0) & 1)
#define ECAP_DT(e) (((e) >> 2) & 1)
#define ECAP_PT(e) (((e) >> 6) & 1)
#define ECAP_SC(e) (((e) >> 7) & 1)
#define ECAP_MTS(e) (((e) >> 25) & 1)
#define ECAP_NEST(e) (((e) >> 26) & 1)
#define ECAP_PRS(e) (((e) >> 29) & 1)
#define ECAP_ERS(e) (((e) >> 30) & 1)
#define ECAP_SRS(e) (((e) >> 31) & 1)
#define ECAP_EAFS(e) (((e) >> 34) & 1)
#define ECAP_PSS(e) ((unsigned)(((e) >> 35) & 0x1f))
#define ECAP_PASID(e) (((e) >> 40) & 1)
#define ECAP_SSADS(e) (((e) >> 45) & 1)
#define ECAP_SSTS(e) (((e) >> 46) & 1)
#define ECAP_FSTS(e) (((e) >> 47) & 1)
#define ECAP_SMPWCS(e) (((e) >> 48) & 1)
#define ECAP_RPS(e) (((e) >> 49) & 1)
#define ECAP_RPRIVS(e) (((e) >> 53) & 1)
#define ECAP_HPTS(e) (((e) >> 55) & 1)
#define ECAP_PTRS(e) (((e) >> 56) & 1)


/* ---- Reserved-bit masks ------------------------------------------------------ */

enum fw_rsvd_kind {
	FW_RSVD_ROOT,       /* legacy root entry (2 qwords) */
	FW_RSVD_CTX,        /* legacy context entry (2 qwords), SSPTPTR excluded */
	FW_RSVD_CTX_PTR,    /* legacy SSPTPTR bits above HAW, TT 00/01 only (qword 0) */
	FW_RSVD_SM_HALF,    /* the used half of a scalable root entry (1 qword) */
	FW_RSVD_SM_CTX,     /* scalable context entry (4 qwords) */
	FW_RSVD_PDIR,       /* PASID-directory entry (1 qword) */
	FW_RSVD_PTE,        /* PASID-table entry (8 qwords), second-stage fields excluded */
	FW_RSVD_PTE_SS,     /* PASID-table entry fields reserved only for PGTT 010/011 (qword 0) */
};

/* bits lo..hi of a qword */
static uint64_t bits(unsigned lo, unsigned hi)
{
	if (lo > hi || lo > 63)
		return 0;
	if (hi > 63)
		hi = 63;
	return (hi == 63 ? ~0ull : ((1ull << (hi + 1)) - 1)) & ~((1ull << lo) - 1);
}

/* bits of a physical-address field from HAW up to bit 63 */
static uint64_t above_haw(const struct fw *fw)
{
	return fw->unit.haw >= 64 ? 0 : bits(fw->unit.haw, 63);
}

/* the table address an entry names: bits HAW-1:12 */
static uint64_t table_addr(const struct fw *fw, uint64_t q)
{
	return q & bits(12, fw->unit.haw ? fw->unit.haw - 1u : 63u);
}

static unsigned did_bits(const struct fw *fw)
{
	return 4 + 2 * CAP_ND(fw->unit.cap);
}

static uint64_t cap_bit(uint64_t present, uint64_t mask)
{
	return present ? 0 : mask;
}

void fw_context_setup(struct fw *fw)
{
	uint64_t cap = fw->unit.cap, ecap = fw->unit.ecap;
	uint64_t (*r)[8] = fw->rsvd;
	unsigned nd = did_bits(fw);

	memset(fw->rsvd, 0, sizeof(fw->rsvd));

	/* vtd-notes 2.1 */
	r[FW_RSVD_ROOT][0] = bits(1, 11) | above_haw(fw);
	r[FW_RSVD_ROOT][1] = ~0ull;

	/* vtd-notes 2.2: 11:4; 71; DID above the ND width; 127:88 */
	r[FW_RSVD_CTX][0] = bits(4, 11);
	r[FW_RSVD_CTX][1] = bits(7, 7) | bits(8 + nd, 23) | bits(24, 63);
	r[FW_RSVD_CTX_PTR][0] = above_haw(fw);

	/* vtd-notes 3.1: both halves are laid out alike (LCTP 63:12, UCTP 127:76) */
	r[FW_RSVD_SM_HALF][0] = bits(1, 11) | above_haw(fw);

	/* vtd-notes 3.2 */
	r[FW_RSVD_SM_CTX][0] = bits(7, 8) | above_haw(fw) |
			       cap_bit(ECAP_DT(ecap), 1ull << 2) |
			       cap_bit(ECAP_PASID(ecap), 1ull << 3) |
			       cap_bit(ECAP_PRS(ecap), 1ull << 4) |
			       cap_bit(ECAP_HPTS(ecap), 1ull << 5) |
			       cap_bit(ECAP_PTRS(ecap), 1ull << 6);
	r[FW_RSVD_SM_CTX][1] = bits(21, 63) | cap_bit(ECAP_RPS(ecap), bits(0, 19)) |
			       cap_bit(ECAP_RPRIVS(ecap), 1ull << 20);
	r[FW_RSVD_SM_CTX][2] = ~0ull;
	r[FW_RSVD_SM_CTX][3] = ~0ull;

	/* vtd-notes 3.3 */
	r[FW_RSVD_PDIR][0] = bits(2, 11) | above_haw(fw);

	/* vtd-notes 3.4: fields of an absent capability are reserved (SSADE without SSTS+SSADS, any PGTT) */
	r[FW_RSVD_PTE][0] = bits(5, 5) | bits(10, 11) |
			    cap_bit(ECAP_SSTS(ecap) && ECAP_SSADS(ecap), 1ull << 9);
	r[FW_RSVD_PTE][1] = bits(nd, 15) | bits(16, 22) | bits(27, 31) |
			    cap_bit(ECAP_SMPWCS(ecap), 1ull << 23) |
			    cap_bit(ECAP_SC(ecap), 1ull << 24) |
			    cap_bit(ECAP_MTS(ecap), bits(25, 26) | bits(32, 63));
	r[FW_RSVD_PTE][2] = bits(1, 1) | bits(8, 11) | above_haw(fw) |
			    cap_bit(ECAP_SRS(ecap), 1ull << 0) |
			    cap_bit(ECAP_EAFS(ecap), 1ull << 7) |
			    cap_bit(ECAP_FSTS(ecap), bits(12, 63));
	r[FW_RSVD_PTE][3] = ~0ull;
	if (ECAP_HPTS(ecap)) {
		/* HPT is not modelled: only its always-reserved bits */
		r[FW_RSVD_PTE][4] = bits(3, 11) | above_haw(fw);
		r[FW_RSVD_PTE][5] = bits(16, 63);
		r[FW_RSVD_PTE][6] = ~0ull;
		r[FW_RSVD_PTE][7] = ~0ull;
	} else {
		r[FW_RSVD_PTE][4] = r[FW_RSVD_PTE][5] = r[FW_RSVD_PTE][6] = r[FW_RSVD_PTE][7] = ~0ull;
	}
	/*
	 * SSPTPTR is ignored for PGTT 001/100; its bits above HAW there are an
	 * open choice (docs/oracle-semantics.md): not checked.
	 */
	r[FW_RSVD_PTE_SS][0] = above_haw(fw);
	(void)cap;
}

static bool has_reserved(const struct fw *fw, enum fw_rsvd_kind k, const uint64_t *q, unsigned nqw)
{
	for (unsigned i = 0; i < nqw; i++)
		if (q[i] & fw->rsvd[k][i])
			return true;
	return false;
}

/* ---- Memory ------------------------------------------------------------------ */

static bool fetch(struct fw *fw, uint64_t hpa, uint64_t *q, unsigned nqw)
{
	for (unsigned i = 0; i < nqw; i++)
		if (fw->mem.read64(fw->mem.ctx, hpa + 8 * i, &q[i]) != DMAR_MEM_OK)
			return false;
	return true;
}

static uint8_t bus_of(uint16_t sid)
{
	return (uint8_t)(sid >> 8);
}

static uint8_t devfn_of(uint16_t sid)
{
	return (uint8_t)sid;
}

/* translation and translated requests: the context entry must admit them (TT=01, DTE) */
static bool ats_traffic(const struct fw *fw, const struct dmar_request *rq)
{
	/* a planted bug: translated requests admitted whatever TT/DTE says */
	if (rq->at == DMAR_AT_T && FW_BUG(fw, FW_BUG_T_NO_TT))
		return false;
	return rq->at == DMAR_AT_TR || rq->at == DMAR_AT_T;
}

/* AW 1/2/3 → 39/48/57 bits when SAGAW offers it, else 0 */
static unsigned aw_width(const struct fw *fw, unsigned aw)
{
	if (aw < 1 || aw > 3 || !(CAP_SAGAW(fw->unit.cap) & (1u << aw)))
		return 0;
	return 30 + 9 * aw;
}

static void set_second_stage(const struct fw *fw, struct fw_path *p, uint64_t ptr, unsigned aw)
{
	unsigned w = 30 + 9 * aw;

	p->ss_root = table_addr(fw, ptr);
	p->ss_levels = (uint8_t)(aw + 2);
	p->ss_width = (uint8_t)(w < fw->mgaw ? w : fw->mgaw);
}

/* ---- Legacy mode (vtd-notes 2) ---------------------------------------------------- */

static fw_fault legacy_root(struct fw *fw, uint16_t sid, uint64_t *ctp)
{
	uint64_t re[2];
	uint64_t hpa = (fw->unit.rtaddr & ~0xfffull) + 16u * bus_of(sid);

	if (!fetch(fw, hpa, re, 2))
		return DMAR_FR_LRT_1;
	if (!(re[0] & 1))
		return DMAR_FR_LRT_2;
	if (has_reserved(fw, FW_RSVD_ROOT, re, 2))
		return DMAR_FR_LRT_3;
	*ctp = table_addr(fw, re[0]);
	return 0;
}

static unsigned legacy_tt(const uint64_t *ce)
{
	return (unsigned)((ce[0] >> 2) & 3);
}

/* reserved bits and programming of a present legacy context entry (vtd-notes 2.2) */
static fw_fault legacy_ctx_checks(const struct fw *fw, const uint64_t *ce)
{
	unsigned tt = legacy_tt(ce);

	if (has_reserved(fw, FW_RSVD_CTX, ce, 2))
		return DMAR_FR_LCT_3;
	/* SSPTPTR is ignored with TT=10: its bits above HAW are an open choice, not checked */
	if (tt != 2 && has_reserved(fw, FW_RSVD_CTX_PTR, ce, 1))
		return DMAR_FR_LCT_3;
	if (tt == 3 || (tt == 1 && !ECAP_DT(fw->unit.ecap)) || (tt == 2 && !ECAP_PT(fw->unit.ecap)))
		return DMAR_FR_LCT_4;
	/* TT=10 with an AW other than the largest is an open choice: accepted */
	if (tt != 2 && !aw_width(fw, (unsigned)(ce[1] & 7)))
		return DMAR_FR_LCT_4;
	return 0;
}

static fw_fault resolve_legacy(struct fw *fw, const struct dmar_request *rq, struct fw_path *p)
{
	uint64_t ce[2];
	uint64_t ctp;
	fw_fault f;
	unsigned tt;

	if (!fw_ctx_get(fw, rq->sid, ce, 2)) {
		f = legacy_root(fw, rq->sid, &ctp);
		if (f)
			return f;
		if (!fetch(fw, ctp + 16u * devfn_of(rq->sid), ce, 2))
			return DMAR_FR_LCT_1;
		/* FPD counts even in a not-present entry (vtd-notes 2.5) */
		p->fpd = (ce[0] >> 1) & 1;
		if (!(ce[0] & 1))
			return DMAR_FR_LCT_2;
		f = legacy_ctx_checks(fw, ce);
		if (f)
			return f;
		fw_ctx_put(fw, rq->sid, (uint16_t)(ce[1] >> 8), ce, 2);
	}
	p->fpd = (ce[0] >> 1) & 1;
	tt = legacy_tt(ce);
	/* vtd-notes 2.3: translation and translated requests need TT=01 */
	if (ats_traffic(fw, rq) && tt != 1)
		return DMAR_FR_LCT_5;

	p->scalable = false;
	p->kind = tt == 2 ? FW_K_PT : FW_K_SS;
	p->ats_ok = tt == 1;
	p->did = (uint16_t)(ce[1] >> 8);
	p->pasid = 0;
	p->priv = false;
	p->snoop_walk = ECAP_C(fw->unit.ecap);
	if (tt != 2)
		set_second_stage(fw, p, ce[0], (unsigned)(ce[1] & 7));
	return 0;
}

/* ---- Scalable mode (vtd-notes 3) -------------------------------------------------- */

static fw_fault sm_root(struct fw *fw, uint16_t sid, uint64_t *ctp)
{
	uint64_t re[2], half;
	uint64_t hpa = (fw->unit.rtaddr & ~0xfffull) + 16u * bus_of(sid);

	if (!fetch(fw, hpa, re, 2))
		return DMAR_FR_SRT_1;
	/* devfn bit 7 picks the half (vtd-notes 3.7) */
	half = re[devfn_of(sid) >> 7];
	if (!(half & 1))
		return DMAR_FR_SRT_2;
	if (has_reserved(fw, FW_RSVD_SM_HALF, &half, 1))
		return DMAR_FR_SRT_3;
	*ctp = table_addr(fw, half);
	return 0;
}

#define SMC_DTE(c) (((c)[0] >> 2) & 1)
#define SMC_PASIDE(c) (((c)[0] >> 3) & 1)
#define SMC_PRE(c) (((c)[0] >> 4) & 1)
#define SMC_EPTR(c) (((c)[0] >> 6) & 1)
#define SMC_PDTS(c) ((unsigned)(((c)[0] >> 9) & 7))

static uint32_t sm_rid_pasid(const struct fw *fw, const uint64_t *c)
{
	return ECAP_RPS(fw->unit.ecap) ? (uint32_t)(c[1] & 0xfffff) : 0;
}

static bool sm_rid_priv(const struct fw *fw, const uint64_t *c)
{
	return ECAP_RPRIVS(fw->unit.ecap) && ((c[1] >> 20) & 1);
}

/* the directory has 2^(PDTS+7) entries of 64 PASIDs (vtd-notes 3.2) */
static bool beyond_pdts(const uint64_t *c, uint32_t pasid)
{
	return (pasid >> (SMC_PDTS(c) + 13)) != 0;
}

/* reserved bits and programming of a present scalable context entry */
static fw_fault sm_ctx_checks(const struct fw *fw, const uint64_t *c)
{
	if (has_reserved(fw, FW_RSVD_SM_CTX, c, 4))
		return DMAR_FR_SCT_3;
	if (SMC_PRE(c) && !SMC_DTE(c))
		return DMAR_FR_SCT_4;
	if (beyond_pdts(c, sm_rid_pasid(fw, c)))
		return DMAR_FR_SCT_4;
	if (SMC_EPTR(c) && !SMC_PASIDE(c))
		return DMAR_FR_SCT_4;
	return 0;
}

/* what this request needs of the context entry (Table 30 columns, vtd-notes 3.2) */
static fw_fault sm_ctx_gating(const struct fw *fw, const uint64_t *c, const struct dmar_request *rq)
{
	bool pr = rq->at == DMAR_AT_PR;

	if (ats_traffic(fw, rq) && !SMC_DTE(c))
		return DMAR_FR_SCT_5;
	if (pr && !SMC_PRE(c))
		return DMAR_FR_SCT_8;
	if (!rq->has_pasid)
		return 0;
	/* a translated request with PASID is governed by EPTR, not PASIDE (R30) */
	if (rq->at == DMAR_AT_T) {
		if (!SMC_EPTR(c))
			return DMAR_FR_SCT_10;
	} else if (!SMC_PASIDE(c)) {
		return DMAR_FR_SCT_6;
	}
	if (beyond_pdts(c, rq->pasid))
		return DMAR_FR_SCT_7;
	if (rq->pasid == sm_rid_pasid(fw, c))
		return DMAR_FR_SCT_9;
	/* SGN.10 has no page-request column */
	if (!pr && ((uint64_t)rq->pasid >> (ECAP_PSS(fw->unit.ecap) + 1)) != 0) /* PSS 31: 32 bits */
		return DMAR_FR_SGN_10;
	return 0;
}

static fw_fault sm_context(struct fw *fw, const struct dmar_request *rq, struct fw_path *p, uint64_t *c)
{
	uint64_t ctp;
	fw_fault f;

	if (!fw_ctx_get(fw, rq->sid, c, 4)) {
		f = sm_root(fw, rq->sid, &ctp);
		if (f)
			return f;
		if (!fetch(fw, ctp + 32u * (devfn_of(rq->sid) & 0x7f), c, 4))
			return DMAR_FR_SCT_1;
		p->fpd = (c[0] >> 1) & 1;
		if (!(c[0] & 1))
			return DMAR_FR_SCT_2;
		f = sm_ctx_checks(fw, c);
		if (f)
			return f;
		/* the scalable context cache is not tagged by domain (vtd-notes 3.7) */
		fw_ctx_put(fw, rq->sid, 0, c, 4);
	}
	p->fpd = (c[0] >> 1) & 1;
	return sm_ctx_gating(fw, c, rq);
}

#define PTE_AW(e) ((unsigned)(((e)[0] >> 2) & 7))
#define PTE_PGTT(e) ((unsigned)(((e)[0] >> 6) & 7))
#define PTE_SSADE(e) (((e)[0] >> 9) & 1)
#define PTE_DID(e) ((uint16_t)(e)[1])
#define PTE_PWSNP(e) (((e)[1] >> 23) & 1)
#define PTE_PGSNP(e) (((e)[1] >> 24) & 1)
#define PTE_SRE(e) (((e)[2] >> 0) & 1)
#define PTE_FSPM(e) ((unsigned)(((e)[2] >> 2) & 3))
#define PTE_WPE(e) (((e)[2] >> 4) & 1)
#define PTE_EAFE(e) (((e)[2] >> 7) & 1)

enum { PGTT_FS = 1, PGTT_SS = 2, PGTT_NESTED = 3, PGTT_PT = 4 };

static bool pgtt_supported(const struct fw *fw, unsigned pgtt)
{
	uint64_t e = fw->unit.ecap;

	switch (pgtt) {
	case PGTT_FS:
		return ECAP_FSTS(e);
	case PGTT_SS:
		return ECAP_SSTS(e);
	case PGTT_NESTED:
		/* nested runs both stages (vtd-notes 6): NEST alone does not make it supported */
		return ECAP_NEST(e) && ECAP_FSTS(e) && ECAP_SSTS(e);
	case PGTT_PT:
		return ECAP_PT(e);
	default:
		return false;
	}
}

static bool uses_second_stage(unsigned pgtt)
{
	return pgtt == PGTT_SS || pgtt == PGTT_NESTED;
}

static bool uses_first_stage(unsigned pgtt)
{
	return pgtt == PGTT_FS || pgtt == PGTT_NESTED;
}

/* reserved bits and programming of a present PASID-table entry (vtd-notes 3.4) */
static fw_fault pasid_entry_checks(const struct fw *fw, const uint64_t *e)
{
	unsigned pgtt = PTE_PGTT(e);
	unsigned fspm = PTE_FSPM(e);

	if (has_reserved(fw, FW_RSVD_PTE, e, 8))
		return DMAR_FR_SPT_3;
	if (uses_second_stage(pgtt) && has_reserved(fw, FW_RSVD_PTE_SS, e, 1))
		return DMAR_FR_SPT_3;
	if (!pgtt_supported(fw, pgtt))
		return DMAR_FR_SPT_4;
	if (uses_second_stage(pgtt) && !aw_width(fw, PTE_AW(e)))
		return DMAR_FR_SPT_4;
	if (uses_first_stage(pgtt) && (fspm > 1 || (fspm == 1 && !CAP_FS5LP(fw->unit.cap))))
		return DMAR_FR_SPT_4;
	if (pgtt == PGTT_NESTED) {
		/* the first-stage root is a guest address below the second-stage limit (vtd-notes 6) */
		unsigned w = aw_width(fw, PTE_AW(e));

		if (w > fw->mgaw)
			w = fw->mgaw;
		if (w < 64 && (table_addr(fw, e[2]) >> w) != 0)
			return DMAR_FR_SPT_4;
	}
	return 0;
}

/* what this request needs of the PASID-table entry: SPT.5, SPT.6 (U and T columns) */
static fw_fault pasid_entry_gating(const struct fw *fw, const uint64_t *e, const struct dmar_request *rq,
				   bool priv)
{
	if (rq->at == DMAR_AT_T || rq->at == DMAR_AT_PR)
		return 0;
	/* execute requests: SPT.5 before VER 8 (from VER 8 RTA.5 has ended them, vtd-notes 7.7) */
	if (rq->has_pasid && rq->exec && !ECAP_ERS(fw->unit.ecap))
		return DMAR_FR_SPT_5;
	if (priv && !PTE_SRE(e))
		return DMAR_FR_SPT_6;
	return 0;
}

static fw_fault pasid_table_entry(struct fw *fw, const uint64_t *c, uint16_t sid, uint32_t pasid,
				  struct fw_path *p, uint64_t *e)
{
	uint64_t de, dir_fpd;

	if (fw_pasid_get(fw, sid, pasid, e)) {
		p->fpd = p->fpd || ((e[0] >> 1) & 1);
		return 0;
	}
	if (!fetch(fw, table_addr(fw, c[0]) + 8u * (pasid >> 6), &de, 1))
		return DMAR_FR_SPD_1;
	dir_fpd = (de >> 1) & 1;
	p->fpd = p->fpd || dir_fpd;
	if (!(de & 1))
		return DMAR_FR_SPD_2;
	if (has_reserved(fw, FW_RSVD_PDIR, &de, 1))
		return DMAR_FR_SPD_3;
	if (!fetch(fw, table_addr(fw, de) + 64u * (pasid & 0x3f), e, 8))
		return DMAR_FR_SPT_1;
	p->fpd = p->fpd || ((e[0] >> 1) & 1);
	if (!(e[0] & 1))
		return DMAR_FR_SPT_2;
	fw_fault f = pasid_entry_checks(fw, e);
	if (f)
		return f;
	{
		/* the cached copy keeps the FPD of its directory entry too */
		uint64_t keep[8];

		memcpy(keep, e, sizeof(keep));
		keep[0] |= dir_fpd << 1;
		fw_pasid_put(fw, sid, pasid, PTE_DID(e), keep);
	}
	return 0;
}

static void fill_scalable_path(const struct fw *fw, const uint64_t *c, const uint64_t *e, struct fw_path *p)
{
	unsigned pgtt = PTE_PGTT(e);

	p->scalable = true;
	p->ats_ok = SMC_DTE(c);
	p->pre = SMC_PRE(c);
	p->did = PTE_DID(e);
	p->pgsnp = PTE_PGSNP(e);
	p->snoop_walk = ECAP_SMPWCS(fw->unit.ecap) && PTE_PWSNP(e);
	switch (pgtt) {
	case PGTT_FS:
		p->kind = FW_K_FS;
		break;
	case PGTT_SS:
		p->kind = FW_K_SS;
		break;
	case PGTT_NESTED:
		p->kind = FW_K_NESTED;
		break;
	default:
		p->kind = FW_K_PT;
		break;
	}
	if (uses_second_stage(pgtt)) {
		set_second_stage(fw, p, e[0], PTE_AW(e));
		p->ss_ad = PTE_SSADE(e);
	}
	if (uses_first_stage(pgtt)) {
		p->fs_root = table_addr(fw, e[2]);
		p->fs_levels = PTE_FSPM(e) == 1 ? 5 : 4;
		p->sre = PTE_SRE(e);
		p->wpe = PTE_WPE(e);
		p->eafe = PTE_EAFE(e);
		p->ere = false;
	}
}

/* a planted bug: pass-through decided from the RID_PASID entry for every PASID */
static void pt_from_rid_pasid(struct fw *fw, const uint64_t *c, uint16_t sid, struct fw_path *p)
{
	struct fw_path rid = { 0 };
	uint64_t e[8];

	if (pasid_table_entry(fw, c, sid, sm_rid_pasid(fw, c), &rid, e) == 0)
		p->kind = PTE_PGTT(e) == PGTT_PT ? FW_K_PT : p->kind;
}

static fw_fault resolve_scalable(struct fw *fw, const struct dmar_request *rq, struct fw_path *p)
{
	uint64_t c[4], e[8];
	fw_fault f;

	f = sm_context(fw, rq, p, c);
	if (f)
		return f;
	/* a request without PASID uses RID_PASID and RID_PRIV (vtd-notes 3) */
	p->pasid = rq->has_pasid ? rq->pasid : sm_rid_pasid(fw, c);
	p->priv = rq->has_pasid ? rq->priv : sm_rid_priv(fw, c);
	f = pasid_table_entry(fw, c, rq->sid, p->pasid, p, e);
	if (f)
		return f;
	f = pasid_entry_gating(fw, e, rq, p->priv);
	if (f)
		return f;
	fill_scalable_path(fw, c, e, p);
	if (FW_BUG(fw, FW_BUG_PT_WRONG_TABLE) && rq->has_pasid)
		pt_from_rid_pasid(fw, c, rq->sid, p);
	return 0;
}

fw_fault fw_resolve(struct fw *fw, const struct dmar_request *rq, struct fw_path *p)
{
	memset(p, 0, sizeof(*p));
	if (fw->mode == 1)
		return resolve_scalable(fw, rq, p);
	return resolve_legacy(fw, rq, p);
}
