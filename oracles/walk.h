/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Internal: the state of one request's walk, the helpers every step uses
 * (fetch with trace, checks, emitting outcomes) and the generic paging
 * engine.
 */
#ifndef DMAR_WALK_H
#define DMAR_WALK_H

#include "dmar/oracle.h"
#include "oracles/bits.h"
#include "oracles/format.h"

struct dmar_pending {
	bool has;
	struct dmar_cache_key key;
	uint64_t val[8];
};

/* which cached value each read of a walk takes */
struct dmar_script {
	uint8_t choice[64]; /* per read: 0 = memory, i = the i-th cached value */
	uint8_t nalt[64];   /* per read: how many cached values there were */
};

/* the stores one walk may make: A/EA at every level of both stages, D at the leaves (nested with
 * SSADE a few more; beyond, struct dmar_walk's stores_lost; the kernel's stack bounds the size) */
#define DMAR_WALK_MAX_STORES 32

/* a store of the walk through memory: undone while the other walks run, then made again */
struct dmar_store {
	uint64_t hpa, old, val;
};

struct dmar_walk {
	const struct dmar_oracle *o;
	const struct dmar_mem_if *mem;
	const struct dmar_request *rq;
	struct dmar_outcome_set *out;
	struct dmar_trace *trace;
	struct dmar_side_effects *fx; /* may be NULL */
	bool fpd; /* an FPD=1 was met: qualified faults are blocked */
	bool fpd_open; /* a PASID-cache copy may keep its directory entry's FPD=1: blocked or reported */
	bool stop_open; /* the walk went past a condition the unit may have stopped at (struct dmar_stage) */
	bool duplicate; /* another walk of the enumeration gives the same: this one emits nothing */
	int err;  /* first enum dmar_oracle_error */
	/* caches: what the next read is, and the walk's choices among cached values */
	const struct dmar_cache_if *cache;
	struct dmar_cache_key key;  /* tags known so far + the entry being read */
	struct dmar_script *script; /* with a cache: the choices of this walk */
	unsigned nread;             /* reads so far in this walk */
	bool paging_snoops;         /* paging-structure reads snoop (set with the mode) */
	bool stale_used;            /* this walk took a cached value somewhere */
	uint32_t stale_event;       /* then: the oldest event those values date from */
	bool stale_upper;           /* a cached value above the leaf (it may lead to new translations) */
	bool truncated;             /* a read had more cached values than could be followed */
	bool tlb_answered;          /* an IOTLB entry answers the request: no walk is needed */
	bool read_held;             /* the last read: a cached copy equal to memory is held too */
	uint8_t took_above;         /* the last read took a paging copy with these rights above it
				     * (struct dmar_cache_key), else DMAR_ABOVE_MEMORY */
	struct dmar_store stored[DMAR_WALK_MAX_STORES]; /* the fresh walk's stores */
	unsigned n_stored;
	bool stores_lost; /* more than fit: they are left in memory, the other walks see them */
	bool fresh;                 /* this is the walk that reads memory only (it may write) */
	bool ats_ok;                /* the context entry admits translation requests */
	bool probe;                 /* a prefetch walk (struct dmar_answer_opts) */
	/* with caches: the last entry read from memory, offered to them once its checks are done */
	struct dmar_pending *pend;
};

/* sets what the next entry read is (shape, level, input) for the caches */
static inline void dmar_key_entry(struct dmar_walk *w, unsigned shape, unsigned level,
				  uint64_t input, unsigned flags)
{
	if (!w->cache)
		return;
	w->key.shape = (uint8_t)shape;
	w->key.level = (uint8_t)level;
	w->key.input = input;
	w->key.flags = (uint8_t)flags;
	/* which snoop rule governs the read: ECAP.C for root, context and PASID structures and
	 * legacy tables; SMPWCS with the PASID entry's PWSNP for scalable paging (vtd-notes 1.3, 4.1) */
	if (level ? !w->paging_snoops : !dmar_bit(w->o->unit.ecap, DMAR_ECAP_C))
		w->key.flags |= DMAR_KEY_NOSNOOP;
}

