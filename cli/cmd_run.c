// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz run [--translator NAME|PATH.so [--isolate] [-v]] [--json F] [--junit F] CASE|DIR...`:
 * every case through the oracle; each DMA's listed outcomes must be exactly
 * the allowed set, each `check` must hold.  With a translator (a subject
 * under test) each of its answers must lie in the oracle's set; a known
 * deviation of the subject is reported but does not fail the case.  Last
 * line: "N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dmar/codec.h"
#include "dmar/engine.h"
#include "harness/explain.h"
#include "reports/results.h"
#include "harness/grow.h"
#include "harness/translator_subject.h"

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
	bool verbose; /* -v: each divergence explained */
};

/* the event a subject answered, in the case's words */
static void event_words(const struct dmar_event *ev, char *buf, size_t size)
{
	if (ev->kind == DMAR_EV_DMA)
		dmar_request_words(&ev->u.dma.rq, buf, size);
	else
		snprintf(buf, size, "check 0x%llx 0x%llx", (unsigned long long)ev->u.check.hpa,
			 (unsigned long long)ev->u.check.value);
}

/*
 * A subject's answer outside the oracle's set, KNOWN (a known deviation of
 * it) or FAIL; the text also goes to the case's record for the reports.
 */
static void print_divergence(const struct run_ctx *x, const struct dmar_event *ev,
			     const struct dmar_event_result *r, char *why, size_t size)
{
	const struct dmar_subject_answer *a = &r->subject;
	char req[96], allowed[256];

	event_words(ev, req, sizeof(req));
	if (ev->kind == DMAR_EV_DMA) {
		dmar_outcome_set_format(&r->allowed, allowed, sizeof(allowed));
		snprintf(why, size, "%s %s; the oracle allows %s%s%s%s", x->subject->name, a->note, allowed,
			 a->known ? " [" : "", a->known ? a->known : "", a->known ? "]" : "");
	} else {
		snprintf(why, size, "%s %s; the case expects 0x%llx", x->subject->name, a->note,
			 (unsigned long long)ev->u.check.value);
	}
	printf("%s %s:%u: %s: %s\n", a->known ? "KNOWN" : "FAIL", x->file, ev->line, req, why);
}

static void record_event(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
			 const struct dmar_event_result *r, const struct dmar_trace *t)
{
	const struct run_ctx *x = ctx;
	struct dmar_case_record *rec = x->rec;
	struct dmar_event_record *e;
	char buf[512];

	char diverged[512] = "";
	uint8_t verdict = r->verdict;

	if (r->subject.kind == DMAR_SUBJ_SKIP && x->verbose) {
		printf("SKIP %s:%u: %s\n", x->file, ev->line, r->subject.note);
	} else if (r->subject.kind == DMAR_SUBJ_ERROR) {
		fprintf(stderr, "dmarfuzz: run: translator %s: %s:%u: %s\n", x->subject->name, x->file, ev->line,
			r->subject.note);
	} else if (r->subject.kind != DMAR_SUBJ_NONE && r->subject.kind != DMAR_SUBJ_SKIP &&
		   !r->subject.match) {
		print_divergence(x, ev, r, diverged, sizeof(diverged));
		if (x->verbose && ev->kind == DMAR_EV_DMA)
			dmar_explain_event(stdout, c, ev, r, t);
		if (!r->subject.known)
			verdict = DMAR_V_FAIL;
	}
	if (verdict == DMAR_V_NONE)
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
	e->verdict = verdict;
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
	e->why = diverged[0] ? strdup(diverged) : r->why[0] ? strdup(r->why) : NULL;
	e->subject = diverged[0] && r->verdict != DMAR_V_FAIL && r->verdict != DMAR_V_ERROR;
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
	bool verbose;        /* -v */
	bool isolate;        /* --isolate: each case in a child process */
};

static int run_one(struct dmar_run_results *res, const char *file, const struct dmar_subject *subject,
		   const struct run_opts *opts)
{
	struct dmar_case c;
	struct dmar_error err;
	int unreadable;
	struct dmar_case_summary sum;
	struct dmar_case_record *rec = new_record(res, file);
	struct run_ctx x = { rec, file, subject, opts->verbose };
	struct dmar_step steps[256];
	struct dmar_trace trace = { steps, 256, 0 };
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
	if (unreadable || (rc = dmar_case_execute(&c, file, subject, record_event, &x,
									    opts->verbose ? &trace : NULL, &sum,
									    &err))) {
		dmar_case_free(&c);
		fprintf(stderr, "%s%s\n", rc == DMAR_SUBJECT_FAILED ? "dmarfuzz: run: " : "", err.msg);
		rec->status = DMAR_CASE_INPUT_ERROR;
		rec->error = dup_or_null(err.msg);
		return rc == DMAR_SUBJECT_FAILED ? -1 : rec->status;
	}
	dmar_case_free(&c);
	rec->checks = sum.checks;
	if (sum.subject_error) { /* said on stderr as it happened */
		rec->status = DMAR_CASE_INPUT_ERROR;
		rec->error = dup_or_null("the translator broke its contract (see the error lines)");
		return rec->status;
	}
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

		if ((e->verdict == DMAR_V_FAIL || e->verdict == DMAR_V_ERROR) && !e->subject) /* said already */
			printf("FAIL %s:%u: %s: %s\n", file, e->line, e->text ? e->text : "",
			       e->why ? e->why : "");
	}
	return rec->status;
}

