/* SPDX-License-Identifier: Apache-2.0 */
/* Human-readable rendering of units, requests, traces (explain). */
#ifndef DMAR_REPORT_H
#define DMAR_REPORT_H

#include <stdio.h>

#include "dmar/case.h"
#include "dmar/engine.h"
#include "dmar/hw.h"

void dmar_explain_unit(FILE *f, const struct dmar_case *c);
void dmar_explain_request(FILE *f, const struct dmar_request *rq);
/* cache (may be NULL) says which invalidations a stale copy outlived; addr is the request's */
void dmar_explain_trace(FILE *f, const struct dmar_trace *t, const struct dmar_case *c,
			const struct dmar_cache_model *cache, uint64_t addr);
/* one DMA event of case c: request, walk, allowed set, verdict */
void dmar_explain_event(FILE *f, const struct dmar_case *c, const struct dmar_event *ev,
			const struct dmar_event_result *r, const struct dmar_trace *t);

/* the hardware back-end's judgement of a run (reports/hw_json.c) */
struct dmar_hw_report {
	const char *driver;                    /* "baremetal" or "linux" */
	const struct dmar_hw_case *const *cases;
	const char *const *texts;              /* per case: its re-targeted text, or NULL */
	size_t n;
};
/* 0, or -1 after a one-line error; "-" is standard output */
int dmar_report_hw_json(const struct dmar_hw_report *r, const char *path);
/* the same as one self-contained HTML page (reports/hw_html.c) */
int dmar_report_hw_html(const struct dmar_hw_report *r, const char *path);

#endif
