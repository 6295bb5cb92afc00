// SPDX-License-Identifier: Apache-2.0
/*
 * The ACPI DMAR parser against a table built here byte by byte from the
 * VT-d specification's layout (chapter 8): a 48-byte header (HAW - 1 at
 * byte 36, flags at 37), a DRHD (type 0, length, flags, segment, register
 * base) holding one endpoint scope (type 1, length 8, enumeration id, start
 * bus, then device and function).
 */
#include <string.h>

#include "check.h"
#include "hw-tests/core/acpi_dmar.h"

static size_t build(uint8_t *t, unsigned scope_len)
{
	size_t len = 48 + 16 + 8, i;
	uint8_t sum = 0;

	memset(t, 0, 128);
	memcpy(t, "DMAR", 4);
	t[4] = (uint8_t)len;
	t[8] = 1;                 /* revision */
	t[36] = 47;               /* HAW 48 */
	t[37] = 1;                /* INTR_REMAP */
	t[48] = 0;                /* DRHD */
	t[50] = 24;               /* its length: 16 + one 8-byte scope */
	t[52] = 0;                /* flags: not INCLUDE_PCI_ALL */
	t[56] = 0x00; t[57] = 0x00; t[58] = 0xd9; t[59] = 0xfe; /* base 0xfed90000 */
	t[64] = 1;                /* scope: PCI endpoint */
	t[65] = (uint8_t)scope_len;
	t[69] = 0;                /* start bus 0 */
	t[70] = 4;                /* device 4 */
	t[71] = 0;                /* function 0 */
	for (i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)-sum;     /* checksum: all bytes add to 0 */
	return len;
}

/* test_acpi_dmar [OUT]: with OUT, also writes the table (good, then OUT.bad with a broken checksum) */
static int write_tables(const char *path)
{
	uint8_t t[128];
	char bad[512];
	size_t len = build(t, 8);
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(t, 1, len, f) == len;

	if (f)
		ok &= fclose(f) == 0;
	t[36] = 38;
	snprintf(bad, sizeof(bad), "%s.bad", path);
	f = fopen(bad, "wb");
	ok &= f && fwrite(t, 1, len, f) == len;
	if (f)
		ok &= fclose(f) == 0;
	return ok ? 0 : 2;
}

int main(int argc, char **argv)
{
	uint8_t t[128];
	struct dmar_acpi a;
	size_t len, where = 0;
	const char *what = NULL;

	if (argc > 1)
		return write_tables(argv[1]);
	len = build(t, 8);
	CHECK(dmar_acpi_parse(t, len, &a, &where, &what) == 0);
	CHECK(a.haw == 48 && a.flags == 1 && a.n_units == 1 && a.n_rmrr == 0);
	CHECK_EQ_U64(a.units[0].base, 0xfed90000);
	CHECK(a.units[0].include_all == 0 && a.units[0].n_scopes == 1);
	CHECK(a.units[0].scopes[0].type == 1 && a.units[0].scopes[0].sid == 0x0020);
	CHECK(a.units[0].scopes[0].path_len == 1);

	/* a wrong byte breaks the checksum */
	t[36] = 38;
	CHECK(dmar_acpi_parse(t, len, &a, &where, &what) == -1 && where == 9 &&
	      !strcmp(what, "checksum"));
	/* a scope of odd length (the path is 2-byte pairs) */
	len = build(t, 7);
	CHECK(dmar_acpi_parse(t, len, &a, &where, &what) == -1 && where == 65);
	/* a table shorter than it says */
	len = build(t, 8);
	CHECK(dmar_acpi_parse(t, len - 1, &a, &where, &what) == -1 && where == 4);
	/* not a DMAR table */
	t[0] = 'X';
	CHECK(dmar_acpi_parse(t, len, &a, &where, &what) == -1 && where == 0);
	return check_summary();
}
