// SPDX-License-Identifier: Apache-2.0
/*
 * fastwalk: the unit itself.  The ops table, the registers it decodes, and
 * the order of one DMA: translation off, the interrupt range, the ATS
 * protocol, the translation table mode, the structures (context.c), the
 * IOTLB or a walk (paging.c, cache.c), the output checks, and how a fault
 * ends each request class (its own table of Table 30, vtd-notes 8.1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "translators/fastwalk/fastwalk.h"

#define CAP_ZLR(c) (((c) >> 22) & 1)
#define CAP_MGAW(c) ((unsigned)(((c) >> 16) & 0x3f) + 1)

#define ECAP_NWFS(e) (((e) >> 33) & 1)
#define ECAP_SMTS(e) (((e) >> 43) & 1)
#define ECAP_ADMS(e) (((e) >> 52) & 1)

#define RTADDR_TTM(r) ((unsigned)(((r) >> 10) & 3))
#define RTADDR_SSIRWE(r) (((r) >> 7) & 1)

#define VER_MAJOR(v) (((v) >> 4) & 0xf)

/* ---- Fault reasons: qualified, and how each request class ends (vtd-notes 8.1) ---- */

enum fw_cpl {
	CPL_NA = 0, /* the condition does not arise for the class */
	CPL_UR,     /* Unsupported Request */
	CPL_CA,     /* Completer Abort */
	CPL_S0,     /* translation requests: Success, R=W=0, not recorded */
	CPL_SP,     /* translation requests: Success with the effective permissions */
};

struct fw_fault_row {
	bool known;
	bool qualified;
	uint8_t u; /* untranslated */
	uint8_t t; /* translation request */
	uint8_t x; /* translated */
};

#define ROW(q, u_, t_, x_) { .known = true, .qualified = (q), .u = (u_), .t = (t_), .x = (x_) }
#define N false
#define Q true

