// SPDX-License-Identifier: Apache-2.0
/* The shape registry and the one function that reads reserved-bit rules. */
#include "oracles/format.h"
#include "oracles/bits.h"

#include "oracles/formats/root.h"
#include "oracles/formats/ctx.h"
#include "oracles/formats/sl_pte.h"
#include "oracles/formats/sm_root.h"
#include "oracles/formats/sm_ctx.h"
#include "oracles/formats/pasid.h"
#include "oracles/formats/fs_pte.h"

#define SHAPE(nm, qw, tbl) { nm, qw, sizeof(tbl) / sizeof(tbl[0]), tbl }

static const struct dmar_shape dmar_shapes[DMAR_SHAPE_COUNT] = {
	[DMAR_SHAPE_NONE] = { "none", 0, 0, 0 },
	[DMAR_SHAPE_ROOT] = SHAPE("root entry", 2, dmar_root_fields),
	[DMAR_SHAPE_CTX] = SHAPE("context entry", 2, dmar_ctx_fields),
	[DMAR_SHAPE_SL_PML5E] = SHAPE("SS-PML5E", 1, dmar_sl_top_fields),
	[DMAR_SHAPE_SL_PML4E] = SHAPE("SS-PML4E", 1, dmar_sl_top_fields),
	[DMAR_SHAPE_SL_PDPE] = SHAPE("SS-PDPE", 1, dmar_sl_table_fields),
	[DMAR_SHAPE_SL_PDE] = SHAPE("SS-PDE", 1, dmar_sl_table_fields),
	[DMAR_SHAPE_SL_PDPE_1G] = SHAPE("SS-PDPE (1G page)", 1, dmar_sl_1g_fields),
	[DMAR_SHAPE_SL_PDE_2M] = SHAPE("SS-PDE (2M page)", 1, dmar_sl_2m_fields),
	[DMAR_SHAPE_SL_PTE] = SHAPE("SS-PTE", 1, dmar_sl_pte_fields),
	[DMAR_SHAPE_SM_ROOT] = SHAPE("scalable root entry", 2, dmar_sm_root_fields),
	[DMAR_SHAPE_SM_CTX] = SHAPE("scalable context entry", 4, dmar_sm_ctx_fields),
	[DMAR_SHAPE_PASID_DIR] = SHAPE("PASID-directory entry", 1, dmar_pasid_dir_fields),
	[DMAR_SHAPE_PASID_ENTRY] = SHAPE("PASID-table entry", 8, dmar_pasid_entry_fields),
	[DMAR_SHAPE_FS_PML5E] = SHAPE("FS-PML5E", 1, dmar_fs_top_fields),
	[DMAR_SHAPE_FS_PML4E] = SHAPE("FS-PML4E", 1, dmar_fs_top_fields),
	[DMAR_SHAPE_FS_PDPE] = SHAPE("FS-PDPE", 1, dmar_fs_table_fields),
	[DMAR_SHAPE_FS_PDE] = SHAPE("FS-PDE", 1, dmar_fs_table_fields),
	[DMAR_SHAPE_FS_PDPE_1G] = SHAPE("FS-PDPE (1G page)", 1, dmar_fs_1g_fields),
	[DMAR_SHAPE_FS_PDE_2M] = SHAPE("FS-PDE (2M page)", 1, dmar_fs_2m_fields),
	[DMAR_SHAPE_FS_PTE] = SHAPE("FS-PTE", 1, dmar_fs_pte_fields),
};

const struct dmar_shape *dmar_shape_get(unsigned id)
{
	return id < DMAR_SHAPE_COUNT ? &dmar_shapes[id] : &dmar_shapes[DMAR_SHAPE_NONE];
}

const char *dmar_shape_name(unsigned id)
{
	return dmar_shape_get(id)->name;
}

/* an address field holds address bit n at entry bit (its qword * 64 + n) */
static int above_haw(const struct dmar_field *f, const struct dmar_rsvd_env *env, unsigned *lo,
		     unsigned hi)
{
	*lo = env->haw < f->lo % 64 ? f->lo : (unsigned)(f->lo - f->lo % 64) + env->haw;
	return *lo <= hi;
}

/* the bits of field f that are reserved under env, as entry bit numbers lo..hi */
static int field_rsvd_range(const struct dmar_field *f, const struct dmar_rsvd_env *env,
			    unsigned *lo, unsigned *hi)
{
	unsigned width;

	*lo = f->lo;
	*hi = f->hi;
	switch (f->rsvd) {
	case DMAR_RW_ALWAYS:
		return 1;
	case DMAR_RW_ABOVE_HAW_UNLESS_PT:
		return env->passthrough ? 0 : above_haw(f, env, lo, *hi);
	case DMAR_RW_ABOVE_HAW:
		return above_haw(f, env, lo, *hi);
	case DMAR_RW_ABOVE_ND:
		width = DMAR_CAP_DID_BITS(env->cap);
		*lo = f->lo + width;
		return *lo <= *hi;
	case DMAR_RW_UNLESS_ECAP:
		return !dmar_bit(env->ecap, f->arg);
	case DMAR_RW_UNLESS_ECAP_SS:
		return !dmar_bit(env->ecap, DMAR_ECAP_SSTS) || !dmar_bit(env->ecap, f->arg);
	case DMAR_RW_UNLESS_SSIRWE:
		return !env->ssirwe;
	case DMAR_RW_ABOVE_HAW_UNLESS_ECAP:
		return !dmar_bit(env->ecap, f->arg) || above_haw(f, env, lo, *hi);
	default:
		return 0;
	}
}

uint64_t dmar_shape_rsvd_mask(unsigned id, unsigned qw, const struct dmar_rsvd_env *env)
{
	const struct dmar_shape *s = dmar_shape_get(id);
	unsigned qlo = qw * 64, qhi = qw * 64 + 63, lo, hi, i;
	uint64_t mask = 0;

	for (i = 0; i < s->nfields; i++) {
		if (!field_rsvd_range(&s->fields[i], env, &lo, &hi))
			continue;
		if (hi < qlo || lo > qhi)
			continue;
		lo = lo < qlo ? qlo : lo;
		hi = hi > qhi ? qhi : hi;
		mask |= dmar_genmask(hi - qlo, lo - qlo);
	}
	return mask;
}

uint64_t dmar_field_get(const struct dmar_field *f, const uint64_t *raw)
{
	unsigned qw = f->lo / 64, lo = f->lo % 64;
	unsigned hi = f->hi / 64 == qw ? f->hi % 64 : 63;
	uint64_t v = dmar_bits(raw[qw], hi, lo);

	/* address fields keep their position: the value is the address */
	return f->kind == DMAR_FK_ADDR ? v << lo : v;
}

void dmar_field_set(const struct dmar_field *f, uint64_t *raw, uint64_t v)
{
	unsigned qw = f->lo / 64, lo = f->lo % 64;
	unsigned hi = f->hi / 64 == qw ? f->hi % 64 : 63;
	uint64_t mask = dmar_genmask(hi, lo);

	raw[qw] = (raw[qw] & ~mask) | ((f->kind == DMAR_FK_ADDR ? v : v << lo) & mask);
}
