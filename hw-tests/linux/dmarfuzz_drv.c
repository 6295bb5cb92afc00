// SPDX-License-Identifier: Apache-2.0
/*
 * dmarfuzz: the Linux test driver of the hardware back-end.  It runs the
 * same freestanding replay core as the bare-metal driver (hw-tests/core)
 * on the platform's remapping unit, for a machine booted with
 * intel_iommu=off.  A plan is written to /dev/dmarfuzz; reading the device
 * replays it and returns the report (the line protocol of
 * hw-tests/README.md).  The plan's pool must be memory the kernel does not
 * use (boot with memmap=SIZE$START): the driver maps it and nothing else.
 */
#include <linux/acpi.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

#include "core/acpi_dmar.h"
#include "core/limits.h"
#include "core/plan.h"
#include "core/replay.h"

#define MAX_PLAN DMAR_LINUX_MAX_PLAN_BYTES
#define MAX_OUT DMAR_LINUX_MAX_OUT_BYTES
#define MAX_WINDOWS 64

struct window {
	u64 pa, size;
	void __iomem *va;
};

static struct {
	struct mutex lock;
	u8 *plan, *out;
	size_t plan_len, out_len;
	bool ran;
	struct window win[MAX_WINDOWS];
	unsigned int n_win;
	u64 pool, pool_size;
	u8 *pool_va;
	u8 *scratch;
	u64 *queue, *observer;
	struct dmar_acpi acpi;
	/* edu devices whose MSI wakes `idle` */
	struct pci_dev *edu[32];
	unsigned int n_edu;
	wait_queue_head_t wq;
	atomic_t irq_seen;
} drv;

static void __iomem *io(u64 pa)
{
	unsigned int i;

	for (i = 0; i < drv.n_win; i++)
		if (pa >= drv.win[i].pa && pa < drv.win[i].pa + drv.win[i].size)
			return drv.win[i].va + (pa - drv.win[i].pa);
	return NULL;
}

static bool map_window(u64 pa, u64 size)
{
	void __iomem *va;

	if (io(pa))
		return true;
	if (drv.n_win == MAX_WINDOWS || !(va = ioremap(pa, size)))
		return false;
	drv.win[drv.n_win++] = (struct window){ pa, size, va };
	return true;
}

static u32 mmio_read32(void *ctx, uint64_t pa)
{
	void __iomem *va = io(pa);

	return va ? readl(va) : ~0u;
}

static void mmio_write32(void *ctx, uint64_t pa, u32 v)
{
	void __iomem *va = io(pa);

	if (va)
		writel(v, va);
}

static void mmio_write64(void *ctx, uint64_t pa, uint64_t v)
{
	void __iomem *va = io(pa);

	if (va)
		writeq(v, va);
}

static struct pci_dev *fn(u16 bdf)
{
	return pci_get_domain_bus_and_slot(0, bdf >> 8, bdf & 0xff);
}

static u32 pci_read32(void *ctx, u16 bdf, unsigned int off)
{
	struct pci_dev *d = fn(bdf);
	u32 v = ~0u;

	if (d) {
		pci_read_config_dword(d, off, &v);
		/* edu's registers: map its BAR0 the first time it is looked at */
		if (off == 0x10 && (v & ~0xfu))
			map_window(v & ~0xfu, 0x1000);
		pci_dev_put(d);
	}
	return v;
}

static void pci_write32(void *ctx, u16 bdf, unsigned int off, u32 v)
{
	struct pci_dev *d = fn(bdf);

	if (d) {
		pci_write_config_dword(d, off, v);
		pci_dev_put(d);
	}
}

/* the pool, the driver's pages; nothing else of physical memory */
static const void *phys(void *ctx, uint64_t pa, size_t len)
{
	if (drv.pool_va && pa >= drv.pool && pa + len <= drv.pool + drv.pool_size)
		return drv.pool_va + (pa - drv.pool);
	if (pa >= virt_to_phys(drv.scratch) && pa + len <= virt_to_phys(drv.scratch) + PAGE_SIZE)
		return drv.scratch + (pa - virt_to_phys(drv.scratch));
	return NULL;
}

static void flush_line(void *ctx, uint64_t pa)
{
	const void *va = phys(ctx, pa, 8);

	if (va)
		asm volatile("clflush (%0)" : : "r"(va) : "memory");
}

