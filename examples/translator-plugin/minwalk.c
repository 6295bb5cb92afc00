// SPDX-License-Identifier: Apache-2.0
/*
 * minwalk: a minimal Intel VT-d remapping unit, written as a dmarfuzz
 * translator plugin.  Read it as a tutorial for the translator ABI
 * (<dmar/translator.h>, docs/translator-abi.md): it is built out of tree
 * against the installed headers only, and `dmarfuzz run --translator
 * ./build/minwalk.so CASE` judges every answer it gives against the oracle.
 *
 * What it models, and nothing more:
 *
 *   - legacy mode only (RTADDR.TTM = 00): root table, context table, then a
 *     second-stage page walk of 3, 4 or 5 levels with 4 KiB, 2 MiB and
 *     1 GiB pages (vtd-notes 2, 4);
 *   - untranslated requests without a PASID; pass-through (TT = 10);
 *   - the legacy fault reasons, and FPD turning a qualified fault into a
 *     blocked (unreported) one (vtd-notes 8.1, 8.2);
 *   - no caches at all: every DMA walks memory as it is now, so every
 *     invalidation has nothing to do (except that a wait descriptor still
 *     writes its status: software polls it).  Descriptors are not
 *     checked: one a real unit finds invalid (and stops the queue at) is
 *     accepted here, and a wait after it still writes its status.
 *
 * How dmarfuzz drives it (docs/translator-abi.md): for each case it calls
 * `open` with the unit's registers and the memory the unit reaches, then,
 * in the case's order, `srtp`, `te`, `ccmd`, `iotlb_reg` and `qi` for what
 * software does to the unit and `dma` for each request, and `close` at the
 * end.  Software's stores go straight to memory: minwalk reads every entry
 * afresh, so it needs no `clflush`.
 *
 * What it refuses, with a reason instead of a wrong answer: scalable and
 * abort mode (`open` returns NULL), requests with a PASID, page requests,
 * translation and translated requests (but for the fault of a context entry
 * whose TT does not admit them), the interrupt address range,
 * and a zero-length read that lacks read permission on a unit with CAP.ZLR.
 *
 * Numbers in comments are bit positions; "vtd-notes N.M" is a section of
 * docs/vtd-notes.md in the dmarfuzz sources.
 */
#include <dmar/translator.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Bits and fields ----------------------------------------------------- */

/* bits hi..lo of v, shifted down */
static uint64_t field(uint64_t v, unsigned hi, unsigned lo)
{
	uint64_t width = hi - lo + 1;

	return width == 64 ? v : (v >> lo) & ((1ull << width) - 1);
}

/* a mask of bits hi..lo; empty when lo > hi */
static uint64_t mask(unsigned hi, unsigned lo)
{
	if (lo > hi)
		return 0;
	return (hi == 63 ? ~0ull : (1ull << (hi + 1)) - 1) & ~((1ull << lo) - 1);
}

/* Capability bits (vtd-notes 1.2, 1.3) */
#define CAP_ND(cap) ((unsigned)field(cap, 2, 0))      /* domain-id width 4 + 2*ND */
#define CAP_SAGAW(cap) ((unsigned)field(cap, 12, 8))  /* bit n: AW encoding n */
#define CAP_MGAW(cap) ((unsigned)field(cap, 21, 16) + 1)
#define CAP_ZLR(cap) field(cap, 22, 22)
#define CAP_SSLPS_2M(cap) field(cap, 34, 34)
#define CAP_SSLPS_1G(cap) field(cap, 35, 35)
#define ECAP_DT(ecap) field(ecap, 2, 2)
#define ECAP_PT(ecap) field(ecap, 6, 6)
#define ECAP_SC(ecap) field(ecap, 7, 7)

/* RTADDR_REG (vtd-notes 1.5) */
#define RTADDR_TTM(rt) ((unsigned)field(rt, 11, 10))
#define RTADDR_SSIRWE(rt) field(rt, 7, 7)

/* Fault reasons of legacy mode (vtd-notes 8.1; <dmar/oracle.h> names them) */
enum {
	FR_ROOT_NOT_PRESENT = 0x01,
	FR_CTX_NOT_PRESENT = 0x02,
	FR_CTX_PROGRAMMING = 0x03, /* AW or TT unsupported, SS root table fetch aborted */
	FR_BEYOND_LIMIT = 0x04,
	FR_WRITE_DENIED = 0x05,
	FR_READ_DENIED = 0x06,
	FR_SS_FETCH = 0x07,
	FR_ROOT_FETCH = 0x08,
	FR_CTX_FETCH = 0x09,
	FR_ROOT_RESERVED = 0x0a,
	FR_CTX_RESERVED = 0x0b,
	FR_SS_RESERVED = 0x0c,
	FR_TT_GATING = 0x0d,   /* the context entry's TT does not admit the request type */
	FR_BAD_MODE = 0x30,    /* SSIRWE set in legacy mode */
};

