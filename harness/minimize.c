// SPDX-License-Identifier: Apache-2.0
/*
 * Structure-aware delta debugging (harness/minimize.h).  Each pass makes
 * candidates from the current case, one change each; a candidate replaces
 * the case when it is still a valid case (it prints and parses back equal)
 * and `keep` holds for it.  Passes repeat until a whole round changes
 * nothing or the budget is spent.  Chunks halve as in ddmin: whole halves
 * of the events go first, single events last.
 */
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "harness/minimize.h"

struct mini {
	struct dmar_case *c;
	dmar_keep_fn keep;
	void *ctx;
	uint32_t budget;
	struct dmar_minimize_stats *st;
	bool oom;
};

/* a change to make on a copy of the case; false when it does not apply */
typedef bool (*change_fn)(struct dmar_case *cand, uint32_t a, uint32_t b);

static bool valid_text(const struct dmar_case *cand)
{
	struct dmar_case back;
	struct dmar_error err;
	char *text = dmar_case_print(cand);
	bool ok;

	if (!text)
		return false;
	ok = !dmar_case_parse(text, strlen(text), "<candidate>", &back, &err) && dmar_case_equal(&back, cand);
	if (ok)
		dmar_case_free(&back);
	free(text);
	return ok;
}

/* applies change(a, b) to a copy; true when the copy replaced the case */
static bool try_change(struct mini *m, change_fn change, uint32_t a, uint32_t b)
{
	struct dmar_case cand;

	if (m->st->tries >= m->budget) {
		m->st->cut = true;
		return false;
	}
	if (dmar_case_copy(&cand, m->c)) {
		m->oom = true;
		return false;
	}
	if (!change(&cand, a, b)) {
		dmar_case_free(&cand);
		return false;
	}
	m->st->tries++;
	if (!valid_text(&cand) || !m->keep(m->ctx, &cand)) {
		dmar_case_free(&cand);
		return false;
	}
	dmar_case_free(m->c);
	*m->c = cand;
	m->st->kept++;
	return true;
}

/* ---- Changes --------------------------------------------------------------------------- */

static bool drop_events(struct dmar_case *c, uint32_t at, uint32_t n)
{
	uint32_t i;

	if (at >= c->n_events)
		return false;
	if (n > c->n_events - at)
		n = c->n_events - at;
	for (i = at; i < at + n; i++)
		if (c->events[i].kind == DMAR_EV_WRITE)
			free(c->events[i].u.write.v);
	memmove(&c->events[at], &c->events[at + n], (c->n_events - at - n) * sizeof(*c->events));
	c->n_events -= n;
	return true;
}

static bool drop_mem(struct dmar_case *c, uint32_t at, uint32_t n)
{
	uint32_t i;

	if (at >= c->n_mem)
		return false;
	if (n > c->n_mem - at)
		n = c->n_mem - at;
	for (i = at; i < at + n; i++)
		free(c->mem[i].v);
	memmove(&c->mem[at], &c->mem[at + n], (c->n_mem - at - n) * sizeof(*c->mem));
	c->n_mem -= n;
	return true;
}

static bool drop_ranges(struct dmar_hole *r, uint32_t *count, uint32_t at, uint32_t n)
{
	if (at >= *count)
		return false;
	if (n > *count - at)
		n = *count - at;
	memmove(&r[at], &r[at + n], (*count - at - n) * sizeof(*r));
	*count -= n;
	return true;
}

static bool drop_holes(struct dmar_case *c, uint32_t at, uint32_t n)
{
	return drop_ranges(c->holes, &c->n_holes, at, n);
}

static bool drop_roms(struct dmar_case *c, uint32_t at, uint32_t n)
{
	return drop_ranges(c->roms, &c->n_roms, at, n);
}

