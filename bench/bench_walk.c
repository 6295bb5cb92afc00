// SPDX-License-Identifier: Apache-2.0
/*
 * Oracle walk rate.  Builds a legacy-mode unit with a 4-level table that
 * maps 512 4K pages and 512 2M pages, and a scalable-mode unit whose PASID 0
 * is a 5-level first stage and PASID 1 a 4-level second stage over 512 4K
 * pages each; translates requests spread over them, and prints nanoseconds
 * per translation beside an empty loop over the same requests (the ratio is
 * what to compare across machines).
 *
 *   bench_walk [ITERATIONS]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_mem.h"
#include "dmar/mem.h"
#include "dmar/oracle.h"

#define NREQ 1024

/* the benchmark measures translations, not faults: check one first */
static void expect_ok(const struct dmar_oracle *o, const struct dmar_mem_if *mif,
		      const struct dmar_request *rq, uint64_t hpa)
{
	struct dmar_outcome_set out;

	if (dmar_oracle_answer(o, mif, rq, &out, NULL) || out.n != 1 ||
	    out.o[0].kind != DMAR_OUT_OK || out.o[0].hpa != hpa) {
		fprintf(stderr, "bench_walk: the benchmark tables do not translate 0x%llx as built\n",
			(unsigned long long)rq->addr);
		exit(2);
	}
}

/* one volatile sink keeps the compiler from dropping either loop */
static volatile uint64_t sink;

static double run(const struct dmar_oracle *o, const struct dmar_mem_if *mif,
		  const struct dmar_request *rq, long iters, int empty)
{
	struct dmar_outcome_set out;
	double t0 = bench_now_ns();
	long i;

	for (i = 0; i < iters; i++) {
		const struct dmar_request *r = &rq[i & (NREQ - 1)];

		if (empty) {
			sink += r->addr;
		} else {
			dmar_oracle_answer(o, mif, r, &out, NULL);
			sink += out.o[0].hpa;
		}
	}
	return (bench_now_ns() - t0) / iters;
}

/*
 * Scalable mode: 00:02.0, context 0x101200 -> PASID dir 0x110000 -> table
 * 0x120000.  PASID 0: first stage, FSPM=01 (5 levels), A and D preset so
 * nothing is written.  PASID 1: second stage, AW=2, sharing the leaf table.
 */