/*
 * A qualified fault is not recorded when the walk met an FPD bit set: the
 * request is blocked silently.  Faults of the root level, of fetching a root
 * or context entry, and of the mode are never qualified (vtd-notes 8.2).
 */
static bool qualified(uint8_t reason)
{
	switch (reason) {
	case FR_ROOT_NOT_PRESENT:
	case FR_ROOT_FETCH:
	case FR_CTX_FETCH:
	case FR_ROOT_RESERVED:
	case FR_BAD_MODE:
		return false;
	default:
		return true;
	}
}

/* The interrupt address range FEEx_xxxx (see DMAR_OUT_INTERRUPT): not modelled */
static bool in_interrupt_range(uint64_t a)
{
	return (a >> 20) == 0xfee;
}

/* ---- The instance ---------------------------------------------------------- */

struct minwalk {
	struct dmar_translator_unit unit; /* registers; rtaddr and te change with srtp and te */
	struct dmar_mem_if mem;           /* how the unit reaches memory */
};

static void *mw_open(const struct dmar_translator_unit *unit, const struct dmar_mem_if *mem, char *err,
		     size_t err_size)
{
	struct minwalk *mw;

	if (RTADDR_TTM(unit->rtaddr) != 0) {
		snprintf(err, err_size, "minwalk models legacy mode only, not RTADDR.TTM=%u (%s)",
			 RTADDR_TTM(unit->rtaddr),
			 RTADDR_TTM(unit->rtaddr) == 1 ? "scalable mode" : "reserved or abort mode");
		return NULL;
	}
	mw = calloc(1, sizeof(*mw));
	if (!mw) {
		snprintf(err, err_size, "minwalk: out of memory");
		return NULL;
	}
	mw->unit = *unit;
	mw->mem = *mem;
	return mw;
}

static void mw_close(void *self)
{
	free(self);
}

/* GCMD.SRTP: the unit latches RTADDR_REG again (vtd-notes 1.4) */
static void mw_srtp(void *self, uint64_t rtaddr)
{
	((struct minwalk *)self)->unit.rtaddr = rtaddr;
}

/* GCMD.TE */
static void mw_te(void *self, bool on)
{
	((struct minwalk *)self)->unit.te = on;
}

/*
 * Invalidations.  A unit without caches has nothing to invalidate: the
 * register-based ones (vtd-notes 1.6, 1.7) are accepted and do nothing.
 */
static void mw_ccmd(void *self, uint64_t ccmd_reg)
{
	(void)self;
	(void)ccmd_reg;
}

static void mw_iotlb_reg(void *self, uint64_t iotlb_reg, uint64_t iva_reg)
{
	(void)self;
	(void)iotlb_reg;
	(void)iva_reg;
}

/*
 * Queued invalidation: every descriptor is accepted (returns 0).  The one
 * with a visible effect is the invalidation wait (type 5 in bits 3:0 of
 * qword 0): with SW (bit 5) set the unit stores the 32-bit status data
 * (qword 0 bits 63:32) at the 4-byte aligned status address (qword 1 bits
 * 63:2).  Memory is reached 8 bytes at a time, so the store is a
 * read-modify-write of the aligned qword holding it.
 */
static int mw_qi(void *self, const uint64_t *desc, unsigned qwords)
{
	struct minwalk *mw = self;
	uint64_t addr, q;
	unsigned shift;

	if (qwords < 2 || field(desc[0], 3, 0) != 5 || !field(desc[0], 5, 5))
		return 0;
	addr = desc[1] & ~3ull;
	shift = (addr & 4) ? 32 : 0;
	if (mw->mem.read64(mw->mem.ctx, addr & ~7ull, &q) != DMAR_MEM_OK)
		return 0; /* the status write aborts: nothing else to do */
	q &= ~(0xffffffffull << shift);
	q |= field(desc[0], 63, 32) << shift;
	mw->mem.write64(mw->mem.ctx, addr & ~7ull, q);
	return 0;
}

/* ---- The walk ---------------------------------------------------------------- */

/* what one DMA is being walked for */
struct walk {
	struct minwalk *mw;
	const struct dmar_request *rq;
	struct dmar_outcome *out;
	char *err;
	size_t err_size;
	bool fpd; /* an FPD bit was met: qualified faults are blocked, not reported */
};

