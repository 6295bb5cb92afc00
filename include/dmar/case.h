/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The case model: a remapping unit, an initial physical memory and an
 * ordered list of events (docs/case-format.md).  Both encodings (text, binary)
 * decode into this and print from it.
 *
 * A case owns its arrays; dmar_case_free() releases them.
 */
#ifndef DMAR_CASE_H
#define DMAR_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/oracle.h"

#define DMAR_CASE_VERSION 1

/* rtaddr mode word as written (none: only the raw TTM bits speak) */
enum dmar_mode_word {
	DMAR_MODE_NONE,
	DMAR_MODE_LEGACY,
	DMAR_MODE_SCALABLE,
	DMAR_MODE_ABORT,
};

/* a run of 64-bit values at a physical address (mem, write) */
struct dmar_qwords {
	uint64_t hpa;
	uint32_t n;
	uint32_t line; /* source line (0 if none); not compared by dmar_case_equal */
	uint64_t *v;
};

struct dmar_hole {
	uint64_t hpa;
	uint64_t size;
};

enum dmar_event_kind {
	DMAR_EV_WRITE,
	DMAR_EV_CLFLUSH,
	DMAR_EV_INV,
	DMAR_EV_QI,
	DMAR_EV_DMA,
	DMAR_EV_CHECK,
	DMAR_EV_SRTP, /* `srtp [0xRTADDR]`: software latches the root table again (GCMD.SRTP) */
	DMAR_EV_TE,   /* `te on|off`: software enables or disables translation (GCMD.TE) */
	DMAR_EV_ATC,  /* `atc SID 0xADDR [pasid=N] [=> ...]`: what a device's TLB may still hold */
};

/* named invalidations (docs/case-format.md, `inv`) */
enum dmar_inv_kind {
	DMAR_INV_CC_GLOBAL,
	DMAR_INV_CC_DOMAIN,
	DMAR_INV_CC_DEVICE,
	DMAR_INV_IOTLB_GLOBAL,
	DMAR_INV_IOTLB_DOMAIN,
	DMAR_INV_IOTLB_PAGE,
	DMAR_INV_PC_DOMAIN,
	DMAR_INV_PC_PASID,
	DMAR_INV_PC_GLOBAL,
	DMAR_INV_PIOTLB_PASID,
	DMAR_INV_PIOTLB_PAGE,
	DMAR_INV_DEVTLB,
	DMAR_INV_IEC_GLOBAL,
	DMAR_INV_IEC_INDEX,
	DMAR_INV_WAIT,
	DMAR_INV_KIND_COUNT
};

/* which fields an invalidation carries (bit per field) */
#define DMAR_INVF_DID (1u << 0)
#define DMAR_INVF_SID (1u << 1)
#define DMAR_INVF_FM (1u << 2)
#define DMAR_INVF_ADDR (1u << 3)
#define DMAR_INVF_AM (1u << 4)
#define DMAR_INVF_IH (1u << 5)
#define DMAR_INVF_PASID (1u << 6)
#define DMAR_INVF_SIZE (1u << 7)
#define DMAR_INVF_INDEX (1u << 8)
#define DMAR_INVF_IM (1u << 9)
#define DMAR_INVF_STATUS (1u << 10) /* status=A value=V */
#define DMAR_INVF_FENCE (1u << 11)
#define DMAR_INVF_DRAIN (1u << 12)

enum dmar_via { DMAR_VIA_QI = 0, DMAR_VIA_REG = 1 };

struct dmar_inv {
	uint8_t kind;    /* enum dmar_inv_kind */
	uint8_t via;     /* enum dmar_via */
	bool via_said;   /* via= was written (printing keeps it) */
	uint32_t fields; /* DMAR_INVF_* present */
	uint32_t did, pasid, fm, am, index, im;
	uint16_t sid;
	uint64_t addr, size;
	uint64_t status_hpa, status_value;
};

struct dmar_dma {
	struct dmar_request rq;
	bool len_said;   /* len= was written */
	bool has_expect; /* `=> ...` was written */
	struct dmar_outcome_set expect;
};

struct dmar_event {
	uint8_t kind; /* enum dmar_event_kind */
	uint32_t line; /* source line in the text case (0 if none) */
	union {
		struct dmar_qwords write;
		uint64_t clflush_hpa;
		struct dmar_inv inv;
		struct {
			uint32_t n; /* 2 or 4 */
			uint64_t w[4];
		} qi;
		struct dmar_dma dma;
		struct {
			uint64_t hpa, value;
		} check;
		struct {
			bool has_rtaddr; /* a new RTADDR value was written first */
			uint64_t rtaddr;
		} srtp;
		bool te_on;
		struct dmar_atc_query {
			uint16_t sid;
			bool has_pasid;
			uint32_t pasid;
			uint64_t addr;
			bool has_expect;
			struct dmar_outcome_set expect; /* `miss` and `ats` outcomes */
		} atc;
	} u;
};

/*
 * What the caches may hold (docs/oracle-semantics.md, "Caches"): the
 * architecture's rule, where a unit may cache any walk that would succeed
 * (the default), or only what walks of the case's DMAs read (stricter: for
 * units that cache only what they walked).
 */
enum dmar_cache_rule { DMAR_CACHE_ARCHITECTURE, DMAR_CACHE_OBSERVED };

struct dmar_case {
	uint64_t cap, ecap, rtaddr;
	uint32_t ver;
	uint8_t haw;
	uint8_t cache_rule; /* enum dmar_cache_rule: `cache-model` line, or the CLI's --cache-model */
	bool haw_said, ver_said, translation_said, te;
	uint8_t mode_word; /* enum dmar_mode_word */

	struct dmar_qwords *mem;
	uint32_t n_mem;
	struct dmar_hole *holes;
	uint32_t n_holes;
	struct dmar_hole *roms; /* `rom`: readable, but the unit's writes there fail */
	uint32_t n_roms;
	struct dmar_event *events;
	uint32_t n_events;
};

/* defaults per docs/case-format.md */
#define DMAR_DEFAULT_VER 0x10u
#define DMAR_DEFAULT_LEN 4u

void dmar_case_init(struct dmar_case *c);
void dmar_case_free(struct dmar_case *c);
/* the unit the case describes (haw defaults to MGAW) */
void dmar_case_unit(const struct dmar_case *c, struct dmar_unit *u);
/* a deep copy of src into dst (released with dmar_case_free); 0, or -1 when out of memory */
int dmar_case_copy(struct dmar_case *dst, const struct dmar_case *src);
/* structural equality (line numbers are not compared) */
bool dmar_case_equal(const struct dmar_case *a, const struct dmar_case *b);

#endif /* DMAR_CASE_H */
