/* SPDX-License-Identifier: Apache-2.0 */
/* What a `run` found, kept for the report writers (reports/). */
#ifndef DMAR_RESULTS_H
#define DMAR_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum dmar_case_status { DMAR_CASE_PASS, DMAR_CASE_FAIL, DMAR_CASE_INPUT_ERROR };

struct dmar_event_record {
	uint32_t index, line;
	uint8_t verdict;  /* enum dmar_verdict */
	char *text;       /* the event as the case writes it (DMA: request) */
	char *expected;   /* DMA with `=>`: the listed outcomes */
	char *allowed;    /* DMA: the oracle's answer */
	char *why;        /* FAIL/ERROR */
	bool subject;     /* FAIL: the subject under test diverged (why: its answer and the allowed set) */
};

struct dmar_case_record {
	char *file;
	uint8_t status; /* enum dmar_case_status */
	char *error;    /* INPUT_ERROR: the one-line message */
	uint32_t checks;
	struct dmar_event_record *events;
	size_t n_events, cap_events;
};

struct dmar_run_results {
	struct dmar_case_record *cases;
	size_t n, cap;
	uint32_t passed, failed;
};

void dmar_results_free(struct dmar_run_results *r);

/* 0, or -1 after printing a one-line error naming the file */
int dmar_report_json(const struct dmar_run_results *r, const char *path);
int dmar_report_junit(const struct dmar_run_results *r, const char *path);

#endif
