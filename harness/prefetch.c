// SPDX-License-Identifier: Apache-2.0
/*
 * Prefetch: the walks a unit may make on its own (vtd-notes 9.8), made
 * through the oracle so that what they leave in the caches carries exactly
 * the tags a walk gives.  A probe is an untranslated read (and, when that
 * is refused, a write) of a request that reaches the entry; its memory
 * takes no stores, so a walk that would have to set an accessed or dirty
 * flag fails and caches nothing (docs/oracle-semantics.md).
 */
#include <stdlib.h>
#include <string.h>

#include "harness/cache.h"
#include "harness/grow.h"
#include "harness/prefetch.h"
#include "oracles/bits.h"

#define PAGE_BUCKETS 1024u

static size_t page_bucket(uint64_t page)
{
	return (size_t)((page >> 12) * 0x9e3779b97f4a7c15ull >> 40) & (PAGE_BUCKETS - 1);
}

static bool is_paging(unsigned shape)
{
	return shape >= DMAR_SHAPE_SL_PML5E && shape != DMAR_SHAPE_SM_ROOT && shape != DMAR_SHAPE_SM_CTX &&
	       shape != DMAR_SHAPE_PASID_DIR && shape != DMAR_SHAPE_PASID_ENTRY;
}

/* how deep a table lies: structures first, then paging levels from the top */
static unsigned depth(const struct dmar_template *t)
{
	switch (t->shape) {
	case DMAR_SHAPE_ROOT:
	case DMAR_SHAPE_SM_ROOT:
		return 0;
	case DMAR_SHAPE_CTX:
	case DMAR_SHAPE_SM_CTX:
		return 1;
	case DMAR_SHAPE_PASID_DIR:
		return 2;
	case DMAR_SHAPE_PASID_ENTRY:
		return 3;
	default:
		return 10u - t->level;
	}
}

void dmar_prefetch_free(struct dmar_prefetch *pf)
{
	free(pf->t);
	free(pf->head);
	free(pf->next);
	free(pf->touched);
	memset(pf, 0, sizeof(*pf));
}

static bool same_template(const struct dmar_template *a, const struct dmar_template *b)
{
	return a->page == b->page && a->shape == b->shape && a->level == b->level && a->input == b->input &&
	       a->did == b->did &&
	       a->pasid == b->pasid && a->rq.sid == b->rq.sid && a->rq.has_pasid == b->rq.has_pasid &&
	       a->rq.pasid == b->rq.pasid && a->rq.priv == b->rq.priv;
}

static void touch(struct dmar_prefetch *pf, size_t i)
{
	if (!pf->collecting)
		return;
	if (pf->n_touched == pf->cap_touched) {
		void *p = dmar_grow(pf->touched, pf->n_touched, &pf->cap_touched, sizeof(*pf->touched), 64);

		if (!p)
			return; /* then less is prefetched: the answer is stricter, never wrong in kind */
		pf->touched = p;
	}
	pf->touched[pf->n_touched++] = i;
}

void dmar_prefetch_note(struct dmar_prefetch *pf, const struct dmar_cache_key *key)
{
	struct dmar_template t = { 0 };
	size_t i, b;

	if (!pf->rq)
		return;
	t.page = key->hpa & ~0xfffull;
	t.rq = *pf->rq;
	t.shape = key->shape;
	t.level = key->level;
	t.nqw = key->nqw;
	t.pasid = key->pasid;
	if (is_paging(key->shape)) {
		t.input = dmar_lg2_align_down(key->input, dmar_level_shift(key->level) + 9);
		t.did = key->did;
	}
	if (!pf->head) {
		if (!(pf->head = malloc(PAGE_BUCKETS * sizeof(*pf->head))))
			return;
		for (b = 0; b < PAGE_BUCKETS; b++)
			pf->head[b] = SIZE_MAX;
	}
	b = page_bucket(t.page);
	for (i = pf->head[b]; i != SIZE_MAX; i = pf->next[i]) {
		if (same_template(&pf->t[i], &t)) {
			touch(pf, i);
			return;
		}
	}
	if (pf->n == pf->cap) {
		size_t cap = pf->cap;
		void *p = dmar_grow(pf->t, pf->n, &cap, sizeof(*pf->t), 64), *q;

		if (!p)
			return;
		pf->t = p;
		if (!(q = realloc(pf->next, cap * sizeof(*pf->next))))
			return;
		pf->next = q;
		pf->cap = cap;
	}
	pf->t[pf->n] = t;
	pf->next[pf->n] = pf->head[b];
	pf->head[b] = pf->n;
	touch(pf, pf->n++);
}

/* ---- probes ----------------------------------------------------------------- */

/* the memory probes see: the machine's, but the unit's stores fail */
static int probe_read(void *ctx, uint64_t hpa, uint64_t *val)
{
	const struct dmar_mem_if *mem = ctx;

	return mem->read64(mem->ctx, hpa, val);
}

