// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz hw probe` and `dmarfuzz hw replay --backend qemu CASE|DIR...`:
 * the hardware back-end (hw-tests/README.md).  Replay groups the cases by
 * the QEMU machine they need, asks that machine's unit for its CAP/ECAP,
 * re-targets each case to it, replays the plan in one QEMU run per group
 * (starting again after the case where QEMU stopped), and judges each DMA
 * MATCH, DIVERGE (a known deviation of QEMU, or new) or SKIP.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dmar/codec.h"
#include "harness/relocate.h"
#include "hw-tests/host/hw.h"
#include "harness/explain.h"
#include "reports/hw_report.h"
#include "hw-tests/host/hw_known.h"
#include "hw-tests/host/hw_qemu.h"

/* seconds one QEMU run may take ($DMARFUZZ_QEMU_TIMEOUT overrides) */
static unsigned qemu_timeout(void)
{
	const char *e = getenv("DMARFUZZ_QEMU_TIMEOUT");

	return e && atoi(e) > 0 ? (unsigned)atoi(e) : 600;
}

#define QEMU_TIMEOUT qemu_timeout()

struct item {
	const char *file;
	struct dmar_case c;
	struct dmar_qemu_machine m;
	unsigned group;
	struct dmar_hw_case hc;
	struct dmar_words words;
};

static int write_plan(const char *path, const struct dmar_words *w)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(w->w, sizeof(uint64_t), w->n, f) == w->n;

	if (f && fclose(f))
		ok = 0;
	return ok ? 0 : -1;
}

static void request_words(const struct dmar_request *rq, char *buf, size_t n)
{
	static const char *const acc[] = { "read", "write", "atomic" };

	snprintf(buf, n, "dma %02x:%02x.%x %s 0x%" PRIx64, rq->sid >> 8, (rq->sid >> 3) & 0x1f, rq->sid & 7,
		 acc[rq->access % 3], rq->addr);
}

/* runs one group: every item with group g, restarting after a case where QEMU stopped */
static int run_group(struct item *it, size_t n, unsigned g, bool verbose, const struct dmar_qemu_guest *guest)
{
	struct dmar_qemu_machine m;
	struct dmar_hw_target t;
	struct dmar_words plan = { 0 };
	char err[256], path[] = "/tmp/dmarfuzz-plan-XXXXXX", *out;
	size_t i, first = 0, j;
	bool clean;
	int fd;

	for (i = 0; i < n && it[i].group != g; i++)
		;
	m = it[i].m;
	for (j = i; j < n; j++) {
		if (it[j].group != g)
			continue;
		for (size_t k = 0; k < it[j].c.n_events; k++)
			if (it[j].c.events[k].kind == DMAR_EV_DMA &&
			    (it[j].c.events[k].u.dma.rq.sid >> 8) <= DMAR_QEMU_MAX_BUS)
				dmar_qemu_add_sid(&m, it[j].c.events[k].u.dma.rq.sid);
	}
	out = dmar_qemu_run(dmar_qemu_image(), &m, NULL, QEMU_TIMEOUT, &clean, err, sizeof(err));
	if (!out) {
		fprintf(stderr, "dmarfuzz hw: %s\n", err);
		return -1;
	}
	if (dmar_qemu_target(out, &t)) {
		fprintf(stderr, "dmarfuzz hw: QEMU's machine shows no remapping unit (driver said: %.100s)\n", out);
		free(out);
		return -1;
	}
	free(out);
	if (guest)
		dmar_qemu_guest_target(guest, &t);
	if (verbose)
		printf("machine: CAP 0x%016" PRIx64 " ECAP 0x%016" PRIx64 " VER 0x%x HAW %u\n", t.cap, t.ecap,
		       t.ver, t.haw);
	for (j = i; j < n; j++)
		if (it[j].group == g && dmar_hw_plan_case(&it[j].c, it[j].file, (uint32_t)j, &t, &it[j].words,
							  &it[j].hc))
			return -1;
	for (first = i; first < n;) {
		if (dmar_hw_plan_start(&plan, &t))
			return -1;
		for (j = first; j < n; j++) {
			if (it[j].group != g)
				continue;
			if (plan.n + it[j].words.n > plan.cap) {
				size_t cap = plan.n + it[j].words.n + 1024;
				uint64_t *w = realloc(plan.w, cap * sizeof(*w));

				if (!w)
					return -1;
				plan.w = w;
				plan.cap = cap;
			}
			memcpy(plan.w + plan.n, it[j].words.w, it[j].words.n * sizeof(uint64_t));
			plan.n += it[j].words.n;
		}
		if ((fd = mkstemp(path)) < 0 || (close(fd), write_plan(path, &plan))) {
			fprintf(stderr, "dmarfuzz hw: %s: cannot write the plan\n", path);
			return -1;
		}
		out = guest ? dmar_qemu_run_linux(guest, &m, path, QEMU_TIMEOUT, &clean, err, sizeof(err)) :
			      dmar_qemu_run(dmar_qemu_image(), &m, path, QEMU_TIMEOUT, &clean, err, sizeof(err));
		if (getenv("DMARFUZZ_KEEP_PLAN"))
			fprintf(stderr, "plan kept: %s\n", path);
		if (out && getenv("DMARFUZZ_SHOW_OUTPUT"))
			fprintf(stderr, "%s", out);
		else
			unlink(path);
		strcpy(path, "/tmp/dmarfuzz-plan-XXXXXX");
		if (!out) {
			fprintf(stderr, "dmarfuzz hw: %s\n", err);
			return -1;
		}
		/* judge every case that ended; after an abort, start again behind the case it hit */
		for (j = first; j < n; j++) {
			char tag[48];

			if (it[j].group != g)
				continue;
			snprintf(tag, sizeof(tag), "case %zu end\n", j);
			dmar_hw_judge(&it[j].hc, out, &it[j].c);
			if (!strstr(out, tag) && !clean) {
				fprintf(stderr, "note: QEMU stopped during %s; starting again after it\n",
					it[j].file);
				first = j + 1;
				break;
			}
		}
		free(out);
		if (clean || j == n)
			break;
	}
	dmar_words_free(&plan);
	return 0;
}

