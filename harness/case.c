// SPDX-License-Identifier: Apache-2.0
/* The case model's lifetime and comparisons (include/dmar/case.h). */
#include <stdlib.h>
#include <string.h>

#include "dmar/case.h"
#include "oracles/bits.h"

void dmar_case_init(struct dmar_case *c)
{
	memset(c, 0, sizeof(*c));
	c->ver = DMAR_DEFAULT_VER;
	c->te = true;
}

void dmar_case_free(struct dmar_case *c)
{
	uint32_t i;

	for (i = 0; i < c->n_mem; i++)
		free(c->mem[i].v);
	for (i = 0; i < c->n_events; i++)
		if (c->events[i].kind == DMAR_EV_WRITE)
			free(c->events[i].u.write.v);
	free(c->mem);
	free(c->holes);
	free(c->roms);
	free(c->events);
	dmar_case_init(c);
}

void dmar_case_unit(const struct dmar_case *c, struct dmar_unit *u)
{
	u->cap = c->cap;
	u->ecap = c->ecap;
	u->rtaddr = c->rtaddr;
	u->ver = c->ver;
	u->haw = c->haw_said ? c->haw : (uint8_t)DMAR_CAP_MGAW(c->cap);
	/* no physical address has more than 52 bits (paging entries end their address at bit 51) */
	if (u->haw > DMAR_MAX_HAW)
		u->haw = DMAR_MAX_HAW;
	u->te = c->te;
}

static bool qwords_equal(const struct dmar_qwords *a, const struct dmar_qwords *b)
{
	return a->hpa == b->hpa && a->n == b->n &&
	       (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof(*a->v)) == 0);
}

static bool request_equal(const struct dmar_request *a, const struct dmar_request *b)
{
	return a->addr == b->addr && a->len == b->len && a->pasid == b->pasid && a->sid == b->sid &&
	       a->access == b->access && a->at == b->at && a->has_pasid == b->has_pasid &&
	       a->priv == b->priv && a->exec == b->exec && a->nw == b->nw;
}

static bool outcomes_identical(const struct dmar_outcome_set *a, const struct dmar_outcome_set *b)
{
	uint32_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		const struct dmar_outcome *x = &a->o[i], *y = &b->o[i];

		if (x->kind != y->kind || x->hpa != y->hpa || x->reason != y->reason ||
		    x->cpl != y->cpl || x->ats != y->ats || x->size_lg2 != y->size_lg2)
			return false;
	}
	return true;
}

static bool inv_equal(const struct dmar_inv *a, const struct dmar_inv *b)
{
	return a->kind == b->kind && a->via == b->via && a->via_said == b->via_said &&
	       a->fields == b->fields && a->did == b->did && a->pasid == b->pasid &&
	       a->fm == b->fm && a->am == b->am && a->index == b->index && a->im == b->im &&
	       a->sid == b->sid && a->addr == b->addr && a->size == b->size &&
	       a->status_hpa == b->status_hpa && a->status_value == b->status_value;
}

static bool event_equal(const struct dmar_event *a, const struct dmar_event *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case DMAR_EV_WRITE:
		return qwords_equal(&a->u.write, &b->u.write);
	case DMAR_EV_CLFLUSH:
		return a->u.clflush_hpa == b->u.clflush_hpa;
	case DMAR_EV_INV:
		return inv_equal(&a->u.inv, &b->u.inv);
	case DMAR_EV_QI:
		return a->u.qi.n == b->u.qi.n &&
		       memcmp(a->u.qi.w, b->u.qi.w, a->u.qi.n * sizeof(uint64_t)) == 0;
	case DMAR_EV_DMA:
		return request_equal(&a->u.dma.rq, &b->u.dma.rq) &&
		       a->u.dma.len_said == b->u.dma.len_said &&
		       a->u.dma.has_expect == b->u.dma.has_expect &&
		       outcomes_identical(&a->u.dma.expect, &b->u.dma.expect);
	case DMAR_EV_CHECK:
		return a->u.check.hpa == b->u.check.hpa && a->u.check.value == b->u.check.value;
	case DMAR_EV_SRTP:
		return a->u.srtp.has_rtaddr == b->u.srtp.has_rtaddr &&
		       (!a->u.srtp.has_rtaddr || a->u.srtp.rtaddr == b->u.srtp.rtaddr);
	case DMAR_EV_TE:
		return a->u.te_on == b->u.te_on;
	case DMAR_EV_ATC:
		return a->u.atc.sid == b->u.atc.sid && a->u.atc.has_pasid == b->u.atc.has_pasid &&
		       a->u.atc.pasid == b->u.atc.pasid && a->u.atc.addr == b->u.atc.addr &&
		       a->u.atc.has_expect == b->u.atc.has_expect &&
		       outcomes_identical(&a->u.atc.expect, &b->u.atc.expect);
	default:
		return false;
	}
}

