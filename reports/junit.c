// SPDX-License-Identifier: Apache-2.0
/* JUnit XML: one testsuite, one testcase per case file. */
#include <stdio.h>

#include "dmar/engine.h"
#include "reports/results.h"
#include "reports/write.h"

static void first_failure(FILE *f, const struct dmar_case_record *c)
{
	size_t i;

	if (c->error) {
		fputs("<error message=\"", f);
		dmar_xml_text(f, c->error);
		fputs("\"/>", f);
		return;
	}
	for (i = 0; i < c->n_events; i++) {
		const struct dmar_event_record *e = &c->events[i];

		if (e->verdict != DMAR_V_FAIL && e->verdict != DMAR_V_ERROR)
			continue;
		fprintf(f, "<failure message=\"line %u: ", e->line);
		dmar_xml_text(f, e->why);
		fputs("\">", f);
		dmar_xml_text(f, e->text);
		fputs("</failure>", f);
		return;
	}
}

int dmar_report_junit(const struct dmar_run_results *r, const char *path)
{
	FILE *f = dmar_report_open(path);
	size_t i;

	if (!f)
		return -1;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		   "<testsuites><testsuite name=\"dmarfuzz\" tests=\"%u\" failures=\"%u\">\n",
		r->passed + r->failed, r->failed);
	for (i = 0; i < r->n; i++) {
		const struct dmar_case_record *c = &r->cases[i];

		fputs("  <testcase classname=\"dmarfuzz.run\" name=\"", f);
		dmar_xml_text(f, c->file);
		fputs("\">", f);
		if (c->status != DMAR_CASE_PASS)
			first_failure(f, c);
		fputs("</testcase>\n", f);
	}
	fputs("</testsuite></testsuites>\n", f);
	return dmar_report_close(f, path);
}
