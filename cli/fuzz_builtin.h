/* SPDX-License-Identifier: Apache-2.0 */
/* `dmarfuzz fuzz --engine builtin` (cli/fuzz_builtin.c): seeded, deterministic, in this process. */
#ifndef DMAR_CLI_FUZZ_BUILTIN_H
#define DMAR_CLI_FUZZ_BUILTIN_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/case.h"

struct dmar_builtin_campaign {
	const char *seeds;   /* folder of binary cases */
	uint64_t seed;
	long runs, seconds;  /* stop after so many inputs / seconds (0: no bound) */
	volatile sig_atomic_t *stop; /* set (Ctrl-C): stop after this input */
	void (*progress)(void *ctx, long execs, long seconds);
};

struct dmar_builtin_stats {
	long execs, seconds, findings;
	long first_finding_exec; /* the input that gave the first finding (1 = the first input) */
};

/* an input and its case: true when it is a finding */
typedef bool (*dmar_builtin_found_fn)(void *ctx, const uint8_t *bytes, size_t len, const struct dmar_case *c);

/* 0, or -1 after a one-line error (no seeds) */
int dmar_fuzz_builtin(const struct dmar_builtin_campaign *b, dmar_builtin_found_fn found, void *ctx,
		      struct dmar_builtin_stats *st);

#endif