static const struct fw_fault_row fw_faults[256] = {
	[0x01] = ROW(N, CPL_UR, CPL_UR, CPL_UR), /* LRT.2 */
	[0x02] = ROW(Q, CPL_UR, CPL_UR, CPL_UR), /* LCT.2 */
	[0x03] = ROW(Q, CPL_UR, CPL_CA, CPL_UR), /* LCT.4.x */
	[0x04] = ROW(Q, CPL_UR, CPL_S0, CPL_UR), /* LGN.1.x */
	[0x05] = ROW(Q, CPL_UR, CPL_SP, CPL_NA), /* LGN.2 */
	[0x06] = ROW(Q, CPL_UR, CPL_SP, CPL_NA), /* LGN.3 */
	[0x07] = ROW(Q, CPL_UR, CPL_CA, CPL_NA), /* LSS.1 */
	[0x08] = ROW(N, CPL_UR, CPL_CA, CPL_UR), /* LRT.1 */
	[0x09] = ROW(N, CPL_UR, CPL_CA, CPL_UR), /* LCT.1 */
	[0x0a] = ROW(N, CPL_UR, CPL_CA, CPL_UR), /* LRT.3 */
	[0x0b] = ROW(Q, CPL_UR, CPL_CA, CPL_UR), /* LCT.3 */
	[0x0c] = ROW(Q, CPL_UR, CPL_CA, CPL_NA), /* LSS.2 */
	[0x0d] = ROW(Q, CPL_NA, CPL_UR, CPL_UR), /* LCT.5 */
	[0x0e] = ROW(Q, CPL_UR, CPL_CA, CPL_UR), /* LGN.4 */
	[0x29] = ROW(N, CPL_UR, CPL_NA, CPL_NA), /* interrupt range, not an interrupt */
	[0x30] = ROW(N, CPL_UR, CPL_CA, CPL_UR), /* RTA.1 */
	[0x31] = ROW(N, CPL_UR, CPL_UR, CPL_UR), /* RTA.2 */
	[0x32] = ROW(N, CPL_NA, CPL_NA, CPL_NA), /* RTA.3 */
	[0x33] = ROW(N, CPL_UR, CPL_UR, CPL_UR), /* RTA.4 */
	[0x34] = ROW(N, CPL_UR, CPL_UR, CPL_UR), /* RTA.5 */
	[0x38] = ROW(N, CPL_UR, CPL_CA, CPL_UR), /* SRT.1 */
	[0x39] = ROW(N, CPL_UR, CPL_UR, CPL_UR), /* SRT.2 */
	[0x3a] = ROW(N, CPL_UR, CPL_CA, CPL_UR), /* SRT.3 */
	[0x40] = ROW(N, CPL_UR, CPL_CA, CPL_UR), /* SCT.1 */
	[0x41] = ROW(Q, CPL_UR, CPL_UR, CPL_UR), /* SCT.2 */
	[0x42] = ROW(Q, CPL_UR, CPL_CA, CPL_UR), /* SCT.3 */
	[0x43] = ROW(Q, CPL_UR, CPL_CA, CPL_UR), /* SCT.4.x */
	[0x44] = ROW(Q, CPL_NA, CPL_UR, CPL_UR), /* SCT.5 */
	[0x45] = ROW(Q, CPL_UR, CPL_UR, CPL_NA), /* SCT.6 */
	[0x46] = ROW(Q, CPL_UR, CPL_UR, CPL_UR), /* SCT.7 */
	[0x47] = ROW(Q, CPL_NA, CPL_NA, CPL_NA), /* SCT.8 */
	[0x48] = ROW(Q, CPL_UR, CPL_UR, CPL_UR), /* SCT.9 */
	[0x49] = ROW(Q, CPL_NA, CPL_NA, CPL_UR), /* SCT.10 */
	[0x50] = ROW(N, CPL_UR, CPL_CA, CPL_CA), /* SPD.1 */
	[0x51] = ROW(Q, CPL_UR, CPL_S0, CPL_UR), /* SPD.2 */
	[0x52] = ROW(Q, CPL_UR, CPL_CA, CPL_CA), /* SPD.3 */
	[0x58] = ROW(N, CPL_UR, CPL_CA, CPL_CA), /* SPT.1 */
	[0x59] = ROW(Q, CPL_UR, CPL_S0, CPL_UR), /* SPT.2 */
	[0x5a] = ROW(Q, CPL_UR, CPL_CA, CPL_CA), /* SPT.3 */
	[0x5b] = ROW(Q, CPL_UR, CPL_CA, CPL_CA), /* SPT.4.x */
	[0x5c] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SPT.5 */
	[0x5d] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SPT.6 */
	[0x60] = ROW(Q, CPL_NA, CPL_NA, CPL_UR), /* SPT.9 */
	[0x70] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.1 */
	[0x71] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.2 */
	[0x72] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.3 */
	[0x73] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.4 */
	[0x74] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.5 */
	[0x75] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.6 */
	[0x76] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.7 */
	[0x77] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.8 */
	[0x78] = ROW(Q, CPL_UR, CPL_CA, CPL_NA), /* SSS.1 */
	[0x79] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SSS.2 */
	[0x7a] = ROW(Q, CPL_UR, CPL_CA, CPL_NA), /* SSS.3 */
	[0x7b] = ROW(Q, CPL_UR, CPL_CA, CPL_NA), /* SSS.4 */
	[0x7c] = ROW(Q, CPL_UR, CPL_CA, CPL_NA), /* SSS.5 */
	[0x7d] = ROW(Q, CPL_UR, CPL_CA, CPL_NA), /* SSS.6 */
	[0x80] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SGN.1 */
	[0x81] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SGN.2 */
	[0x83] = ROW(Q, CPL_UR, CPL_S0, CPL_UR), /* SGN.4.x */
	[0x84] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SGN.5 */
	[0x85] = ROW(Q, CPL_UR, CPL_SP, CPL_NA), /* SGN.6 */
	[0x86] = ROW(Q, CPL_UR, CPL_SP, CPL_NA), /* SGN.7 */
	[0x87] = ROW(Q, CPL_UR, CPL_CA, CPL_UR), /* SGN.8.x */
	[0x89] = ROW(Q, CPL_UR, CPL_UR, CPL_UR), /* SGN.10 */
	[0x90] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.9 */
	[0x91] = ROW(Q, CPL_UR, CPL_S0, CPL_NA), /* SFS.10 (also logged; the outcome is ats -) */
};

#undef N
#undef Q
#undef ROW

static uint8_t status_of(uint8_t cpl)
{
	return cpl == CPL_CA ? DMAR_CPL_CA : cpl == CPL_UR ? DMAR_CPL_UR : DMAR_CPL_ANY;
}

