/* SPDX-License-Identifier: Apache-2.0 */
/* Named invalidations as the unit takes them: queued descriptors and register commands (vtd-notes 9.3, 9.4). */
#ifndef DMAR_QI_ENCODE_H
#define DMAR_QI_ENCODE_H

#include <stdint.h>

#include "dmar/case.h"

/*
 * The descriptor of a named invalidation (qi_decode.h's inverse): 2 words,
 * or 4 when `wide` (a 256-bit queue; 128-bit types zero-padded).  Returns
 * the number of words, 0 for a kind that has no descriptor in that width.
 */
unsigned dmar_qi_encode(const struct dmar_inv *inv, bool wide, uint64_t w[4]);

/*
 * The descriptor software queues for a named invalidation on a unit whose
 * RTADDR_REG is `rtaddr`: 128 bits in legacy mode, 256 otherwise (as the
 * queue is set up); a type that has only a 256-bit form is written wide
 * even in a 128-bit queue, where the unit refuses it.  Returns the words.
 */
unsigned dmar_qi_encode_queued(const struct dmar_inv *inv, uint64_t rtaddr, uint64_t w[4]);

/*
 * A register-based invalidation: *off is CCMD (028h) or IOTLB_REG (iro * 16 +
 * 8), *val the command, *iva the IVA value (IOTLB page-selective).  Returns
 * false for a kind no register performs (vtd-notes 9.3).
 */
bool dmar_reg_encode(const struct dmar_inv *inv, unsigned iro, unsigned *off, uint64_t *val,
		     uint64_t *iva);

#endif
