/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Scalable-mode context entry (256 bits), digest 3.2.  The context table
 * half holds 128 entries indexed by devfn[6:0].  FPD is read even when
 * P=0.  Fields of features the unit lacks are reserved (SCT.3).
 */

static const struct dmar_field dmar_sm_ctx_fields[] = {
	{ "P", 0, 0, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "FPD", 1, 1, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "DTE", 2, 2, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_DT },
	{ "PASIDE", 3, 3, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_PASID },
	{ "PRE", 4, 4, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_PRS },
	{ "HPTE", 5, 5, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_HPTS },
	{ "EPTR", 6, 6, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_PTRS },
	{ "rsvd", 7, 8, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "PDTS", 9, 11, DMAR_FK_NUM, DMAR_RW_NEVER, 0 },
	{ "PASIDDIRPTR", 12, 63, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	{ "RID_PASID", 64, 83, DMAR_FK_NUM, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_RPS },
	{ "RID_PRIV", 84, 84, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_RPRIVS },
	{ "rsvd", 85, 127, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "rsvd", 128, 191, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "rsvd", 192, 255, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
};
