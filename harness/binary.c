// SPDX-License-Identifier: Apache-2.0
/*
 * The binary encoding of a case, for fuzzers (docs/binary-case.md).  A fixed
 * header of HEADER_BYTES (short input reads as zeros), then records until
 * the end: a tag byte (its value modulo REC_KINDS is the kind) and a payload
 * of fixed layout per kind, with a count before each variable part.
 *
 * Decoding is total: every field is brought into the range the text parser
 * accepts (masked, reduced modulo, clamped; a record is dropped only when
 * the input ends inside it, or for a mem run that overlaps an earlier one),
 * so the canonical text of any decoded case parses back to an equal case.
 * The encoder writes the fields of a valid case as they are, which the
 * decoder keeps unchanged, and writes zeros where the decoder ignores
 * the bytes (the default case is HEADER_BYTES zeros).
 */
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "harness/grow.h"
#include "harness/inv_kinds.h"

/*
 * The header, little-endian:
 *   0 cap (8)   8 ecap (8)   16 rtaddr (8)   24 ver (4)   28 haw (1)   29 flags (1)
 */
#define HEADER_BYTES 30

enum {
	HF_HAW = 1u << 0,         /* a `haw` line */
	HF_VER = 1u << 1,         /* a `ver` line */
	HF_TRANSLATION = 1u << 2, /* a `translation` line ... */
	HF_TE = 1u << 3,          /* ... saying `on` */
	HF_OBSERVED = 1u << 4,    /* `cache-model observed` */
	HF_MODE_SHIFT = 5,        /* bits 6:5: the rtaddr mode word (enum dmar_mode_word) */
};

/* record kinds: the three header lists, then enum dmar_event_kind in order */
enum { REC_MEM, REC_HOLE, REC_ROM, REC_EVENT, REC_KINDS = REC_EVENT + DMAR_EV_ATC + 1 };

/* what the text parser accepts */
#define MAX_QWORDS 512u
#define MAX_PASID 0xfffffu
#define MAX_LEN 4096u
#define PAGE 4096u

/* flag bits of a dma record */
enum { DF_LEN = 1u << 0, DF_PASID = 1u << 1, DF_PRIV = 1u << 2, DF_EXEC = 1u << 3, DF_NW = 1u << 4 };

/*
 * The fields of an inv record after its kind, via and field-mask bytes, in
 * this order and width; a field the kind does not carry is read and ignored.
 */
static const struct inv_slot {
	uint32_t bit; /* DMAR_INVF_*, or DMAR_INVF_STATUS_VALUE for value= */
	uint8_t bytes;
} inv_layout[] = {
	{ DMAR_INVF_DID, 2 },   { DMAR_INVF_SID, 2 },    { DMAR_INVF_FM, 1 },    { DMAR_INVF_PASID, 4 },
	{ DMAR_INVF_ADDR, 8 },  { DMAR_INVF_AM, 1 },     { DMAR_INVF_SIZE, 8 },  { DMAR_INVF_INDEX, 2 },
	{ DMAR_INVF_IM, 1 },    { DMAR_INVF_STATUS, 8 }, { DMAR_INVF_STATUS_VALUE, 4 },
};

#define N_INV_SLOTS (sizeof(inv_layout) / sizeof(inv_layout[0]))

/* v when it lies in lo..hi, else lo + v mod (hi - lo + 1) (hi - lo < 2^64 - 1) */
static uint64_t in_range(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v >= lo && v <= hi ? v : lo + v % (hi - lo + 1);
}

static const struct dmar_inv_field_info *inv_field(uint32_t bit)
{
	unsigned i;

	for (i = 0; i < dmar_inv_n_fields; i++)
		if (dmar_inv_fields[i].bit == bit)
			return &dmar_inv_fields[i];
	return NULL;
}

/* the number of lines the canonical text has before its first `mem` line */
static uint32_t header_lines(const struct dmar_case *c)
{
	/* dmar-case, cap, ecap, rtaddr; haw, ver, translation, cache-model when said */
	return 4u + c->haw_said + c->ver_said + c->translation_said + (c->cache_rule == DMAR_CACHE_OBSERVED);
}

