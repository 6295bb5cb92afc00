// SPDX-License-Identifier: Apache-2.0
/*
 * `explain`: the walk of each DMA step by step, decoded through the same
 * field tables the oracle checks against.
 */
#include <inttypes.h>
#include <stdio.h>

#include "harness/cache.h"
#include "dmar/codec.h"
#include "harness/explain.h"
#include "oracles/bits.h"
#include "oracles/format.h"

static const char *ttm_name(unsigned ttm)
{
	static const char *const names[] = { "legacy", "scalable", "reserved (10b)", "abort-DMA" };

	return names[ttm & 3];
}

void dmar_explain_unit(FILE *f, const struct dmar_case *c)
{
	struct dmar_unit u;
	unsigned sagaw, sslps, aw;

	dmar_case_unit(c, &u);
	sagaw = DMAR_CAP_SAGAW(u.cap);
	sslps = DMAR_CAP_SSLPS(u.cap);
	fprintf(f, "unit: CAP 0x%016" PRIx64 " ECAP 0x%016" PRIx64 " VER 0x%x HAW %u\n", u.cap,
		u.ecap, u.ver, u.haw);
	fprintf(f, "  MGAW %u, SAGAW", DMAR_CAP_MGAW(u.cap));
	for (aw = 1; aw <= 3; aw++)
		if (sagaw & (1u << aw))
			fprintf(f, " %u", dmar_aw_width(aw));
	fprintf(f, ", SS pages 4K%s%s, DID %u bits, ZLR %u, CM %u\n", sslps & 1 ? " 2M" : "",
		sslps & 2 ? " 1G" : "", DMAR_CAP_DID_BITS(u.cap), DMAR_CAP_ZLR(u.cap),
		DMAR_CAP_CM(u.cap));
	fprintf(f, "  ECAP: C %u QI %u DT %u PT %u SC %u NWFS %u SMTS %u ADMS %u\n",
		dmar_bit(u.ecap, DMAR_ECAP_C), dmar_bit(u.ecap, DMAR_ECAP_QI),
		dmar_bit(u.ecap, DMAR_ECAP_DT), dmar_bit(u.ecap, DMAR_ECAP_PT),
		dmar_bit(u.ecap, DMAR_ECAP_SC), dmar_bit(u.ecap, DMAR_ECAP_NWFS),
		dmar_bit(u.ecap, DMAR_ECAP_SMTS), dmar_bit(u.ecap, DMAR_ECAP_ADMS));
	fprintf(f, "  RTADDR 0x%" PRIx64 ": root table 0x%" PRIx64 ", %s mode%s; translation %s\n",
		u.rtaddr, DMAR_RTADDR_RTA(u.rtaddr), ttm_name(DMAR_RTADDR_TTM(u.rtaddr)),
		DMAR_RTADDR_SSIRWE(u.rtaddr) ? ", SSIRWE" : "", u.te ? "on" : "off");
}

void dmar_explain_request(FILE *f, const struct dmar_request *rq)
{
	static const char *const at[] = { "untranslated", "translation request", "translated",
					  "page request" };
	char sid[DMAR_SID_TEXT];

	fprintf(f, "%s %s 0x%" PRIx64 " len=%u (%s", dmar_sid_format(rq->sid, sid),
		dmar_access_name(rq->access), rq->addr, rq->len, at[rq->at % 4]);
	if (rq->has_pasid)
		fprintf(f, ", PASID 0x%x%s%s", rq->pasid, rq->priv ? " priv" : "",
			rq->exec ? " exec" : "");
	if (rq->nw)
		fprintf(f, ", no-write");
	fprintf(f, ")\n");
}

static void print_fields(FILE *f, unsigned shape, const uint64_t *raw)
{
	const struct dmar_shape *s = dmar_shape_get(shape);
	unsigned i;

	for (i = 0; i < s->nfields; i++) {
		const struct dmar_field *fd = &s->fields[i];
		uint64_t v = dmar_field_get(fd, raw);

		if (fd->kind == DMAR_FK_IGN || (fd->kind == DMAR_FK_RSVD && v == 0))
			continue;
		if (fd->kind == DMAR_FK_RSVD)
			fprintf(f, " rsvd[%u:%u]=0x%" PRIx64, fd->hi, fd->lo, v);
		else if (fd->kind == DMAR_FK_ADDR || v > 9)
			fprintf(f, " %s=0x%" PRIx64, fd->name, v);
		else
			fprintf(f, " %s=%" PRIu64, fd->name, v);
	}
}

