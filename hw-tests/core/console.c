// SPDX-License-Identifier: Apache-2.0
#include "console.h"

void dmar_hw_puts(const struct dmar_platform *p, const char *s)
{
	while (*s)
		p->putc(p->ctx, *s++);
}

/* no 64-bit division: a 32-bit freestanding build has no libgcc to lend it */
static void hex_digits(const struct dmar_platform *p, uint64_t v, unsigned min)
{
	unsigned n = 16;

	while (n > min && n > 1 && !((v >> (4 * (n - 1))) & 15))
		n--;
	while (n--)
		p->putc(p->ctx, "0123456789abcdef"[(v >> (4 * n)) & 15]);
}

void dmar_hw_hex(const struct dmar_platform *p, uint64_t v, unsigned digits)
{
	dmar_hw_puts(p, "0x");
	hex_digits(p, v, digits ? digits : 1);
}

void dmar_hw_dec(const struct dmar_platform *p, uint32_t v)
{
	char buf[10];
	unsigned n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		p->putc(p->ctx, buf[--n]);
}

void dmar_hw_sid(const struct dmar_platform *p, uint16_t sid)
{
	hex_digits(p, sid >> 8, 2);
	p->putc(p->ctx, ':');
	hex_digits(p, (sid >> 3) & 0x1f, 2);
	p->putc(p->ctx, '.');
	hex_digits(p, sid & 7, 1);
}

void dmar_hw_id(const struct dmar_platform *p, uint32_t id)
{
	hex_digits(p, id & 0xffff, 4);
	p->putc(p->ctx, ':');
	hex_digits(p, id >> 16, 4);
}
