/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Findings: where a subject under test first parts ways with the oracle on
 * a case, a signature that says which bug it is (so a campaign keeps one
 * case per bug), and the case rewritten so that its text says it: every
 * expectation set to the oracle's answer, so that `run` passes on the
 * oracle and fails, for the subject, at the line of the divergence.
 */
#ifndef DMAR_HARNESS_FINDING_H
#define DMAR_HARNESS_FINDING_H

#include "dmar/codec.h"
#include "dmar/engine.h"

struct dmar_finding {
	uint32_t event;      /* index of the first event the subject got wrong */
	uint32_t line;       /* its line in the case's canonical text */
	uint8_t kind;        /* enum dmar_event_kind: a DMA, or a check on the subject's memory */
	uint8_t subject_kind;/* enum dmar_subject_kind of the answer (ERROR: it broke the ABI) */
	uint16_t check;      /* DMA: the check that decided the oracle's fresh walk (enum dmar_check_id) */
	char said[112];      /* what the subject answered, in outcome words */
	char allowed[256];   /* what the oracle allows (a check: the value the case expects) */
	char request[96];    /* the event in short ("dma 00:02.0 read 0x1000") */
	char signature[17];  /* 16 hex digits: the same bug gives the same signature */
};

/*
 * Runs c on the subject, judged against the oracle alone: the case's own
 * `=>` expectations and check values do not count (the oracle's answers
 * and memory take their place).  1 with *f filled when the subject parts
 * ways, 0 when it never does, -1 with err when the case cannot run.
 */
int dmar_find_divergence(const struct dmar_case *c, const struct dmar_subject *subject,
			 struct dmar_finding *f, struct dmar_error *err);

/*
 * Sets every DMA's and atc query's expectation to the oracle's set and
 * every check's value to what memory holds, so that the case passes `run`
 * on the oracle alone.  0, or -1 with err.
 */
int dmar_case_expect_oracle(struct dmar_case *c, struct dmar_error *err);

#endif
