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

#include "dmar/cli.h"
#include "hw-tests/core/acpi_dmar.h"

#ifdef DMAR_HAVE_LIBPCI
#include <pci/pci.h>
#endif
#ifdef DMAR_HAVE_HWLOC
#include <hwloc.h>
#endif

#define DMAR_DEFAULT_TABLE "/sys/firmware/acpi/tables/DMAR"

struct pcifn {
	uint16_t domain, sid, vendor, device;
	uint32_t class;
};

/* reads a whole small file; NULL with errno set */
static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			uint8_t *p = realloc(buf, cap = cap ? cap * 2 : 4096);

			if (!p) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = p;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r);
	fclose(f);
	*len = n;
	return buf;
}

static bool read_hex(const char *dir, const char *name, uint64_t *v)
{
	char path[512];
	FILE *f;
	unsigned long long x;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "r")))
		return false;
	ok = fscanf(f, "%llx", &x) == 1;
	fclose(f);
	*v = x;
	return ok;
}

/* the unit's registers as the kernel shows them (/sys/class/iommu/dmarN/intel-iommu) */
static bool unit_registers(const char *sysfs, uint64_t base, uint64_t *ver, uint64_t *cap, uint64_t *ecap)
{
	char dir[512], sub[1024];
	DIR *d;
	struct dirent *e;
	uint64_t addr;
	bool found = false;

	snprintf(dir, sizeof(dir), "%s/class/iommu", sysfs);
	if (!(d = opendir(dir)))
		return false;
	while (!found && (e = readdir(d))) {
		if (strncmp(e->d_name, "dmar", 4))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s/intel-iommu", dir, e->d_name);
		found = read_hex(sub, "address", &addr) && addr == base && read_hex(sub, "cap", cap) &&
			read_hex(sub, "ecap", ecap);
		if (found && !read_hex(sub, "version", ver))
			*ver = 0;
	}
	closedir(d);
	return found;
}

/* the unit covering a function: one whose scope names it, else the segment's include-all unit */
static int covering_unit(const struct dmar_acpi *a, uint16_t domain, uint16_t sid)
{
	unsigned u, s;

	for (u = 0; u < a->n_units; u++)
		for (s = 0; s < a->units[u].n_scopes; s++)
			if (a->units[u].segment == domain && a->units[u].scopes[s].type == 1 &&
			    a->units[u].scopes[s].path_len == 1 && a->units[u].scopes[s].sid == sid)
				return (int)u;
	for (u = 0; u < a->n_units; u++)
		if (a->units[u].include_all && a->units[u].segment == domain)
			return (int)u;
	return -1;
}

static size_t list_functions(const char *sysfs, struct pcifn *out, size_t max, const char **how)
{
	size_t n = 0;
#ifdef DMAR_HAVE_LIBPCI
	struct pci_access *pa = pci_alloc();
	struct pci_dev *dev;

	(void)sysfs;
	*how = "libpci";
	pci_init(pa);
	pci_scan_bus(pa);
	for (dev = pa->devices; dev && n < max; dev = dev->next) {
		pci_fill_info(dev, PCI_FILL_IDENT | PCI_FILL_CLASS);
		out[n++] = (struct pcifn){ (uint16_t)dev->domain,
					   (uint16_t)(dev->bus << 8 | dev->dev << 3 | dev->func),
					   dev->vendor_id, dev->device_id, dev->device_class };
	}
	pci_cleanup(pa);
#else
	char dir[512], sub[1024];
	DIR *d;
	struct dirent *e;
	unsigned dom, bus, dv, fn;
	uint64_t v, dvid, cls;

	*how = "sysfs (built without libpci)";
	snprintf(dir, sizeof(dir), "%s/bus/pci/devices", sysfs);
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)) && n < max) {
		if (sscanf(e->d_name, "%x:%x:%x.%x", &dom, &bus, &dv, &fn) != 4)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
		if (!read_hex(sub, "vendor", &v) || !read_hex(sub, "device", &dvid) || !read_hex(sub, "class", &cls))
			continue;
		out[n++] = (struct pcifn){ (uint16_t)dom, (uint16_t)(bus << 8 | dv << 3 | fn), (uint16_t)v,
					   (uint16_t)dvid, (uint32_t)(cls >> 8) };
	}
	closedir(d);
#endif
	return n;
}

/* the NUMA node nearest a function (hwloc), -1 when unknown */
static int numa_node(void *topo, const struct pcifn *f)
{
#ifdef DMAR_HAVE_HWLOC
	hwloc_obj_t obj, anc;

	if (!topo)
		return -1;
	obj = hwloc_get_pcidev_by_busid(topo, f->domain, f->sid >> 8, (f->sid >> 3) & 0x1f, f->sid & 7);
	anc = obj ? hwloc_get_non_io_ancestor_obj(topo, obj) : NULL;
	if (anc && anc->nodeset && !hwloc_bitmap_iszero(anc->nodeset))
		return hwloc_bitmap_first(anc->nodeset);
	return -1;
#else
	(void)topo;
	(void)f;
	return -1;
#endif
}

int dmar_cmd_hw_probe(int argc, char **argv)
{
	const char *table = DMAR_DEFAULT_TABLE, *sysfs = "/sys", *how;
	bool named = false; /* --dmar given: a missing file is the user's error */
	struct dmar_acpi acpi = { 0 };
	struct pcifn fns[1024];
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
	t = slurp(table, &len);
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
	free(t);
	if (t)
		printf("dmar: HAW %u, %u unit(s), flags 0x%x (interrupt remapping %s)\n", acpi.haw, acpi.n_units,
		       acpi.flags, acpi.flags & 1 ? "on" : "off");
	for (i = 0; i < acpi.n_units; i++) {
		const struct dmar_drhd *d = &acpi.units[i];
		uint64_t ver, cap, ecap;

		printf("unit %zu base 0x%" PRIx64 " segment %u include-all %u scopes %u", i, d->base, d->segment,
		       d->include_all, d->n_scopes);
		if (unit_registers(sysfs, d->base, &ver, &cap, &ecap))
			printf(" ver 0x%" PRIx64 " cap 0x%016" PRIx64 " ecap 0x%016" PRIx64 "\n", ver, cap, ecap);
		else
			printf(" registers unknown (the kernel's intel-iommu driver does not show this unit)\n");
	}
#ifdef DMAR_HAVE_HWLOC
	{
		hwloc_topology_t ht;

		if (!hwloc_topology_init(&ht)) {
			hwloc_topology_set_io_types_filter(ht, HWLOC_TYPE_FILTER_KEEP_ALL);
			if (!hwloc_topology_load(ht))
				topo = ht;
			else
				hwloc_topology_destroy(ht);
		}
	}
#endif
	n = list_functions(sysfs, fns, sizeof(fns) / sizeof(fns[0]), &how);
	for (i = 0; i < n; i++) {
		const struct pcifn *f = &fns[i];
		int unit = covering_unit(&acpi, f->domain, f->sid), node = numa_node(topo, f);
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
#ifdef DMAR_HAVE_HWLOC
	if (topo)
		hwloc_topology_destroy(topo);
#endif
	printf("%u unit(s), %zu PCI function(s) (%s), %zu DMA engine(s) the replay core drives\n", acpi.n_units,
	       n, how, engines);
	return 0;
}
