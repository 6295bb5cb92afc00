// SPDX-License-Identifier: Apache-2.0
/*
 * The QEMU launcher.  Options as measured (hw-tests/README.md, "QEMU facts"): q35 with
 * intel-iommu (aw-bits=48, interrupt remapping off), edu devices pinned at
 * the cases' source-ids with a 64-bit DMA mask, icount with sleep off so a
 * DMA's 100 ms of virtual time costs no wall time, output on the debug
 * console, the verdict through isa-debug-exit.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hw-tests/host/hw_qemu.h"
#include "hw-tests/core/limits.h"
#include "oracles/bits.h"

void dmar_qemu_machine_for(const struct dmar_case *c, struct dmar_qemu_machine *m)
{
	memset(m, 0, sizeof(*m));
	m->scalable = DMAR_RTADDR_TTM(c->rtaddr) == DMAR_TTM_SCALABLE;
	m->caching_mode = DMAR_CAP_CM(c->cap);
	m->snoop_control = dmar_bit(c->ecap, DMAR_ECAP_SC);
	/* QEMU 7.2 refuses device-iotlb with PASIDs; in scalable mode leave it off */
	m->device_iotlb = dmar_bit(c->ecap, DMAR_ECAP_DT) && !m->scalable;
	/* QEMU offers 39 (SAGAW 39) or 48 bits (SAGAW 39 and 48): the narrower when the case's MGAW is */
	m->narrow = DMAR_CAP_MGAW(c->cap) <= 39;
	m->no_pt = !dmar_bit(c->ecap, DMAR_ECAP_PT);
}

bool dmar_qemu_machine_same(const struct dmar_qemu_machine *a, const struct dmar_qemu_machine *b)
{
	return a->scalable == b->scalable && a->caching_mode == b->caching_mode &&
	       a->snoop_control == b->snoop_control && a->device_iotlb == b->device_iotlb &&
	       a->narrow == b->narrow && a->no_pt == b->no_pt;
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

/*
 * The build puts the image in its top folder (build/release/dmarfuzz-bm.elf):
 * next to dmarfuzz, one folder up from bench/bench_hw and the tests' programs.
 */
/*
 * A file the build puts beside the dmarfuzz binary (name relative to the
 * build folder): found next to the running executable, or one folder up
 * (the benchmarks run from build/bench/).  Where neither has it, the path
 * beside the executable, for the error message.
 */
static const char *build_file(const char *name, char *buf, size_t size)
{
	char dir[4096], up[4200];
	char *slash;
	ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);

	if (n <= 0) {
		snprintf(buf, size, "%s", name);
		return buf;
	}
	dir[n] = 0;
	if ((slash = strrchr(dir, '/')))
		*slash = 0; /* the executable's folder */
	if (snprintf(buf, size, "%s/%s", dir, name) >= (int)size || !access(buf, R_OK) ||
	    !(slash = strrchr(dir, '/')))
		return buf;
	*slash = 0; /* its parent */
	if (snprintf(up, sizeof(up), "%s/%s", dir, name) < (int)size && !access(up, R_OK))
		memcpy(buf, up, strlen(up) + 1);
	return buf;
}

const char *dmar_qemu_image(void)
{
	static char path[4096];
	const char *env = getenv("DMARFUZZ_BM_IMAGE");

	return env && *env ? env : build_file("dmarfuzz-bm.elf", path, sizeof(path));
}

/*
 * edu devices off bus 0: firmware numbers buses in the order of bus 0's
 * slots, so buses 1..N are N PCIe root ports on the highest slots no case
 * uses, each holding its bus's edu functions at device 0.
 */