static int usage(void)
{
	fprintf(stderr, "usage: dmarfuzz run [--translator NAME|PATH.so [--isolate] [-v]] "
			"[--cache-model architecture|observed] [--max-memory SIZE] [--json FILE] [--junit FILE] "
			"CASE|DIR...\n");
	return 2;
}

/*
 * --isolate: the case runs in a child process, so that a translator that
 * crashes is a finding on that case ("crashed at line N") and the run goes
 * on.  The child prints the case's lines; the parent keeps its status (the
 * reports then carry the status and the crash, not each event).
 */
static int run_isolated(struct dmar_run_results *res, const char *file, const struct dmar_subject *subject,
			const struct run_opts *opts, volatile uint32_t *line)
{
	struct dmar_case_record *rec;
	char why[256];
	int st;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	*line = 0;
	pid = fork();
	if (pid == 0) {
		struct dmar_run_results mine = { 0 };
		int status = run_one(&mine, file, subject, opts);

		fflush(stdout);
		_exit(status < 0 ? 3 : status);
	}
	rec = new_record(res, file);
	if (!rec || pid < 0 || waitpid(pid, &st, 0) != pid) {
		fprintf(stderr, "dmarfuzz: run: %s: cannot run the case in a child process\n", file);
		if (rec)
			rec->status = DMAR_CASE_INPUT_ERROR;
		return DMAR_CASE_INPUT_ERROR;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) <= 3) {
		rec->status = WEXITSTATUS(st) == 3 ? DMAR_CASE_INPUT_ERROR : WEXITSTATUS(st);
		return WEXITSTATUS(st) == 3 ? -1 : rec->status;
	}
	if (*line)
		snprintf(why, sizeof(why), "the translator %s crashed (%s) at line %u", subject->name,
			 WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "exit status out of range", *line);
	else
		snprintf(why, sizeof(why), "the translator %s crashed (%s) opening the unit", subject->name,
			 WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "exit status out of range");
	printf("FAIL %s:%u: %s\n", file, *line, why);
	rec->status = DMAR_CASE_FAIL;
	rec->error = dup_or_null(why);
	return DMAR_CASE_FAIL;
}

int dmar_cmd_run(int argc, char **argv)
{
	struct dmar_file_list files = { 0 };
	struct dmar_run_results res = { 0 };
	const char *json = NULL, *junit = NULL, *translator = NULL;
	struct dmar_subject subject, *use = NULL;
	void *plugin = NULL;
	volatile uint32_t *line = NULL;
	int i, input_errors = 0, status, paths = 0;
	struct run_opts opts = { -1, dmar_default_memory_budget(), false, false };
	size_t k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json") && i + 1 < argc) {
			json = argv[++i];
		} else if (!strcmp(argv[i], "--junit") && i + 1 < argc) {
			junit = argv[++i];
		} else if (!strcmp(argv[i], "--translator") && i + 1 < argc) {
			translator = argv[++i];
		} else if (!strcmp(argv[i], "--isolate")) {
			opts.isolate = true;
		} else if (!strcmp(argv[i], "-v")) {
			opts.verbose = true;
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
	if (opts.isolate && (!translator || !strcmp(translator, "qemu"))) {
		fprintf(stderr, "dmarfuzz: run: --isolate runs a translator's cases in child processes: it needs "
				"--translator NAME|PATH.so (not qemu, which runs in its own process already)\n");
		dmar_file_list_free(&files);
		return 2;
	}
	if (translator) {
		if (dmar_subject_open("run", translator, &subject, &plugin)) {
			dmar_file_list_free(&files);
			return 2;
		}
		use = &subject;
	}
	if (opts.isolate) { /* a page the child writes and the parent reads after a crash */
		void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

		if (page == MAP_FAILED) {
			fprintf(stderr, "dmarfuzz: run: --isolate: cannot map a shared page\n");
			dmar_subject_close(use, plugin);
			dmar_file_list_free(&files);
			return 2;
		}
		line = page;
		dmar_translator_subject_watch(use, line);
	}
	for (k = 0; k < files.n; k++) {
		status = line ? run_isolated(&res, files.paths[k], use, &opts, line) :
				run_one(&res, files.paths[k], use, &opts);
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
		dmar_subject_close(use, plugin);
	if (line)
		munmap((void *)line, 4096);
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