/* the column of the row for this request's class */
static uint8_t class_cpl(const struct fw_fault_row *row, const struct dmar_request *rq)
{
	switch (rq->at) {
	case DMAR_AT_TR:
		return row->t;
	case DMAR_AT_T:
		return row->x;
	case DMAR_AT_UT:
		return row->u;
	default:
		return CPL_NA; /* page requests: Invalid Request or dropped, no status */
	}
}

/* how fault `code` ends rq; fpd: an FPD bit was met on the walk (vtd-notes 8.2) */
static void end_with_fault(const struct fw *fw, const struct dmar_request *rq, fw_fault code, bool fpd,
			   struct dmar_outcome *out)
{
	const struct fw_fault_row *row = &fw_faults[code];
	uint8_t cpl = row->known ? class_cpl(row, rq) : CPL_NA;

	memset(out, 0, sizeof(*out));
	if (rq->at == DMAR_AT_TR && (cpl == CPL_S0 || cpl == CPL_SP)) {
		/* a Success completion without permission: nothing is recorded */
		out->kind = DMAR_OUT_ATS_NONE;
		return;
	}
	if (FW_BUG(fw, FW_BUG_FPD_IGNORED))
		fpd = false;
	out->kind = row->known && row->qualified && fpd ? DMAR_OUT_BLOCKED : DMAR_OUT_FAULT;
	out->reason = code;
	if (rq->at == DMAR_AT_PR)
		out->cpl = DMAR_CPL_ANY;
	else if (cpl == CPL_NA)
		out->cpl = rq->at == DMAR_AT_TR ? DMAR_CPL_CA : DMAR_CPL_UR;
	else
		out->cpl = status_of(cpl);
}

/* ---- Small facts --------------------------------------------------------------- */


static bool above_haw(const struct fw *fw, uint64_t a)
{
	return fw->unit.haw < 64 && (a >> fw->unit.haw) != 0;
}

static bool is_dword_write(const struct dmar_request *rq)
{
	return rq->access == DMAR_ACC_WRITE && rq->len == 4 && (rq->addr & 3) == 0;
}

static bool is_zero_length_read(const struct dmar_request *rq)
{
	return rq->access == DMAR_ACC_READ && rq->len == 0;
}

static void end_ok(struct dmar_outcome *out, uint64_t hpa)
{
	memset(out, 0, sizeof(*out));
	out->kind = DMAR_OUT_OK;
	out->hpa = hpa;
}

static void end_kind(struct dmar_outcome *out, uint8_t kind)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
}

static void end_ats(struct dmar_outcome *out, uint64_t base, uint8_t size_lg2, uint8_t bits)
{
	memset(out, 0, sizeof(*out));
	if (!(bits & (DMAR_ATS_R | DMAR_ATS_W))) {
		out->kind = DMAR_OUT_ATS_NONE;
		return;
	}
	out->kind = DMAR_OUT_ATS;
	out->hpa = base & ~((1ull << size_lg2) - 1);
	out->size_lg2 = size_lg2;
	out->ats = bits;
}

/* ---- Request checks before any structure -------------------------------------------- */

/*
 * An untranslated request without PASID into FEEx_xxxx is never remapped
 * (vtd-notes 7.6, 10.2).  Returns true when it ended the request.
 */
static bool interrupt_range_request(const struct dmar_request *rq, struct dmar_outcome *out)
{
	if (rq->at != DMAR_AT_UT || rq->has_pasid || !fw_in_irq_range(rq->addr))
		return false;
	if (is_dword_write(rq))
		end_kind(out, DMAR_OUT_INTERRUPT);
	else if (is_zero_length_read(rq))
		end_ok(out, rq->addr);
	else {
		memset(out, 0, sizeof(*out));
		out->kind = DMAR_OUT_FAULT;
		out->reason = DMAR_FR_IR;
		out->cpl = DMAR_CPL_UR;
	}
	return true;
}

/* the mode checks of RTADDR and the request's prefix, 30h-34h (vtd-notes 1.5, 7.7) */
static fw_fault mode_fault(const struct fw *fw, const struct dmar_request *rq)
{
	unsigned ttm = RTADDR_TTM(fw->unit.rtaddr);
	bool pr = rq->at == DMAR_AT_PR;

	if (ttm == 3 && ECAP_ADMS(fw->unit.ecap))
		return DMAR_FR_RTA_4;
	if (fw->mode == 2)
		return DMAR_FR_RTA_1;
	if (!pr && rq->has_pasid && rq->exec && VER_MAJOR(fw->unit.ver) >= 8)
		return DMAR_FR_RTA_5;
	if (ttm == 0) {
		if (pr)
			return DMAR_FR_RTA_3;
		if (rq->has_pasid)
			return DMAR_FR_RTA_2;
		if (RTADDR_SSIRWE(fw->unit.rtaddr))
			return DMAR_FR_RTA_1;
	}
	return 0;
}

