/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The replay plan: what the harness hands a test driver (as a multiboot
 * module or through the Linux driver's character device).  It is a case
 * made ready for one real unit: addresses already placed in the driver's
 * pool, named invalidations already encoded as register commands or queued
 * descriptors, and for each DMA the addresses the oracle allows it to reach
 * (the driver fires only when all of them, and its own walk's, stay in the
 * pool).
 *
 * Layout: little-endian 64-bit words.  Word 0 is DMAR_PLAN_MAGIC, word 1 the
 * version, then records: a word (tag << 32 | number of operand words), then
 * the operands.  A driver skips a record whose tag it does not know.
 */
#ifndef DMAR_HW_PLAN_H
#define DMAR_HW_PLAN_H

#define DMAR_PLAN_MAGIC 0x314e414c50524d44ull /* "DMRPLAN1" */
#define DMAR_PLAN_VERSION 1

enum dmar_plan_tag {
	/* case index, RTADDR, flags (DMAR_PLAN_F_*): starts a case and resets the unit */
	DMAR_PLAN_CASE = 1,
	/* hpa, then values: software stores (initial memory and `write` events) */
	DMAR_PLAN_WRITE = 2,
	/* hpa: clflush */
	DMAR_PLAN_CLFLUSH = 3,
	/* event, register offset, value[, IVA value]: a register-based invalidation, waits for it */
	DMAR_PLAN_REGINV = 4,
	/* event, 2 or 4 descriptor words: one queued-invalidation descriptor */
	DMAR_PLAN_QI = 5,
	/* event, sid, access (0 read, 1 write), address, length, then the HPAs the oracle allows */
	DMAR_PLAN_DMA = 6,
	/* event, RTADDR (written before SRTP) */
	DMAR_PLAN_SRTP = 7,
	/* event, 0 or 1: GCMD.TE */
	DMAR_PLAN_TE = 8,
	/* event, hpa: report what memory holds */
	DMAR_PLAN_CHECK = 9,
	/* event, reason: a DMA the driver cannot issue (reported as skipped) */
	DMAR_PLAN_SKIP = 10,
	/* no operands: the case ends (the driver restores the memory it used) */
	DMAR_PLAN_END = 11,
	/* pool base, pool size: where every address of the plan lies */
	DMAR_PLAN_POOL = 12,
};

#define DMAR_PLAN_F_TE (1u << 0)      /* translation on after setup */
#define DMAR_PLAN_F_QI (1u << 1)      /* queued invalidation on after setup */
#define DMAR_PLAN_F_QI_WIDE (1u << 2) /* 256-bit descriptors (IQA.DW) */

#endif
