// SPDX-License-Identifier: Apache-2.0
/*
 * Walks the paths of a command line into a sorted list of files, and reads
 * a file whole.  Used by the replay driver and the seed writer.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/files.h"

#define DEPTH_MAX 32 /* deeper than any corpus; stops a loop of symbolic links */

static int push(struct dmar_fuzz_files *l, const char *path)
{
	char *copy = strdup(path);

	if (copy && l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		char **p = realloc(l->paths, cap * sizeof(*p));

		if (!p) {
			free(copy);
			copy = NULL;
		} else {
			l->paths = p;
			l->cap = cap;
		}
	}
	if (!copy) {
		fprintf(stderr, "dmarfuzz fuzz: out of memory\n");
		return -1;
	}
	l->paths[l->n++] = copy;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add(struct dmar_fuzz_files *l, const char *path, unsigned depth);

static int add_dir(struct dmar_fuzz_files *l, const char *path, unsigned depth)
{
	DIR *d = opendir(path);
	struct dirent *e;
	size_t first = l->n;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "dmarfuzz fuzz: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (!rc && (e = readdir(d))) {
		char *sub;

		if (e->d_name[0] == '.')
			continue;
		sub = malloc(strlen(path) + strlen(e->d_name) + 2);
		if (!sub) {
			fprintf(stderr, "dmarfuzz fuzz: out of memory\n");
			rc = -1;
			break;
		}
		sprintf(sub, "%s/%s", path, e->d_name);
		rc = add(l, sub, depth + 1);
		free(sub);
	}
	closedir(d);
	qsort(l->paths + first, l->n - first, sizeof(*l->paths), by_name);
	return rc;
}

static int add(struct dmar_fuzz_files *l, const char *path, unsigned depth)
{
	struct stat st;

	if (stat(path, &st)) {
		fprintf(stderr, "dmarfuzz fuzz: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return push(l, path);
	if (depth >= DEPTH_MAX) {
		fprintf(stderr, "dmarfuzz fuzz: %s: more than %u directories deep\n", path, DEPTH_MAX);
		return -1;
	}
	return add_dir(l, path, depth);
}

int dmar_fuzz_files_add(struct dmar_fuzz_files *l, const char *path)
{
	return add(l, path, 0);
}

void dmar_fuzz_files_free(struct dmar_fuzz_files *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

int dmar_fuzz_file_read(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *p;
	size_t len = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "dmarfuzz fuzz: %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			if (!(p = realloc(buf, cap))) {
				fprintf(stderr, "dmarfuzz fuzz: %s: out of memory\n", path);
				free(buf);
				fclose(f);
				return -1;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		fprintf(stderr, "dmarfuzz fuzz: %s: cannot be read\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	*data = buf;
	*size = len;
	return 0;
}
