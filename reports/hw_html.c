// SPDX-License-Identifier: Apache-2.0
/*
 * The hardware back-end's report as one self-contained HTML page: the
 * totals, every divergence (known deviations named, new findings with
 * their case text to reproduce them), the skips by reason, and each
 * case's verdicts.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "harness/grow.h"
#include "reports/hw_report.h"
#include "reports/write.h"

static void request(FILE *f, const struct dmar_hw_dma *d)
{
	char sid[DMAR_SID_TEXT];

	fprintf(f, "%s %s 0x%" PRIx64, dmar_sid_format(d->rq.sid, sid), dmar_access_name(d->rq.access), d->rq.addr);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the skip reasons with how many DMAs each */
static void skips(FILE *f, const struct dmar_hw_report *r)
{
	const char **why = NULL;
	size_t n = 0, cap = 0, i, k, run;

	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->cases[i]->n_dmas; k++) {
			if (r->cases[i]->dmas[k].verdict != DMAR_HW_SKIP)
				continue;
			if (n == cap) {
				const char **p = dmar_grow(why, n, &cap, sizeof(*why), 64);

				if (!p) {
					free(why);
					return;
				}
				why = p;
			}
			why[n++] = r->cases[i]->dmas[k].why;
		}
	qsort(why, n, sizeof(*why), cmp_str);
	fputs("<h2>Skipped, by reason</h2>\n<table><tr><th>DMAs</th><th>reason</th></tr>\n", f);
	for (i = 0; i < n; i += run) {
		for (run = 1; i + run < n && !strcmp(why[i], why[i + run]); run++)
			;
		fprintf(f, "<tr><td>%zu</td><td>", run);
		dmar_xml_text(f, why[i]);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	free(why);
}

int dmar_report_hw_html(const struct dmar_hw_report *r, const char *path)
{
	FILE *f = dmar_report_open(path);
	unsigned counts[3] = { 0 }, known = 0;
	size_t i, k;
	char buf[512];

	if (!f)
		return -1;
	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->cases[i]->n_dmas; k++) {
			counts[r->cases[i]->dmas[k].verdict % 3]++;
			known += r->cases[i]->dmas[k].verdict == DMAR_HW_DIVERGE && r->cases[i]->dmas[k].known;
		}
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>dmarfuzz hw replay</title>\n"
	      "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
	      "td,th{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}"
	      ".MATCH{background:#dfd}.DIVERGE{background:#fdd}.SKIP{background:#eee}"
	      "pre{background:#f6f6f6;padding:4px}</style></head><body>\n", f);
	fputs("<h1>dmarfuzz hw replay: QEMU's intel-iommu, driver ", f);
	dmar_xml_text(f, r->driver);
	fprintf(f, "</h1>\n<p>%u DMAs: %u match, %u diverge (%u known QEMU deviations, <b>%u new</b>), %u skip. "
		   "Known deviations are listed in docs/qemu-deviations.md.</p>\n",
		counts[0] + counts[1] + counts[2], counts[DMAR_HW_MATCH], counts[DMAR_HW_DIVERGE], known,
		counts[DMAR_HW_DIVERGE] - known, counts[DMAR_HW_SKIP]);
	fputs("<h2>Divergences</h2>\n<table><tr><th>case</th><th>DMA</th><th>the unit</th>"
	      "<th>the oracle allows</th><th>known deviation</th></tr>\n", f);
	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->cases[i]->n_dmas; k++) {
			const struct dmar_hw_dma *d = &r->cases[i]->dmas[k];

			if (d->verdict != DMAR_HW_DIVERGE)
				continue;
			fputs("<tr class=\"DIVERGE\"><td>", f);
			dmar_xml_text(f, r->cases[i]->file);
			fprintf(f, ":%u</td><td>", d->line);
			request(f, d);
			fputs("</td><td>", f);
			dmar_xml_text(f, d->seen);
			dmar_outcome_set_format(&d->allowed, buf, sizeof(buf));
			fputs("</td><td>", f);
			dmar_xml_text(f, buf);
			fputs("</td><td>", f);
			if (d->known) {
				dmar_xml_text(f, d->known);
			} else {
				fputs("<b>new finding</b>", f);
				if (r->texts[i]) {
					fputs("<pre>", f);
					dmar_xml_text(f, r->texts[i]);
					fputs("</pre>", f);
				}
			}
			fputs("</td></tr>\n", f);
		}
	fputs("</table>\n", f);
	skips(f, r);
	fputs("<h2>Every DMA</h2>\n<table><tr><th>case</th><th>DMA</th><th>verdict</th></tr>\n", f);
	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->cases[i]->n_dmas; k++) {
			const struct dmar_hw_dma *d = &r->cases[i]->dmas[k];

			fprintf(f, "<tr class=\"%s\"><td>", dmar_hw_verdict_name(d->verdict));
			dmar_xml_text(f, r->cases[i]->file);
			fprintf(f, ":%u</td><td>", d->line);
			request(f, d);
			fprintf(f, "</td><td>%s</td></tr>\n", dmar_hw_verdict_name(d->verdict));
		}
	fputs("</table>\n</body></html>\n", f);
	return dmar_report_close(f, path);
}
