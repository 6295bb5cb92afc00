/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The reference oracle's public interface.
 *
 * Given a remapping unit (its registers), a physical memory (through an
 * interface) and one DMA request, the oracle answers the *set* of outcomes
 * the VT-d architecture allows, and optionally a trace of every structure it
 * read and every check that decided.
 *
 * Everything here is freestanding: fixed-width integers only, no libc, no
 * allocation (the caller passes all storage), no global state.
 */
#ifndef DMAR_ORACLE_H
#define DMAR_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DMAR_ORACLE_ABI 1

/* ---- The remapping unit as software sees it -------------------------- */

struct dmar_unit {
	uint64_t cap;    /* CAP_REG, raw */
	uint64_t ecap;   /* ECAP_REG, raw */
	uint64_t rtaddr; /* RTADDR_REG as latched by SRTP, raw */
	uint32_t ver;    /* VER_REG: major in bits 7:4 */
	uint8_t haw;     /* host address width (ACPI DMAR), at most DMAR_MAX_HAW */
	bool te;         /* GSTS.TES: translation enabled */
};

/* the widest host address: paging entries hold address bits 51:12 */
#define DMAR_MAX_HAW 52

/* ---- Memory as the unit reaches it ------------------------------------ */

enum dmar_mem_status {
	DMAR_MEM_OK = 0,
	DMAR_MEM_ABORT = 1, /* no memory there: the read or write aborts */
};

/*
 * Reads and writes are 8-byte aligned 64-bit little-endian accesses at host
 * physical addresses.  A read that aborts gives the "error accessing entry"
 * fault of the structure being fetched.
 */
struct dmar_mem_if {
	void *ctx;
	int (*read64)(void *ctx, uint64_t hpa, uint64_t *val);
	int (*write64)(void *ctx, uint64_t hpa, uint64_t val);
	/*
	 * Optional (NULL = unknown): would a write by the unit at hpa succeed?
	 * Asked without writing, for A/EA updates a faulting walk may have
	 * attempted (their SFS.10 / SSS.6 beside the later fault).
	 */
	bool (*writable)(void *ctx, uint64_t hpa);
};

/* ---- A DMA request ----------------------------------------------------- */

enum dmar_access { DMAR_ACC_READ, DMAR_ACC_WRITE, DMAR_ACC_ATOMIC };

/* PCIe Address Type */
enum dmar_at {
	DMAR_AT_UT, /* untranslated */
	DMAR_AT_TR, /* translation request (ATS) */
	DMAR_AT_T,  /* translated */
	DMAR_AT_PR, /* page request (PRI message); access = what it asks for */
};

struct dmar_request {
	uint64_t addr;  /* input address: IOVA, or HPA for translated requests */
	uint32_t len;   /* bytes; 0 = zero-length read */
	uint32_t pasid; /* valid when has_pasid */
	uint16_t sid;   /* source-id: bus[15:8] dev[7:3] fn[2:0] */
	uint8_t access; /* enum dmar_access */
	uint8_t at;     /* enum dmar_at */
	bool has_pasid; /* the request carries a PASID prefix */
	bool priv;      /* PR bit of the PASID prefix */
	bool exec;      /* ER bit of the PASID prefix */
	bool nw;        /* ATS no-write hint */
};

/* ---- Outcomes ---------------------------------------------------------- */

enum dmar_outcome_kind {
	DMAR_OUT_OK,        /* translated: first byte lands at hpa */
	DMAR_OUT_FAULT,     /* aborted, fault `reason` reported */
	DMAR_OUT_BLOCKED,   /* aborted, fault `reason` not reported (FPD) */
	DMAR_OUT_ATS,       /* translation completion, Success, with perms */
	DMAR_OUT_ATS_NONE,  /* translation completion, Success, R=W=0 */
	DMAR_OUT_UR,        /* Unsupported Request, no remapping fault */
	DMAR_OUT_INTERRUPT, /* a DWORD write to FEEx_xxxx: an interrupt request */
	DMAR_OUT_PRQ,       /* a page request delivered to the page-request queue */
	DMAR_OUT_MISS,      /* `atc` queries only: the device-TLB holds nothing for the address */
};

enum dmar_cpl { DMAR_CPL_ANY = 0, DMAR_CPL_UR, DMAR_CPL_CA };