static bool ranges_equal(const struct dmar_hole *a, const struct dmar_hole *b, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (a[i].hpa != b[i].hpa || a[i].size != b[i].size)
			return false;
	return true;
}

bool dmar_case_equal(const struct dmar_case *a, const struct dmar_case *b)
{
	uint32_t i;

	if (a->cap != b->cap || a->ecap != b->ecap || a->rtaddr != b->rtaddr || a->ver != b->ver ||
	    a->haw != b->haw || a->haw_said != b->haw_said || a->ver_said != b->ver_said ||
	    a->translation_said != b->translation_said || a->te != b->te || a->cache_rule != b->cache_rule ||
	    a->mode_word != b->mode_word || a->n_mem != b->n_mem || a->n_holes != b->n_holes ||
	    a->n_events != b->n_events)
		return false;
	for (i = 0; i < a->n_mem; i++)
		if (!qwords_equal(&a->mem[i], &b->mem[i]))
			return false;
	if (!ranges_equal(a->holes, b->holes, a->n_holes) || a->n_roms != b->n_roms ||
	    !ranges_equal(a->roms, b->roms, a->n_roms))
		return false;
	for (i = 0; i < a->n_events; i++)
		if (!event_equal(&a->events[i], &b->events[i]))
			return false;
	return true;
}

/* a copy of n elements of `size` bytes: NULL for none; *ok cleared when out of memory */
static void *dup_array(const void *src, size_t n, size_t size, bool *ok)
{
	void *p;

	if (!n)
		return NULL;
	p = malloc(n * size);
	if (p)
		memcpy(p, src, n * size);
	*ok = *ok && p;
	return p;
}

int dmar_case_copy(struct dmar_case *dst, const struct dmar_case *src)
{
	bool ok = true;

	*dst = *src;
	dst->holes = dup_array(src->holes, src->n_holes, sizeof(*src->holes), &ok);
	dst->roms = dup_array(src->roms, src->n_roms, sizeof(*src->roms), &ok);
	dst->mem = dup_array(src->mem, src->n_mem, sizeof(*src->mem), &ok);
	dst->events = dup_array(src->events, src->n_events, sizeof(*src->events), &ok);
	dst->n_mem = dst->n_events = 0; /* counts the lines that own their values (for dmar_case_free) */
	if (!ok)
		goto oom;
	for (; dst->n_mem < src->n_mem; dst->n_mem++) {
		struct dmar_qwords *q = &dst->mem[dst->n_mem];

		q->v = dup_array(q->v, q->n, sizeof(*q->v), &ok);
		if (!ok)
			goto oom;
	}
	for (; dst->n_events < src->n_events; dst->n_events++) {
		struct dmar_event *ev = &dst->events[dst->n_events];

		if (ev->kind == DMAR_EV_WRITE)
			ev->u.write.v = dup_array(ev->u.write.v, ev->u.write.n, sizeof(uint64_t), &ok);
		if (!ok)
			goto oom;
	}
	return 0;
oom:
	dmar_case_free(dst);
	return -1;
}
