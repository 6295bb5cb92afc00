/* SPDX-License-Identifier: Apache-2.0 */
/* Internal: what scalable-mode translation steps share (scalable.c, first_stage.c, nested.c). */
#ifndef DMAR_SCALABLE_H
#define DMAR_SCALABLE_H

#include "oracles/walk.h"
#include "oracles/bits.h"

/* what the structures decided for the translation */
struct sm_path {
	uint64_t ce[4];  /* scalable context entry */
	uint64_t pe[8];  /* PASID table entry */
	uint32_t pasid;  /* the request's PASID, or RID_PASID */
	bool pr;         /* privileged: PR, or RID_PRIV for requests without PASID */
	bool ctx_fpd;    /* FPD as the context entry left it */
	unsigned pgtt;
};

static inline bool dmar_sm_ecap(const struct dmar_walk *w, unsigned bit)
{
	return dmar_bit(w->o->unit.ecap, bit);
}

/* records the check and, when it fails, emits the fault; returns cond */
static inline bool dmar_fault_if(struct dmar_walk *w, unsigned check, bool cond, uint8_t code,
				 uint64_t arg)
{
	if (dmar_check(w, check, cond, code, arg))
		dmar_emit_fault(w, code);
	return cond;
}

/* a field of the PASID table entry (enum dmar_pasid_entry_field) */
static inline uint64_t dmar_pe(const uint64_t *pe, unsigned id)
{
	return dmar_entry_get(pe, dmar_pasid_entry_fields, id);
}

static inline unsigned dmar_pe_aw(const uint64_t *pe)
{
	return (unsigned)dmar_pe(pe, DMAR_PE_AW);
}

static inline unsigned dmar_pe_fspm(const uint64_t *pe)
{
	return (unsigned)dmar_pe(pe, DMAR_PE_FSPM);
}

static inline uint64_t dmar_pe_fsptptr(const uint64_t *pe)
{
	return dmar_pe(pe, DMAR_PE_FSPTPTR);
}

/* scalable-mode page walks snoop only with ECAP.SMPWCS and the entry's PWSNP */
static inline bool dmar_walk_snoops(const struct dmar_walk *w, const struct sm_path *p)
{
	return dmar_sm_ecap(w, DMAR_ECAP_SMPWCS) && dmar_pe(p->pe, DMAR_PE_PWSNP);
}

static inline bool dmar_pgsnp(const struct sm_path *p)
{
	return dmar_pe(p->pe, DMAR_PE_PGSNP);
}

void dmar_sm_ss_job(const struct dmar_walk *w, const struct sm_path *p, struct dmar_ss_job *job);

/* first stage (first_stage.c) */
bool dmar_fs_canonical(uint64_t iova, unsigned width);
uint8_t dmar_fs_need(const struct dmar_walk *w, const struct sm_path *p);
uint8_t dmar_fs_effective(const struct sm_path *p, uint8_t have);
bool dmar_fs_perm_faults(struct dmar_walk *w, const struct sm_path *p, uint8_t have);
void dmar_fs_walk_failed(struct dmar_walk *w, const struct sm_path *p, int status,
			 const struct dmar_stage_result *res);
void dmar_first_stage_only(struct dmar_walk *w, const struct sm_path *p);

/* nested (nested.c) */
void dmar_nested(struct dmar_walk *w, const struct sm_path *p);

#endif