/* ---- The translation --------------------------------------------------------------- */

static bool first_stage_kind(const struct fw_path *p)
{
	return p->kind == FW_K_FS || p->kind == FW_K_NESTED;
}

/* W as a translation request sees it: NW clears it when the unit honours NW (vtd-notes 7.2) */
static bool nw_honoured(const struct fw *fw, const struct dmar_request *rq)
{
	return rq->nw && ECAP_NWFS(fw->unit.ecap);
}

/*
 * Can a cached translation answer rq without a walk?  Only when nothing
 * the walk would do is missing: the permission the access needs, D already
 * set for anything that writes, the privilege a first-stage entry was made
 * for.  Otherwise the unit walks again (docs/oracle-semantics.md, Caches).
 */
static bool tlb_entry_serves(const struct fw *fw, const struct fw_path *p, const struct dmar_request *rq,
			     const struct fw_xlate *x)
{
	bool writes;

	if (rq->exec)
		return false;
	if (x->fs && x->priv != p->priv)
		return false;
	if (rq->at == DMAR_AT_TR) {
		/* a translation request counts as a write unless NW (vtd-notes 7.2) */
		writes = (x->perm & FW_P_W) && !nw_honoured(fw, rq);
		return (x->perm & (FW_P_R | FW_P_W)) && (!writes || x->dirty);
	}
	switch (rq->access) {
	case DMAR_ACC_READ:
		return x->perm & FW_P_R;
	case DMAR_ACC_WRITE:
		return (x->perm & FW_P_W) && x->dirty;
	default:
		return (x->perm & FW_P_R) && (x->perm & FW_P_W) && x->dirty;
	}
}

/*
 * The IOTLB is looked up by requester (vtd-notes 9.1): another requester's
 * entry, even of the same DID, does not answer.  The planted bug that
 * ignores the DID ignores whose entry it is as well.
 */
static bool tlb_entry_ours(const struct fw *fw, const struct dmar_request *rq, const struct fw_xlate *x)
{
	return x->sid == rq->sid || FW_BUG(fw, FW_BUG_TLB_NO_DID);
}

/* the IOTLB, or a walk that fills it; 0 with *x, or the fault */
static fw_fault translate(struct fw *fw, const struct fw_path *p, const struct dmar_request *rq,
			  struct fw_xlate *x)
{
	struct dmar_request eff = *rq;
	const struct fw_xlate *hit;
	bool fs = first_stage_kind(p);
	fw_fault f;

	hit = fw_tlb_get(fw, p->did, p->pasid, fs, rq->addr);
	if (hit && tlb_entry_ours(fw, rq, hit) && tlb_entry_serves(fw, p, rq, hit)) {
		*x = *hit;
		return 0;
	}
	/* the walk judges the request with its effective privilege (RID_PRIV, vtd-notes 3) */
	eff.priv = p->priv;
	memset(x, 0, sizeof(*x));
	f = fw_walk(fw, p, &eff, x);
	if (f)
		return f;
	x->valid = true;
	x->did = p->did;
	x->pasid = p->pasid;
	x->sid = rq->sid;
	x->fs = fs;
	x->priv = p->priv;
	if (x->perm & (FW_P_R | FW_P_W))
		fw_tlb_put(fw, x);
	return 0;
}

static fw_fault output_fault(const struct fw_path *p)
{
	return p->scalable ? DMAR_FR_SGN_8 : DMAR_FR_LGN_4;
}

static fw_fault haw_fault(const struct fw_path *p)
{
	return p->scalable ? DMAR_FR_SGN_4 : DMAR_FR_LGN_1;
}