static void bench_scalable(long iters, double tempty)
{
	struct dmar_arena arena;
	struct dmar_smem mem;
	struct dmar_mem_if mif;
	struct dmar_unit unit = {
		.cap = 0x11120784222f0602ull,  /* unit S of the corpus plus FS5LP */
		.ecap = 0x0003e99e840050c7ull, /* DT PASID SMTS FSTS SSTS NEST SMPWCS ... */
		.rtaddr = 0x100400,            /* scalable */
		.ver = 0x10,
		.haw = 48,
		.te = true,
	};
	struct dmar_oracle o;
	static struct dmar_request fs[NREQ], ss[NREQ], nest[NREQ];
	double tfs, tss, tnest;
	uint64_t i;

	bench_mem_init(&mem, &arena, 48);
	dmar_smem_as_if(&mem, &mif);
	bench_put("bench_walk", &mem, 0x100000, 0x101001);
	bench_put("bench_walk", &mem, 0x101200, 0x11000d);
	bench_put("bench_walk", &mem, 0x110000, 0x120001);
	bench_put("bench_walk", &mem, 0x120000, 0x41);                 /* PASID 0: first stage */
	bench_put("bench_walk", &mem, 0x120008, 0x800006);             /* PWSNP, DID 6 */
	bench_put("bench_walk", &mem, 0x120010, 0x300005);             /* FSPTPTR 0x300000, FSPM=01, SRE */
	bench_put("bench_walk", &mem, 0x120040, 0x200089);             /* PASID 1: second stage, AW=2 */
	bench_put("bench_walk", &mem, 0x120048, 0x5);
	/*
	 * PASID 2: nested, 4-level first stage over the 4-level second stage.
	 * The second stage maps GPA 0..2M onto HPA 0x20000000.. (its PT is the
	 * shared leaf table 0x305000), so the first stage's tables are built at
	 * GPA 0x3x000 = HPA 0x2003x000 and its PT maps GPA pages 0x100000 +
	 * (i << 12), which land at HPA 0x20100000 + (i << 12).
	 */
	bench_put("bench_walk", &mem, 0x120080, 0x2000c9);             /* SS root 0x200000, PGTT 011, AW=2 */
	bench_put("bench_walk", &mem, 0x120088, 0x800007);
	bench_put("bench_walk", &mem, 0x120090, 0x30001);              /* FSPTPTR GPA 0x30000, 4-level, SRE */
	for (i = 0; i < 3; i++)
		bench_put("bench_walk", &mem, 0x20030000 + 0x1000 * i, (0x31000 + 0x1000 * i) | 0x27);
	for (i = 0; i < 256; i++)
		bench_put("bench_walk", &mem, 0x20033000 + 8 * i, (0x100000 + (i << 12)) | 0x67);
	for (i = 0; i < 3; i++)                    /* FS PML5 -> PML4 -> PDPT -> PD 0x303000 */
		bench_put("bench_walk", &mem, 0x300000 + 0x1000 * i, (0x301000 + 0x1000 * i) | 0x27);
	bench_put("bench_walk", &mem, 0x303000, 0x305027);             /* FS PDE -> PT 0x305000 */
	bench_put("bench_walk", &mem, 0x200000, 0x201003);             /* SS PML4 -> PDPT -> PD -> PT 0x305000 */
	bench_put("bench_walk", &mem, 0x201000, 0x202003);
	bench_put("bench_walk", &mem, 0x202000, 0x305003);
	for (i = 0; i < 512; i++)                  /* leaves, valid in both formats: P/R RW US A D */
		bench_put("bench_walk", &mem, 0x305000 + 8 * i, (0x20000000 + (i << 12)) | 0x67);
	for (i = 0; i < NREQ; i++) {
		fs[i] = (struct dmar_request){ .addr = ((i * 7) % 512) << 12 | 0x20, .len = 4,
					       .sid = 0x10, .access = DMAR_ACC_READ };
		ss[i] = fs[i];
		ss[i].has_pasid = true;
		ss[i].pasid = 1;
		nest[i] = ss[i];
		nest[i].pasid = 2;
		nest[i].addr = ((i * 7) % 256) << 12 | 0x20;
	}
	dmar_oracle_init(&o, &unit);
	expect_ok(&o, &mif, &fs[1], 0x20007020);
	expect_ok(&o, &mif, &ss[1], 0x20007020);
	expect_ok(&o, &mif, &nest[1], 0x20107020);
	run(&o, &mif, fs, iters / 10 + 1, 0);
	tfs = run(&o, &mif, fs, iters, 0);
	tss = run(&o, &mif, ss, iters, 0);
	tnest = run(&o, &mif, nest, iters / 4, 0);
	printf("oracle walk, scalable mode (context + PASID directory + PASID entry first)\n");
	printf("  FS 5-level, 4K      %8.2f ns/walk  %10.0f walks/s  %6.1fx empty\n", tfs, 1e9 / tfs,
	       tfs / (tempty > 0 ? tempty : 1e-9));
	printf("  SS 4-level, 4K      %8.2f ns/walk  %10.0f walks/s  %6.1fx empty\n", tss, 1e9 / tss,
	       tss / (tempty > 0 ? tempty : 1e-9));
	printf("  nested 4+4, 4K      %8.2f ns/walk  %10.0f walks/s  %6.1fx empty\n", tnest,
	       1e9 / tnest, tnest / (tempty > 0 ? tempty : 1e-9));
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 4000000;
	struct dmar_arena arena;
	struct dmar_smem mem;
	struct dmar_mem_if mif;
	struct dmar_unit unit = {
		.cap = 0x00120784222f0602ull, /* MGAW 48, SAGAW 39+48, 2M pages, ND 2 */
		.ecap = 0x5047,
		.rtaddr = 0x100000,
		.ver = 0x10,
		.haw = 48,
		.te = true,
	};
	struct dmar_oracle o;
	static struct dmar_request rq4k[NREQ], rq2m[NREQ];
	uint64_t i;
	double t4k, t2m, tempty;

	if (iters <= 0)
		iters = 1;
	bench_mem_init(&mem, &arena, 48);
	dmar_smem_as_if(&mem, &mif);
	/* bus 0 -> context table 0x101000; 00:02.0 -> domain 5, 4-level, SS root 0x200000 */
	bench_put("bench_walk", &mem, 0x100000, 0x101001);
	bench_put("bench_walk", &mem, 0x101100, 0x200001);
	bench_put("bench_walk", &mem, 0x101108, 0x502);
	bench_put("bench_walk", &mem, 0x200000, 0x201003);        /* PML4E[0] */
	bench_put("bench_walk", &mem, 0x201000, 0x202003);        /* PDPE[0] -> PD for 0..1G */
	bench_put("bench_walk", &mem, 0x201008, 0x203003);        /* PDPE[1] -> PD for 1G..2G */
	bench_put("bench_walk", &mem, 0x202000, 0x204003);        /* PDE[0] -> PT for 0..2M */
	for (i = 0; i < 512; i++) {
		bench_put("bench_walk", &mem, 0x204000 + 8 * i, (0x10000000 + (i << 12)) | 3);   /* 4K pages */
		bench_put("bench_walk", &mem, 0x203000 + 8 * i, (0x80000000ull + (i << 21)) | 0x83); /* 2M pages */
	}
	for (i = 0; i < NREQ; i++) {
		rq4k[i] = (struct dmar_request){ .addr = ((i * 7) % 512) << 12 | 0x10, .len = 4,
						 .sid = 0x10, .access = DMAR_ACC_READ };
		rq2m[i] = rq4k[i];
		rq2m[i].addr = (1ull << 30) + (((i * 7) % 512) << 21) + 0x40;
	}
	dmar_oracle_init(&o, &unit);
	expect_ok(&o, &mif, &rq4k[1], 0x10007010);
	expect_ok(&o, &mif, &rq2m[1], 0x80e00040);
	run(&o, &mif, rq4k, iters / 10 + 1, 0); /* warm up */
	tempty = run(&o, &mif, rq4k, iters, 1);
	t4k = run(&o, &mif, rq4k, iters, 0);
	t2m = run(&o, &mif, rq2m, iters, 0);
	printf("oracle walk, legacy mode, %ld requests each\n", iters);
	printf("  empty loop          %8.2f ns/request\n", tempty);
	printf("  4-level walk, 4K    %8.2f ns/walk  %10.0f walks/s  %6.1fx empty\n", t4k, 1e9 / t4k,
	       t4k / (tempty > 0 ? tempty : 1e-9));
	printf("  4-level walk, 2M    %8.2f ns/walk  %10.0f walks/s  %6.1fx empty\n", t2m, 1e9 / t2m,
	       t2m / (tempty > 0 ? tempty : 1e-9));
	printf("  target: <= 100 ns per 4-level walk: %s\n", t4k <= 100 ? "met" : "NOT met");
	bench_scalable(iters, tempty);
	return 0;
}
