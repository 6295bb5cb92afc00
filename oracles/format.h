/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Entry formats as data.
 *
 * Each remapping structure (root entry, context entry, each shape of a
 * paging entry) is described by a field table: name, bit range, kind and
 * the condition under which the field's bits are reserved.  One function
 * turns a table and a unit configuration into a reserved-bit mask; the
 * walk, `explain` and (later) the mutators all read the same tables.
 *
 * Bit numbers count across the whole entry (0..127 for a 128-bit entry).
 */
#ifndef DMAR_FORMAT_H
#define DMAR_FORMAT_H

#include <stdint.h>

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
};

struct dmar_field {
	const char *name;
	uint16_t lo, hi;
	uint8_t kind;  /* enum dmar_field_kind */
	uint8_t rsvd;  /* enum dmar_rsvd_when */
	uint8_t arg;
};

/* Every entry shape the oracle decodes (the trace's `fmt` byte) */
enum dmar_shape_id {
	DMAR_SHAPE_NONE,
	DMAR_SHAPE_ROOT,      /* legacy root entry */
	DMAR_SHAPE_CTX,       /* legacy context entry */
	DMAR_SHAPE_SL_PML5E,  /* second stage, level 5 */
	DMAR_SHAPE_SL_PML4E,  /* level 4 */
	DMAR_SHAPE_SL_PDPE,   /* level 3, pointing to a page directory */
	DMAR_SHAPE_SL_PDE,    /* level 2, pointing to a page table */
	DMAR_SHAPE_SL_PDPE_1G,/* level 3 leaf */
	DMAR_SHAPE_SL_PDE_2M, /* level 2 leaf */
	DMAR_SHAPE_SL_PTE,    /* level 1 leaf */
	DMAR_SHAPE_SM_ROOT,   /* scalable-mode root entry */
	DMAR_SHAPE_SM_CTX,    /* scalable-mode context entry */
	DMAR_SHAPE_PASID_DIR, /* PASID directory entry */
	DMAR_SHAPE_PASID_ENTRY, /* PASID table entry */
	DMAR_SHAPE_FS_PML5E,  /* first stage, level 5 */
	DMAR_SHAPE_FS_PML4E,
	DMAR_SHAPE_FS_PDPE,
	DMAR_SHAPE_FS_PDE,
	DMAR_SHAPE_FS_PDPE_1G,
	DMAR_SHAPE_FS_PDE_2M,
	DMAR_SHAPE_FS_PTE,
	DMAR_SHAPE_COUNT
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

#endif