void dmar_emit(struct dmar_walk *w, const struct dmar_outcome *o);
/* a fault condition, turned into the outcome its request class gets */
void dmar_emit_fault(struct dmar_walk *w, uint8_t code);
void dmar_emit_ok(struct dmar_walk *w, uint64_t hpa);
void dmar_emit_kind(struct dmar_walk *w, uint8_t kind);
/*
 * The walk found a translation the request may use: the IOTLB may keep it
 * (vtd-notes 9.1, 9.8).  The caller fills in, in, out, size, perm, dirty, n,
 * irq_code and first_stage; the rest comes from the walk.
 */
void dmar_remember(struct dmar_walk *w, struct dmar_translation *t);

void dmar_trace_check(struct dmar_walk *w, unsigned check, bool failed, uint8_t reason,
		      uint64_t arg);
void dmar_trace_note(struct dmar_walk *w, unsigned note, uint64_t arg);

/* records a check; returns `failed` so it can be the condition of an if */
static inline bool dmar_check(struct dmar_walk *w, unsigned check, bool failed, uint8_t reason,
			      uint64_t arg)
{
	if (w->trace) /* without a trace the walk pays nothing for its record */
		dmar_trace_check(w, check, failed, reason, arg);
	return failed;
}

static inline void dmar_note(struct dmar_walk *w, unsigned note, uint64_t arg)
{
	if (w->trace)
		dmar_trace_note(w, note, arg);
}

/*
 * The entry read last passed its own checks (present, reserved bits, its
 * programming): the caches may keep it (vtd-notes 9.1, 9.2).  One that never
 * gets here is offered as faulted, which only CM=1 caches.
 */
void dmar_offer_entry(struct dmar_walk *w, bool ok);
static inline void dmar_entry_ok(struct dmar_walk *w)
{
	if (w->pend && w->pend->has) /* no caches: the uncached walk pays a test */
		dmar_offer_entry(w, true);
}
/* the entry read last failed: offered to the caches as faulted (only CM=1 keeps it) */
static inline void dmar_entry_failed(struct dmar_walk *w)
{
	if (w->pend && w->pend->has)
		dmar_offer_entry(w, false);
}
/*
 * A choice point of the walk among n cached alternatives (why[i] says where
 * alternative i comes from): returns 0 for the way through memory, i for the
 * i-th alternative, as the enumeration's script says.
 */
unsigned dmar_choose(struct dmar_walk *w, unsigned n, const uint32_t *why);
/*
 * The walk cannot reach the context entry (`fault`: the root entry's, or the
 * context fetch's): true with ce set when this walk goes on from a cached
 * copy of the requester's context entry (the context cache is looked up by
 * source-id); false after emitting the fault.
 */
bool dmar_copy_unreached(struct dmar_walk *w, uint8_t fault, unsigned shape, unsigned nqw, uint64_t *ce);
/* reads nqw qwords of an entry; false when the read aborts (not traced) */
bool dmar_read_entry(struct dmar_walk *w, uint64_t hpa, unsigned nqw, uint64_t *raw);
/* records a READ (raw given) or ABORT step */
void dmar_trace_entry(struct dmar_walk *w, unsigned kind, unsigned shape, unsigned level,
		      uint64_t hpa, const uint64_t *raw, unsigned nqw);
/* bits the unit may have set at hpa, or not (struct dmar_side_effects; one entry an address) */
void dmar_possible_store(struct dmar_walk *w, uint64_t hpa, uint64_t bits);
/* a flag store of the unit; `open`: it may not have made it (a copy like the entry was held) */
int dmar_unit_write(struct dmar_walk *w, uint64_t hpa, uint64_t old, uint64_t val, bool open);
/* read + trace + the fetch check, for structures of one fixed shape */
bool dmar_fetch(struct dmar_walk *w, unsigned shape, uint64_t hpa, unsigned nqw, uint64_t *raw);

/* ---- The paging engine ------------------------------------------------- */

#define DMAR_PERM_R 1u
#define DMAR_PERM_W 2u
#define DMAR_PERM_U 4u /* first stage: user access allowed */

#define DMAR_NO_BIT 0xff

