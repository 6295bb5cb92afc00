// SPDX-License-Identifier: Apache-2.0
/*
 * The host side of `hw probe`: the ACPI DMAR table's bytes, each unit's
 * registers where the kernel's intel-iommu driver shows them in sysfs, the
 * PCI functions (libpci, else sysfs) and their NUMA node (hwloc).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw-tests/host/hw_probe.h"

#ifdef DMAR_HAVE_LIBPCI
#include <pci/pci.h>
#endif
#ifdef DMAR_HAVE_HWLOC
#include <hwloc.h>
#endif

uint8_t *dmar_probe_read_file(const char *path, size_t *len)
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

bool dmar_probe_unit_registers(const char *sysfs, uint64_t base, uint64_t *ver, uint64_t *cap, uint64_t *ecap)
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

int dmar_probe_covering_unit(const struct dmar_acpi *a, uint16_t domain, uint16_t sid)
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

size_t dmar_probe_functions(const char *sysfs, struct dmar_pcifn *out, size_t max, const char **how)
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
		out[n++] = (struct dmar_pcifn){ (uint16_t)dev->domain,
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
		out[n++] = (struct dmar_pcifn){ (uint16_t)dom, (uint16_t)(bus << 8 | dv << 3 | fn), (uint16_t)v,
					   (uint16_t)dvid, (uint32_t)(cls >> 8) };
	}
	closedir(d);
#endif
	return n;
}

int dmar_probe_numa_node(void *topo, const struct dmar_pcifn *f)
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

void *dmar_probe_topology_open(void)
{
#ifdef DMAR_HAVE_HWLOC
	hwloc_topology_t ht;

	if (hwloc_topology_init(&ht))
		return NULL;
	hwloc_topology_set_io_types_filter(ht, HWLOC_TYPE_FILTER_KEEP_ALL);
	if (!hwloc_topology_load(ht))
		return ht;
	hwloc_topology_destroy(ht);
#endif
	return NULL;
}

void dmar_probe_topology_close(void *topo)
{
#ifdef DMAR_HAVE_HWLOC
	if (topo)
		hwloc_topology_destroy(topo);
#else
	(void)topo;
#endif
}
