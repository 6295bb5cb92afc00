// SPDX-License-Identifier: Apache-2.0
/*
 * A finding on stderr: the event that diverged, the case that holds it
 * (canonical text, so that `dmarfuzz run` and `explain` take it as it is),
 * then abort().
 */
#include <stdio.h>
#include <stdlib.h>

#include "dmar/codec.h"
#include "fuzz/report.h"

/* the event in the case's words, as `run` names it */
static void event_words(const struct dmar_event *ev, char *buf, size_t size)
{
	char sid[DMAR_SID_TEXT];

	switch (ev->kind) {
	case DMAR_EV_DMA:
		dmar_request_words(&ev->u.dma.rq, buf, size);
		break;
	case DMAR_EV_CHECK:
		snprintf(buf, size, "check 0x%llx 0x%llx", (unsigned long long)ev->u.check.hpa,
			 (unsigned long long)ev->u.check.value);
		break;
	case DMAR_EV_ATC:
		snprintf(buf, size, "atc %s 0x%llx", dmar_sid_format(ev->u.atc.sid, sid),
			 (unsigned long long)ev->u.atc.addr);
		break;
	default:
		snprintf(buf, size, "event %u", ev->kind);
		break;
	}
}

void dmar_fuzz_event_line(const struct dmar_event *ev, const char *why)
{
	char words[128];

	event_words(ev, words, sizeof(words));
	fprintf(stderr, "FAIL %s:%u: %s: %s\n", DMAR_FUZZ_FILE, ev->line, words, why);
}

_Noreturn void dmar_fuzz_finding(const struct dmar_case *c)
{
	char *text = dmar_case_print(c);

	fprintf(stderr, "--- the case (canonical text; lines as above) ---\n%s--- end of case ---\n",
		text ? text : "(out of memory printing it)\n");
	free(text);
	fflush(stderr);
	abort();
}
