/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The IOTLB's final translations (vtd-notes 9.1): looked up by requester
 * (with or without PASID) and address, removed by IOTLB and PASID-based
 * IOTLB invalidations by DID, PASID and range.  A large page may be kept
 * as pieces, so an invalidation of part of one leaves the rest.
 */
#ifndef DMAR_IOTLB_H
#define DMAR_IOTLB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/case.h"
#include "dmar/oracle.h"

struct dmar_tlb_entry {
	struct dmar_translation t;
	uint16_t sid;
	bool has_pasid;      /* made by a request with PASID (w/o-PASID entries carry RID_PASID in pasid) */
	uint32_t rq_pasid;   /* that request's PASID */
	uint32_t did, pasid; /* invalidation tags: the walk's DID and PASID */
	uint32_t event;      /* the last event that made it */
	bool overflow;       /* its requester and page had more translations than are kept: lookups are cut */
};

struct dmar_iotlb {
	struct dmar_tlb_entry *e;
	size_t n, cap;
	size_t *head, *next; /* index by (size, block): DMAR_IOTLB_BUCKETS heads, a link per entry */
	uint64_t sizes;      /* bit lg2 set: some entry is 2^lg2 bytes */
	bool scalable;       /* lookup and invalidation rules of scalable mode */
};

void dmar_iotlb_free(struct dmar_iotlb *tlb);
void dmar_iotlb_clear(struct dmar_iotlb *tlb);
/* keeps e (or refreshes the same translation's event); a cache may always drop one, so no error */
void dmar_iotlb_fill(struct dmar_iotlb *tlb, const struct dmar_tlb_entry *e);
/* up to max translations held for rq's requester covering its address; max + 1 when more */
unsigned dmar_iotlb_lookup(const struct dmar_iotlb *tlb, const struct dmar_request *rq,
			   struct dmar_translation *out, uint32_t *events, unsigned max);
/* what inv removes among the entries made before event `before` (vtd-notes 9.3-9.5) */
void dmar_iotlb_invalidate(struct dmar_iotlb *tlb, const struct dmar_inv *inv, uint32_t before);

#endif