static int bridged(const struct dmar_qemu_machine *m, char **argv, int argc, char store[][96], unsigned *used)
{
	unsigned buses = 0, slot, port, fn, i, slots[DMAR_QEMU_MAX_BUS];
	bool taken[32] = { false };

	for (i = 0; i < m->n_sids; i++) {
		if (!(m->sids[i] >> 8))
			taken[(m->sids[i] >> 3) & 0x1f] = true;
		else if ((m->sids[i] >> 8) > buses)
			buses = m->sids[i] >> 8;
	}
	if (buses > DMAR_QEMU_MAX_BUS)
		buses = DMAR_QEMU_MAX_BUS;
	/* the ports' slots, highest free first, then in ascending order (bus 1 the lowest slot) */
	for (slot = 0x1e, port = buses; port && slot > 2; slot--)
		if (!taken[slot])
			slots[--port] = slot;
	if (port)
		return argc; /* no room: those requests find no engine and are skipped */
	for (port = 0; port < buses; port++) {
		bool want[8] = { false }, more = false;

		snprintf(store[*used], 96, "pcie-root-port,id=rp%u,bus=pcie.0,chassis=%u,addr=%02x.0", port + 1,
			 port + 1, slots[port]);
		argv[argc++] = "-device";
		argv[argc++] = store[(*used)++];
		for (i = 0; i < m->n_sids; i++)
			if ((m->sids[i] >> 8) == port + 1 && !((m->sids[i] >> 3) & 0x1f))
				want[m->sids[i] & 7] = true;
		for (fn = 1; fn < 8; fn++)
			more |= want[fn];
		want[0] |= more;
		for (fn = 0; fn < 8; fn++) {
			if (!want[fn])
				continue;
			snprintf(store[*used], 96, "edu,bus=rp%u,addr=00.%u%s", port + 1, fn,
				 fn == 0 && more ? ",multifunction=on" : "");
			argv[argc++] = "-device";
			argv[argc++] = store[(*used)++];
		}
	}
	return argc;
}

/* the -device list: an edu at each source-id, function 0 of each slot first (PCI needs it) */
static int devices(const struct dmar_qemu_machine *m, char **argv, int argc, char store[][96])
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
			snprintf(store[used], 96, "edu,addr=%02x.%x%s", dev, fn,
				 fn == 0 && (want[1] || want[2] || want[3] || want[4] || want[5] ||
					     want[6] || want[7]) ? ",multifunction=on" : "");
			argv[argc++] = "-device";
			argv[argc++] = store[used++];
		}
	}
	return bridged(m, argv, argc, store, &used);
}

/* the machine's own options (everything but how the guest boots and talks) */
static int machine_args(const struct dmar_qemu_machine *m, char **argv, int argc, char *iommu, size_t n,
			char store[][96], const char *mem, const char *icount)
{
	snprintf(iommu, n, "intel-iommu,aw-bits=%u,intremap=off%s%s%s%s%s", m->narrow ? 39 : 48,
		 m->scalable ? ",x-scalable-mode=on,x-pasid-mode=on" : "", m->caching_mode ? ",caching-mode=on" : "",
		 m->snoop_control ? ",snoop-control=on" : "", m->device_iotlb ? ",device-iotlb=on" : "",
		 m->no_pt ? ",pt=off" : "");
	argv[argc++] = "qemu-system-x86_64";
	argv[argc++] = "-machine";
	argv[argc++] = "q35";
	argv[argc++] = "-m";
	argv[argc++] = (char *)mem;
	argv[argc++] = "-display";
	argv[argc++] = "none";
	argv[argc++] = "-vga";
	argv[argc++] = "none";
	argv[argc++] = "-nic";
	argv[argc++] = "none";
	argv[argc++] = "-no-reboot";
	argv[argc++] = "-icount";
	argv[argc++] = (char *)icount;
	argv[argc++] = "-device";
	argv[argc++] = iommu;
	argv[argc++] = "-global";
	argv[argc++] = "edu.dma_mask=0xffffffffffffffff";
	argc = devices(m, argv, argc, store);
	argv[argc++] = "-device";
	argv[argc++] = "isa-debug-exit,iobase=0xf4,iosize=4";
	return argc;
}

