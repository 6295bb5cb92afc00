// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz repro [--translator NAME|PATH.so] FILE` replays a finding (a
 * text case or fuzzer bytes) on its subject and shows where it first parts
 * ways with the oracle: the subject's answer beside the oracle's walk,
 * step by step.  Exit 1 when it reproduces, 0 when the subject agrees with
 * the oracle throughout, 2 on bad input.
 *
 * `dmarfuzz minimize [--translator ...] FILE -o OUT.dmar` shrinks it while
 * the same divergence (the same signature, harness/finding.h) holds, and
 * writes the short case with the oracle's answers as its expectations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "dmar/codec.h"
#include "dmar/engine.h"
#include "harness/explain.h"
#include "harness/finding.h"
#include "harness/minimize.h"

#define MINIMIZE_BUDGET 20000

struct job {
	const char *verb, *file, *out;
	char translator[256];
	struct dmar_case c;
	struct dmar_subject subject;
	void *plugin;
};

/* options, the case and its subject; 0, or the exit status of a usage or input error */
static int setup(struct job *j, int argc, char **argv, bool wants_out)
{
	struct dmar_error err;
	const char *name = NULL;
	bool text;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--translator") && i + 1 < argc)
			name = argv[++i];
		else if (wants_out && !strcmp(argv[i], "-o") && i + 1 < argc)
			j->out = argv[++i];
		else if (argv[i][0] != '-' && !j->file)
			j->file = argv[i];
		else
			j->file = NULL, i = argc + 1;
	}
	if (!j->file || i > argc || (wants_out && !j->out)) {
		fprintf(stderr, "usage: dmarfuzz %s [--translator NAME|PATH.so] FILE%s\n", j->verb,
			wants_out ? " -o OUT.dmar" : "");
		return 2;
	}
	if (name) {
		snprintf(j->translator, sizeof(j->translator), "%s", name);
	} else if (dmar_recorded_translator(j->file, j->translator, sizeof(j->translator))) {
		fprintf(stderr, "dmarfuzz: %s: %s: the file records no translator: name one with --translator\n",
			j->verb, j->file);
		return 2;
	}
	if (dmar_case_read_any(j->file, &j->c, &text, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	if (dmar_subject_open(j->verb, j->translator, &j->subject, &j->plugin)) {
		dmar_case_free(&j->c);
		return 2;
	}
	return 0;
}

static void teardown(struct job *j)
{
	dmar_subject_close(&j->subject, j->plugin);
	dmar_case_free(&j->c);
}

struct show {
	const struct dmar_finding *f;
	FILE *out;
};

/* the diverging event, explained as `explain` does, with the subject's answer beside it */
static void show_event(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		       const struct dmar_event_result *r, const struct dmar_trace *t)
{
	const struct show *s = ctx;

	if (r->index != s->f->event)
		return;
	if (ev->kind == DMAR_EV_DMA)
		dmar_explain_event(s->out, c, ev, r, t);
	fprintf(s->out, "  the translator answers: %s\n", s->f->said);
}

int dmar_cmd_repro(int argc, char **argv)
{
	struct job j = { .verb = "repro" };
	struct dmar_finding f;
	struct dmar_error err;
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
	struct dmar_case_summary sum;
	struct show s = { &f, stdout };
	int rc = setup(&j, argc, argv, false);

	if (rc)
		return rc;
	rc = dmar_find_divergence(&j.c, &j.subject, &f, &err);
	if (rc < 0) {
		fprintf(stderr, "dmarfuzz: repro: %s: %s\n", j.file, err.msg);
		teardown(&j);
		return 2;
	}
	if (rc == 0) {
		printf("does not reproduce: %s agrees with the oracle on every event of %s\n", j.translator, j.file);
		teardown(&j);
		return 0;
	}
	printf("REPRODUCED %s:%u: %s: %s answers %s; the oracle allows %s [signature %s]\n\n", j.file, f.line,
	       f.request, j.translator, f.said, f.allowed, f.signature);
	/* again, to show the oracle's walk of that one event */
	dmar_case_execute(&j.c, j.file, &j.subject, show_event, &s, &trace, &sum, &err);
	teardown(&j);
	return 1;
}

struct same_bug {
	const struct dmar_subject *subject;
	const char *signature;
	uint32_t events; /* events of the last candidate that kept it */
};

static bool shows_same_bug(void *ctx, const struct dmar_case *cand)
{
	struct same_bug *b = ctx;
	struct dmar_finding f;
	struct dmar_error err;

	return dmar_find_divergence(cand, b->subject, &f, &err) == 1 && !strcmp(f.signature, b->signature);
}

int dmar_cmd_minimize(int argc, char **argv)
{
	struct job j = { .verb = "minimize" };
	struct dmar_finding f;
	struct dmar_error err;
	struct dmar_minimize_stats st;
	struct same_bug bug;
	uint32_t events_before, mem_before;
	char *text;
	int rc = setup(&j, argc, argv, true);

	if (rc)
		return rc;
	rc = dmar_find_divergence(&j.c, &j.subject, &f, &err);
	if (rc != 1) {
		if (rc < 0)
			fprintf(stderr, "dmarfuzz: minimize: %s: %s\n", j.file, err.msg);
		else
			fprintf(stderr, "dmarfuzz: minimize: %s: %s agrees with the oracle throughout: nothing to minimize\n",
				j.file, j.translator);
		teardown(&j);
		return 2;
	}
	bug = (struct same_bug){ &j.subject, f.signature, 0 };
	events_before = j.c.n_events;
	mem_before = j.c.n_mem;
	if (dmar_case_minimize(&j.c, shows_same_bug, &bug, MINIMIZE_BUDGET, &st))
		fprintf(stderr, "dmarfuzz: minimize: ran out of memory; writing what it had reached\n");
	/* the finding as the minimized case shows it (its line moved) */
	if (dmar_find_divergence(&j.c, &j.subject, &f, &err) != 1) {
		fprintf(stderr, "dmarfuzz: minimize: %s: the minimized case lost the divergence (a bug of dmarfuzz)\n",
			j.file);
		teardown(&j);
		return 2;
	}
	text = dmar_finding_text(&j.c, &f, j.translator, "minimized");
	rc = !text || dmar_write_new(j.out, text, strlen(text), "minimize") ? 2 : 1;
	if (rc == 1) /* the line as the written file numbers it */
		dmar_finding_line(text, &j.subject, &f);
	if (rc == 1)
		printf("minimized %s: %u events -> %u, %u mem lines -> %u (%u candidates tried%s); %s:%u: %s\n",
		       j.file, events_before, j.c.n_events, mem_before, j.c.n_mem, st.tries,
		       st.cut ? ", budget spent" : "", j.out, f.line, f.request);
	free(text);
	teardown(&j);
	return rc;
}