#define DMAR_ATS_R 0x01u
#define DMAR_ATS_W 0x02u
#define DMAR_ATS_U 0x04u
#define DMAR_ATS_N 0x08u
#define DMAR_ATS_PRIV 0x10u

struct dmar_outcome {
	uint64_t hpa;     /* OK: first byte; ATS: base of the translation */
	uint8_t kind;     /* enum dmar_outcome_kind */
	uint8_t reason;   /* FAULT/BLOCKED: fault reason code */
	uint8_t cpl;      /* FAULT/BLOCKED: completion status (ANY = unsaid) */
	uint8_t ats;      /* ATS: DMAR_ATS_* bits */
	uint8_t size_lg2; /* ATS: translation size, log2 bytes (12 = 4K) */
};

#define DMAR_MAX_OUTCOMES 16

struct dmar_outcome_set {
	uint32_t n;
	struct dmar_outcome o[DMAR_MAX_OUTCOMES];
};

/* true when the two outcomes are the same (an unsaid status matches any) */
bool dmar_outcome_match(const struct dmar_outcome *a, const struct dmar_outcome *b);
/* adds o unless an identical one is there; false when the set is full */
bool dmar_outcome_set_add(struct dmar_outcome_set *s, const struct dmar_outcome *o);
/* every member of a matches one of b and every member of b one of a */
bool dmar_outcome_set_equal(const struct dmar_outcome_set *a, const struct dmar_outcome_set *b);
/* some member of s matches o */
bool dmar_outcome_set_contains(const struct dmar_outcome_set *s, const struct dmar_outcome *o);

/* ---- Trace: what the walk read and decided ---------------------------- */

/* Every entry shape the oracle decodes (the trace's `fmt` byte, a cache key's `shape`) */
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

/* the shape's name, e.g. "SS-PDE (2M page)"; "none" for an unknown id */
const char *dmar_shape_name(unsigned id);

enum dmar_step_kind {
	DMAR_STEP_READ,  /* a structure entry was fetched */
	DMAR_STEP_ABORT, /* fetching a structure entry aborted */
	DMAR_STEP_CHECK, /* a check decided (passed or failed) */
	DMAR_STEP_NOTE,  /* a derived value (input limit, output address) */
	DMAR_STEP_STALE, /* a value a cache may still hold for the entry read next */
};

struct dmar_step {
	uint64_t hpa;    /* READ/ABORT: entry address */
	uint64_t raw[8]; /* READ: the entry, up to 512 bits */
	uint64_t arg;    /* CHECK/NOTE: the value the check looked at */
	uint8_t kind;    /* enum dmar_step_kind */
	uint8_t fmt;     /* READ/ABORT/STALE: enum dmar_shape_id */
	uint8_t level;   /* READ/ABORT: paging level (1 = 4K leaf level) */
	uint8_t nqw;     /* READ: qwords valid in raw */
	uint16_t check;  /* CHECK/NOTE: enum dmar_check_id */
	uint8_t failed;  /* CHECK: 1 when the check failed */
	uint8_t reason;  /* CHECK: fault reason it gives when failed; STALE: the rights a paging copy
			  * keeps above it (struct dmar_cache_key), DMAR_ABOVE_MEMORY for none */
};

struct dmar_trace {
	struct dmar_step *steps; /* caller's storage */
	uint32_t cap;            /* entries in steps */
	uint32_t n;              /* entries used (stops growing at cap) */
};

/* ---- Checks the oracle makes (the trace's `check` field) --------------- */

