/* SPDX-License-Identifier: Apache-2.0 */
/* Running the bare-metal driver under QEMU (hw-tests/README.md, "QEMU facts"). */
#ifndef DMAR_HW_QEMU_H
#define DMAR_HW_QEMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/case.h"
#include "hw-tests/host/hw.h"

/* the last bus an edu device can sit on: behind one PCIe root port each, buses 1-7 */
#define DMAR_QEMU_MAX_BUS 7

/* the QEMU machine a case needs */
struct dmar_qemu_machine {
	bool scalable, caching_mode, snoop_control, device_iotlb;
	bool narrow;       /* aw-bits=39 (SAGAW 39 only) rather than 48 */
	bool no_pt;        /* pt=off: no pass-through (ECAP.PT=0) */
	uint16_t sids[32]; /* where edu devices go (bus 0) */
	unsigned n_sids;
};

/* the machine options a case asks for (sids are added by the caller) */
void dmar_qemu_machine_for(const struct dmar_case *c, struct dmar_qemu_machine *m);
bool dmar_qemu_machine_same(const struct dmar_qemu_machine *a, const struct dmar_qemu_machine *b);
/* adds an edu device at sid unless there is one */
void dmar_qemu_add_sid(struct dmar_qemu_machine *m, uint16_t sid);

/* the bare-metal image: $DMARFUZZ_BM_IMAGE, else next to the running executable, else one folder up
 * (where the build puts it for bench/bench_hw and the tests' programs) */
const char *dmar_qemu_image(void);

/* the Linux test driver's guest: a kernel, the driver built for it, busybox for its init */
struct dmar_qemu_guest {
	const char *kernel, *module, *busybox;
	uint64_t pool, pool_size; /* reserved from the guest kernel (memmap=) for the driver */
};

/* finds the guest's parts ($DMARFUZZ_GUEST_KERNEL, /boot/vmlinuz-*, the driver next to the
 * executable in linux-module/, /bin/busybox); false with err when one is missing */
bool dmar_qemu_guest_find(struct dmar_qemu_guest *g, char *err, size_t err_size);

/*
 * The unit of the bare-metal machine as its driver's probe lines report it
 * (`unit 0 base ...`), with that machine's pool and absent memory; -1 when
 * the driver saw no unit.
 */
int dmar_qemu_target(const char *out, struct dmar_hw_target *t);
/* the memory the driver lends cases: the bare-metal one's (g NULL) or the Linux guest's */
void dmar_qemu_pool(const struct dmar_qemu_guest *g, uint64_t *base, uint64_t *end);
/* the same unit seen from the Linux guest: its pool and its absent memory */
void dmar_qemu_guest_target(const struct dmar_qemu_guest *g, struct dmar_hw_target *t);

/*
 * Boots a Linux guest that loads the test driver, hands it the plan and
 * prints its report; the rest as dmar_qemu_run.
 */
char *dmar_qemu_run_linux(const struct dmar_qemu_guest *g, const struct dmar_qemu_machine *m,
			  const char *plan, unsigned timeout_s, bool *clean_exit, char *err, size_t err_size);

/*
 * Boots the image with `module` (a plan file, or NULL to probe) and returns
 * what the driver printed (malloc'd, NUL-terminated) and whether it ended
 * normally (isa-debug-exit with 0).  NULL with err (one line) when QEMU
 * cannot be started at all.
 */
char *dmar_qemu_run(const char *image, const struct dmar_qemu_machine *m, const char *module,
		    unsigned timeout_s, bool *clean_exit, char *err, size_t err_size);

/*
 * One QEMU kept running for many plans (the bare-metal driver in `serve`
 * mode, talking over COM1 on a unix socket): start it, replay plan after
 * plan, stop it.  What the driver printed before `ready` (its probe) is in
 * `hello`.
 */
struct dmar_qemu_server {
	int pid, fd;
	char sock[64], ram_path[64];
	uint8_t *ram;      /* the guest's RAM, shared with QEMU */
	size_t ram_size;
	char *hello;
	struct dmar_qemu_machine machine;
};

int dmar_qemu_server_start(struct dmar_qemu_server *s, const char *image, const struct dmar_qemu_machine *m,
			   char *err, size_t err_size);
/* the report for one plan (malloc'd), NULL with err when the driver stopped answering */
char *dmar_qemu_server_replay(struct dmar_qemu_server *s, const uint64_t *words, size_t n, char *err,
			      size_t err_size);
void dmar_qemu_server_stop(struct dmar_qemu_server *s);

#endif
