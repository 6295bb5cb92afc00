// SPDX-License-Identifier: Apache-2.0
/* The JSON report of a run: one object per case, one per judged event. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dmar/engine.h"
#include "reports/results.h"
#include "reports/write.h"

static const char *verdict_name(unsigned v)
{
	static const char *const names[] = { "none", "pass", "fail", "error" };

	return v < 4 ? names[v] : "?";
}

static const char *status_name(unsigned s)
{
	static const char *const names[] = { "pass", "fail", "input-error" };

	return s < 3 ? names[s] : "?";
}

static void field(FILE *f, const char *name, const char *value, int comma)
{
	fprintf(f, "\"%s\": ", name);
	dmar_json_string(f, value);
	if (comma)
		fputs(", ", f);
}

static void write_event(FILE *f, const struct dmar_event_record *e)
{
	fprintf(f, "{\"index\": %u, \"line\": %u, \"verdict\": \"%s\", ", e->index + 1, e->line,
		verdict_name(e->verdict));
	field(f, "event", e->text, 1);
	if (e->expected)
		field(f, "expected", e->expected, 1);
	if (e->allowed)
		field(f, "allowed", e->allowed, 1);
	field(f, "why", e->why ? e->why : "", 0);
	fputs("}", f);
}

int dmar_report_json(const struct dmar_run_results *r, const char *path)
{
	FILE *f = dmar_report_open(path);
	size_t i, j;

	if (!f)
		return -1;
	fprintf(f, "{\n  \"tool\": \"dmarfuzz\",\n  \"passed\": %u,\n  \"failed\": %u,\n  \"cases\": [",
		r->passed, r->failed);
	for (i = 0; i < r->n; i++) {
		const struct dmar_case_record *c = &r->cases[i];

		fprintf(f, "%s\n    {", i ? "," : "");
		field(f, "file", c->file, 1);
		fprintf(f, "\"status\": \"%s\", \"checks\": %u, ", status_name(c->status), c->checks);
		if (c->error)
			field(f, "error", c->error, 1);
		fputs("\"events\": [", f);
		for (j = 0; j < c->n_events; j++) {
			fputs(j ? ",\n      " : "\n      ", f);
			write_event(f, &c->events[j]);
		}
		fputs(c->n_events ? "\n    ]}" : "]}", f);
	}
	fputs("\n  ]\n}\n", f);
	return dmar_report_close(f, path);
}
