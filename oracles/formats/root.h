/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Legacy root entry (128 bits), vtd-notes 2.1.
 * The root table is 4 KiB: 256 entries indexed by the request's bus number.
 * P=0 means every other bit is ignored (fault LRT.2); with P=1 any reserved
 * bit gives LRT.3.
 */
const struct dmar_field dmar_root_fields[DMAR_ROOT_NFIELDS] = {
	[DMAR_ROOT_P] = { "P", 0, 0, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	[DMAR_ROOT_RSVD_1] = { "rsvd", 1, 11, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	[DMAR_ROOT_CTP] = { "CTP", 12, 63, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	[DMAR_ROOT_RSVD_64] = { "rsvd", 64, 127, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
};
