// SPDX-License-Identifier: Apache-2.0
/*
 * Writes the fuzzers' seeds from the corpus: every .dmar case under each
 * DIR, encoded (dmar_case_encode) into BINDIR, and copied as it is into
 * TEXTDIR, each named by its path under DIR with '/' turned into '-'.
 *   fuzz_seeds BINDIR TEXTDIR DIR...   exit 0; 1 when a case does not load
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "fuzz/files.h"

static int write_file(const char *dir, const char *name, const char *ext, const void *data, size_t size)
{
	size_t len = strlen(dir) + strlen(name) + strlen(ext) + 2;
	char *path = malloc(len);
	FILE *f;
	int rc = -1;

	if (!path)
		return -1;
	snprintf(path, len, "%s/%s%s", dir, name, ext);
	if ((f = fopen(path, "wb"))) {
		rc = fwrite(data, 1, size, f) == size ? 0 : -1;
		rc |= fclose(f) ? -1 : 0;
	}
	if (rc)
		fprintf(stderr, "fuzz_seeds: %s: cannot be written\n", path);
	free(path);
	return rc;
}

/* "spec/legacy/L01.dmar" under the root: "spec-legacy-L01"; a root that is the file: its base name */
static char *seed_name(const char *root, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t skip = strcmp(root, path) ? strlen(root) : base ? (size_t)(base - path) : 0;
	char *name, *p;

	while (path[skip] == '/')
		skip++;
	if (!(name = strdup(path + skip)))
		return NULL;
	name[strlen(name) - strlen(".dmar")] = 0;
	for (p = name; *p; p++)
		if (*p == '/')
			*p = '-';
	return name;
}

static bool is_case(const char *path)
{
	size_t n = strlen(path);

	return n > 5 && !strcmp(path + n - 5, ".dmar");
}

static int one(const char *bindir, const char *textdir, const char *root, const char *path)
{
	struct dmar_case c;
	struct dmar_error err;
	uint8_t *bin = NULL, *text = NULL;
	size_t n_bin = 0, n_text = 0;
	char *name = seed_name(root, path);
	int rc = -1;

	if (!name || dmar_case_load(path, &c, &err)) {
		fprintf(stderr, "%s\n", name ? err.msg : "fuzz_seeds: out of memory");
		free(name);
		return -1;
	}
	if (dmar_case_encode(&c, &bin, &n_bin) || dmar_fuzz_file_read(path, &text, &n_text))
		fprintf(stderr, "fuzz_seeds: %s: cannot be encoded\n", path);
	else if (!write_file(bindir, name, ".bin", bin, n_bin) && !write_file(textdir, name, ".dmar", text, n_text))
		rc = 0;
	free(text);
	free(bin);
	free(name);
	dmar_case_free(&c);
	return rc;
}

int main(int argc, char **argv)
{
	struct dmar_fuzz_files files = { 0 };
	size_t i, n = 0;
	int a, rc = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: fuzz_seeds BINDIR TEXTDIR DIR...\n");
		return 2;
	}
	for (a = 3; a < argc && !rc; a++) {
		dmar_fuzz_files_free(&files);
		if (dmar_fuzz_files_add(&files, argv[a]))
			rc = 2;
		for (i = 0; i < files.n && !rc; i++)
			if (is_case(files.paths[i]) && !(rc = one(argv[1], argv[2], argv[a], files.paths[i])))
				n++;
	}
	dmar_fuzz_files_free(&files);
	if (!rc)
		printf("fuzz_seeds: %zu cases\n", n);
	return rc == 2 ? 2 : rc ? 1 : 0;
}
