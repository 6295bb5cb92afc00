// SPDX-License-Identifier: Apache-2.0
/*
 * A plain driver for a fuzz target, with no fuzzing engine: runs
 * LLVMFuzzerTestOneInput once on every file named (directories walked,
 * their files sorted), so any compiler and ctest can replay seeds and
 * crashes.  Every target defines LLVMFuzzerInitialize (fuzz/fuzz.h), called
 * first as the engines call it.  One line per input, before it runs (so
 * the last line names the input of a finding); a finding aborts, as under
 * the engines; the last line is "N inputs, 0 findings".
 *   fuzz_TARGET_replay FILE|DIR...   exit 0; 2 on a usage or read error
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz/files.h"
#include "fuzz/fuzz.h"

static int usage(void)
{
	fprintf(stderr, "usage: fuzz_TARGET_replay FILE|DIR...\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct dmar_fuzz_files files = { 0 };
	uint8_t *data;
	size_t size, i;
	int a;

	if (argc < 2)
		return usage();
	for (a = 1; a < argc; a++) {
		if (argv[a][0] == '-') {
			fprintf(stderr, "fuzz replay: `%s`: no options (the engines' flags are for the engines)\n",
				argv[a]);
			dmar_fuzz_files_free(&files);
			return usage();
		}
		if (dmar_fuzz_files_add(&files, argv[a])) {
			dmar_fuzz_files_free(&files);
			return 2;
		}
	}
	if (!files.n) {
		fprintf(stderr, "fuzz replay: no input files\n");
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 0; i < files.n; i++) {
		if (dmar_fuzz_file_read(files.paths[i], &data, &size)) {
			dmar_fuzz_files_free(&files);
			return 2;
		}
		printf("%s (%zu bytes)\n", files.paths[i], size);
		fflush(stdout);
		LLVMFuzzerTestOneInput(data, size);
		free(data);
	}
	printf("%zu inputs, 0 findings\n", files.n);
	dmar_fuzz_files_free(&files);
	return 0;
}
