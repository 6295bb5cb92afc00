// SPDX-License-Identifier: Apache-2.0
/*
 * The replay core (hw-tests/README.md).  Register offsets and bits are the
 * VT-d specification's (vtd-notes section 1): GCMD 018h / GSTS 01Ch (TE 31,
 * SRTP 30, QIE 26), RTADDR 020h, CCMD 028h, FSTS 034h, IQH/IQT/IQA
 * 080h/088h/090h, IOTLB_REG at 16 * ECAP.IRO + 8, FRCD at 16 * CAP.FRO.
 */
#include "replay.h"
#include "console.h"
#include "plan.h"
#include "dmar/oracle.h"
#include "oracles/bits.h"
#include "oracles/format.h"

#define GCMD 0x18
#define GSTS 0x1c
#define RTADDR 0x20
#define CCMD 0x28
#define FSTS 0x34
#define IQH 0x80
#define IQT 0x88
#define IQA 0x90
#define TE_BIT (1u << 31)
#define SRTP_BIT (1u << 30)
#define QIE_BIT (1u << 26)
#define FSTS_IQE (1u << 4)
#define SPIN 1000000

static uint32_t rd32(struct dmar_replay *r, unsigned off)
{
	return r->p->mmio_read32(r->p->ctx, r->unit + off);
}

static void wr32(struct dmar_replay *r, unsigned off, uint32_t v)
{
	r->p->mmio_write32(r->p->ctx, r->unit + off, v);
}

static uint64_t rd64(struct dmar_replay *r, unsigned off)
{
	return dmar_mmio_read64(r->p, r->unit + off);
}

static void wr64(struct dmar_replay *r, unsigned off, uint64_t v)
{
	dmar_mmio_write64(r->p, r->unit + off, v);
}

static void say(struct dmar_replay *r, const char *s)
{
	dmar_hw_puts(r->p, s);
}

static void say_hex(struct dmar_replay *r, uint64_t v)
{
	dmar_hw_hex(r->p, v, 0);
}

/* a poll that ran out: "error case C: WHAT" (the replay goes on; what follows may show it) */
static bool timed_out(struct dmar_replay *r, const char *what)
{
	say(r, "error case ");
	dmar_hw_dec(r->p, r->case_index);
	say(r, ": ");
	say(r, what);
	say(r, "\n");
	return false;
}

/* "WHAT CASE EVENT" */
static void head(struct dmar_replay *r, const char *what, uint64_t event)
{
	say(r, what);
	say(r, " ");
	dmar_hw_dec(r->p, r->case_index);
	say(r, " ");
	dmar_hw_dec(r->p, (uint32_t)event);
}

static uint8_t *mem(struct dmar_replay *r, uint64_t pa, size_t len)
{
	return (uint8_t *)r->p->phys(r->p->ctx, pa, len);
}

/* GCMD takes the status bits it keeps plus one command (vtd-notes 1.4); a bit GSTS never shows is an error line */
static bool command(struct dmar_replay *r, uint32_t bit, bool on)
{
	uint32_t st = rd32(r, GSTS) & 0x96ffffffu, i;

	if (bit == SRTP_BIT)
		st &= ~SRTP_BIT;
	wr32(r, GCMD, on ? st | bit : st & ~bit);
	for (i = 0; i < SPIN; i++)
		if (!!(rd32(r, GSTS) & bit) == on)
			return true;
	return timed_out(r, bit == TE_BIT ? "GSTS.TES did not follow GCMD.TE" :
			    bit == SRTP_BIT ? "GSTS.RTPS did not follow GCMD.SRTP" : "GSTS.QIES did not follow GCMD.QIE");
}

static bool set_te(struct dmar_replay *r, bool on)
{
	if (r->te == on)
		return true;
	r->te = on;
	return command(r, TE_BIT, on);
}

static bool reg_wait(struct dmar_replay *r, unsigned off)
{
	uint32_t i;

	for (i = 0; i < SPIN; i++)
		if (!(rd64(r, off) >> 63))
			return true;
	return timed_out(r, "a register-based invalidation did not complete");
}

static unsigned iotlb_reg(struct dmar_replay *r)
{
	return (unsigned)(((r->ecap >> 8) & 0x3ff) * 16 + 8);
}

/* one descriptor into the queue; waits until the unit has fetched it or stopped (IQE); false
 * (with an error line) when it did neither in time */
