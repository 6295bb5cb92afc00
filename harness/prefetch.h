/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Prefetch (docs/oracle-semantics.md, "Caches"): a unit may cache any walk
 * that would succeed, at any moment, not only the walks DMAs made
 * (vtd-notes 9.1, 9.8).  The harness models it by walking, through the
 * oracle itself, every path that runs through an entry software is about to
 * change: the old value is then held, with the tags of every requester and
 * address that reaches it, until an invalidation removes it.
 *
 * Which paths run through an entry comes from the tables walks have read:
 * each table page is noted with the request and tags that reach it (a
 * template), and a probe for entry i of the page is that request with i in
 * the field the table is indexed by.
 */
#ifndef DMAR_PREFETCH_H
#define DMAR_PREFETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/oracle.h"

struct dmar_cache_model;

/* a request that reaches a table page, and what the page is */
struct dmar_template {
	uint64_t page;          /* the table's 4 KiB page */
	struct dmar_request rq; /* a request whose walk reads an entry of it */
	uint64_t input;         /* paging tables: the input address, bits below the table's index cleared */
	uint32_t pasid;         /* the PASID the walk used (RID_PASID for a request without one) */
	uint32_t did;           /* paging tables: the DID their copies are tagged with */
	uint8_t shape, level, nqw;
};

/* the largest number of probe walks one prefetch may make before it is cut */
#define DMAR_PREFETCH_MAX_PROBES 4096u

struct dmar_prefetch {
	struct dmar_template *t;
	size_t n, cap;
	size_t *head, *next; /* index by page */
	/* during one prefetch: the templates its probes noted, new or not */
	size_t *touched;
	size_t n_touched, cap_touched;
	bool collecting;
	bool probing;                  /* a probe walk is running */
	const struct dmar_request *rq; /* the request being walked (set around each answer) */
	bool cut;                      /* a prefetch stopped at DMAR_PREFETCH_MAX_PROBES */
};

void dmar_prefetch_free(struct dmar_prefetch *pf);
/* a walk of pf->rq read the entry `key` (called for every read from memory) */
void dmar_prefetch_note(struct dmar_prefetch *pf, const struct dmar_cache_key *key);

/* everything reachable from the root table: at the start, and after SRTP or TE */
void dmar_prefetch_all(struct dmar_cache_model *cm, const struct dmar_oracle *o,
		       const struct dmar_mem_if *mem);
/*
 * Every path through the entry at hpa, and everything below it: before a
 * store replaces it (the old value), and after (the new one, when it links
 * further tables).  `value` is the qword stored there (after) or found
 * there (before); a zero one has nothing to cache.
 */
void dmar_prefetch_entry(struct dmar_cache_model *cm, const struct dmar_oracle *o,
			 const struct dmar_mem_if *mem, uint64_t hpa, uint64_t value, bool after);

#endif
