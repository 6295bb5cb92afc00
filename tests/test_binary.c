// SPDX-License-Identifier: Apache-2.0
/*
 * The binary case encoding (docs/binary-case.md): every corpus case goes
 * text -> binary -> text unchanged; any byte string decodes to a case the
 * text parser reads back equal (random strings, and corpus encodings with
 * flipped bytes and cut tails); and hand-worked bytes decode to the case
 * worked out by hand.
 *
 *   test_binary FILE...
 */
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "tests/check.h"

#define HEADER_BYTES 30

static uint64_t rng_next(uint64_t *s)
{
	/* xorshift64*: deterministic, local state */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/* line numbers of two cases agree (dmar_case_equal does not compare them) */
static bool lines_equal(const struct dmar_case *a, const struct dmar_case *b)
{
	uint32_t i;

	if (a->n_mem != b->n_mem || a->n_events != b->n_events)
		return false;
	for (i = 0; i < a->n_mem; i++)
		if (a->mem[i].line != b->mem[i].line)
			return false;
	for (i = 0; i < a->n_events; i++)
		if (a->events[i].line != b->events[i].line ||
		    (a->events[i].kind == DMAR_EV_WRITE && a->events[i].u.write.line != b->events[i].u.write.line))
			return false;
	return true;
}

static size_t longest_line(const char *text)
{
	size_t best = 0, n;
	const char *nl;

	for (; *text; text += n + (nl != NULL)) {
		nl = strchr(text, '\n');
		n = nl ? (size_t)(nl - text) : strlen(text);
		best = n > best ? n : best;
	}
	return best;
}

static void dump(const char *what, const uint8_t *buf, size_t len)
{
	size_t i;

	fprintf(stderr, "%s (%zu bytes):", what, len);
	for (i = 0; i < len; i++)
		fprintf(stderr, "%s%02x", i % 32 ? " " : "\n  ", buf[i]);
	fputc('\n', stderr);
}

/*
 * The properties of one byte string: it decodes; its print has no line
 * too long and parses back to an equal case with the same line numbers;
 * encoding the case and decoding again gives it back.  NULL when they
 * hold, else what failed.
 */
static const char *decode_properties(const uint8_t *buf, size_t len)
{
	struct dmar_case c, back, again;
	struct dmar_error err;
	const char *why = NULL;
	uint8_t *bin = NULL;
	size_t n;
	char *text, *text2 = NULL;

	if (dmar_case_decode(buf, len, &c))
		return "decode failed";
	text = dmar_case_print(&c);
	if (!text) {
		dmar_case_free(&c);
		return "print failed";
	}
	if (longest_line(text) > DMAR_TEXT_LINE_MAX)
		why = "a line longer than DMAR_TEXT_LINE_MAX";
	else if (dmar_case_parse(text, strlen(text), "decoded", &back, &err))
		why = err.msg[0] ? err.msg : "parse failed";
	else {
		if (!dmar_case_equal(&c, &back))
			why = "parse(print(decode)) differs";
		else if (!lines_equal(&c, &back))
			why = "line numbers differ from the canonical text's";
		dmar_case_free(&back);
	}
	if (!why && dmar_case_encode(&c, &bin, &n))
		why = "encode failed";
	if (!why && dmar_case_decode(bin, n, &again))
		why = "decode of the encoding failed";
	else if (!why) {
		if (!dmar_case_equal(&c, &again) || !lines_equal(&c, &again))
			why = "decode(encode(decode)) differs";
		else if (!(text2 = dmar_case_print(&again)) || strcmp(text, text2))
			why = "the re-encoded case prints differently";
		dmar_case_free(&again);
	}
	if (why) {
		static char msg[1024];

		snprintf(msg, sizeof(msg), "%s\n%s", why, text);
		why = msg;
	}
	free(text2);
	free(bin);
	free(text);
	dmar_case_free(&c);
	return why;
}

/* ---- 1: the corpus goes text -> binary -> text unchanged ----------------- */

static void corpus_round_trip(const char *path, uint8_t **bin, size_t *bin_len)
{
	struct dmar_case c, d, canon_case;
	struct dmar_error err;
	char *canon, *printed;

	*bin = NULL;
	if (dmar_case_load(path, &c, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		CHECK(0);
		return;
	}
	canon = dmar_case_print(&c);
	CHECK(canon != NULL);
	CHECK(dmar_case_encode(&c, bin, bin_len) == 0);
	CHECK(dmar_case_decode(*bin, *bin_len, &d) == 0);
	CHECK(dmar_case_equal(&c, &d));
	printed = dmar_case_print(&d);
	CHECK(printed && canon && !strcmp(printed, canon));
	if (printed && canon && strcmp(printed, canon))
		fprintf(stderr, "%s: text -> binary -> text gives\n%s", path, printed);
	/* the decoded lines are those of the canonical text */
	CHECK(canon && dmar_case_parse(canon, strlen(canon), path, &canon_case, &err) == 0);
	CHECK(lines_equal(&d, &canon_case));
	dmar_case_free(&canon_case);
	free(printed);
	free(canon);
	dmar_case_free(&d);
	dmar_case_free(&c);
}

/* ---- 2: every byte string is a case -------------------------------------- */

/* random bytes, skewed toward the small and the extreme (counts, flags, offsets) */
static uint8_t random_byte(uint64_t *rng)
{
	uint64_t r = rng_next(rng);

	switch (r & 7) {
	case 0: return 0;
	case 1: return 0xff;
	case 2: return (uint8_t)((r >> 8) & 3);
	case 3: return (uint8_t)((r >> 8) % 24); /* a tag, twice over */
	default: return (uint8_t)(r >> 8);
	}
}

static void report(const char *what, const uint8_t *buf, size_t len, const char *why, int *shown)
{
	if ((*shown)++ < 5) {
		fprintf(stderr, "%s: %s\n", what, why);
		dump("input", buf, len);
	}
}

static void random_strings(uint64_t *rng)
{
	uint8_t buf[600];
	int bad = 0, shown = 0;
	unsigned i;

	for (i = 0; i < 100000; i++) {
		size_t len = rng_next(rng) % (sizeof(buf) + 1), k;
		const char *why;

		for (k = 0; k < len; k++)
			buf[k] = random_byte(rng);
		if ((why = decode_properties(buf, len))) {
			bad++;
			report("random input", buf, len, why, &shown);
		}
	}
	CHECK(bad == 0);
}

/* the corpus encodings with bytes flipped and tails cut */
static void mutated_corpus(uint8_t **bins, const size_t *lens, int n, uint64_t *rng)
{
	int f, bad = 0, shown = 0;
	unsigned m;

	for (f = 0; f < n; f++) {
		uint8_t *buf;

		if (!bins[f] || !(buf = malloc(lens[f] + 1)))
			continue;
		for (m = 0; m < 200; m++) {
			size_t len = lens[f], flips = 1 + rng_next(rng) % 4, k;
			const char *why;

			memcpy(buf, bins[f], len);
			for (k = 0; k < flips && len; k++)
				buf[rng_next(rng) % len] ^= (uint8_t)(1 + rng_next(rng) % 255);
			if (m % 3 == 0)
				len = rng_next(rng) % (len + 1);
			if ((why = decode_properties(buf, len))) {
				bad++;
				report("mutated corpus encoding", buf, len, why, &shown);
			}
		}
		free(buf);
	}
	CHECK(bad == 0);
}

/* ---- 3: bytes worked by hand --------------------------------------------- */

static char *decode_print(const uint8_t *buf, size_t len, struct dmar_case *c)
{
	char *text;

	if (dmar_case_decode(buf, len, c))
		return NULL;
	text = dmar_case_print(c);
	return text;
}

static void check_text(const uint8_t *buf, size_t len, const char *want, const char *what)
{
	struct dmar_case c;
	char *text = decode_print(buf, len, &c);

	CHECK(text && !strcmp(text, want));
	if (text && strcmp(text, want))
		fprintf(stderr, "%s: decodes to\n%swhere the hand-worked text is\n%s", what, text, want);
	free(text);
	dmar_case_free(&c);
}

static void test_empty(void)
{
	static const uint8_t zeros[HEADER_BYTES];
	struct dmar_case c, def;
	uint8_t *bin;
	size_t len;

	/* no bytes: all header fields zero, no flags, no records */
	check_text(NULL, 0, "dmar-case 1\ncap 0x0000000000000000\necap 0x0000000000000000\nrtaddr 0x0\n", "empty");
	CHECK(dmar_case_decode(NULL, 0, &c) == 0);
	dmar_case_init(&def);
	CHECK(dmar_case_equal(&c, &def));
	CHECK(c.ver == DMAR_DEFAULT_VER && c.te && !c.haw_said && c.haw == 0);
	/* and the default case encodes as the zero header */
	CHECK(dmar_case_encode(&def, &bin, &len) == 0);
	CHECK(len == HEADER_BYTES && !memcmp(bin, zeros, HEADER_BYTES));
	free(bin);
	dmar_case_free(&c);
	/* a short header reads as if zeros followed */
	check_text((const uint8_t *)"\x02", 1, "dmar-case 1\ncap 0x0000000000000002\necap 0x0000000000000000\nrtaddr 0x0\n",
		   "one byte");
}

static const uint8_t small[] = {
	/* header */
	0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, /* cap */
	0x42, 0x0f, 0, 0, 0, 0, 0, 0,                   /* ecap */
	0x00, 0x00, 0x10, 0, 0, 0, 0, 0,                /* rtaddr 0x100000 (scalable sets bit 10) */
	0x60, 0, 0, 0,                                  /* ver */
	39,                                             /* haw */
	0x47,                                           /* haw, ver, translation (off); mode 2: scalable */
	/* mem: hpa 0x1003 (aligned down), count 1: two values */
	0, 0x03, 0x10, 0, 0, 0, 0, 0, 0, 0x01, 0x00,
	0x01, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0,
	/* tag 13 = 1 mod 12: hole 0x80000 2M */
	13, 0x00, 0x00, 0x08, 0, 0, 0, 0, 0, 0x00, 0x00, 0x20, 0, 0, 0, 0, 0,
	/* tag 7: dma sid 0x0010, read, ut, flags len, addr 0x400abc, len 4, pasid 0, one outcome */
	7, 0x10, 0x00, 0, 0, 0x01, 0xbc, 0x0a, 0x40, 0, 0, 0, 0, 0, 0x04, 0x00, 0, 0, 0, 0, 1,
	/* outcome: ok 0x9000abc */
	0, 0xbc, 0x0a, 0x00, 0x09, 0, 0, 0, 0, 0, 0, 0, 0,
	/* tag 10: te off; tag 8: check 0x2004 (aligned down) 0xff */
	10, 0x00,
	8, 0x04, 0x20, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0, 0, 0, 0, 0,
	/* tag 4: a clflush cut short: dropped */
	4, 0x00, 0x10, 0x00,
};

static const char small_text[] =
	"dmar-case 1\n"
	"cap 0x1122334455667788\n"
	"haw 39\n"
	"ver 0x60\n"
	"ecap 0x0000000000000f42\n"
	"rtaddr 0x100400 scalable\n"
	"translation off\n"
	"mem 0x1000 0x1 0x2\n"
	"hole 0x80000 2M\n"
	"dma 00:02.0 read 0x400abc len=4 => ok 0x9000abc\n"
	"te off\n"
	"check 0x2000 0xff\n";

static void test_small(void)
{
	struct dmar_case c;
	char *text;

	check_text(small, sizeof(small), small_text, "small");
	text = decode_print(small, sizeof(small), &c);
	CHECK(c.n_mem == 1 && c.mem[0].line == 8);
	CHECK(c.n_events == 3 && c.events[0].line == 10 && c.events[1].line == 11 && c.events[2].line == 12);
	free(text);
	dmar_case_free(&c);
}

/* bytes built field by field, little-endian */
struct bytes {
	uint8_t b[1024];
	size_t n;
};

static void le(struct bytes *s, uint64_t v, unsigned bytes)
{
	unsigned i;

	for (i = 0; i < bytes && s->n < sizeof(s->b); i++)
		s->b[s->n++] = (uint8_t)(v >> (8 * i));
}

/* one outcome item: kind, hpa, reason, cpl, ats, size */
static void outcome(struct bytes *s, uint8_t kind, uint64_t hpa, uint8_t reason, uint8_t cpl, uint8_t ats,
		    uint8_t size)
{
	le(s, kind, 1);
	le(s, hpa, 8);
	le(s, reason, 1);
	le(s, cpl, 1);
	le(s, ats, 1);
	le(s, size, 1);
}

/* a dma record: tag 7, sid, access, at, flags, addr, len, pasid, count */
static void dma(struct bytes *s, uint16_t sid, uint8_t access, uint8_t at, uint8_t flags, uint64_t addr,
		uint16_t len, uint32_t pasid, uint8_t count)
{
	le(s, 7, 1);
	le(s, sid, 2);
	le(s, access, 1);
	le(s, at, 1);
	le(s, flags, 1);
	le(s, addr, 8);
	le(s, len, 2);
	le(s, pasid, 4);
	le(s, count, 1);
}

/* an inv record: tag 5, kind, via, fields, then did sid fm pasid addr am size index im status value */
static void inv(struct bytes *s, uint8_t kind, uint8_t via, uint16_t fields, const uint64_t v[11])
{
	static const unsigned width[11] = { 2, 2, 1, 4, 8, 1, 8, 2, 1, 8, 4 };
	unsigned i;

	le(s, 5, 1);
	le(s, kind, 1);
	le(s, via, 1);
	le(s, fields, 2);
	for (i = 0; i < 11; i++)
		le(s, v[i], width[i]);
}

/* normalisation, by hand: each rule of the text parser met by a field out of range */
static void test_normalised(void)
{
	static const uint64_t ones[11] = { ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull };
	static const uint64_t iec[11] = { [7] = 0x1234, [8] = 0x45 };
	static const uint64_t device[11] = { 7, 0x0010, 0xfe, 9 };
	static const char want[] =
		"dmar-case 1\n"
		"cap 0x0000000000000000\n"
		"haw 12\n"
		"ecap 0x0000000000000000\n"
		"rtaddr 0x0 legacy\n"
		"mem 0x1000 0x1 0x2\n"
		"mem 0x2000 0x4\n"
		"mem 0xfffffffffffffff8 0x7\n"
		"hole 0xfffffffffffff000 1\n"
		"rom 0xfffffffffffff000 4K\n"
		"dma 00:00.0 write 0x1ffc\n"
		"dma 00:00.0 atomic 0xf00 len=1\n"
		"dma ff:1f.7 read 0xf00 len=256 pasid=1048561 at=pr => ats 0x1200000 r size=2M u n | fault 0x6 ur\n"
		"dma 00:02.0 read 0x0 => ats - | ur | interrupt | prq | ok 0x99\n"
		"inv iotlb page did=65535 addr=0xffffffffffffffff am=63 ih via=reg\n"
		"inv wait status=0xfffffffffffffffc value=0xffffffff fence drain\n"
		"inv iec index=4660 im=5\n"
		"inv cc device did=7 sid=00:02.0 fm=2\n"
		"qi 0x1 0x2\n"
		"srtp\n"
		"te on\n"
		"check 0x2000 0x1\n"
		"clflush 0x2007\n"
		"write 0x3000 0xab\n"
		"atc 01:00.0 0x5000 => miss | ats 0x7000 w\n";
	struct bytes s = { .n = 0 };
	struct dmar_case c;
	char *text;

	/* header: rtaddr 0xc00 (TTM 11), haw 0; flags: haw said, mode 1 (legacy: TTM 00) */
	le(&s, 0, 8);
	le(&s, 0, 8);
	le(&s, 0xc00, 8);
	le(&s, 0, 4);
	le(&s, 0, 1);
	le(&s, 0x21, 1);
	/* mem 0x1000 (2 values); 0x1008 overlaps it: dropped; tag 12 is mem too, count 512 is 1 value */
	le(&s, 0, 1), le(&s, 0x1000, 8), le(&s, 1, 2), le(&s, 1, 8), le(&s, 2, 8);
	le(&s, 0, 1), le(&s, 0x1008, 8), le(&s, 0, 2), le(&s, 3, 8);
	le(&s, 12, 1), le(&s, 0x2000, 8), le(&s, 512, 2), le(&s, 4, 8);
	/* three values from 2^64 - 8: only the first fits */
	le(&s, 0, 1), le(&s, ~7ull, 8), le(&s, 2, 2), le(&s, 7, 8), le(&s, 8, 8), le(&s, 9, 8);
	/* write access, priv without pasid (cleared), default len at offset 0xffe (moved to 0xffc) */
	dma(&s, 0, 1, 0, 0x04, 0x1ffe, 5, 0, 0);
	/* header lists may come between events: hole of size 0 (1), rom past 2^64 (cut) */
	le(&s, 1, 1), le(&s, ~0xfffull, 8), le(&s, 0, 8);
	le(&s, 2, 1), le(&s, ~0xfffull, 8), le(&s, 0x10000, 8);
	/* access 5 (atomic), len=0 on a non-read (1) */
	dma(&s, 0, 5, 0, 0x01, 0xf00, 0, 0, 0);
	/* at 7 (pr), len 4096 at offset 0xf00 (256), pasid past 20 bits (mod 2^20), count 19 (2) */
	dma(&s, 0xffff, 0, 7, 0x03, 0xf00, 0x1000, 0xfffff1, 19);
	outcome(&s, 11, 0x1234567, 0, 0, 0x0c, 9); /* ats: size 12 + 9, base aligned, no r/w: r */
	outcome(&s, 9, 0, 6, 4, 0, 0);             /* fault 0x6, cpl 4 mod 3 = ur */
	dma(&s, 0x0010, 0, 0, 0, 0, 0, 0, 5);
	outcome(&s, 4, 1, 1, 1, 1, 1); /* ats -: its other bytes ignored */
	outcome(&s, 5, 0, 0, 0, 0, 0);
	outcome(&s, 6, 0, 0, 0, 0, 0);
	outcome(&s, 7, 0, 0, 0, 0, 0);
	outcome(&s, 8, 0x99, 0, 0, 0, 0); /* kind 8 mod 8: ok */
	inv(&s, 20, 0x03, 0xffff, ones);  /* kind 20 mod 15: iotlb page */
	inv(&s, 14, 0x00, 0x1c00, ones);  /* wait: status (aligned down), fence, drain */
	inv(&s, 13, 0x02, 0, iec);        /* iec index; via bit 1 without bit 0: not said */
	inv(&s, 2, 0, 0x0004, device);    /* cc device, fm 0xfe mod 4; pasid not carried */
	le(&s, 6, 1), le(&s, 0xfe, 1), le(&s, 1, 8), le(&s, 2, 8), le(&s, 3, 8), le(&s, 4, 8); /* qi, 2 words */
	le(&s, 9, 1), le(&s, 0x02, 1), le(&s, 0x1234, 8);                                      /* srtp */
	le(&s, 10, 1), le(&s, 0x03, 1);                                                        /* te on */
	le(&s, 8, 1), le(&s, 0x2007, 8), le(&s, 1, 8);                                         /* check */
	le(&s, 4, 1), le(&s, 0x2007, 8);                                                       /* clflush */
	le(&s, 3, 1), le(&s, 0x3001, 8), le(&s, 0, 2), le(&s, 0xab, 8);                        /* write */
	/* atc 01:00.0, pasid not said, outcome kinds 8 (even: miss) and 3 (odd: ats) */
	le(&s, 11, 1), le(&s, 0x0100, 2), le(&s, 0, 1), le(&s, 0x5000, 8), le(&s, 5, 4), le(&s, 2, 1);
	outcome(&s, 8, 0, 0, 0, 0, 0);
	outcome(&s, 3, 0x7001, 0, 0, 0x02, 0);

	check_text(s.b, s.n, want, "normalised");
	text = decode_print(s.b, s.n, &c);
	CHECK(text && c.n_mem == 3 && c.mem[0].line == 6 && c.mem[2].line == 8);
	CHECK(c.n_events == 15 && c.events[0].line == 11 && c.events[14].line == 25);
	free(text);
	dmar_case_free(&c);
}

/* a case with every kind of line, for the cut and flip checks */
static const char every_kind[] =
	"dmar-case 1\n"
	"cap 0xd2008c222f0606\n"
	"haw 39\n"
	"ecap 0xf42\n"
	"rtaddr 0x100c00 abort\n"
	"cache-model observed\n"
	"mem 0x1000 0x1 0x2 0x3\n"
	"mem 0xfffffffffffffff8 0x5\n"
	"hole 0x80000 2M\n"
	"rom 0x300000 8K\n"
	"write 0x2000 0xffffffffffffffff\n"
	"clflush 0x2000\n"
	"inv cc device did=7 sid=ff:1f.7 fm=3 via=reg\n"
	"inv devtlb sid=00:03.1 addr=0x200000 size=2M pasid=9\n"
	"inv iec index=17 im=2\n"
	"qi 0x1 0x0\n"
	"qi 0x7 0x0 0x0 0x0\n"
	"srtp\n"
	"srtp 0x200000\n"
	"te off\n"
	"dma 01:00.0 atomic 0xff0 len=16 pasid=5 priv exec => fault 0x31 ur | blocked 0x2 ca\n"
	"dma 00:02.0 read 0x1000 len=0 at=tr nw => ats 0x200000 rw size=2M u n priv | ats -\n"
	"atc 00:02.0 0x1000 pasid=3 => miss | ats 0x8000000000000000 w size=8589934592G\n"
	"dma 00:02.0 write 0xfee00000 at=t => ur | interrupt | prq | ok 0x5\n"
	"check 0x2000 0xffffffffffffffff\n"
	"dma 00:02.0 read 0x123456789abc\n";

/* the case's encoding, and the length of the encoding of its first `keep` events */
static uint8_t *encode_prefix(const struct dmar_case *c, uint32_t keep, size_t *len, size_t *prefix)
{
	struct dmar_case p = *c;
	uint8_t *bin, *pre;

	p.n_events = keep;
	if (dmar_case_encode(&p, &pre, prefix))
		return NULL;
	free(pre);
	return dmar_case_encode(c, &bin, len) ? NULL : bin;
}

static void test_cut_last_record(void)
{
	struct dmar_case c, d, shorter;
	struct dmar_error err;
	uint8_t *bin;
	size_t len, prefix, cut;
	int bad = 0;

	CHECK(dmar_case_parse(every_kind, sizeof(every_kind) - 1, "every", &c, &err) == 0);
	bin = encode_prefix(&c, c.n_events - 1, &len, &prefix);
	CHECK(bin != NULL && prefix < len);
	/* the printed case with its last line gone */
	shorter = c;
	shorter.n_events--;
	for (cut = prefix; bin && cut < len; cut++) {
		if (dmar_case_decode(bin, cut, &d) || !dmar_case_equal(&d, &shorter))
			bad++;
		dmar_case_free(&d);
	}
	CHECK(bad == 0);
	CHECK(bin && dmar_case_decode(bin, len, &d) == 0 && dmar_case_equal(&d, &c));
	dmar_case_free(&d);
	free(bin);
	dmar_case_free(&c);
}

static void test_flip_dma_address(void)
{
	struct dmar_case c, d;
	struct dmar_error err;
	uint8_t *bin;
	size_t len, prefix;
	uint32_t last;
	unsigned k;
	int bad = 0;

	CHECK(dmar_case_parse(every_kind, sizeof(every_kind) - 1, "every", &c, &err) == 0);
	last = c.n_events - 1;
	CHECK(c.events[last].kind == DMAR_EV_DMA);
	bin = encode_prefix(&c, last, &len, &prefix);
	CHECK(bin != NULL);
	/* tag, sid (2), access, at, flags: the address is at prefix + 6; its bytes 2..7 keep the page offset */
	for (k = 2; bin && k < 8; k++) {
		bin[prefix + 6 + k] ^= 0x81;
		c.events[last].u.dma.rq.addr ^= 0x81ull << (8 * k);
		if (dmar_case_decode(bin, len, &d) || !dmar_case_equal(&d, &c))
			bad++;
		dmar_case_free(&d);
		bin[prefix + 6 + k] ^= 0x81;
		c.events[last].u.dma.rq.addr ^= 0x81ull << (8 * k);
	}
	CHECK(bad == 0);
	free(bin);
	dmar_case_free(&c);
}

int main(int argc, char **argv)
{
	uint8_t **bins = calloc(argc > 1 ? (size_t)argc : 1, sizeof(*bins));
	size_t *lens = calloc(argc > 1 ? (size_t)argc : 1, sizeof(*lens));
	uint64_t rng = 0x9e3779b97f4a7c15ull;
	int i;

	if (!bins || !lens)
		return 2;
	for (i = 1; i < argc; i++)
		corpus_round_trip(argv[i], &bins[i - 1], &lens[i - 1]);
	test_empty();
	test_small();
	test_normalised();
	test_cut_last_record();
	test_flip_dma_address();
	random_strings(&rng);
	mutated_corpus(bins, lens, argc - 1, &rng);
	for (i = 0; i < argc; i++)
		free(bins[i]);
	free(bins);
	free(lens);
	return check_summary();
}
