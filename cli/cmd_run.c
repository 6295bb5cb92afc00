// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz run [--translator NAME] [--json F] [--junit F] CASE|DIR...`:
 * every case through the oracle; each DMA's listed outcomes must be exactly
 * the allowed set, each `check` must hold.  With a translator (a subject
 * under test) each of its answers must lie in the oracle's set; a known
 * deviation of the subject is reported but does not fail the case.  Last
 * line: "N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "dmar/codec.h"
#include "dmar/engine.h"
#include "harness/explain.h"
#include "reports/results.h"
#include "harness/grow.h"
#include "hw-tests/host/qemu_subject.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static char *request_text(const struct dmar_request *rq)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	dmar_explain_request(f, rq);
	fclose(f);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = 0;
	return buf;
}

struct run_ctx {
	struct dmar_case_record *rec;
	const char *file;
	const struct dmar_subject *subject;
};

/* a subject's answer outside the oracle's set: KNOWN (a known deviation of it) or FAIL */
static void print_divergence(const struct run_ctx *x, const struct dmar_event *ev,
			     const struct dmar_event_result *r)
{
	const struct dmar_subject_answer *a = &r->subject;
	char req[96], allowed[256];

	dmar_request_words(&ev->u.dma.rq, req, sizeof(req));
	dmar_outcome_set_format(&r->allowed, allowed, sizeof(allowed));
	printf("%s %s:%u: %s: %s %s; the oracle allows %s%s%s%s\n", a->known ? "KNOWN" : "FAIL", x->file,
	       ev->line, req, x->subject->name, a->note, allowed, a->known ? " [" : "",
	       a->known ? a->known : "", a->known ? "]" : "");
}

static void record_event(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
			 const struct dmar_event_result *r, const struct dmar_trace *t)
{
	const struct run_ctx *x = ctx;
	struct dmar_case_record *rec = x->rec;
	struct dmar_event_record *e;
	char buf[512];

	(void)c;
	(void)t;
	if (r->subject.kind != DMAR_SUBJ_NONE && r->subject.kind != DMAR_SUBJ_SKIP && !r->subject.match)
		print_divergence(x, ev, r);
	if (r->verdict == DMAR_V_NONE)
		return;
	if (rec->n_events == rec->cap_events) {
		void *p = dmar_grow(rec->events, rec->n_events, &rec->cap_events, sizeof(*rec->events), 16);

		if (!p)
			return;
		rec->events = p;
	}
	e = &rec->events[rec->n_events++];
	memset(e, 0, sizeof(*e));
	e->index = r->index;
	e->line = ev->line;
	e->verdict = r->verdict;
	if (ev->kind == DMAR_EV_DMA) {
		e->text = request_text(&ev->u.dma.rq);
		if (ev->u.dma.has_expect) {
			dmar_outcome_set_format(&ev->u.dma.expect, buf, sizeof(buf));
			e->expected = strdup(buf);
		}
		if (!r->oracle_err) {
			dmar_outcome_set_format(&r->allowed, buf, sizeof(buf));
			e->allowed = strdup(buf);
		}
	} else if (ev->kind == DMAR_EV_ATC) {
		char sid[DMAR_SID_TEXT];

		snprintf(buf, sizeof(buf), "atc %s 0x%llx", dmar_sid_format(ev->u.atc.sid, sid),
			 (unsigned long long)ev->u.atc.addr);
		e->text = strdup(buf);
		if (ev->u.atc.has_expect) {
			dmar_outcome_set_format(&ev->u.atc.expect, buf, sizeof(buf));
			e->expected = strdup(buf);
		}
		dmar_outcome_set_format(&r->allowed, buf, sizeof(buf));
		e->allowed = strdup(buf);
	} else {
		snprintf(buf, sizeof(buf), "check 0x%llx 0x%llx",
			 (unsigned long long)ev->u.check.hpa, (unsigned long long)ev->u.check.value);
		e->text = strdup(buf);
	}
	e->why = r->why[0] ? strdup(r->why) : NULL;
}

static struct dmar_case_record *new_record(struct dmar_run_results *res, const char *file)
{
	struct dmar_case_record *rec;

	if (res->n == res->cap) {
		void *p = dmar_grow(res->cases, res->n, &res->cap, sizeof(*res->cases), 64);

		if (!p)
			return NULL;
		res->cases = p;
	}
	rec = &res->cases[res->n++];
	memset(rec, 0, sizeof(*rec));
	rec->file = strdup(file);
	return rec;
}

/* runs one file; returns its status (-1: the subject failed, the run stops) */
struct run_opts {
	int cache_rule;      /* enum dmar_cache_rule, or -1: as the case says */
	uint64_t max_memory; /* bytes */
};

