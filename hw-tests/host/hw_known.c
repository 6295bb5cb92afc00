// SPDX-License-Identifier: Apache-2.0
/*
 * Known deviations of QEMU 7.2's intel-iommu from the specification, as
 * data: each names the rule it breaks and recognises the answer it gives
 * instead.  Sources: vtd-notes sections 2.5, 4.7, 8.4; docs/qemu-deviations.md;
 * the whole list with evidence is docs/qemu-deviations.md.
 */
#include "hw-tests/host/hw_known.h"
#include "oracles/bits.h"

struct answer {
	const struct dmar_case *c;
	const struct dmar_hw_dma *d;
	const struct dmar_outcome_set *allowed;
	int moved, reason;
};

static bool allows_fault(const struct answer *a, unsigned lo, unsigned hi, bool blocked_only)
{
	uint32_t i;

	for (i = 0; i < a->allowed->n; i++) {
		const struct dmar_outcome *o = &a->allowed->o[i];

		if ((o->kind == DMAR_OUT_BLOCKED || (!blocked_only && o->kind == DMAR_OUT_FAULT)) &&
		    o->reason >= lo && o->reason <= hi)
			return true;
	}
	return false;
}

/* RTADDR as latched when the DMA ran: the header's, or the last `srtp` before it */
static uint64_t rtaddr(const struct answer *a)
{
	uint64_t v = a->c->rtaddr;
	uint32_t i;

	for (i = 0; i < a->d->event && i < a->c->n_events; i++)
		if (a->c->events[i].kind == DMAR_EV_SRTP && a->c->events[i].u.srtp.has_rtaddr)
			v = a->c->events[i].u.srtp.rtaddr;
	return v;
}

static unsigned ttm(const struct answer *a)
{
	return DMAR_RTADDR_TTM(rtaddr(a));
}

/* LCT.3 (Bh) is qualified, but QEMU records it under FPD=1 (vtd-notes 2.5, 8.4) */
static bool bh_recorded_under_fpd(const struct answer *a)
{
	return a->moved == 0 && a->reason == 0xb && allows_fault(a, 0xb, 0xb, true);
}

/* scalable-mode structure faults come out with legacy codes (vtd-notes 8.4; docs/qemu-deviations.md) */
static bool legacy_codes_in_scalable_mode(const struct answer *a)
{
	return ttm(a) == DMAR_TTM_SCALABLE && a->moved == 0 && a->reason >= 0 && a->reason <= 0xe &&
	       allows_fault(a, 0x30, 0xff, false);
}

/*
 * RTADDR is not validated: TTM 10b and 11b are walked as legacy tables
 * (docs/qemu-deviations.md), and SSIRWE (bit 7) in legacy mode is ignored
 * where the specification faults RTA.1 (30h)
 */
static bool rtaddr_not_validated(const struct answer *a)
{
	return allows_fault(a, 0x30, 0x30, false) &&
	       (ttm(a) == DMAR_TTM_RESERVED || ttm(a) == DMAR_TTM_ABORT || DMAR_RTADDR_SSIRWE(rtaddr(a)));
}

/*
 * A pass-through context (TT=10) translates any address: no check against
 * HAW (LGN.1.3, 4h).  Found by this back-end; QEMU's vtd_do_iommu_translate
 * returns the identity before any limit check.
 */
static bool pass_through_without_limit(const struct answer *a)
{
	/* the last entry a pass-through walk reads is the context entry: TT in bits 3:2 */
	return a->reason < 0 && a->moved >= 0 && ttm(a) == DMAR_TTM_LEGACY &&
	       allows_fault(a, 0x4, 0x4, false) && ((a->d->last_entry >> 2) & 3) == 2;
}

/*
 * Bit 62 of a second-stage entry (the retired TM bit) is reserved since rev
 * 3.2, but QEMU 7.2 still accepts it when device-TLBs are on (vtd-notes 4.7).
 */
static bool bit62_accepted(const struct answer *a)
{
	return a->reason < 0 && a->d->failed_check == DMAR_CHK_RESERVED && (a->d->last_entry >> 62) & 1 &&
	       allows_fault(a, 0xc, 0xc, false);
}

/* a level with both a permission problem and a reserved bit gives 5h/6h, not Ch (vtd-notes 4.7) */
static bool permission_before_reserved(const struct answer *a)
{
	return a->moved == 0 && (a->reason == 5 || a->reason == 6) && allows_fault(a, 0xc, 0xc, false);
}

/* no reserved-bit checks in PASID-directory and PASID-table entries (docs/qemu-deviations.md) */
static bool no_pasid_reserved_checks(const struct answer *a)
{
	return ttm(a) == DMAR_TTM_SCALABLE && allows_fault(a, 0x58, 0x5f, false);
}

