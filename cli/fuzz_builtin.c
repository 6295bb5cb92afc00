// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz fuzz --engine builtin`: the structure-aware mutator
 * (fuzz/mutate.c) in a loop inside this process, against the oracle (and
 * the translator, for walk_diff).  No coverage feedback: inputs are the
 * seeds, each mutated 1-3 times (a chain of up to CHAIN steps from one seed).
 * A seed and a run count give the same inputs on every machine and with any
 * compiler, which is what ctest and the README's main job need; libFuzzer
 * and AFL++ are for long campaigns.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/fuzz_builtin.h"
#include "dmar/codec.h"
#include "dmar/engine.h"
#include "fuzz/mutate.h"

#define MAX_INPUT 65536
#define CHAIN 8 /* mutations of one seed before starting again from a seed */

struct seed {
	uint8_t *bytes;
	size_t len;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* every file of dir, sorted by name (the order must not depend on the file system) */
static struct seed *load_seeds(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t count = 0, cap = 0, i;
	struct seed *seeds;
	struct dmar_error err;

	*n = 0;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (count == cap) {
			char **grown = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof(*names));

			if (!grown)
				break;
			names = grown;
		}
		names[count++] = strdup(e->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, count, sizeof(*names), by_name);
	seeds = calloc(count ? count : 1, sizeof(*seeds));
	for (i = 0; seeds && i < count; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		seeds[*n].bytes = (uint8_t *)dmar_file_read(path, &seeds[*n].len, &err);
		if (seeds[*n].bytes && seeds[*n].len <= MAX_INPUT)
			(*n)++;
		else
			free(seeds[*n].bytes);
	}
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
	return seeds;
}

/* splitmix64: the campaign's one source of choices */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

int dmar_fuzz_builtin(const struct dmar_builtin_campaign *b, dmar_builtin_found_fn found, void *ctx,
		      struct dmar_builtin_stats *st)
{
	size_t n, i, len = 0;
	struct seed *seeds = load_seeds(b->seeds, &n);
	uint8_t *buf = malloc(MAX_INPUT);
	uint64_t rng = b->seed;
	time_t start = time(NULL);
	unsigned chain = CHAIN;

	memset(st, 0, sizeof(*st));
	if (!seeds || !buf || !n) {
		fprintf(stderr, "dmarfuzz: fuzz: %s: no seed inputs there\n", b->seeds);
		free(buf);
		free(seeds);
		return -1;
	}
	while ((!b->runs || st->execs < b->runs) && (!b->seconds || time(NULL) - start < b->seconds) &&
	       !(b->stop && *b->stop)) {
		struct dmar_case c;

		if (chain++ >= CHAIN) { /* a fresh start from a seed */
			const struct seed *s = &seeds[next(&rng) % n];

			memcpy(buf, s->bytes, s->len);
			len = s->len;
			chain = 1;
		}
		len = dmar_mutate(buf, len, MAX_INPUT, (uint32_t)next(&rng));
		st->execs++;
		if (dmar_case_decode(buf, len, &c))
			continue;
		if (found(ctx, buf, len, &c)) {
			st->findings++;
			if (!st->first_finding_exec)
				st->first_finding_exec = st->execs;
			chain = CHAIN; /* this chain found its bug: start again elsewhere */
		}
		dmar_case_free(&c);
		if (b->progress)
			b->progress(ctx, st->execs, (long)(time(NULL) - start));
	}
	st->seconds = (long)(time(NULL) - start);
	for (i = 0; i < n; i++)
		free(seeds[i].bytes);
	free(seeds);
	free(buf);
	return 0;
}
