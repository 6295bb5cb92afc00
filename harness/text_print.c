// SPDX-License-Identifier: Apache-2.0
/*
 * The canonical text of a case.  Style: addresses and raw register or
 * memory values in lowercase 0x hex; counts and small numbers (len, did,
 * pasid, am, fm, index, im) in decimal; sizes with K/M/G when exact; source
 * ids as BB:DD.F; fault reasons as 0x hex.  Header lines in the order cap,
 * haw, ver, ecap, rtaddr, translation, mem..., hole..., rom...; then the events.
 * Comments are not kept.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "harness/inv_kinds.h"

static void put_size(FILE *f, uint64_t v)
{
	if (v && !(v & ((1ull << 30) - 1)))
		fprintf(f, "%" PRIu64 "G", v >> 30);
	else if (v && !(v & ((1ull << 20) - 1)))
		fprintf(f, "%" PRIu64 "M", v >> 20);
	else if (v && !(v & ((1ull << 10) - 1)))
		fprintf(f, "%" PRIu64 "K", v >> 10);
	else
		fprintf(f, "%" PRIu64, v);
}

const char *dmar_access_name(uint8_t access)
{
	static const char *const acc[] = { "read", "write", "atomic" };

	return acc[access % 3];
}

const char *dmar_sid_format(uint16_t sid, char *buf)
{
	snprintf(buf, DMAR_SID_TEXT, "%02x:%02x.%x", sid >> 8, (sid >> 3) & 0x1f, sid & 7);
	return buf;
}

void dmar_request_words(const struct dmar_request *rq, char *buf, size_t size)
{
	char sid[DMAR_SID_TEXT];

	snprintf(buf, size, "dma %s %s 0x%" PRIx64, dmar_sid_format(rq->sid, sid), dmar_access_name(rq->access),
		 rq->addr);
}

static void put_sid(FILE *f, uint16_t sid)
{
	char buf[DMAR_SID_TEXT];

	fputs(dmar_sid_format(sid, buf), f);
}

static void put_qwords(FILE *f, const char *kw, const struct dmar_qwords *q)
{
	uint32_t i;

	fprintf(f, "%s 0x%" PRIx64, kw, q->hpa);
	for (i = 0; i < q->n; i++)
		fprintf(f, " 0x%" PRIx64, q->v[i]);
	fputc('\n', f);
}

static void put_outcome(FILE *f, const struct dmar_outcome *o)
{
	static const char *const cpl[] = { "", " ur", " ca" };

	switch (o->kind) {
	case DMAR_OUT_OK:
		fprintf(f, "ok 0x%" PRIx64, o->hpa);
		break;
	case DMAR_OUT_FAULT:
	case DMAR_OUT_BLOCKED:
		fprintf(f, "%s 0x%x%s", o->kind == DMAR_OUT_FAULT ? "fault" : "blocked", o->reason,
			cpl[o->cpl % 3]);
		break;
	case DMAR_OUT_ATS:
		fprintf(f, "ats 0x%" PRIx64 " %s%s", o->hpa, o->ats & DMAR_ATS_R ? "r" : "",
			o->ats & DMAR_ATS_W ? "w" : "");
		if (o->size_lg2 != 12) {
			fputs(" size=", f);
			put_size(f, 1ull << o->size_lg2);
		}
		fprintf(f, "%s%s%s", o->ats & DMAR_ATS_U ? " u" : "", o->ats & DMAR_ATS_N ? " n" : "",
			o->ats & DMAR_ATS_PRIV ? " priv" : "");
		break;
	case DMAR_OUT_ATS_NONE:
		fputs("ats -", f);
		break;
	case DMAR_OUT_UR:
		fputs("ur", f);
		break;
	case DMAR_OUT_INTERRUPT:
		fputs("interrupt", f);
		break;
	case DMAR_OUT_PRQ:
		fputs("prq", f);
		break;
	case DMAR_OUT_MISS:
		fputs("miss", f);
		break;
	default:
		fprintf(f, "?%u", o->kind);
	}
}

static void put_outcome_set(FILE *f, const struct dmar_outcome_set *s)
{
	uint32_t i;

	for (i = 0; i < s->n; i++) {
		if (i)
			fputs(" | ", f);
		put_outcome(f, &s->o[i]);
	}
}

static void put_dma(FILE *f, const struct dmar_dma *d)
{
	static const char *const at[] = { "ut", "tr", "t", "pr" };
	const struct dmar_request *rq = &d->rq;

	fputs("dma ", f);
	put_sid(f, rq->sid);
	fprintf(f, " %s 0x%" PRIx64, dmar_access_name(rq->access), rq->addr);
	if (d->len_said)
		fprintf(f, " len=%u", rq->len);
	if (rq->has_pasid)
		fprintf(f, " pasid=%u", rq->pasid);
	fprintf(f, "%s%s%s", rq->priv ? " priv" : "", rq->exec ? " exec" : "", rq->nw ? " nw" : "");
	if (rq->at != DMAR_AT_UT)
		fprintf(f, " at=%s", at[rq->at % 4]);
	if (d->has_expect) {
		fputs(" => ", f);
		put_outcome_set(f, &d->expect);
	}
	fputc('\n', f);
}

static void put_inv(FILE *f, const struct dmar_inv *inv)
{
	const struct dmar_inv_kind_info *k = &dmar_inv_kinds[inv->kind % DMAR_INV_KIND_COUNT];
	uint32_t fields = inv->fields | (inv->fields & DMAR_INVF_STATUS ? DMAR_INVF_STATUS_VALUE : 0);
	unsigned i;

	fprintf(f, "inv %s", k->word);
	if (k->sub)
		fprintf(f, " %s", k->sub);
	for (i = 0; i < dmar_inv_n_fields; i++) {
		const struct dmar_inv_field_info *fi = &dmar_inv_fields[i];
		const void *m = (const char *)inv + fi->offset;
		uint64_t v = fi->width == 2 ? *(const uint16_t *)m :
			     fi->width == 4 ? *(const uint32_t *)m :
			     fi->width == 8 ? *(const uint64_t *)m : 0;

		if (!(fields & fi->bit))
			continue;
		fprintf(f, " %s", fi->name);
		switch (fi->style) {
		case DMAR_IS_DEC: fprintf(f, "=%" PRIu64, v); break;
		case DMAR_IS_HEX: fprintf(f, "=0x%" PRIx64, v); break;
		case DMAR_IS_SID: fputc('=', f); put_sid(f, (uint16_t)v); break;
		case DMAR_IS_SIZE: fputc('=', f); put_size(f, v); break;
		default: break;
		}
	}
	if (inv->via_said)
		fprintf(f, " via=%s", inv->via == DMAR_VIA_REG ? "reg" : "qi");
	fputc('\n', f);
}

void dmar_event_print(FILE *f, const struct dmar_event *ev)
{
	uint32_t i;

	switch (ev->kind) {
	case DMAR_EV_WRITE:
		put_qwords(f, "write", &ev->u.write);
		break;
	case DMAR_EV_CLFLUSH:
		fprintf(f, "clflush 0x%" PRIx64 "\n", ev->u.clflush_hpa);
		break;
	case DMAR_EV_INV:
		put_inv(f, &ev->u.inv);
		break;
	case DMAR_EV_QI:
		fputs("qi", f);
		for (i = 0; i < ev->u.qi.n; i++)
			fprintf(f, " 0x%" PRIx64, ev->u.qi.w[i]);
		fputc('\n', f);
		break;
	case DMAR_EV_DMA:
		put_dma(f, &ev->u.dma);
		break;
	case DMAR_EV_CHECK:
		fprintf(f, "check 0x%" PRIx64 " 0x%" PRIx64 "\n", ev->u.check.hpa, ev->u.check.value);
		break;
	case DMAR_EV_SRTP:
		if (ev->u.srtp.has_rtaddr)
			fprintf(f, "srtp 0x%" PRIx64 "\n", ev->u.srtp.rtaddr);
		else
			fputs("srtp\n", f);
		break;
	case DMAR_EV_TE:
		fprintf(f, "te %s\n", ev->u.te_on ? "on" : "off");
		break;
	case DMAR_EV_ATC:
		fputs("atc ", f);
		put_sid(f, ev->u.atc.sid);
		fprintf(f, " 0x%" PRIx64, ev->u.atc.addr);
		if (ev->u.atc.has_pasid)
			fprintf(f, " pasid=%u", ev->u.atc.pasid);
		if (ev->u.atc.has_expect) {
			fputs(" => ", f);
			put_outcome_set(f, &ev->u.atc.expect);
		}
		fputc('\n', f);
		break;
	}
}

static void put_ranges(FILE *f, const char *kw, const struct dmar_hole *r, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		fprintf(f, "%s 0x%" PRIx64 " ", kw, r[i].hpa);
		put_size(f, r[i].size);
		fputc('\n', f);
	}
}

char *dmar_case_print(const struct dmar_case *c)
{
	static const char *const words[] = { "", " legacy", " scalable", " abort" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	uint32_t i;

	if (!f)
		return NULL;
	fprintf(f, "dmar-case 1\ncap 0x%016" PRIx64 "\n", c->cap);
	if (c->haw_said)
		fprintf(f, "haw %u\n", c->haw);
	if (c->ver_said)
		fprintf(f, "ver 0x%x\n", c->ver);
	fprintf(f, "ecap 0x%016" PRIx64 "\nrtaddr 0x%" PRIx64 "%s\n", c->ecap, c->rtaddr,
		words[c->mode_word & 3]);
	if (c->translation_said)
		fprintf(f, "translation %s\n", c->te ? "on" : "off");
	if (c->cache_rule == DMAR_CACHE_OBSERVED)
		fprintf(f, "cache-model observed\n");
	for (i = 0; i < c->n_mem; i++)
		put_qwords(f, "mem", &c->mem[i]);
	put_ranges(f, "hole", c->holes, c->n_holes);
	put_ranges(f, "rom", c->roms, c->n_roms);
	for (i = 0; i < c->n_events; i++)
		dmar_event_print(f, &c->events[i]);
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

size_t dmar_outcome_format(const struct dmar_outcome *o, char *buf, size_t size)
{
	FILE *f = fmemopen(buf, size, "w");
	long n;

	if (!f || !size)
		return 0;
	put_outcome(f, o);
	n = ftell(f);
	fclose(f);
	return n > 0 ? (size_t)n : 0;
}

size_t dmar_outcome_set_format(const struct dmar_outcome_set *s, char *buf, size_t size)
{
	FILE *f;
	long n;

	if (!size)
		return 0;
	buf[0] = 0;
	f = fmemopen(buf, size, "w");
	if (!f)
		return 0;
	if (s->n == 0)
		fputs("(nothing)", f);
	put_outcome_set(f, s);
	n = ftell(f);
	fclose(f);
	return n > 0 ? (size_t)n : 0;
}
