// SPDX-License-Identifier: Apache-2.0
/*
 * The text case parser (docs/case-format.md).  Line by line: tokens split on
 * blanks, `#` to the end of the line is a comment, `|` is a token of its
 * own.  The first error stops the parse with "FILE:LINE: `TOKEN`: what".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dmar/codec.h"
#include "harness/grow.h"
#include "harness/inv_kinds.h"

#define MAX_TOKENS 600

struct parser {
	const char *file;
	uint32_t line;
	char *tok[MAX_TOKENS];
	unsigned ntok;
	struct dmar_case *c;
	struct dmar_error *err;
	uint32_t said; /* header lines seen (bit per kind) */
};

enum { SAID_CAP = 1, SAID_ECAP = 2, SAID_RTADDR = 4, SAID_HAW = 8, SAID_VER = 16, SAID_TE = 32,
       SAID_CACHE_MODEL = 64 };

/*
 * A token as an error message shows it: printable ASCII as is, other bytes
 * (and the backslash) as \xHH, cut (with "...") to fit, so a binary file's bytes never reach the
 * terminal and the message stays one line.
 */
static void escape_token(const char *t, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	for (; *t; t++) {
		unsigned char ch = (unsigned char)*t;
		size_t need = ch >= 0x20 && ch < 0x7f && ch != '\\' ? 1 : 4;

		if (o + need + 4 > size) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (need == 1) {
			out[o++] = (char)ch;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[ch >> 4];
			out[o++] = hex[ch & 15];
		}
	}
	out[o] = 0;
}

static int fail(struct parser *p, const char *token, const char *fmt, ...)
{
	va_list ap;
	char shown[64];
	int n;

	escape_token(token ? token : "", shown, sizeof(shown));
	n = snprintf(p->err->msg, sizeof(p->err->msg), "%s:%u: `%s`: ", p->file, p->line, shown);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof(p->err->msg))
		vsnprintf(p->err->msg + n, sizeof(p->err->msg) - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- numbers ------------------------------------------------------------ */

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!s[2])
			return -1;
		*v = strtoull(s + 2, &end, 16);
	} else {
		*v = strtoull(s, &end, 10);
	}
	return errno || *end ? -1 : 0;
}

/* a number with an optional K, M or G suffix */
static int parse_size(const char *s, uint64_t *v)
{
	char buf[64];
	size_t n = strlen(s);
	unsigned shift = 0;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n + 1);
	switch (buf[n - 1]) {
	case 'K': shift = 10; break;
	case 'M': shift = 20; break;
	case 'G': shift = 30; break;
	default: break;
	}
	if (shift)
		buf[n - 1] = 0;
	if (parse_u64(buf, v) || (shift && *v > (~0ull >> shift)))
		return -1;
	*v <<= shift;
	return 0;
}

static int num(struct parser *p, const char *s, uint64_t max, const char *what, uint64_t *v)
{
	if (parse_u64(s, v))
		return fail(p, s, "%s must be a number (decimal or 0x hex)", what);
	if (*v > max)
		return fail(p, s, "%s is out of range (at most 0x%llx)", what, (unsigned long long)max);
	return 0;
}

static int size_num(struct parser *p, const char *s, uint64_t max, const char *what, uint64_t *v)
{
	if (parse_size(s, v))
		return fail(p, s, "%s must be a size (a number, K, M or G allowed)", what);
	if (*v > max)
		return fail(p, s, "%s is out of range (at most %llu)", what, (unsigned long long)max);
	return 0;
}

static int aligned_addr(struct parser *p, const char *s, uint64_t *v)
{
	if (num(p, s, ~0ull, "the address", v))
		return -1;
	if (*v & 7)
		return fail(p, s, "the address must be 8-byte aligned");
	return 0;
}