static bool qi_submit(struct dmar_replay *r, const uint64_t *w, unsigned n)
{
	unsigned slot = r->qi_wide ? 4 : 2, i;
	uint32_t spin;

	if (r->iqe)
		return true;
	for (i = 0; i < slot; i++)
		r->queue[r->qt / 8 + i] = i < n ? w[i] : 0;
	r->qt = (r->qt + slot * 8) % 4096;
	wr64(r, IQT, r->qt);
	for (spin = 0; spin < SPIN; spin++) {
		if (rd32(r, FSTS) & FSTS_IQE) {
			r->iqe = true;
			return true;
		}
		if ((uint32_t)rd64(r, IQH) == r->qt)
			return true;
	}
	return timed_out(r, "the invalidation queue did not take a descriptor (IQH stayed behind IQT)");
}

static void clear_faults(struct dmar_replay *r)
{
	unsigned nfr = (unsigned)((r->cap >> 40) & 0xff) + 1, fro = (unsigned)((r->cap >> 24) & 0x3ff);
	unsigned i;

	for (i = 0; i < nfr; i++)
		wr32(r, fro * 16 + i * 16 + 12, 0x80000000u);
	wr32(r, FSTS, 0x7d); /* every write-1-to-clear bit but PPF (read-only) and IQE */
}

/*
 * reports and clears every fault record (FRCD: F 127, T1 126, AT 125:124, PASID value 123:104,
 * reason 103:96, PP 95, EXE 94, PRIV 93, T2 92, SID 79:64, address 63:12)
 */
static unsigned report_faults(struct dmar_replay *r, uint64_t event)
{
	unsigned nfr = (unsigned)((r->cap >> 40) & 0xff) + 1, fro = (unsigned)((r->cap >> 24) & 0x3ff);
	unsigned i, n = 0;

	for (i = 0; i < nfr; i++) {
		unsigned off = fro * 16 + i * 16;
		uint64_t hi = rd64(r, off + 8), lo = rd64(r, off);

		if (!(hi >> 63))
			continue;
		head(r, "fault", event);
		say(r, " ");
		dmar_hw_hex(r->p, (hi >> 32) & 0xff, 2);
		say(r, " sid ");
		dmar_hw_sid(r->p, (uint16_t)hi);
		say(r, " addr ");
		say_hex(r, lo & ~0xfffull);
		say(r, (hi >> 62) & 1 ? " r" : " w");
		if ((hi >> 31) & 1) { /* PASID present: its value, and the request's privilege and execute */
			say(r, " pasid ");
			say_hex(r, (hi >> 40) & 0xfffff);
			say(r, (hi >> 29) & 1 ? " priv" : "");
			say(r, (hi >> 30) & 1 ? " exec" : "");
		}
		say(r, "\n");
		wr32(r, off + 12, 0x80000000u);
		n++;
	}
	wr32(r, FSTS, 0x1); /* PFO */
	return n;
}

static void add_dirty(struct dmar_replay *r, uint64_t pa)
{
	uint64_t page = pa >> 12;
	uint32_t i;

	for (i = r->n_dirty; i-- > 0;)
		if (r->dirty[i] == page)
			return;
	if (r->n_dirty < DMAR_REPLAY_MAX_DIRTY)
		r->dirty[r->n_dirty++] = page;
}

static bool in_pool(struct dmar_replay *r, uint64_t pa, uint64_t len)
{
	return pa >= r->pool && pa + len <= r->pool_end && pa + len >= pa;
}

/* every page the case wrote goes back to zero, as the next case expects */
static void restore_pool(struct dmar_replay *r)
{
	uint32_t i, j;

	for (i = 0; i < r->n_dirty; i++) {
		uint64_t *pg = (uint64_t *)mem(r, r->dirty[i] << 12, 4096);

		for (j = 0; pg && j < 512; j++)
			pg[j] = 0;
	}
	r->n_dirty = 0;
}

/* every cache emptied; false (with an error line) when a poll ran out */
static bool global_invalidate(struct dmar_replay *r)
{
	if (r->qi_on) {
		static const uint64_t cc[2] = { 0x11, 0 }, pc[2] = { 0x37, 0 }, iotlb[2] = { 0x12, 0 },
				      wait[2] = { 0x5, 0 };

		return qi_submit(r, cc, 2) && (!r->qi_wide || qi_submit(r, pc, 2)) && qi_submit(r, iotlb, 2) &&
		       qi_submit(r, wait, 2);
	}
	wr64(r, CCMD, 1ull << 63 | 1ull << 61);
	if (!reg_wait(r, CCMD))
		return false;
	wr64(r, iotlb_reg(r), 1ull << 63 | 1ull << 60);
	return reg_wait(r, iotlb_reg(r));
}