/* ---- decoding ----------------------------------------------------------- */

struct reader {
	const uint8_t *p;
	size_t len, pos;
	bool cut; /* a read went past the end: the record being read is dropped */
};

/* the next `bytes` bytes, little-endian; 0 (and cut) past the end */
static uint64_t take(struct reader *r, unsigned bytes)
{
	uint64_t v = 0;
	unsigned i;

	if (r->len - r->pos < bytes) {
		r->pos = r->len;
		r->cut = true;
		return 0;
	}
	for (i = 0; i < bytes; i++)
		v |= (uint64_t)r->p[r->pos + i] << (8 * i);
	r->pos += bytes;
	return v;
}

struct decoder {
	struct reader r;
	struct dmar_case *c;
	size_t cap_mem, cap_holes, cap_roms, cap_events;
};

static void read_header(const uint8_t *buf, size_t len, struct dmar_case *c)
{
	static const unsigned ttm[] = { 0, 0, 1, 3 }; /* TTM bits a mode word sets */
	uint8_t h[HEADER_BYTES] = { 0 };
	struct reader r = { h, HEADER_BYTES, 0, false };
	uint32_t ver;
	uint8_t haw, flags;

	if (len)
		memcpy(h, buf, len < HEADER_BYTES ? len : HEADER_BYTES);
	c->cap = take(&r, 8);
	c->ecap = take(&r, 8);
	c->rtaddr = take(&r, 8);
	ver = (uint32_t)take(&r, 4);
	haw = (uint8_t)take(&r, 1);
	flags = (uint8_t)take(&r, 1);
	c->haw_said = flags & HF_HAW;
	c->haw = c->haw_said ? (uint8_t)in_range(haw, 12, 64) : 0;
	c->ver_said = flags & HF_VER;
	c->ver = c->ver_said ? ver : DMAR_DEFAULT_VER;
	c->translation_said = flags & HF_TRANSLATION;
	c->te = !c->translation_said || (flags & HF_TE);
	c->cache_rule = flags & HF_OBSERVED ? DMAR_CACHE_OBSERVED : DMAR_CACHE_ARCHITECTURE;
	c->mode_word = (flags >> HF_MODE_SHIFT) & 3;
	/* the parser puts the word's TTM bits into the value and refuses others */
	if (c->mode_word != DMAR_MODE_NONE)
		c->rtaddr = (c->rtaddr & ~(3ull << 10)) | (uint64_t)ttm[c->mode_word] << 10;
}

/*
 * A run of qwords (mem, write): hpa (8, aligned down to 8), count (2: 1 +
 * count mod 512 values), the values (8 each).  Values that would pass 2^64
 * are read and dropped.  0: read; 1: cut short; -1: out of memory.
 */
static int read_qwords(struct reader *r, struct dmar_qwords *q)
{
	uint64_t hpa = take(r, 8) & ~7ull, room;
	uint32_t n = 1 + (uint32_t)(take(r, 2) % MAX_QWORDS), keep, i;

	if (r->cut || (r->len - r->pos) / 8 < n) {
		r->pos = r->len;
		r->cut = true;
		return 1;
	}
	room = (~hpa >> 3) + 1; /* qwords from hpa up to 2^64 */
	keep = room < n ? (uint32_t)room : n;
	q->v = malloc(keep * sizeof(*q->v));
	if (!q->v)
		return -1;
	for (i = 0; i < n; i++) {
		uint64_t v = take(r, 8);

		if (i < keep)
			q->v[i] = v;
	}
	q->hpa = hpa;
	q->n = keep;
	return 0;
}

/* hole, rom: hpa (8), size (8; 0 reads as 1, and the range is cut at 2^64) */
static void read_range(struct reader *r, struct dmar_hole *h)
{
	h->hpa = take(r, 8);
	h->size = take(r, 8);
	if (h->size == 0)
		h->size = 1;
	if (h->hpa + (h->size - 1) < h->hpa)
		h->size = 0 - h->hpa; /* up to 2^64 exactly (hpa > 0 here) */
}

