// SPDX-License-Identifier: Apache-2.0
/*
 * Fault reasons of DMA remapping (spec Table 30, vtd-notes 8.1) and the
 * interrupt-range code 29h (vtd-notes 7.6, 10.2).
 *
 * For each code: qualified (FPD suppresses reporting) and how each request
 * class ends: untranslated (U), translation request (T), translated (X).
 * Codes shared by several conditions (3h, 4h, 43h, 5Bh, 83h, 87h) list the
 * completion of whichever of their conditions applies to that class.  The
 * last column says where docs/vtd-notes.md defines the condition.
 */
#include "dmar/oracle.h"

#define N false
#define Y true
#define NA DMAR_FC_NA
#define UR DMAR_FC_UR
#define CA DMAR_FC_CA
#define S0 DMAR_FC_S0
#define SP DMAR_FC_SP

static const struct dmar_fault_info dmar_faults[] = {
	{ DMAR_FR_LRT_2, "LRT.2", N, UR, UR, UR, "root entry not present", "vtd-notes 2.1, 8.1" },
	{ DMAR_FR_LCT_2, "LCT.2", Y, UR, UR, UR, "context entry not present", "vtd-notes 2.2, 8.1" },
	{ DMAR_FR_LCT_4, "LCT.4", Y, UR, CA, UR, "context entry programming error (AW, TT, or SS root fetch)", "vtd-notes 2.2, 4.3, 8.1" },
	{ DMAR_FR_LGN_1, "LGN.1", Y, UR, S0, UR, "address beyond the input limit or HAW", "vtd-notes 2.3, 7.3, 7.4, 8.1" },
	{ DMAR_FR_LGN_2, "LGN.2", Y, UR, SP, NA, "write or atomic without write permission", "vtd-notes 4.4, 8.1" },
	{ DMAR_FR_LGN_3, "LGN.3", Y, UR, SP, NA, "read or atomic without read permission", "vtd-notes 4.4, 8.1" },
	{ DMAR_FR_LSS_1, "LSS.1", Y, UR, CA, NA, "second-stage entry fetch aborted", "vtd-notes 4.2, 4.3, 8.1" },
	{ DMAR_FR_LRT_1, "LRT.1", N, UR, CA, UR, "root entry fetch aborted", "vtd-notes 2.1, 8.1" },
	{ DMAR_FR_LCT_1, "LCT.1", N, UR, CA, UR, "context entry fetch aborted", "vtd-notes 2.2, 8.1" },
	{ DMAR_FR_LRT_3, "LRT.3", N, UR, CA, UR, "reserved bit in a present root entry", "vtd-notes 2.1, 8.1" },
	{ DMAR_FR_LCT_3, "LCT.3", Y, UR, CA, UR, "reserved bit in a present context entry", "vtd-notes 2.2, 8.1" },
	{ DMAR_FR_LSS_2, "LSS.2", Y, UR, CA, NA, "reserved bit in a present second-stage entry", "vtd-notes 4.2, 4.3, 8.1" },
	{ DMAR_FR_LCT_5, "LCT.5", Y, NA, UR, UR, "context TT blocks translation or translated requests", "vtd-notes 2.2, 8.1" },
	{ DMAR_FR_LGN_4, "LGN.4", Y, UR, CA, UR, "address in the interrupt range FEEx_xxxx", "vtd-notes 7.6, 8.1" },
	{ DMAR_FR_IR, "IR.29", N, UR, NA, NA, "illegal request to the interrupt range", "vtd-notes 7.6, 8.1" },
	{ DMAR_FR_RTA_1, "RTA.1", N, UR, CA, UR, "invalid RTADDR.TTM, or SSIRWE in legacy mode", "vtd-notes 1.5, 8.1" },
	{ DMAR_FR_RTA_2, "RTA.2", N, UR, UR, UR, "request with PASID in legacy mode", "vtd-notes 1.5, 8.1" },
	{ DMAR_FR_RTA_3, "RTA.3", N, NA, NA, NA, "page request in legacy mode", "vtd-notes 1.5, 8.1" },
	{ DMAR_FR_RTA_4, "RTA.4", N, UR, UR, UR, "abort-DMA mode", "vtd-notes 1.5, 8.1" },
	{ DMAR_FR_RTA_5, "RTA.5", N, UR, UR, UR, "execute-requested with PASID (VER >= 8)", "vtd-notes 1.5, 8.1" },
	{ DMAR_FR_SRT_1, "SRT.1", N, UR, CA, UR, "scalable root entry fetch aborted", "vtd-notes 3.1, 8.1" },
	{ DMAR_FR_SRT_2, "SRT.2", N, UR, UR, UR, "scalable root entry half not present", "vtd-notes 3.1, 8.1" },
	{ DMAR_FR_SRT_3, "SRT.3", N, UR, CA, UR, "reserved bit in a present scalable root entry half", "vtd-notes 3.1, 8.1" },
	{ DMAR_FR_SCT_1, "SCT.1", N, UR, CA, UR, "scalable context entry fetch aborted", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_2, "SCT.2", Y, UR, UR, UR, "scalable context entry not present", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_3, "SCT.3", Y, UR, CA, UR, "reserved bit in a present scalable context entry", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_4, "SCT.4", Y, UR, CA, UR, "scalable context entry programming error", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_5, "SCT.5", Y, NA, UR, UR, "DTE=0 for a translation or translated request", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_6, "SCT.6", Y, UR, UR, NA, "PASIDE=0 for a request with PASID", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_7, "SCT.7", Y, UR, UR, UR, "PASID beyond the PASID-directory size", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_8, "SCT.8", Y, NA, NA, NA, "PRE=0 for a page request", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_9, "SCT.9", Y, UR, UR, UR, "request PASID equals RID_PASID", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SCT_10, "SCT.10", Y, NA, NA, UR, "EPTR=0 for a translated request with PASID", "vtd-notes 3.2, 8.1" },
	{ DMAR_FR_SPD_1, "SPD.1", N, UR, CA, CA, "PASID-directory entry fetch aborted", "vtd-notes 3.3, 8.1" },
	{ DMAR_FR_SPD_2, "SPD.2", Y, UR, S0, UR, "PASID-directory entry not present", "vtd-notes 3.3, 8.1" },
	{ DMAR_FR_SPD_3, "SPD.3", Y, UR, CA, CA, "reserved bit in a present PASID-directory entry", "vtd-notes 3.3, 8.1" },
	{ DMAR_FR_SPT_1, "SPT.1", N, UR, CA, CA, "PASID-table entry fetch aborted", "vtd-notes 3.4, 8.1" },
	{ DMAR_FR_SPT_2, "SPT.2", Y, UR, S0, UR, "PASID-table entry not present", "vtd-notes 3.4, 8.1" },
	{ DMAR_FR_SPT_3, "SPT.3", Y, UR, CA, CA, "reserved bit in a present PASID-table entry", "vtd-notes 3.4, 8.1" },
	{ DMAR_FR_SPT_4, "SPT.4", Y, UR, CA, CA, "PASID-table entry programming error", "vtd-notes 3.4, 8.1" },
	{ DMAR_FR_SPT_5, "SPT.5", Y, UR, S0, NA, "execute-requested with ERS=0 (VER <= 7)", "vtd-notes 5.3, 8.1" },
	{ DMAR_FR_SPT_6, "SPT.6", Y, UR, S0, NA, "supervisor request with SRE=0", "vtd-notes 5.3, 8.1" },
	{ DMAR_FR_SPT_9, "SPT.9", Y, NA, NA, UR, "translated address beyond the HPT size", "vtd-notes 3.4, 8.1" },
	{ DMAR_FR_SFS_1, "SFS.1", Y, UR, S0, NA, "first-stage entry fetch aborted", "vtd-notes 5.2, 8.1" },
	{ DMAR_FR_SFS_2, "SFS.2", Y, UR, S0, NA, "first-stage entry not present", "vtd-notes 5.2, 8.1" },
	{ DMAR_FR_SFS_3, "SFS.3", Y, UR, S0, NA, "reserved bit in a present first-stage entry", "vtd-notes 5.2, 8.1" },
	{ DMAR_FR_SFS_4, "SFS.4", Y, UR, S0, NA, "first-stage root fetch aborted", "vtd-notes 5.2, 8.1" },
	{ DMAR_FR_SFS_5, "SFS.5", Y, UR, S0, NA, "nested: first-stage entry address beyond the limit", "vtd-notes 6, 8.1" },
	{ DMAR_FR_SFS_6, "SFS.6", Y, UR, S0, NA, "nested: second stage denies reading the FS root entry", "vtd-notes 6, 8.1" },
	{ DMAR_FR_SFS_7, "SFS.7", Y, UR, S0, NA, "nested: second stage denies reading an FS entry", "vtd-notes 6, 8.1" },
	{ DMAR_FR_SFS_8, "SFS.8", Y, UR, S0, NA, "nested: second stage denies the FS A/EA/D update", "vtd-notes 5.4, 6, 8.1" },
	{ DMAR_FR_SSS_1, "SSS.1", Y, UR, CA, NA, "second-stage entry fetch aborted", "vtd-notes 4.2, 4.3, 8.1" },
	{ DMAR_FR_SSS_2, "SSS.2", Y, UR, S0, NA, "second-stage entry not present, or no permission at all", "vtd-notes 4.2, 4.3, 8.1" },
	{ DMAR_FR_SSS_3, "SSS.3", Y, UR, CA, NA, "reserved bit in a present second-stage entry", "vtd-notes 4.2, 4.3, 8.1" },
	{ DMAR_FR_SSS_4, "SSS.4", Y, UR, CA, NA, "second-stage root fetch aborted", "vtd-notes 4.2, 4.3, 8.1" },
	{ DMAR_FR_SSS_5, "SSS.5", Y, UR, CA, NA, "second-stage A/D update on a non-snooped walk", "vtd-notes 4.5, 8.1" },
	{ DMAR_FR_SSS_6, "SSS.6", Y, UR, CA, NA, "second-stage A/D update failed", "vtd-notes 4.5, 8.1" },
	{ DMAR_FR_SGN_1, "SGN.1", Y, UR, S0, NA, "first-stage input not canonical", "vtd-notes 5.1, 8.1" },
	{ DMAR_FR_SGN_2, "SGN.2", Y, UR, S0, NA, "user request meets U/S=0", "vtd-notes 5.3, 8.1" },
	{ DMAR_FR_SGN_4, "SGN.4", Y, UR, S0, UR, "address beyond HAW", "vtd-notes 7.3, 7.4, 8.1" },
	{ DMAR_FR_SGN_5, "SGN.5", Y, UR, S0, NA, "second-stage input beyond min(MGAW, AW)", "vtd-notes 4.1, 8.1" },
	{ DMAR_FR_SGN_6, "SGN.6", Y, UR, SP, NA, "write or atomic without write permission", "vtd-notes 4.4, 8.1" },
	{ DMAR_FR_SGN_7, "SGN.7", Y, UR, SP, NA, "read or atomic without read permission", "vtd-notes 4.4, 8.1" },
	{ DMAR_FR_SGN_8, "SGN.8", Y, UR, CA, UR, "address in the interrupt range FEEx_xxxx", "vtd-notes 7.6, 8.1" },
	{ DMAR_FR_SGN_10, "SGN.10", Y, UR, UR, UR, "PASID beyond the supported width", "vtd-notes 1.3, 8.1" },
	{ DMAR_FR_SFS_9, "SFS.9", Y, UR, S0, NA, "first-stage A/D update on a non-snooped walk", "vtd-notes 5.4, 8.1" },
	{ DMAR_FR_SFS_10, "SFS.10", Y, UR, S0, NA, "first-stage A/EA/D update failed", "vtd-notes 5.4, 8.1" },
};

const struct dmar_fault_info *dmar_fault_lookup(uint8_t code)
{
	unsigned i;

	for (i = 0; i < sizeof(dmar_faults) / sizeof(dmar_faults[0]); i++)
		if (dmar_faults[i].code == code)
			return &dmar_faults[i];
	return 0;
}
