/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Legacy context entry (128 bits), vtd-notes 2.2.
 * The context table is 4 KiB: 256 entries indexed by devfn (RID[7:0]).
 * P=0 means every field but FPD is ignored (LCT.2); FPD is read even then.
 * TT: 00 untranslated only, 01 also ATS (needs ECAP.DT), 10 pass-through
 * (needs ECAP.PT), 11 reserved.  AW: 1/2/3 = 39/48/57-bit, 3/4/5 levels.
 * SSPTPTR is ignored with TT=10, its bits above HAW included.
 */

const struct dmar_field dmar_ctx_fields[DMAR_CTX_NFIELDS] = {
	[DMAR_CTX_P] = { "P", 0, 0, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	[DMAR_CTX_FPD] = { "FPD", 1, 1, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	[DMAR_CTX_TT] = { "TT", 2, 3, DMAR_FK_NUM, DMAR_RW_NEVER, 0 },
	[DMAR_CTX_RSVD_4] = { "rsvd", 4, 11, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	[DMAR_CTX_SSPTPTR] = { "SSPTPTR", 12, 63, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW_UNLESS_PT, 0 },
	[DMAR_CTX_AW] = { "AW", 64, 66, DMAR_FK_NUM, DMAR_RW_NEVER, 0 },
	[DMAR_CTX_IGN_67] = { "IGN", 67, 70, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	[DMAR_CTX_RSVD_71] = { "rsvd", 71, 71, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	[DMAR_CTX_DID] = { "DID", 72, 87, DMAR_FK_NUM, DMAR_RW_ABOVE_ND, 0 },
	[DMAR_CTX_RSVD_88] = { "rsvd", 88, 127, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
};
