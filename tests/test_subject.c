// SPDX-License-Identifier: Apache-2.0
/*
 * The engine's subject hook: a subject's answers are judged against the
 * oracle's set; one that runs the case on another unit has the oracle asked
 * about that case, and the case's own expectations left alone; a subject
 * that fails stops the case with its message.
 *
 * The case (argument 1) is corpora/examples/format-example.dmar, worked by hand there:
 * the read translates to 0x9000abc, the write faults 5h (the PTE grants R
 * only).  With the PTE granting R and W the write translates too.
 */
#include <string.h>

#include "dmar/codec.h"
#include "dmar/engine.h"
#include "tests/check.h"

struct fake {
	bool lie;                     /* answer the write with a translation */
	const struct dmar_case *other;/* run the case as this one instead */
	bool fail;                    /* refuse to begin */
	unsigned begun, ended, asked;
};

static int begin(void *ctx, const struct dmar_case *c, const char *file, const struct dmar_case **judged,
		 struct dmar_error *err)
{
	struct fake *f = ctx;

	(void)c;
	if (f->fail) {
		snprintf(err->msg, sizeof(err->msg), "%s: the fake subject refuses", file);
		return -1;
	}
	f->begun++;
	if (f->other)
		*judged = f->other;
	return 0;
}

static void dma(void *ctx, uint32_t index, const struct dmar_request *rq, const struct dmar_outcome_set *allowed,
		struct dmar_subject_answer *a)
{
	struct fake *f = ctx;

	(void)index;
	(void)allowed; /* a real subject never looks: it answers from its own walk */
	f->asked++;
	a->kind = DMAR_SUBJ_OUTCOME;
	if (rq->access == DMAR_ACC_READ || f->lie || f->other)
		a->outcome = (struct dmar_outcome){ .kind = DMAR_OUT_OK, .hpa = 0x9000abc };
	else
		a->outcome = (struct dmar_outcome){ .kind = DMAR_OUT_FAULT, .reason = 5 };
}

static void end(void *ctx)
{
	((struct fake *)ctx)->ended++;
}

static void nothing(void *ctx)
{
	(void)ctx;
}

static int run(const struct dmar_case *c, struct fake *f, struct dmar_case_summary *sum, struct dmar_error *err)
{
	struct dmar_subject s = { .name = "fake", .ctx = f, .begin = begin, .dma = dma, .end = end, .close = nothing };

	return dmar_case_execute(c, "subject.dmar", &s, NULL, NULL, NULL, sum, err);
}

int main(int argc, char **argv)
{
	struct dmar_case c, rw;
	struct dmar_error err;
	struct dmar_case_summary sum;
	struct fake honest = { 0 }, liar = { .lie = true }, moved = { 0 }, broken = { .fail = true };

	if (argc != 2) {
		fprintf(stderr, "usage: test_subject corpora/examples/format-example.dmar\n");
		return 2;
	}
	CHECK(dmar_case_load(argv[1], &c, &err) == 0);

	/* answers inside the set: both match, and the case's expectations still hold */
	CHECK(run(&c, &honest, &sum, &err) == 0);
	CHECK_EQ_U64(sum.subject_match, 2);
	CHECK_EQ_U64(sum.subject_diverge, 0);
	CHECK_EQ_U64(sum.passed, 2);
	CHECK_EQ_U64(honest.begun, 1);
	CHECK_EQ_U64(honest.ended, 1);
	CHECK_EQ_U64(honest.asked, 2);

	/* a translation where the unit must fault 5h: one divergence, no known deviation */
	CHECK(run(&c, &liar, &sum, &err) == 0);
	CHECK_EQ_U64(sum.subject_match, 1);
	CHECK_EQ_U64(sum.subject_diverge, 1);
	CHECK_EQ_U64(sum.subject_known, 0);

	/* on a unit whose PTE grants R and W the write translates: the oracle is asked about that
	 * case, and the expectation `fault 0x5` (written for the case's own memory) is not judged */
	CHECK(dmar_case_load(argv[1], &rw, &err) == 0);
	CHECK_EQ_U64(rw.mem[5].hpa, 0x203000);
	rw.mem[5].v[0] = 0x9000003; /* the PTE at 0x203000: R and W */
	moved.other = &rw;
	CHECK(run(&c, &moved, &sum, &err) == 0);
	CHECK_EQ_U64(sum.subject_match, 2);
	CHECK_EQ_U64(sum.subject_diverge, 0);
	CHECK_EQ_U64(sum.checks, 0);
	CHECK_EQ_U64(sum.failed, 0);

	/* a subject that cannot begin stops the case with its own message */
	CHECK(run(&c, &broken, &sum, &err) == DMAR_SUBJECT_FAILED);
	CHECK(strcmp(err.msg, "subject.dmar: the fake subject refuses") == 0);
	CHECK_EQ_U64(broken.asked, 0);

	dmar_case_free(&rw);
	dmar_case_free(&c);
	return check_summary();
}
