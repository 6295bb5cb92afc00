// SPDX-License-Identifier: Apache-2.0
/* Names and spec references of the checks the oracle records in a trace. */
#include "dmar/oracle.h"

static const struct dmar_check_info dmar_checks[DMAR_CHECK_COUNT] = {
	[DMAR_CHK_NONE] = { "none", "" },
	[DMAR_CHK_TRANSLATION_ENABLED] = { "translation enabled (GSTS.TES)", "digest 1.4, 7.1" },
	[DMAR_CHK_IRQ_INPUT] = { "input outside the interrupt range FEEx_xxxx", "digest 7.6" },
	[DMAR_CHK_ATS_PROTOCOL] = { "translation request is a read", "digest 7.1" },
	[DMAR_CHK_TTM] = { "RTADDR.TTM valid and supported", "digest 1.5, 8.1 RTA.1/RTA.4" },
	[DMAR_CHK_SSIRWE_LEGACY] = { "RTADDR.SSIRWE clear in legacy mode", "digest 1.5, 8.1 RTA.1.4" },
	[DMAR_CHK_PASID_LEGACY] = { "no PASID in legacy mode", "digest 2, 8.1 RTA.2" },
	[DMAR_CHK_FETCH] = { "entry fetched", "digest 2.3, 4.3" },
	[DMAR_CHK_PRESENT] = { "entry present", "digest 2.1, 2.2, 4.3" },
	[DMAR_CHK_RESERVED] = { "reserved bits clear", "digest 2.1, 2.2, 4.2, 4.3" },
	[DMAR_CHK_CTX_TT] = { "context TT supported", "digest 2.2, 8.1 LCT.4.2" },
	[DMAR_CHK_CTX_AW] = { "context AW in CAP.SAGAW", "digest 2.2, 8.1 LCT.4.1" },
	[DMAR_CHK_CTX_PT_AW] = { "pass-through AW is the largest SAGAW", "digest 2.2, 2.5" },
	[DMAR_CHK_CTX_GATING] = { "context TT allows this request type", "digest 2.3, 8.1 LCT.5" },
	[DMAR_CHK_INPUT_LIMIT] = { "input below 2^min(MGAW, AW)", "digest 2.3, 4.1, 8.1 LGN.1.1" },
	[DMAR_CHK_HAW_LIMIT] = { "address below 2^HAW", "digest 7.3, 7.4, 8.1 LGN.1.2/1.3" },
	[DMAR_CHK_PERM_READ] = { "read permission on every level", "digest 4.4" },
	[DMAR_CHK_PERM_WRITE] = { "write permission on every level", "digest 4.4" },
	[DMAR_CHK_ZLR] = { "zero-length read excused (CAP.ZLR)", "digest 7.5" },
	[DMAR_CHK_OUTPUT_IRQ] = { "output outside the interrupt range", "digest 7.6, 8.1 LGN.4" },
	[DMAR_NOTE_FPD] = { "FPD=1: qualified faults are not recorded", "digest 8.2" },
	[DMAR_NOTE_LEVELS] = { "second-stage levels", "digest 4.1" },
	[DMAR_NOTE_OUTPUT] = { "output address", "digest 4.1" },
	[DMAR_NOTE_PT_SSPTPTR] = { "pass-through: the ignored SSPTPTR has bits above HAW (LCT.3 allowed)",
				   "digest 2.2, docs/oracle-semantics.md" },
	[DMAR_CHK_SCT_PROGRAMMING] = { "context entry programmed consistently (DTE/PRE, RID_PASID, EPTR/PASIDE)",
				       "digest 3.2, 8.1 SCT.4" },
	[DMAR_CHK_DTE] = { "DTE allows translation and translated requests", "digest 3.2, 8.1 SCT.5" },
	[DMAR_CHK_PASIDE] = { "PASIDE allows requests with PASID", "digest 3.2, 8.1 SCT.6" },
	[DMAR_CHK_PASID_PDTS] = { "PASID within the PASID-directory size", "digest 3.2, 8.1 SCT.7" },
	[DMAR_CHK_PASID_RID_PASID] = { "request PASID differs from RID_PASID", "digest 3.2, 8.1 SCT.9" },
	[DMAR_CHK_EPTR] = { "EPTR allows translated requests with PASID", "digest 3.2, 8.1 SCT.10" },
	[DMAR_CHK_PASID_PSS] = { "PASID below 2^(ECAP.PSS+1)", "digest 1.3, 8.1 SGN.10" },
	[DMAR_CHK_PGTT] = { "PGTT valid and supported", "digest 3.4, 8.1 SPT.4.2" },
	[DMAR_CHK_PASID_AW] = { "PASID-entry AW in CAP.SAGAW", "digest 3.4, 8.1 SPT.4.1" },
	[DMAR_CHK_FSPM] = { "FSPM supported", "digest 3.4, 8.1 SPT.4.3" },
	[DMAR_CHK_EXEC] = { "no execute-requested (ERS=0)", "digest 5.3, 8.1 SPT.5" },
	[DMAR_CHK_SRE] = { "supervisor requests allowed (SRE)", "digest 5.3, 8.1 SPT.6" },
	[DMAR_CHK_CANONICAL] = { "first-stage input canonical", "digest 5.1, 8.1 SGN.1" },
	[DMAR_CHK_PERM_USER] = { "user access (U/S) on every level", "digest 5.3, 8.1 SGN.2" },
	[DMAR_CHK_AD_SNOOP] = { "walk snooped, so A/D can be set (SMPWCS and PWSNP)",
				"digest 4.5, 5.4, 8.1 SFS.9/SSS.5" },
	[DMAR_NOTE_AD_WRITE] = { "A/D update, new entry value", "digest 4.5, 5.4" },
	[DMAR_NOTE_PASID] = { "PASID", "digest 3" },
	[DMAR_NOTE_PT_SSPTPTR_SM] = { "the ignored SSPTPTR has bits above HAW (SPT.3 allowed)",
				      "digest 3.4, docs/oracle-semantics.md" },
	[DMAR_NOTE_PERM_LOST] = { "permission already lost above: may be reported at once",
				  "digest 8.3, docs/oracle-semantics.md" },
};

const struct dmar_check_info *dmar_check_get(unsigned id)
{
	return id < DMAR_CHECK_COUNT ? &dmar_checks[id] : &dmar_checks[DMAR_CHK_NONE];
}
