/* SPDX-License-Identifier: Apache-2.0 */
/* Raw queued-invalidation descriptors (vtd-notes 9.4, 1.10): validation and decoding. */
#ifndef DMAR_QI_DECODE_H
#define DMAR_QI_DECODE_H

#include <stdbool.h>

#include "dmar/case.h"
#include "dmar/oracle.h"

/* IQERCD.IQEI codes (vtd-notes 1.10) */
enum { DMAR_IQEI_TYPE = 3, DMAR_IQEI_RSVD = 4, DMAR_IQEI_WIDTH = 5, DMAR_IQEI_MODE = 7 };

/*
 * Checks the descriptor `w` (n = 2 in a 128-bit queue, 4 in a 256-bit one)
 * against the unit: type valid in this mode and width, granularity not
 * reserved, every reserved field zero.  Returns 0 and the named invalidation
 * it is (inv->kind = DMAR_INV_KIND_COUNT when it changes nothing the model
 * holds: interrupt entries, page responses), or the IQEI code of an invalid one.
 */
int dmar_qi_decode(const struct dmar_unit *unit, const uint64_t *w, unsigned n,
		   struct dmar_inv *inv);

/*
 * A page-selective IOTLB invalidation needs CAP.PSI and an AM of at most
 * CAP.MAMV (vtd-notes 1.7, 9.4); the register refuses one that has not
 * (IAIG 00), the queue takes it as an invalid descriptor.  (PASID-based ones
 * take any AM.)
 */
bool dmar_inv_supported(const struct dmar_unit *unit, const struct dmar_inv *inv);

#endif
