// SPDX-License-Identifier: Apache-2.0
/*
 * Judging what the unit did: the driver's lines (hw-tests/README.md) for a
 * case, each DMA's observation turned into outcome words, MATCH when the
 * oracle (asked about that unit) allows it, else DIVERGE, classified
 * against the known deviations of the unit (hw-tests/host/hw_known.c).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw-tests/host/hw.h"
#include "hw-tests/host/hw_known.h"

struct seen {
	enum { NONE, OK, NOTHING, UNSEEN, ELSEWHERE, SKIPPED } kind;
	uint64_t hpa;
	int reason; /* first fault record's reason, -1 if none */
	char skip[96];
};

/* what the driver said about DMA `event` of case `index` */
static void find(const char *out, uint32_t index, uint32_t event, struct seen *s)
{
	const char *line = out;
	char word[16], rest[96];
	unsigned ci, ev, r;
	unsigned long long v;

	memset(s, 0, sizeof(*s));
	s->reason = -1;
	for (; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (sscanf(line, "%15s %u %u", word, &ci, &ev) != 3 || ci != index || ev != event)
			continue;
		if (!strcmp(word, "fault") && s->reason < 0 && sscanf(line, "fault %*u %*u %x", &r) == 1)
			s->reason = (int)r;
		if (strcmp(word, "dma"))
			continue;
		rest[0] = 0;
		sscanf(line, "dma %*u %*u %95[^\n]", rest);
		if (sscanf(rest, "ok %llx", &v) == 1) {
			s->kind = OK;
			s->hpa = v;
		} else if (!strncmp(rest, "nothing", 7)) {
			s->kind = NOTHING;
		} else if (!strncmp(rest, "unseen", 6)) {
			s->kind = UNSEEN;
		} else if (!strncmp(rest, "moved elsewhere", 15)) {
			s->kind = ELSEWHERE;
		} else if (!strncmp(rest, "skip", 4)) {
			s->kind = SKIPPED;
			snprintf(s->skip, sizeof(s->skip), "%s", rest + 5);
		}
	}
}

static bool allowed(const struct dmar_outcome_set *a, const struct seen *s)
{
	uint32_t i;

	for (i = 0; i < a->n; i++) {
		const struct dmar_outcome *o = &a->o[i];

		if (s->kind == OK && s->reason < 0 && o->kind == DMAR_OUT_OK && o->hpa == s->hpa)
			return true;
		if (s->kind == NOTHING && s->reason >= 0 && o->kind == DMAR_OUT_FAULT && o->reason == s->reason)
			return true;
		/* nothing recorded, and no data where a translation would put it */
		if ((s->kind == NOTHING || s->kind == UNSEEN) && s->reason < 0 &&
		    (o->kind == DMAR_OUT_BLOCKED || o->kind == DMAR_OUT_UR || o->kind == DMAR_OUT_INTERRUPT))
			return true;
	}
	return false;
}

void dmar_hw_judge(struct dmar_hw_case *hc, const char *out, const struct dmar_case *c)
{
	size_t i;

	for (i = 0; i < hc->n_dmas; i++) {
		struct dmar_hw_dma *d = &hc->dmas[i];
		struct seen s;

		if (hc->skipped || !d->planned) {
			d->verdict = DMAR_HW_SKIP;
			if (hc->skipped)
				snprintf(d->why, sizeof(d->why), "%.95s", hc->why);
			continue;
		}
		find(out, hc->index, d->event, &s);
		switch (s.kind) {
		case SKIPPED:
			d->verdict = DMAR_HW_SKIP;
			snprintf(d->why, sizeof(d->why), "the driver: %.80s", s.skip);
			continue;
		case NONE:
			snprintf(d->seen, sizeof(d->seen), "no answer (the emulator stopped before it)");
			break;
		case OK:
			snprintf(d->seen, sizeof(d->seen), "ok 0x%" PRIx64 "%s", s.hpa,
				 s.reason >= 0 ? " with a fault recorded" : "");
			break;
		case NOTHING:
			if (s.reason >= 0)
				snprintf(d->seen, sizeof(d->seen), "fault 0x%x", (unsigned)s.reason);
			else
				snprintf(d->seen, sizeof(d->seen), "nothing moved, nothing recorded");
			break;
		case UNSEEN:
			snprintf(d->seen, sizeof(d->seen), "no fault recorded, and the data reached none of the allowed addresses");
			break;
		case ELSEWHERE:
			snprintf(d->seen, sizeof(d->seen), "data moved, but to none of the allowed addresses");
			break;
		}
		if (s.kind != NONE && allowed(&d->allowed, &s)) {
			d->verdict = DMAR_HW_MATCH;
			continue;
		}
		d->verdict = DMAR_HW_DIVERGE;
		d->known = dmar_hw_known(c, d, s.kind == OK ? 1 : s.kind == NOTHING || s.kind == UNSEEN ? 0 : -1,
					 s.hpa, s.reason);
	}
}

const char *dmar_hw_verdict_name(uint8_t verdict)
{
	static const char *const name[] = { "MATCH", "DIVERGE", "SKIP" };

	return name[verdict % 3];
}
