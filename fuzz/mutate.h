/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A structure-aware mutation engine for binary cases (dmar_case_decode /
 * dmar_case_encode), shared by the libFuzzer and AFL++ glue.
 *
 * An input is decoded to the case model, its DMAs are walked by the oracle
 * over the case's own memory (a trace of every structure entry read), and
 * 1 to 3 mutations are applied: to the entries the walks read (through the
 * field tables of oracles/format.h), to the DMAs, to the software events
 * (writes, flushes, invalidations, waits, srtp, te, raw descriptors, atc and
 * check queries), to the unit's registers and to the memory map.  The result
 * is encoded again; every output is a canonical encoding (decode then encode
 * gives back the same bytes) unless it had to fall back to a byte-level
 * mutation (the encoding did not fit in max_size even after shrinking).
 *
 * Everything is decided by a small PRNG seeded by `seed`: the same input and
 * seed give the same output.  No global state; reentrant.
 */
#ifndef DMAR_FUZZ_MUTATE_H
#define DMAR_FUZZ_MUTATE_H

#include <stddef.h>
#include <stdint.h>

#include "dmar/case.h"

/* the mutation kinds (dmar_mutate_name gives each a short name) */
enum dmar_mut_kind {
	/* structure entries a walk read, through their shape's field table */
	DMAR_MUT_ENT_FLAG,    /* flip a named FLAG field */
	DMAR_MUT_ENT_RSVD,    /* toggle a bit of a reserved field */
	DMAR_MUT_ENT_IGN,     /* toggle an ignored bit */
	DMAR_MUT_ENT_PRESENT, /* toggle present (P, LP/UP, or R|W for second-stage) */
	DMAR_MUT_ENT_NUM,     /* change a NUM field (AW, TT, PGTT, DID, PDTS...) */
	DMAR_MUT_ENT_ADDR,    /* point an ADDR field elsewhere: another table, itself, an ancestor */
	DMAR_MUT_ENT_SPLIT,   /* a large page becomes a table of smaller pages */
	DMAR_MUT_ENT_MERGE,   /* a table entry at level 2/3 becomes a large page */
	/* DMAs */
	DMAR_MUT_DMA_MAPPED,  /* a new DMA inside a page a walk mapped */
	DMAR_MUT_DMA_EDGE,    /* a new DMA just outside it (next page, last byte, limits) */
	DMAR_MUT_DMA_RANDOM,  /* a new DMA from a seen or random device */
	DMAR_MUT_DMA_TWEAK,   /* change access, at, len, pasid, priv, exec, nw, sid or addr */
	DMAR_MUT_DMA_DROP,
	/* software events */
	DMAR_MUT_EV_WRITE,    /* a `write` rewriting an entry a walk read (mutated, whole or torn) */
	DMAR_MUT_EV_DROP,     /* drop a non-DMA event */
	DMAR_MUT_EV_MOVE,     /* move an event elsewhere */
	DMAR_MUT_EV_CLFLUSH,  /* flush an entry's or a write's line, or the line beside */
	DMAR_MUT_EV_INV,      /* an invalidation of any kind, covering or near-miss */
	DMAR_MUT_EV_INV_TWEAK,/* change an invalidation's via, kind or a field */
	DMAR_MUT_EV_WAIT,     /* an invalidation wait with status (fence, drain) */
	DMAR_MUT_EV_QI,       /* a raw descriptor (an encoded invalidation, maybe with a bit flipped) */
	DMAR_MUT_EV_SRTP,
	DMAR_MUT_EV_TE,
	DMAR_MUT_EV_ATC,      /* a device-TLB query for a mapped page */
	DMAR_MUT_EV_CHECK,    /* a check of an entry (as read, or with A/D set) */
	DMAR_MUT_EV_SIBLING,  /* another function of a device shares its context; the entry changes, a
			       * device-selective context invalidation (function mask) may or may not cover it */
	DMAR_MUT_EV_PASID_SIBLING, /* another PASID of the table gets a copy of a walked PASID entry, its
				    * PGTT maybe changed, and a DMA with that PASID follows */
	/* the unit */
	DMAR_MUT_UNIT_CAP,
	DMAR_MUT_UNIT_ECAP,
	DMAR_MUT_UNIT_VER,
	DMAR_MUT_UNIT_HAW,
	DMAR_MUT_UNIT_TTM,    /* rtaddr TTM legacy/scalable/abort/reserved, SSIRWE */
	DMAR_MUT_UNIT_MISC,   /* translation on/off, cache model */
	/* memory */
	DMAR_MUT_MEM_QWORD,   /* change a qword of a mem line */
	DMAR_MUT_MEM_RANGE,   /* add or drop a hole or a rom */
	DMAR_MUT_CROSSOVER,   /* dmar_crossover: events, unit or memory from the other case */
	DMAR_MUT_COUNT
};

/* what the engine did, summed over calls (all counters only grow) */
struct dmar_mut_stats {
	uint64_t fired[DMAR_MUT_COUNT]; /* mutations applied, by kind */
	uint64_t calls;      /* dmar_mutate_ex / dmar_crossover_ex calls */
	uint64_t shrunk;     /* outputs that had to drop records to fit max_size */
	uint64_t bytewise;   /* outputs made by the byte-level fallback */
	uint64_t normalised; /* a mutated model that did not survive encode/decode as is (a bug) */
};

const char *dmar_mutate_name(unsigned kind);

/* mutates data[0..size) in place; returns the new size (<= max_size) */
size_t dmar_mutate(uint8_t *data, size_t size, size_t max_size, uint32_t seed);
/* a child of a and b in out (at most max_out bytes); returns its size */
size_t dmar_crossover(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, uint8_t *out, size_t max_out,
		      uint32_t seed);

/* as above, adding to *st (may be NULL) */
size_t dmar_mutate_ex(uint8_t *data, size_t size, size_t max_size, uint32_t seed, struct dmar_mut_stats *st);
size_t dmar_crossover_ex(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, uint8_t *out,
			 size_t max_out, uint32_t seed, struct dmar_mut_stats *st);

/*
 * The model-level engine: applies 1 to 3 mutations to c in place (c stays
 * a valid case: the canonical printer prints it and the parser reads it
 * back equal).  Returns how many were applied; -1 when out of memory.
 */
int dmar_mutate_case(struct dmar_case *c, uint32_t seed, struct dmar_mut_stats *st);

#endif /* DMAR_FUZZ_MUTATE_H */