static void out_putc(void *ctx, char c)
{
	if (drv.out_len < MAX_OUT)
		drv.out[drv.out_len++] = c;
}

static void delay(void *ctx, unsigned int us)
{
	udelay(us);
}

/*
 * Sleeping until edu's interrupt lets an emulator move its clock straight to
 * the DMA's end (hw-tests/README.md, "QEMU facts": icount, sleep=off); the timeout only
 * covers a lost interrupt.
 */
static void idle(void *ctx)
{
	wait_event_timeout(drv.wq, atomic_xchg(&drv.irq_seen, 0), HZ / 4);
}

static irqreturn_t edu_irq(int irq, void *dev)
{
	atomic_set(&drv.irq_seen, 1);
	wake_up(&drv.wq);
	return IRQ_HANDLED;
}

/* each edu device: enabled, its MSI handled here (the engine acknowledges edu's status) */
static void take_edu_interrupts(void)
{
	struct pci_dev *d = NULL;

	while (drv.n_edu < ARRAY_SIZE(drv.edu) && (d = pci_get_device(0x1234, 0x11e8, d))) {
		if (pci_enable_device(d) || pci_alloc_irq_vectors(d, 1, 1, PCI_IRQ_MSI) < 1 ||
		    request_irq(pci_irq_vector(d, 0), edu_irq, 0, "dmarfuzz-edu", &drv)) {
			pr_warn("dmarfuzz: %s: no MSI; DMAs are polled\n", pci_name(d));
			continue;
		}
		drv.edu[drv.n_edu++] = pci_dev_get(d);
	}
}

static struct dmar_platform platform = {
	.mmio_read32 = mmio_read32, .mmio_write32 = mmio_write32, .mmio_write64 = mmio_write64,
	.pci_read32 = pci_read32, .pci_write32 = pci_write32, .phys = phys, .clflush = flush_line,
	.putc = out_putc, .delay = delay, .idle = idle,
	.dma_irq = true,
};

static struct dmar_replay replay;
static struct dmar_edu edu;

static void say(const char *s)
{
	while (*s)
		out_putc(NULL, *s++);
}

/* the plan's POOL record, mapped */
static bool map_pool(const u64 *w, size_t words)
{
	size_t at = 2;

	while (at < words) {
		u32 tag = (u32)(w[at] >> 32), n = (u32)w[at];

		if (n > words - at - 1)
			return false;
		if (tag == DMAR_PLAN_POOL && n >= 2) {
			if (drv.pool_va && (drv.pool != w[at + 1] || drv.pool_size != w[at + 2])) {
				memunmap(drv.pool_va);
				drv.pool_va = NULL;
			}
			drv.pool = w[at + 1];
			drv.pool_size = w[at + 2];
			if (!drv.pool_va)
				drv.pool_va = memremap(drv.pool, drv.pool_size, MEMREMAP_WB);
			return drv.pool_va != NULL;
		}
		at += 1 + n;
	}
	return false;
}

static void run_plan(void)
{
	struct dmar_dma_engine eng;
	size_t words = drv.plan_len / 8;

	drv.out_len = 0;
	say("dmarfuzz-hw 1 linux\n");
	if (!drv.acpi.n_units) {
		say("none no ACPI DMAR table: no DMA-remapping unit reported\n");
		return;
	}
	if (!map_pool((const u64 *)drv.plan, words)) {
		say("error the plan's pool cannot be mapped (boot with memmap=SIZE$START reserving it)\n");
		return;
	}
	dmar_edu_init(&edu, &platform, &eng);
	dmar_replay_init(&replay, &platform, &eng, drv.acpi.units[0].base, drv.acpi.haw, drv.scratch,
			 virt_to_phys(drv.scratch), drv.queue, virt_to_phys(drv.queue));
	dmar_replay_observer(&replay, drv.observer, virt_to_phys(drv.observer));
	dmar_replay_run(&replay, (const uint64_t *)drv.plan, words);
	say("end\n");
}

static int dev_open(struct inode *inode, struct file *f)
{
	mutex_lock(&drv.lock);
	if (f->f_mode & FMODE_WRITE) {
		drv.plan_len = 0;
		drv.ran = false;
	}
	mutex_unlock(&drv.lock);
	return 0;
}

