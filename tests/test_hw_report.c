// SPDX-License-Identifier: Apache-2.0
/*
 * The hardware report: a new finding carries its case text, a known
 * deviation its id, a skip its reason; the counts add up.  Built from
 * hand-made judgements (no QEMU needed).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "reports/hw_report.h"

/* writes the report to path and reads it back into buf */
static void report(const struct dmar_hw_report *r, const char *path, char *buf, size_t size)
{
	FILE *f;
	size_t n;

	CHECK(dmar_report_hw_json(r, path) == 0);
	f = fopen(path, "r");
	n = f ? fread(buf, 1, size - 1, f) : 0;
	buf[n] = 0;
	if (f)
		fclose(f);
	unlink(path);
}

int main(void)
{
	struct dmar_hw_dma dmas[3];
	struct dmar_hw_case hc = { .file = "x.dmar", .dmas = dmas, .n_dmas = 3 };
	const struct dmar_hw_case *cases[1] = { &hc };
	const char *texts[1] = { "dmar-case 1\ncap 0x1\n" };
	struct dmar_hw_report r = { "baremetal", cases, texts, 1 };
	char path[] = "/tmp/dmarfuzz-test-report-XXXXXX", buf[8192];
	int fd = mkstemp(path);

	memset(dmas, 0, sizeof(dmas));
	dmas[0] = (struct dmar_hw_dma){ .line = 5, .verdict = DMAR_HW_MATCH, .seen = "ok 0x9000abc" };
	dmas[1] = (struct dmar_hw_dma){ .line = 6, .verdict = DMAR_HW_DIVERGE, .seen = "fault 0x6",
					 .known = NULL };
	dmas[2] = (struct dmar_hw_dma){ .line = 7, .verdict = DMAR_HW_SKIP, .why = "atomics" };
	CHECK(fd >= 0);
	close(fd);
	report(&r, path, buf, sizeof(buf));
	CHECK(strstr(buf, "\"line\": 6, \"verdict\": \"DIVERGE\"") != NULL);
	CHECK(strstr(buf, "\"known\": null, \"case\": \"dmar-case 1\\u000acap 0x1\\u000a\"") != NULL);
	CHECK(strstr(buf, "\"why\": \"atomics\"") != NULL);
	CHECK(strstr(buf, "\"match\": 1, \"diverge\": 1, \"known\": 0, \"new\": 1, \"skip\": 1") != NULL);
	/* the HTML page: the new finding with its case to reproduce it, the skip reasons counted */
	CHECK(dmar_report_hw_html(&r, path) == 0);
	{
		FILE *h = fopen(path, "r");
		size_t got = h ? fread(buf, 1, sizeof(buf) - 1, h) : 0;

		buf[got] = 0;
		if (h)
			fclose(h);
		unlink(path);
	}
	CHECK(strstr(buf, "<b>new finding</b><pre>dmar-case 1\ncap 0x1\n</pre>") != NULL);
	CHECK(strstr(buf, "<tr><td>1</td><td>atomics</td></tr>") != NULL);
	CHECK(strstr(buf, "3 DMAs: 1 match, 1 diverge (0 known QEMU deviations, <b>1 new</b>), 1 skip") != NULL);
	/* a known deviation names itself and carries no case */
	dmas[1].known = "qemu72-x";
	report(&r, path, buf, sizeof(buf));
	CHECK(strstr(buf, "\"known\": \"qemu72-x\"}") != NULL && !strstr(buf, "\"case\""));
	return check_summary();
}