enum dmar_check_id {
	DMAR_CHK_NONE,
	DMAR_CHK_TRANSLATION_ENABLED, /* GSTS.TES */
	DMAR_CHK_IRQ_INPUT,           /* request without PASID to FEEx_xxxx */
	DMAR_CHK_ATS_PROTOCOL,        /* only reads may be translation requests */
	DMAR_CHK_TTM,                 /* RTADDR.TTM valid and supported */
	DMAR_CHK_SSIRWE_LEGACY,       /* RTADDR.SSIRWE with TTM=00 */
	DMAR_CHK_PASID_LEGACY,        /* requests with PASID in legacy mode */
	DMAR_CHK_FETCH,               /* the entry could be read */
	DMAR_CHK_PRESENT,             /* P (or R|W) set */
	DMAR_CHK_RESERVED,            /* no reserved bit set */
	DMAR_CHK_CTX_TT,              /* context TT supported */
	DMAR_CHK_CTX_AW,              /* context AW in SAGAW */
	DMAR_CHK_CTX_PT_AW,           /* pass-through AW = largest SAGAW */
	DMAR_CHK_CTX_GATING,          /* TT allows this request type */
	DMAR_CHK_INPUT_LIMIT,         /* input < 2^min(MGAW, AW) */
	DMAR_CHK_HAW_LIMIT,           /* input < 2^HAW (pass-through, translated) */
	DMAR_CHK_PERM_READ,           /* cumulative read permission */
	DMAR_CHK_PERM_WRITE,          /* cumulative write permission */
	DMAR_CHK_ZLR,                 /* zero-length read excused from read permission */
	DMAR_CHK_OUTPUT_IRQ,          /* output not in FEEx_xxxx */
	DMAR_NOTE_FPD,                /* FPD seen: qualified faults are not reported */
	DMAR_NOTE_LEVELS,             /* paging levels chosen by AW */
	DMAR_NOTE_OUTPUT,             /* the translated address */
	DMAR_NOTE_PERM_LOST,          /* permission already lost above a failure */
	DMAR_NOTE_PT_SSPTPTR,         /* pass-through: ignored SSPTPTR has bits above HAW */
	DMAR_CHK_SCT_PROGRAMMING,     /* scalable context entry programmed consistently */
	DMAR_CHK_DTE,                 /* DTE allows translation / translated requests */
	DMAR_CHK_PASIDE,              /* PASIDE allows requests with PASID */
	DMAR_CHK_PASID_PDTS,          /* PASID within the PASID directory */
	DMAR_CHK_PASID_RID_PASID,     /* request PASID differs from RID_PASID */
	DMAR_CHK_EPTR,                /* EPTR allows translated requests with PASID */
	DMAR_CHK_PASID_PSS,           /* PASID within ECAP.PSS */
	DMAR_CHK_PGTT,                /* PGTT valid and supported */
	DMAR_CHK_PASID_AW,            /* PASID-entry AW in SAGAW */
	DMAR_CHK_FSPM,                /* FSPM supported */
	DMAR_CHK_EXEC,                /* no execute request (ERS=0, VER <= 7) */
	DMAR_CHK_SRE,                 /* supervisor requests allowed (SRE) */
	DMAR_CHK_CANONICAL,           /* first-stage input canonical */
	DMAR_CHK_PERM_USER,           /* user access on every first-stage level */
	DMAR_CHK_AD_SNOOP,            /* A/D update possible (walk snooped) */
	DMAR_NOTE_AD_WRITE,           /* the unit sets A/EA/D: the new entry value */
	DMAR_NOTE_PASID,              /* the PASID used (RID_PASID for requests without) */
	DMAR_NOTE_PT_SSPTPTR_SM,      /* PGTT 001/100: the ignored SSPTPTR has bits above HAW */
	DMAR_NOTE_FS_LEVELS,          /* first-stage levels chosen by FSPM */
	DMAR_CHK_FSPTPTR_LIMIT,       /* nested: FSPTPTR below 2^min(MGAW, AW) */
	DMAR_CHK_FS_GPA_LIMIT,        /* nested: an FS entry's guest address below the limit */
	DMAR_NOTE_NESTED_TABLE,       /* nested: second stage for an FS entry's guest address */
	DMAR_NOTE_NESTED_OUTPUT,      /* nested: second stage for the first stage's output */
	DMAR_CHK_PRQ_LEGACY,          /* no page requests in legacy mode */
	DMAR_CHK_PRE,                 /* PRE allows page requests */
	DMAR_NOTE_IOTLB_HIT,          /* a cached final translation (IOTLB) may answer: its output page */
	DMAR_NOTE_IOTLB_SINCE,        /* ... made (or current) at that event, no covering invalidation since */
	DMAR_CHECK_COUNT
};

struct dmar_check_info {
	const char *name;     /* short name */
	const char *spec;     /* vtd-notes / spec reference */
};

const struct dmar_check_info *dmar_check_get(unsigned id);

/* ---- The oracle -------------------------------------------------------- */

enum dmar_oracle_error {
	DMAR_ORACLE_OK = 0,
	DMAR_ORACLE_OVERFLOW = -2,    /* more outcomes than DMAR_MAX_OUTCOMES */
	DMAR_ORACLE_NO_OUTCOME = -3,  /* the walk emitted nothing: a gap in the oracle (a bug) */
};

