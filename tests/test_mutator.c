// SPDX-License-Identifier: Apache-2.0
/*
 * The structure-aware mutator (fuzz/mutate.h), end to end through the
 * binary codec:
 *   test_mutator [-n N] CASE.dmar...
 * Each case is encoded, then mutated N times (default 2000), each output
 * the input of the next.  Every output must decode, re-encode to exactly
 * its own bytes (the mutator emits canonical encodings), print and parse
 * back equal, run through the oracle (dmar_case_execute, no subject) to the
 * end, and come out the same for the same seed.  Crossovers between
 * consecutive cases are checked the same way, a small max_size and
 * arbitrary bytes too.  Over everything, every mutation kind must have fired.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "dmar/engine.h"
#include "fuzz/mutate.h"
#include "tests/check.h"

#define MAX_SIZE (256u * 1024u)

/* what failed first, per property, in one chain */
struct chain_result {
	unsigned decode, canonical, text, execute, determinism, size;
	unsigned unrunnable; /* dmar_case_execute refused the case (an input error such as a write into a hole) */
	unsigned bytewise;   /* outputs of the byte-level fallback (checked by the weaker rule) */
};

static uint32_t mix(uint32_t a, uint32_t b)
{
	uint64_t z = ((uint64_t)a << 32 | b) * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(z >> 32) ^ (uint32_t)z;
}