/* minwalk cannot answer this DMA: a one-line reason, and -1 */
__attribute__((format(printf, 2, 3))) static int refuse(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->err, w->err_size, fmt, ap);
	va_end(ap);
	return -1;
}

/* The DMA ends in fault `reason` (blocked instead when FPD allows it).  Returns 0. */
static int fault(struct walk *w, uint8_t reason)
{
	/*
	 * With CAP.ZLR (22) set a zero-length read may succeed without read
	 * permission; minwalk does not model that rule and says so.  (With
	 * ZLR clear it is a read like any other.)
	 */
	if (reason == FR_READ_DENIED && w->rq->access == DMAR_ACC_READ && w->rq->len == 0 &&
	    CAP_ZLR(w->mw->unit.cap))
		return refuse(w, "zero-length read without read permission under CAP.ZLR, not modelled");
	/*
	 * A translation or translated request that faults completes with UR
	 * or CA depending on the condition; minwalk knows only the one for a
	 * TT that does not admit the request (UR) and refuses the others.
	 */
	if (w->rq->at != DMAR_AT_UT && reason != FR_TT_GATING)
		return refuse(w, "the completion status of fault 0x%x for an ATS request is not modelled",
			      reason);
	w->out->kind = (w->fpd && qualified(reason)) ? DMAR_OUT_BLOCKED : DMAR_OUT_FAULT;
	w->out->reason = reason;
	/*
	 * The completion the device sees: Unsupported Request, for every fault
	 * minwalk answers (untranslated requests, and ATS requests its TT does
	 * not admit).  DMAR_CPL_ANY would leave it unsaid and match any status.
	 */
	w->out->cpl = DMAR_CPL_UR;
	return 0;
}

/* reads a 16-byte entry (root or context): false when either half aborts */
static bool read_entry128(struct minwalk *mw, uint64_t hpa, uint64_t e[2])
{
	return mw->mem.read64(mw->mem.ctx, hpa, &e[0]) == DMAR_MEM_OK &&
	       mw->mem.read64(mw->mem.ctx, hpa + 8, &e[1]) == DMAR_MEM_OK;
}

/* address bits from HAW up to `top` (51 in paging entries, 63 elsewhere) are reserved */
static uint64_t above_haw(const struct minwalk *mw, unsigned top)
{
	return mask(top, mw->unit.haw);
}

/*
 * The second-stage walk (vtd-notes 4): `levels` tables of 512 8-byte entries
 * from `table`, each level indexing 9 bits of the input from bit 12 up.
 * Each entry's R (0) and W (1) are ANDed along the path (vtd-notes 4.4).
 */
static int second_stage(struct walk *w, uint64_t table, unsigned levels)
{
	const struct minwalk *mw = w->mw;
	const uint64_t in = w->rq->addr;
	const bool need_r = w->rq->access != DMAR_ACC_WRITE; /* reads and atomics */
	const bool need_w = w->rq->access != DMAR_ACC_READ;  /* writes and atomics */
	const uint64_t addr_bits = mask(51, 12);
	unsigned level;

	for (level = levels; level >= 1; level--) {
		const unsigned shift = 12 + 9 * (level - 1); /* the input bits this level indexes start here */
		const uint64_t slot = table + field(in, shift + 8, shift) * 8;
		bool leaf = level == 1, ps;
		uint64_t e, rsvd;

		if (mw->mem.read64(mw->mem.ctx, slot, &e) != DMAR_MEM_OK)
			/* the top table is the context entry's: its fetch is a context-entry fault */
			return fault(w, level == levels ? FR_CTX_PROGRAMMING : FR_SS_FETCH);

		/*
		 * R = W = 0: the entry is not present and maps nothing.  Legacy
		 * mode reports the permission the request lacks (vtd-notes 4.3).
		 */
		if (!field(e, 1, 0))
			return fault(w, need_r ? FR_READ_DENIED : FR_WRITE_DENIED);

		/* reserved bits of a present entry (vtd-notes 4.3) */
		ps = field(e, 7, 7);
		rsvd = above_haw(mw, 51) | (1ull << 62); /* bit 62 is IW only with SSIRWE: never here */
		if (level >= 4 && ps)
			rsvd |= 1ull << 7; /* no pages of 512 GiB or more */
		if (level == 3 && ps && !CAP_SSLPS_1G(mw->unit.cap))
			rsvd |= 1ull << 7; /* 1 GiB pages not supported */
		if (level == 2 && ps && !CAP_SSLPS_2M(mw->unit.cap))
			rsvd |= 1ull << 7; /* 2 MiB pages not supported */
		if (!(rsvd & (1ull << 7)) && (level == 2 || level == 3) && ps)
			leaf = true;
		if (leaf && level > 1)
			rsvd |= mask(shift - 1, 12); /* a large page's address is aligned to its size */
		if (!leaf || !ECAP_SC(mw->unit.ecap))
			rsvd |= 1ull << 11; /* SNP: leaves only, and only with snoop control */
		if (e & rsvd)
			return fault(w, FR_SS_RESERVED);

		/*
		 * Rights are cumulative: once an entry on the path denies the
		 * access, nothing below can grant it back, so the walk stops.
		 */
		if (need_r && !field(e, 0, 0))
			return fault(w, FR_READ_DENIED);
		if (need_w && !field(e, 1, 1))
			return fault(w, FR_WRITE_DENIED);

		if (leaf) {
			const uint64_t page = e & addr_bits & ~mask(shift - 1, 0);
			const uint64_t hpa = page | (in & mask(shift - 1, 0));

			if (in_interrupt_range(hpa))
				return refuse(w, "output 0x%llx is in the interrupt range, not modelled",
					      (unsigned long long)hpa);
			w->out->kind = DMAR_OUT_OK;
			w->out->hpa = hpa;
			return 0;
		}
		table = e & addr_bits;
	}
	return refuse(w, "the walk ran out of levels (a bug)");
}