/*
 * What the oracle derives once per unit configuration (reserved masks,
 * widths), so that each request costs only its walk.  Plain data: copy it,
 * keep it anywhere.
 */
struct dmar_oracle {
	struct dmar_unit unit;
	uint8_t mgaw;
	uint8_t ttm;
	uint8_t sagaw;
	uint8_t max_aw; /* largest AW encoding in SAGAW (0 if none) */
	uint64_t root_rsvd[2];
	uint64_t ctx_rsvd[2];    /* TT = 00/01 */
	uint64_t ctx_pt_rsvd[2]; /* TT = 10 (SSPTPTR ignored) */
	uint64_t sl_table_rsvd[6]; /* per level: entry pointing to a table */
	uint64_t sl_leaf_rsvd[6];  /* per level: leaf (0 where no leaf) */
	uint8_t sl_leaf_ok[6];     /* per level: a leaf is allowed there */
	/* scalable mode */
	uint64_t sm_root_rsvd[2];  /* lower half (qword 0), upper half (qword 1) */
	uint64_t sm_ctx_rsvd[4];
	uint64_t pasid_dir_rsvd;
	uint64_t pasid_entry_rsvd[8];    /* PGTT using the second stage */
	uint64_t pasid_entry_nss_rsvd[8];/* PGTT 001/100: SSPTPTR ignored */
	uint64_t fs_table_rsvd[6];
	uint64_t fs_leaf_rsvd[6];
	uint8_t fs_leaf_ok[6];
};

void dmar_oracle_init(struct dmar_oracle *o, const struct dmar_unit *unit);

/* as dmar_oracle_translate, with the per-unit work done */
int dmar_oracle_answer(const struct dmar_oracle *o, const struct dmar_mem_if *mem,
		       const struct dmar_request *rq, struct dmar_outcome_set *out,
		       struct dmar_trace *trace);

/*
 * Memory the unit may have written although the request faulted: the
 * architecture lets it set A (and EA) on entries a walk used before the
 * walk failed (vtd-notes 4.5, 5.4).  The oracle never makes such writes
 * itself; it lists them so that a `check` may accept either value, and a
 * later walk follow either (DMAR_WHY_FLAGGED).
 */
struct dmar_maybe_write {
	uint64_t hpa;
	uint64_t bits; /* bits that may now be set */
};

struct dmar_side_effects {
	struct dmar_maybe_write *may; /* caller's storage */
	uint32_t cap, n;
};

/*
 * Caches, as the caller models them (docs/cache-model-plan.md).  For every
 * structure entry a walk reads, the oracle asks which other values a cache
 * may still hold for it and tells what it read from memory (a cache may keep
 * that).  The key says what the entry is and under which tags it is cached.
 */
#define DMAR_KEY_PASID 0x01u /* the entry is cached per PASID (scalable paging, PASID entries) */
#define DMAR_KEY_NOSNOOP 0x02u /* the unit reads this entry without snooping (ECAP.C / PWSNP) */
#define DMAR_KEY_FAULTED 0x04u /* fill: the entry failed its own checks (cacheable only with CM=1) */
#define DMAR_KEY_COPIES 0x08u /* stale: a lookup by tags alone, memory is not read: cached copies only */
#define DMAR_KEY_VIA_SS 0x10u /* a nested first-stage entry: the unit's stores to it go through the second
			       * stage, and may fail there */

struct dmar_cache_key {
	uint64_t hpa;   /* where the entry is */
	uint64_t input; /* paging entries: the address being translated */
	uint32_t did, pasid;
	uint16_t sid;
	uint8_t shape;  /* enum dmar_shape_id; paging entries: the shape of a table entry at `level` */
	uint8_t level;  /* paging entries: 1..5; 0 otherwise */
	uint8_t nqw;    /* entry size in qwords */
	uint8_t flags;  /* DMAR_KEY_* */
	/*
	 * Paging entries: what the levels above granted (R 1, W 2, U/S 4),
	 * which a paging-structure cache keeps with its copy of the entry
	 * (vtd-notes 9.1): a walk going on from the copy has those rights.
	 */
	uint8_t above;
};

