/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fastwalk: an embeddable VT-d remapping-unit model (legacy and scalable
 * mode; second stage, first stage 4/5-level, nested, pass-through), with
 * the caches a real unit keeps (context, PASID, paging-structure, IOTLB)
 * and every invalidation the architecture defines.  It is a subject under
 * test like any other (docs/translator-abi.md): it sees only the public
 * headers, never the oracle or the harness, and is judged on every corpus.
 *
 * Files: unit.c (the ops table, request-level checks, the order of a DMA),
 * context.c (root/context/PASID structures of both modes), paging.c (the
 * page walks and their accessed/dirty updates), cache.c (the caches),
 * invalidate.c (CCMD/IOTLB registers and queued descriptors).
 */
#ifndef FASTWALK_H
#define FASTWALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/translator.h"

/* ---- Planted bugs (translators/mutants/) -------------------------------- */

/* each FW_BUG_* switches on one realistic bug at one place of the code */
enum fw_bug {
	FW_BUG_TLB_NO_DID = 1u << 0,     /* IOTLB looked up without the domain id (nor the requester) */
	FW_BUG_PSI_NO_AM = 1u << 1,      /* page-selective invalidation ignores AM */
	FW_BUG_RSVD_PDE = 1u << 2,       /* reserved bits of a level-2 SS table entry unchecked */
	FW_BUG_PT_WRONG_TABLE = 1u << 3, /* pass-through decided from the wrong structure */
	FW_BUG_LP_NO_CAP = 1u << 4,      /* a large SS page accepted without CAP.SSLPS */
	FW_BUG_SNP_RESERVED = 1u << 5,   /* SNP (bit 11) treated as reserved */
	FW_BUG_W_LEAF_ONLY = 1u << 6,    /* write permission taken from the leaf alone */
	FW_BUG_FPD_IGNORED = 1u << 7,    /* FPD ignored: faults always reported */
	FW_BUG_TLB_NO_PASID = 1u << 8,   /* IOTLB looked up without the PASID */
	FW_BUG_CC_NO_FM = 1u << 9,       /* device-selective context invalidation ignores FM */
	FW_BUG_PSI_KEEPS_PSC = 1u << 10, /* page-selective invalidation keeps paging-structure entries (IH assumed) */
	FW_BUG_T_NO_TT = 1u << 11,       /* translated requests admitted whatever TT/DTE says */
	FW_BUG_FS_NO_CANON = 1u << 12,   /* first-stage input not checked for canonical form */
	FW_BUG_1G_MASK = 1u << 13,       /* a 1G page's offset taken with the 2M mask */
	/* translators/mutants/mutants.c names each one */
};

#define FW_BUG(fw, b) (((fw)->bugs & (b)) != 0)

/* ---- Sizes ---------------------------------------------------------------- */

#define FW_IOTLB_WAYS 4
#define FW_IOTLB_SETS 64   /* 256 final translations */
#define FW_CTX_SLOTS 64    /* context-cache entries */
#define FW_PASID_SLOTS 64  /* PASID-cache entries */
#define FW_PSC_SLOTS 64    /* paging-structure cache entries (non-leaf entries) */

/* ---- Cached things -------------------------------------------------------- */

/* a context entry as the context cache holds it: raw, already checked */
struct fw_ctx_slot {
	bool valid;
	uint16_t sid;
	uint16_t did;      /* legacy: the entry's DID (for domain-selective invalidation) */
	uint8_t nqw;       /* 2 (legacy) or 4 (scalable) */
	uint64_t raw[4];
	uint32_t age;      /* for eviction: larger = used more recently */
};

/* a PASID-table entry as the PASID cache holds it: raw, already checked */
struct fw_pasid_slot {
	bool valid;
	uint16_t sid;      /* requester it was fetched for */
	uint16_t did;      /* the entry's DID */
	uint32_t pasid;
	uint64_t raw[8];
	uint32_t age;
};

/* a non-leaf paging entry (table pointer) as the paging-structure cache holds it */
struct fw_psc_slot {
	bool valid;
	bool fs;           /* first-stage entry (tagged by PASID too) */
	uint8_t level;     /* level of the entry (2..5) */
	uint16_t did;
	uint32_t pasid;
	uint64_t prefix;   /* input address bits above this level's index, i.e. addr >> (12 + 9*(level - 1)) */
	uint64_t entry;    /* the raw entry */
	uint8_t perm;      /* FW_P_* allowed by this entry and every one above it */
	uint32_t age;
};

