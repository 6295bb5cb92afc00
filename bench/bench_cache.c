// SPDX-License-Identifier: Apache-2.0
/*
 * Cost of judging DMAs under a cache history.  Builds (as text, parsed by
 * the real codec) a legacy case whose 512 PTEs are read, remapped and
 * invalidated over and over, then:
 *   - the cost of one DMA judged after a history of 1,000 writes and
 *     invalidations (the history run alone is subtracted);
 *   - the cost of a whole 10,000-event case, with and without invalidations
 *     (without them every remap leaves a stale value the oracle must walk).
 *
 *   bench_cache
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dmar/codec.h"
#include "dmar/engine.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct text {
	char *buf;
	size_t len, cap;
};

static void put(struct text *t, const char *fmt, unsigned long long a, unsigned long long b)
{
	char line[160];
	int n = snprintf(line, sizeof(line), fmt, a, b);

	if (t->len + (size_t)n + 1 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1 << 16;
		t->buf = realloc(t->buf, t->cap);
		if (!t->buf)
			exit(2);
	}
	memcpy(t->buf + t->len, line, (size_t)n + 1);
	t->len += (size_t)n;
}

/*
 * `events` events after the header: in rounds over the 512 pages, a DMA
 * (which leaves observations), a remap of its PTE, and every 8th round a
 * page-selective invalidation; then `dmas` final DMAs.
 */
static char *build(unsigned events, unsigned dmas, bool invalidate, size_t *len)
{
	struct text t = { 0 };
	unsigned e = 0, i = 0, k;

	put(&t, "dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000 legacy\n", 0, 0);
	put(&t, "mem 0x100000 0x101001 0x0\nmem 0x101100 0x200001 0x502\n", 0, 0);
	put(&t, "mem 0x200000 0x201003\nmem 0x201000 0x202003\nmem 0x202000 0x203003\n", 0, 0);
	for (k = 0; k < 512; k++)
		put(&t, "mem 0x%llx 0x%llx\n", 0x203000 + 8ull * k, (0x10000000ull + (k << 12)) | 3);
	while (e < events) {
		k = i % 512;
		put(&t, "dma 00:02.0 read 0x%llx\n", (unsigned long long)k << 12, 0);
		put(&t, "write 0x%llx 0x%llx\n", 0x203000 + 8ull * k,
		    (0x20000000ull + ((unsigned long long)i << 12)) | 3);
		e += 2;
		if (invalidate && i % 8 == 7) {
			put(&t, "inv iotlb page did=5 addr=0x%llx am=3 via=reg\n",
			    (unsigned long long)(k & ~7u) << 12, 0);
			e++;
		}
		i++;
	}
	for (k = 0; k < dmas; k++)
		put(&t, "dma 00:02.0 read 0x%llx\n", (unsigned long long)(k % 512) << 12, 0);
	*len = t.len;
	return t.buf;
}

/*
 * The chain of the reliability report: `pairs` times a new value in the
 * same PTE, then a DMA, never an invalidation.  Every value stays allowed,
 * so the cost must stop growing per event once the bound (16 values an
 * entry) is reached: doubling the pairs about doubles the time.
 */
static char *build_chain(unsigned pairs, size_t *len)
{
	struct text t = { 0 };
	unsigned i;

	put(&t, "dmar-case 1\ncap 0x00120784222f0602\necap 0x5047\nrtaddr 0x100000 legacy\n", 0, 0);
	put(&t, "mem 0x100000 0x101001 0x0\nmem 0x101100 0x200001 0x502\n", 0, 0);
	put(&t, "mem 0x200000 0x201003\nmem 0x201000 0x202003\nmem 0x202010 0x203003\n", 0, 0);
	for (i = 0; i < pairs; i++) {
		put(&t, "write 0x203000 0x%llx\n", (0x10000000ull + ((unsigned long long)i << 12)) | 3, 0);
		put(&t, "dma 00:02.0 read 0x400abc\n", 0, 0);
	}
	*len = t.len;
	return t.buf;
}

static double execute(char *text, size_t len)
{
	struct dmar_case c;
	struct dmar_error err;
	struct dmar_case_summary sum;
	double t0;

	if (dmar_case_parse(text, len, "bench", &c, &err)) {
		fprintf(stderr, "bench_cache: %s\n", err.msg);
		exit(2);
	}
	free(text);
	t0 = now_s();
	if (dmar_case_execute(&c, "bench", NULL, NULL, NULL, NULL, &sum, &err)) {
		fprintf(stderr, "bench_cache: %s\n", err.msg);
		exit(2);
	}
	t0 = now_s() - t0;
	dmar_case_free(&c);
	return t0;
}

static double run(unsigned events, unsigned dmas, bool invalidate)
{
	size_t len;
	char *text = build(events, dmas, invalidate, &len);

	return execute(text, len);
}

static double run_chain(unsigned pairs)
{
	size_t len;
	char *text = build_chain(pairs, &len);

	return execute(text, len);
}

int main(void)
{
	unsigned dmas = 1000;
	double base = run(1000, 0, true), with = run(1000, dmas, true), big = run(10000, 0, true);
	double stale = run(10000, 0, false);

	printf("oracle with the cache model (legacy, 512 pages remapped and invalidated in turn)\n");
	printf("  history of 1,000 writes/invalidations/DMAs   %8.3f ms\n", base * 1e3);
	printf("  one DMA judged after that history            %8.2f us  (%u DMAs)\n",
	       (with - base) / dmas * 1e6, dmas);
	printf("  a 10,000-event case                          %8.3f ms  %8.2f us/event\n", big * 1e3,
	       big / 10000 * 1e6);
	printf("  the same without invalidations (stale grows)  %8.3f ms  %8.2f us/event\n",
	       stale * 1e3, stale / 10000 * 1e6);
	{
		double c1 = run_chain(16000), c2 = run_chain(32000);

		printf("one PTE rewritten and read, never invalidated (issue 12's chain)\n");
		printf("  16,000 write/DMA pairs                        %8.3f ms\n", c1 * 1e3);
		printf("  32,000 write/DMA pairs                        %8.3f ms  (x%.2f for twice the pairs)\n",
		       c2 * 1e3, c2 / c1);
	}
	return 0;
}