static int probe_write(void *ctx, uint64_t hpa, uint64_t val)
{
	(void)ctx;
	(void)hpa;
	(void)val;
	return DMAR_MEM_ABORT;
}

/* said to every walk, also those through cached copies, whose stores are otherwise only possible */
static bool probe_writable(void *ctx, uint64_t hpa)
{
	(void)ctx;
	(void)hpa;
	return false;
}

struct pass {
	struct dmar_cache_model *cm;
	const struct dmar_oracle *o;
	struct dmar_mem_if mem;
	unsigned below;  /* tables deeper than this are expanded */
	bool leaves;     /* probe entries that map pages too (before a change: their translations) */
	uint64_t *set;   /* the tables expanded in this pass (hashes; open addressing) */
	size_t n_set, cap_set;
	unsigned probes;
};

/* one probe walk of rq; a refused read is tried as a write (a write-only page) */
static void probe(struct pass *p, struct dmar_request rq)
{
	struct dmar_outcome_set out;
	struct dmar_answer_opts opts = { .cache = &p->cm->iface, .max_walks = 64, .probe = true };
	unsigned i;

	for (;;) {
		if (p->probes >= DMAR_PREFETCH_MAX_PROBES) {
			p->cm->pf.cut = true;
			return;
		}
		p->probes++;
		p->cm->pf.rq = &rq;
		p->cm->pf.probing = true;
		dmar_oracle_answer_ex(p->o, &p->mem, &rq, &out, &opts);
		p->cm->pf.probing = false;
		p->cm->pf.rq = NULL;
		for (i = 0; i < out.n && out.o[i].kind != DMAR_OUT_OK; i++)
			;
		if (i < out.n || rq.access != DMAR_ACC_READ)
			return;
		rq.access = DMAR_ACC_WRITE;
	}
}

/* the request that reads entry i of the template's table */
static struct dmar_request probe_request(const struct dmar_template *t, unsigned i)
{
	struct dmar_request rq = t->rq;
	uint32_t pasid = t->pasid;

	rq.at = DMAR_AT_UT;
	rq.access = DMAR_ACC_READ;
	rq.len = 4;
	rq.exec = rq.nw = false;
	switch (t->shape) {
	case DMAR_SHAPE_ROOT:
	case DMAR_SHAPE_SM_ROOT:
		rq.sid = (uint16_t)(i << 8 | (rq.sid & 0x80));
		return rq;
	case DMAR_SHAPE_CTX:
		rq.sid = (uint16_t)((rq.sid & 0xff00) | i);
		return rq;
	case DMAR_SHAPE_SM_CTX:
		rq.sid = (uint16_t)((rq.sid & 0xff80) | i);
		return rq;
	case DMAR_SHAPE_PASID_DIR:
		pasid = i << 6;
		break;
	case DMAR_SHAPE_PASID_ENTRY:
		pasid = (pasid & ~0x3fu) | i;
		break;
	default:
		rq.addr = t->input | (uint64_t)i << dmar_level_shift(t->level);
		/* a first-stage input in the upper half is canonical only sign-extended (4 levels) */
		if (t->shape == DMAR_SHAPE_FS_PML4E && (rq.addr >> 47) == 1)
			rq.addr |= ~0ull << 48;
		return rq;
	}
	/* another PASID than the one a request without PASID uses needs a PASID */
	if (rq.has_pasid || pasid != t->pasid) {
		rq.has_pasid = true;
		rq.pasid = pasid;
	}
	return rq;
}

/* probes entry i of the template's table; a scalable root entry has two halves (devfn 0-127, 128-255) */
static void probe_entry(struct pass *p, const struct dmar_template *t, unsigned i)
{
	struct dmar_template half = *t;

	if (t->shape == DMAR_SHAPE_SM_ROOT) {
		half.rq.sid = (uint16_t)(t->rq.sid & 0xff7f);
		probe(p, probe_request(&half, i));
		half.rq.sid |= 0x80;
	}
	probe(p, probe_request(&half, i));
}

static bool entry_used(const struct pass *p, uint64_t hpa, unsigned nqw)
{
	uint64_t v;
	unsigned q;

	for (q = 0; q < nqw; q++)
		if (p->mem.read64(p->mem.ctx, hpa + 8ull * q, &v) == DMAR_MEM_OK && v)
			return true;
	return false;
}

/* a paging entry that maps a page links no further table */
static bool links_tables(const struct dmar_template *t, uint64_t value)
{
	if (!value)
		return false;
	return !is_paging(t->shape) || (t->level > 1 && !dmar_bit(value, 7));
}

/*
 * Probes every entry of the template's table that holds anything; entries
 * mapping pages only when p->leaves (a table's page is noted by the probe
 * that reached it, and a leaf's translation matters once it changes).
 */
