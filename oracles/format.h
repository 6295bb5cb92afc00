/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry formats as data.
 *
 * Each remapping structure (root entry, context entry, each shape of a
 * paging entry) is described by a field table: name, bit range, kind and
 * the condition under which the field's bits are reserved.  One function
 * turns a table and a unit configuration into a reserved-bit mask; the
 * walk reads the fields it decides on through the same tables (by field id,
 * below), and `explain` prints them.  The shape ids are public (enum
 * dmar_shape_id in dmar/oracle.h): the trace names shapes by them.
 *
 * Bit numbers count across the whole entry (0..127 for a 128-bit entry).
 */
#ifndef DMAR_FORMAT_H
#define DMAR_FORMAT_H

#include <stdint.h>

#include "dmar/oracle.h"

enum dmar_field_kind {
	DMAR_FK_FLAG, /* one-bit flag */
	DMAR_FK_NUM,  /* a number */
	DMAR_FK_ADDR, /* address bits hi..lo of a 4K-or-larger aligned address */
	DMAR_FK_IGN,  /* ignored by hardware (software-available) */
	DMAR_FK_RSVD, /* reserved (see rsvd) */
};

/* when a field's bits are reserved (must be zero) */
enum dmar_rsvd_when {
	DMAR_RW_NEVER,
	DMAR_RW_ALWAYS,
	DMAR_RW_ABOVE_HAW,          /* ADDR: bits >= HAW */
	DMAR_RW_ABOVE_HAW_UNLESS_PT,/* ADDR: bits >= HAW unless the entry is pass-through */
	DMAR_RW_ABOVE_ND,           /* NUM (domain-id): bits >= 4 + 2*CAP.ND */
	DMAR_RW_UNLESS_ECAP,        /* reserved unless ECAP bit `arg` */
	DMAR_RW_UNLESS_SSIRWE,      /* reserved unless RTADDR.SSIRWE */
	DMAR_RW_ABOVE_HAW_UNLESS_ECAP, /* ADDR: bits >= HAW; all of it without ECAP bit `arg` */
	DMAR_RW_UNLESS_ECAP_SS,     /* a second-stage feature: reserved unless ECAP.SSTS and ECAP bit `arg` */
};

struct dmar_field {
	const char *name;
	uint16_t lo, hi;
	uint8_t kind;  /* enum dmar_field_kind */
	uint8_t rsvd;  /* enum dmar_rsvd_when */
	uint8_t arg;
};

struct dmar_shape {
	const char *name;        /* e.g. "SS-PDE (2M page)" */
	uint8_t qwords;          /* entry size in 64-bit words */
	uint8_t nfields;
	const struct dmar_field *fields;
};

/* What the reserved-bit conditions depend on */
struct dmar_rsvd_env {
	uint64_t cap, ecap;
	uint8_t haw;
	uint8_t ssirwe;      /* RTADDR.SSIRWE in effect */
	uint8_t passthrough; /* the entry selects pass-through */
};

const struct dmar_shape *dmar_shape_get(unsigned id);

/* reserved-bit mask of qword `qw` of a shape under `env` */
uint64_t dmar_shape_rsvd_mask(unsigned id, unsigned qw, const struct dmar_rsvd_env *env);

/* value of a field from the raw entry (fields wider than 64 bits: low 64) */
uint64_t dmar_field_get(const struct dmar_field *f, const uint64_t *raw);

/*
 * Field ids: each structure's table (formats/) is indexed by its enum, so a
 * walker names the field and the table alone knows where its bits are.
 * Every row has an id, reserved and ignored ranges included.
 */
enum dmar_root_field { /* formats/root.h */
	DMAR_ROOT_P, DMAR_ROOT_RSVD_1, DMAR_ROOT_CTP, DMAR_ROOT_RSVD_64, DMAR_ROOT_NFIELDS
};

enum dmar_ctx_field { /* formats/ctx.h */
	DMAR_CTX_P, DMAR_CTX_FPD, DMAR_CTX_TT, DMAR_CTX_RSVD_4, DMAR_CTX_SSPTPTR, DMAR_CTX_AW,
	DMAR_CTX_IGN_67, DMAR_CTX_RSVD_71, DMAR_CTX_DID, DMAR_CTX_RSVD_88, DMAR_CTX_NFIELDS
};

enum dmar_sm_root_field { /* formats/sm_root.h: lower half, upper half */
	DMAR_SM_ROOT_LP, DMAR_SM_ROOT_RSVD_1, DMAR_SM_ROOT_LCTP, DMAR_SM_ROOT_UP,
	DMAR_SM_ROOT_RSVD_65, DMAR_SM_ROOT_UCTP, DMAR_SM_ROOT_NFIELDS
};

