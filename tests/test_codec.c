// SPDX-License-Identifier: Apache-2.0
/* The text codec: exact parsing, canonical printing, round trip, errors. */
#include <stdlib.h>
#include <string.h>

#include "dmar/codec.h"
#include "tests/check.h"

static const char example[] =
	"dmar-case 1\n"
	"cap 0x00120784222f0602\n"
	"ecap 0x0000000000005047\n"
	"rtaddr 0x100000 legacy\n"
	"mem 0x100000 0x101001 0x0          # root entry\n"
	"mem 0x101100 0x200001 0x502\n"
	"mem 0x200000 0x201003\n"
	"\n"
	"# a comment line\n"
	"dma 00:02.0 read 0x400abc len=4 => ok 0x9000abc\n"
	"dma 00:02.0 write 0x400abc len=4 => fault 0x5\n"
	"write 0x203000 0x9100003\n"
	"dma 00:02.0 read 0x400abc len=4 => ok 0x9000abc | ok 0x9100abc\n"
	"inv iotlb page did=5 addr=0x400000 am=0 via=reg\n";

/* every line type and every outcome form */
static const char full[] =
	"dmar-case 1\n"
	"cap 0xd2008c222f0606\n"
	"haw 39\n"
	"ver 0x60\n"
	"ecap 0xf42\n"
	"rtaddr 0x100400 scalable\n"
	"translation off\n"
	"mem 0x1000 0x1 0x2 0x3\n"
	"hole 0x80000 2M\n"
	"hole 0x7000 100\n"
	"rom 0x300000 8K\n"
	"write 0x2000 0xffffffffffffffff\n"
	"clflush 0x2000\n"
	"inv cc global\n"
	"inv cc domain did=7 via=qi\n"
	"inv cc device did=7 sid=ff:1f.7 fm=3 via=reg\n"
	"inv iotlb global\n"
	"inv iotlb domain did=65535\n"
	"inv iotlb page did=5 addr=0x400000 am=9 ih\n"
	"inv pc domain did=1\n"
	"inv pc pasid did=1 pasid=1048575\n"
	"inv pc global\n"
	"inv piotlb pasid did=2 pasid=3\n"
	"inv piotlb page did=2 pasid=3 addr=0x7000 am=0 ih\n"
	"inv devtlb sid=00:03.1 addr=0x200000 size=2M pasid=9\n"
	"inv iec global\n"
	"inv iec index=17 im=2\n"
	"inv wait status=0x3000 value=0x1 fence drain\n"
	"inv wait\n"
	"qi 0x1 0x0\n"
	"qi 0x7 0x0 0x0 0x0\n"
	"dma 01:00.0 atomic 0xff0 len=16 pasid=5 priv exec => fault 0x31 ur | blocked 0x2 ca\n"
	"dma 00:02.0 read 0x1000 len=0 at=tr nw => ats 0x200000 rw size=2M u n priv | ats -\n"
	"dma 00:02.0 write 0xfee00000 at=t => ur | interrupt | fault 0x29\n"
	"dma 00:02.0 read 0x5000\n"
	"check 0x2000 0xffffffffffffffff\n";

