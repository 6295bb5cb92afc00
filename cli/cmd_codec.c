// SPDX-License-Identifier: Apache-2.0
/*
 * `dmarfuzz encode CASE -o BIN` and `dmarfuzz decode BIN -o CASE`: a text
 * case to the fuzzers' binary encoding and back (docs/binary-case.md).
 * Decoding never fails on the bytes (every byte string is a case); the
 * text it writes is canonical.  `-o -` is standard output; any other -o
 * must not exist yet: neither verb overwrites a file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "dmar/codec.h"

/* the input and -o of `VERB IN -o OUT` (in either order); 0, or 2 after the usage line */
static int codec_args(int argc, char **argv, const char *usage, const char **in, const char **out)
{
	int i;

	*in = *out = NULL;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc && !*out)
			*out = argv[++i];
		else if (argv[i][0] != '-' && !*in)
			*in = argv[i];
		else
			break;
	}
	if (i < argc || !*in || !*out) {
		fprintf(stderr, "usage: %s\n", usage);
		return 2;
	}
	return 0;
}

/* writes data to a new file (or standard output for "-"); 0, or 2 after a one-line error */
static int write_new(const char *verb, const char *path, const void *data, size_t len)
{
	FILE *f;
	int ok;

	if (!strcmp(path, "-"))
		f = stdout;
	else if (!(f = fopen(path, "wbx"))) { /* C11 "x": fails when the file exists */
		if (errno == EEXIST)
			fprintf(stderr, "dmarfuzz: %s: `%s`: exists already; not overwritten (remove it or name another)\n",
				verb, path);
		else
			fprintf(stderr, "dmarfuzz: %s: `%s`: cannot create: %s\n", verb, path, strerror(errno));
		return 2;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = (f == stdout ? fflush(f) == 0 : fclose(f) == 0) && ok;
	if (!ok) {
		fprintf(stderr, "dmarfuzz: %s: `%s`: cannot write\n", verb, path);
		if (f != stdout)
			remove(path);
		return 2;
	}
	return 0;
}

int dmar_cmd_encode(int argc, char **argv)
{
	const char *in, *out;
	struct dmar_case c;
	struct dmar_error err;
	uint8_t *bin;
	size_t len;
	int rc;

	if ((rc = codec_args(argc, argv, "dmarfuzz encode CASE -o BIN|-", &in, &out)))
		return rc;
	if (dmar_case_load(in, &c, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	rc = dmar_case_encode(&c, &bin, &len);
	dmar_case_free(&c);
	if (rc) {
		fprintf(stderr, "%s:0: `%s`: out of memory\n", in, in);
		return 2;
	}
	rc = write_new("encode", out, bin, len);
	free(bin);
	return rc;
}

int dmar_cmd_decode(int argc, char **argv)
{
	const char *in, *out;
	struct dmar_case c;
	struct dmar_error err;
	char *bytes, *text;
	size_t len;
	int rc;

	if ((rc = codec_args(argc, argv, "dmarfuzz decode BIN -o CASE|-", &in, &out)))
		return rc;
	if (!(bytes = dmar_file_read(in, &len, &err))) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	rc = dmar_case_decode((const uint8_t *)bytes, len, &c);
	free(bytes);
	text = rc ? NULL : dmar_case_print(&c);
	dmar_case_free(&c);
	if (!text) {
		fprintf(stderr, "%s:0: `%s`: out of memory\n", in, in);
		return 2;
	}
	rc = write_new("decode", out, text, strlen(text));
	free(text);
	return rc;
}