enum dmar_sm_ctx_field { /* formats/sm_ctx.h */
	DMAR_SM_CTX_P, DMAR_SM_CTX_FPD, DMAR_SM_CTX_DTE, DMAR_SM_CTX_PASIDE, DMAR_SM_CTX_PRE,
	DMAR_SM_CTX_HPTE, DMAR_SM_CTX_EPTR, DMAR_SM_CTX_RSVD_7, DMAR_SM_CTX_PDTS,
	DMAR_SM_CTX_PASIDDIRPTR, DMAR_SM_CTX_RID_PASID, DMAR_SM_CTX_RID_PRIV, DMAR_SM_CTX_RSVD_85,
	DMAR_SM_CTX_RSVD_128, DMAR_SM_CTX_RSVD_192, DMAR_SM_CTX_NFIELDS
};

enum dmar_pasid_dir_field { /* formats/pasid.h */
	DMAR_PDE_P, DMAR_PDE_FPD, DMAR_PDE_RSVD_2, DMAR_PDE_SMPTBLPTR, DMAR_PDE_NFIELDS
};

enum dmar_pasid_entry_field { /* formats/pasid.h */
	DMAR_PE_P, DMAR_PE_FPD, DMAR_PE_AW, DMAR_PE_RSVD_5, DMAR_PE_PGTT, DMAR_PE_SSADE,
	DMAR_PE_RSVD_10, DMAR_PE_SSPTPTR, DMAR_PE_DID, DMAR_PE_RSVD_80, DMAR_PE_PWSNP,
	DMAR_PE_PGSNP, DMAR_PE_CD, DMAR_PE_EMTE, DMAR_PE_RSVD_91, DMAR_PE_PAT, DMAR_PE_SRE,
	DMAR_PE_RSVD_129, DMAR_PE_FSPM, DMAR_PE_WPE, DMAR_PE_IGN_133, DMAR_PE_EAFE,
	DMAR_PE_RSVD_136, DMAR_PE_FSPTPTR, DMAR_PE_RSVD_192, DMAR_PE_HPTSZ, DMAR_PE_HPTPFD,
	DMAR_PE_RSVD_259, DMAR_PE_HPTPTR, DMAR_PE_HPTDID, DMAR_PE_RSVD_336,
	DMAR_PE_RSVD_384, DMAR_PE_RSVD_448, DMAR_PE_NFIELDS
};

extern const struct dmar_field dmar_root_fields[DMAR_ROOT_NFIELDS];
extern const struct dmar_field dmar_ctx_fields[DMAR_CTX_NFIELDS];
extern const struct dmar_field dmar_sm_root_fields[DMAR_SM_ROOT_NFIELDS];
extern const struct dmar_field dmar_sm_ctx_fields[DMAR_SM_CTX_NFIELDS];
extern const struct dmar_field dmar_pasid_dir_fields[DMAR_PDE_NFIELDS];
extern const struct dmar_field dmar_pasid_entry_fields[DMAR_PE_NFIELDS];

/* field `id` of an entry whose format is `table`, e.g. (ce, dmar_ctx_fields, DMAR_CTX_TT) */
static inline uint64_t dmar_entry_get(const uint64_t *raw, const struct dmar_field *table,
				      unsigned id)
{
	return dmar_field_get(&table[id], raw);
}

/* the inverse, for code that builds entries: v as dmar_field_get returns it */
void dmar_field_set(const struct dmar_field *f, uint64_t *raw, uint64_t v);

static inline void dmar_entry_set(uint64_t *raw, const struct dmar_field *table, unsigned id,
				  uint64_t v)
{
	dmar_field_set(&table[id], raw, v);
}

/*
 * Paging entries are read by the paging engine through bit numbers a stage
 * carries (struct dmar_stage, struct dmar_ad_rule), so their one-bit fields
 * are named here once and the tables in formats/sl_pte.h and fs_pte.h are
 * written with these names.
 */
#define DMAR_PG_PS 7       /* PS has one place in both stages' formats */
#define DMAR_PG_ADDR_HI 51 /* top bit of a paging entry's address field */
#define DMAR_SL_R 0
#define DMAR_SL_W 1
#define DMAR_SL_PS DMAR_PG_PS
#define DMAR_SL_A 8
#define DMAR_SL_D 9
#define DMAR_SL_SNP 11
#define DMAR_SL_IR 61
#define DMAR_SL_IW 62
#define DMAR_FS_P 0
#define DMAR_FS_RW 1
#define DMAR_FS_US 2
#define DMAR_FS_A 5
#define DMAR_FS_D 6
#define DMAR_FS_PS DMAR_PG_PS
#define DMAR_FS_EA 10

#endif
