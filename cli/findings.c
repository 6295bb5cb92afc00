// SPDX-License-Identifier: Apache-2.0
/*
 * What `fuzz`, `repro` and `minimize` share: reading a case from text or
 * fuzzer bytes, the subject a finding names, and a finding written as a
 * readable case (comment lines saying who diverged where, then the
 * canonical text with every expectation set to the oracle's answer, so the
 * case passes `run` and fails `run --translator` at the divergence).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dmar/codec.h"
#include "harness/finding.h"

#define TRANSLATOR_TAG "# translator: "

static bool is_text(const char *buf, size_t len)
{
	static const char magic[] = "dmar-case";
	size_t i = 0;

	/* a text case may open with comments and blank lines */
	while (i < len && (buf[i] == '#' || buf[i] == '\n' || buf[i] == ' ' || buf[i] == '\t')) {
		if (buf[i] == '#')
			while (i < len && buf[i] != '\n')
				i++;
		else
			i++;
	}
	return len - i >= sizeof(magic) - 1 && !memcmp(buf + i, magic, sizeof(magic) - 1);
}

int dmar_case_read_any(const char *path, struct dmar_case *c, bool *text, struct dmar_error *err)
{
	size_t len;
	char *buf = dmar_file_read(path, &len, err);
	int rc;

	if (!buf)
		return -1;
	*text = is_text(buf, len);
	if (*text) {
		rc = dmar_case_parse(buf, len, path, c, err);
	} else {
		rc = dmar_case_decode((const uint8_t *)buf, len, c);
		if (rc)
			snprintf(err->msg, sizeof(err->msg), "%s:0: ``: out of memory", path);
	}
	free(buf);
	return rc;
}

int dmar_recorded_translator(const char *path, char *name, size_t size)
{
	char sibling[4096], *line = NULL;
	size_t cap = 0, n = strlen(path);
	FILE *f;
	int found = -1;

	/* fuzzer bytes FINDING.bin are recorded in FINDING.dmar beside them */
	if (n > 4 && !strcmp(path + n - 4, ".bin") && n < sizeof(sibling)) {
		snprintf(sibling, sizeof(sibling), "%.*s.dmar", (int)(n - 4), path);
		path = sibling;
	}
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (found && getline(&line, &cap, f) > 0 && line[0] == '#')
		if (!strncmp(line, TRANSLATOR_TAG, strlen(TRANSLATOR_TAG))) {
			snprintf(name, size, "%s", line + strlen(TRANSLATOR_TAG));
			name[strcspn(name, "\r\n")] = 0;
			found = name[0] ? 0 : -1;
		}
	free(line);
	fclose(f);
	return found;
}

char *dmar_finding_text(struct dmar_case *c, const struct dmar_finding *f, const char *translator,
			const char *how)
{
	struct dmar_error err;
	char *body, *text = NULL;
	size_t len = 0;
	FILE *out;

	if (dmar_case_expect_oracle(c, &err))
		return NULL;
	body = dmar_case_print(c);
	out = body ? open_memstream(&text, &len) : NULL;
	if (!out) {
		free(body);
		return NULL;
	}
	fprintf(out, "# dmarfuzz finding %s (%s): the translator answers %s where the oracle allows %s\n",
		f->signature, how, f->said, f->allowed);
	fprintf(out, "# `dmarfuzz run --translator %s` fails at the line of `%s`; `dmarfuzz run` passes\n",
		translator, f->request);
	fprintf(out, "%s%s\n", TRANSLATOR_TAG, translator);
	fputs(body, out);
	fclose(out);
	free(body);
	return text;
}

int dmar_write_new(const char *path, const void *data, size_t len, const char *verb)
{
	int fd;
	ssize_t n;

	if (!strcmp(path, "-"))
		return fwrite(data, 1, len, stdout) == len ? 0 : -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		fprintf(stderr, "dmarfuzz: %s: %s: %s\n", verb, path,
			errno == EEXIST ? "exists already (dmarfuzz never overwrites a file; remove it or name another)" :
					  strerror(errno));
		return -1;
	}
	n = write(fd, data, len);
	if (close(fd) || n != (ssize_t)len) {
		fprintf(stderr, "dmarfuzz: %s: %s: cannot write it\n", verb, path);
		unlink(path);
		return -1;
	}
	return 0;
}

void dmar_finding_line(const char *text, const struct dmar_subject *subject, struct dmar_finding *f)
{
	struct dmar_case c;
	struct dmar_error err;
	struct dmar_finding again;

	if (dmar_case_parse(text, strlen(text), "<finding>", &c, &err))
		return;
	if (dmar_find_divergence(&c, subject, &again, &err) == 1)
		f->line = again.line;
	dmar_case_free(&c);
}
