/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The translator ABI: how a remapping unit under test (an emulator's or a
 * hypervisor's VT-d model, a simulator, a firmware walker) plugs into
 * dmarfuzz.  docs/translator-abi.md explains it field by field, with the
 * order of calls and what the harness checks.
 *
 * A translator is one remapping unit.  For every case the harness opens an
 * instance with the unit's registers and the memory the unit reaches, tells
 * it what software does to the unit in the architecture's own encodings
 * (register values, raw invalidation descriptors), asks it every DMA and
 * judges each answer against the oracle's set of allowed outcomes.  The
 * translator sees only this header and the types it includes, never the
 * oracle: shared code would hide shared bugs.
 *
 * A plugin is a shared object that exports DMAR_TRANSLATOR_SYMBOL, a
 * function of type dmar_translator_entry_fn returning its ops table; the
 * loader refuses one whose `abi` is not DMAR_TRANSLATOR_ABI.
 */
#ifndef DMAR_TRANSLATOR_H
#define DMAR_TRANSLATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/oracle.h"

/* bumped whenever a struct below or the meaning of a call changes */
#define DMAR_TRANSLATOR_ABI 1u

/* the unit's registers when a case begins (vtd-notes 1) */
struct dmar_translator_unit {
	uint64_t cap;    /* CAP_REG, 64 bits as read */
	uint64_t ecap;   /* ECAP_REG */
	uint64_t rtaddr; /* RTADDR_REG as software programmed it, already latched by SRTP */
	uint32_t ver;    /* VER_REG */
	uint8_t haw;     /* host address width of the platform (ACPI DMAR) */
	bool te;         /* GSTS.TES: translation enabled */
};

/*
 * Every call but `open` gets the pointer `open` returned.  Calls come in
 * the order the case's events run; none overlaps another.  `dma` and the
 * invalidation calls may read and write memory through the `mem` given to
 * `open` (the unit's own accessed/dirty updates, a wait descriptor's status
 * write); software's own stores go straight to that memory between calls,
 * so a unit that caches memory must keep the rules of a real one (ECAP.C,
 * clflush).
 */
struct dmar_translator_ops {
	uint32_t abi;        /* DMAR_TRANSLATOR_ABI */
	const char *name;    /* as users select it: letters, digits and '-' */
	const char *summary; /* one line for `dmarfuzz translators` */

	/*
	 * A case begins on a unit with these registers, reaching `mem` (valid
	 * until `close`).  Returns the instance, or NULL with a one-line reason
	 * in err (the case is then reported as one the translator refused).
	 */
	void *(*open)(const struct dmar_translator_unit *unit, const struct dmar_mem_if *mem,
		      char *err, size_t err_size);
	/* the case is over: everything of the instance is released */
	void (*close)(void *self);

	/* GCMD.SRTP with RTADDR_REG holding `rtaddr` (vtd-notes 1.4) */
	void (*srtp)(void *self, uint64_t rtaddr);
	/* GCMD.TE set or cleared (vtd-notes 1.5) */
	void (*te)(void *self, bool on);
	/*
	 * Register-based invalidation (legacy mode, vtd-notes 9.3): CCMD_REG as
	 * software writes it (ICC set), or IOTLB_REG (IVT set) with IVA_REG
	 * written first.  The unit decides what it does (it may refuse: VER 6
	 * and up, scalable mode).
	 */
	void (*ccmd)(void *self, uint64_t ccmd_reg);
	void (*iotlb_reg)(void *self, uint64_t iotlb_reg, uint64_t iva_reg);
	/*
	 * One queued-invalidation descriptor as fetched from the queue: 2
	 * qwords in a 128-bit queue, 4 in a 256-bit one (vtd-notes 9.4).  Wait
	 * descriptors too: the unit writes their status itself.  Returns 0, or
	 * the IQERCD.IQEI code when the descriptor is invalid; the harness then
	 * sends no more descriptors (the queue stopped, as IQE does).
	 */
	int (*qi)(void *self, const uint64_t *desc, unsigned qwords);
	/* software wrote back the cache line holding hpa (optional: may be NULL) */
	void (*clflush)(void *self, uint64_t hpa);

	/*
	 * A DMA request: its one outcome in *out, as the unit gives it (a
	 * translated address, a fault with its reason, a completion...),
	 * recording faults and setting accessed/dirty flags through memory as
	 * a unit does.  Returns 0, or -1 with a one-line reason in err when the
	 * translator cannot answer (a bug of its own, not a verdict).
	 */
	int (*dma)(void *self, const struct dmar_request *rq, struct dmar_outcome *out, char *err,
		   size_t err_size);
};

/* the one symbol a plugin exports, and its type */
#define DMAR_TRANSLATOR_SYMBOL "dmar_translator"
typedef const struct dmar_translator_ops *(*dmar_translator_entry_fn)(void);

#endif