/* runs argv with its output in a file; the text, or NULL with err */
static char *run_capture(char **argv, unsigned timeout_s, bool *clean_exit, char *err, size_t err_size)
{
	char out_path[] = "/tmp/dmarfuzz-qemu-XXXXXX", *text = NULL;
	int fd, status = 0;
	pid_t pid;
	time_t start = time(NULL);
	FILE *f;
	long size;

	*clean_exit = false;
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

char *dmar_qemu_run(const char *image, const struct dmar_qemu_machine *m, const char *module,
		    unsigned timeout_s, bool *clean_exit, char *err, size_t err_size)
{
	char iommu[160], store[64][96];
	char *argv[200];
	int argc;

	if (access(image, R_OK)) {
		snprintf(err, err_size, "%s: cannot read the bare-metal image (%s); build first", image,
			 strerror(errno));
		return NULL;
	}
	/* 1 us an instruction: the driver sleeps on edu's interrupt, so DMAs cost no wall time */
	argc = machine_args(m, argv, 0, iommu, sizeof(iommu), store, "2G", "shift=10,sleep=off");
	argv[argc++] = "-debugcon";
	argv[argc++] = "stdio";
	argv[argc++] = "-kernel";
	argv[argc++] = (char *)image;
	if (module) {
		argv[argc++] = "-initrd";
		argv[argc++] = (char *)module;
	}
	argv[argc] = NULL;
	return run_capture(argv, timeout_s, clean_exit, err, err_size);
}

static const char init_script[] =
	"#!/bin/busybox sh\n"
	"# the guest's whole life: load the test driver, give it the plan, print its report, exit\n"
	"/bin/busybox mkdir -p /dev /proc\n"
	"/bin/busybox mount -t devtmpfs dev /dev\n"
	"/bin/busybox mount -t proc proc /proc\n"
	"/bin/busybox insmod /dmarfuzz.ko || echo 'error the test driver did not load'\n"
	"/bin/busybox cat /plan > /dev/dmarfuzz\n"
	"/bin/busybox cat /dev/dmarfuzz\n"
	"/bin/busybox printf '\\000' | /bin/busybox dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null\n"
	"/bin/busybox poweroff -f\n";

static int copy_file(const char *from, const char *to, mode_t mode)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;
	int rc = in && out ? 0 : -1;

	while (!rc && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
	if (in)
		fclose(in);
	if (out && fclose(out))
		rc = -1;
	return rc || chmod(to, mode) ? -1 : 0;
}

/* a newc initramfs holding busybox, the driver, the plan and the init script */
static int build_initramfs(const struct dmar_qemu_guest *g, const char *plan, const char *dir, char *cpio,
			   size_t n)
{
	char path[4200], cmd[8600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/bin", dir);
	if (mkdir(path, 0755))
		return -1;
	snprintf(path, sizeof(path), "%s/bin/busybox", dir);
	if (copy_file(g->busybox, path, 0755))
		return -1;
	snprintf(path, sizeof(path), "%s/dmarfuzz.ko", dir);
	if (copy_file(g->module, path, 0644))
		return -1;
	snprintf(path, sizeof(path), "%s/plan", dir);
	if (copy_file(plan, path, 0644))
		return -1;
	snprintf(path, sizeof(path), "%s/init", dir);
	if (!(f = fopen(path, "w")) || fputs(init_script, f) < 0 || fclose(f) || chmod(path, 0755))
		return -1;
	snprintf(cpio, n, "%s.cpio", dir);
	snprintf(cmd, sizeof(cmd), "cd '%s' && find . | cpio -o -H newc --quiet > '%s'", dir, cpio);
	return system(cmd) == 0 ? 0 : -1;
}

bool dmar_qemu_guest_find(struct dmar_qemu_guest *g, char *err, size_t err_size)
{
	static char kernel[4300], module[4096];
	const char *env = getenv("DMARFUZZ_GUEST_KERNEL");
	DIR *d;
	struct dirent *e;

	memset(g, 0, sizeof(*g));
	kernel[0] = 0;
	if (env && *env) {
		snprintf(kernel, sizeof(kernel), "%s", env);
	} else if ((d = opendir("/boot"))) {
		while ((e = readdir(d)))
			if (!strncmp(e->d_name, "vmlinuz-", 8))
				snprintf(kernel, sizeof(kernel), "/boot/%s", e->d_name);
		closedir(d);
	}
	build_file("linux-module/dmarfuzz.ko", module, sizeof(module));
	if ((env = getenv("DMARFUZZ_GUEST_MODULE")) && *env)
		snprintf(module, sizeof(module), "%s", env);
	/* the kernel the driver was built for, when the build said so */
	if (!getenv("DMARFUZZ_GUEST_KERNEL")) {
		char vf[4200], ver[256] = "";
		FILE *f;

		snprintf(vf, sizeof(vf), "%.*s/kernel-version", (int)(strrchr(module, '/') - module), module);
		if ((f = fopen(vf, "r"))) {
			if (fgets(ver, sizeof(ver), f) && ver[0])
				snprintf(kernel, sizeof(kernel), "/boot/vmlinuz-%s", ver);
			fclose(f);
			/* its uncompressed copy, made by the build, boots twice as fast */
			snprintf(vf, sizeof(vf), "%.*s/vmlinux", (int)(strrchr(module, '/') - module), module);
			if (ver[0] && !access(vf, R_OK))
				snprintf(kernel, sizeof(kernel), "%s", vf);
		}
	}
	g->kernel = kernel;
	g->module = module;
	g->busybox = "/bin/busybox";
	g->pool = DMAR_LINUX_POOL_BASE;
	g->pool_size = DMAR_LINUX_POOL_SIZE;
	if (!kernel[0] || access(kernel, R_OK))
		snprintf(err, err_size, "no guest kernel (/boot/vmlinuz-*): install linux-image-amd64");
	else if (access(module, R_OK))
		snprintf(err, err_size, "%s: the Linux test driver is not built (install linux-headers-amd64, build)",
			 module);
	else if (access(g->busybox, X_OK))
		snprintf(err, err_size, "/bin/busybox: install busybox-static");
	else
		return true;
	return false;
}

char *dmar_qemu_run_linux(const struct dmar_qemu_guest *g, const struct dmar_qemu_machine *m,
			  const char *plan, unsigned timeout_s, bool *clean_exit, char *err, size_t err_size)
{
	char iommu[160], store[64][96], dir[] = "/tmp/dmarfuzz-guest-XXXXXX", cpio[128], append[256];
	char cmd[300], *argv[200], *out;
	int argc;

	if (!mkdtemp(dir)) {
		snprintf(err, err_size, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	if (build_initramfs(g, plan, dir, cpio, sizeof(cpio))) {
		snprintf(err, err_size, "cannot build the guest's initramfs in %s (is cpio installed?)", dir);
		return NULL;
	}
	/* the driver's pool is kept from the guest kernel; translation stays the driver's */
	snprintf(append, sizeof(append),
		 "console=ttyS0 loglevel=1 quiet panic=-1 intel_iommu=off memmap=%lluM$0x%llx",
		 (unsigned long long)(g->pool_size >> 20), (unsigned long long)g->pool);
	/* 16 ns an instruction: slower clocks starve a Linux guest's RCU (measured: shift=10 stalls) */
	argc = machine_args(m, argv, 0, iommu, sizeof(iommu), store, "3G", "shift=4,sleep=off");
	argv[argc++] = "-serial";
	argv[argc++] = "stdio";
	argv[argc++] = "-kernel";
	argv[argc++] = (char *)g->kernel;
	argv[argc++] = "-initrd";
	argv[argc++] = cpio;
	argv[argc++] = "-append";
	argv[argc++] = append;
	argv[argc] = NULL;
	out = run_capture(argv, timeout_s, clean_exit, err, err_size);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", dir, cpio);
	if (system(cmd) != 0)
		fprintf(stderr, "note: %s was not removed\n", dir);
	return out;
}

/* ---- one QEMU for many plans ---------------------------------------------- */

/* reads from the driver until `stop` ends what it sent; the text (malloc'd), NULL on EOF or error */
static char *read_until(int fd, const char *stop)
{
	size_t n = 0, cap = 4096, sl = strlen(stop);
	char *buf = malloc(cap);
	ssize_t r;

	while (buf) {
		if (n + 1 == cap) {
			char *p = realloc(buf, cap * 2);

			if (!p)
				break;
			buf = p;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r <= 0)
			break;
		n += (size_t)r;
		buf[n] = 0;
		if (n >= sl && !strcmp(buf + n - sl, stop))
			return buf;
	}
	free(buf);
	return NULL;
}


int dmar_qemu_server_start(struct dmar_qemu_server *s, const char *image, const struct dmar_qemu_machine *m,
			   char *err, size_t err_size)
{
	char iommu[160], store[64][96], chardev[160], backend[160], *argv[200];
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int argc, tries, dn;
	pid_t pid;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->machine = *m;
	snprintf(s->sock, sizeof(s->sock), "/tmp/dmarfuzz-serve-%d-%ld.sock", (int)getpid(), (long)time(NULL));
	snprintf(chardev, sizeof(chardev), "socket,id=com1,path=%s,server=on,wait=on", s->sock);
	if (access(image, R_OK)) {
		snprintf(err, err_size, "%s: cannot read the bare-metal image; build first", image);
		return -1;
	}
	argc = machine_args(m, argv, 0, iommu, sizeof(iommu), store, "2G", "shift=10,sleep=off");
	/* the guest's RAM is a file both sides map: plans go straight into it */
	snprintf(s->ram_path, sizeof(s->ram_path), "/dev/shm/dmarfuzz-ram-%d-%ld", (int)getpid(), (long)time(NULL));
	s->ram_size = 2ull << 30;
	dn = open(s->ram_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (dn >= 0 && ftruncate(dn, (off_t)s->ram_size) == 0)
		s->ram = mmap(NULL, s->ram_size, PROT_READ | PROT_WRITE, MAP_SHARED, dn, 0);
	if (dn >= 0)
		close(dn);
	if (s->ram == MAP_FAILED)
		s->ram = NULL;
	if (s->ram) {
		snprintf(backend, sizeof(backend), "memory-backend-file,id=ram,size=2G,mem-path=%s,share=on",
			 s->ram_path);
		argv[2] = "q35,memory-backend=ram";
		argv[argc++] = "-object";
		argv[argc++] = backend;
	}
	argv[argc++] = "-chardev";
	argv[argc++] = chardev;
	argv[argc++] = "-serial";
	argv[argc++] = "chardev:com1";
	argv[argc++] = "-kernel";
	argv[argc++] = (char *)image;
	argv[argc++] = "-append";
	argv[argc++] = "serve";
	argv[argc] = NULL;
	pid = fork();
	if (pid == 0) {
		dn = open("/dev/null", O_RDWR);
		dup2(dn, 0);
		dup2(dn, 1);
		dup2(dn, 2); /* QEMU's own remarks on the guest's faults */
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0) {
		snprintf(err, err_size, "cannot start QEMU: %s", strerror(errno));
		return -1;
	}
	s->pid = pid;
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", s->sock);
	for (tries = 0; tries < 500; tries++) { /* QEMU waits for us on the socket */
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if ((s->fd = socket(AF_UNIX, SOCK_STREAM, 0)) >= 0 &&
		    connect(s->fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
			break;
		if (s->fd >= 0)
			close(s->fd);
		s->fd = -1;
		if (waitpid(pid, NULL, WNOHANG) == pid) {
			s->pid = 0;
			break;
		}
		nanosleep(&ts, NULL);
	}
	if (s->fd < 0 || !(s->hello = read_until(s->fd, "ready\n"))) {
		snprintf(err, err_size, "QEMU's driver did not come up (qemu-system-x86 installed?)");
		dmar_qemu_server_stop(s);
		return -1;
	}
	return 0;
}

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t w = write(fd, c, n);

		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

char *dmar_qemu_server_replay(struct dmar_qemu_server *s, const uint64_t *words, size_t n, char *err,
			      size_t err_size)
{
	uint64_t count = n;
	char *out;
	bool direct = s->ram && n < DMAR_BM_SERVE_MAX_BYTES / 8;

	if (direct) { /* into the guest's RAM; the count says so (bit 63) */
		memcpy(s->ram + DMAR_BM_SERVE_BUF, words, n * 8);
		count |= 1ull << 63;
	}
	if (s->fd < 0 || write_all(s->fd, &count, 8) || (!direct && write_all(s->fd, words, n * 8))) {
		snprintf(err, err_size, "QEMU's driver stopped listening");
		return NULL;
	}
	out = read_until(s->fd, "served\n");
	if (!out)
		snprintf(err, err_size, "QEMU's driver stopped answering (QEMU may have aborted)");
	return out;
}

void dmar_qemu_server_stop(struct dmar_qemu_server *s)
{
	uint64_t zero = 0;
	int i, status;

	/* a count of 0 ends the driver; the socket stays open until QEMU has read it */
	if (s->fd >= 0 && write_all(s->fd, &zero, 8))
		(void)0; /* it is going anyway */
	for (i = 0; s->pid > 0 && i < 200; i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
			s->pid = 0;
			break;
		}
		nanosleep(&ts, NULL);
	}
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, &status, 0);
	}
	if (s->fd >= 0)
		close(s->fd);
	unlink(s->sock);
	if (s->ram)
		munmap(s->ram, s->ram_size);
	if (s->ram_path[0])
		unlink(s->ram_path);
	free(s->hello);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}

/* ---- the unit a machine offers -------------------------------------------- */

int dmar_qemu_target(const char *out, struct dmar_hw_target *t)
{
	const char *l = strstr(out, "\nunit 0 ");
	unsigned long long base, ver, cap, ecap;
	unsigned haw;

	if (!l || sscanf(l + 1, "unit 0 base %llx ver %llx cap %llx ecap %llx haw %u", &base, &ver, &cap,
			 &ecap, &haw) != 5)
		return -1;
	t->cap = cap;
	t->ecap = ecap;
	t->ver = (uint32_t)ver;
	t->haw = (uint8_t)haw;
	t->pool = DMAR_BM_POOL_BASE;
	t->pool_end = DMAR_BM_IMAGE_BASE;
	/* the bare-metal machine has 2 GiB of RAM, all below 4 GiB: nothing from 4 GiB to 2^HAW */
	t->absent = 1ull << 32;
	t->absent_end = haw < 64 ? 1ull << haw : ~0ull;
	return 0;
}

void dmar_qemu_guest_target(const struct dmar_qemu_guest *g, struct dmar_hw_target *t)
{
	t->pool = g->pool;
	t->pool_end = g->pool + g->pool_size;
	t->absent = 5ull << 30; /* 3 GiB of RAM: 2 below 4 GiB, 1 from 4 GiB */
}

void dmar_qemu_pool(const struct dmar_qemu_guest *g, uint64_t *base, uint64_t *end)
{
	*base = g ? g->pool : DMAR_BM_POOL_BASE;
	*end = g ? g->pool + g->pool_size : DMAR_BM_IMAGE_BASE;
}
