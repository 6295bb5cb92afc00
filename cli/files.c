// SPDX-License-Identifier: Apache-2.0
/* Finding the case files a command names. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dmar/case.h"
#include "harness/grow.h"

static int add(struct dmar_file_list *l, const char *path)
{
	if (l->n == l->cap) {
		void *p = dmar_grow(l->paths, l->n, &l->cap, sizeof(*l->paths), 64);

		if (!p)
			return -1;
		l->paths = p;
	}
	l->paths[l->n] = strdup(path);
	return l->paths[l->n++] ? 0 : -1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* true the first time a file or directory is met (by device and inode); false after, or out of memory */
static bool first_visit(struct dmar_file_list *l, const struct stat *st)
{
	size_t i;

	for (i = 0; i < l->n_seen; i++)
		if (l->seen[i].dev == (unsigned long long)st->st_dev &&
		    l->seen[i].ino == (unsigned long long)st->st_ino)
			return false;
	if (l->n_seen == l->cap_seen) {
		void *p = dmar_grow(l->seen, l->n_seen, &l->cap_seen, sizeof(*l->seen), 64);

		if (!p)
			return false;
		l->seen = p;
	}
	l->seen[l->n_seen++] = (struct dmar_file_id){ (unsigned long long)st->st_dev,
						      (unsigned long long)st->st_ino };
	return true;
}

static int walk_dir(struct dmar_file_list *l, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;
	size_t first = l->n;

	if (!d) {
		fprintf(stderr, "dmarfuzz: %s: cannot open directory: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !first_visit(l, &st))
			continue; /* gone, or met before (a link back up the tree, a second link) */
		if (S_ISDIR(st.st_mode)) {
			if (walk_dir(l, path)) {
				closedir(d);
				return -1;
			}
		} else if (ends_with(e->d_name, ".dmar") && add(l, path)) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	if (l->n > first)
		qsort(l->paths + first, l->n - first, sizeof(char *), cmp_str);
	return 0;
}

int dmar_collect_cases(struct dmar_file_list *l, const char *path)
{
	struct stat st;

	size_t before = l->n;

	if (stat(path, &st)) {
		fprintf(stderr, "%s:0: `%s`: cannot open: %s\n", path, path, strerror(errno));
		return -1;
	}
	if (!first_visit(l, &st))
		return 0; /* named twice: listed once */
	if (!S_ISDIR(st.st_mode))
		return add(l, path);
	if (walk_dir(l, path))
		return -1;
	if (l->n == before) {
		fprintf(stderr, "dmarfuzz: %s: no cases (no .dmar file in this directory or below)\n", path);
		return -1;
	}
	return 0;
}

void dmar_file_list_free(struct dmar_file_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	free(l->seen);
	memset(l, 0, sizeof(*l));
}

int dmar_cache_rule_word(const char *verb, const char *word)
{
	if (!strcmp(word, "architecture"))
		return DMAR_CACHE_ARCHITECTURE;
	if (!strcmp(word, "observed"))
		return DMAR_CACHE_OBSERVED;
	fprintf(stderr, "dmarfuzz: %s: --cache-model `%s`: must be architecture or observed\n", verb, word);
	return -1;
}

uint64_t dmar_default_memory_budget(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);

	return pages > 0 && page > 0 ? (uint64_t)pages * (uint64_t)page / 2 : 1ull << 32;
}

int dmar_memory_word(const char *verb, const char *word, uint64_t *budget)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(word, &end, 10);
	if (end != word && !errno && word[0] != '-') {
		unsigned shift = !strcmp(end, "K") ? 10 : !strcmp(end, "M") ? 20 : !strcmp(end, "G") ? 30 : 0;

		if ((shift || !*end) && v && v <= (~0ull >> shift)) {
			*budget = (uint64_t)v << shift;
			return 0;
		}
	}
	fprintf(stderr, "dmarfuzz: %s: --max-memory `%s`: a size in bytes, or with K, M or G (not 0)\n", verb,
		word);
	return -1;
}

int dmar_case_fits(const char *path, uint64_t budget, char *msg, size_t size)
{
	struct stat st;
	uint64_t need;

	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return 0; /* the loader says what is wrong with it */
	need = (uint64_t)st.st_size * DMAR_MEMORY_PER_BYTE;
	if (need <= budget)
		return 0;
	snprintf(msg, size, "%s:0: `%s`: %llu bytes of case may need %llu KiB, more than --max-memory allows "
		 "(%llu KiB)", path, path, (unsigned long long)st.st_size,
		 (unsigned long long)(need >> 10), (unsigned long long)(budget >> 10));
	return -1;
}