/* the largest AW encoding SAGAW offers, 0 when it offers none */
static unsigned largest_sagaw(uint64_t cap)
{
	unsigned aw = 0, n;

	for (n = 0; n < 5; n++)
		if (CAP_SAGAW(cap) & (1u << n))
			aw = n;
	return aw;
}

/*
 * The context entry (vtd-notes 2.2), 128 bits:
 *   qword 0: P (0), FPD (1), TT (3:2), reserved (11:4), SSPTPTR (63:12)
 *   qword 1: AW (2:0), ignored (6:3), reserved (7), DID (23:8, i.e. bits
 *            87:72), reserved (63:24, i.e. bits 127:88)
 */
static int context(struct walk *w, const uint64_t ce[2])
{
	const struct minwalk *mw = w->mw;
	const unsigned tt = (unsigned)field(ce[0], 3, 2);
	const unsigned aw = (unsigned)field(ce[1], 2, 0);
	const unsigned did_bits = 4 + 2 * CAP_ND(mw->unit.cap);
	uint64_t rsvd0, rsvd1;
	unsigned width, mgaw;

	/* FPD counts even in an entry that is not present (vtd-notes 2.5) */
	w->fpd = field(ce[0], 1, 1);
	if (!field(ce[0], 0, 0))
		return fault(w, FR_CTX_NOT_PRESENT);

	/* with TT=10 SSPTPTR is ignored: its bits above HAW are not reserved */
	rsvd0 = mask(11, 4) | (tt == 2 ? 0 : above_haw(mw, 63));
	rsvd1 = (1ull << 7) | mask(63, 24);
	if (did_bits < 16)
		rsvd1 |= mask(23, 8 + did_bits); /* DID bits above the CAP.ND width */
	if ((ce[0] & rsvd0) || (ce[1] & rsvd1))
		return fault(w, FR_CTX_RESERVED);

	/* TT: 00 untranslated only, 01 also ATS (needs DT), 10 pass-through (needs PT), 11 reserved */
	if (tt == 3 || (tt == 1 && !ECAP_DT(mw->unit.ecap)) || (tt == 2 && !ECAP_PT(mw->unit.ecap)))
		return fault(w, FR_CTX_PROGRAMMING);
	/*
	 * AW: encoding 1, 2, 3 = 39, 48, 57 bits, 3, 4, 5 levels, if SAGAW
	 * offers it.  Pass-through walks nothing, but its AW must still be the
	 * largest encoding SAGAW offers (0 when it offers none).
	 */
	if (tt == 2) {
		if (aw != largest_sagaw(mw->unit.cap))
			return fault(w, FR_CTX_PROGRAMMING);
	} else if (aw < 1 || aw > 3 || !(CAP_SAGAW(mw->unit.cap) & (1u << aw))) {
		return fault(w, FR_CTX_PROGRAMMING);
	}

	/* translation (at=tr) and translated (at=t) requests need TT=01 (vtd-notes 2.3) */
	if (w->rq->at != DMAR_AT_UT) {
		if (tt != 1)
			return fault(w, FR_TT_GATING);
		return refuse(w, "translation and translated requests (ATS) are not modelled");
	}

	/* pass-through: output = input, which only has to be below 2^HAW (vtd-notes 2.3) */
	if (tt == 2) {
		if (mw->unit.haw < 64 && (w->rq->addr >> mw->unit.haw))
			return fault(w, FR_BEYOND_LIMIT);
		w->out->kind = DMAR_OUT_OK;
		w->out->hpa = w->rq->addr;
		return 0;
	}

	/* the input must be below 2^min(MGAW, AW) (vtd-notes 4.1) */
	width = 30 + 9 * aw;
	mgaw = CAP_MGAW(mw->unit.cap);
	if (mgaw < width)
		width = mgaw;
	if (width < 64 && (w->rq->addr >> width))
		return fault(w, FR_BEYOND_LIMIT);

	return second_stage(w, ce[0] & mask(63, 12), aw + 2);
}