struct tally {
	unsigned match, diverge, known, skip;
};

static void report(const struct item *it, size_t n, bool verbose, struct tally *t, FILE *expect_out)
{
	static const char *const name[] = { "MATCH", "DIVERGE", "SKIP" };
	size_t i, k;
	char req[96];

	for (i = 0; i < n; i++) {
		for (k = 0; k < it[i].hc.n_dmas; k++) {
			const struct dmar_hw_dma *d = &it[i].hc.dmas[k];
			char allowed[256];

			t->match += d->verdict == DMAR_HW_MATCH;
			t->diverge += d->verdict == DMAR_HW_DIVERGE;
			t->known += d->verdict == DMAR_HW_DIVERGE && d->known;
			t->skip += d->verdict == DMAR_HW_SKIP;
			if (expect_out)
				fprintf(expect_out, "%s:%u %s%s%s\n", it[i].file, d->line, name[d->verdict],
					d->known ? " " : "", d->known ? d->known : "");
			if (d->verdict == DMAR_HW_MATCH && !verbose)
				continue;
			if (d->verdict == DMAR_HW_SKIP && !verbose)
				continue;
			request_words(&d->rq, req, sizeof(req));
			dmar_outcome_set_format(&d->allowed, allowed, sizeof(allowed));
			if (d->verdict == DMAR_HW_SKIP)
				printf("SKIP %s:%u: %s: %s\n", it[i].file, d->line, req, d->why);
			else
				printf("%s %s:%u: %s: QEMU %s; the oracle allows %s%s%s%s\n", name[d->verdict],
				       it[i].file, d->line, req, d->seen, allowed, d->known ? " [known: " : "",
				       d->known ? d->known : "", d->known ? "]" : "");
		}
	}
}

/* prints each line of `from` that `in` lacks, with `what`; returns how many */
static unsigned lines_missing(const char *path, const char *from, const char *in, const char *what)
{
	char line[512];
	const char *l;
	unsigned n = 0;

	for (l = from; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] ? 1 : 0)) {
		size_t len = strcspn(l, "\n");

		snprintf(line, sizeof(line), "%.*s\n", (int)len, l);
		if (!strstr(in, line)) {
			printf("EXPECTATION %s: `%.*s` %s\n", path, (int)len, l, what);
			n++;
		}
	}
	return n;
}