static int run_one(struct dmar_run_results *res, const char *file, const struct dmar_subject *subject,
		   const struct run_opts *opts)
{
	struct dmar_case c;
	struct dmar_error err;
	int unreadable;
	struct dmar_case_summary sum;
	struct dmar_case_record *rec = new_record(res, file);
	struct run_ctx x = { rec, file, subject };
	int rc = -1;
	size_t i;

	if (!rec) {
		fprintf(stderr, "dmarfuzz: out of memory\n");
		return DMAR_CASE_INPUT_ERROR;
	}
	dmar_case_init(&c);
	unreadable = dmar_case_fits(file, opts->max_memory, err.msg, sizeof(err.msg)) ||
		 dmar_case_load(file, &c, &err);
	if (!unreadable && opts->cache_rule >= 0)
		c.cache_rule = (uint8_t)opts->cache_rule; /* --cache-model overrides the case's own line */
	if (unreadable || (rc = dmar_case_execute(&c, file, subject, record_event, &x, NULL, &sum, &err))) {
		dmar_case_free(&c);
		fprintf(stderr, "%s%s\n", rc == DMAR_SUBJECT_FAILED ? "dmarfuzz: run: " : "", err.msg);
		rec->status = DMAR_CASE_INPUT_ERROR;
		rec->error = dup_or_null(err.msg);
		return rc == DMAR_SUBJECT_FAILED ? -1 : rec->status;
	}
	dmar_case_free(&c);
	rec->checks = sum.checks;
	rec->status = sum.failed || sum.errors || sum.subject_diverge > sum.subject_known ? DMAR_CASE_FAIL :
										      DMAR_CASE_PASS;
	if (rec->status == DMAR_CASE_PASS && subject) {
		printf("PASS %s (%u DMAs on %s: %u match, %u known deviations, %u skipped)\n", file,
		       sum.subject_match + sum.subject_diverge + sum.subject_skip, subject->name,
		       sum.subject_match, sum.subject_known, sum.subject_skip);
		return rec->status;
	}
	if (rec->status == DMAR_CASE_PASS) {
		printf("PASS %s (%u checks)\n", file, sum.checks);
		return rec->status;
	}
	for (i = 0; i < rec->n_events; i++) {
		const struct dmar_event_record *e = &rec->events[i];

		if (e->verdict == DMAR_V_FAIL || e->verdict == DMAR_V_ERROR)
			printf("FAIL %s:%u: %s: %s\n", file, e->line, e->text ? e->text : "",
			       e->why ? e->why : "");
	}
	return rec->status;
}

static int usage(void)
{
	fprintf(stderr, "usage: dmarfuzz run [--translator NAME] [--cache-model architecture|observed] "
			"[--max-memory SIZE] [--json FILE] [--junit FILE] CASE|DIR...\n");
	return 2;
}

/* the subjects `--translator` names */
static const struct {
	const char *name;
	int (*open)(struct dmar_subject *s, struct dmar_error *err);
} translators[] = {
	{ "qemu", dmar_qemu_subject_open },
};

static int open_translator(const char *name, struct dmar_subject *s)
{
	struct dmar_error err;
	size_t i;

	for (i = 0; i < sizeof(translators) / sizeof(translators[0]); i++) {
		if (strcmp(name, translators[i].name))
			continue;
		if (!translators[i].open(s, &err))
			return 0;
		fprintf(stderr, "dmarfuzz: run: %s\n", err.msg);
		return -1;
	}
	fprintf(stderr, "dmarfuzz: run: `%s`: no such translator (built in: qemu)\n", name);
	return -1;
}

int dmar_cmd_run(int argc, char **argv)
{
	struct dmar_file_list files = { 0 };
	struct dmar_run_results res = { 0 };
	const char *json = NULL, *junit = NULL, *translator = NULL;
	struct dmar_subject subject, *use = NULL;
	int i, input_errors = 0, status, paths = 0;
	struct run_opts opts = { -1, dmar_default_memory_budget() };
	size_t k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") && i + 1 < argc) {
			json = argv[++i];
		} else if (!strcmp(argv[i], "--junit") && i + 1 < argc) {
			junit = argv[++i];
		} else if (!strcmp(argv[i], "--translator") && i + 1 < argc) {
			translator = argv[++i];
		} else if (!strcmp(argv[i], "--cache-model") && i + 1 < argc) {
			if ((opts.cache_rule = dmar_cache_rule_word("run", argv[++i])) < 0) {
				dmar_file_list_free(&files);
				return 2;
			}
		} else if (!strcmp(argv[i], "--max-memory") && i + 1 < argc) {
			if (dmar_memory_word("run", argv[++i], &opts.max_memory)) {
				dmar_file_list_free(&files);
				return 2;
			}
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "dmarfuzz: run: `%s`: unknown option or missing value\n", argv[i]);
			dmar_file_list_free(&files);
			return usage();
		} else if (++paths, dmar_collect_cases(&files, argv[i])) {
			dmar_file_list_free(&files);
			return 2;
		}
	}
	if (!paths) {
		dmar_file_list_free(&files);
		return usage();
	}
	if (translator) {
		if (open_translator(translator, &subject)) {
			dmar_file_list_free(&files);
			return 2;
		}
		use = &subject;
	}
	for (k = 0; k < files.n; k++) {
		status = run_one(&res, files.paths[k], use, &opts);
		if (status < 0) { /* the subject failed: nothing more can be judged */
			input_errors++;
			res.failed++;
			break;
		}
		input_errors += status == DMAR_CASE_INPUT_ERROR;
		if (status == DMAR_CASE_PASS)
			res.passed++;
		else
			res.failed++;
	}
	if (use)
		use->close(use->ctx);
	dmar_file_list_free(&files);
	if (json && dmar_report_json(&res, json))
		input_errors++;
	if (junit && dmar_report_junit(&res, junit))
		input_errors++;
	printf("%u passed, %u failed\n", res.passed, res.failed);
	status = input_errors ? 2 : res.failed ? 1 : 0;
	dmar_results_free(&res);
	return status;
}

void dmar_results_free(struct dmar_run_results *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		struct dmar_case_record *c = &r->cases[i];

		for (j = 0; j < c->n_events; j++) {
			free(c->events[j].text);
			free(c->events[j].expected);
			free(c->events[j].allowed);
			free(c->events[j].why);
		}
		free(c->events);
		free(c->file);
		free(c->error);
	}
	free(r->cases);
	memset(r, 0, sizeof(*r));
}