/*
 * One outcome, 13 bytes: kind (1), hpa (8), reason (1), cpl (1), ats (1),
 * size (1).  A dma takes kind mod 8 (ok .. prq); an atc query kind mod 2
 * (0 miss, 1 ats: the enum values of both are of that parity).  Fields the
 * kind has no use for are read and ignored.
 */
static void read_outcome(struct reader *r, struct dmar_outcome *o, bool atc)
{
	uint8_t kind = (uint8_t)take(r, 1), reason, cpl, ats, size;
	uint64_t hpa = take(r, 8);

	reason = (uint8_t)take(r, 1);
	cpl = (uint8_t)take(r, 1);
	ats = (uint8_t)take(r, 1);
	size = (uint8_t)take(r, 1);
	memset(o, 0, sizeof(*o));
	o->kind = atc ? (kind & 1 ? DMAR_OUT_ATS : DMAR_OUT_MISS) : kind % DMAR_OUT_MISS;
	switch (o->kind) {
	case DMAR_OUT_OK:
		o->hpa = hpa;
		break;
	case DMAR_OUT_FAULT:
	case DMAR_OUT_BLOCKED:
		o->reason = reason;
		o->cpl = cpl % 3;
		break;
	case DMAR_OUT_ATS:
		/* a power of two from 4K to 2^63, a base aligned to it, r and/or w */
		o->size_lg2 = (uint8_t)in_range(size, 12, 63);
		o->hpa = hpa & ~((1ull << o->size_lg2) - 1);
		o->ats = ats & (DMAR_ATS_R | DMAR_ATS_W | DMAR_ATS_U | DMAR_ATS_N | DMAR_ATS_PRIV);
		if (!(o->ats & (DMAR_ATS_R | DMAR_ATS_W)))
			o->ats |= DMAR_ATS_R;
		break;
	default:
		break;
	}
}

/* count (1: mod 17; 0 is no `=>`), then that many outcomes */
static bool read_outcomes(struct reader *r, struct dmar_outcome_set *s, bool atc)
{
	uint32_t i;

	s->n = (uint32_t)(take(r, 1) % (DMAR_MAX_OUTCOMES + 1));
	for (i = 0; i < s->n; i++)
		read_outcome(r, &s->o[i], atc);
	return s->n > 0;
}

/*
 * dma: sid (2), access (1, mod 3), at (1, mod 4), flags (1: DF_*), addr (8),
 * len (2), pasid (4), outcomes.
 */
static void read_dma(struct reader *r, struct dmar_dma *d)
{
	struct dmar_request *rq = &d->rq;
	uint8_t flags;
	uint32_t len, pasid, off;

	rq->sid = (uint16_t)take(r, 2);
	rq->access = (uint8_t)(take(r, 1) % 3);
	rq->at = (uint8_t)(take(r, 1) % 4);
	flags = (uint8_t)take(r, 1);
	rq->addr = take(r, 8);
	len = (uint32_t)take(r, 2);
	pasid = (uint32_t)take(r, 4);
	d->len_said = flags & DF_LEN;
	rq->has_pasid = flags & DF_PASID;
	rq->pasid = rq->has_pasid ? (uint32_t)in_range(pasid, 0, MAX_PASID) : 0;
	/* the PR and ER bits live in the PASID prefix */
	rq->priv = rq->has_pasid && (flags & DF_PRIV);
	rq->exec = rq->has_pasid && (flags & DF_EXEC);
	rq->nw = flags & DF_NW;
	/* within one 4 KiB page; only a read may be empty */
	off = (uint32_t)(rq->addr & (PAGE - 1));
	if (d->len_said) {
		len = (uint32_t)in_range(len, 0, MAX_LEN);
		if (len == 0 && rq->access != DMAR_ACC_READ)
			len = 1;
		rq->len = off + len > PAGE ? PAGE - off : len;
	} else {
		rq->len = DMAR_DEFAULT_LEN;
		if (off + DMAR_DEFAULT_LEN > PAGE)
			rq->addr = (rq->addr & ~(uint64_t)(PAGE - 1)) | (PAGE - DMAR_DEFAULT_LEN);
	}
	d->has_expect = read_outcomes(r, &d->expect, false);
}