/* BB:DD.F in hex */
static int hex_digit(char ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 :
	       ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

static int parse_sid(struct parser *p, const char *s, uint16_t *sid)
{
	static const unsigned digit_at[5] = { 0, 1, 3, 4, 6 };
	int d[5];
	unsigned i, bus, dev, fn;

	/* exactly two, two and one hex digits: no sign, no 0x, nothing else (sscanf would take them) */
	for (i = 0; i < 5 && strlen(s) == 7; i++)
		d[i] = hex_digit(s[digit_at[i]]);
	if (strlen(s) != 7 || s[2] != ':' || s[5] != '.' || d[0] < 0 || d[1] < 0 || d[2] < 0 || d[3] < 0 ||
	    d[4] < 0)
		return fail(p, s, "a source-id is written BB:DD.F in hex");
	bus = (unsigned)(d[0] << 4 | d[1]);
	dev = (unsigned)(d[2] << 4 | d[3]);
	fn = (unsigned)d[4];
	if (dev > 0x1f || fn > 7)
		return fail(p, s, "device must be at most 1f and function at most 7");
	*sid = (uint16_t)(bus << 8 | dev << 3 | fn);
	return 0;
}

/* "key=value": returns value or NULL */
static const char *value_of(const char *tok, const char *key)
{
	size_t n = strlen(key);

	return strncmp(tok, key, n) == 0 && tok[n] == '=' ? tok + n + 1 : NULL;
}

/* ---- growth ------------------------------------------------------------- */

/* room for element n of a case's array; the case keeps no capacity: the parser
 * grows its arrays from empty, so the capacity is the power of two (4 at least)
 * that holds n */
static void *grow(void *arr, uint32_t n, size_t elem)
{
	size_t cap = n ? 4 : 0;

	while (cap && cap < n)
		cap *= 2;
	return dmar_grow(arr, n, &cap, elem, 4);
}

static int nomem(struct parser *p)
{
	return fail(p, p->ntok ? p->tok[0] : "", "out of memory");
}

static int qwords(struct parser *p, unsigned first, struct dmar_qwords *q)
{
	unsigned i;

	if (first >= p->ntok)
		return fail(p, p->tok[0], "needs an address and at least one value");
	if (aligned_addr(p, p->tok[first], &q->hpa))
		return -1;
	q->line = p->line;
	q->n = p->ntok - first - 1;
	if (q->n == 0)
		return fail(p, p->tok[first], "needs at least one value after the address");
	q->v = calloc(q->n, sizeof(*q->v));
	if (!q->v)
		return nomem(p);
	for (i = 0; i < q->n; i++)
		if (num(p, p->tok[first + 1 + i], ~0ull, "a value", &q->v[i]))
			return -1;
	/* the last qword may end exactly at 2^64; none may wrap past it */
	if (q->n > 512 || q->hpa + 8ull * (q->n - 1) < q->hpa)
		return fail(p, p->tok[first], "too many values");
	return 0;
}

/* ---- header ------------------------------------------------------------- */

static int once(struct parser *p, uint32_t bit)
{
	if (p->said & bit)
		return fail(p, p->tok[0], "this header line is given twice");
	p->said |= bit;
	return 0;
}

static int expect_args(struct parser *p, unsigned lo, unsigned hi)
{
	if (p->ntok - 1 < lo)
		return fail(p, p->tok[0], "needs %u argument%s", lo, lo == 1 ? "" : "s");
	if (p->ntok - 1 > hi)
		return fail(p, p->tok[hi + 1], "unexpected token");
	return 0;
}

static int header_rtaddr(struct parser *p)
{
	static const char *const words[] = { NULL, "legacy", "scalable", "abort" };
	static const unsigned ttm[] = { 0, 0, 1, 3 };
	struct dmar_case *c = p->c;
	unsigned i, have;

	if (expect_args(p, 1, 2) || num(p, p->tok[1], ~0ull, "RTADDR", &c->rtaddr))
		return -1;
	if (p->ntok == 2)
		return 0;
	for (i = 1; i < 4; i++)
		if (!strcmp(p->tok[2], words[i]))
			break;
	if (i == 4)
		return fail(p, p->tok[2], "mode must be legacy, scalable or abort");
	have = (unsigned)(c->rtaddr >> 10) & 3;
	if (have && have != ttm[i])
		return fail(p, p->tok[2], "contradicts the TTM bits (11:10 = %u%u) of the raw value",
			    have >> 1, have & 1);
	c->rtaddr = (c->rtaddr & ~(3ull << 10)) | ((uint64_t)ttm[i] << 10);
	c->mode_word = (uint8_t)i;
	return 0;
}

static int header_line(struct parser *p)
{
	struct dmar_case *c = p->c;
	const char *kw = p->tok[0];
	uint64_t v;
	void *arr;

	/* (a || b) is 1, not -1: spell the failures out */
	if (!strcmp(kw, "cap"))
		return once(p, SAID_CAP) || expect_args(p, 1, 1) ||
		       num(p, p->tok[1], ~0ull, "CAP", &c->cap) ? -1 : 0;
	if (!strcmp(kw, "ecap"))
		return once(p, SAID_ECAP) || expect_args(p, 1, 1) ||
		       num(p, p->tok[1], ~0ull, "ECAP", &c->ecap) ? -1 : 0;
	if (!strcmp(kw, "rtaddr"))
		return once(p, SAID_RTADDR) || header_rtaddr(p) ? -1 : 0;
	if (!strcmp(kw, "haw")) {
		if (once(p, SAID_HAW) || expect_args(p, 1, 1) || num(p, p->tok[1], 64, "HAW", &v))
			return -1;
		if (v < 12)
			return fail(p, p->tok[1], "HAW must be from 12 to 64");
		c->haw = (uint8_t)v;
		c->haw_said = true;
		return 0;
	}
	if (!strcmp(kw, "ver")) {
		if (once(p, SAID_VER) || expect_args(p, 1, 1) || num(p, p->tok[1], 0xffffffff, "VER", &v))
			return -1;
		c->ver = (uint32_t)v;
		c->ver_said = true;
		return 0;
	}
	if (!strcmp(kw, "translation")) {
		if (once(p, SAID_TE) || expect_args(p, 1, 1))
			return -1;
		if (strcmp(p->tok[1], "on") && strcmp(p->tok[1], "off"))
			return fail(p, p->tok[1], "must be on or off");
		c->te = !strcmp(p->tok[1], "on");
		c->translation_said = true;
		return 0;
	}
	if (!strcmp(kw, "cache-model")) {
		if (once(p, SAID_CACHE_MODEL) || expect_args(p, 1, 1))
			return -1;
		if (strcmp(p->tok[1], "architecture") && strcmp(p->tok[1], "observed"))
			return fail(p, p->tok[1], "must be architecture or observed");
		c->cache_rule = !strcmp(p->tok[1], "observed") ? DMAR_CACHE_OBSERVED : DMAR_CACHE_ARCHITECTURE;
		return 0;
	}
	if (!strcmp(kw, "mem")) {
		if (!(arr = grow(c->mem, c->n_mem, sizeof(*c->mem))))
			return nomem(p);
		c->mem = arr;
		memset(&c->mem[c->n_mem], 0, sizeof(c->mem[0]));
		return qwords(p, 1, &c->mem[c->n_mem++]);
	}
	if (!strcmp(kw, "hole") || !strcmp(kw, "rom")) {
		struct dmar_hole h, **list = kw[0] == 'h' ? &c->holes : &c->roms;
		uint32_t *n = kw[0] == 'h' ? &c->n_holes : &c->n_roms;

		if (expect_args(p, 2, 2) || num(p, p->tok[1], ~0ull, "the address", &h.hpa) ||
		    size_num(p, p->tok[2], ~0ull, "the size", &h.size))
			return -1;
		if (h.size == 0)
			return fail(p, p->tok[2], "a range has a size");
		if (h.hpa + (h.size - 1) < h.hpa)
			return fail(p, p->tok[2], "the range wraps past 2^64");
		if (!(arr = grow(*list, *n, sizeof(**list))))
			return nomem(p);
		*list = arr;
		(*list)[(*n)++] = h;
		return 0;
	}
	return 1; /* not a header line */
}

/* ---- outcomes ----------------------------------------------------------- */

static int completion(struct parser *p, unsigned *i, uint8_t *cpl)
{
	*cpl = DMAR_CPL_ANY;
	if (*i < p->ntok && !strcmp(p->tok[*i], "ur"))
		*cpl = DMAR_CPL_UR;
	else if (*i < p->ntok && !strcmp(p->tok[*i], "ca"))
		*cpl = DMAR_CPL_CA;
	else
		return 0;
	(*i)++;
	return 0;
}

static int ats_outcome(struct parser *p, unsigned *i, struct dmar_outcome *o)
{
	uint64_t v;
	const char *t, *s;

	if (*i >= p->ntok)
		return fail(p, "ats", "needs an address or -");
	if (!strcmp(p->tok[*i], "-")) {
		o->kind = DMAR_OUT_ATS_NONE;
		(*i)++;
		return 0;
	}
	o->kind = DMAR_OUT_ATS;
	o->size_lg2 = 12;
	if (num(p, p->tok[*i], ~0ull, "the translated address", &o->hpa))
		return -1;
	(*i)++;
	if (*i >= p->ntok)
		return fail(p, p->tok[*i - 1], "needs the permissions r, w or rw");
	t = p->tok[(*i)++];
	if (!strcmp(t, "r"))
		o->ats = DMAR_ATS_R;
	else if (!strcmp(t, "w"))
		o->ats = DMAR_ATS_W;
	else if (!strcmp(t, "rw"))
		o->ats = DMAR_ATS_R | DMAR_ATS_W;
	else
		return fail(p, t, "permissions must be r, w or rw");
	while (*i < p->ntok && strcmp(p->tok[*i], "|")) {
		t = p->tok[*i];
		if ((s = value_of(t, "size"))) {
			if (size_num(p, s, 1ull << 63, "the size", &v))
				return -1;
			if (v < 4096 || (v & (v - 1)))
				return fail(p, t, "the size must be a power of two of at least 4K");
			for (o->size_lg2 = 0; (1ull << o->size_lg2) < v; o->size_lg2++)
				;
		} else if (!strcmp(t, "u")) {
			o->ats |= DMAR_ATS_U;
		} else if (!strcmp(t, "n")) {
			o->ats |= DMAR_ATS_N;
		} else if (!strcmp(t, "priv")) {
			o->ats |= DMAR_ATS_PRIV;
		} else {
			return fail(p, t, "unknown ats attribute (size=, u, n, priv)");
		}
		(*i)++;
	}
	if (o->hpa & ((1ull << o->size_lg2) - 1))
		return fail(p, p->tok[*i - 1], "the translated address must be aligned to its size");
	return 0;
}

/* the outcomes after `=>`; an `atc` query (atc) has only miss and ats */
static int outcomes(struct parser *p, unsigned i, struct dmar_outcome_set *set, bool atc)
{
	struct dmar_outcome o;
	uint64_t v;
	const char *w;

	set->n = 0;
	for (;;) {
		if (i >= p->ntok)
			return fail(p, p->tok[i - 1], "an outcome is missing");
		memset(&o, 0, sizeof(o));
		w = p->tok[i++];
		if (!strcmp(w, "ok")) {
			o.kind = DMAR_OUT_OK;
			if (i >= p->ntok)
				return fail(p, w, "needs an address");
			if (num(p, p->tok[i++], ~0ull, "the address", &o.hpa))
				return -1;
		} else if (!strcmp(w, "fault") || !strcmp(w, "blocked")) {
			o.kind = w[0] == 'f' ? DMAR_OUT_FAULT : DMAR_OUT_BLOCKED;
			if (i >= p->ntok)
				return fail(p, w, "needs a fault reason");
			if (num(p, p->tok[i++], 0xff, "the fault reason", &v))
				return -1;
			o.reason = (uint8_t)v;
			completion(p, &i, &o.cpl);
		} else if (!strcmp(w, "ats")) {
			if (ats_outcome(p, &i, &o))
				return -1;
		} else if (!strcmp(w, "ur")) {
			o.kind = DMAR_OUT_UR;
		} else if (!strcmp(w, "interrupt")) {
			o.kind = DMAR_OUT_INTERRUPT;
		} else if (!strcmp(w, "prq")) {
			o.kind = DMAR_OUT_PRQ;
		} else if (!strcmp(w, "miss") && atc) {
			o.kind = DMAR_OUT_MISS;
		} else {
			return fail(p, w, atc ? "unknown outcome of atc (miss, ats)" :
				    "unknown outcome (ok, fault, blocked, ats, ur, interrupt, prq)");
		}
		if (atc && o.kind != DMAR_OUT_MISS && o.kind != DMAR_OUT_ATS)
			return fail(p, w, "an atc query's outcomes are miss and ats 0xHPA PERMS");
		if (set->n == DMAR_MAX_OUTCOMES)
			return fail(p, w, "more than %u outcomes", DMAR_MAX_OUTCOMES);
		set->o[set->n++] = o;
		if (i == p->ntok)
			return 0;
		if (strcmp(p->tok[i], "|"))
			return fail(p, p->tok[i], "outcomes are separated by |");
		i++;
	}
}

/* ---- events ------------------------------------------------------------- */

static int dma_event(struct parser *p, struct dmar_dma *d)
{
	struct dmar_request *rq = &d->rq;
	uint32_t seen = 0;
	unsigned i;
	uint64_t v;
	const char *t, *s;

	if (p->ntok < 4)
		return fail(p, p->tok[0], "needs SID, read|write|atomic and an address");
	if (parse_sid(p, p->tok[1], &rq->sid))
		return -1;
	for (i = 0; i < 3 && strcmp(p->tok[2], dmar_access_name((uint8_t)i)); i++)
		;
	if (i == 3)
		return fail(p, p->tok[2], "must be read, write or atomic");
	rq->access = (uint8_t)i;
	if (num(p, p->tok[3], ~0ull, "the address", &rq->addr))
		return -1;
	rq->len = DMAR_DEFAULT_LEN;
	for (i = 4; i < p->ntok && strcmp(p->tok[i], "=>"); i++) {
		uint32_t bit;

		t = p->tok[i];
		if ((s = value_of(t, "len"))) {
			bit = 1;
			if (size_num(p, s, 4096, "len", &v))
				return -1;
			rq->len = (uint32_t)v;
			d->len_said = true;
		} else if ((s = value_of(t, "pasid"))) {
			bit = 2;
			if (num(p, s, 0xfffff, "the PASID", &v))
				return -1;
			rq->pasid = (uint32_t)v;
			rq->has_pasid = true;
		} else if ((s = value_of(t, "at"))) {
			bit = 4;
			if (!strcmp(s, "ut"))
				rq->at = DMAR_AT_UT;
			else if (!strcmp(s, "tr"))
				rq->at = DMAR_AT_TR;
			else if (!strcmp(s, "t"))
				rq->at = DMAR_AT_T;
			else if (!strcmp(s, "pr"))
				rq->at = DMAR_AT_PR;
			else
				return fail(p, t, "at= must be ut, tr, t or pr");
		} else if (!strcmp(t, "priv")) {
			bit = 8;
			rq->priv = true;
		} else if (!strcmp(t, "exec")) {
			bit = 16;
			rq->exec = true;
		} else if (!strcmp(t, "nw")) {
			bit = 32;
			rq->nw = true;
		} else {
			return fail(p, t, "unknown DMA attribute (len=, pasid=, priv, exec, nw, at=)");
		}
		if (seen & bit)
			return fail(p, t, "given twice");
		seen |= bit;
	}
	if ((rq->priv || rq->exec) && !rq->has_pasid)
		return fail(p, rq->priv ? "priv" : "exec", "needs pasid= (the bit lives in the PASID prefix)");
	if (rq->len == 0 && rq->access != DMAR_ACC_READ)
		return fail(p, p->tok[2], "only a read may have len=0");
	if ((rq->addr & 0xfff) + rq->len > 4096)
		return fail(p, p->tok[3], "the DMA crosses a 4 KiB boundary");
	if (i == p->ntok)
		return 0;
	if (i + 1 == p->ntok)
		return fail(p, "=>", "an outcome is missing");
	d->has_expect = true;
	return outcomes(p, i + 1, &d->expect, false);
}

/* `atc SID 0xADDR [pasid=N] [=> OUTCOMES]` */
static int atc_event(struct parser *p, struct dmar_atc_query *q)
{
	unsigned i = 3;
	uint64_t v;
	const char *s;

	if (p->ntok < 3)
		return fail(p, p->tok[0], "needs SID and an address");
	if (parse_sid(p, p->tok[1], &q->sid) || num(p, p->tok[2], ~0ull, "the address", &q->addr))
		return -1;
	if (i < p->ntok && (s = value_of(p->tok[i], "pasid"))) {
		if (num(p, s, 0xfffff, "the PASID", &v))
			return -1;
		q->pasid = (uint32_t)v;
		q->has_pasid = true;
		i++;
	}
	if (i == p->ntok)
		return 0;
	if (strcmp(p->tok[i], "=>"))
		return fail(p, p->tok[i], "unknown atc attribute (pasid=)");
	if (i + 1 == p->ntok)
		return fail(p, "=>", "an outcome is missing");
	q->has_expect = true;
	return outcomes(p, i + 1, &q->expect, true);
}

static void store_width(void *member, unsigned width, uint64_t v)
{
	if (width == 2)
		*(uint16_t *)member = (uint16_t)v;
	else if (width == 4)
		*(uint32_t *)member = (uint32_t)v;
	else
		*(uint64_t *)member = v;
}

/* one `name=value` or flag of an invalidation, as dmar_inv_fields describes it */
static int inv_field(struct parser *p, const char *t, struct dmar_inv *inv, uint32_t *got)
{
	const struct dmar_inv_field_info *fi = NULL;
	const char *s = NULL;
	uint16_t sid;
	uint32_t bit;
	uint64_t v = 0;
	unsigned i;

	if ((s = value_of(t, "via"))) {
		if (strcmp(s, "reg") && strcmp(s, "qi"))
			return fail(p, t, "via= must be reg or qi");
		inv->via = !strcmp(s, "reg") ? DMAR_VIA_REG : DMAR_VIA_QI;
		inv->via_said = true;
		bit = 1u << 30;
	} else {
		for (i = 0; i < dmar_inv_n_fields && !fi; i++) {
			const struct dmar_inv_field_info *f = &dmar_inv_fields[i];

			if (f->style == DMAR_IS_FLAG ? !strcmp(t, f->name) : !!(s = value_of(t, f->name)))
				fi = f;
		}
		if (!fi)
			return fail(p, t, "unknown invalidation field");
		bit = fi->bit;
		if (fi->style == DMAR_IS_SID) {
			if (parse_sid(p, s, &sid))
				return -1;
			v = sid;
		} else if (fi->style == DMAR_IS_SIZE) {
			if (size_num(p, s, fi->max, fi->what, &v))
				return -1;
		} else if (fi->style != DMAR_IS_FLAG && num(p, s, fi->max, fi->what, &v)) {
			return -1;
		}
		if (fi->bit == DMAR_INVF_STATUS && (v & 3))
			return fail(p, t, "the status address must be 4-byte aligned");
		if (fi->width)
			store_width((char *)inv + fi->offset, fi->width, v);
	}
	if (*got & bit)
		return fail(p, t, "given twice");
	*got |= bit;
	return 0;
}

static int inv_event(struct parser *p, struct dmar_inv *inv)
{
	const struct dmar_inv_kind_info *k;
	unsigned kind, i;
	uint32_t got = 0, missing, extra;

	if (p->ntok < 2)
		return fail(p, p->tok[0], "needs a kind (cc, iotlb, pc, piotlb, devtlb, iec, wait)");
	for (kind = 0; kind < DMAR_INV_KIND_COUNT; kind++) {
		k = &dmar_inv_kinds[kind];
		if (strcmp(p->tok[1], k->word))
			continue;
		if (!k->sub || (p->ntok > 2 && !strcmp(p->tok[2], k->sub)))
			break;
	}
	if (kind == DMAR_INV_KIND_COUNT)
		return fail(p, p->ntok > 2 && strchr("cipd", p->tok[1][0]) ? p->tok[2] : p->tok[1],
			    "unknown invalidation kind");
	k = &dmar_inv_kinds[kind];
	inv->kind = (uint8_t)kind;
	for (i = k->sub ? 3 : 2; i < p->ntok; i++)
		if (inv_field(p, p->tok[i], inv, &got))
			return -1;
	if (!!(got & DMAR_INVF_STATUS) != !!(got & DMAR_INVF_STATUS_VALUE))
		return fail(p, p->tok[0], "status= and value= go together");
	got &= ~(DMAR_INVF_STATUS_VALUE | (1u << 30));
	missing = k->required & ~got;
	extra = got & ~(k->required | k->optional);
	for (i = 0; i < dmar_inv_n_fields; i++) {
		if (missing & dmar_inv_fields[i].bit)
			return fail(p, p->tok[1], "needs %s=", dmar_inv_fields[i].name);
		if (extra & dmar_inv_fields[i].bit)
			return fail(p, dmar_inv_fields[i].name, "does not belong to this invalidation");
	}
	inv->fields = got;
	return 0;
}

static int event_line(struct parser *p)
{
	struct dmar_case *c = p->c;
	struct dmar_event *ev;
	const char *kw = p->tok[0];
	void *arr;
	unsigned i;

	if (!(arr = grow(c->events, c->n_events, sizeof(*c->events))))
		return nomem(p);
	c->events = arr;
	ev = &c->events[c->n_events];
	memset(ev, 0, sizeof(*ev));
	ev->line = p->line;
	if (!strcmp(kw, "write")) {
		ev->kind = DMAR_EV_WRITE;
		c->n_events++; /* counted first so that a failure frees the values */
		return qwords(p, 1, &ev->u.write);
	}
	c->n_events++;
	if (!strcmp(kw, "clflush")) {
		ev->kind = DMAR_EV_CLFLUSH;
		return expect_args(p, 1, 1) || num(p, p->tok[1], ~0ull, "the address", &ev->u.clflush_hpa) ? -1 : 0;
	}
	if (!strcmp(kw, "inv")) {
		ev->kind = DMAR_EV_INV;
		return inv_event(p, &ev->u.inv);
	}
	if (!strcmp(kw, "qi")) {
		ev->kind = DMAR_EV_QI;
		if (p->ntok != 3 && p->ntok != 5)
			return fail(p, kw, "a descriptor has 2 or 4 64-bit words");
		ev->u.qi.n = p->ntok - 1;
		for (i = 0; i < ev->u.qi.n; i++)
			if (num(p, p->tok[1 + i], ~0ull, "a descriptor word", &ev->u.qi.w[i]))
				return -1;
		return 0;
	}
	if (!strcmp(kw, "dma")) {
		ev->kind = DMAR_EV_DMA;
		return dma_event(p, &ev->u.dma);
	}
	if (!strcmp(kw, "check")) {
		ev->kind = DMAR_EV_CHECK;
		return expect_args(p, 2, 2) || aligned_addr(p, p->tok[1], &ev->u.check.hpa) ||
		       num(p, p->tok[2], ~0ull, "the value", &ev->u.check.value) ? -1 : 0;
	}
	if (!strcmp(kw, "srtp")) {
		ev->kind = DMAR_EV_SRTP;
		if (expect_args(p, 0, 1))
			return -1;
		ev->u.srtp.has_rtaddr = p->ntok == 2;
		return ev->u.srtp.has_rtaddr && num(p, p->tok[1], ~0ull, "RTADDR", &ev->u.srtp.rtaddr) ? -1 : 0;
	}
	if (!strcmp(kw, "te")) {
		ev->kind = DMAR_EV_TE;
		if (expect_args(p, 1, 1))
			return -1;
		if (strcmp(p->tok[1], "on") && strcmp(p->tok[1], "off"))
			return fail(p, p->tok[1], "must be on or off");
		ev->u.te_on = !strcmp(p->tok[1], "on");
		return 0;
	}
	if (!strcmp(kw, "atc")) {
		ev->kind = DMAR_EV_ATC;
		return atc_event(p, &ev->u.atc);
	}
	c->n_events--;
	return fail(p, kw, "unknown line (header: cap, haw, ver, ecap, rtaddr, translation, mem, "
			   "hole, rom; events: write, clflush, inv, qi, dma, check, srtp, te, atc)");
}

/* ---- lines -------------------------------------------------------------- */

/* splits buf (modified) into tokens; `|` stands alone */
static int tokenize(struct parser *p, char *buf)
{
	char *s = buf, *hash = strchr(buf, '#');

	if (hash)
		*hash = 0;
	p->ntok = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			*s++ = 0;
		if (!*s)
			break;
		if (p->ntok == MAX_TOKENS)
			return fail(p, s, "too many tokens on one line");
		p->tok[p->ntok++] = s;
		if (*s == '|') {
			s++;
			if (*s && *s != ' ' && *s != '\t') {
				/* make room: shift is not possible in place, so split here */
				memmove(s + 1, s, strlen(s) + 1);
				*s++ = 0;
			}
			continue;
		}
		while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '|')
			s++;
		if (*s == '|') {
			memmove(s + 1, s, strlen(s) + 1);
			*s++ = 0;
		}
	}
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct dmar_qwords *x = *(const struct dmar_qwords *const *)a, *y = *(const struct dmar_qwords *const *)b;

	return x->hpa < y->hpa ? -1 : x->hpa > y->hpa ? 1 : (x->line > y->line) - (x->line < y->line);
}

