/* SPDX-License-Identifier: Apache-2.0 */
/*
 * First-stage paging entries (64 bits), vtd-notes 5.2: IA-32e compatible.
 * Levels: 5 = FS-PML5E, 4 = FS-PML4E, 3 = FS-PDPE, 2 = FS-PDE, 1 = FS-PTE.
 * P=0 means nothing else is checked (SFS.2).  A PDE with PS=1 is a 2M page
 * (always supported); a PDPE with PS=1 a 1G page only with CAP.FS1GP,
 * otherwise PS is reserved.  XD (bit 63) and G are gone: ignored.  EA (bit
 * 10) has meaning only with the PASID entry's EAFE; it is never reserved.
 */

#define DMAR_FS_COMMON_LOW \
	{ "P", DMAR_FS_P, DMAR_FS_P, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "R/W", DMAR_FS_RW, DMAR_FS_RW, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "U/S", DMAR_FS_US, DMAR_FS_US, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }

#define DMAR_FS_COMMON_MID \
	{ "IGN", 8, 9, DMAR_FK_IGN, DMAR_RW_NEVER, 0 }, \
	{ "EA", DMAR_FS_EA, DMAR_FS_EA, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "IGN", 11, 11, DMAR_FK_IGN, DMAR_RW_NEVER, 0 }

#define DMAR_FS_COMMON_HIGH \
	{ "IGN", 52, 63, DMAR_FK_IGN, DMAR_RW_NEVER, 0 }

/* PML5E, PML4E: always point to a table; bit 7 reserved */
static const struct dmar_field dmar_fs_top_fields[] = {
	DMAR_FS_COMMON_LOW,
	{ "IGN", 3, 4, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "A", DMAR_FS_A, DMAR_FS_A, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "IGN", 6, 6, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "rsvd(PS)", DMAR_FS_PS, DMAR_FS_PS, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	DMAR_FS_COMMON_MID,
	{ "ADDR", 12, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_FS_COMMON_HIGH,
};

/* PDPE, PDE with PS=0 */
static const struct dmar_field dmar_fs_table_fields[] = {
	DMAR_FS_COMMON_LOW,
	{ "IGN", 3, 4, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "A", DMAR_FS_A, DMAR_FS_A, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "IGN", 6, 6, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "PS", DMAR_FS_PS, DMAR_FS_PS, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	DMAR_FS_COMMON_MID,
	{ "ADDR", 12, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_FS_COMMON_HIGH,
};

#define DMAR_FS_LEAF_ATTRS \
	{ "PWT", 3, 3, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "PCD", 4, 4, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "A", DMAR_FS_A, DMAR_FS_A, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "D", DMAR_FS_D, DMAR_FS_D, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }

/* PDPE with PS=1: 1G page, bits 29:13 reserved */
static const struct dmar_field dmar_fs_1g_fields[] = {
	DMAR_FS_COMMON_LOW,
	DMAR_FS_LEAF_ATTRS,
	{ "PS", DMAR_FS_PS, DMAR_FS_PS, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	DMAR_FS_COMMON_MID,
	{ "PAT", 12, 12, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "rsvd", 13, 29, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "ADDR", 30, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_FS_COMMON_HIGH,
};

/* PDE with PS=1: 2M page, bits 20:13 reserved */
static const struct dmar_field dmar_fs_2m_fields[] = {
	DMAR_FS_COMMON_LOW,
	DMAR_FS_LEAF_ATTRS,
	{ "PS", DMAR_FS_PS, DMAR_FS_PS, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	DMAR_FS_COMMON_MID,
	{ "PAT", 12, 12, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "rsvd", 13, 20, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "ADDR", 21, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_FS_COMMON_HIGH,
};

/* PTE: 4K page; bit 7 is PAT */
static const struct dmar_field dmar_fs_pte_fields[] = {
	DMAR_FS_COMMON_LOW,
	DMAR_FS_LEAF_ATTRS,
	{ "PAT", 7, 7, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	DMAR_FS_COMMON_MID,
	{ "ADDR", 12, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_FS_COMMON_HIGH,
};
