/* SPDX-License-Identifier: Apache-2.0 */
/* What this machine offers the hardware back-end (`dmarfuzz hw probe`). */
#ifndef DMAR_HW_PROBE_H
#define DMAR_HW_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw-tests/core/acpi_dmar.h"

#define DMAR_PROBE_DEFAULT_TABLE "/sys/firmware/acpi/tables/DMAR"

struct dmar_pcifn {
	uint16_t domain, sid, vendor, device;
	uint32_t class;
};

/* a whole small file; NULL with errno set */
uint8_t *dmar_probe_read_file(const char *path, size_t *len);
/* the unit's registers as the kernel shows them (SYSFS/class/iommu/dmarN/intel-iommu) */
bool dmar_probe_unit_registers(const char *sysfs, uint64_t base, uint64_t *ver, uint64_t *cap, uint64_t *ecap);
/* the unit covering a function: one whose scope names it, else the segment's include-all unit; -1 none */
int dmar_probe_covering_unit(const struct dmar_acpi *a, uint16_t domain, uint16_t sid);
/* up to max PCI functions; *how says where they came from */
size_t dmar_probe_functions(const char *sysfs, struct dmar_pcifn *out, size_t max, const char **how);
/* the machine's topology (hwloc) or NULL; the NUMA node nearest a function, -1 when unknown */
void *dmar_probe_topology_open(void);
int dmar_probe_numa_node(void *topo, const struct dmar_pcifn *f);
void dmar_probe_topology_close(void *topo);

#endif
