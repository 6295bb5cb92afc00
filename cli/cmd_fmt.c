// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz fmt [-i | --check] CASE|DIR...`: the canonical text of each case
 * (docs/case-format.md, "Canonical printing").  Without an option it is
 * printed; `--check` prints the files that are not canonical and exits 1;
 * `-i` rewrites them in place, through a new file renamed over the old one,
 * and never a file with comments (the canonical print has none: they would
 * be lost).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "dmar/codec.h"

enum mode { PRINT, CHECK, IN_PLACE };

/* the first line holding a comment (0: none) */
static unsigned comment_line(const char *text, size_t len)
{
	unsigned line = 1;
	size_t i;

	for (i = 0; i < len; i++) {
		if (text[i] == '#')
			return line;
		line += text[i] == '\n';
	}
	return 0;
}

static int write_over(const char *path, const char *text)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	FILE *f;
	int ok;

	if (!tmp)
		return -1;
	snprintf(tmp, n, "%s.fmt-new", path);
	f = fopen(tmp, "wb");
	ok = f && fputs(text, f) >= 0;
	ok = f && fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path)) {
		fprintf(stderr, "%s:0: `%s`: cannot write the canonical text\n", path, path);
		remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* 0: canonical (or done), 1: not canonical (--check), 2: an error */
static int fmt_one(const char *path, enum mode mode)
{
	struct dmar_case c;
	struct dmar_error err;
	size_t len;
	char *text, *canon;
	unsigned hash;
	int rc = 0;

	text = dmar_file_read(path, &len, &err);
	if (!text || dmar_case_parse(text, len, path, &c, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		free(text);
		return 2;
	}
	canon = dmar_case_print(&c);
	dmar_case_free(&c);
	if (!canon) {
		fprintf(stderr, "%s:0: `%s`: out of memory\n", path, path);
		free(text);
		return 2;
	}
	if (mode == PRINT) {
		fputs(canon, stdout);
	} else if (len != strlen(canon) || memcmp(text, canon, len)) {
		if (mode == CHECK) {
			printf("%s: not canonical\n", path);
			rc = 1;
		} else if ((hash = comment_line(text, len))) {
			fprintf(stderr, "%s:%u: `#`: has comments, which the canonical text drops: not rewritten\n",
				path, hash);
			rc = 2;
		} else if (write_over(path, canon)) {
			rc = 2;
		}
	}
	free(canon);
	free(text);
	return rc;
}

int dmar_cmd_fmt(int argc, char **argv)
{
	struct dmar_file_list files = { 0 };
	enum mode mode = PRINT;
	int i, worst = 0, rc;
	size_t k;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-i")) {
			mode = IN_PLACE;
		} else if (!strcmp(argv[i], "--check")) {
			mode = CHECK;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "dmarfuzz: fmt: `%s`: unknown option\n", argv[i]);
			dmar_file_list_free(&files);
			return 2;
		} else if (dmar_collect_cases(&files, argv[i])) {
			dmar_file_list_free(&files);
			return 2;
		}
	}
	if (!files.n) {
		fprintf(stderr, "usage: dmarfuzz fmt [-i | --check] CASE|DIR...\n");
		return 2;
	}
	for (k = 0; k < files.n; k++) {
		rc = fmt_one(files.paths[k], mode);
		worst = rc > worst ? rc : worst;
	}
	dmar_file_list_free(&files);
	return worst;
}
