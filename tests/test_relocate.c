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
 * Exactly the cases listed in `unmovable` may be refused, each for its
 * listed reason; a refusal of any other case, or another reason, fails.
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

/*
 * The corpus cases a move must refuse, by file name, and why.  Only nested
 * translation (PASID entry PGTT=011 on a unit with ECAP.NEST) is refused:
 * its first-stage tables hold guest-physical addresses, which a move cannot
 * tell from host-physical ones.  (S06's PASID 4 says PGTT=011 too, but
 * without ECAP.NEST it faults before any walk, so S06 moves.)
 */
static struct {
	const char *file;
	int reason;
	bool seen;
} unmovable[] = {
	/* PASID 0 0x2000c5: PGTT (bits 8:6) 011; ECAP 0x...840050c7 has NEST (bit 26) */
	{ "S13-nested.dmar", DMAR_RELOC_NESTED, false },
	/* PASID 0 and 1 0x2002c5: PGTT 011 (and SSADE); ECAP 0x0003e99e840050c7 has NEST */
	{ "S18-nested-ssade.dmar", DMAR_RELOC_NESTED, false },
	/* PASID entry 0x1040c5 / 0x1230c5: PGTT 011; ECAPs 0x...a60050c6 / 0x...86005043 have NEST */
	{ "R06-nested-speculative-fs-accessed.dmar", DMAR_RELOC_NESTED, false },
	{ "R07-nested-nosnoop-ad-beside-output-fault.dmar", DMAR_RELOC_NESTED, false },
	/* PASID 0 and 1 0x2000c5: PGTT 011; ECAP 0x0003e99e840050c7 has NEST */
	{ "R32-nested-fs-permission-beside-output-walk.dmar", DMAR_RELOC_NESTED, false },
	{ "R33-nested-ss-permission-lost-above.dmar", DMAR_RELOC_NESTED, false },
	{ "scalable-3-nested.dmar", DMAR_RELOC_NESTED, false },
	/* PASID entry 0x1042c5: PGTT 011 with SSADE; ECAP 0x0101e938a60050c6 has NEST (bit 26) */
	{ "R42-nested-ss-dirty-fails-beside-later-fault.dmar", DMAR_RELOC_NESTED, false },
	/* PASID entry 0x1042c5: PGTT 011 with SSADE; ECAP 0x0001e80004000000 has NEST (bit 26) */
	{ "R64-nested-fs-update-ss-dirty-fails.dmar", DMAR_RELOC_NESTED, false },
	/* PASID entry 0x2000c5: PGTT 011; ECAP 0x0001c80004000000 has NEST (bit 26) */
	{ "R65-nested-fs-dirty-only-after-output.dmar", DMAR_RELOC_NESTED, false },
	/* PASID 0 0x2000c5 / 0x2002c5: PGTT 011; ECAPs 0x0000c80004000000 / 0x0001e80004000000 have NEST */
	{ "R83-nested-table-walk-left-with-no-permission.dmar", DMAR_RELOC_NESTED, false },
	{ "R90-nested-output-permission-lost-above-a-leaf.dmar", DMAR_RELOC_NESTED, false },
	{ "R93-stores-after-a-fault-the-unit-may-stop-at.dmar", DMAR_RELOC_NESTED, false },
	/* PASID 0 0x2000c5: PGTT 011; ECAP 0x0001c80004000005 has NEST */
	{ "R96-nested-translation-request-dirty-needs-both-stages.dmar", DMAR_RELOC_NESTED, false },
	/* PASID 0 0x2002c5: PGTT 011 with SSADE; ECAP 0x0001e80004000000 has NEST */
	{ "R101-nested-fs-update-not-written-when-ss-dirty-fails.dmar", DMAR_RELOC_NESTED, false },
	/* PASID 0 0x2000c5: PGTT 011; ECAP 0x0001c80004000004 has NEST */
	{ "R102-iotlb-answers-whatever-the-last-walk.dmar", DMAR_RELOC_NESTED, false },
};
#define N_UNMOVABLE (sizeof(unmovable) / sizeof(unmovable[0]))

/* the entry of `unmovable` for path, or -1 */
static int unmovable_index(const char *path)
{
	const char *base = strrchr(path, '/');
	unsigned i;

	base = base ? base + 1 : path;
	for (i = 0; i < N_UNMOVABLE; i++)
		if (strcmp(base, unmovable[i].file) == 0)
			return (int)i;
	return -1;
}

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
	int i, rc, u_idx;
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
		rc = dmar_case_relocate(&c, argv[i], OFF, &r, why, sizeof(why));
		u_idx = unmovable_index(argv[i]);
		if (u_idx >= 0) {
			unmovable[u_idx].seen = true;
			if (rc != unmovable[u_idx].reason)
				fprintf(stderr, "%s: relocation gives %d (%s), expected refusal %d\n", argv[i], rc,
					why, unmovable[u_idx].reason);
			CHECK(rc == unmovable[u_idx].reason);
			CHECK(rc == 0 || why[0] != 0);
			if (rc == 0)
				dmar_case_free(&r);
			dmar_case_free(&c);
			continue;
		}
		if (rc) {
			fprintf(stderr, "%s: a movable case was refused (%d): %s\n", argv[i], rc, why);
			CHECK(0);
			dmar_case_free(&c);
			continue;
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
	/* every listed case was among the arguments (the list is not stale) */
	if (argc > 2)
		for (k = 0; k < N_UNMOVABLE; k++) {
			if (!unmovable[k].seen)
				fprintf(stderr, "%s: listed as unmovable but not given\n", unmovable[k].file);
			CHECK(unmovable[k].seen);
		}
	return check_summary();
}