/* permissions a translation grants (cumulative over the walk) */
#define FW_P_R 0x01u
#define FW_P_W 0x02u
#define FW_P_X 0x04u  /* execute (first stage) */
#define FW_P_U 0x08u  /* user-accessible (first stage: U/S set at every level) */

/* a final translation (IOTLB entry, and what a walk returns) */
struct fw_xlate {
	bool valid;
	uint16_t did;
	uint32_t pasid;    /* tag: PASID (scalable), or the RID_PASID for requests without */
	uint16_t sid;      /* requester it was made for: only its lookups hit (unit.c, vtd-notes 9.1) */
	bool fs;           /* made by a first-stage or nested walk (PASID-tagged, privilege matters) */
	bool priv;         /* made for a supervisor request (first stage) */
	uint64_t in;       /* input page base, aligned to size */
	uint64_t out;      /* output page base */
	uint8_t size_lg2;  /* 12, 21, 30 */
	uint8_t perm;      /* FW_P_* */
	bool dirty;        /* writes need no D update (D set, or D not tracked) */
	bool snoop;        /* SNP (second stage leaf) */
	uint32_t age;
};

/* ---- What the structures say about one request (context.c) ------------------- */

enum fw_kind {
	FW_K_PT,      /* pass-through: output = input */
	FW_K_SS,      /* second stage only */
	FW_K_FS,      /* first stage only */
	FW_K_NESTED,  /* first stage, its tables and output through the second stage */
};

struct fw_path {
	uint8_t kind;      /* enum fw_kind */
	bool scalable;     /* fault codes of scalable mode */
	bool fpd;          /* FPD seen: qualified faults are blocked, not reported */
	bool ats_ok;       /* translation and translated requests admitted (TT=01 / DTE) */
	bool pre;          /* page requests admitted (scalable PRE) */
	uint16_t did;
	uint32_t pasid;    /* the PASID used (RID_PASID for requests without, scalable) */
	/* second stage */
	uint64_t ss_root;  /* SSPTPTR */
	uint8_t ss_levels; /* 3, 4, 5 */
	uint8_t ss_width;  /* input limit bits: min(MGAW, AW width) */
	bool ss_ad;        /* SSADE: the unit sets A/D in second-stage entries */
	/* first stage */
	uint64_t fs_root;  /* FSPTPTR */
	uint8_t fs_levels; /* 4, 5 */
	bool sre;          /* supervisor requests allowed */
	bool wpe;          /* write protect for supervisor requests */
	bool eafe;         /* extended accessed flag */
	bool ere;          /* execute requests allowed */
	bool snoop_walk;   /* the walk is snooped (PWSNP / ECAP.SMPWCS), so A/D updates are possible */
	bool priv;         /* effective privilege: PR, or RID_PRIV (RPRIVS) for requests without PASID */
	bool pgsnp;        /* PASID entry PGSNP: completions say N (vtd-notes 7.2) */
};

/* reserved-bit masks per structure entry kind, filled by fw_context_setup */
#define FW_RSVD_KINDS 8

/* ---- The instance ----------------------------------------------------------- */

struct fw {
	struct dmar_translator_unit unit;
	struct dmar_mem_if mem;
	uint32_t bugs;     /* FW_BUG_* (0: fastwalk itself) */
	/* decoded once per open/srtp/te */
	uint8_t mode;      /* TTM: 0 legacy, 1 scalable, 3 abort; 2 = invalid */
	uint8_t mgaw;      /* bits */
	uint32_t tick;     /* ages cache slots */
	struct fw_ctx_slot ctx[FW_CTX_SLOTS];
	struct fw_pasid_slot pasid[FW_PASID_SLOTS];
	struct fw_psc_slot psc[FW_PSC_SLOTS];
	struct fw_xlate tlb[FW_IOTLB_SETS][FW_IOTLB_WAYS];
	bool queue_stopped; /* an invalid descriptor stopped the queue */
	uint64_t rsvd[FW_RSVD_KINDS][8]; /* reserved bits of root/context/PASID entries (context.c) */
};

/* a fault: its reason code (spec Table 30, enum dmar_fault_reason); 0 = none */
typedef uint8_t fw_fault;

/* ---- context.c ------------------------------------------------------------ */

/*
 * Resolves the requester's root/context (and PASID) entries, through the
 * context and PASID caches, into *p.  Returns 0, or the fault.  p->fpd is
 * set as soon as an entry with FPD was seen, even when a later one faults.
 */
fw_fault fw_resolve(struct fw *fw, const struct dmar_request *rq, struct fw_path *p);
/* (re)computes fw->rsvd from CAP/ECAP/HAW/RTADDR: at open and at every SRTP */
void fw_context_setup(struct fw *fw);