static void test_example_values(void)
{
	struct dmar_case c;
	struct dmar_error err;
	const struct dmar_dma *d;

	CHECK(dmar_case_parse(example, sizeof(example) - 1, "ex.dmar", &c, &err) == 0);
	CHECK_EQ_U64(c.cap, 0x00120784222f0602ull);
	CHECK_EQ_U64(c.ecap, 0x5047);
	CHECK_EQ_U64(c.rtaddr, 0x100000);
	CHECK(c.mode_word == DMAR_MODE_LEGACY && !c.haw_said && c.te && c.ver == 0x10);
	CHECK_EQ_U64(c.n_mem, 3);
	CHECK_EQ_U64(c.mem[1].hpa, 0x101100);
	CHECK_EQ_U64(c.mem[1].n, 2);
	CHECK_EQ_U64(c.mem[1].v[1], 0x502);
	CHECK_EQ_U64(c.n_events, 5);
	d = &c.events[0].u.dma;
	CHECK(c.events[0].kind == DMAR_EV_DMA && c.events[0].line == 10);
	CHECK_EQ_U64(d->rq.sid, 0x0010);
	CHECK_EQ_U64(d->rq.addr, 0x400abc);
	CHECK_EQ_U64(d->rq.len, 4);
	CHECK(d->rq.access == DMAR_ACC_READ && d->rq.at == DMAR_AT_UT && !d->rq.has_pasid);
	CHECK(d->has_expect && d->expect.n == 1 && d->expect.o[0].kind == DMAR_OUT_OK);
	CHECK_EQ_U64(d->expect.o[0].hpa, 0x9000abc);
	d = &c.events[1].u.dma;
	CHECK(d->expect.o[0].kind == DMAR_OUT_FAULT && d->expect.o[0].reason == 5 &&
	      d->expect.o[0].cpl == DMAR_CPL_ANY);
	CHECK(c.events[2].kind == DMAR_EV_WRITE && c.events[2].u.write.v[0] == 0x9100003);
	d = &c.events[3].u.dma;
	CHECK_EQ_U64(d->expect.n, 2);
	CHECK_EQ_U64(d->expect.o[1].hpa, 0x9100abc);
	CHECK(c.events[4].kind == DMAR_EV_INV && c.events[4].u.inv.kind == DMAR_INV_IOTLB_PAGE);
	CHECK(c.events[4].u.inv.via == DMAR_VIA_REG && c.events[4].u.inv.did == 5 &&
	      c.events[4].u.inv.addr == 0x400000 && c.events[4].u.inv.am == 0);
	dmar_case_free(&c);
}

static void test_full_values(void)
{
	struct dmar_case c;
	struct dmar_error err;
	struct dmar_unit u;
	const struct dmar_dma *d;

	CHECK(dmar_case_parse(full, sizeof(full) - 1, "full.dmar", &c, &err) == 0);
	if (c.n_events != 25) {
		fprintf(stderr, "full: %s (%u events)\n", err.msg, c.n_events);
		CHECK(0);
		return;
	}
	dmar_case_unit(&c, &u);
	CHECK(u.haw == 39 && u.ver == 0x60 && !u.te && c.mode_word == DMAR_MODE_SCALABLE);
	CHECK_EQ_U64(c.holes[0].size, 2u << 20);
	CHECK_EQ_U64(c.holes[1].size, 100);
	CHECK(c.events[4].u.inv.sid == 0xffff && c.events[4].u.inv.fm == 3);
	CHECK(c.events[13].u.inv.size == 2u << 20 && c.events[13].u.inv.pasid == 9);
	CHECK(c.events[16].u.inv.status_hpa == 0x3000 && c.events[16].u.inv.status_value == 1);
	CHECK(c.events[19].u.qi.n == 4 && c.events[19].u.qi.w[0] == 7);
	d = &c.events[20].u.dma;
	CHECK(d->rq.sid == 0x0100 && d->rq.access == DMAR_ACC_ATOMIC && d->rq.len == 16);
	CHECK(d->rq.has_pasid && d->rq.pasid == 5 && d->rq.priv && d->rq.exec);
	CHECK(d->expect.o[0].cpl == DMAR_CPL_UR && d->expect.o[1].kind == DMAR_OUT_BLOCKED &&
	      d->expect.o[1].cpl == DMAR_CPL_CA);
	d = &c.events[21].u.dma;
	CHECK(d->rq.at == DMAR_AT_TR && d->rq.nw && d->rq.len == 0);
	CHECK(d->expect.o[0].kind == DMAR_OUT_ATS && d->expect.o[0].size_lg2 == 21 &&
	      d->expect.o[0].ats == (DMAR_ATS_R | DMAR_ATS_W | DMAR_ATS_U | DMAR_ATS_N | DMAR_ATS_PRIV));
	CHECK(d->expect.o[1].kind == DMAR_OUT_ATS_NONE);
	d = &c.events[22].u.dma;
	CHECK(d->rq.at == DMAR_AT_T && d->expect.n == 3 && d->expect.o[1].kind == DMAR_OUT_INTERRUPT);
	CHECK(!c.events[23].u.dma.has_expect);
	CHECK(c.events[24].kind == DMAR_EV_CHECK && c.events[24].line == 36);
	CHECK(c.n_roms == 1 && c.roms[0].hpa == 0x300000 && c.roms[0].size == 8192);
	dmar_case_free(&c);
}

