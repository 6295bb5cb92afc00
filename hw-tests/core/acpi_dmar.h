/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The ACPI DMAR table (VT-d spec chapter 8): host address width, the
 * remapping units (DRHD) with their register bases and device scopes.
 * Freestanding: it reads a byte buffer, nothing else.
 */
#ifndef DMAR_HW_ACPI_DMAR_H
#define DMAR_HW_ACPI_DMAR_H

#include <stddef.h>
#include <stdint.h>

#define DMAR_MAX_UNITS 8
#define DMAR_MAX_SCOPES 32

struct dmar_scope {
	uint8_t type;      /* 1 endpoint, 2 bridge, 3 IOAPIC, 4 HPET, 5 ACPI namespace */
	uint8_t enum_id;
	uint16_t sid;      /* bus:dev.fn of the path's first hop (start bus, dev, fn) */
	uint8_t path_len;  /* hops in the path; only the first is resolved here */
};

struct dmar_drhd {
	uint64_t base;     /* register base */
	uint16_t segment;
	uint8_t include_all; /* flags bit 0: every device not listed under another unit */
	uint8_t n_scopes;
	struct dmar_scope scopes[DMAR_MAX_SCOPES];
};

struct dmar_acpi {
	uint8_t haw;       /* host address width: the table's value + 1 */
	uint8_t flags;     /* bit 0 INTR_REMAP, 1 X2APIC_OPT_OUT, 2 DMA_CTRL_PLATFORM_OPT_IN */
	uint8_t n_units;
	struct dmar_drhd units[DMAR_MAX_UNITS];
	uint8_t n_rmrr;    /* reserved memory regions (counted, not kept) */
};

/*
 * Parses a DMAR table.  Returns 0, or -1 with *where set to the offset of
 * the first byte that is wrong and *what to a phrase saying what.
 */
int dmar_acpi_parse(const uint8_t *t, size_t len, struct dmar_acpi *out, size_t *where,
		    const char **what);

#endif
