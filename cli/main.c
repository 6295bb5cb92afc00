// SPDX-License-Identifier: Apache-2.0
/* dmarfuzz: the command (README.md, "Using it"; cases: docs/case-format.md). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
	const char *verb;
	int (*fn)(int argc, char **argv);
	const char *what;
} verbs[] = {
	{ "run", dmar_cmd_run, "run cases through the oracle and check their expectations" },
	{ "explain", dmar_cmd_explain, "show each DMA's walk step by step" },
	{ "fmt", dmar_cmd_fmt, "print cases in canonical form (-i: rewrite them, --check: list the others)" },
	{ "fuzz", dmar_cmd_fuzz, "run a fuzzing campaign (libFuzzer or AFL++) and save each distinct finding" },
	{ "repro", dmar_cmd_repro, "replay a finding on its translator and show where it parts from the oracle" },
	{ "minimize", dmar_cmd_minimize, "shrink a finding to a short case that shows the same divergence" },
	{ "encode", dmar_cmd_encode, "a text case to the fuzzers' binary encoding (-o BIN)" },
	{ "decode", dmar_cmd_decode, "fuzzer bytes to the canonical text of their case (-o CASE)" },
	{ "translators", dmar_cmd_translators, "list the built-in translators (subjects for run --translator)" },
	{ "hw", dmar_cmd_hw, "the hardware back-end: replay cases on QEMU's remapping unit" },
};

static int usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: dmarfuzz VERB ...\n");
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(f, "  %-11s %s\n", verbs[i].verb, verbs[i].what);
	return f == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))
		return usage(stdout);
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (!strcmp(argv[1], verbs[i].verb))
			return verbs[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "dmarfuzz: `%s`: unknown verb (this version has:", argv[1]);
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(stderr, "%s %s", i ? "," : "", verbs[i].verb);
	fprintf(stderr, ")\n");
	return 2;
}