/* parse(print(x)) == x and print is a fixed point */
static void round_trip(const char *text)
{
	struct dmar_case a, b;
	struct dmar_error err;
	char *p1, *p2;

	CHECK(dmar_case_parse(text, strlen(text), "a", &a, &err) == 0);
	p1 = dmar_case_print(&a);
	CHECK(p1 != NULL);
	if (!p1)
		return;
	CHECK(dmar_case_parse(p1, strlen(p1), "b", &b, &err) == 0);
	CHECK(dmar_case_equal(&a, &b));
	p2 = dmar_case_print(&b);
	CHECK(p2 && strcmp(p1, p2) == 0);
	if (p2 && strcmp(p1, p2))
		fprintf(stderr, "--- first print\n%s--- second print\n%s", p1, p2);
	free(p1);
	free(p2);
	dmar_case_free(&a);
	dmar_case_free(&b);
}

static void test_canonical_text(void)
{
	struct dmar_case c;
	struct dmar_error err;
	char *p;

	CHECK(dmar_case_parse(example, sizeof(example) - 1, "ex.dmar", &c, &err) == 0);
	p = dmar_case_print(&c);
	CHECK(p && strcmp(p, "dmar-case 1\n"
			     "cap 0x00120784222f0602\n"
			     "ecap 0x0000000000005047\n"
			     "rtaddr 0x100000 legacy\n"
			     "mem 0x100000 0x101001 0x0\n"
			     "mem 0x101100 0x200001 0x502\n"
			     "mem 0x200000 0x201003\n"
			     "dma 00:02.0 read 0x400abc len=4 => ok 0x9000abc\n"
			     "dma 00:02.0 write 0x400abc len=4 => fault 0x5\n"
			     "write 0x203000 0x9100003\n"
			     "dma 00:02.0 read 0x400abc len=4 => ok 0x9000abc | ok 0x9100abc\n"
			     "inv iotlb page did=5 addr=0x400000 am=0 via=reg\n") == 0);
	free(p);
	dmar_case_free(&c);
}

/* `cache-model`: parsed into the case, printed only when it is not the default */
static void test_cache_model_line(void)
{
	static const char text[] = "dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000\n"
				   "cache-model observed\n";
	struct dmar_case c;
	struct dmar_error err;
	char *p;

	CHECK(dmar_case_parse(text, sizeof(text) - 1, "cm.dmar", &c, &err) == 0);
	CHECK(c.cache_rule == DMAR_CACHE_OBSERVED);
	p = dmar_case_print(&c);
	CHECK(p && strstr(p, "\ncache-model observed\n"));
	free(p);
	c.cache_rule = DMAR_CACHE_ARCHITECTURE;
	p = dmar_case_print(&c);
	CHECK(p && !strstr(p, "cache-model"));
	free(p);
	dmar_case_free(&c);
	round_trip(text);
}

#define HDR_LONG "dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000\n"

/*
 * Long lines (issue 12): what parses prints to lines the parser reads.  The
 * line of the outside report: 332 zeros and 180 all-ones values (4,094
 * characters) printed canonically as 4,758; and the longest line there is, 512
 * all-ones values (about 9,700 characters).
 */
static void test_long_lines(void)
{
	static char text[65536];
	size_t n;
	unsigned i;

	n = (size_t)snprintf(text, sizeof(text), "%smem 0x1000", HDR_LONG);
	for (i = 0; i < 332; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " 0");
	for (i = 0; i < 180; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " 0xffffffffffffffff");
	snprintf(text + n, sizeof(text) - n, "\n");
	round_trip(text);
	n = (size_t)snprintf(text, sizeof(text), "%smem 0x1000", HDR_LONG);
	for (i = 0; i < 512; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " 0xffffffffffffffff");
	snprintf(text + n, sizeof(text) - n, "\nwrite 0x1000");
	n += strlen("\nwrite 0x1000");
	for (i = 0; i < 512; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, " 0x8000000000000000");
	snprintf(text + n, sizeof(text) - n, "\n");
	round_trip(text);
	/* one value ending exactly at 2^64 (HAW 64) is not "too many" */
	round_trip(HDR_LONG "haw 64\nmem 0xfffffffffffffff8 0x5\n");
}

