// SPDX-License-Identifier: Apache-2.0
/*
 * Fuzz target: the text parser on arbitrary bytes.  It must never crash
 * (the sanitizers watch), and whatever it accepts must round-trip through
 * the canonical printer: print, parse again, the two cases equal and the
 * second print the same text as the first (docs/case-format.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "fuzz/fuzz.h"
#include "fuzz/report.h"

static _Noreturn void broken(const char *what, const char *first, const char *second)
{
	fprintf(stderr, "FAIL %s: the canonical text does not round-trip: %s\n", DMAR_FUZZ_FILE, what);
	fprintf(stderr, "--- first print ---\n%s--- second ---\n%s--- end ---\n", first,
		second ? second : "(none)\n");
	fflush(stderr);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dmar_case a, b;
	struct dmar_error err;
	char *first, *second;

	if (dmar_case_parse((const char *)data, size, DMAR_FUZZ_FILE, &a, &err))
		return 0; /* refused, with a message: that is the parser's job */
	first = dmar_case_print(&a);
	if (!first) { /* out of memory: nothing to judge */
		dmar_case_free(&a);
		return 0;
	}
	if (dmar_case_parse(first, strlen(first), "<print>", &b, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		broken("the parser refuses it", first, NULL);
	}
	if (!dmar_case_equal(&a, &b))
		broken("parsed again, it is another case", first, NULL);
	second = dmar_case_print(&b);
	if (second && strcmp(first, second))
		broken("printed again, it is another text", first, second);
	free(second);
	free(first);
	dmar_case_free(&b);
	dmar_case_free(&a);
	return 0;
}