/*
 * A scalable-mode context entry with DTE (bit 2) on a unit without ECAP.DT
 * has a reserved bit set (SCT.3, 42h); QEMU 7.2 does not check DTE at all
 * (its reserved mask for the entry's low qword is bits 8:5 and those above
 * HAW) and goes on walking, whatever it finds next.  QEMU with x-pasid-mode
 * cannot offer DT, so every scalable case written for a DT unit shows it.
 */
static bool dte_without_dt(const struct answer *a)
{
	return ttm(a) == DMAR_TTM_SCALABLE && allows_fault(a, 0x42, 0x42, false) &&
	       a->d->failed_check == DMAR_CHK_RESERVED && (a->d->last_entry & 4) && a->reason != 0x42;
}

/* every outcome allowed is a fault with a reason in [lo, hi] */
static bool only_faults(const struct answer *a, unsigned lo, unsigned hi)
{
	uint32_t i;

	for (i = 0; i < a->allowed->n; i++)
		if (a->allowed->o[i].kind != DMAR_OUT_FAULT || a->allowed->o[i].reason < lo ||
		    a->allowed->o[i].reason > hi)
			return false;
	return a->allowed->n != 0;
}

/*
 * The rest of the scalable-mode context entry's checks: QEMU 7.2 checks
 * only bits 8:5 of its low qword and the address bits above HAW, so PRE
 * without ECAP.PRS, RID_PRIV without ECAP.RPRIVS (SCT.3, 42h) and a
 * RID_PASID beyond the PASID directory (SCT.4, 43h) go unchecked: it walks
 * on to the PASID structures and reports what it finds there (58h, its one
 * code for every PASID-structure fault).  Found by `hw replay --fit`.
 */
static bool sm_context_fields_unchecked(const struct answer *a)
{
	return ttm(a) == DMAR_TTM_SCALABLE && a->moved == 0 && a->reason != 0x42 && a->reason != 0x43 &&
	       only_faults(a, 0x42, 0x43) && !(a->d->last_entry & 0x1e0);
}

/*
 * A read (or a non-DWORD write) to FEEx_xxxx is an illegal interrupt-range
 * request: fault 29h (vtd-notes 7.6, 8.4 notes the specification's own two
 * readings).  QEMU 7.2 hands it to its interrupt address space and records
 * nothing.
 */
static bool interrupt_range_unreported(const struct answer *a)
{
	return a->reason < 0 && a->moved >= 0 && allows_fault(a, 0x29, 0x29, false) &&
	       (a->d->rq.addr >> 20) == 0xfee;
}

/*
 * An access its cached translation does not permit must fault (5h/6h
 * recorded).  QEMU 7.2 returns an IOTLB hit without looking at the
 * permissions (vtd_do_iommu_translate's IOTLB path): the memory core then
 * refuses the access, but no fault is recorded.  Seen on the second of two
 * accesses to a page whose first one was allowed (the walk is skipped).
 */
static bool iotlb_hit_refused_silently(const struct answer *a)
{
	uint32_t i;

	if (a->reason >= 0 || a->moved < 0 || a->allowed->n == 0)
		return false;
	for (i = 0; i < a->allowed->n; i++)
		if (a->allowed->o[i].kind != DMAR_OUT_FAULT ||
		    (a->allowed->o[i].reason != 5 && a->allowed->o[i].reason != 6))
			return false;
	return true;
}

static const struct {
	const char *id;
	bool (*matches)(const struct answer *a);
} known[] = {
	{ "qemu72-bh-recorded-under-fpd", bh_recorded_under_fpd },
	{ "qemu72-sm-context-dte-unchecked", dte_without_dt },
	{ "qemu72-interrupt-range-unreported", interrupt_range_unreported },
	{ "qemu72-iotlb-hit-refused-silently", iotlb_hit_refused_silently },
	{ "qemu72-legacy-codes-in-scalable-mode", legacy_codes_in_scalable_mode },
	{ "qemu72-rtaddr-not-validated", rtaddr_not_validated },
	{ "qemu72-pass-through-without-limit", pass_through_without_limit },
	{ "qemu72-bit62-accepted", bit62_accepted },
	{ "qemu72-permission-before-reserved", permission_before_reserved },
	{ "qemu72-no-pasid-reserved-checks", no_pasid_reserved_checks },
	{ "qemu72-sm-context-fields-unchecked", sm_context_fields_unchecked },
};

const char *dmar_hw_known(const struct dmar_case *c, const struct dmar_hw_dma *d, int moved,
			  uint64_t hpa, int reason)
{
	struct answer a = { c, d, &d->allowed, moved, reason };
	size_t i;

	(void)hpa;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].matches(&a))
			return known[i].id;
	return NULL;
}
