/* SPDX-License-Identifier: Apache-2.0 */
/* QEMU's intel-iommu as a subject under test of the engine (hw-tests/host/qemu_subject.c). */
#ifndef DMAR_HW_QEMU_SUBJECT_H
#define DMAR_HW_QEMU_SUBJECT_H

#include "dmar/engine.h"

/* fills s; QEMU starts with the first case.  0, or -1 with err. */
int dmar_qemu_subject_open(struct dmar_subject *s, struct dmar_error *err);

#endif
