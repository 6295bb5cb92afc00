// SPDX-License-Identifier: Apache-2.0
/*
 * Fuzz target: the oracle alone on every decoded case.  A finding is a gap
 * in the oracle, a DMA it found no outcome for (DMAR_ORACLE_NO_OUTCOME).
 * More outcomes than a set holds, or more cached alternatives than it
 * follows, are documented bounds (docs/oracle-semantics.md), not findings;
 * so are the case's own expectations, which are random here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dmar/codec.h"
#include "dmar/engine.h"
#include "fuzz/fuzz.h"
#include "fuzz/report.h"

static void on_event(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
		     const struct dmar_event_result *r, const struct dmar_trace *trace)
{
	(void)ctx;
	(void)trace;
	if (ev->kind == DMAR_EV_DMA && r->verdict == DMAR_V_ERROR && r->oracle_err == DMAR_ORACLE_NO_OUTCOME) {
		dmar_fuzz_event_line(ev, r->why);
		dmar_fuzz_finding(c);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dmar_case c;
	struct dmar_case_summary sum;
	struct dmar_error err;

	if (dmar_case_decode(data, size, &c))
		return 0; /* out of memory: nothing to judge */
	/* -1 (a store into a hole) is an input the engine refuses, not a finding */
	(void)dmar_case_execute(&c, "<input>", NULL, on_event, NULL, NULL, &sum, &err);
	dmar_case_free(&c);
	return 0;
}