/* CASE: index, RTADDR, flags.  The unit starts from nothing: TE and QI off, no faults, caches empty. */
static void start_case(struct dmar_replay *r, const uint64_t *op, unsigned n)
{
	uint64_t flags = n > 2 ? op[2] : 0;

	r->case_index = (uint32_t)op[0];
	/* translation stays on between cases that want it: switching it costs QEMU dearly */
	if (rd32(r, GSTS) & QIE_BIT) {
		/* a queue stopped by IQE keeps its head on the bad descriptor: drop the rest */
		wr64(r, IQT, rd64(r, IQH));
		wr32(r, FSTS, FSTS_IQE);
		command(r, QIE_BIT, false);
	}
	r->qi_on = false;
	r->iqe = false;
	wr32(r, FSTS, FSTS_IQE);
	clear_faults(r);
	r->rtaddr = op[1];
	wr64(r, RTADDR, op[1]);
	command(r, SRTP_BIT, true);
	if (flags & DMAR_PLAN_F_QI) {
		r->qi_wide = !!(flags & DMAR_PLAN_F_QI_WIDE);
		r->qt = 0;
		wr64(r, IQT, 0);
		wr64(r, IQA, r->queue_pa | (r->qi_wide ? 1u << 11 : 0));
		r->qi_on = command(r, QIE_BIT, true);
	}
	global_invalidate(r);
	set_te(r, !!(flags & DMAR_PLAN_F_TE));
	say(r, "case ");
	dmar_hw_dec(r->p, r->case_index);
	say(r, r->qi_on || !(flags & DMAR_PLAN_F_QI) ? " begin\n" : " begin (queued invalidation would not start)\n");
}

/* a legacy context entry: present, TT=00, second stage at `sslptr` */
static void observer_context(uint64_t *ce, uint64_t sslptr, uint64_t did, unsigned aw)
{
	dmar_entry_set(ce, dmar_ctx_fields, DMAR_CTX_P, 1);
	dmar_entry_set(ce, dmar_ctx_fields, DMAR_CTX_SSPTPTR, sslptr);
	dmar_entry_set(ce, dmar_ctx_fields, DMAR_CTX_AW, aw);
	dmar_entry_set(ce, dmar_ctx_fields, DMAR_CTX_DID, did);
}

void dmar_replay_observer(struct dmar_replay *r, uint64_t *pages, uint64_t pages_pa)
{
	unsigned sagaw = DMAR_CAP_SAGAW(r->cap);
	unsigned levels = sagaw & 4 ? 4 : 3, i, lv;
	uint64_t did = (1ull << DMAR_CAP_DID_BITS(r->cap)) - 1, *table;
	uint64_t rw = (1ull << DMAR_SL_R) | (1ull << DMAR_SL_W);

	if (!(sagaw & 6))
		return; /* no 3- or 4-level tables: reads go through translation-off windows */
	for (i = 0; i < DMAR_OBSERVER_PAGES * 512; i++)
		pages[i] = 0;
	for (i = 0; i < 16; i++) {          /* root entries of buses 0-15: one context table */
		dmar_entry_set(&pages[2 * i], dmar_root_fields, DMAR_ROOT_P, 1);
		dmar_entry_set(&pages[2 * i], dmar_root_fields, DMAR_ROOT_CTP, pages_pa + 0x1000);
	}
	for (i = 0; i < 256; i++)            /* every function: TT=00, the tables below */
		observer_context(&pages[512 + 2 * i], pages_pa + 0x2000, did, levels == 4 ? 2 : 1);
	/* the scratch page maps to itself, read and write */
	for (lv = levels; lv >= 1; lv--) {
		table = pages + 512 * (2 + levels - lv);
		i = (unsigned)((r->scratch_pa >> dmar_level_shift(lv)) & 511);
		table[i] = (lv == 1 ? r->scratch_pa : pages_pa + 0x1000ull * (3 + levels - lv)) | rw;
	}
	r->observer_pa = pages_pa;
}

/* the case's root table or the driver's, with every cache emptied (vtd-notes 9.7: SRTP, then global) */
static bool switch_root(struct dmar_replay *r, uint64_t rtaddr)
{
	wr64(r, RTADDR, rtaddr);
	return command(r, SRTP_BIT, true) && global_invalidate(r);
}

