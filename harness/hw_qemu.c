// SPDX-License-Identifier: Apache-2.0
/*
 * The QEMU launcher.  Options as measured (qemu-backend-notes.md): q35 with
 * intel-iommu (aw-bits=48, interrupt remapping off), edu devices pinned at
 * the cases' source-ids with a 64-bit DMA mask, icount with sleep off so a
 * DMA's 100 ms of virtual time costs no wall time, output on the debug
 * console, the verdict through isa-debug-exit.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/hw_qemu.h"
#include "oracles/bits.h"

void dmar_qemu_machine_for(const struct dmar_case *c, struct dmar_qemu_machine *m)
{
	memset(m, 0, sizeof(*m));
	m->scalable = DMAR_RTADDR_TTM(c->rtaddr) == DMAR_TTM_SCALABLE;
	m->caching_mode = DMAR_CAP_CM(c->cap);
	m->snoop_control = dmar_bit(c->ecap, DMAR_ECAP_SC);
	/* QEMU 7.2 refuses device-iotlb with PASIDs; in scalable mode leave it off */
	m->device_iotlb = dmar_bit(c->ecap, DMAR_ECAP_DT) && !m->scalable;
}

bool dmar_qemu_machine_same(const struct dmar_qemu_machine *a, const struct dmar_qemu_machine *b)
{
	return a->scalable == b->scalable && a->caching_mode == b->caching_mode &&
	       a->snoop_control == b->snoop_control && a->device_iotlb == b->device_iotlb;
}

void dmar_qemu_add_sid(struct dmar_qemu_machine *m, uint16_t sid)
{
	unsigned i;

	for (i = 0; i < m->n_sids; i++)
		if (m->sids[i] == sid)
			return;
	if (m->n_sids < sizeof(m->sids) / sizeof(m->sids[0]))
		m->sids[m->n_sids++] = sid;
}

const char *dmar_qemu_image(void)
{
	static char path[4096];
	const char *env = getenv("DMARFUZZ_BM_IMAGE");
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	if (n <= 0)
		return "dmarfuzz-bm.elf";
	path[n] = 0;
	slash = strrchr(path, '/');
	strcpy(slash ? slash + 1 : path, "dmarfuzz-bm.elf");
	return path;
}

/* the -device list: an edu at each source-id, function 0 of each slot first (PCI needs it) */
static int devices(const struct dmar_qemu_machine *m, char **argv, int argc, char store[][48])
{
	unsigned dev, fn, i, used = 0;

	for (dev = 1; dev < 0x1f; dev++) {
		bool any = false, want[8] = { false };

		for (i = 0; i < m->n_sids; i++)
			if (((m->sids[i] >> 3) & 0x1f) == dev && (m->sids[i] >> 8) == 0) {
				want[m->sids[i] & 7] = true;
				any = true;
			}
		if (!any)
			continue;
		want[0] = true;
		for (fn = 0; fn < 8; fn++) {
			if (!want[fn])
				continue;
			snprintf(store[used], 48, "edu,addr=%02x.%x%s", dev, fn,
				 fn == 0 && (want[1] || want[2] || want[3] || want[4] || want[5] ||
					     want[6] || want[7]) ? ",multifunction=on" : "");
			argv[argc++] = "-device";
			argv[argc++] = store[used++];
		}
	}
	return argc;
}

char *dmar_qemu_run(const char *image, const struct dmar_qemu_machine *m, const char *module,
		    unsigned timeout_s, bool *clean_exit, char *err, size_t err_size)
{
	char iommu[160], out_path[] = "/tmp/dmarfuzz-qemu-XXXXXX", store[64][48];
	char *argv[200], *text = NULL;
	int argc = 0, fd, status = 0;
	pid_t pid;
	time_t start = time(NULL);
	FILE *f;
	long size;

	*clean_exit = false;
	snprintf(iommu, sizeof(iommu), "intel-iommu,aw-bits=48,intremap=off%s%s%s%s",
		 m->scalable ? ",x-scalable-mode=on,x-pasid-mode=on" : "", m->caching_mode ? ",caching-mode=on" : "",
		 m->snoop_control ? ",snoop-control=on" : "", m->device_iotlb ? ",device-iotlb=on" : "");
	argv[argc++] = "qemu-system-x86_64";
	argv[argc++] = "-machine";
	argv[argc++] = "q35";
	argv[argc++] = "-m";
	argv[argc++] = "2G";
	argv[argc++] = "-display";
	argv[argc++] = "none";
	argv[argc++] = "-vga";
	argv[argc++] = "none";
	argv[argc++] = "-nic";
	argv[argc++] = "none";
	argv[argc++] = "-no-reboot";
	argv[argc++] = "-icount";
	argv[argc++] = "shift=10,sleep=off";
	argv[argc++] = "-device";
	argv[argc++] = iommu;
	argv[argc++] = "-global";
	argv[argc++] = "edu.dma_mask=0xffffffffffffffff";
	argc = devices(m, argv, argc, store);
	argv[argc++] = "-debugcon";
	argv[argc++] = "stdio";
	argv[argc++] = "-device";
	argv[argc++] = "isa-debug-exit,iobase=0xf4,iosize=4";
	argv[argc++] = "-kernel";
	argv[argc++] = (char *)image;
	if (module) {
		argv[argc++] = "-initrd";
		argv[argc++] = (char *)module;
	}
	argv[argc] = NULL;
	if (access(image, R_OK)) {
		snprintf(err, err_size, "%s: cannot read the bare-metal image (%s); build first", image,
			 strerror(errno));
		return NULL;
	}
	if ((fd = mkstemp(out_path)) < 0) {
		snprintf(err, err_size, "%s: %s", out_path, strerror(errno));
		return NULL;
	}
	pid = fork();
	if (pid == 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fd);
	if (pid < 0) {
		snprintf(err, err_size, "cannot start QEMU: %s", strerror(errno));
		unlink(out_path);
		return NULL;
	}
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if (w == pid)
			break;
		if ((unsigned)(time(NULL) - start) > timeout_s) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		nanosleep(&ts, NULL);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		snprintf(err, err_size,
			 "qemu-system-x86_64 not found: install the Debian package qemu-system-x86");
		unlink(out_path);
		return NULL;
	}
	*clean_exit = WIFEXITED(status) && WEXITSTATUS(status) == 1; /* isa-debug-exit: (0 << 1) | 1 */
	f = fopen(out_path, "rb");
	if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (text = malloc((size_t)size + 1))) {
		text[fread(text, 1, (size_t)size, f)] = 0;
	}
	if (f)
		fclose(f);
	unlink(out_path);
	if (!text)
		snprintf(err, err_size, "cannot read QEMU's output");
	return text;
}
