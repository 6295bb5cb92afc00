/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Discovery inside a test driver: the ACPI DMAR table (found from the RSDP),
 * each unit's VER/CAP/ECAP, and the PCI functions on the buses below 16.
 * Printed in the line protocol of hw-tests/README.md ("Line protocol").
 */
#ifndef DMAR_HW_PROBE_H
#define DMAR_HW_PROBE_H

#include "acpi_dmar.h"
#include "platform.h"

/* finds and parses the DMAR table; -1 when there is none or it is malformed (reported) */
int dmar_hw_find_dmar(const struct dmar_platform *p, struct dmar_acpi *out);
/* prints `unit`, `scope` and `device` lines; returns the number of units */
int dmar_hw_probe(const struct dmar_platform *p);

#endif