/* what edu's buffer holds between DMAs: a pattern neither uniform nor likely in memory */
static uint8_t pattern(unsigned k)
{
	return (uint8_t)(0xa5 ^ (k * 0x3b));
}

/*
 * With translation off for a moment (the case's tables map nothing of the
 * driver's): copy the first `cmp` bytes of edu's buffer out (when `out`),
 * then fill the whole buffer with the pattern again.  One window a read;
 * writes leave the buffer as it was.
 */
static bool buffer_window(struct dmar_replay *r, uint16_t sid, uint8_t *out, uint32_t cmp)
{
	/* legacy mode with a working queue (or none): through the driver's own tables; the
	 * case's caches are emptied by it, which only ever allows the fresh answer */
	bool observe = r->observer_pa && r->te && ((r->rtaddr >> 10) & 3) == 0 && !r->iqe;
	/* a switch whose poll ran out has said so (an error line); the window goes on as before */
	bool te = r->te, ok = observe ? (switch_root(r, r->observer_pa), true) : set_te(r, false);
	uint32_t k;

	if (ok && out) {
		ok = r->eng->transfer(r->eng->ctx, sid, true, r->scratch_pa, cmp) == 0;
		for (k = 0; k < cmp; k++)
			out[k] = r->scratch[k];
	}
	for (k = 0; k < r->eng->max_len; k++)
		r->scratch[k] = pattern(k);
	if (ok)
		ok = r->eng->transfer(r->eng->ctx, sid, false, r->scratch_pa, r->eng->max_len) == 0;
	clear_faults(r);
	if (ok && sid < 4096)
		r->buffer_ready[sid / 64] |= 1ull << (sid % 64);
	if (observe) {
		switch_root(r, r->rtaddr);
		return ok;
	}
	return set_te(r, te) && ok;
}

static bool buffer_ready(const struct dmar_replay *r, uint16_t sid)
{
	return sid < 4096 && (r->buffer_ready[sid / 64] >> (sid % 64)) & 1;
}

/* the oracle reads the pool as the unit would; outside it, nothing (an abort) */
static int pool_read64(void *ctx, uint64_t hpa, uint64_t *val)
{
	struct dmar_replay *r = ctx;
	const uint64_t *m;

	if ((hpa & 7) || !in_pool(r, hpa, 8) || !(m = (const uint64_t *)mem(r, hpa, 8)))
		return DMAR_MEM_ABORT;
	*val = *(const volatile uint64_t *)m;
	return DMAR_MEM_OK;
}

/* the walk's own flag updates are left to the unit */
static int pool_write64(void *ctx, uint64_t hpa, uint64_t val)
{
	(void)val;
	return in_pool(ctx, hpa, 8) ? DMAR_MEM_OK : DMAR_MEM_ABORT;
}

/*
 * The sandbox's second check, independent of the plan: the oracle's walk of
 * the memory as it is now, for this unit; every address it allows must lie
 * in the pool, and interrupt requests are not fired.
 */
static const char *outside_sandbox(struct dmar_replay *r, uint16_t sid, bool write, uint64_t addr,
				   uint32_t len)
{
	struct dmar_unit u = { r->cap, r->ecap, r->rtaddr, r->ver, r->haw, r->te };
	struct dmar_request rq = { .addr = addr, .len = len, .sid = sid,
				   .access = write ? DMAR_ACC_WRITE : DMAR_ACC_READ };
	struct dmar_mem_if mif = { r, pool_read64, pool_write64, NULL }; /* writable: unknown */
	struct dmar_outcome_set out;
	struct dmar_oracle o;
	uint32_t i;

	dmar_oracle_init(&o, &u);
	if (dmar_oracle_answer(&o, &mif, &rq, &out, 0))
		return "the driver's own walk could not answer";
	for (i = 0; i < out.n; i++) {
		if (out.o[i].kind == DMAR_OUT_OK && !in_pool(r, out.o[i].hpa, len))
			return "the driver's own walk reaches outside the sandbox";
		if (out.o[i].kind == DMAR_OUT_INTERRUPT)
			return "the driver's own walk says interrupt request";
	}
	return 0;
}

static uint8_t token(uint32_t seq, unsigned which, unsigned k)
{
	return (uint8_t)(0x5b + 0x31 * which + 0x1d * k + seq);
}

static bool page_dirty(struct dmar_replay *r, uint64_t pa, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < r->n_dirty; i++)
		if (r->dirty[i] == pa >> 12 || r->dirty[i] == (pa + len - 1) >> 12)
			return true;
	return false;
}

