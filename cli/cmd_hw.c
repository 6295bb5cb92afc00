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
#include <time.h>
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

/*
 * The progress line, on a terminal only (stderr): cases judged of all,
 * DMAs/s, matches and divergences so far; rewritten in place, cleared at
 * the end.  Cases are judged a QEMU run at a time, so it moves by groups.
 */
struct progress {
	bool on, shown;
	size_t done, total;
	unsigned dmas, match, diverge, group, groups;
	struct timespec start;
};

static void progress_init(struct progress *pr, size_t total, unsigned groups)
{
	memset(pr, 0, sizeof(*pr));
	pr->on = isatty(STDERR_FILENO);
	pr->total = total;
	pr->groups = groups;
	clock_gettime(CLOCK_MONOTONIC, &pr->start);
}

static void progress_show(struct progress *pr)
{
	struct timespec now;
	double s;

	if (!pr || !pr->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	s = (double)(now.tv_sec - pr->start.tv_sec) + (now.tv_nsec - pr->start.tv_nsec) * 1e-9;
	fprintf(stderr, "\r\033[Khw replay: %zu/%zu cases, machine %u/%u, %.0f DMAs/s, %u match, %u diverge",
		pr->done, pr->total, pr->group + 1, pr->groups, s > 0 ? pr->dmas / s : 0.0, pr->match,
		pr->diverge);
	fflush(stderr);
	pr->shown = true;
}

static void progress_case(struct progress *pr, const struct dmar_hw_case *hc)
{
	size_t k;

	if (!pr)
		return;
	pr->done++;
	for (k = 0; k < hc->n_dmas; k++) {
		pr->dmas++;
		pr->match += hc->dmas[k].verdict == DMAR_HW_MATCH;
		pr->diverge += hc->dmas[k].verdict == DMAR_HW_DIVERGE;
	}
	progress_show(pr);
}

/* what erases the line before other output ("" when there is none) */
static const char *progress_clear(struct progress *pr)
{
	if (!pr || !pr->shown)
		return "";
	pr->shown = false;
	return "\r\033[K";
}

/* the unit of group g's machine: one probing boot; -1 with a line on stderr */
static int probe_group(const struct dmar_qemu_machine *m, const struct dmar_qemu_guest *guest, bool verbose,
		       struct dmar_hw_target *t, struct progress *pr)
{
	char err[256], *out;
	bool clean;

	out = dmar_qemu_run(dmar_qemu_image(), m, NULL, QEMU_TIMEOUT, &clean, err, sizeof(err));
	if (!out) {
		fprintf(stderr, "%sdmarfuzz hw: %s\n", progress_clear(pr), err);
		return -1;
	}
	if (dmar_qemu_target(out, t)) {
		fprintf(stderr, "%sdmarfuzz hw: QEMU's machine shows no remapping unit (driver said: %.100s)\n",
			progress_clear(pr), out);
		free(out);
		return -1;
	}
	free(out);
	if (guest)
		dmar_qemu_guest_target(guest, t);
	if (verbose) {
		fputs(progress_clear(pr), stderr);
		printf("machine: CAP 0x%016" PRIx64 " ECAP 0x%016" PRIx64 " VER 0x%x HAW %u\n", t->cap, t->ecap,
		       t->ver, t->haw);
		fflush(stdout);
	}
	return 0;
}

/* the plan: its start, then the words of every case of group g from `first` on */
static int build_plan(struct dmar_words *plan, const struct item *it, size_t n, unsigned g, size_t first,
		      const struct dmar_hw_target *t)
{
	size_t j;

	if (dmar_hw_plan_start(plan, t))
		return -1;
	for (j = first; j < n; j++) {
		if (it[j].group != g)
			continue;
		if (dmar_words_append(plan, &it[j].words))
			return -1;
	}
	return 0;
}

/* one boot with the plan; what the driver printed (malloc'd), NULL with a line on stderr */
static char *boot_plan(const struct dmar_words *plan, const struct dmar_qemu_machine *m,
		       const struct dmar_qemu_guest *guest, bool *clean, struct progress *pr)
{
	char err[256], path[] = "/tmp/dmarfuzz-plan-XXXXXX", *out;
	int fd;

	if ((fd = mkstemp(path)) < 0 || (close(fd), write_plan(path, plan))) {
		fprintf(stderr, "%sdmarfuzz hw: %s: cannot write the plan\n", progress_clear(pr), path);
		if (fd >= 0)
			unlink(path);
		return NULL;
	}
	out = guest ? dmar_qemu_run_linux(guest, m, path, QEMU_TIMEOUT, clean, err, sizeof(err)) :
		      dmar_qemu_run(dmar_qemu_image(), m, path, QEMU_TIMEOUT, clean, err, sizeof(err));
	if (getenv("DMARFUZZ_KEEP_PLAN"))
		fprintf(stderr, "plan kept: %s\n", path);
	if (out && getenv("DMARFUZZ_SHOW_OUTPUT"))
		fprintf(stderr, "%s", out);
	else
		unlink(path);
	if (!out)
		fprintf(stderr, "%sdmarfuzz hw: %s\n", progress_clear(pr), err);
	return out;
}

/* the driver's error lines (a poll that ran out, a store it refused) as notes */
static void driver_errors(const char *out, struct progress *pr)
{
	const char *l;

	for (l = out; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (!strncmp(l, "error ", 6))
			fprintf(stderr, "%snote: the driver said: %.*s\n", progress_clear(pr), (int)strcspn(l, "\n"),
				l);
}

/* an edu device at each source-id group g's DMAs come from (from item `first` on) */
static void add_sids(struct dmar_qemu_machine *m, const struct item *it, size_t n, unsigned g, size_t first)
{
	size_t j, k;

	for (j = first; j < n; j++)
		for (k = 0; it[j].group == g && k < it[j].c.n_events; k++)
			if (it[j].c.events[k].kind == DMAR_EV_DMA &&
			    (it[j].c.events[k].u.dma.rq.sid >> 8) <= DMAR_QEMU_MAX_BUS)
				dmar_qemu_add_sid(m, it[j].c.events[k].u.dma.rq.sid);
}

/* runs one group: every item with group g, restarting after a case where QEMU stopped */
static int run_group(struct item *it, size_t n, unsigned g, bool verbose, bool fit,
		     const struct dmar_qemu_guest *guest, struct progress *pr)
{
	struct dmar_qemu_machine m;
	struct dmar_hw_target t;
	struct dmar_words plan = { 0 };
	size_t i, first, j;
	bool clean;
	char *out;
	int rc = -1;

	for (i = 0; i < n && it[i].group != g; i++)
		;
	m = it[i].m;
	add_sids(&m, it, n, g, i);
	if (probe_group(&m, guest, verbose, &t, pr))
		return -1;
	for (j = i; fit && j < n; j++)
		if (it[j].group == g) {
			fputs(progress_clear(pr), stderr);
			if (dmar_hw_fit_case(&it[j].c, it[j].file, &t, stdout) < 0)
				return -1;
		}
	fflush(stdout);
	/* --fit may have moved requesters to slots the machine has no engine at yet */
	if (fit)
		add_sids(&m, it, n, g, i);
	for (j = i; j < n; j++)
		if (it[j].group == g && dmar_hw_plan_case(&it[j].c, it[j].file, (uint32_t)j, &t, &it[j].words,
							  &it[j].hc))
			return -1;
	for (first = i; first < n;) {
		if (build_plan(&plan, it, n, g, first, &t) || !(out = boot_plan(&plan, &m, guest, &clean, pr)))
			goto done;
		driver_errors(out, pr);
		/* judge every case that ended; after an abort, start again behind the case it hit */
		for (j = first; j < n; j++) {
			char tag[48];

			if (it[j].group != g)
				continue;
			snprintf(tag, sizeof(tag), "case %zu end\n", j);
			dmar_hw_judge(&it[j].hc, out, &it[j].c);
			progress_case(pr, &it[j].hc);
			if (!strstr(out, tag) && !clean) {
				fprintf(stderr, "%snote: QEMU stopped during %s; starting again after it\n",
					progress_clear(pr), it[j].file);
				first = j + 1;
				break;
			}
		}
		free(out);
		if (clean || j == n)
			break;
	}
	rc = 0;
done:
	dmar_words_free(&plan);
	return rc;
}

struct tally {
	unsigned match, diverge, known, skip;
};

static void report(const struct item *it, size_t n, bool verbose, struct tally *t, FILE *expect_out)
{
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
				fprintf(expect_out, "%s:%u %s%s%s\n", it[i].file, d->line, dmar_hw_verdict_name(d->verdict),
					d->known ? " " : "", d->known ? d->known : "");
			if (d->verdict == DMAR_HW_MATCH && !verbose)
				continue;
			if (d->verdict == DMAR_HW_SKIP && !verbose)
				continue;
			dmar_request_words(&d->rq, req, sizeof(req));
			dmar_outcome_set_format(&d->allowed, allowed, sizeof(allowed));
			if (d->verdict == DMAR_HW_SKIP)
				printf("SKIP %s:%u: %s: %s\n", it[i].file, d->line, req, d->why);
			else
				printf("%s %s:%u: %s: QEMU %s; the oracle allows %s%s%s%s\n", dmar_hw_verdict_name(d->verdict),
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

/*
 * Where a case runs: as it is when it fits the driver's pool; else moved by
 * the smallest offset that puts its memory, the entries its walks read and
 * the addresses its DMAs may reach in the pool (harness/relocate.c): a
 * multiple of 4 KiB for the bare-metal pool (of 2 MiB or 1 GiB when its
 * walks map pages that large), of 1 GiB for the Linux guest's.  `--relocate
 * OFF` forces one offset for every case (0: none).
 */
static void place(struct item *it, const uint64_t *forced, const struct dmar_qemu_guest *guest, bool verbose)
{
	uint64_t off, base, end;
	struct dmar_case moved;
	char why[160];

	if (forced) {
		off = *forced;
	} else {
		dmar_qemu_pool(guest, &base, &end);
		if (dmar_case_fit_offset(&it->c, it->file, base, end, guest ? 1ull << 30 : 1ull << 12, &off, why,
					 sizeof(why))) {
			if (verbose)
				printf("%s: stays where it is: %s\n", it->file, why);
			return;
		}
	}
	if (!off)
		return;
	if (dmar_case_relocate(&it->c, it->file, off, &moved, why, sizeof(why))) {
		fprintf(stderr, "note: %s stays where it is: %s\n", it->file, why);
		return;
	}
	dmar_case_free(&it->c);
	it->c = moved;
	if (verbose && !forced)
		printf("%s: relocated by 0x%llx to fit the pool\n", it->file, (unsigned long long)off);
}

static int replay(int argc, char **argv)
{
	struct dmar_file_list files = { 0 };
	struct item *it = NULL;
	struct tally t = { 0 };
	const char *expect = NULL, *save = NULL, *json = NULL, *html = NULL;
	uint64_t relocate = 0;
	bool forced = false;
	struct progress pr;
	struct dmar_qemu_guest guest, *use_guest = NULL;
	bool verbose = false, fit = false;
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
			forced = true;
			if (*end || (relocate & 0x3fffffff)) {
				fprintf(stderr, "dmarfuzz hw replay: `%s`: --relocate takes a multiple of 1 GiB\n",
					argv[a]);
				return 2;
			}
		} else if (!strcmp(argv[a], "-v")) {
			verbose = true;
		} else if (!strcmp(argv[a], "--fit")) {
			fit = true;
		} else {
			fprintf(stderr, "usage: dmarfuzz hw replay --backend qemu [-v] [--expect F] "
					"[--save-expect F] [--json F] [--html F] [--relocate OFFSET] [--fit] [--driver baremetal|linux] CASE|DIR...\n");
			return 2;
		}
	}
	if (a == argc) {
		fprintf(stderr, "dmarfuzz hw replay: name cases or directories\n");
		return 2;
	}
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
		place(&it[n], forced ? &relocate : NULL, use_guest, verbose);
		dmar_qemu_machine_for(&it[n].c, &it[n].m);
		for (j = 0; j < n && !dmar_qemu_machine_same(&it[j].m, &it[n].m); j++)
			;
		it[n].group = j < n ? it[j].group : groups++;
		n++;
	}
	progress_init(&pr, n, groups);
	for (g = 0; g < groups; g++) {
		pr.group = g;
		progress_show(&pr);
		if (run_group(it, n, g, verbose, fit, use_guest, &pr)) {
			fputs(progress_clear(&pr), stderr);
			rc = 2;
			goto done;
		}
	}
	fputs(progress_clear(&pr), stderr);
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
