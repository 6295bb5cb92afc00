/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Second-stage paging entries (64 bits), vtd-notes 4.2 and 4.3 (rev 5.10).
 *
 * Level numbers: 5 = SS-PML5E, 4 = SS-PML4E, 3 = SS-PDPE, 2 = SS-PDE,
 * 1 = SS-PTE.  A PDPE or PDE with PS=1 is a leaf (1G / 2M page) when the
 * unit supports that size (CAP.SSLPS); otherwise PS=1 is a reserved bit.
 *
 * An entry with R=W=0 is not present and nothing else in it is checked.
 * Bit 62 is IW when RTADDR.SSIRWE=1 (scalable only), otherwise reserved;
 * bit 61 is IR under SSIRWE, otherwise ignored.  SNP (bit 11) exists only
 * in leaves and only with ECAP.SC.  A/D and EMT/IPAT are ignored in legacy
 * mode; they carry no reserved-bit rule of their own.
 */
#define DMAR_SL_COMMON_LOW \
	{ "R", DMAR_SL_R, DMAR_SL_R, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "W", DMAR_SL_W, DMAR_SL_W, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "IGN", 2, 2, DMAR_FK_IGN, DMAR_RW_NEVER, 0 }

#define DMAR_SL_COMMON_HIGH \
	{ "IGN", 52, 60, DMAR_FK_IGN, DMAR_RW_NEVER, 0 }, \
	{ "IR", DMAR_SL_IR, DMAR_SL_IR, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "IW", DMAR_SL_IW, DMAR_SL_IW, DMAR_FK_FLAG, DMAR_RW_UNLESS_SSIRWE, 0 }, \
	{ "IGN", 63, 63, DMAR_FK_IGN, DMAR_RW_NEVER, 0 }

/* PML5E, PML4E: always point to a table; PS is reserved */
static const struct dmar_field dmar_sl_top_fields[] = {
	DMAR_SL_COMMON_LOW,
	{ "IGN", 3, 6, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "rsvd(PS)", DMAR_SL_PS, DMAR_SL_PS, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "A", DMAR_SL_A, DMAR_SL_A, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "IGN", 9, 10, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "rsvd", 11, 11, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "ADDR", 12, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_SL_COMMON_HIGH,
};

/* PDPE, PDE with PS=0: point to a table */
static const struct dmar_field dmar_sl_table_fields[] = {
	DMAR_SL_COMMON_LOW,
	{ "IGN", 3, 6, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "PS", DMAR_SL_PS, DMAR_SL_PS, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "A", DMAR_SL_A, DMAR_SL_A, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "IGN", 9, 10, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "rsvd", 11, 11, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "ADDR", 12, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_SL_COMMON_HIGH,
};

#define DMAR_SL_LEAF_ATTRS \
	{ "EMT", 3, 5, DMAR_FK_NUM, DMAR_RW_NEVER, 0 }, \
	{ "IPAT", 6, 6, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }

#define DMAR_SL_LEAF_AD \
	{ "A", DMAR_SL_A, DMAR_SL_A, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "D", DMAR_SL_D, DMAR_SL_D, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 }, \
	{ "IGN", 10, 10, DMAR_FK_IGN, DMAR_RW_NEVER, 0 }, \
	{ "SNP", DMAR_SL_SNP, DMAR_SL_SNP, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_SC }

/* PDPE with PS=1: a 1 GiB page; bits 29:12 reserved */
static const struct dmar_field dmar_sl_1g_fields[] = {
	DMAR_SL_COMMON_LOW,
	DMAR_SL_LEAF_ATTRS,
	{ "PS", DMAR_SL_PS, DMAR_SL_PS, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	DMAR_SL_LEAF_AD,
	{ "rsvd", 12, 29, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "ADDR", 30, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_SL_COMMON_HIGH,
};

/* PDE with PS=1: a 2 MiB page; bits 20:12 reserved */
static const struct dmar_field dmar_sl_2m_fields[] = {
	DMAR_SL_COMMON_LOW,
	DMAR_SL_LEAF_ATTRS,
	{ "PS", DMAR_SL_PS, DMAR_SL_PS, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	DMAR_SL_LEAF_AD,
	{ "rsvd", 12, 20, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "ADDR", 21, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_SL_COMMON_HIGH,
};

/* PTE: a 4 KiB page; bit 7 ignored */
static const struct dmar_field dmar_sl_pte_fields[] = {
	DMAR_SL_COMMON_LOW,
	DMAR_SL_LEAF_ATTRS,
	{ "IGN", 7, 7, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	DMAR_SL_LEAF_AD,
	{ "ADDR", 12, DMAR_PG_ADDR_HI, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
	DMAR_SL_COMMON_HIGH,
};
