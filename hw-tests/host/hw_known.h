/* SPDX-License-Identifier: Apache-2.0 */
/* Known deviations of QEMU 7.2's intel-iommu from the specification (docs/qemu-deviations.md). */
#ifndef DMAR_HW_KNOWN_H
#define DMAR_HW_KNOWN_H

#include "dmar/case.h"
#include "hw-tests/host/hw.h"

/*
 * The id of the known deviation that explains the unit's answer, or NULL
 * (a new finding).  moved: 1 data landed at hpa, 0 nothing moved, -1 data
 * went elsewhere; reason: the first fault recorded, -1 if none.
 */
const char *dmar_hw_known(const struct dmar_case *c, const struct dmar_hw_dma *d, int moved,
			  uint64_t hpa, int reason);

void dmar_hw_judge(struct dmar_hw_case *hc, const char *out, const struct dmar_case *c);

#endif
