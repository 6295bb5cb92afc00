// SPDX-License-Identifier: Apache-2.0
/*
 * Relocation must not change what a case means: for every corpus case that
 * can be moved, moved by 1 GiB, each DMA's allowed set is the original's
 * with every translated address (ok, ats) 1 GiB higher, except the
 * identity ones (pass-through, translation off, translated requests) whose
 * input did not move and those that stay where they are (the interrupt
 * range, addresses the move would push past 2^HAW); and every `check` still
 * holds.
 *
 *   test_relocate CASE...
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dmar/codec.h"
#include "dmar/engine.h"
#include "harness/relocate.h"

#define OFF 0x40000000ull

struct sets {
	struct dmar_outcome_set s[512];
	uint64_t addr[512];
	unsigned n, checks_failed;
};

static void grab(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		 const struct dmar_event_result *r, const struct dmar_trace *t)
{
	struct sets *s = ctx;

	(void)c;
	(void)t;
	if (ev->kind == DMAR_EV_CHECK && r->verdict == DMAR_V_FAIL)
		s->checks_failed++;
	if (ev->kind != DMAR_EV_DMA || s->n == 512)
		return;
	s->addr[s->n] = ev->u.dma.rq.addr;
	s->s[s->n++] = r->allowed;
}

/* b is a moved with every translated address shifted (or, for identity outcomes, kept) */
static bool moved(const struct dmar_outcome_set *a, const struct dmar_outcome_set *b, uint64_t input,
		  unsigned haw)
{
	uint32_t i, j;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		bool found = false;

		for (j = 0; j < b->n && !found; j++) {
			struct dmar_outcome o = a->o[i];

			if (o.kind == DMAR_OUT_OK || o.kind == DMAR_OUT_ATS) {
				unsigned lg2 = o.kind == DMAR_OUT_ATS ? o.size_lg2 : 12;
				bool identity = (o.hpa >> lg2) == (input >> lg2) || (o.hpa >> 20) == 0xfee ||
						((o.hpa + OFF) >> haw) != 0;

				if (dmar_outcome_match(&o, &b->o[j]) && identity)
					found = true;
				o.hpa += OFF;
			}
			found |= dmar_outcome_match(&o, &b->o[j]);
		}
		if (!found)
			return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	static struct sets before, after;
	int i;
	unsigned k, moved_cases = 0;

	for (i = 1; i < argc; i++) {
		struct dmar_case c, r;
		struct dmar_error err;
		struct dmar_case_summary sum;
		char why[160];

		if (dmar_case_load(argv[i], &c, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			CHECK(0);
			continue;
		}
		if (dmar_case_relocate(&c, argv[i], OFF, &r, why, sizeof(why))) {
			dmar_case_free(&c);
			continue; /* nested: not movable, said so */
		}
		moved_cases++;
		memset(&before, 0, sizeof(before));
		memset(&after, 0, sizeof(after));
		CHECK(dmar_case_execute(&c, argv[i], NULL, grab, &before, NULL, &sum, &err) == 0);
		CHECK(dmar_case_execute(&r, argv[i], NULL, grab, &after, NULL, &sum, &err) == 0);
		CHECK(before.n == after.n);
		CHECK(after.checks_failed == before.checks_failed);
		for (k = 0; k < before.n && k < after.n; k++) {
			struct dmar_unit u;
			bool ok;

			dmar_case_unit(&c, &u);
			ok = moved(&before.s[k], &after.s[k], before.addr[k], u.haw);

			if (!ok)
				fprintf(stderr, "%s: DMA %u (0x%llx) means something else once moved\n", argv[i], k,
					(unsigned long long)before.addr[k]);
			CHECK(ok);
		}
		dmar_case_free(&r);
		dmar_case_free(&c);
	}
	CHECK(moved_cases > 40);
	return check_summary();
}
