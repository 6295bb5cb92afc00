// SPDX-License-Identifier: Apache-2.0
/*
 * The driver's own sandbox check: a plan that claims its DMA lands in the
 * pool while the tables really map it outside (at 0x7e000000, above the
 * bare-metal pool's end 0x7c000000).  The driver must walk the tables
 * itself and refuse to fire; a second DMA through an honest mapping fires.
 * The plan is written word by word here (hw-tests/core/plan.h), as a
 * corrupted or hostile plan would be.
 *
 *   test_hw_sandbox   ($DMARFUZZ_BM_IMAGE: the bare-metal driver)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "hw-tests/host/hw_qemu.h"
#include "hw-tests/core/plan.h"

static uint64_t plan[256];
static size_t n;

static void rec(unsigned tag, unsigned count, const uint64_t *op)
{
	unsigned i;

	plan[n++] = (uint64_t)tag << 32 | count;
	for (i = 0; i < count; i++)
		plan[n++] = op[i];
}

int main(void)
{
	struct dmar_qemu_machine m = { .n_sids = 1, .sids = { 0x10 } };
	char path[] = "/tmp/dmarfuzz-sandbox-XXXXXX", err[256], *out;
	bool clean;
	FILE *f;
	int fd;

	plan[n++] = DMAR_PLAN_MAGIC;
	plan[n++] = DMAR_PLAN_VERSION;
	rec(DMAR_PLAN_POOL, 2, (uint64_t[]){ 0x100000, 0x7c000000 - 0x100000 });
	rec(DMAR_PLAN_CASE, 3, (uint64_t[]){ 0, 0x100000, DMAR_PLAN_F_TE });
	/* legacy tables: 00:02.0, DID 5, 4 levels; IOVA 0x400000 -> 0x7e000000 (outside), 0x401000 -> 0x9001000 */
	rec(DMAR_PLAN_WRITE, 3, (uint64_t[]){ 0x100000, 0x101001, 0 });
	rec(DMAR_PLAN_WRITE, 3, (uint64_t[]){ 0x101100, 0x200001, 0x502 });
	rec(DMAR_PLAN_WRITE, 2, (uint64_t[]){ 0x200000, 0x201003 });
	rec(DMAR_PLAN_WRITE, 2, (uint64_t[]){ 0x201000, 0x202003 });
	rec(DMAR_PLAN_WRITE, 2, (uint64_t[]){ 0x202010, 0x203003 });
	rec(DMAR_PLAN_WRITE, 3, (uint64_t[]){ 0x203000, 0x7e000003, 0x9001003 });
	/* the lie: "this write lands at 0x9000abc" */
	rec(DMAR_PLAN_DMA, 6, (uint64_t[]){ 7, 0x10, 1, 0x400abc, 4, 0x9000abc });
	/* the truth, for contrast */
	rec(DMAR_PLAN_DMA, 6, (uint64_t[]){ 8, 0x10, 1, 0x401abc, 4, 0x9001abc });
	rec(DMAR_PLAN_END, 0, NULL);
	fd = mkstemp(path);
	CHECK(fd >= 0 && (f = fdopen(fd, "wb")) && fwrite(plan, 8, n, f) == n && fclose(f) == 0);
	out = dmar_qemu_run(dmar_qemu_image(), &m, path, 60, &clean, err, sizeof(err));
	unlink(path);
	if (!out) {
		fprintf(stderr, "%s\n", err);
		CHECK(0);
		return check_summary();
	}
	CHECK(clean);
	CHECK(strstr(out, "dma 0 7 skip the driver's own walk reaches outside the sandbox\n") != NULL);
	CHECK(strstr(out, "dma 0 8 ok 0x9001abc\n") != NULL);
	if (check_failed)
		fprintf(stderr, "%s", out);
	free(out);
	return check_summary();
}