#define DMAR_MAX_STALE 16
/* stale(): a value of memory itself (unflushed, torn, flags): the levels above are as the walk found them */
#define DMAR_ABOVE_MEMORY 0xffu

/* why a stale value is allowed: a kind in bits 31:28, the event index in 27:0 */
#define DMAR_WHY_CACHED 0x10000000u /* a walk read it at that event; nothing covering completed */
#define DMAR_WHY_TORN 0x20000000u   /* pieces of the value read at that event, pieces of today's */
#define DMAR_WHY_UNFLUSHED 0x30000000u /* software overwrote it at that event; line not flushed */
#define DMAR_WHY_MIDWRITE 0x40000000u  /* memory held it between two stores of that `write` */
#define DMAR_WHY_PREFETCHED 0x50000000u /* current until that event: the unit may have cached it on
					 * its own then (any walk that would succeed, vtd-notes 9.8) */
#define DMAR_WHY_FLAGGED 0x60000000u /* memory: a walk that faulted at that event may have set
				      * flags in it (struct dmar_side_effects) */

/* a final translation as the IOTLB keeps it (vtd-notes 9.1) */
struct dmar_translation {
	uint64_t in, out;  /* bases of the page, or of the piece of it kept, aligned to its size */
	uint8_t size_lg2;
	uint8_t perm;      /* the R (1) / W (2) it grants requests of its privilege */
	uint8_t how;       /* the request that made it: access | priv << 2 | exec << 3 | zero-length << 4 */
	uint8_t irq_code;  /* completions: the fault for an output in the interrupt range (0: none) */
	bool dirty;        /* a write through it needs no flag update (D set, or not tracked) */
	bool n;            /* completions: N */
	bool ats_ok;       /* its context entry admits translation requests */
	bool first_stage;  /* PGTT 001/011: privilege matters; page-selective IOTLB takes the whole DID */
	bool pass_through; /* PGTT 100: a translation request's output is not judged against FEEx */
	/*
	 * tlb_fill: 0 when made from memory as it is now; else 1 + the event of
	 * the oldest cached value it was made from (it can have been made no
	 * later than those values were current: an invalidation queued since
	 * removes it with them)
	 */
	uint32_t from;
};

struct dmar_cache_if {
	void *ctx;
	/* up to `max` values (nqw qwords each) other than `now` a cache may hold; returns how
	 * many, or max + 1 when there were more than fit.  why[i] says where value i comes
	 * from (DMAR_WHY_*), for explain; above[i] the rights kept with a paging copy
	 * (struct dmar_cache_key), or DMAR_ABOVE_MEMORY.  *same (may be NULL): a cached
	 * copy equal to `now` is held too (a walk may have used it instead of memory). */
	unsigned (*stale)(void *ctx, const struct dmar_cache_key *key, const uint64_t *now,
			  uint64_t (*alt)[8], uint32_t *why, uint8_t *above, bool *same, unsigned max);
	/* the walk read `val` from memory for this key (once the entry's own checks are done:
	 * DMAR_KEY_FAULTED in key->flags when they failed) */
	void (*fill)(void *ctx, const struct dmar_cache_key *key, const uint64_t *val);
	/*
	 * The IOTLB proper (vtd-notes 9.1): final translations, looked up by
	 * requester (with or without PASID) and address, whatever the tables now
	 * say.  tlb_fill: a walk for rq found translation t (any walk the caches
	 * allow, not only the one through memory); `key` carries the DID and
	 * PASID the entry is tagged with.  tlb: up to max translations cached
	 * for this requester that cover its address (max + 1: more did not fit);
	 * the oracle decides which the request may use.  Both may be NULL.
	 */
	void (*tlb_fill)(void *ctx, const struct dmar_cache_key *key, const struct dmar_request *rq,
			 const struct dmar_translation *t);
	unsigned (*tlb)(void *ctx, const struct dmar_request *rq, struct dmar_translation *out,
			uint32_t *events, unsigned max);
};

/* optional inputs and outputs of one answer */
struct dmar_answer_opts {
	struct dmar_trace *trace;         /* the fresh walk's steps */
	struct dmar_side_effects *fx;     /* speculative writes */
	const struct dmar_cache_if *cache; /* NULL: memory is read as uncached */
	uint32_t max_walks;               /* bound on walks enumerated (0: 256) */
	bool probe;                       /* a prefetch walk: only cached values above the leaf are
					   * followed, and the IOTLB is not asked (harness/prefetch.c) */
	bool bounded;                     /* out: the bound cut the enumeration short */
};

