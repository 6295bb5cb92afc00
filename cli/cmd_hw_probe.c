// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz hw probe`: what this machine offers the hardware back-end.  The
 * ACPI DMAR table (units, register bases, device scopes), each unit's
 * VER/CAP/ECAP where the kernel's intel-iommu driver shows them, and every
 * PCI function (libpci) with the unit that covers it, its NUMA node (hwloc)
 * and whether it is a DMA engine the replay core can drive.  Works on any
 * Linux machine; says so plainly when there is no remapping unit.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "hw-tests/host/hw_probe.h"

int dmar_cmd_hw_probe(int argc, char **argv)
{
	const char *table = DMAR_PROBE_DEFAULT_TABLE, *sysfs = "/sys", *how;
	bool named = false; /* --dmar given: a missing file is the user's error */
	struct dmar_acpi acpi = { 0 };
	struct dmar_pcifn fns[1024];
	size_t len = 0, n, i, where, engines = 0;
	const char *what;
	uint8_t *t;
	void *topo = NULL;
	int a;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--dmar") && a + 1 < argc) {
			table = argv[++a];
			named = true;
		} else if (!strcmp(argv[a], "--sysfs") && a + 1 < argc) {
			sysfs = argv[++a];
		} else {
			fprintf(stderr, "usage: dmarfuzz hw probe [--dmar ACPI-TABLE] [--sysfs DIR]\n");
			return 2;
		}
	}
	t = dmar_probe_read_file(table, &len);
	if (!t && errno == ENOENT && named) {
		fprintf(stderr, "%s: no such file\n", table);
		return 2;
	}
	if (!t && errno == ENOENT)
		printf("none: no ACPI DMAR table (%s): this machine reports no DMA-remapping unit\n", table);
	else if (!t)
		printf("none: %s: %s (reading the ACPI DMAR table needs root)\n", table, strerror(errno));
	else if (dmar_acpi_parse(t, len, &acpi, &where, &what)) {
		fprintf(stderr, "%s: byte %zu: %s\n", table, where, what);
		free(t);
		return 2;
	}
	if (t)
		printf("dmar: HAW %u, %u unit(s), flags 0x%x (interrupt remapping %s)\n", acpi.haw, acpi.n_units,
		       acpi.flags, acpi.flags & 1 ? "on" : "off");
	free(t);
	for (i = 0; i < acpi.n_units; i++) {
		const struct dmar_drhd *d = &acpi.units[i];
		uint64_t ver, cap, ecap;

		printf("unit %zu base 0x%" PRIx64 " segment %u include-all %u scopes %u", i, d->base, d->segment,
		       d->include_all, d->n_scopes);
		if (dmar_probe_unit_registers(sysfs, d->base, &ver, &cap, &ecap))
			printf(" ver 0x%" PRIx64 " cap 0x%016" PRIx64 " ecap 0x%016" PRIx64 "\n", ver, cap, ecap);
		else
			printf(" registers unknown (the kernel's intel-iommu driver does not show this unit)\n");
	}
	topo = dmar_probe_topology_open();
	n = dmar_probe_functions(sysfs, fns, sizeof(fns) / sizeof(fns[0]), &how);
	for (i = 0; i < n; i++) {
		const struct dmar_pcifn *f = &fns[i];
		int unit = dmar_probe_covering_unit(&acpi, f->domain, f->sid), node = dmar_probe_numa_node(topo, f);
		bool edu = f->vendor == 0x1234 && f->device == 0x11e8;

		engines += edu;
		printf("device %04x:%02x:%02x.%x %04x:%04x class 0x%04x sid 0x%04x", f->domain, f->sid >> 8,
		       (f->sid >> 3) & 0x1f, f->sid & 7, f->vendor, f->device, f->class, f->sid);
		if (unit >= 0)
			printf(" unit %d", unit);
		else
			printf(" unit none");
		if (node >= 0)
			printf(" numa %d", node);
		printf("%s\n", edu ? " engine edu" : "");
	}
	dmar_probe_topology_close(topo);
	printf("%u unit(s), %zu PCI function(s) (%s), %zu DMA engine(s) the replay core drives\n", acpi.n_units,
	       n, how, engines);
	return 0;
}
