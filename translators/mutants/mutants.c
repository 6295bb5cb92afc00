// SPDX-License-Identifier: Apache-2.0
/*
 * Planted-bug variants of fastwalk: each is fastwalk with one FW_BUG_*
 * switched on, a bug of a kind real remapping code has shipped.  The
 * corpus must catch each one (`caught_by` names a case where
 * `run --translator` fails), or the mutant is documented as invisible to
 * the corpus and left to the fuzzers (docs/translator-abi.md, "Mutants").
 */
#include "translators/fastwalk/fastwalk.h"
#include "translators/translators.h"

/* an open that plants `bug` in a fresh fastwalk instance */
#define MUTANT_OPEN(id, bug)                                                                       \
	static void *open_##id(const struct dmar_translator_unit *unit, const struct dmar_mem_if *mem, \
			       char *err, size_t err_size)                                         \
	{                                                                                          \
		return fw_open_bugs(unit, mem, bug, err, err_size);                                \
	}

#define MUTANT_OPS(id, name_, summary_)                                                            \
	static const struct dmar_translator_ops ops_##id = {                                       \
		.abi = DMAR_TRANSLATOR_ABI, .name = name_, .summary = summary_,                    \
		.open = open_##id, .close = fw_close, .srtp = fw_srtp, .te = fw_te,                \
		.ccmd = fw_ccmd, .iotlb_reg = fw_iotlb_reg, .qi = fw_qi, .dma = fw_dma,            \
	}

#define MUTANT(id, bug, name_, summary_) MUTANT_OPEN(id, bug) MUTANT_OPS(id, name_, summary_);

MUTANT(tlb_no_did, FW_BUG_TLB_NO_DID, "fastwalk-bug-tlb-no-did",
       "IOTLB looked up without the domain id: two domains mapping one address collide")
MUTANT(psi_no_am, FW_BUG_PSI_NO_AM, "fastwalk-bug-psi-no-am",
       "page-selective IOTLB invalidation ignores AM: only the first page of the range goes")
MUTANT(rsvd_pde, FW_BUG_RSVD_PDE, "fastwalk-bug-rsvd-pde",
       "reserved bits of a second-stage PDE (level 2, table) not checked")
MUTANT(pt_wrong_table, FW_BUG_PT_WRONG_TABLE, "fastwalk-bug-pt-wrong-table",
       "pass-through decided from the RID_PASID entry for every PASID (scalable mode)")
MUTANT(lp_no_cap, FW_BUG_LP_NO_CAP, "fastwalk-bug-lp-no-cap",
       "a large second-stage page accepted without CAP.SSLPS support")
MUTANT(snp_reserved, FW_BUG_SNP_RESERVED, "fastwalk-bug-snp-reserved",
       "SNP (bit 11) of a second-stage leaf treated as reserved")
MUTANT(w_leaf_only, FW_BUG_W_LEAF_ONLY, "fastwalk-bug-w-leaf-only",
       "write permission taken from the leaf alone, not from every level")
MUTANT(fpd_ignored, FW_BUG_FPD_IGNORED, "fastwalk-bug-fpd-ignored",
       "FPD ignored: qualified faults reported although the entry asks not to")
MUTANT(tlb_no_pasid, FW_BUG_TLB_NO_PASID, "fastwalk-bug-tlb-no-pasid",
       "IOTLB looked up without the PASID: two address spaces of one domain collide")
MUTANT(cc_no_fm, FW_BUG_CC_NO_FM, "fastwalk-bug-cc-no-fm",
       "device-selective context invalidation ignores the function mask")
MUTANT(psi_keeps_psc, FW_BUG_PSI_KEEPS_PSC, "fastwalk-bug-psi-keeps-psc",
       "page-selective invalidation keeps paging-structure entries, as if IH were always set")
MUTANT(t_no_tt, FW_BUG_T_NO_TT, "fastwalk-bug-t-no-tt",
       "translated requests admitted whatever the context entry's TT (or DTE) says")
MUTANT(fs_no_canon, FW_BUG_FS_NO_CANON, "fastwalk-bug-fs-no-canon",
       "first-stage input address not checked for canonical form")
MUTANT(g1_mask, FW_BUG_1G_MASK, "fastwalk-bug-1g-mask",
       "a 1G page's offset taken with the 2M page mask")

static const struct dmar_mutant mutants[] = {
	{ &ops_tlb_no_did, "cache tagging", "" },
	{ &ops_psi_no_am, "invalidation granularity", "" },
	{ &ops_rsvd_pde, "reserved-bit check",
	  "QEMU 7.2 accepts bit 62 of second-stage entries (docs/qemu-deviations.md, qemu72-bit62-accepted)" },
	{ &ops_pt_wrong_table, "structure decode", "" },
	{ &ops_lp_no_cap, "capability check", "" },
	{ &ops_snp_reserved, "reserved-bit check",
	  "QEMU's intel-iommu, until a fix took SNP out of its second-stage reserved masks in scalable mode" },
	{ &ops_w_leaf_only, "permission accumulation", "" },
	{ &ops_fpd_ignored, "fault reporting",
	  "QEMU 7.2 records LCT.3 under FPD (docs/qemu-deviations.md, qemu72-bh-recorded-under-fpd)" },
	{ &ops_tlb_no_pasid, "cache tagging", "" },
	{ &ops_cc_no_fm, "invalidation granularity", "" },
	{ &ops_psi_keeps_psc, "invalidation scope", "" },
	{ &ops_t_no_tt, "request gating", "" },
	{ &ops_fs_no_canon, "input check", "" },
	{ &ops_g1_mask, "address arithmetic", "" },
};

const struct dmar_mutant *dmar_mutants(size_t *n)
{
	*n = sizeof(mutants) / sizeof(mutants[0]);
	return mutants;
}