static ssize_t dev_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	ssize_t rc = len;

	mutex_lock(&drv.lock);
	if (len > MAX_PLAN - drv.plan_len)
		rc = -EFBIG;
	else if (copy_from_user(drv.plan + drv.plan_len, buf, len))
		rc = -EFAULT;
	else
		drv.plan_len += len;
	mutex_unlock(&drv.lock);
	return rc;
}

/* the first read replays the plan; reads return the report */
static ssize_t dev_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	ssize_t rc;

	mutex_lock(&drv.lock);
	if (!drv.ran) {
		run_plan();
		drv.ran = true;
	}
	if (*pos >= drv.out_len) {
		rc = 0;
	} else {
		rc = min_t(size_t, len, drv.out_len - *pos);
		if (copy_to_user(buf, drv.out + *pos, rc))
			rc = -EFAULT;
		else
			*pos += rc;
	}
	mutex_unlock(&drv.lock);
	return rc;
}

static const struct file_operations fops = {
	.owner = THIS_MODULE, .open = dev_open, .write = dev_write, .read = dev_read,
};

static struct miscdevice misc = { .minor = MISC_DYNAMIC_MINOR, .name = "dmarfuzz", .fops = &fops };

static int __init dmarfuzz_init(void)
{
	struct acpi_table_header *t;
	size_t where;
	const char *what;
	int rc;

	mutex_init(&drv.lock);
	init_waitqueue_head(&drv.wq);
	if (ACPI_SUCCESS(acpi_get_table(ACPI_SIG_DMAR, 0, &t))) {
		if (dmar_acpi_parse((const u8 *)t, t->length, &drv.acpi, &where, &what))
			pr_warn("dmarfuzz: ACPI DMAR table, byte %zu: %s\n", where, what);
		acpi_put_table(t);
	}
	drv.plan = vmalloc(MAX_PLAN);
	drv.out = vmalloc(MAX_OUT);
	drv.scratch = (u8 *)__get_free_page(GFP_KERNEL | GFP_DMA32);
	drv.queue = (u64 *)__get_free_page(GFP_KERNEL | GFP_DMA32);
	drv.observer = (u64 *)__get_free_pages(GFP_KERNEL | GFP_DMA32, 3); /* 8 pages, 6 used */
	if (!drv.plan || !drv.out || !drv.scratch || !drv.queue || !drv.observer)
		goto nomem;
	if (drv.acpi.n_units && !map_window(drv.acpi.units[0].base, 0x1000)) {
		rc = -EIO;
		goto fail;
	}
	take_edu_interrupts();
	rc = misc_register(&misc);
	if (rc)
		goto fail;
	pr_info("dmarfuzz: %u remapping unit(s); /dev/dmarfuzz ready\n", drv.acpi.n_units);
	return 0;
nomem:
	rc = -ENOMEM;
fail:
	vfree(drv.plan);
	vfree(drv.out);
	free_page((unsigned long)drv.scratch);
	free_page((unsigned long)drv.queue);
	if (drv.observer)
		free_pages((unsigned long)drv.observer, 3);
	return rc;
}

static void __exit dmarfuzz_exit(void)
{
	unsigned int i;

	misc_deregister(&misc);
	for (i = 0; i < drv.n_edu; i++) {
		free_irq(pci_irq_vector(drv.edu[i], 0), &drv);
		pci_free_irq_vectors(drv.edu[i]);
		pci_dev_put(drv.edu[i]);
	}
	for (i = 0; i < drv.n_win; i++)
		iounmap(drv.win[i].va);
	if (drv.pool_va)
		memunmap(drv.pool_va);
	vfree(drv.plan);
	vfree(drv.out);
	free_page((unsigned long)drv.scratch);
	free_page((unsigned long)drv.queue);
	free_pages((unsigned long)drv.observer, 3);
}

module_init(dmarfuzz_init);
module_exit(dmarfuzz_exit);
/* the project's licence; the module uses no GPL-only kernel symbol (loading it taints the kernel) */
MODULE_LICENSE("Apache-2.0");
MODULE_DESCRIPTION("dmarfuzz test driver: replays DMA-remapping cases on the platform's unit");
