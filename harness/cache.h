/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The cache model the engine keeps for the oracle: what caches may hold
 * (observations of entries walks read) and what invalidations remove.
 */
#ifndef DMAR_CACHE_H
#define DMAR_CACHE_H

#include "harness/atc.h"
#include "harness/iotlb.h"
#include "harness/prefetch.h"
#include "dmar/case.h"
#include "dmar/mem.h"
#include "dmar/oracle.h"

struct dmar_observation {
	struct dmar_cache_key key;
	uint64_t val[8];
	uint32_t event; /* the last event whose walk read it */
	uint8_t cover;  /* paging entries: log2 of the input region this copy still answers for */
	bool midwrite;  /* memory held it only between two stores of a `write` */
	bool prefetched; /* last cached by a walk of the unit's own (harness/prefetch.c), not a DMA's */
	bool overflow;   /* its slot had more values than are kept (DMAR_MAX_STALE + 1): lookups are cut */
};

/* what became of an invalidation (for explain: why a cached copy outlived it) */
enum dmar_inv_fate {
	DMAR_FATE_QUEUED,    /* queued; no wait descriptor has completed since */
	DMAR_FATE_DONE,      /* took effect (at event `done`) */
	DMAR_FATE_REJECTED,  /* register-based, where the unit does nothing (vtd-notes 9.3) */
	DMAR_FATE_UNFETCHED, /* queued behind an invalid descriptor (IQE): never fetched */
	DMAR_FATE_INVALID,   /* a value the unit does not support (AM above MAMV, no PSI): refused */
};

struct dmar_inv_record {
	struct dmar_inv inv;
	uint32_t event, done;
	uint8_t fate; /* enum dmar_inv_fate */
};

struct dmar_unflushed {
	uint64_t hpa, old;
	uint32_t event; /* the `write` that replaced it */
};

/* bits the unit may have set at hpa (a faulting walk's A/EA, vtd-notes 4.5) since software wrote it */
struct dmar_open_flags {
	uint64_t hpa, bits;
	uint32_t event; /* the last walk that may have set some */
};

struct dmar_cache_model {
	struct dmar_cache_if iface; /* give &iface to the oracle */
	struct dmar_unit unit;
	struct dmar_observation *obs;
	size_t n_obs, cap_obs;
	/* index by entry address: bucket heads and per-observation links (SIZE_MAX ends) */
	size_t *head, *next;
	size_t n_buckets;
	struct dmar_inv_record *log; /* every invalidation, in order */
	size_t n_log, cap_log;
	size_t first_queued; /* log entries before this one are no longer QUEUED */
	/* values software overwrote that a non-snooping read may still find, until clflush */
	struct dmar_unflushed *unflushed;
	size_t n_unflushed, cap_unflushed;
	struct dmar_open_flags *open; /* every later read may find them set or not */
	size_t n_open, cap_open;
	const struct dmar_mem_if *mem; /* the machine's memory (which stores of the unit fail), or NULL */
	uint32_t event; /* the event being run (set by the engine) */
	bool queue_stopped; /* an invalid descriptor set IQE: nothing queued completes any more */
	uint32_t iqe_event;  /* the event that stopped it */
	struct dmar_atc atc; /* the devices' TLBs */
	struct dmar_iotlb iotlb; /* the IOTLB's final translations */
	bool prefetch;           /* the architecture's rule: any walk that would succeed may be cached */
	struct dmar_prefetch pf; /* the tables walks have reached, for prefetching */
};

/* why one invalidation did not remove a cached copy */
struct dmar_kept {
	uint32_t event;  /* the invalidation's event */
	const char *why; /* one phrase */
};

void dmar_cache_model_init(struct dmar_cache_model *cm, const struct dmar_unit *unit);
void dmar_cache_model_free(struct dmar_cache_model *cm);
/* software stored `val` over `old` at hpa (a `write` event) */
void dmar_cache_model_store(struct dmar_cache_model *cm, uint64_t hpa, uint64_t old, uint64_t val);
/*
 * A raw queued-invalidation descriptor (2 or 4 qwords, vtd-notes 9.4): decoded
 * into the named kind it is; an invalid one (type, width for the mode,
 * granularity, reserved bits) stops the queue as IQE does.  Returns the
 * IQEI code of an invalid descriptor, 0 otherwise.
 */
int dmar_cache_model_raw_qi(struct dmar_cache_model *cm, const uint64_t *w, unsigned n,
			    struct dmar_smem *mem);
/*
 * Register programming that changes the unit (vtd-notes 1.4, 9.7): SRTP latches
 * a root table and, with CAP.ESRTPS, invalidates every DMA-remapping cache;
 * turning translation off invalidates them all when ECAP.SMTS.
 */
void dmar_cache_model_set_unit(struct dmar_cache_model *cm, const struct dmar_unit *unit,
			       bool flush_all);
/*
 * One store of a multi-store `write` landed at hpa and more follow: a walk
 * running meanwhile (the device is in use: a copy of the entry exists) may
 * read and cache the half-written entry (vtd-notes 2.4: hence 16-byte atomic
 * updates of present entries).
 */
void dmar_cache_model_midwrite(struct dmar_cache_model *cm, uint64_t hpa, struct dmar_smem *mem);
/*
 * Flags a faulting walk may have set (struct dmar_side_effects): until
 * software stores there again, any read of hpa may find them set or clear
 * (a check accepts either, a walk follows both).
 */
void dmar_cache_model_maybe_set(struct dmar_cache_model *cm, const struct dmar_maybe_write *mw);
uint64_t dmar_cache_model_open_bits(const struct dmar_cache_model *cm, uint64_t hpa);
/* software stored at hpa: what the unit may have set there is gone */
void dmar_cache_model_overwritten(struct dmar_cache_model *cm, uint64_t hpa);
/* software wrote back the cache line holding hpa */
void dmar_cache_model_clflush(struct dmar_cache_model *cm, uint64_t hpa);
/* one named invalidation event; a wait writes its status into mem; -1 if that write fails */
int dmar_cache_model_invalidate(struct dmar_cache_model *cm, const struct dmar_inv *inv,
				struct dmar_smem *mem);

/*
 * A DID that names two sets of tables (software breaking vtd-notes 2.4): the
 * paging-structure caches are tagged by DID, so each requester may be
 * answered through the other's copies.
 */
struct dmar_did_reuse {
	uint32_t did;
	uint16_t sid, other_sid;
	uint64_t table, other_table; /* second-stage table pointers (first stage: with one PASID) */
};

/* for explain: the held context and PASID copies of requester `sid` whose DID another uses with
 * other tables; returns how many (more than max if some did not fit) */
size_t dmar_cache_model_did_reuse(const struct dmar_cache_model *cm, uint16_t sid,
				  struct dmar_did_reuse *out, size_t max);

/*
 * For explain: the invalidations after event `since` that left the copy of
 * the entry at hpa holding `val` (read by that event) in place, each with the
 * reason.  `addr` is the input address of the lookup (paging entries).
 * Returns how many there were (more than max if some did not fit).
 */
size_t dmar_cache_model_why_kept(const struct dmar_cache_model *cm, uint64_t hpa,
				 const uint64_t *val, unsigned nqw, uint32_t since, uint64_t addr,
				 struct dmar_kept *out, size_t max);

#endif
