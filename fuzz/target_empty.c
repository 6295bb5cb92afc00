// SPDX-License-Identifier: Apache-2.0
/*
 * The empty target: takes an input and does nothing with it.  Built the
 * same ways as the real targets, it is the baseline their execution rates
 * are measured against (bench/fuzz_rates.sh).
 */
#include "fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	return 0;
}