static void expand(struct pass *p, size_t ti)
{
	struct dmar_template t = p->cm->pf.t[ti];
	unsigned size = t.nqw * 8u, i;

	for (i = 0; size && i < 4096u / size && !p->cm->pf.cut; i++) {
		uint64_t hpa = t.page + (uint64_t)i * size;

		if (!entry_used(p, hpa, t.nqw))
			continue;
		if (!p->leaves && is_paging(t.shape)) {
			uint64_t v;

			if (p->mem.read64(p->mem.ctx, hpa, &v) != DMAR_MEM_OK || !links_tables(&t, v))
				continue;
		}
		probe_entry(p, &t, i);
	}
}

/*
 * Was a table like this one expanded in this pass already?  Below the entry
 * that changes, a table is expanded once per domain (its paging copies are
 * tagged by DID), whichever requester reached it.
 */
static bool expanded(struct pass *p, const struct dmar_template *t)
{
	uint64_t h = (t->page ^ (uint64_t)t->shape << 56 ^ (uint64_t)t->level << 52 ^ t->input * 31 ^
		      (uint64_t)t->did << 12) * 0x9e3779b97f4a7c15ull;
	size_t i;

	if (!h)
		h = 1;
	if (2 * (p->n_set + 1) > p->cap_set) {
		size_t cap = p->cap_set ? 2 * p->cap_set : 256, j;
		uint64_t *set = calloc(cap, sizeof(*set));

		if (!set)
			return true; /* out of memory: expand nothing more */
		for (j = 0; j < p->cap_set; j++)
			if (p->set[j])
				for (i = p->set[j] & (cap - 1); ; i = (i + 1) & (cap - 1))
					if (!set[i]) {
						set[i] = p->set[j];
						break;
					}
		free(p->set);
		p->set = set;
		p->cap_set = cap;
	}
	for (i = h & (p->cap_set - 1); p->set[i]; i = (i + 1) & (p->cap_set - 1))
		if (p->set[i] == h)
			return true;
	p->set[i] = h;
	p->n_set++;
	return false;
}

/* expands every table deeper than p->below that the probes so far have reached */
static void settle(struct pass *p)
{
	struct dmar_prefetch *pf = &p->cm->pf;
	size_t j;

	for (j = 0; j < pf->n_touched && !pf->cut; j++) {
		size_t ti = pf->touched[j];

		if (depth(&pf->t[ti]) > p->below && !expanded(p, &pf->t[ti]))
			expand(p, ti);
	}
}

static void pass_begin(struct pass *p, struct dmar_cache_model *cm, const struct dmar_oracle *o,
		       const struct dmar_mem_if *mem, unsigned below)
{
	memset(p, 0, sizeof(*p));
	p->cm = cm;
	p->o = o;
	p->mem = (struct dmar_mem_if){ (void *)mem, probe_read, probe_write, probe_writable };
	p->below = below;
	cm->pf.n_touched = 0;
	cm->pf.collecting = true;
}

static void pass_end(struct pass *p)
{
	p->cm->pf.collecting = false;
	p->cm->pf.n_touched = 0;
	free(p->set);
}

void dmar_prefetch_all(struct dmar_cache_model *cm, const struct dmar_oracle *o,
		       const struct dmar_mem_if *mem)
{
	struct dmar_request rq = { .len = 4 };
	struct dmar_cache_key root = { .hpa = cm->unit.rtaddr & ~0xfffull, .nqw = 2 };
	struct pass p;

	if (!cm->unit.te)
		return; /* nothing is translated, nothing walked */
	root.shape = DMAR_RTADDR_TTM(cm->unit.rtaddr) == DMAR_TTM_SCALABLE ? DMAR_SHAPE_SM_ROOT : DMAR_SHAPE_ROOT;
	pass_begin(&p, cm, o, mem, 0);
	cm->pf.rq = &rq;
	dmar_prefetch_note(&cm->pf, &root);
	cm->pf.rq = NULL;
	if (cm->pf.n_touched && !expanded(&p, &cm->pf.t[cm->pf.touched[0]]))
		expand(&p, cm->pf.touched[0]);
	settle(&p);
	pass_end(&p);
}

void dmar_prefetch_entry(struct dmar_cache_model *cm, const struct dmar_oracle *o,
			 const struct dmar_mem_if *mem, uint64_t hpa, uint64_t value, bool after)
{
	struct dmar_prefetch *pf = &cm->pf;
	uint64_t page = hpa & ~0xfffull;
	struct pass p;
	size_t i;

	/* nothing to cache in an empty entry, except that with CM=1 a unit caches not-present ones too */
	if (!cm->unit.te || !pf->head || (!value && (after || !DMAR_CAP_CM(cm->unit.cap))))
		return;
	pass_begin(&p, cm, o, mem, 0);
	p.leaves = !after;
	for (i = pf->head[page_bucket(page)]; i != SIZE_MAX && !pf->cut; i = pf->next[i]) {
		struct dmar_template t = pf->t[i];
		unsigned index = (unsigned)((hpa - page) / (t.nqw * 8u));

		if (t.page != page || (after && !links_tables(&t, value)))
			continue;
		p.below = depth(&t);
		probe_entry(&p, &t, index);
		settle(&p);
	}
	pass_end(&p);
}