/* the expectation file: one `FILE:LINE VERDICT [KNOWN]` line per DMA, compared both ways */
static int compare_expectations(const char *path, const char *now)
{
	FILE *f = fopen(path, "r");
	char line[512], *want = NULL;
	size_t want_len = 0;
	unsigned diffs;
	FILE *w = open_memstream(&want, &want_len);

	if (!f || !w) {
		fprintf(stderr, "%s: cannot read the expectation file\n", path);
		if (f)
			fclose(f);
		if (w)
			fclose(w);
		free(want);
		return -1;
	}
	while (fgets(line, sizeof(line), f))
		if (line[0] != '#' && line[0] != '\n')
			fputs(line, w);
	fclose(f);
	fclose(w);
	/* every expected line still holds, and every line now was expected */
	diffs = lines_missing(path, want, now, "no longer holds") + lines_missing(path, now, want, "is new");
	free(want);
	return (int)diffs;
}

/* the JSON and HTML reports, with the re-targeted text of every case that holds a new finding */
static int write_reports(const struct item *it, size_t n, const char *driver, const char *json,
			 const char *html)
{
	const struct dmar_hw_case **cases = calloc(n ? n : 1, sizeof(*cases));
	char **texts = calloc(n ? n : 1, sizeof(*texts));
	struct dmar_hw_report r = { driver, (const struct dmar_hw_case *const *)cases,
				    (const char *const *)texts, n };
	size_t i, k;
	int rc = -1;

	if (cases && texts) {
		for (i = 0; i < n; i++) {
			bool fresh = false;

			cases[i] = &it[i].hc;
			for (k = 0; k < it[i].hc.n_dmas; k++)
				fresh |= it[i].hc.dmas[k].verdict == DMAR_HW_DIVERGE && !it[i].hc.dmas[k].known;
			if (fresh) {
				struct dmar_case c = it[i].c;

				/* the unit it ran on, so that explain shows the oracle's side */
				c.cap = it[i].hc.cap;
				c.ecap = it[i].hc.ecap;
				c.ver = it[i].hc.ver;
				c.haw = it[i].hc.haw;
				c.ver_said = c.haw_said = true;
				texts[i] = dmar_case_print(&c);
			}
		}
		rc = (json && dmar_report_hw_json(&r, json)) || (html && dmar_report_hw_html(&r, html)) ? -1 : 0;
	}
	for (i = 0; texts && i < n; i++)
		free(texts[i]);
	free(texts);
	free(cases);
	return rc;
}