/* the completion's bits other than R/W */
static uint8_t ats_extra_bits(const struct fw_path *p, const struct dmar_request *rq, bool leaf_snoop)
{
	uint8_t bits = 0;
	bool n;

	/* N: legacy the leaf's SNP; scalable PGSNP, or with a second stage also SNP (vtd-notes 7.2) */
	if (!p->scalable)
		n = leaf_snoop;
	else
		n = p->pgsnp || ((p->kind == FW_K_SS || p->kind == FW_K_NESTED) && leaf_snoop);
	if (n)
		bits |= DMAR_ATS_N;
	/* PRIV echoes the PASID prefix; 0 without one, whatever RID_PRIV says */
	if (rq->has_pasid && rq->priv)
		bits |= DMAR_ATS_PRIV;
	return bits;
}

static uint8_t ats_perm_bits(const struct fw *fw, const struct dmar_request *rq, uint8_t perm)
{
	uint8_t bits = 0;

	if (perm & FW_P_R)
		bits |= DMAR_ATS_R;
	if ((perm & FW_P_W) && !nw_honoured(fw, rq))
		bits |= DMAR_ATS_W;
	return bits;
}

/* ---- Each request class, once the structures admitted it ------------------------------ */

/* translated requests: no walk, only the address (vtd-notes 7.3) */
static void translated_request(struct fw *fw, const struct fw_path *p, const struct dmar_request *rq,
			       struct dmar_outcome *out)
{
	if (above_haw(fw, rq->addr))
		end_with_fault(fw, rq, haw_fault(p), p->fpd, out);
	else if (fw_in_irq_range(rq->addr))
		end_with_fault(fw, rq, output_fault(p), p->fpd, out);
	else
		end_ok(out, rq->addr);
}

/*
 * Translation requests.  Completions name the page the walk found (its
 * whole size: docs/oracle-semantics.md "Completion size" allows the page
 * or a 4K/2M piece); pass-through answers a 4K page.
 */
static void translation_request(struct fw *fw, const struct fw_path *p, const struct dmar_request *rq,
				struct dmar_outcome *out)
{
	struct fw_xlate x;
	fw_fault f;
	uint8_t perm;

	/* S.1/S.2: the input in FEEx without PASID is answered, not walked (vtd-notes 7.6) */
	if (!rq->has_pasid && fw_in_irq_range(rq->addr)) {
		if (rq->nw)
			end_kind(out, DMAR_OUT_ATS_NONE);
		else
			end_ats(out, rq->addr & ~0xfffull, 12, DMAR_ATS_W | DMAR_ATS_U);
		return;
	}
	if (p->kind == FW_K_PT) {
		if (above_haw(fw, rq->addr)) {
			end_with_fault(fw, rq, haw_fault(p), p->fpd, out);
			return;
		}
		/* no SGN.8.2 for PGTT 100 (Table 30, vtd-notes 7.6): an output in FEEx is answered (R91) */
		end_ats(out, rq->addr, 12, (uint8_t)(ats_perm_bits(fw, rq, FW_P_R | FW_P_W) |
						     ats_extra_bits(p, rq, false)));
		return;
	}
	f = translate(fw, p, rq, &x);
	if (f) {
		end_with_fault(fw, rq, f, p->fpd, out);
		return;
	}
	perm = ats_perm_bits(fw, rq, x.perm);
	if (!perm) {
		end_kind(out, DMAR_OUT_ATS_NONE);
		return;
	}
	if (fw_overlaps_irq_range(x.out, x.size_lg2)) {
		end_with_fault(fw, rq, output_fault(p), p->fpd, out);
		return;
	}
	end_ats(out, x.out, x.size_lg2, (uint8_t)(perm | ats_extra_bits(p, rq, x.snoop)));
}

/* untranslated requests (vtd-notes 2.3, 3.5, 7.4) */
static void untranslated_request(struct fw *fw, const struct fw_path *p, const struct dmar_request *rq,
				 struct dmar_outcome *out)
{
	struct fw_xlate x;
	uint64_t hpa;
	fw_fault f;

	if (p->kind == FW_K_PT) { /* the identity, with the checks of a translated address */
		translated_request(fw, p, rq, out);
		return;
	}
	f = translate(fw, p, rq, &x);
	if (f) {
		end_with_fault(fw, rq, f, p->fpd, out);
		return;
	}
	hpa = x.out + (rq->addr - x.in);
	if (fw_in_irq_range(hpa))
		end_with_fault(fw, rq, output_fault(p), p->fpd, out);
	else
		end_ok(out, hpa);
}