/*
 * Each address is given once by the header: two `mem` lines that overlap
 * are an error (which one should win would be a guess), named at the later
 * line.  Sorted, so a million lines cost n log n.
 */
static int mem_overlaps(struct parser *p)
{
	struct dmar_case *c = p->c;
	const struct dmar_qwords **sorted, *reach = NULL;
	char token[24];
	uint32_t i;

	if (c->n_mem < 2)
		return 0;
	if (!(sorted = malloc(c->n_mem * sizeof(*sorted))))
		return fail(p, "mem", "out of memory");
	for (i = 0; i < c->n_mem; i++)
		sorted[i] = &c->mem[i];
	qsort(sorted, c->n_mem, sizeof(*sorted), by_start);
	for (i = 0; i < c->n_mem; i++) {
		const struct dmar_qwords *q = sorted[i];
		/* last byte, computed without wrapping: a line may end exactly at 2^64 */
		uint64_t last = q->hpa + (8ull * q->n - 1);

		if (reach && q->hpa <= reach->hpa + (8ull * reach->n - 1)) {
			const struct dmar_qwords *later = q->line > reach->line ? q : reach;

			p->line = later->line;
			snprintf(token, sizeof(token), "0x%llx", (unsigned long long)later->hpa);
			free(sorted);
			return fail(p, token, "overlaps the mem line at line %u (each address is given once)",
				    (q == later ? reach : q)->line);
		}
		if (!reach || last > reach->hpa + (8ull * reach->n - 1))
			reach = q;
	}
	free(sorted);
	return 0;
}