/* a NUL byte and an over-long line are named by the start of their line (issue 12) */
static void test_line_errors(void)
{
	static const char nul[] = HDR_LONG "mem 0x0\0 0x1\n";
	static char text[20000];
	struct dmar_case c;
	struct dmar_error err;
	size_t n;

	CHECK(dmar_case_parse(nul, sizeof(nul) - 1, "bad.dmar", &c, &err) == -1);
	CHECK(strstr(err.msg, "bad.dmar:5: `mem 0x0`: a NUL byte in the text") != NULL);
	n = (size_t)snprintf(text, sizeof(text), "%s", HDR_LONG);
	memset(text + n, 'a', 16385);
	text[n + 16385] = '\n';
	CHECK(dmar_case_parse(text, n + 16386, "bad.dmar", &c, &err) == -1);
	CHECK(strstr(err.msg, "bad.dmar:5: `aaaaaaaaaaaaaaaaaaaaaaaa`: line longer than 16384 characters") != NULL);
	if (!strstr(err.msg, "line longer than 16384"))
		fprintf(stderr, "  message: %s\n", err.msg);
}

/* the message names the file, the line and the offending token */
static void error_case(const char *text, const char *want)
{
	struct dmar_case c;
	struct dmar_error err;
	int rc = dmar_case_parse(text, strlen(text), "bad.dmar", &c, &err);

	CHECK(rc == -1);
	CHECK(strstr(err.msg, want) != NULL);
	if (rc != -1 || !strstr(err.msg, want))
		fprintf(stderr, "  message: %s\n  wanted:  %s\n", rc ? err.msg : "(parsed)", want);
	CHECK(strchr(err.msg, '\n') == NULL);
	CHECK(c.n_events == 0 && c.n_mem == 0);
}

#define HDR "dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000\n"

static void test_errors(void)
{
	error_case("cap 0x1\n", "bad.dmar:1: `cap`: the first line must be `dmar-case 1`");
	error_case("dmar-case 2\n", "bad.dmar:1: `dmar-case`: the first line must be");
	error_case("", "empty case");
	error_case("dmar-case 1\ncap 0x1\necap 0x2\n", "bad.dmar:3: `rtaddr`: a required header line is missing");
	error_case("dmar-case 1\necap 0x2\nrtaddr 0x0\n", "`cap`: a required header line is missing");
	error_case(HDR "bogus 1\n", "bad.dmar:5: `bogus`: unknown line");
	error_case(HDR "dma 00:02.0 read 0x0 => ok 0x0\ncap 0x1\n", "bad.dmar:6: `cap`: this header line is given twice");
	error_case(HDR "dma 00:02.0 read 0x0 => ok 0x0\nhole 0x0 4K\n", "bad.dmar:6: `hole`: header lines come before");
	error_case(HDR "dma 00:20.0 read 0x0\n", "bad.dmar:5: `00:20.0`: device must be at most 1f");
	error_case(HDR "dma 0:2.0 read 0x0\n", "bad.dmar:5: `0:2.0`: a source-id is written BB:DD.F");
	error_case(HDR "mem 0x1004 0x1\n", "bad.dmar:5: `0x1004`: the address must be 8-byte aligned");
	error_case(HDR "dma 00:02.0 read 0xffe len=4\n", "bad.dmar:5: `0xffe`: the DMA crosses a 4 KiB boundary");
	error_case(HDR "dma 00:02.0 read 0x0 priv\n", "bad.dmar:5: `priv`: needs pasid=");
	error_case(HDR "dma 00:02.0 read 0x0 => okay 0x0\n", "bad.dmar:5: `okay`: unknown outcome");
	error_case("dmar-case 1\ncap 0x1\necap 0x2\nrtaddr 0x400 legacy\n",
		   "bad.dmar:4: `legacy`: contradicts the TTM bits");
	error_case(HDR "inv iotlb page did=1 am=0\n", "bad.dmar:5: `iotlb`: needs addr=");
	error_case(HDR "inv iotlb domain did=1 pasid=2\n", "bad.dmar:5: `pasid`: does not belong");
	error_case(HDR "write 0x0 0x10000000000000000\n", "bad.dmar:5: `0x10000000000000000`: a value must be a number");
	error_case(HDR "dma 00:02.0 read 0x0 => ok 0x1 | ok 0x2 | ok 0x3 | ok 0x4 | ok 0x5 | ok 0x6 | ok 0x7 | ok 0x8 | ok 0x9"
		       " | ok 0xa | ok 0xb | ok 0xc | ok 0xd | ok 0xe | ok 0xf | ok 0x10 | ok 0x11\n",
		   "more than 16 outcomes");
	error_case(HDR "dma 00:02.0 read 0x0 pasid=0x100000\n", "`0x100000`: the PASID is out of range");
	error_case(HDR "dma 00:02.0 read 0x0 => fault 0x100\n", "`0x100`: the fault reason is out of range");
	error_case(HDR "dma 00:02.0 read 0x0 => ok 0x0 ok 0x1\n", "`ok`: outcomes are separated by |");
	error_case(HDR "dma 00:02.0 read 0x0 len=8 len=4\n", "`len=4`: given twice");
	error_case(HDR "inv wait status=0x100\n", "status= and value= go together");
	error_case(HDR "dma 00:02.0 write 0x0 len=0\n", "`write`: only a read may have len=0");
	error_case(HDR "dma 00:02.0 read 0x0 => ats 0x1000 rw size=2M\n", "must be aligned to its size");
	error_case("dmar-case 1\ncap 0x1\necap 0x2\nrtaddr 0x0\nhaw 8\n", "bad.dmar:5: `8`: HAW must be from 12 to 64");
}

