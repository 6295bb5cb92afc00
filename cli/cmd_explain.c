// SPDX-License-Identifier: Apache-2.0
/* `dmarfuzz explain CASE`: the unit, then every DMA walked step by step. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "dmar/codec.h"
#include "dmar/engine.h"
#include "harness/explain.h"

#define TRACE_STEPS 256

static void explain_event(void *ctx, const struct dmar_case *c, const struct dmar_event *ev,
			  const struct dmar_event_result *r, const struct dmar_trace *t)
{
	FILE *f = ctx;

	if (ev->kind == DMAR_EV_DMA) {
		dmar_explain_event(f, c, ev, r, t);
		fputc('\n', f);
	} else if (ev->kind == DMAR_EV_CHECK) {
		fprintf(f, "event %u (line %u): check 0x%llx = 0x%llx  [%s]\n\n", r->index + 1, ev->line,
			(unsigned long long)ev->u.check.hpa, (unsigned long long)ev->u.check.value,
			r->verdict == DMAR_V_PASS ? "PASS" : r->why);
	} else if (ev->kind == DMAR_EV_WRITE) {
		fprintf(f, "event %u (line %u): software writes %u qword(s) at 0x%llx\n\n", r->index + 1,
			ev->line, ev->u.write.n, (unsigned long long)ev->u.write.hpa);
	} else {
		char buf[512];

		fprintf(f, "event %u (line %u): ", r->index + 1, ev->line);
		dmar_event_print(f, ev);
		if (ev->kind == DMAR_EV_ATC) {
			dmar_outcome_set_format(&r->allowed, buf, sizeof(buf));
			fprintf(f, "  the device-TLB may hold: %s", buf);
			if (ev->u.atc.has_expect)
				fprintf(f, "  [%s]", r->verdict == DMAR_V_PASS ? "PASS" : "FAIL");
			fputc('\n', f);
		}
		fputc('\n', f);
	}
}

int dmar_cmd_explain(int argc, char **argv)
{
	struct dmar_case c;
	struct dmar_error err;
	struct dmar_case_summary sum;
	struct dmar_step steps[TRACE_STEPS];
	struct dmar_trace trace = { steps, TRACE_STEPS, 0 };

	int cache_rule = -1;

	if (argc == 4 && !strcmp(argv[1], "--cache-model")) {
		if ((cache_rule = dmar_cache_rule_word("explain", argv[2])) < 0)
			return 2;
		argv += 2;
		argc -= 2;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: dmarfuzz explain [--cache-model architecture|observed] CASE\n");
		return 2;
	}
	if (dmar_case_load(argv[1], &c, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	if (cache_rule >= 0)
		c.cache_rule = (uint8_t)cache_rule;
	printf("case %s\n", argv[1]);
	dmar_explain_unit(stdout, &c);
	printf("\n");
	if (dmar_case_execute(&c, argv[1], NULL, explain_event, stdout, &trace, &sum, &err)) {
		dmar_case_free(&c);
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	dmar_case_free(&c);
	printf("%u checks: %u passed, %u failed%s\n", sum.checks, sum.passed, sum.failed + sum.errors,
	       sum.errors ? " (some outcomes the oracle cannot give yet)" : "");
	return sum.failed || sum.errors ? 1 : 0;
}