static int replay(int argc, char **argv)
{
	struct dmar_file_list files = { 0 };
	struct item *it = NULL;
	struct tally t = { 0 };
	const char *expect = NULL, *save = NULL, *json = NULL, *html = NULL;
	unsigned long long relocate = 0;
	struct dmar_qemu_guest guest, *use_guest = NULL;
	bool verbose = false;
	unsigned groups = 0, g;
	size_t i, j, n = 0;
	int a, rc = 0, diffs = 0;
	char *now = NULL;
	size_t now_len = 0;
	FILE *mem;

	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		if (!strcmp(argv[a], "--backend") && a + 1 < argc) {
			if (strcmp(argv[++a], "qemu")) {
				fprintf(stderr, "dmarfuzz hw replay: `%s`: backends: qemu (host comes later)\n",
					argv[a]);
				return 2;
			}
		} else if (!strcmp(argv[a], "--expect") && a + 1 < argc) {
			expect = argv[++a];
		} else if (!strcmp(argv[a], "--json") && a + 1 < argc) {
			json = argv[++a];
		} else if (!strcmp(argv[a], "--html") && a + 1 < argc) {
			html = argv[++a];
		} else if (!strcmp(argv[a], "--save-expect") && a + 1 < argc) {
			save = argv[++a];
		} else if (!strcmp(argv[a], "--driver") && a + 1 < argc) {
			char err[256];

			a++;
			if (!strcmp(argv[a], "linux")) {
				if (!dmar_qemu_guest_find(&guest, err, sizeof(err))) {
					fprintf(stderr, "dmarfuzz hw replay: %s\n", err);
					return 2;
				}
				use_guest = &guest;
			} else if (strcmp(argv[a], "baremetal")) {
				fprintf(stderr, "dmarfuzz hw replay: `%s`: drivers: baremetal, linux\n", argv[a]);
				return 2;
			}
		} else if (!strcmp(argv[a], "--relocate") && a + 1 < argc) {
			char *end;

			relocate = strtoull(argv[++a], &end, 0);
			if (*end || (relocate & 0x3fffffff)) {
				fprintf(stderr, "dmarfuzz hw replay: `%s`: --relocate takes a multiple of 1 GiB\n",
					argv[a]);
				return 2;
			}
		} else if (!strcmp(argv[a], "-v")) {
			verbose = true;
		} else {
			fprintf(stderr, "usage: dmarfuzz hw replay --backend qemu [-v] [--expect F] "
					"[--save-expect F] [--json F] [--html F] [--relocate OFFSET] [--driver baremetal|linux] CASE|DIR...\n");
			return 2;
		}
	}
	if (a == argc) {
		fprintf(stderr, "dmarfuzz hw replay: name cases or directories\n");
		return 2;
	}
	/* the Linux driver's pool is memory the guest kernel keeps free from 1 GiB up */
	if (use_guest && !relocate)
		relocate = use_guest->pool;
	for (; a < argc; a++)
		if (dmar_collect_cases(&files, argv[a]))
			return 2;
	it = calloc(files.n ? files.n : 1, sizeof(*it));
	if (!it)
		return 2;
	for (i = 0; i < files.n; i++) {
		struct dmar_error err;

		if (dmar_case_load(files.paths[i], &it[n].c, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			rc = 2;
			goto done;
		}
		it[n].file = files.paths[i];
		if (relocate) {
			struct dmar_case moved;
			char why[160];

			if (dmar_case_relocate(&it[n].c, it[n].file, relocate, &moved, why, sizeof(why))) {
				fprintf(stderr, "note: %s stays where it is: %s\n", it[n].file, why);
			} else {
				dmar_case_free(&it[n].c);
				it[n].c = moved;
			}
		}
		dmar_qemu_machine_for(&it[n].c, &it[n].m);
		for (j = 0; j < n && !dmar_qemu_machine_same(&it[j].m, &it[n].m); j++)
			;
		it[n].group = j < n ? it[j].group : groups++;
		n++;
	}
	for (g = 0; g < groups; g++)
		if (run_group(it, n, g, verbose, use_guest)) {
			rc = 2;
			goto done;
		}
	mem = open_memstream(&now, &now_len);
	report(it, n, verbose, &t, mem);
	fclose(mem);
	if (save) {
		FILE *f = fopen(save, "w");

		if (!f || fputs("# dmarfuzz hw replay --backend qemu: one line per DMA (FILE:LINE VERDICT [KNOWN])\n", f) < 0 ||
		    fputs(now, f) < 0 || fclose(f)) {
			fprintf(stderr, "%s: cannot write the expectation file\n", save);
			rc = 2;
			goto done;
		}
	}
	if ((json || html) && write_reports(it, n, use_guest ? "linux" : "baremetal", json, html)) {
		rc = 2;
		goto done;
	}
	if (expect && (diffs = compare_expectations(expect, now)) < 0) {
		rc = 2;
		goto done;
	}
	printf("%u DMAs: %u match, %u diverge (%u known QEMU deviations, %u new), %u skip%s\n",
	       t.match + t.diverge + t.skip, t.match, t.diverge, t.known, t.diverge - t.known, t.skip,
	       expect ? (diffs ? "; expectations differ" : "; as expected") : "");
	rc = (t.diverge > t.known || diffs) ? 1 : 0;
done:
	for (i = 0; i < n; i++) {
		dmar_hw_case_free(&it[i].hc);
		dmar_words_free(&it[i].words);
		dmar_case_free(&it[i].c);
	}
	free(it);
	free(now);
	dmar_file_list_free(&files);
	return rc;
}

int dmar_cmd_hw(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "replay"))
		return replay(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "probe"))
		return dmar_cmd_hw_probe(argc - 1, argv + 1);
	fprintf(stderr, "usage: dmarfuzz hw probe [--dmar ACPI-TABLE] | dmarfuzz hw replay --backend qemu "
			"[--expect F] CASE|DIR...\n");
	return 2;
}