static bool same_bytes(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

/* decode(out) == decode(encode(decode(out))): the rule for byte-level outputs */
static bool stable(const uint8_t *buf, size_t len)
{
	struct dmar_case a, b;
	uint8_t *enc = NULL;
	size_t n = 0;
	bool ok;

	if (dmar_case_decode(buf, len, &a))
		return false;
	ok = dmar_case_encode(&a, &enc, &n) == 0 && dmar_case_decode(enc, n, &b) == 0;
	if (ok) {
		ok = dmar_case_equal(&a, &b);
		dmar_case_free(&b);
	}
	free(enc);
	dmar_case_free(&a);
	return ok;
}

/* every property of one output; `fallback`: it came from the byte-level mutation */
static void check_output(const uint8_t *buf, size_t len, size_t max, bool fallback, const char *what,
			 uint32_t seed, struct chain_result *res)
{
	struct dmar_case c, back;
	struct dmar_error err;
	struct dmar_case_summary sum;
	uint8_t *enc = NULL;
	size_t n = 0;
	char *text;

	if (len > max && !res->size++)
		fprintf(stderr, "%s seed %u: %zu bytes, more than %zu\n", what, seed, len, max);
	if (dmar_case_decode(buf, len, &c)) {
		if (!res->decode++)
			fprintf(stderr, "%s seed %u: does not decode\n", what, seed);
		return;
	}
	if (fallback) {
		res->bytewise++;
		if (!stable(buf, len) && !res->canonical++)
			fprintf(stderr, "%s seed %u: byte-level output not stable\n", what, seed);
	} else if ((dmar_case_encode(&c, &enc, &n) || !same_bytes(enc, n, buf, len)) && !res->canonical++) {
		fprintf(stderr, "%s seed %u: not a canonical encoding (%zu bytes, re-encoded %zu)\n", what, seed,
			len, n);
	}
	free(enc);
	text = dmar_case_print(&c);
	if (!text || dmar_case_parse(text, strlen(text), "<mutated>", &back, &err)) {
		if (!res->text++)
			fprintf(stderr, "%s seed %u: canonical text does not parse: %s\n", what, seed,
				text ? err.msg : "out of memory");
	} else {
		if (!dmar_case_equal(&c, &back) && !res->text++)
			fprintf(stderr, "%s seed %u: text round trip differs\n%s", what, seed, text);
		dmar_case_free(&back);
	}
	free(text);
	memset(&sum, 0, sizeof(sum));
	switch (dmar_case_execute(&c, "<mutated>", NULL, NULL, NULL, NULL, &sum, &err)) {
	case 0:
		break;
	case -1:
		res->unrunnable++;
		if (getenv("MUT_DEBUG"))
			fprintf(stderr, "unrunnable: %s\n", err.msg);
		break;
	default:
		if (!res->execute++)
			fprintf(stderr, "%s seed %u: execute failed: %s\n", what, seed, err.msg);
	}
	dmar_case_free(&c);
}

static void report(const char *file, const struct chain_result *r, unsigned outputs)
{
	CHECK(r->decode == 0);
	CHECK(r->canonical == 0);
	CHECK(r->text == 0);
	CHECK(r->execute == 0);
	CHECK(r->determinism == 0);
	CHECK(r->size == 0);
	if (r->decode || r->canonical || r->text || r->execute || r->determinism || r->size)
		fprintf(stderr, "%s: decode %u canonical %u text %u execute %u determinism %u size %u\n", file,
			r->decode, r->canonical, r->text, r->execute, r->determinism, r->size);
	(void)outputs;
}

/* N chained mutations of one encoded case */
static void chain(const char *file, const uint8_t *start, size_t len, unsigned n, uint32_t fileno,
		  struct dmar_mut_stats *st, unsigned *unrunnable, unsigned *outputs)
{
	uint8_t *buf = malloc(MAX_SIZE), *prev = malloc(MAX_SIZE), *again = malloc(MAX_SIZE);
	struct chain_result res;
	size_t cur = len, out, out2;
	unsigned i;

	memset(&res, 0, sizeof(res));
	if (!buf || !prev || !again) {
		CHECK(!"out of memory");
		goto done;
	}
	memcpy(buf, start, len);
	for (i = 0; i < n; i++) {
		uint32_t seed = mix(fileno, i);
		uint64_t bytewise = st->bytewise;

		memcpy(prev, buf, cur);
		out = dmar_mutate_ex(buf, cur, MAX_SIZE, seed, st);
		if (i % 4 == 0) { /* the same seed gives the same bytes */
			memcpy(again, prev, cur);
			out2 = dmar_mutate(again, cur, MAX_SIZE, seed);
			if (!same_bytes(buf, out, again, out2) && !res.determinism++)
				fprintf(stderr, "%s seed %u: not deterministic\n", file, seed);
		}
		check_output(buf, out, MAX_SIZE, st->bytewise != bytewise, file, seed, &res);
		cur = out;
		/* now and then start over, so that chains do not drift to one kind of case */
		if (i % 250 == 249) {
			memcpy(buf, start, len);
			cur = len;
		}
	}
	report(file, &res, n);
	*unrunnable += res.unrunnable;
	*outputs += n;
done:
	free(buf);
	free(prev);
	free(again);
}

static void crossovers(const char *file, const uint8_t *a, size_t na, const uint8_t *b, size_t nb, unsigned n,
		       uint32_t fileno, struct dmar_mut_stats *st, unsigned *unrunnable)
{
	uint8_t *out = malloc(MAX_SIZE), *again = malloc(MAX_SIZE);
	struct chain_result res;
	unsigned i;

	memset(&res, 0, sizeof(res));
	if (!out || !again) {
		CHECK(!"out of memory");
		free(out);
		free(again);
		return;
	}
	for (i = 0; i < n; i++) {
		uint32_t seed = mix(fileno ^ 0x55555555u, i);
		uint64_t bytewise = st->bytewise;
		size_t len = dmar_crossover_ex(a, na, b, nb, out, MAX_SIZE, seed, st);
		size_t len2 = dmar_crossover(a, na, b, nb, again, MAX_SIZE, seed);

		if (!same_bytes(out, len, again, len2) && !res.determinism++)
			fprintf(stderr, "%s crossover seed %u: not deterministic\n", file, seed);
		check_output(out, len, MAX_SIZE, st->bytewise != bytewise, file, seed, &res);
	}
	report(file, &res, n);
	*unrunnable += res.unrunnable;
	free(out);
	free(again);
}

/* small max_size: the output fits, and still decodes */
static void small_outputs(const uint8_t *enc, size_t len, struct dmar_mut_stats *st)
{
	static const size_t maxes[] = { 1, 16, 40, 64, 200, 1000 };
	uint8_t *buf = malloc(len + 1024);
	struct chain_result res;
	unsigned i, k;

	memset(&res, 0, sizeof(res));
	if (!buf) {
		CHECK(!"out of memory");
		return;
	}
	for (k = 0; k < sizeof(maxes) / sizeof(maxes[0]); k++)
		for (i = 0; i < 50; i++) {
			size_t n = len < maxes[k] ? len : maxes[k], out;
			uint64_t bytewise = st->bytewise;

			memcpy(buf, enc, n);
			out = dmar_mutate_ex(buf, n, maxes[k], mix(0xabcd, k * 100 + i), st);
			check_output(buf, out, maxes[k], st->bytewise != bytewise, "small", i, &res);
		}
	report("small max_size", &res, 0);
	free(buf);
}

/* arbitrary bytes: the decoder takes anything, so must the mutator */
static void arbitrary_inputs(struct dmar_mut_stats *st)
{
	uint8_t buf[4096];
	struct chain_result res;
	unsigned i, j;
	uint32_t x = 12345;

	memset(&res, 0, sizeof(res));
	for (i = 0; i < 300; i++) {
		size_t n = i % 7 == 0 ? 0 : (i * 37) % 1500, out;
		uint64_t bytewise = st->bytewise;

		for (j = 0; j < n; j++) {
			x = x * 1103515245u + 12345u;
			buf[j] = (uint8_t)(x >> 16);
		}
		out = dmar_mutate_ex(buf, n, sizeof(buf), mix(77, i), st);
		check_output(buf, out, sizeof(buf), st->bytewise != bytewise, "arbitrary", i, &res);
	}
	report("arbitrary bytes", &res, 0);
}

int main(int argc, char **argv)
{
	struct dmar_mut_stats st;
	unsigned n = 2000, unrunnable = 0, outputs = 0, files = 0, k;
	uint8_t *prev = NULL;
	size_t prev_len = 0;
	int i;

	memset(&st, 0, sizeof(st));
	for (i = 1; i < argc; i++) {
		struct dmar_case c;
		struct dmar_error err;
		uint8_t *enc = NULL;
		size_t len = 0;

		if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			n = (unsigned)strtoul(argv[++i], NULL, 10);
			continue;
		}
		if (dmar_case_load(argv[i], &c, &err)) {
			fprintf(stderr, "%s\n", err.msg);
			CHECK(!"a corpus case loads");
			continue;
		}
		CHECK(dmar_case_encode(&c, &enc, &len) == 0);
		dmar_case_free(&c);
		if (!enc)
			continue;
		chain(argv[i], enc, len, n, (uint32_t)files, &st, &unrunnable, &outputs);
		if (prev)
			crossovers(argv[i], prev, prev_len, enc, len, n / 20 + 1, (uint32_t)files, &st, &unrunnable);
		if (files == 0)
			small_outputs(enc, len, &st);
		free(prev);
		prev = enc;
		prev_len = len;
		files++;
	}
	free(prev);
	arbitrary_inputs(&st);
	CHECK(files > 0);
	printf("%u cases, %u chained mutations, %llu calls; %u outputs the engine refused to run "
	       "(input errors such as a write into a hole); %llu shrunk to fit, %llu byte-level\n",
	       files, outputs, (unsigned long long)st.calls, unrunnable, (unsigned long long)st.shrunk,
	       (unsigned long long)st.bytewise);
	for (k = 0; k < DMAR_MUT_COUNT; k++) {
		printf("  %-13s %8llu\n", dmar_mutate_name(k), (unsigned long long)st.fired[k]);
		if (files && !st.fired[k])
			fprintf(stderr, "mutation %s never fired\n", dmar_mutate_name(k));
		CHECK(!files || st.fired[k] > 0);
	}
	/* the engine's models are canonical as built: the decoder never had to correct one */
	if (st.normalised)
		fprintf(stderr, "%llu mutated models did not survive encode/decode unchanged\n",
			(unsigned long long)st.normalised);
	CHECK(st.normalised == 0);
	return check_summary();
}