/* ---- paging.c --------------------------------------------------------------- */

/*
 * Walks the page tables p names for rq->addr (second stage, first stage or
 * nested), through the paging-structure cache, from the input-limit and
 * canonical checks to the leaf, judging permissions against the request and
 * setting accessed/dirty flags as the unit does.  Returns 0 with *x filled
 * (in, out, size, cumulative perm, dirty, did/pasid tags), or the fault.
 * Translation requests (rq->at == DMAR_AT_TR) are not failed for missing
 * permission: they succeed with the permissions granted (perm may be 0,
 * and a not-present entry gives perm 0 where the architecture answers
 * "Success, R=W=0").  Output checks (interrupt range) are unit.c's.
 */
fw_fault fw_walk(struct fw *fw, const struct fw_path *p, const struct dmar_request *rq,
		 struct fw_xlate *x);

/* ---- cache.c ---------------------------------------------------------------- */

void fw_cache_flush_all(struct fw *fw);
/* context cache: raw entry for sid (true), or false on a miss */
bool fw_ctx_get(struct fw *fw, uint16_t sid, uint64_t *raw, unsigned nqw);
void fw_ctx_put(struct fw *fw, uint16_t sid, uint16_t did, const uint64_t *raw, unsigned nqw);
/* PASID cache (scalable) */
bool fw_pasid_get(struct fw *fw, uint16_t sid, uint32_t pasid, uint64_t raw[8]);
void fw_pasid_put(struct fw *fw, uint16_t sid, uint32_t pasid, uint16_t did, const uint64_t raw[8]);
/* paging-structure cache: the non-leaf entry at `level` for addr, with perm above it */
bool fw_psc_get(struct fw *fw, bool fs, uint16_t did, uint32_t pasid, uint8_t level, uint64_t addr,
		uint64_t *entry, uint8_t *perm);
void fw_psc_put(struct fw *fw, bool fs, uint16_t did, uint32_t pasid, uint8_t level, uint64_t addr,
		uint64_t entry, uint8_t perm);
/* IOTLB: a translation for (did, pasid) covering addr, or NULL */
const struct fw_xlate *fw_tlb_get(struct fw *fw, uint16_t did, uint32_t pasid, bool fs, uint64_t addr);
void fw_tlb_put(struct fw *fw, const struct fw_xlate *x);

/* invalidation primitives (what each granularity removes: vtd-notes 9.5) */
void fw_inv_ctx(struct fw *fw, int gran, uint16_t did, uint16_t sid, uint8_t fm);
void fw_inv_pasid(struct fw *fw, int gran, uint16_t did, uint32_t pasid);
/* IOTLB/PSC: gran 1 global, 2 domain, 3 page (addr, am, ih); fs: PASID-based (pasid, or all) */
void fw_inv_tlb(struct fw *fw, int gran, uint16_t did, uint64_t addr, uint8_t am, bool ih);
void fw_inv_piotlb(struct fw *fw, int gran, uint16_t did, uint32_t pasid, uint64_t addr, uint8_t am,
		   bool ih);

/* ---- invalidate.c ------------------------------------------------------------ */

void fw_ccmd(void *self, uint64_t ccmd_reg);
void fw_iotlb_reg(void *self, uint64_t iotlb_reg, uint64_t iva_reg);
int fw_qi(void *self, const uint64_t *desc, unsigned qwords);

/* ---- unit.c ------------------------------------------------------------------- */

/* opens an instance with planted bugs (0: none); NULL with err on failure */
void *fw_open_bugs(const struct dmar_translator_unit *unit, const struct dmar_mem_if *mem, uint32_t bugs,
		   char *err, size_t err_size);
extern const struct dmar_translator_ops dmar_fastwalk_ops;
/* the ops, for the mutants' tables (translators/mutants/mutants.c): these names, not static */
void fw_close(void *self);
void fw_srtp(void *self, uint64_t rtaddr);
void fw_te(void *self, bool on);
int fw_dma(void *self, const struct dmar_request *rq, struct dmar_outcome *out, char *err, size_t err_size);

/* the interrupt address range FEEx_xxxx (vtd-notes 7.6) */
static inline bool fw_in_irq_range(uint64_t a)
{
	return a >= 0xfee00000ull && a <= 0xfeefffffull;
}

static inline bool fw_overlaps_irq_range(uint64_t base, unsigned size_lg2)
{
	uint64_t last = base + ((1ull << size_lg2) - 1);

	return base <= 0xfeefffffull && last >= 0xfee00000ull;
}

#endif