/* where a stale value comes from (DMAR_WHY_*; events are numbered from 1 in explain) */
static void explain_why(FILE *f, uint32_t why)
{
	unsigned ev = (why & 0x0fffffffu) + 1;

	switch (why & 0xf0000000u) {
	case DMAR_WHY_CACHED:
		fprintf(f, ": read by the walk of event %u, no covering invalidation completed since\n", ev);
		break;
	case DMAR_WHY_PREFETCHED:
		fprintf(f, ": current until event %u, when the unit may have cached it on its own (a walk "
			   "that would succeed), no covering invalidation completed since\n", ev);
		break;
	case DMAR_WHY_TORN:
		fprintf(f, ": 128-bit pieces of the value read at event %u mixed with today's (torn)\n", ev);
		break;
	case DMAR_WHY_MIDWRITE:
		fprintf(f, ": memory held it between two stores of event %u, when a walk may have read it "
			   "(not one atomic update)\n", ev);
		break;
	case DMAR_WHY_FLAGGED:
		fprintf(f, ": the unit may or may not have set these flags at event %u (a walk that faulted "
			   "after using the entry, or one that another answer may have replaced)\n", ev);
		break;
	case DMAR_WHY_UNFLUSHED:
		fprintf(f, ": overwritten by event %u, its cache line not flushed (the read does not "
			   "snoop)\n", ev);
		break;
	default:
		fprintf(f, "\n");
	}
}

/* what the cache context of a walk is, for naming the invalidations a copy outlived */
struct explain_ctx {
	const struct dmar_case *c;
	const struct dmar_cache_model *cache;
	uint64_t addr;
};

/* each invalidation after the read that left a cached copy in place, and why */
static void explain_kept(FILE *f, const struct dmar_step *s, const char *indent,
			 const struct explain_ctx *x)
{
	struct dmar_kept kept[4];
	size_t n, i;

	if (!x->cache || ((s->arg & 0xf0000000u) != DMAR_WHY_CACHED &&
			  (s->arg & 0xf0000000u) != DMAR_WHY_PREFETCHED &&
			  (s->arg & 0xf0000000u) != DMAR_WHY_MIDWRITE))
		return;
	n = dmar_cache_model_why_kept(x->cache, s->hpa, s->raw, s->nqw, (uint32_t)s->arg & 0x0fffffffu,
				      x->addr, kept, 4);
	for (i = 0; i < n && i < 4; i++) {
		fprintf(f, "%s      event %u did not remove it (%s): ", indent, kept[i].event + 1,
			kept[i].why);
		if (x->c && kept[i].event < x->c->n_events)
			dmar_event_print(f, &x->c->events[kept[i].event]);
		else
			fputc('\n', f);
	}
	if (n > 4)
		fprintf(f, "%s      (and %zu more invalidations that did not remove it)\n", indent, n - 4);
}

static void print_step(FILE *f, const struct dmar_step *s, const char *indent,
		       const struct explain_ctx *x)
{
	const struct dmar_check_info *ci = dmar_check_get(s->check);
	const struct dmar_shape *shape = dmar_shape_get(s->fmt);
	unsigned i;

	switch (s->kind) {
	case DMAR_STEP_READ:
		fprintf(f, "%s  read %s", indent, shape->name);
		if (s->level)
			fprintf(f, " (level %u)", s->level);
		fprintf(f, " at 0x%" PRIx64 " =", s->hpa);
		for (i = 0; i < s->nqw; i++)
			fprintf(f, " 0x%016" PRIx64, s->raw[i]);
		fprintf(f, "\n%s      ", indent);
		print_fields(f, s->fmt, s->raw);
		fprintf(f, "\n");
		break;
	case DMAR_STEP_STALE:
		if (!s->hpa && s->level) /* a deeper copy the walk may go on from (its tags match) */
			fprintf(f, "%s  cache: the walk may go on from a cached %s (level %u) for this address,",
				indent, shape->name, s->level);
		else
			fprintf(f, "%s  %s: the unit may still see the %s at 0x%" PRIx64 " as", indent,
				((uint32_t)s->arg & 0xf0000000u) == DMAR_WHY_FLAGGED ? "memory" : "cache",
				shape->name, s->hpa);
		for (i = 0; i < s->nqw; i++)
			fprintf(f, " 0x%016" PRIx64, s->raw[i]);
		if (s->reason != DMAR_ABOVE_MEMORY && s->fmt == DMAR_SHAPE_PASID_ENTRY) {
			fprintf(f, " kept with FPD=%u met above", s->reason & 1u);
		} else if (s->reason != DMAR_ABOVE_MEMORY) { /* a paging-structure copy keeps the rights above */
			fprintf(f, " with R=%u W=%u", s->reason & 1u, (s->reason >> 1) & 1u);
			if (s->fmt >= DMAR_SHAPE_FS_PML5E)
				fprintf(f, " U/S=%u", (s->reason >> 2) & 1u);
			fprintf(f, " from the levels above");
		}
		explain_why(f, (uint32_t)s->arg);
		explain_kept(f, s, indent, x);
		break;
	case DMAR_STEP_ABORT:
		fprintf(f, "%s  read %s at 0x%" PRIx64 ": ABORTED (no memory there)\n", indent,
			shape->name, s->hpa);
		break;
	case DMAR_STEP_CHECK:
		fputs(indent, f);
		if (s->failed)
			fprintf(f, "    FAIL %s (0x%" PRIx64 ")%s", ci->name, s->arg,
				s->reason ? "" : "\n");
		else
			fprintf(f, "    ok   %s\n", ci->name);
		if (s->failed && s->reason) {
			const struct dmar_fault_info *fi = dmar_fault_lookup(s->reason);

			fprintf(f, " -> fault 0x%x %s: %s [%s]\n", s->reason, fi ? fi->mnemonic : "?",
				fi ? fi->what : "?", ci->spec);
		}
		break;
	default:
		fputs(indent, f);
		if (s->check == DMAR_NOTE_IOTLB_SINCE) /* an event, numbered from 1 as explain does */
			fprintf(f, "    note %s %" PRIu64 ", no covering IOTLB invalidation completed since\n",
				ci->name, s->arg + 1);
		else
			fprintf(f, s->arg < 10 ? "    note %s: %" PRIu64 "\n" : "    note %s: 0x%" PRIx64 "\n",
				ci->name, s->arg);
		break;
	}
}