static bool uniform(const uint8_t *b, uint32_t n, uint8_t v)
{
	uint32_t k;

	for (k = 0; k < n; k++)
		if (b[k] != v)
			return false;
	return true;
}

#define MAX_CAND 16
#define CMP 16

/* DMA: event, sid, access, address, length, candidate HPAs */
static void dma(struct dmar_replay *r, const uint64_t *op, unsigned n)
{
	uint16_t sid = (uint16_t)op[1];
	bool write = op[2] == 1;
	uint32_t len = (uint32_t)op[4], cmp = len < CMP ? len : CMP, seq = ++r->seq, i, k;
	unsigned nc = n - 5, found = MAX_CAND, faults;
	const uint64_t *cand = op + 5;
	uint8_t saved[MAX_CAND][CMP], got[CMP];
	const char *why;

	r->dmas++;
	if (!r->eng->has_sid(r->eng->ctx, sid) || len == 0 || len > r->eng->max_len || nc > MAX_CAND) {
		r->skipped++;
		head(r, "dma", op[0]);
		say(r, len == 0 ? " skip zero-length reads need a DMA engine that issues them\n" :
			nc > MAX_CAND ? " skip too many allowed addresses\n" :
			len > r->eng->max_len ? " skip longer than the engine's longest transfer\n" :
			" skip no DMA engine with that source-id\n");
		return;
	}
	for (i = 0; i < nc; i++)
		if (!in_pool(r, cand[i], len)) {
			r->skipped++;
			head(r, "dma", op[0]);
			say(r, " skip an allowed outcome lies outside the sandbox\n");
			return;
		}
	if ((why = outside_sandbox(r, sid, write, op[3], len))) {
		r->skipped++;
		head(r, "dma", op[0]);
		say(r, " skip ");
		say(r, why);
		say(r, "\n");
		return;
	}
	/* edu's buffer holds the pattern (a write sends it; a read must replace it) */
	if (!buffer_ready(r, sid) && !buffer_window(r, sid, 0, 0)) {
		head(r, "dma", op[0]);
		say(r, " skip the engine did not take its buffer\n");
		return;
	}
	/* each allowed address gets its own token (reads, where it holds no data of the case) or
	 * anything but the pattern (writes) */
	for (i = 0; i < nc; i++) {
		uint8_t *m = mem(r, cand[i], cmp);
		bool mine = !write && !page_dirty(r, cand[i], len);

		for (k = 0; k < cmp; k++) {
			saved[i][k] = m[k];
			if (mine)
				m[k] = token(seq, i + 1, k);
			else if (write)
				m[k] = (uint8_t)~pattern(k);
		}
	}
	if (r->eng->transfer(r->eng->ctx, sid, write, op[3], len)) {
		head(r, "dma", op[0]);
		say(r, " skip the engine did not finish\n");
		return;
	}
	faults = report_faults(r, op[0]);
	if (!write && !buffer_window(r, sid, got, cmp)) {
		head(r, "dma", op[0]);
		say(r, " skip the engine's buffer could not be read back\n");
		return;
	}
	for (i = 0; i < nc && found == MAX_CAND; i++) {
		const uint8_t *m = mem(r, cand[i], cmp);
		bool same = true;

		for (k = 0; k < cmp && same; k++)
			same = write ? m[k] == pattern(k) : got[k] == m[k];
		if (same)
			found = i;
	}
	for (i = 0; i < nc; i++) {
		uint8_t *m = mem(r, cand[i], cmp);

		for (k = 0; k < cmp; k++)
			m[k] = saved[i][k];
	}
	head(r, "dma", op[0]);
	if (found < MAX_CAND) {
		say(r, " ok ");
		say_hex(r, cand[found]);
		say(r, "\n");
		return;
	}
	for (k = 0; !write && k < cmp && got[k] == pattern(k); k++)
		;
	/* no fault recorded and the data at none of the allowed places: blocked (FPD), sent to
	 * the interrupt range, or gone somewhere else; a read that aborts fills the buffer with
	 * zeros (QEMU) or ones, so those say no more than that */
	if (!faults && (write || k < cmp)) {
		say(r, !write && !uniform(got, cmp, 0) && !uniform(got, cmp, 0xff) ?
			       " moved elsewhere\n" : " unseen\n");
		return;
	}
	say(r, " nothing\n");
}

