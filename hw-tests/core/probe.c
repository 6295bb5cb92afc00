// SPDX-License-Identifier: Apache-2.0
#include "probe.h"
#include "console.h"

static uint32_t rd32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static int sig_is(const uint8_t *b, const char *s)
{
	return b[0] == s[0] && b[1] == s[1] && b[2] == s[2] && b[3] == s[3];
}

/* the RSDP lives on a 16-byte boundary in the BIOS area 0xe0000-0xfffff (ACPI 5.2.5.1) */
static const uint8_t *find_rsdp(const struct dmar_platform *p)
{
	const uint8_t *bios = p->phys(p->ctx, 0xe0000, 0x20000);
	uint32_t off;

	if (!bios)
		return 0;
	for (off = 0; off + 20 <= 0x20000; off += 16) {
		const uint8_t *r = bios + off;
		uint8_t sum = 0;
		unsigned i;

		if (!sig_is(r, "RSD ") || !sig_is(r + 4, "PTR "))
			continue;
		for (i = 0; i < 20; i++)
			sum = (uint8_t)(sum + r[i]);
		if (!sum)
			return r;
	}
	return 0;
}

int dmar_hw_find_dmar(const struct dmar_platform *p, struct dmar_acpi *out)
{
	const uint8_t *rsdp = find_rsdp(p), *rsdt, *t;
	uint32_t len, i;
	size_t where;
	const char *what;

	if (!rsdp || !(rsdt = p->phys(p->ctx, rd32(rsdp + 16), 36)) || !sig_is(rsdt, "RSDT")) {
		dmar_hw_puts(p, "error no ACPI RSDP/RSDT found\n");
		return -1;
	}
	len = rd32(rsdt + 4);
	if (!(rsdt = p->phys(p->ctx, rd32(rsdp + 16), len)))
		return -1;
	for (i = 36; i + 4 <= len; i += 4) {
		uint32_t pa = rd32(rsdt + i);

		if (!(t = p->phys(p->ctx, pa, 8)) || !sig_is(t, "DMAR"))
			continue;
		if (!(t = p->phys(p->ctx, pa, rd32(t + 4))))
			break;
		if (dmar_acpi_parse(t, rd32(t + 4), out, &where, &what)) {
			dmar_hw_puts(p, "error ACPI DMAR table: byte ");
			dmar_hw_dec(p, (uint32_t)where);
			dmar_hw_puts(p, ": ");
			dmar_hw_puts(p, what);
			dmar_hw_puts(p, "\n");
			return -1;
		}
		return 0;
	}
	dmar_hw_puts(p, "none no ACPI DMAR table: no DMA-remapping unit reported\n");
	return -1;
}

static void kv_hex(const struct dmar_platform *p, const char *key, uint64_t v, unsigned digits)
{
	dmar_hw_puts(p, key);
	dmar_hw_hex(p, v, digits);
}

int dmar_hw_probe(const struct dmar_platform *p)
{
	struct dmar_acpi a;
	unsigned u, s;
	uint32_t bdf;

	if (dmar_hw_find_dmar(p, &a) == 0) {
		for (u = 0; u < a.n_units; u++) {
			const struct dmar_drhd *d = &a.units[u];

			dmar_hw_puts(p, "unit ");
			dmar_hw_dec(p, u);
			kv_hex(p, " base ", d->base, 0);
			kv_hex(p, " ver ", p->mmio_read32(p->ctx, d->base) & 0xff, 0);
			kv_hex(p, " cap ", dmar_mmio_read64(p, d->base + 0x08), 16);
			kv_hex(p, " ecap ", dmar_mmio_read64(p, d->base + 0x10), 16);
			dmar_hw_puts(p, " haw ");
			dmar_hw_dec(p, a.haw);
			dmar_hw_puts(p, d->include_all ? " include-all 1\n" : " include-all 0\n");
			for (s = 0; s < d->n_scopes; s++) {
				dmar_hw_puts(p, "scope ");
				dmar_hw_dec(p, u);
				dmar_hw_puts(p, " type ");
				dmar_hw_dec(p, d->scopes[s].type);
				dmar_hw_puts(p, " sid ");
				dmar_hw_sid(p, d->scopes[s].sid);
				dmar_hw_puts(p, "\n");
			}
		}
	} else {
		a.n_units = 0;
	}
	for (bdf = 0; bdf < 16u << 8; bdf++) {
		uint32_t id = p->pci_read32(p->ctx, (uint16_t)bdf, 0);

		if ((id & 0xffff) == 0xffff)
			continue;
		dmar_hw_puts(p, "device ");
		dmar_hw_sid(p, (uint16_t)bdf);
		dmar_hw_puts(p, " ");
		dmar_hw_id(p, id);
		dmar_hw_puts(p, "\n");
	}
	return a.n_units;
}