int fw_dma(void *self, const struct dmar_request *rq, struct dmar_outcome *out, char *err,
	   size_t err_size)
{
	struct fw *fw = self;
	struct fw_path p;
	fw_fault f;

	(void)err;
	(void)err_size;
	if (interrupt_range_request(rq, out))
		return 0;
	/* translation off: untranslated requests pass, the rest is UR (vtd-notes 7.1) */
	if (!fw->unit.te) {
		if (rq->at == DMAR_AT_UT)
			end_ok(out, rq->addr);
		else
			end_kind(out, DMAR_OUT_UR);
		return 0;
	}
	/* ATS protocol: only reads may be translation requests */
	if (rq->at == DMAR_AT_TR && rq->access != DMAR_ACC_READ) {
		end_kind(out, DMAR_OUT_UR);
		return 0;
	}
	f = mode_fault(fw, rq);
	if (f) {
		end_with_fault(fw, rq, f, false, out);
		return 0;
	}
	f = fw_resolve(fw, rq, &p);
	if (f) {
		end_with_fault(fw, rq, f, p.fpd, out);
		return 0;
	}
	switch (rq->at) {
	case DMAR_AT_PR:
		end_kind(out, DMAR_OUT_PRQ);
		break;
	case DMAR_AT_T:
		translated_request(fw, &p, rq, out);
		break;
	case DMAR_AT_TR:
		translation_request(fw, &p, rq, out);
		break;
	default:
		untranslated_request(fw, &p, rq, out);
		break;
	}
	return 0;
}

/* ---- Registers and the instance -------------------------------------------------------- */

/* TTM as the unit runs it: 0 legacy, 1 scalable, 3 abort, 2 an invalid mode (vtd-notes 1.5) */
static uint8_t decode_mode(const struct fw *fw)
{
	unsigned ttm = RTADDR_TTM(fw->unit.rtaddr);

	if (ttm == 1 && !ECAP_SMTS(fw->unit.ecap))
		return 2;
	if (ttm == 3 && !ECAP_ADMS(fw->unit.ecap))
		return 2;
	return (uint8_t)ttm;
}

static void latch_registers(struct fw *fw)
{
	fw->mode = decode_mode(fw);
	fw->mgaw = (uint8_t)CAP_MGAW(fw->unit.cap);
	fw_context_setup(fw);
}

void *fw_open_bugs(const struct dmar_translator_unit *unit, const struct dmar_mem_if *mem, uint32_t bugs,
		   char *err, size_t err_size)
{
	struct fw *fw;

	if (!unit || !mem || !mem->read64) {
		snprintf(err, err_size, "fastwalk: no unit or no memory to read");
		return NULL;
	}
	fw = calloc(1, sizeof(*fw));
	if (!fw) {
		snprintf(err, err_size, "fastwalk: out of memory");
		return NULL;
	}
	fw->unit = *unit;
	fw->mem = *mem;
	fw->bugs = bugs;
	latch_registers(fw);
	return fw;
}

static void *fw_open(const struct dmar_translator_unit *unit, const struct dmar_mem_if *mem, char *err,
		     size_t err_size)
{
	return fw_open_bugs(unit, mem, 0, err, err_size);
}

void fw_close(void *self)
{
	free(self);
}

/*
 * SRTP latches RTADDR again.  With CAP.ESRTPS it also empties every cache
 * (vtd-notes 1.2, 9.7); fastwalk empties them on every SRTP, which a unit
 * may always do.
 */
void fw_srtp(void *self, uint64_t rtaddr)
{
	struct fw *fw = self;

	fw->unit.rtaddr = rtaddr;
	latch_registers(fw);
	fw_cache_flush_all(fw);
}

/* with ECAP.SMTS, turning translation off empties every cache (vtd-notes 1.4) */
void fw_te(void *self, bool on)
{
	struct fw *fw = self;

	fw->unit.te = on;
	if (!on && ECAP_SMTS(fw->unit.ecap))
		fw_cache_flush_all(fw);
}

const struct dmar_translator_ops dmar_fastwalk_ops = {
	.abi = DMAR_TRANSLATOR_ABI,
	.name = "fastwalk",
	.summary = "fastwalk: a VT-d unit model with context, PASID, paging-structure and IOTLB caches",
	.open = fw_open,
	.close = fw_close,
	.srtp = fw_srtp,
	.te = fw_te,
	.ccmd = fw_ccmd,
	.iotlb_reg = fw_iotlb_reg,
	.qi = fw_qi,
	.clflush = NULL,
	.dma = fw_dma,
};