static void check(struct dmar_replay *r, const uint64_t *op)
{
	const uint64_t *m = (const uint64_t *)mem(r, op[1], 8);

	head(r, "check", op[0]);
	say(r, " ");
	say_hex(r, m ? *m : 0);
	say(r, "\n");
}

static void store(struct dmar_replay *r, const uint64_t *op, unsigned n)
{
	unsigned i;

	for (i = 1; i < n; i++) {
		uint64_t pa = op[0] + 8ull * (i - 1);
		uint64_t *m = (uint64_t *)mem(r, pa, 8);

		if (!m || !in_pool(r, pa, 8)) {
			say(r, "error a store outside the pool at ");
			say_hex(r, pa);
			say(r, "\n");
			return;
		}
		add_dirty(r, pa);
		*(volatile uint64_t *)m = op[i];
	}
}

void dmar_replay_init(struct dmar_replay *r, const struct dmar_platform *p,
		      struct dmar_dma_engine *eng, uint64_t unit, uint8_t haw, uint8_t *scratch,
		      uint64_t scratch_pa, uint64_t *queue, uint64_t queue_pa)
{
	uint8_t *b = (uint8_t *)r;
	size_t i;

	for (i = 0; i < sizeof(*r); i++)
		b[i] = 0;
	r->p = p;
	r->eng = eng;
	r->unit = unit;
	r->scratch = scratch;
	r->scratch_pa = scratch_pa;
	r->queue = queue;
	r->queue_pa = queue_pa;
	r->haw = haw;
	r->ver = rd32(r, 0x00) & 0xff;
	r->cap = rd64(r, 0x08);
	r->ecap = rd64(r, 0x10);
	r->te = !!(rd32(r, GSTS) & TE_BIT);
}

int dmar_replay_run(struct dmar_replay *r, const uint64_t *plan, size_t words)
{
	size_t at = 2;

	if (words < 2 || plan[0] != DMAR_PLAN_MAGIC || plan[1] != DMAR_PLAN_VERSION) {
		say(r, "error the plan's magic or version is wrong\n");
		return -1;
	}
	while (at < words) {
		uint32_t tag = (uint32_t)(plan[at] >> 32), n = (uint32_t)plan[at];
		const uint64_t *op = plan + at + 1;

		if (n > words - at - 1) {
			say(r, "error a plan record runs past the end\n");
			return -1;
		}
		switch (tag) {
		case DMAR_PLAN_POOL:
			if (n >= 2) {
				r->pool = op[0];
				r->pool_end = op[0] + op[1];
			}
			break;
		case DMAR_PLAN_CASE:
			if (n >= 2)
				start_case(r, op, n);
			break;
		case DMAR_PLAN_WRITE:
			store(r, op, n);
			break;
		case DMAR_PLAN_CLFLUSH:
			if (n >= 1 && mem(r, op[0], 8))
				r->p->clflush(r->p->ctx, op[0]);
			break;
		case DMAR_PLAN_REGINV:
			if (n >= 3) {
				if (n >= 4)
					wr64(r, (unsigned)op[1] - 8, op[3]);
				wr64(r, (unsigned)op[1], op[2]);
				reg_wait(r, (unsigned)op[1]);
			}
			break;
		case DMAR_PLAN_QI:
			if (n >= 3) {
				bool stopped = r->iqe;

				qi_submit(r, op + 1, n - 1);
				if (!stopped && r->iqe) {
					head(r, "iqe", op[0]);
					say(r, "\n");
				}
			}
			break;
		case DMAR_PLAN_DMA:
			if (n >= 5)
				dma(r, op, n);
			break;
		case DMAR_PLAN_SRTP:
			if (n >= 2) {
				r->rtaddr = op[1];
				wr64(r, RTADDR, op[1]);
				command(r, SRTP_BIT, true);
			}
			break;
		case DMAR_PLAN_TE:
			if (n >= 2)
				set_te(r, op[1] != 0);
			break;
		case DMAR_PLAN_CHECK:
			if (n >= 2)
				check(r, op);
			break;
		case DMAR_PLAN_SKIP:
			if (n >= 1) {
				r->dmas++;
				r->skipped++;
				head(r, "dma", op[0]);
				say(r, " skip not expressible on this engine\n");
			}
			break;
		case DMAR_PLAN_END:
			restore_pool(r);
			say(r, "case ");
			dmar_hw_dec(r->p, r->case_index);
			say(r, " end\n");
			break;
		default:
			break;
		}
		at += 1 + n;
	}
	return 0;
}