/* the srtp and te events (extensions) */
static void test_register_events(void)
{
	static const char text[] = "dmar-case 1\ncap 0x1\necap 0x2\nrtaddr 0x0\n"
				   "srtp\nsrtp 0x500400\nte off\nte on\n";
	struct dmar_case c;
	struct dmar_error err;

	CHECK(dmar_case_parse(text, sizeof(text) - 1, "te.dmar", &c, &err) == 0);
	CHECK(c.n_events == 4 && c.events[0].kind == DMAR_EV_SRTP && !c.events[0].u.srtp.has_rtaddr);
	CHECK(c.events[1].u.srtp.has_rtaddr && c.events[1].u.srtp.rtaddr == 0x500400);
	CHECK(c.events[2].kind == DMAR_EV_TE && !c.events[2].u.te_on && c.events[3].u.te_on);
	dmar_case_free(&c);
	round_trip(text);
	error_case(HDR "te maybe\n", "bad.dmar:5: `maybe`: must be on or off");
	/* bytes that are not printable are shown escaped, and a long token is cut */
	error_case(HDR "\x01\x7f\xc3\xa9zz\n", "bad.dmar:5: `\\x01\\x7f\\xc3\\xa9zz`: unknown line");
	error_case(HDR "mem 0x0 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\n",
		   "ffff...`: a value must be a number");
	/* issue 12: a sign or 0x in a source-id, a hole past 2^64, overlapping mem lines */
	error_case(HDR "dma -f:00.0 read 0x0\n", "bad.dmar:5: `-f:00.0`: a source-id is written BB:DD.F in hex");
	error_case(HDR "dma -1:00.0 read 0x0\n", "bad.dmar:5: `-1:00.0`: a source-id is written BB:DD.F in hex");
	error_case(HDR "dma 0x:00.0 read 0x0\n", "bad.dmar:5: `0x:00.0`: a source-id is written BB:DD.F in hex");
	error_case(HDR "hole 0xfffffffffffff000 8K\n", "bad.dmar:5: `8K`: the range wraps past 2^64");
	error_case(HDR "mem 0x1000 0x1 0x2\nmem 0x2000 0x4\nmem 0x1008 0x3\n",
		   "bad.dmar:7: `0x1008`: overlaps the mem line at line 5 (each address is given once)");
	error_case(HDR "cache-model walked\n", "bad.dmar:5: `walked`: must be architecture or observed");
	error_case(HDR "cache-model observed\ncache-model observed\n",
		   "bad.dmar:6: `cache-model`: this header line is given twice");
}

/* page requests and the prq outcome (extensions) */
static void test_page_request(void)
{
	static const char text[] = "dmar-case 1\ncap 0x1\necap 0x2\nrtaddr 0x400 scalable\n"
				   "dma 00:02.0 write 0x1000 pasid=3 at=pr => prq | fault 0x47\n";
	struct dmar_case c;
	struct dmar_error err;

	CHECK(dmar_case_parse(text, sizeof(text) - 1, "pr.dmar", &c, &err) == 0);
	CHECK(c.n_events == 1 && c.events[0].u.dma.rq.at == DMAR_AT_PR &&
	      c.events[0].u.dma.expect.o[0].kind == DMAR_OUT_PRQ);
	dmar_case_free(&c);
	round_trip(text);
}

int main(void)
{
	test_page_request();
	test_register_events();
	test_example_values();
	test_full_values();
	test_canonical_text();
	test_cache_model_line();
	test_long_lines();
	test_line_errors();
	round_trip(example);
	round_trip(full);
	test_errors();
	return check_summary();
}