/* atc: sid (2), flags (1: bit 0 pasid), addr (8), pasid (4), outcomes (miss, ats) */
static void read_atc(struct reader *r, struct dmar_atc_query *q)
{
	uint8_t flags;
	uint32_t pasid;

	q->sid = (uint16_t)take(r, 2);
	flags = (uint8_t)take(r, 1);
	q->addr = take(r, 8);
	pasid = (uint32_t)take(r, 4);
	q->has_pasid = flags & 1;
	q->pasid = q->has_pasid ? (uint32_t)in_range(pasid, 0, MAX_PASID) : 0;
	q->has_expect = read_outcomes(r, &q->expect, true);
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

/*
 * inv: kind (1, mod 15), via (1: bit 0 via= written, bit 1 reg), fields (2:
 * DMAR_INVF_* bits; only the kind's optional ones count, its required ones
 * are always there), then the inv_layout slots.
 */
static void read_inv(struct reader *r, struct dmar_inv *inv)
{
	const struct dmar_inv_kind_info *k;
	uint8_t via;
	unsigned i;

	inv->kind = (uint8_t)(take(r, 1) % DMAR_INV_KIND_COUNT);
	via = (uint8_t)take(r, 1);
	k = &dmar_inv_kinds[inv->kind];
	inv->fields = k->required | ((uint32_t)take(r, 2) & k->optional);
	inv->via_said = via & 1;
	inv->via = inv->via_said && (via & 2) ? DMAR_VIA_REG : DMAR_VIA_QI;
	for (i = 0; i < N_INV_SLOTS; i++) {
		const struct inv_slot *s = &inv_layout[i];
		const struct dmar_inv_field_info *fi = inv_field(s->bit);
		uint32_t present = s->bit == DMAR_INVF_STATUS_VALUE ? DMAR_INVF_STATUS : s->bit;
		uint64_t v = take(r, s->bytes);

		if (!fi || !(inv->fields & present))
			continue;
		if (fi->max != ~0ull)
			v = in_range(v, 0, fi->max);
		if (s->bit == DMAR_INVF_STATUS)
			v &= ~3ull; /* a DWORD store */
		store_width((char *)inv + fi->offset, fi->width, v);
	}
}

/* the payload of an event record, into ev (zeroed); 0, or -1 out of memory */
static int read_event(struct reader *r, struct dmar_event *ev)
{
	unsigned i;

	switch (ev->kind) {
	case DMAR_EV_WRITE:
		return read_qwords(r, &ev->u.write) < 0 ? -1 : 0;
	case DMAR_EV_CLFLUSH:
		ev->u.clflush_hpa = take(r, 8);
		break;
	case DMAR_EV_INV:
		read_inv(r, &ev->u.inv);
		break;
	case DMAR_EV_QI: /* n (1: bit 0 set is 4 words, else 2), 4 words (8 each) */
		ev->u.qi.n = take(r, 1) & 1 ? 4 : 2;
		for (i = 0; i < 4; i++) {
			uint64_t w = take(r, 8);

			if (i < ev->u.qi.n)
				ev->u.qi.w[i] = w;
		}
		break;
	case DMAR_EV_DMA:
		read_dma(r, &ev->u.dma);
		break;
	case DMAR_EV_CHECK: /* hpa (8, aligned down to 8), value (8) */
		ev->u.check.hpa = take(r, 8) & ~7ull;
		ev->u.check.value = take(r, 8);
		break;
	case DMAR_EV_SRTP: /* flags (1: bit 0 a new value), rtaddr (8) */
		ev->u.srtp.has_rtaddr = take(r, 1) & 1;
		ev->u.srtp.rtaddr = take(r, 8);
		if (!ev->u.srtp.has_rtaddr)
			ev->u.srtp.rtaddr = 0;
		break;
	case DMAR_EV_TE: /* on (1: bit 0) */
		ev->u.te_on = take(r, 1) & 1;
		break;
	case DMAR_EV_ATC:
		read_atc(r, &ev->u.atc);
		break;
	}
	return 0;
}

/* a case's array with room for element n (moved or not), or NULL out of memory */
static void *room(void *arr, uint32_t n, size_t *cap, size_t elem)
{
	return dmar_grow(arr, n, cap, elem, 16);
}

/* one record after its tag: 0 (read, or dropped when cut short), -1 out of memory */
static int read_record(struct decoder *d, unsigned kind)
{
	struct dmar_case *c = d->c;
	struct dmar_qwords q = { 0 };
	struct dmar_hole h;
	struct dmar_event ev;
	void *p;
	int rc;

	switch (kind) {
	case REC_MEM:
		if ((rc = read_qwords(&d->r, &q)) != 0)
			return rc < 0 ? -1 : 0;
		if (!(p = room(c->mem, c->n_mem, &d->cap_mem, sizeof(*c->mem)))) {
			free(q.v);
			return -1;
		}
		c->mem = p;
		c->mem[c->n_mem++] = q;
		return 0;
	case REC_HOLE:
	case REC_ROM:
		read_range(&d->r, &h);
		if (d->r.cut)
			return 0;
		if (kind == REC_HOLE) {
			if (!(p = room(c->holes, c->n_holes, &d->cap_holes, sizeof(h))))
				return -1;
			c->holes = p;
			c->holes[c->n_holes++] = h;
		} else {
			if (!(p = room(c->roms, c->n_roms, &d->cap_roms, sizeof(h))))
				return -1;
			c->roms = p;
			c->roms[c->n_roms++] = h;
		}
		return 0;
	default:
		memset(&ev, 0, sizeof(ev));
		ev.kind = (uint8_t)(kind - REC_EVENT);
		if (read_event(&d->r, &ev))
			return -1;
		if (d->r.cut)
			return 0; /* a cut write run allocated nothing */
		if (!(p = room(c->events, c->n_events, &d->cap_events, sizeof(ev)))) {
			if (ev.kind == DMAR_EV_WRITE)
				free(ev.u.write.v);
			return -1;
		}
		c->events = p;
		c->events[c->n_events++] = ev;
		return 0;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* the number of sorted[0..n) at or below v */
static size_t count_upto(const uint64_t *sorted, size_t n, uint64_t v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sorted[mid] <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Each address is given by one mem line (the parser refuses overlaps): a
 * run that overlaps one kept before it is dropped.  Kept runs [s, l] are
 * disjoint, and one meets [a, b] exactly when s <= b and l >= a; so a
 * Fenwick tree over the sorted starts holding the largest l + 1 (saturated;
 * 0 for none) up to each start answers in log n.
 */
static int drop_overlapping_mem(struct dmar_case *c)
{
	uint32_t n = c->n_mem, kept = 0, i;
	uint64_t *starts, *tree;
	size_t m = 0, k;

	if (n < 2)
		return 0;
	starts = malloc(n * sizeof(*starts));
	tree = calloc((size_t)n + 1, sizeof(*tree));
	if (!starts || !tree) {
		free(starts);
		free(tree);
		return -1;
	}
	for (i = 0; i < n; i++)
		starts[i] = c->mem[i].hpa;
	qsort(starts, n, sizeof(*starts), cmp_u64);
	for (i = 0; i < n; i++)
		if (m == 0 || starts[m - 1] != starts[i])
			starts[m++] = starts[i];
	for (i = 0; i < n; i++) {
		struct dmar_qwords q = c->mem[i];
		uint64_t last = q.hpa + (8ull * q.n - 1), reach = 0, end = last + 1 ? last + 1 : ~0ull;

		for (k = count_upto(starts, m, last); k; k &= k - 1)
			reach = tree[k] > reach ? tree[k] : reach;
		if (reach > q.hpa) {
			free(q.v);
			continue;
		}
		for (k = count_upto(starts, m, q.hpa); k <= m; k += k & (~k + 1))
			tree[k] = end > tree[k] ? end : tree[k];
		c->mem[kept++] = q;
	}
	c->n_mem = kept;
	free(starts);
	free(tree);
	return 0;
}

/* the line each mem line and event has in the canonical text */
static void number_lines(struct dmar_case *c)
{
	uint32_t line = header_lines(c), i;

	for (i = 0; i < c->n_mem; i++)
		c->mem[i].line = ++line;
	line += c->n_holes + c->n_roms;
	for (i = 0; i < c->n_events; i++) {
		c->events[i].line = ++line;
		if (c->events[i].kind == DMAR_EV_WRITE)
			c->events[i].u.write.line = line;
	}
}

int dmar_case_decode(const uint8_t *buf, size_t len, struct dmar_case *c)
{
	struct decoder d = { .r = { buf, len, HEADER_BYTES, false }, .c = c };

	dmar_case_init(c);
	read_header(buf, len, c);
	while (d.r.pos < d.r.len) {
		if (read_record(&d, (unsigned)(take(&d.r, 1) % REC_KINDS))) {
			dmar_case_free(c);
			return -1;
		}
	}
	if (drop_overlapping_mem(c)) {
		dmar_case_free(c);
		return -1;
	}
	number_lines(c);
	return 0;
}

/* ---- encoding ----------------------------------------------------------- */

struct writer {
	uint8_t *buf;
	size_t len, cap;
	bool nomem;
};

static void put(struct writer *w, uint64_t v, unsigned bytes)
{
	unsigned i;
	void *p;

	while (!w->nomem && w->len + bytes > w->cap) {
		if (!(p = dmar_grow(w->buf, w->cap, &w->cap, 1, 256)))
			w->nomem = true;
		else
			w->buf = p;
	}
	if (w->nomem)
		return;
	for (i = 0; i < bytes; i++)
		w->buf[w->len++] = (uint8_t)(v >> (8 * i));
}

static void put_header(struct writer *w, const struct dmar_case *c)
{
	unsigned flags = (c->haw_said ? HF_HAW : 0) | (c->ver_said ? HF_VER : 0) |
			 (c->translation_said ? HF_TRANSLATION : 0) |
			 (c->translation_said && c->te ? HF_TE : 0) |
			 (c->cache_rule == DMAR_CACHE_OBSERVED ? HF_OBSERVED : 0) |
			 (unsigned)(c->mode_word & 3) << HF_MODE_SHIFT;

	put(w, c->cap, 8);
	put(w, c->ecap, 8);
	put(w, c->rtaddr, 8);
	put(w, c->ver_said ? c->ver : 0, 4);
	put(w, c->haw_said ? c->haw : 0, 1);
	put(w, flags, 1);
}

static void put_qwords(struct writer *w, const struct dmar_qwords *q)
{
	uint32_t n = q->n < MAX_QWORDS ? q->n : MAX_QWORDS, i;

	put(w, q->hpa, 8);
	put(w, n - 1, 2);
	for (i = 0; i < n; i++)
		put(w, q->v[i], 8);
}

static void put_outcomes(struct writer *w, const struct dmar_outcome_set *s, bool has)
{
	uint32_t n = has ? (s->n < DMAR_MAX_OUTCOMES ? s->n : DMAR_MAX_OUTCOMES) : 0, i;

	put(w, n, 1);
	for (i = 0; i < n; i++) {
		const struct dmar_outcome *o = &s->o[i];

		put(w, o->kind, 1);
		put(w, o->hpa, 8);
		put(w, o->reason, 1);
		put(w, o->cpl, 1);
		put(w, o->ats, 1);
		put(w, o->size_lg2, 1);
	}
}

static void put_dma(struct writer *w, const struct dmar_dma *d)
{
	const struct dmar_request *rq = &d->rq;

	put(w, rq->sid, 2);
	put(w, rq->access, 1);
	put(w, rq->at, 1);
	put(w, (d->len_said ? DF_LEN : 0) | (rq->has_pasid ? DF_PASID : 0) | (rq->priv ? DF_PRIV : 0) |
		       (rq->exec ? DF_EXEC : 0) | (rq->nw ? DF_NW : 0), 1);
	put(w, rq->addr, 8);
	put(w, d->len_said ? rq->len : 0, 2);
	put(w, rq->has_pasid ? rq->pasid : 0, 4);
	put_outcomes(w, &d->expect, d->has_expect);
}

static void put_inv(struct writer *w, const struct dmar_inv *inv)
{
	unsigned i;

	put(w, inv->kind, 1);
	put(w, (inv->via_said ? 1u : 0) | (inv->via_said && inv->via == DMAR_VIA_REG ? 2u : 0), 1);
	put(w, inv->fields, 2);
	for (i = 0; i < N_INV_SLOTS; i++) {
		const struct inv_slot *s = &inv_layout[i];
		const struct dmar_inv_field_info *fi = inv_field(s->bit);
		uint32_t present = s->bit == DMAR_INVF_STATUS_VALUE ? DMAR_INVF_STATUS : s->bit;
		const void *m = fi ? (const char *)inv + fi->offset : NULL;
		uint64_t v = 0;

		if (m && (inv->fields & present))
			v = fi->width == 2 ? *(const uint16_t *)m :
			    fi->width == 4 ? *(const uint32_t *)m : *(const uint64_t *)m;
		put(w, v, s->bytes);
	}
}

static void put_event(struct writer *w, const struct dmar_event *ev)
{
	unsigned i;

	put(w, REC_EVENT + ev->kind, 1);
	switch (ev->kind) {
	case DMAR_EV_WRITE:
		put_qwords(w, &ev->u.write);
		break;
	case DMAR_EV_CLFLUSH:
		put(w, ev->u.clflush_hpa, 8);
		break;
	case DMAR_EV_INV:
		put_inv(w, &ev->u.inv);
		break;
	case DMAR_EV_QI:
		put(w, ev->u.qi.n == 4, 1);
		for (i = 0; i < 4; i++)
			put(w, i < ev->u.qi.n ? ev->u.qi.w[i] : 0, 8);
		break;
	case DMAR_EV_DMA:
		put_dma(w, &ev->u.dma);
		break;
	case DMAR_EV_CHECK:
		put(w, ev->u.check.hpa, 8);
		put(w, ev->u.check.value, 8);
		break;
	case DMAR_EV_SRTP:
		put(w, ev->u.srtp.has_rtaddr, 1);
		put(w, ev->u.srtp.has_rtaddr ? ev->u.srtp.rtaddr : 0, 8);
		break;
	case DMAR_EV_TE:
		put(w, ev->u.te_on, 1);
		break;
	case DMAR_EV_ATC:
		put(w, ev->u.atc.sid, 2);
		put(w, ev->u.atc.has_pasid, 1);
		put(w, ev->u.atc.addr, 8);
		put(w, ev->u.atc.has_pasid ? ev->u.atc.pasid : 0, 4);
		put_outcomes(w, &ev->u.atc.expect, ev->u.atc.has_expect);
		break;
	}
}

int dmar_case_encode(const struct dmar_case *c, uint8_t **buf, size_t *len)
{
	struct writer w = { 0 };
	uint32_t i;

	put_header(&w, c);
	for (i = 0; i < c->n_mem; i++) {
		if (c->mem[i].n == 0)
			continue; /* not a run (no valid case has one) */
		put(&w, REC_MEM, 1);
		put_qwords(&w, &c->mem[i]);
	}
	for (i = 0; i < c->n_holes; i++) {
		put(&w, REC_HOLE, 1);
		put(&w, c->holes[i].hpa, 8);
		put(&w, c->holes[i].size, 8);
	}
	for (i = 0; i < c->n_roms; i++) {
		put(&w, REC_ROM, 1);
		put(&w, c->roms[i].hpa, 8);
		put(&w, c->roms[i].size, 8);
	}
	for (i = 0; i < c->n_events; i++) {
		if (c->events[i].kind == DMAR_EV_WRITE && c->events[i].u.write.n == 0)
			continue;
		put_event(&w, &c->events[i]);
	}
	if (w.nomem) {
		free(w.buf);
		*buf = NULL;
		*len = 0;
		return -1;
	}
	*buf = w.buf;
	*len = w.len;
	return 0;
}