int dmar_oracle_answer_ex(const struct dmar_oracle *o, const struct dmar_mem_if *mem,
			  const struct dmar_request *rq, struct dmar_outcome_set *out,
			  struct dmar_answer_opts *opts);

/*
 * Answers the allowed outcomes of one request.  Memory is read (and, for
 * accessed/dirty updates in scalable mode, written) through `mem`.  `trace`
 * may be NULL.  Returns 0 or a negative enum dmar_oracle_error.
 */
int dmar_oracle_translate(const struct dmar_unit *unit, const struct dmar_mem_if *mem,
			  const struct dmar_request *rq, struct dmar_outcome_set *out,
			  struct dmar_trace *trace);

/* ---- Fault-reason and check tables (for explain, coverage, reports) --- */

/*
 * Fault reasons (spec Table 30, vtd-notes 8.1), named by the spec's mnemonic
 * of the condition.  A code several conditions share (LCT.4.1-4.3, LGN.1.x,
 * RTA.1.x, SCT.4.x, SPT.4.x, SGN.4.x, SGN.8.x) is named by their group.
 */
enum dmar_fault_reason {
	DMAR_FR_LRT_2 = 0x01,   /* root entry not present */
	DMAR_FR_LCT_2 = 0x02,   /* context entry not present */
	DMAR_FR_LCT_4 = 0x03,   /* context entry programming (AW, TT, SS root fetch) */
	DMAR_FR_LGN_1 = 0x04,   /* input beyond the limit or HAW */
	DMAR_FR_LGN_2 = 0x05,   /* no write permission */
	DMAR_FR_LGN_3 = 0x06,   /* no read permission */
	DMAR_FR_LSS_1 = 0x07,   /* second-stage entry fetch aborted */
	DMAR_FR_LRT_1 = 0x08,   /* root entry fetch aborted */
	DMAR_FR_LCT_1 = 0x09,   /* context entry fetch aborted */
	DMAR_FR_LRT_3 = 0x0a,   /* root entry reserved bit */
	DMAR_FR_LCT_3 = 0x0b,   /* context entry reserved bit */
	DMAR_FR_LSS_2 = 0x0c,   /* second-stage entry reserved bit */
	DMAR_FR_LCT_5 = 0x0d,   /* TT does not admit the request type */
	DMAR_FR_LGN_4 = 0x0e,   /* address in the interrupt range */
	DMAR_FR_IR = 0x29,      /* illegal request to the interrupt range */
	DMAR_FR_RTA_1 = 0x30,   /* RTADDR.TTM invalid, or SSIRWE in legacy mode */
	DMAR_FR_RTA_2 = 0x31,   /* PASID in legacy mode */
	DMAR_FR_RTA_3 = 0x32,   /* page request in legacy mode */
	DMAR_FR_RTA_4 = 0x33,   /* abort-DMA mode */
	DMAR_FR_RTA_5 = 0x34,   /* execute-requested with PASID (VER >= 8) */
	DMAR_FR_SRT_1 = 0x38,   /* scalable root entry fetch aborted */
	DMAR_FR_SRT_2 = 0x39,   /* scalable root half not present */
	DMAR_FR_SRT_3 = 0x3a,   /* scalable root half reserved bit */
	DMAR_FR_SCT_1 = 0x40,   /* scalable context entry fetch aborted */
	DMAR_FR_SCT_2 = 0x41,   /* scalable context entry not present */
	DMAR_FR_SCT_3 = 0x42,   /* scalable context entry reserved bit */
	DMAR_FR_SCT_4 = 0x43,   /* scalable context entry programming */
	DMAR_FR_SCT_5 = 0x44,   /* DTE=0 */
	DMAR_FR_SCT_6 = 0x45,   /* PASIDE=0 */
	DMAR_FR_SCT_7 = 0x46,   /* PASID beyond PDTS */
	DMAR_FR_SCT_8 = 0x47,   /* PRE=0 */
	DMAR_FR_SCT_9 = 0x48,   /* PASID equals RID_PASID */
	DMAR_FR_SCT_10 = 0x49,  /* EPTR=0 */
	DMAR_FR_SPD_1 = 0x50,   /* PASID-directory entry fetch aborted */
	DMAR_FR_SPD_2 = 0x51,   /* PASID-directory entry not present */
	DMAR_FR_SPD_3 = 0x52,   /* PASID-directory entry reserved bit */
	DMAR_FR_SPT_1 = 0x58,   /* PASID-table entry fetch aborted */
	DMAR_FR_SPT_2 = 0x59,   /* PASID-table entry not present */
	DMAR_FR_SPT_3 = 0x5a,   /* PASID-table entry reserved bit */
	DMAR_FR_SPT_4 = 0x5b,   /* PASID-table entry programming (PGTT, AW, FSPM, FSPTPTR) */
	DMAR_FR_SPT_5 = 0x5c,   /* execute-requested with ERS=0 */
	DMAR_FR_SPT_6 = 0x5d,   /* supervisor request with SRE=0 */
	DMAR_FR_SPT_9 = 0x60,   /* translated address beyond the HPT size */
	DMAR_FR_SFS_1 = 0x70,   /* first-stage entry fetch aborted */
	DMAR_FR_SFS_2 = 0x71,   /* first-stage entry not present */
	DMAR_FR_SFS_3 = 0x72,   /* first-stage entry reserved bit */
	DMAR_FR_SFS_4 = 0x73,   /* first-stage root fetch aborted */
	DMAR_FR_SFS_5 = 0x74,   /* nested: FS entry address beyond the limit */
	DMAR_FR_SFS_6 = 0x75,   /* nested: SS denies reading the FS root table */
	DMAR_FR_SFS_7 = 0x76,   /* nested: SS denies reading an FS table */
	DMAR_FR_SFS_8 = 0x77,   /* nested: SS denies the FS A/EA/D update */
	DMAR_FR_SSS_1 = 0x78,   /* second-stage entry fetch aborted */
	DMAR_FR_SSS_2 = 0x79,   /* second-stage entry not present, or R=W=0 */
	DMAR_FR_SSS_3 = 0x7a,   /* second-stage entry reserved bit */
	DMAR_FR_SSS_4 = 0x7b,   /* second-stage root fetch aborted */
	DMAR_FR_SSS_5 = 0x7c,   /* second-stage A/D update, walk not snooped */
	DMAR_FR_SSS_6 = 0x7d,   /* second-stage A/D update failed */
	DMAR_FR_SGN_1 = 0x80,   /* first-stage input not canonical */
	DMAR_FR_SGN_2 = 0x81,   /* user request meets U/S=0 */
	DMAR_FR_SGN_4 = 0x83,   /* address beyond HAW */
	DMAR_FR_SGN_5 = 0x84,   /* second-stage input beyond min(MGAW, AW) */
	DMAR_FR_SGN_6 = 0x85,   /* no write permission */
	DMAR_FR_SGN_7 = 0x86,   /* no read permission */
	DMAR_FR_SGN_8 = 0x87,   /* address in the interrupt range */
	DMAR_FR_SGN_10 = 0x89,  /* PASID beyond ECAP.PSS */
	DMAR_FR_SFS_9 = 0x90,   /* first-stage A/D update, walk not snooped */
	DMAR_FR_SFS_10 = 0x91,  /* first-stage A/EA/D update failed */
};

struct dmar_fault_info {
	uint8_t code;         /* enum dmar_fault_reason */
	const char *mnemonic; /* spec mnemonic, e.g. "LRT.2" */
	bool qualified;       /* suppressed by FPD=1 */
	uint8_t cpl_u;        /* completion for untranslated requests */
	uint8_t cpl_t;        /* translation requests: enum dmar_fault_cpl */
	uint8_t cpl_x;        /* translated requests */
	const char *what;     /* short description */
	const char *spec;     /* where the condition is defined (vtd-notes sections) */
};

/* How a translation request ends for a fault condition (vtd-notes 8.1) */
enum dmar_fault_cpl {
	DMAR_FC_NA = 0, /* does not apply to this request class */
	DMAR_FC_UR,     /* Unsupported Request, recorded */
	DMAR_FC_CA,     /* Completer Abort, recorded */
	DMAR_FC_S0,     /* Success with R=W=0, not recorded */
	DMAR_FC_SP,     /* Success with the effective permissions */
};

/* NULL when the code is unknown */
const struct dmar_fault_info *dmar_fault_lookup(uint8_t code);

#endif /* DMAR_ORACLE_H */
