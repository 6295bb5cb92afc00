// SPDX-License-Identifier: Apache-2.0
/*
 * A test driver under QEMU: start-up time (boot to the driver's exit with
 * an empty plan) and DMA cases replayed per second after it.  N one-DMA
 * legacy cases (a 4-level walk to a 4K page, half reads, half writes, a
 * quarter of them faulting) are planned and replayed in one run.  Issue
 * 5's targets: bare metal >= 1,000 cases/s after a start of <= 1 s; the
 * Linux driver >= 500 cases/s after a boot of <= 5 s.
 *
 *   bench_hw [N] [linux]   (default 2000 cases, the bare-metal driver; needs qemu-system-x86_64
 *                           and dmarfuzz-bm.elf where the build puts it (beside the bench
 *                           folder) or in $DMARFUZZ_BM_IMAGE; the Linux
 *                           driver needs what `dmarfuzz hw replay --driver linux` needs)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dmar/codec.h"
#include "harness/relocate.h"
#include "hw-tests/host/hw.h"
#include "hw-tests/host/hw_qemu.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* one case: 00:02.0 in domain 5, IOVA 0x400000 + i pages; every fourth page not mapped */
static int make_case(unsigned i, struct dmar_case *c)
{
	char text[1024];
	struct dmar_error err;
	unsigned pte = i % 512;

	snprintf(text, sizeof(text),
		 "dmar-case 1\ncap 0x00120784222f0602\necap 0x0000000000005047\nrtaddr 0x100000 legacy\n"
		 "mem 0x100000 0x101001 0x0\nmem 0x101100 0x200001 0x502\nmem 0x200000 0x201003\n"
		 "mem 0x201000 0x202003\nmem 0x202010 0x203003\nmem 0x%x 0x%x\n"
		 "dma 00:02.0 %s 0x%x\n",
		 0x203000 + pte * 8, i % 4 == 3 ? 0 : 0x9000003 + pte * 0x1000, i % 2 ? "write" : "read",
		 0x400000 + pte * 0x1000 + 0x10);
	return dmar_case_parse(text, strlen(text), "bench", c, &err);
}

/* one boot of the chosen driver with the plan in `path` */
static char *boot(const struct dmar_qemu_guest *g, const struct dmar_qemu_machine *m, const char *path,
		  bool *clean, char *err, size_t n)
{
	return g ? dmar_qemu_run_linux(g, m, path, 600, clean, err, n) :
		   dmar_qemu_run(dmar_qemu_image(), m, path, 600, clean, err, n);
}

static int write_plan(const struct dmar_words *plan, char *path)
{
	FILE *f;
	int fd = mkstemp(path);

	return fd < 0 || !(f = fdopen(fd, "wb")) || fwrite(plan->w, 8, plan->n, f) != plan->n || fclose(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 2000, i, done = 0;
	struct dmar_qemu_guest guest, *g = NULL;
	char empty[] = "/tmp/dmarfuzz-bench-XXXXXX";
	struct dmar_qemu_machine m;
	struct dmar_hw_target t = { 0 };
	struct dmar_words plan = { 0 };
	struct dmar_case c;
	struct dmar_hw_case hc;
	char err[256], path[] = "/tmp/dmarfuzz-bench-XXXXXX", *out, *l;
	double t0, start, run;
	bool clean;

	if (make_case(0, &c))
		return 2;
	dmar_qemu_machine_for(&c, &m);
	dmar_qemu_add_sid(&m, 0x10);
	if (argc > 2 && !strcmp(argv[2], "linux")) {
		if (!dmar_qemu_guest_find(&guest, err, sizeof(err))) {
			fprintf(stderr, "bench_hw: %s\n", err);
			return 2;
		}
		g = &guest;
	}
	out = dmar_qemu_run(dmar_qemu_image(), &m, NULL, 60, &clean, err, sizeof(err));
	if (!out || dmar_qemu_target(out, &t)) {
		fprintf(stderr, "bench_hw: %s\n", out ? "no unit" : err);
		return 2;
	}
	free(out);
	dmar_case_free(&c);
	if (g) /* the guest's pool; the cases move up into it */
		dmar_qemu_guest_target(g, &t);
	/* start-up: the driver with an empty plan */
	dmar_hw_plan_start(&plan, &t);
	if (write_plan(&plan, empty))
		return 2;
	t0 = now_s();
	out = boot(g, &m, empty, &clean, err, sizeof(err));
	start = now_s() - t0;
	unlink(empty);
	free(out);
	dmar_hw_plan_start(&plan, &t);
	for (i = 0; i < n; i++) {
		struct dmar_case moved;
		char why[160];

		if (make_case(i, &c))
			return 2;
		if (g && !dmar_case_relocate(&c, "bench", g->pool, &moved, why, sizeof(why))) {
			dmar_case_free(&c);
			c = moved;
		}
		if (dmar_hw_plan_case(&c, "bench", i, &t, &plan, &hc))
			return 2;
		dmar_hw_case_free(&hc);
		dmar_case_free(&c);
	}
	if (write_plan(&plan, path))
		return 2;
	t0 = now_s();
	out = boot(g, &m, path, &clean, err, sizeof(err));
	run = now_s() - t0;
	unlink(path);
	for (l = out; l && (l = strstr(l, "\ndma ")); l++)
		done++;
	printf("%s driver under QEMU (TCG, icount), %u one-DMA cases\n", g ? "Linux" : "bare-metal", n);
	printf("  start-up (boot to exit, nothing replayed)  %7.3f s   (target <= %s s: %s)\n", start,
	       g ? "5" : "1", start <= (g ? 5.0 : 1.0) ? "met" : "missed");
	printf("  replay run                                 %7.3f s   %u DMAs answered\n", run, done);
	printf("  cases per second after start-up            %7.0f     (target >= %s: %s)\n",
	       done / (run - start), g ? "500" : "1,000", done / (run - start) >= (g ? 500 : 1000) ? "met" : "missed");
	printf("  ratio replay / start-up                    %7.1fx\n", run / start);
	free(out);
	dmar_words_free(&plan);
	return clean && done == n ? 0 : 1;
}
