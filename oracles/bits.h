/* SPDX-License-Identifier: Apache-2.0 */
/* Bit-field helpers for entry decoding.  Sizes are log2 (`_lg2`). */
#ifndef DMAR_BITS_H
#define DMAR_BITS_H

#include <stdint.h>

/* bits hi..lo set (0 <= lo <= hi <= 63) */
static inline uint64_t dmar_genmask(unsigned hi, unsigned lo)
{
	return (~0ull >> (63 - hi)) & (~0ull << lo);
}

static inline uint64_t dmar_bits(uint64_t v, unsigned hi, unsigned lo)
{
	return (v & dmar_genmask(hi, lo)) >> lo;
}

static inline unsigned dmar_bit(uint64_t v, unsigned n)
{
	return (unsigned)(v >> n) & 1u;
}

static inline uint64_t dmar_lg2_align_down(uint64_t v, unsigned lg2)
{
	return lg2 >= 64 ? 0 : v & ~((1ull << lg2) - 1);
}

static inline uint64_t dmar_lg2_mod(uint64_t v, unsigned lg2)
{
	return lg2 >= 64 ? v : v & ((1ull << lg2) - 1);
}

/* v < 2^lg2 */
static inline int dmar_below_lg2(uint64_t v, unsigned lg2)
{
	return lg2 >= 64 || (v >> lg2) == 0;
}

/* paging level L (1 = the 4K level) indexes input bits shift+8..shift */
static inline unsigned dmar_level_shift(unsigned level)
{
	return 12 + 9 * (level - 1);
}

/* the input width an AW encoding selects: 1, 2, 3 = 39, 48, 57 bits (aw + 2 levels) */
static inline unsigned dmar_aw_width(unsigned aw)
{
	return 30 + 9 * aw;
}

/* Register fields used by the oracle (vtd-notes 1.2, 1.3, 1.5) */
#define DMAR_CAP_ND(c) ((unsigned)dmar_bits(c, 2, 0))
#define DMAR_CAP_CM(c) dmar_bit(c, 7)
#define DMAR_CAP_SAGAW(c) ((unsigned)dmar_bits(c, 12, 8))
#define DMAR_CAP_MGAW(c) ((unsigned)dmar_bits(c, 21, 16) + 1)
#define DMAR_CAP_ZLR(c) dmar_bit(c, 22)
#define DMAR_CAP_SSLPS(c) ((unsigned)dmar_bits(c, 37, 34))
#define DMAR_CAP_FS1GP(c) dmar_bit(c, 56)
#define DMAR_CAP_FS5LP(c) dmar_bit(c, 60)
/* domain-id bits CAP.ND gives: 4, 6, 8, ... 16 */
#define DMAR_CAP_DID_BITS(c) (4 + 2 * DMAR_CAP_ND(c))
#define DMAR_ECAP_PSS(e) ((unsigned)dmar_bits(e, 39, 35)) /* PASID width - 1 */

#define DMAR_ECAP_C 0
#define DMAR_ECAP_QI 1
#define DMAR_ECAP_DT 2
#define DMAR_ECAP_PT 6
#define DMAR_ECAP_SC 7
#define DMAR_ECAP_NWFS 33
#define DMAR_ECAP_SMTS 43
#define DMAR_ECAP_ADMS 52

/* more ECAP bits, PGTT and legacy TT values (entry bits: oracles/format.h) */
#define DMAR_ECAP_PRS 29
#define DMAR_ECAP_PASID 40
#define DMAR_ECAP_RPS 49
#define DMAR_ECAP_RPRIVS 53
#define DMAR_ECAP_HPTS 55
#define DMAR_ECAP_PTRS 56
#define DMAR_ECAP_NEST 26
#define DMAR_ECAP_MTS 25
#define DMAR_ECAP_SRS 31
#define DMAR_ECAP_EAFS 34
#define DMAR_ECAP_SSADS 45
#define DMAR_ECAP_SSTS 46
#define DMAR_ECAP_FSTS 47
#define DMAR_ECAP_SMPWCS 48
#define DMAR_ECAP_SSIRWS 57
#define DMAR_PGTT_FS 1
#define DMAR_PGTT_SS 2
#define DMAR_PGTT_NESTED 3
#define DMAR_PGTT_PT 4
#define DMAR_CTX_TT_UNTRANSLATED 0
#define DMAR_CTX_TT_ATS 1
#define DMAR_CTX_TT_PASSTHROUGH 2

#define DMAR_RTADDR_TTM(r) ((unsigned)dmar_bits(r, 11, 10))
#define DMAR_RTADDR_SSIRWE(r) dmar_bit(r, 7)
#define DMAR_RTADDR_RTA(r) ((r) & dmar_genmask(63, 12))

#define DMAR_TTM_LEGACY 0
#define DMAR_TTM_SCALABLE 1
#define DMAR_TTM_RESERVED 2
#define DMAR_TTM_ABORT 3

/* the interrupt address range FEE0_0000..FEEF_FFFF */
#define DMAR_IRQ_BASE 0xfee00000ull
#define DMAR_IRQ_LAST 0xfeefffffull

#endif
