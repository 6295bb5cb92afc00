// SPDX-License-Identifier: Apache-2.0
/*
 * The hardware back-end's report as JSON: every DMA with its verdict
 * (MATCH, DIVERGE, SKIP), what the unit did, what the oracle allows, the
 * known deviation that explains a divergence, and, for each new finding,
 * the case as text (re-targeted to the unit, so `dmarfuzz explain` shows
 * the oracle's side of it).
 */
#include <inttypes.h>
#include <stdio.h>

#include "dmar/codec.h"
#include "reports/hw_report.h"
#include "reports/write.h"

int dmar_report_hw_json(const struct dmar_hw_report *r, const char *path)
{
	FILE *f = dmar_report_open(path);
	unsigned counts[3] = { 0 }, known = 0;
	size_t i, k;
	bool first = true;
	char buf[512], sid[DMAR_SID_TEXT];

	if (!f)
		return -1;
	fprintf(f, "{\n  \"backend\": \"qemu\",\n  \"driver\": ");
	dmar_json_string(f, r->driver);
	fprintf(f, ",\n  \"dmas\": [");
	for (i = 0; i < r->n; i++) {
		const struct dmar_hw_case *hc = r->cases[i];

		for (k = 0; k < hc->n_dmas; k++) {
			const struct dmar_hw_dma *d = &hc->dmas[k];

			counts[d->verdict % 3]++;
			known += d->verdict == DMAR_HW_DIVERGE && d->known;
			fprintf(f, "%s\n    {\"file\": ", first ? "" : ",");
			first = false;
			dmar_json_string(f, hc->file);
			fprintf(f, ", \"line\": %u, \"verdict\": \"%s\", \"sid\": \"%s\", \"access\": %u, "
				   "\"address\": \"0x%" PRIx64 "\"",
				d->line, dmar_hw_verdict_name(d->verdict), dmar_sid_format(d->rq.sid, sid),
				d->rq.access, d->rq.addr);
			if (d->verdict == DMAR_HW_SKIP) {
				fprintf(f, ", \"why\": ");
				dmar_json_string(f, d->why);
			} else {
				dmar_outcome_set_format(&d->allowed, buf, sizeof(buf));
				fprintf(f, ", \"unit\": ");
				dmar_json_string(f, d->seen);
				fprintf(f, ", \"allowed\": ");
				dmar_json_string(f, buf);
			}
			if (d->verdict == DMAR_HW_DIVERGE) {
				fprintf(f, ", \"known\": ");
				if (d->known)
					dmar_json_string(f, d->known);
				else
					fputs("null", f);
				if (!d->known && r->texts[i]) {
					fprintf(f, ", \"case\": ");
					dmar_json_string(f, r->texts[i]);
				}
			}
			fputc('}', f);
		}
	}
	fprintf(f, "\n  ],\n  \"match\": %u, \"diverge\": %u, \"known\": %u, \"new\": %u, \"skip\": %u\n}\n",
		counts[DMAR_HW_MATCH], counts[DMAR_HW_DIVERGE], known, counts[DMAR_HW_DIVERGE] - known,
		counts[DMAR_HW_SKIP]);
	return dmar_report_close(f, path);
}