int dmar_case_parse(const char *text, size_t len, const char *filename, struct dmar_case *c,
		    struct dmar_error *err)
{
	struct parser p = { .file = filename ? filename : "<case>", .c = c, .err = err };
	size_t pos = 0, n;
	char *buf = malloc(3 * DMAR_TEXT_LINE_MAX + 2);
	bool started = false, events = false;
	int rc = 0;

	err->msg[0] = 0;
	dmar_case_init(c);
	if (!buf)
		return fail(&p, "", "out of memory");
	while (pos < len && rc == 0) {
		const char *nl = memchr(text + pos, '\n', len - pos);

		n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		p.line++;
		if (n > DMAR_TEXT_LINE_MAX) {
			memcpy(buf, text + pos, 24);
			buf[24] = 0;
			rc = fail(&p, buf, "line longer than %u characters", DMAR_TEXT_LINE_MAX);
			break;
		}
		/* room for `|` splits: at most doubling */
		memcpy(buf, text + pos, n);
		buf[n] = 0;
		pos += n + 1;
		if (memchr(buf, 0, n)) {
			rc = fail(&p, buf, "a NUL byte in the text");
			break;
		}
		if ((rc = tokenize(&p, buf)) || p.ntok == 0)
			continue;
		if (!started) {
			if (p.ntok != 2 || strcmp(p.tok[0], "dmar-case") || strcmp(p.tok[1], "1"))
				rc = fail(&p, p.tok[0], "the first line must be `dmar-case 1`");
			started = true;
			continue;
		}
		rc = header_line(&p);
		if (rc == 1) {
			if (!events && (p.said & 7) != 7) {
				rc = fail(&p, p.tok[0], "cap, ecap and rtaddr must come before the first event");
				break;
			}
			events = true;
			rc = event_line(&p);
		} else if (rc == 0 && events) {
			rc = fail(&p, p.tok[0], "header lines come before the first event");
		}
	}
	if (rc == 0 && !started)
		rc = fail(&p, "", "empty case: the first line must be `dmar-case 1`");
	if (rc == 0 && (p.said & 7) != 7)
		rc = fail(&p, (p.said & SAID_CAP) ? (p.said & SAID_ECAP) ? "rtaddr" : "ecap" : "cap",
			  "a required header line is missing");
	if (rc == 0)
		rc = mem_overlaps(&p);
	free(buf);
	if (rc)
		dmar_case_free(c);
	return rc ? -1 : 0;
}

