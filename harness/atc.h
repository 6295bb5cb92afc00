/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The device-TLBs (ATS translation caches in the endpoints, vtd-notes 9.1):
 * every translation completion a device may have received stays usable by
 * it until a device-TLB invalidation covering it has completed.  The unit's
 * answers do not depend on them; `atc` queries and certification do.
 */
#ifndef DMAR_ATC_H
#define DMAR_ATC_H

#include <stddef.h>
#include <stdint.h>

#include "dmar/case.h"
#include "dmar/oracle.h"

struct dmar_atc_entry {
	uint16_t sid;
	bool has_pasid;
	uint32_t pasid;
	uint64_t base;          /* input address of the translation, aligned to its size */
	struct dmar_outcome o;  /* the completion (DMAR_OUT_ATS) */
	uint32_t event;         /* the translation request that returned it */
};

struct dmar_atc {
	struct dmar_atc_entry *e;
	size_t n, cap;
};

/* a translation request was answered with one of `allowed`: the device may cache any of them */
void dmar_atc_fill(struct dmar_atc *a, const struct dmar_request *rq,
		   const struct dmar_outcome_set *allowed, uint32_t event);
/* a completed device-TLB invalidation removes what it covers among entries filled before `before` */
void dmar_atc_invalidate(struct dmar_atc *a, const struct dmar_inv *inv, uint32_t before);
/* what the device may use for addr: `miss` (always: a device may drop entries) and each entry */
/* false when more entries matched than an outcome set holds */
bool dmar_atc_lookup(const struct dmar_atc *a, const struct dmar_atc_query *q,
		     struct dmar_outcome_set *out);
void dmar_atc_free(struct dmar_atc *a);

#endif