/* value `b` of a mem line (a < n_mem) or of a write event (a - n_mem) */
static uint64_t *value_at(struct dmar_case *c, uint32_t a, uint32_t b)
{
	struct dmar_qwords *q;

	if (a < c->n_mem) {
		q = &c->mem[a];
	} else if (a - c->n_mem < c->n_events && c->events[a - c->n_mem].kind == DMAR_EV_WRITE) {
		q = &c->events[a - c->n_mem].u.write;
	} else {
		return NULL;
	}
	return b < q->n ? &q->v[b] : NULL;
}

static bool zero_value(struct dmar_case *c, uint32_t a, uint32_t b)
{
	uint64_t *v = value_at(c, a, b);

	if (!v || !*v)
		return false;
	*v = 0;
	return true;
}

/* b: value index * 64 + bit */
static bool clear_value_bit(struct dmar_case *c, uint32_t a, uint32_t b)
{
	uint64_t *v = value_at(c, a, b / 64);
	uint64_t bit = 1ull << (b % 64);

	if (!v || !(*v & bit))
		return false;
	*v &= ~bit;
	return true;
}

/* a: 0 CAP, 1 ECAP; b: the bit */
static bool clear_unit_bit(struct dmar_case *c, uint32_t a, uint32_t b)
{
	uint64_t *r = a ? &c->ecap : &c->cap;

	if (!(*r & (1ull << b)))
		return false;
	*r &= ~(1ull << b);
	return true;
}

/* the header lines that have defaults: back to the default */
static bool default_header(struct dmar_case *c, uint32_t a, uint32_t b)
{
	(void)b;
	switch (a) {
	case 0:
		if (!c->haw_said)
			return false;
		c->haw_said = false;
		c->haw = 0;
		return true;
	case 1:
		if (!c->ver_said)
			return false;
		c->ver_said = false;
		c->ver = DMAR_DEFAULT_VER;
		return true;
	default:
		if (c->mode_word == DMAR_MODE_NONE)
			return false;
		c->mode_word = DMAR_MODE_NONE;
		return true;
	}
}

/* a DMA's attributes back to their plainest: a = the event, b = which one */
static bool plain_dma(struct dmar_case *c, uint32_t a, uint32_t b)
{
	struct dmar_dma *d;

	if (a >= c->n_events || c->events[a].kind != DMAR_EV_DMA)
		return false;
	d = &c->events[a].u.dma;
	switch (b) {
	case 0:
		if (!d->rq.priv && !d->rq.exec && !d->rq.nw)
			return false;
		d->rq.priv = d->rq.exec = d->rq.nw = false;
		return true;
	case 1:
		if (!d->rq.has_pasid)
			return false;
		d->rq.has_pasid = d->rq.priv = d->rq.exec = false;
		d->rq.pasid = 0;
		return true;
	case 2:
		if (d->rq.at == DMAR_AT_UT)
			return false;
		d->rq.at = DMAR_AT_UT;
		return true;
	default:
		if (!d->len_said)
			return false;
		d->len_said = false;
		d->rq.len = DMAR_DEFAULT_LEN;
		return true;
	}
}

/* ---- Passes ----------------------------------------------------------------------------- */

/* drops chunks of a list whose length count() gives, halving the chunk down to one */
static bool drop_chunks(struct mini *m, change_fn drop, uint32_t (*count)(const struct dmar_case *c))
{
	bool any = false;
	uint32_t chunk, at;

	for (chunk = count(m->c) / 2 ? count(m->c) / 2 : 1; chunk; chunk /= 2)
		for (at = 0; at < count(m->c) && !m->st->cut;)
			if (try_change(m, drop, at, chunk))
				any = true; /* the next chunk slid into place */
			else
				at += chunk;
	return any;
}

static uint32_t n_events(const struct dmar_case *c)
{
	return c->n_events;
}

static uint32_t n_mem(const struct dmar_case *c)
{
	return c->n_mem;
}

static uint32_t n_holes(const struct dmar_case *c)
{
	return c->n_holes;
}

static uint32_t n_roms(const struct dmar_case *c)
{
	return c->n_roms;
}

/* the lines holding values: mem lines, then every event (only writes hold any) */
static uint32_t value_lines(const struct dmar_case *c)
{
	return c->n_mem + c->n_events;
}

