// SPDX-License-Identifier: Apache-2.0
/*
 * The parser against damaged input: every corpus case, cut and mutated in
 * many deterministic ways.  Each result must be either a case whose
 * canonical text parses back to an equal case (and prints the same again),
 * or one error line `FILE:LINE: `TOKEN`: what` naming a line of the mutant
 * that holds the token (no crash, no leak: this runs under ASan in CI).  A
 * case that parses is then run, and its reprinted copy too: both must give
 * the same answer, so the oracle meets the damage and the printer cannot
 * drop what matters.  Both outcomes must be common across the mutants.
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

/* how many lines the text has (a last line without its newline counts) */
static unsigned count_lines(const char *text, size_t len)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += text[i] == '\n';
	return n + (len && text[len - 1] != '\n');
}

/* line `no` (1-based) of text, copied into buf; false when there is no such line */
static bool get_line(const char *text, size_t len, unsigned no, char *buf, size_t size)
{
	size_t pos = 0, n;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);

		n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		if (--no == 0) {
			if (n >= size)
				n = size - 1;
			memcpy(buf, text + pos, n);
			buf[n] = 0;
			return true;
		}
		pos += n + 1;
	}
	return false;
}

/*
 * A refusal must be one line `NAME:LINE: `TOKEN`: what` whose LINE exists
 * in the text and whose TOKEN is on that line, except for the end-of-text
 * complaints (a missing header line, an empty case) which name the last
 * line.  The parser shows bytes that are not printable as \xHH and cuts a
 * long token with "...": the token is decoded back and, when cut, only its
 * start must be on the line.
 */
static bool well_formed_refusal(const char *name, const char *text, size_t len, const char *msg)
{
	size_t nl = strlen(name);
	unsigned lines = count_lines(text, len);
	unsigned long no;
	const char *tok, *tok_end;
	char *end, token[64];
	static char line[DMAR_TEXT_LINE_MAX + 2];
	size_t tl, i, o = 0;

	if (strncmp(msg, name, nl) != 0 || msg[nl] != ':' || strchr(msg, '\n') != NULL)
		return false;
	no = strtoul(msg + nl + 1, &end, 10);
	if (end == msg + nl + 1 || strncmp(end, ": `", 3) != 0)
		return false;
	tok = end + 3;
	tok_end = strstr(tok, "`: ");
	if (!tok_end || tok_end[3] == 0)
		return false; /* no explanation after the token */
	if (no == 0 || no > lines)
		return no == 0 && lines == 0;
	tl = (size_t)(tok_end - tok);
	if (tl > 63)
		return false;
	for (i = 0; i < tl; i++) { /* undo the escapes */
		if (tok[i] == '\\' && i + 3 < tl && tok[i + 1] == 'x') {
			char hex[3] = { tok[i + 2], tok[i + 3], 0 };

			token[o++] = (char)strtoul(hex, NULL, 16);
			i += 3;
		} else {
			token[o++] = tok[i];
		}
	}
	token[o] = 0;
	if (o >= 3 && strcmp(token + o - 3, "...") == 0)
		token[o -= 3] = 0; /* cut: its start is on the line */
	tl = o;
	if (!get_line(text, len, (unsigned)no, line, sizeof(line)))
		return false;
	return tl == 0 || strstr(line, token) != NULL || no == lines;
}

static unsigned n_rejected, n_accepted;

/* a one-line message "FILE:LINE: rest" without its FILE:LINE */
static const char *after_line(const char *msg)
{
	const char *p = strchr(msg, ':');

	p = p ? strchr(p + 1, ':') : NULL;
	return p ? p : msg;
}

static void check_one(const char *name, const char *text, size_t len)
{
	struct dmar_case a, b;
	struct dmar_error err, err_a, err_b;
	struct dmar_case_summary sum_a, sum_b;
	struct dmar_step steps[64];
	struct dmar_trace trace = { steps, 64, 0 };
	char *p, *q;
	int rc_a, rc_b;

	if (dmar_case_parse(text, len, name, &a, &err)) {
		bool ok = well_formed_refusal(name, text, len, err.msg);

		if (!ok)
			fprintf(stderr, "ill-formed refusal: %s\n", err.msg);
		CHECK(ok);
		n_rejected++;
		return;
	}
	n_accepted++;
	/* the canonical text parses back to an equal case, and prints the same again */
	p = dmar_case_print(&a);
	CHECK(p != NULL);
	if (!p) {
		dmar_case_free(&a);
		return;
	}
	if (dmar_case_parse(p, strlen(p), "printed", &b, &err) != 0) {
		fprintf(stderr, "%s: a mutant's canonical text does not parse: %s\n", name, err.msg);
		CHECK(0);
		free(p);
		dmar_case_free(&a);
		return;
	}
	if (!dmar_case_equal(&a, &b))
		fprintf(stderr, "%s: a mutant's canonical text parses to another case:\n%s", name, p);
	CHECK(dmar_case_equal(&a, &b));
	q = dmar_case_print(&b);
	CHECK(q != NULL && strcmp(p, q) == 0);
	free(q);
	free(p);
	/*
	 * and the oracle on whatever the damaged case now says: it must answer
	 * or refuse cleanly, and the same way for the case read back from its
	 * canonical text (so the printer kept everything that matters)
	 */
	memset(&sum_a, 0, sizeof(sum_a));
	memset(&sum_b, 0, sizeof(sum_b));
	rc_a = dmar_case_execute(&a, name, NULL, NULL, NULL, &trace, &sum_a, &err_a);
	rc_b = dmar_case_execute(&b, name, NULL, NULL, NULL, &trace, &sum_b, &err_b);
	CHECK(rc_a == rc_b);
	if (rc_a && rc_b) {
		CHECK(strncmp(err_a.msg, name, strlen(name)) == 0 && strchr(err_a.msg, '\n') == NULL);
		/* the same refusal; its line number counts lines of two different texts */
		if (strcmp(after_line(err_a.msg), after_line(err_b.msg)))
			fprintf(stderr, "%s: the same case refused two ways:\n  %s\n  %s\n", name, err_a.msg, err_b.msg);
		CHECK(strcmp(after_line(err_a.msg), after_line(err_b.msg)) == 0);
	} else if (!rc_a && !rc_b) {
		CHECK(sum_a.checks == sum_b.checks && sum_a.passed == sum_b.passed &&
		      sum_a.failed == sum_b.failed && sum_a.errors == sum_b.errors);
	}
	dmar_case_free(&b);
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
		/* the undamaged case itself is accepted */
		{
			struct dmar_case c;
			struct dmar_error err;

			int rc = dmar_case_parse(text, len, argv[i], &c, &err);

			CHECK(rc == 0);
			if (rc == 0)
				dmar_case_free(&c);
		}
		out = malloc(len + 64);
		for (k = 0; k < 300 && out; k++) {
			n = mutate(text, len, out, &rng);
			check_one(argv[i], out, n);
		}
		free(out);
		free(text);
	}
	/* 300 mutants per case: both outcomes must be common, or the mutator (or parser) is broken */
	printf("%u mutants refused, %u accepted\n", n_rejected, n_accepted);
	if (argc > 1) {
		CHECK(n_rejected > (unsigned)(argc - 1) * 30);
		CHECK(n_accepted > (unsigned)(argc - 1) * 30);
	}
	return check_summary();
}
