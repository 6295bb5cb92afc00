/* SPDX-License-Identifier: Apache-2.0 */
/* The hardware back-end's judgement of a run, as JSON (reports/hw_json.c) and HTML (reports/hw_html.c). */
#ifndef DMAR_REPORTS_HW_REPORT_H
#define DMAR_REPORTS_HW_REPORT_H

#include <stddef.h>

#include "hw-tests/host/hw.h"

struct dmar_hw_report {
	const char *driver;                    /* "baremetal" or "linux" */
	const struct dmar_hw_case *const *cases;
	const char *const *texts;              /* per case: its re-targeted text, or NULL */
	size_t n;
};
/* 0, or -1 after a one-line error; "-" is standard output */
int dmar_report_hw_json(const struct dmar_hw_report *r, const char *path);
/* the same as one self-contained HTML page */
int dmar_report_hw_html(const struct dmar_hw_report *r, const char *path);

#endif