/* a paging stage described as data */
struct dmar_stage {
	uint8_t fault_root_fetch; /* fetching the top-level entry aborted */
	uint8_t fault_fetch;      /* fetching a lower entry aborted */
	uint8_t fault_rsvd;       /* reserved bit in a present entry */
	uint64_t present_mask;    /* an entry with none of these bits is not present */
	uint8_t r_bit, w_bit, u_bit; /* bits granting read, write, user (DMAR_NO_BIT:
				      * read comes with presence, no user bit) */
	uint8_t key_flags;        /* how caches tag its entries (DMAR_KEY_PASID for the first stage) */
	uint8_t table_shape[6];   /* per level: shape of an entry pointing to a table */
	uint8_t leaf_shape[6];    /* per level: shape of a leaf (0 = never a leaf) */
	const uint64_t *table_rsvd; /* per level masks */
	const uint64_t *leaf_rsvd;
	const uint8_t *leaf_ok;
	/*
	 * Nested walks only: turns the guest address of an entry into the host
	 * address to read, giving the second stage's permissions for it; false
	 * (faults emitted) when it cannot.  NULL: table addresses are host ones.
	 */
	bool (*table_gpa)(struct dmar_walk *w, void *hook, uint64_t gpa, unsigned level, bool root,
			  uint64_t *hpa, uint8_t *perm);
	void *hook;
	/*
	 * Rights (DMAR_PERM_*) the request needs from every level: past an entry
	 * that took one, the unit may already have stopped with its fault, so what
	 * the walk stores after that is only possible (R93).
	 */
	uint8_t need;
};

enum dmar_walk_status {
	DMAR_WALK_LEAF,        /* a page was found */
	DMAR_WALK_NOT_PRESENT, /* an entry with no permission bit at all */
	DMAR_WALK_FAULT,       /* fetch error or reserved bit (already emitted) */
};

struct dmar_stage_result {
	uint64_t oa;      /* leaf: base of the page */
	uint64_t leaf;    /* leaf: raw entry */
	uint8_t size_lg2; /* leaf: page size */
	uint8_t perm;     /* AND of DMAR_PERM_* over the present entries read */
	uint8_t level;    /* level where the walk ended */
	uint64_t entry_hpa[6]; /* per level: where the entry used was read */
	uint64_t entry[6];     /* per level: its value */
	uint8_t table_perm[6]; /* nested: second-stage permission of that entry's page */
	uint8_t kept[6];       /* per level: the permission the walk kept down to that entry */
	uint8_t from;          /* nonzero: the walk went on from a cached copy at this level; the
				* levels from it up were not read now (their flags need nothing) */
	uint8_t held;          /* nonzero: the deepest level a copy equal to memory was held for (from
				* it up the unit may not have read memory: their flag stores are open) */
};

int dmar_stage_walk(struct dmar_walk *w, const struct dmar_stage *st, unsigned levels,
		    uint64_t root, uint64_t input, struct dmar_stage_result *res);

/* ---- A/D flags and the second-stage translation ------------------------ */

/* a second stage's input width: that of its AW, at most MGAW (vtd-notes 4.1) */
static inline unsigned dmar_ss_width(const struct dmar_oracle *o, unsigned aw)
{
	return dmar_aw_width(aw) < o->mgaw ? dmar_aw_width(aw) : o->mgaw;
}

struct dmar_ad_rule {
	uint8_t a_bit, ea_bit, d_bit; /* ea_bit may be DMAR_NO_BIT */
	bool snooped;                 /* the walk snoops: flags can be updated */
	uint8_t code_nosnoop;         /* SFS.9 / SSS.5 */
	uint8_t code_fail;            /* SFS.10 / SSS.6 */
	uint8_t code_ss_write;        /* nested: SFS.8 when the second stage denies the write */
	/* nested with SSADE: before the store at `level`, what the second stage needs (its D);
	 * false (fault emitted) stops the updates there.  NULL: nothing. */
	bool (*before_store)(struct dmar_walk *w, const void *ctx, unsigned level);
	const void *store_ctx;
};

/*
 * A walk that failed after using the entries of levels top..res->level+1 (or,
 * with `leaf_used`, down to the leaf): the unit may have set their A/EA
 * speculatively, if it can update flags at all; where it cannot (walk not
 * snooped, nested write denied, the memory says the write would fail) the
 * update's fault is allowed beside the later one.  Returns a bit per level
 * whose update may have been attempted (made, or its write failed).
 */
uint8_t dmar_maybe_ad(struct dmar_walk *w, const struct dmar_stage_result *res, unsigned top,
		      const struct dmar_ad_rule *rule, bool leaf_used);

