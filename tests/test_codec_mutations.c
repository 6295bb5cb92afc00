// SPDX-License-Identifier: Apache-2.0
/*
 * The parser against damaged input: every corpus case, cut and mutated in
 * many deterministic ways.  Each result must be either a case that prints
 * and parses back to itself, or one error line naming the file and a line
 * number (no crash, no leak: this runs under ASan in CI); a case that
 * parses is then run, so the oracle meets the damage too.
 *
 *   test_codec_mutations FILE...
 */
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "dmar/engine.h"
#include "tests/check.h"

static uint64_t rng_next(uint64_t *s)
{
	/* xorshift64*: deterministic, local state */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static const char *const tokens[] = {
	" ", "\n", "#", "|", "=>", "0x", "0xffffffffffffffffff", "-1", "len=0", "len=4097",
	"pasid=", "at=pr", "ok", "fault", "ats", "size=3K", "dma", "mem", "hole", "rom", "inv",
	"write", "check", "qi", "00:1f.7", "ff:ff.f", "\t", "=", "K", "G",
};

/* one mutation of text (len) into out; returns the new length */
static size_t mutate(const char *text, size_t len, char *out, uint64_t *rng)
{
	size_t pos = len ? rng_next(rng) % len : 0, n;
	const char *tok;

	memcpy(out, text, len);
	switch (rng_next(rng) % 5) {
	case 0: /* truncate */
		return pos;
	case 1: /* flip a byte */
		if (len)
			out[pos] = (char)(rng_next(rng) & 0xff);
		return len;
	case 2: /* delete a run */
		n = rng_next(rng) % 16;
		if (pos + n > len)
			n = len - pos;
		memmove(out + pos, out + pos + n, len - pos - n);
		return len - n;
	default: /* insert a token */
		tok = tokens[rng_next(rng) % (sizeof(tokens) / sizeof(tokens[0]))];
		n = strlen(tok);
		memmove(out + pos + n, text + pos, len - pos);
		memcpy(out + pos, tok, n);
		return len + n;
	}
}

static void check_one(const char *name, const char *text, size_t len)
{
	struct dmar_case a, b;
	struct dmar_error err;
	struct dmar_case_summary sum;
	struct dmar_step steps[64];
	struct dmar_trace trace = { steps, 64, 0 };
	char *p;

	if (dmar_case_parse(text, len, name, &a, &err)) {
		CHECK(strncmp(err.msg, name, strlen(name)) == 0 && err.msg[strlen(name)] == ':' &&
		      strchr(err.msg, '\n') == NULL);
		return;
	}
	p = dmar_case_print(&a);
	CHECK(p != NULL);
	if (p && dmar_case_parse(p, strlen(p), "printed", &b, &err) == 0) {
		CHECK(dmar_case_equal(&a, &b));
		dmar_case_free(&b);
	} else {
		CHECK(0);
	}
	free(p);
	/* and the oracle on whatever the damaged case now says: it must answer or refuse cleanly */
	if (dmar_case_execute(&a, name, NULL, NULL, NULL, &trace, &sum, &err))
		CHECK(strncmp(err.msg, name, strlen(name)) == 0 && strchr(err.msg, '\n') == NULL);
	else
		CHECK(sum.passed + sum.failed + sum.errors == sum.checks);
	dmar_case_free(&a);
}

int main(int argc, char **argv)
{
	uint64_t rng = 0x9e3779b97f4a7c15ull;
	int i, k;

	for (i = 1; i < argc; i++) {
		size_t len, n;
		char *text = slurp(argv[i], &len), *out;

		CHECK(text != NULL);
		if (!text)
			continue;
		out = malloc(len + 64);
		for (k = 0; k < 300 && out; k++) {
			n = mutate(text, len, out, &rng);
			check_one(argv[i], out, n);
		}
		free(out);
		free(text);
	}
	return check_summary();
}
