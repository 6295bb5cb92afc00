/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Scalable-mode root entry (128 bits), vtd-notes 3.1.  Indexed by bus; the
 * lower half serves devfn 00h-7Fh, the upper half devfn 80h-FFh.  A half
 * whose present bit is 0 ignores its other bits (SRT.2); a present half
 * with a reserved bit gives SRT.3.  Only the half in use is checked.
 */
const struct dmar_field dmar_sm_root_fields[DMAR_SM_ROOT_NFIELDS] = {
	[DMAR_SM_ROOT_LP] = { "LP", 0, 0, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	[DMAR_SM_ROOT_RSVD_1] = { "rsvd", 1, 11, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	[DMAR_SM_ROOT_LCTP] = { "LCTP", 12, 63, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	[DMAR_SM_ROOT_UP] = { "UP", 64, 64, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	[DMAR_SM_ROOT_RSVD_65] = { "rsvd", 65, 75, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	[DMAR_SM_ROOT_UCTP] = { "UCTP", 76, 127, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
};