static uint32_t values_in(struct dmar_case *c, uint32_t line)
{
	if (line < c->n_mem)
		return c->mem[line].n;
	line -= c->n_mem;
	return c->events[line].kind == DMAR_EV_WRITE ? c->events[line].u.write.n : 0;
}

static bool each_value(struct mini *m, change_fn change, bool per_bit)
{
	bool any = false;
	uint32_t line, i, bit;

	for (line = 0; line < value_lines(m->c) && !m->st->cut; line++)
		for (i = 0; i < values_in(m->c, line) && !m->st->cut; i++)
			if (!per_bit)
				any |= try_change(m, change, line, i);
			else
				for (bit = 64; bit-- > 0 && !m->st->cut;)
					any |= try_change(m, change, line, i * 64 + bit);
	return any;
}

/*
 * Memory never written reads as zero, so a mem line's zero values say
 * nothing: each line is cut into its runs of non-zero values (no judging
 * needed, the case means the same).
 */
static int split_at_zeros(struct dmar_case *c)
{
	struct dmar_qwords *out;
	uint32_t i, j, n = 0, cap = 0;

	for (i = 0; i < c->n_mem; i++)
		for (j = 0; j < c->mem[i].n; j++)
			cap += c->mem[i].v[j] != 0 && (j == 0 || c->mem[i].v[j - 1] == 0);
	out = calloc(cap ? cap : 1, sizeof(*out));
	if (!out)
		return -1;
	for (i = 0; i < c->n_mem; i++) {
		const struct dmar_qwords *q = &c->mem[i];

		for (j = 0; j < q->n; j++) {
			uint32_t end = j;

			if (!q->v[j])
				continue;
			while (end < q->n && q->v[end])
				end++;
			out[n] = (struct dmar_qwords){ q->hpa + 8ull * j, end - j, q->line, NULL };
			out[n].v = malloc((end - j) * sizeof(uint64_t));
			if (!out[n].v)
				goto oom;
			memcpy(out[n].v, &q->v[j], (end - j) * sizeof(uint64_t));
			n++;
			j = end;
		}
	}
	for (i = 0; i < c->n_mem; i++)
		free(c->mem[i].v);
	free(c->mem);
	c->mem = out;
	c->n_mem = n;
	return 0;
oom:
	while (n--)
		free(out[n].v);
	free(out);
	return -1;
}

static bool unit_bits(struct mini *m)
{
	bool any = false;
	uint32_t reg, bit;

	for (reg = 0; reg < 2; reg++)
		for (bit = 64; bit-- > 0 && !m->st->cut;)
			any |= try_change(m, clear_unit_bit, reg, bit);
	for (reg = 0; reg < 3; reg++)
		any |= try_change(m, default_header, reg, 0);
	return any;
}

static bool plain_dmas(struct mini *m)
{
	bool any = false;
	uint32_t i, b;

	for (i = 0; i < m->c->n_events && !m->st->cut; i++)
		for (b = 0; b < 4; b++)
			any |= try_change(m, plain_dma, i, b);
	return any;
}

int dmar_case_minimize(struct dmar_case *c, dmar_keep_fn keep, void *ctx, uint32_t budget,
		       struct dmar_minimize_stats *st)
{
	struct mini m = { c, keep, ctx, budget, st, false };
	bool progress = true;

	memset(st, 0, sizeof(*st));
	while (progress && !st->cut && !m.oom) {
		progress = drop_chunks(&m, drop_events, n_events);
		progress |= drop_chunks(&m, drop_mem, n_mem);
		progress |= drop_chunks(&m, drop_holes, n_holes);
		progress |= drop_chunks(&m, drop_roms, n_roms);
		progress |= each_value(&m, zero_value, false);
		if (split_at_zeros(c))
			m.oom = true;
		progress |= plain_dmas(&m);
		progress |= unit_bits(&m);
		progress |= each_value(&m, clear_value_bit, true);
	}
	return m.oom ? -1 : 0;
}
