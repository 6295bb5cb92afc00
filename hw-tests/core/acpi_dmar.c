// SPDX-License-Identifier: Apache-2.0
/* ACPI DMAR table parser (VT-d spec 8.1-8.3: header, DRHD, device scope). */
#include "acpi_dmar.h"

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static int bad(size_t *where, const char **what, size_t off, const char *msg)
{
	*where = off;
	*what = msg;
	return -1;
}

/* device scopes of one DRHD: [off, end) */
static int scopes(const uint8_t *t, size_t off, size_t end, struct dmar_drhd *u, size_t *where,
		  const char **what)
{
	while (off < end) {
		uint8_t len;
		struct dmar_scope *s;

		if (end - off < 6 || (len = t[off + 1]) < 6 || len > end - off || (len - 6) % 2)
			return bad(where, what, off + 1, "device scope length");
		if (u->n_scopes < DMAR_MAX_SCOPES) {
			s = &u->scopes[u->n_scopes++];
			s->type = t[off];
			s->enum_id = t[off + 4];
			s->path_len = (uint8_t)((len - 6) / 2);
			s->sid = (uint16_t)(t[off + 5] << 8);
			if (s->path_len)
				s->sid |= (uint16_t)((t[off + 6] & 0x1f) << 3 | (t[off + 7] & 7));
		}
		off += len;
	}
	return 0;
}

int dmar_acpi_parse(const uint8_t *t, size_t len, struct dmar_acpi *out, size_t *where,
		    const char **what)
{
	size_t off, i;
	uint32_t tlen;
	uint8_t sum = 0;

	for (i = 0; i < sizeof(*out); i++)
		((uint8_t *)out)[i] = 0;
	if (len < 48)
		return bad(where, what, len, "shorter than the 48-byte DMAR header");
	if (t[0] != 'D' || t[1] != 'M' || t[2] != 'A' || t[3] != 'R')
		return bad(where, what, 0, "signature is not DMAR");
	tlen = le32(t + 4);
	if (tlen < 48 || tlen > len)
		return bad(where, what, 4, "table length");
	for (i = 0; i < tlen; i++)
		sum = (uint8_t)(sum + t[i]);
	if (sum)
		return bad(where, what, 9, "checksum");
	out->haw = (uint8_t)(t[36] + 1);
	out->flags = t[37];
	for (off = 48; off < tlen;) {
		uint16_t type, slen;

		if (tlen - off < 4)
			return bad(where, what, off, "truncated remapping structure");
		type = le16(t + off);
		slen = le16(t + off + 2);
		if (slen < 4 || slen > tlen - off)
			return bad(where, what, off + 2, "remapping structure length");
		if (type == 0) { /* DRHD */
			struct dmar_drhd *u;

			if (slen < 16)
				return bad(where, what, off + 2, "DRHD shorter than 16 bytes");
			if (out->n_units == DMAR_MAX_UNITS)
				return bad(where, what, off, "more remapping units than this parser keeps");
			u = &out->units[out->n_units++];
			u->include_all = t[off + 4] & 1;
			u->segment = le16(t + off + 6);
			u->base = le64(t + off + 8);
			if (scopes(t, off + 16, off + slen, u, where, what))
				return -1;
		} else if (type == 1) {
			out->n_rmrr++;
		}
		off += slen;
	}
	return 0;
}
