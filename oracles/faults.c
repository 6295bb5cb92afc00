// SPDX-License-Identifier: Apache-2.0
/*
 * Fault reasons of DMA remapping (spec Table 30, digest 8.1) and the
 * interrupt-range code 29h (digest 7.6, 10.2).
 *
 * For each code: qualified (FPD suppresses reporting) and how each request
 * class ends: untranslated (U), translation request (T), translated (X).
 * Codes shared by several conditions (3h, 4h, 43h, 5Bh, 83h, 87h) list the
 * completion of whichever of their conditions applies to that class.
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
	{ 0x01, "LRT.2", N, UR, UR, UR, "root entry not present" },
	{ 0x02, "LCT.2", Y, UR, UR, UR, "context entry not present" },
	{ 0x03, "LCT.4", Y, UR, CA, UR, "context entry programming error (AW, TT, or SS root fetch)" },
	{ 0x04, "LGN.1", Y, UR, S0, UR, "address beyond the input limit or HAW" },
	{ 0x05, "LGN.2", Y, UR, SP, NA, "write or atomic without write permission" },
	{ 0x06, "LGN.3", Y, UR, SP, NA, "read or atomic without read permission" },
	{ 0x07, "LSS.1", Y, UR, CA, NA, "second-stage entry fetch aborted" },
	{ 0x08, "LRT.1", N, UR, CA, UR, "root entry fetch aborted" },
	{ 0x09, "LCT.1", N, UR, CA, UR, "context entry fetch aborted" },
	{ 0x0a, "LRT.3", N, UR, CA, UR, "reserved bit in a present root entry" },
	{ 0x0b, "LCT.3", Y, UR, CA, UR, "reserved bit in a present context entry" },
	{ 0x0c, "LSS.2", Y, UR, CA, NA, "reserved bit in a present second-stage entry" },
	{ 0x0d, "LCT.5", Y, NA, UR, UR, "context TT blocks translation or translated requests" },
	{ 0x0e, "LGN.4", Y, UR, CA, UR, "address in the interrupt range FEEx_xxxx" },
	{ 0x29, "IR.29", N, UR, NA, NA, "illegal request to the interrupt range" },
	{ 0x30, "RTA.1", N, UR, CA, UR, "invalid RTADDR.TTM, or SSIRWE in legacy mode" },
	{ 0x31, "RTA.2", N, UR, UR, UR, "request with PASID in legacy mode" },
	{ 0x32, "RTA.3", N, NA, NA, NA, "page request in legacy mode" },
	{ 0x33, "RTA.4", N, UR, UR, UR, "abort-DMA mode" },
	{ 0x34, "RTA.5", N, UR, UR, UR, "execute-requested with PASID (VER >= 8)" },
	{ 0x38, "SRT.1", N, UR, CA, UR, "scalable root entry fetch aborted" },
	{ 0x39, "SRT.2", N, UR, UR, UR, "scalable root entry half not present" },
	{ 0x3a, "SRT.3", N, UR, CA, UR, "reserved bit in a present scalable root entry half" },
	{ 0x40, "SCT.1", N, UR, CA, UR, "scalable context entry fetch aborted" },
	{ 0x41, "SCT.2", Y, UR, UR, UR, "scalable context entry not present" },
	{ 0x42, "SCT.3", Y, UR, CA, UR, "reserved bit in a present scalable context entry" },
	{ 0x43, "SCT.4", Y, UR, CA, UR, "scalable context entry programming error" },
	{ 0x44, "SCT.5", Y, NA, UR, UR, "DTE=0 for a translation or translated request" },
	{ 0x45, "SCT.6", Y, UR, UR, NA, "PASIDE=0 for a request with PASID" },
	{ 0x46, "SCT.7", Y, UR, UR, UR, "PASID beyond the PASID-directory size" },
	{ 0x47, "SCT.8", Y, NA, NA, NA, "PRE=0 for a page request" },
	{ 0x48, "SCT.9", Y, UR, UR, UR, "request PASID equals RID_PASID" },
	{ 0x49, "SCT.10", Y, NA, NA, UR, "EPTR=0 for a translated request with PASID" },
	{ 0x50, "SPD.1", N, UR, CA, CA, "PASID-directory entry fetch aborted" },
	{ 0x51, "SPD.2", Y, UR, S0, UR, "PASID-directory entry not present" },
	{ 0x52, "SPD.3", Y, UR, CA, CA, "reserved bit in a present PASID-directory entry" },
	{ 0x58, "SPT.1", N, UR, CA, CA, "PASID-table entry fetch aborted" },
	{ 0x59, "SPT.2", Y, UR, S0, UR, "PASID-table entry not present" },
	{ 0x5a, "SPT.3", Y, UR, CA, CA, "reserved bit in a present PASID-table entry" },
	{ 0x5b, "SPT.4", Y, UR, CA, CA, "PASID-table entry programming error" },
	{ 0x5c, "SPT.5", Y, UR, S0, NA, "execute-requested with ERS=0 (VER <= 7)" },
	{ 0x5d, "SPT.6", Y, UR, S0, NA, "supervisor request with SRE=0" },
	{ 0x60, "SPT.9", Y, NA, NA, UR, "translated address beyond the HPT size" },
	{ 0x70, "SFS.1", Y, UR, S0, NA, "first-stage entry fetch aborted" },
	{ 0x71, "SFS.2", Y, UR, S0, NA, "first-stage entry not present" },
	{ 0x72, "SFS.3", Y, UR, S0, NA, "reserved bit in a present first-stage entry" },
	{ 0x73, "SFS.4", Y, UR, S0, NA, "first-stage root fetch aborted" },
	{ 0x74, "SFS.5", Y, UR, S0, NA, "nested: first-stage entry address beyond the limit" },
	{ 0x75, "SFS.6", Y, UR, S0, NA, "nested: second stage denies reading the FS root entry" },
	{ 0x76, "SFS.7", Y, UR, S0, NA, "nested: second stage denies reading an FS entry" },
	{ 0x77, "SFS.8", Y, UR, S0, NA, "nested: second stage denies the FS A/EA/D update" },
	{ 0x78, "SSS.1", Y, UR, CA, NA, "second-stage entry fetch aborted" },
	{ 0x79, "SSS.2", Y, UR, S0, NA, "second-stage entry not present, or no permission at all" },
	{ 0x7a, "SSS.3", Y, UR, CA, NA, "reserved bit in a present second-stage entry" },
	{ 0x7b, "SSS.4", Y, UR, CA, NA, "second-stage root fetch aborted" },
	{ 0x7c, "SSS.5", Y, UR, CA, NA, "second-stage A/D update on a non-snooped walk" },
	{ 0x7d, "SSS.6", Y, UR, CA, NA, "second-stage A/D update failed" },
	{ 0x80, "SGN.1", Y, UR, S0, NA, "first-stage input not canonical" },
	{ 0x81, "SGN.2", Y, UR, S0, NA, "user request meets U/S=0" },
	{ 0x83, "SGN.4", Y, UR, S0, UR, "address beyond HAW" },
	{ 0x84, "SGN.5", Y, UR, S0, NA, "second-stage input beyond min(MGAW, AW)" },
	{ 0x85, "SGN.6", Y, UR, SP, NA, "write or atomic without write permission" },
	{ 0x86, "SGN.7", Y, UR, SP, NA, "read or atomic without read permission" },
	{ 0x87, "SGN.8", Y, UR, CA, UR, "address in the interrupt range FEEx_xxxx" },
	{ 0x89, "SGN.10", Y, UR, UR, UR, "PASID beyond the supported width" },
	{ 0x90, "SFS.9", Y, UR, S0, NA, "first-stage A/D update on a non-snooped walk" },
	{ 0x91, "SFS.10", Y, UR, S0, NA, "first-stage A/EA/D update failed" },
};

const struct dmar_fault_info *dmar_fault_lookup(uint8_t code)
{
	unsigned i;

	for (i = 0; i < sizeof(dmar_faults) / sizeof(dmar_faults[0]); i++)
		if (dmar_faults[i].code == code)
			return &dmar_faults[i];
	return 0;
}