/*
 * One DMA request: checks of the request and the mode, the root entry, then
 * the context entry and the walk (vtd-notes 2.3).
 */
static int mw_dma(void *self, const struct dmar_request *rq, struct dmar_outcome *out, char *err,
		  size_t err_size)
{
	struct minwalk *mw = self;
	struct walk w = { .mw = mw, .rq = rq, .out = out, .err = err, .err_size = err_size };
	const unsigned bus = (unsigned)field(rq->sid, 15, 8), devfn = (unsigned)field(rq->sid, 7, 0);
	uint64_t re[2], ce[2];

	memset(out, 0, sizeof(*out));

	/* what minwalk leaves out */
	if (rq->has_pasid)
		return refuse(&w, "requests with a PASID are not modelled");
	if (rq->at == DMAR_AT_PR)
		return refuse(&w, "page requests are not modelled");
	if (rq->at == DMAR_AT_TR && rq->access != DMAR_ACC_READ)
		return refuse(&w, "translation requests other than reads are not modelled");
	if (in_interrupt_range(rq->addr))
		return refuse(&w, "the interrupt address range is not modelled");
	if (RTADDR_TTM(mw->unit.rtaddr) != 0)
		return refuse(&w, "the unit left legacy mode (RTADDR.TTM=%u), not modelled",
			      RTADDR_TTM(mw->unit.rtaddr));

	/* translation off: an untranslated request goes straight to memory */
	if (!mw->unit.te) {
		if (rq->at != DMAR_AT_UT)
			return refuse(&w, "ATS with translation off is not modelled");
		out->kind = DMAR_OUT_OK;
		out->hpa = rq->addr;
		return 0;
	}

	/* SSIRWE belongs to scalable mode: with TTM=00 every request faults (vtd-notes 1.5) */
	if (RTADDR_SSIRWE(mw->unit.rtaddr))
		return fault(&w, FR_BAD_MODE);

	/*
	 * Root entry (vtd-notes 2.1): 256 entries of 16 bytes indexed by bus.
	 * qword 0: P (0), reserved (11:1), context-table pointer (63:12);
	 * qword 1: reserved.
	 */
	if (!read_entry128(mw, (mw->unit.rtaddr & mask(63, 12)) + bus * 16, re))
		return fault(&w, FR_ROOT_FETCH);
	if (!field(re[0], 0, 0))
		return fault(&w, FR_ROOT_NOT_PRESENT);
	if ((re[0] & (mask(11, 1) | above_haw(mw, 63))) || re[1])
		return fault(&w, FR_ROOT_RESERVED);

	/* context entry: 256 entries of 16 bytes indexed by devfn */
	if (!read_entry128(mw, (re[0] & mask(63, 12)) + devfn * 16, ce))
		return fault(&w, FR_CTX_FETCH);
	return context(&w, ce);
}

/* ---- The ops table and the one exported symbol ------------------------------ */

static const struct dmar_translator_ops minwalk_ops = {
	.abi = DMAR_TRANSLATOR_ABI,
	.name = "minwalk",
	.summary = "legacy-mode walk without caches (examples/translator-plugin)",
	.open = mw_open,
	.close = mw_close,
	.srtp = mw_srtp,
	.te = mw_te,
	.ccmd = mw_ccmd,
	.iotlb_reg = mw_iotlb_reg,
	.qi = mw_qi,
	.clflush = NULL, /* it never caches memory */
	.dma = mw_dma,
};

/* The entry point the loader looks up (DMAR_TRANSLATOR_SYMBOL); the only symbol exported */
__attribute__((visibility("default"))) const struct dmar_translator_ops *dmar_translator(void);

const struct dmar_translator_ops *dmar_translator(void)
{
	return &minwalk_ops;
}