/* *changed (may be NULL) gets a bit per level whose entry the update changed */
bool dmar_set_ad(struct dmar_walk *w, const struct dmar_stage_result *res, unsigned top,
		 const struct dmar_ad_rule *rule, bool dirty, uint8_t *changed);

struct dmar_ss_job {
	uint64_t root;      /* SSPTPTR */
	unsigned aw;        /* 1, 2, 3: 3, 4, 5 levels */
	bool scalable;      /* scalable codes and SSIRWE */
	uint8_t code_limit; /* LGN.1.1 / SGN.5 */
	uint8_t code_w, code_r; /* LGN.2, LGN.3 / SGN.6, SGN.7 */
	uint8_t code_none;  /* 0 (legacy) / SSS.2 */
	uint8_t code_irq;   /* LGN.4 / SGN.8 */
	bool ssade;         /* set A/D (scalable, PASID entry SSADE) */
	struct dmar_ad_rule ad;
	bool pgsnp, priv;   /* translation completions: N and PRIV */
};

void dmar_second_stage(struct dmar_walk *w, const struct dmar_ss_job *job);
/*
 * The limit check and walk of a second-stage translation of `input`: faults
 * of the walk itself are emitted; returns a DMAR_WALK_* status, with
 * DMAR_WALK_FAULT also for the limit.
 */
int dmar_ss_walk(struct dmar_walk *w, const struct dmar_ss_job *job, uint64_t input,
		 struct dmar_stage_result *res);
bool dmar_ss_dirty_access(const struct dmar_walk *w);
/* the final access's second-stage permission faults; true when denied */
bool dmar_ss_perm_faults(struct dmar_walk *w, const struct dmar_ss_job *job, const struct dmar_stage_result *res,
			 unsigned levels);
/* a second-stage walk that found no leaf: a permission lost above it may be reported at once */
void dmar_ss_lost_above(struct dmar_walk *w, const struct dmar_ss_job *job, const struct dmar_stage_result *res,
			unsigned levels);

/* ---- Modes ------------------------------------------------------------- */

/* the second stage as legacy mode walks it */
void dmar_legacy_stage(const struct dmar_oracle *o, struct dmar_stage *st);
void dmar_ss_stage(const struct dmar_oracle *o, bool scalable, struct dmar_stage *st);
void dmar_fs_stage(const struct dmar_oracle *o, struct dmar_stage *st);
void dmar_legacy_translate(struct dmar_walk *w);
void dmar_scalable_translate(struct dmar_walk *w);

enum { DMAR_MODE_DECIDED, DMAR_MODE_GO_LEGACY, DMAR_MODE_GO_SCALABLE };
int dmar_mode_checks(struct dmar_walk *w);

/* steps every mode shares (request.c) */
bool dmar_irq_range(uint64_t first, uint64_t last);
/* translation off, interrupt-range input, ATS protocol: true when decided */
bool dmar_request_prechecks(struct dmar_walk *w);
/*
 * emits the permission faults of `have` (DMAR_PERM_*) for the request; `when`:
 * FINAL, a complete walk whose other checks pass (CAP.ZLR may excuse a
 * zero-length read); EARLY, another check fails too; ABSENT, not present
 */
enum { DMAR_PERM_FINAL, DMAR_PERM_EARLY, DMAR_PERM_ABSENT };
bool dmar_emit_perm_faults(struct dmar_walk *w, uint8_t have, unsigned when, uint8_t code_w,
			   uint8_t code_r);
bool dmar_below_haw(struct dmar_walk *w, uint64_t addr, uint8_t code);
bool dmar_outside_irq(struct dmar_walk *w, uint64_t first, uint64_t last, uint8_t code);
void dmar_emit_ats(struct dmar_walk *w, uint64_t oa, unsigned size_lg2, uint8_t perm, bool n,
		   bool priv, uint8_t irq_code);
void dmar_emit_ats_page(struct dmar_walk *w, uint64_t oa, unsigned page_lg2, uint8_t perm, bool n,
			bool priv, uint8_t irq_code);
void dmar_ats_irq_input(struct dmar_walk *w);
/* `have` already denies the request (translation requests: no permission) */
bool dmar_perm_denies(const struct dmar_walk *w, uint8_t have);

#endif