void dmar_explain_trace(FILE *f, const struct dmar_trace *t, const struct dmar_case *c,
			const struct dmar_cache_model *cache, uint64_t addr)
{
	const struct explain_ctx x = { c, cache, addr };
	uint32_t i;
	const char *indent = "";

	/* a nested walk's second-stage steps are indented under the note that starts them */
	for (i = 0; i < t->n && i < t->cap; i++) {
		const struct dmar_step *s = &t->steps[i];

		/* back at the first stage: its entries, its output checks, its A/D */
		if ((s->kind == DMAR_STEP_READ && s->fmt >= DMAR_SHAPE_FS_PML5E) ||
		    (s->kind == DMAR_STEP_CHECK &&
		     (s->check == DMAR_CHK_OUTPUT_IRQ || s->check == DMAR_CHK_AD_SNOOP)))
			indent = "";
		print_step(f, s, indent, &x);
		if (s->kind == DMAR_STEP_NOTE &&
		    (s->check == DMAR_NOTE_NESTED_TABLE || s->check == DMAR_NOTE_NESTED_OUTPUT))
			indent = "    | ";
	}
	if (t->n >= t->cap)
		fprintf(f, "  (trace truncated at %u steps)\n", t->cap);
}

/* software errors that widen the allowed set: a DID given to two sets of tables */
static void explain_did_reuse(FILE *f, const struct dmar_cache_model *cache, uint16_t sid)
{
	struct dmar_did_reuse reuse[4];
	char a[16], b[16];
	size_t n = dmar_cache_model_did_reuse(cache, sid, reuse, 4), i;

	for (i = 0; i < n && i < 4; i++) {
		dmar_sid_format(reuse[i].sid, a);
		dmar_sid_format(reuse[i].other_sid, b);
		fprintf(f, "  warning: DID %u also names other tables: %s has 0x%llx, %s 0x%llx; "
			   "paging-structure copies are tagged by DID, so either may be answered through the "
			   "other's (a software error: one DID, one set of tables, vtd-notes 2.4)\n",
			reuse[i].did, a, (unsigned long long)reuse[i].table, b,
			(unsigned long long)reuse[i].other_table);
	}
}

void dmar_explain_event(FILE *f, const struct dmar_case *c, const struct dmar_event *ev,
			const struct dmar_event_result *r, const struct dmar_trace *t)
{
	char buf[512];

	fprintf(f, "event %u (line %u): dma ", r->index + 1, ev->line);
	dmar_explain_request(f, &ev->u.dma.rq);
	if (r->cache)
		explain_did_reuse(f, r->cache, ev->u.dma.rq.sid);
	if (t)
		dmar_explain_trace(f, t, c, r->cache, ev->u.dma.rq.addr);
	if (r->oracle_err) {
		fprintf(f, "  oracle: %s\n", r->why);
		return;
	}
	dmar_outcome_set_format(&r->allowed, buf, sizeof(buf));
	fprintf(f, "  allowed: %s\n", buf);
	if (ev->u.dma.has_expect) {
		dmar_outcome_set_format(&ev->u.dma.expect, buf, sizeof(buf));
		fprintf(f, "  expected: %s  [%s]\n", buf, r->verdict == DMAR_V_PASS ? "PASS" : "FAIL");
	}
}