char *dmar_file_read(const char *path, size_t *len, struct dmar_error *err)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t cap = 0, got;
	struct stat st;

	*len = 0;
	if (!f) {
		snprintf(err->msg, sizeof(err->msg), "%s:0: `%s`: cannot open: %s", path, path,
			 strerror(errno));
		return NULL;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		snprintf(err->msg, sizeof(err->msg), "%s:0: `%s`: is a directory, not a case file", path, path);
		return NULL;
	}
	do {
		if (*len + 65536 > cap) {
			char *t = realloc(text, cap = cap ? cap * 2 : 131072);

			if (!t) {
				free(text);
				fclose(f);
				snprintf(err->msg, sizeof(err->msg), "%s:0: ``: out of memory", path);
				return NULL;
			}
			text = t;
		}
		got = fread(text + *len, 1, cap - *len, f);
		*len += got;
	} while (got > 0);
	if (ferror(f)) {
		snprintf(err->msg, sizeof(err->msg), "%s:0: `%s`: read error", path, path);
		free(text);
		fclose(f);
		return NULL;
	}
	fclose(f);
	return text;
}

int dmar_case_load(const char *path, struct dmar_case *c, struct dmar_error *err)
{
	size_t len;
	char *text = dmar_file_read(path, &len, err);
	int rc;

	dmar_case_init(c);
	if (!text)
		return -1;
	rc = dmar_case_parse(text, len, path, c, err);
	free(text);
	return rc;
}
