// SPDX-License-Identifier: Apache-2.0
/*
 * fastwalk: the page walks (vtd-notes 4, 5, 6).
 *
 * Each stage's entry format is data (struct entry_format): which bits make
 * an entry present, grant read/write/user, are the flags the unit sets, and
 * which are reserved at each level for a table-pointing and for a leaf
 * entry, computed from CAP/ECAP/HAW and the path.  One generic loop
 * (walk_stage) walks any format; the first stage of a nested translation
 * reaches its tables through the same loop run on the second-stage format.
 *
 * Fault choices where several conditions hold (docs/check-order-*.md): at
 * one entry, fetch, then present, then reserved bits, then permission, then
 * the flag updates; a permission lost at an upper level is reported at once
 * (vtd-notes 8.3: any of the simultaneous conditions may be reported).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmar/oracle.h"
#include "dmar/translator.h"
#include "translators/fastwalk/fastwalk.h"

#define BIT(n) (1ull << (n))

/* bits hi..lo (inclusive); empty when hi < lo */
static uint64_t bit_range(unsigned hi, unsigned lo)
{
	if (hi < lo || lo > 63)
		return 0;
	uint64_t upto_hi = hi >= 63 ? ~0ull : (BIT(hi + 1) - 1);
	return upto_hi & ~(BIT(lo) - 1);
}

/* ---- Capability bits (vtd-notes 1.2, 1.3, 1.5) ---------------------------- */

#define CAP_ZLR BIT(22)
#define CAP_SSLPS_2M BIT(34)
#define CAP_SSLPS_1G BIT(35)
#define CAP_FS1GP BIT(56)
#define ECAP_SC BIT(7)
#define ECAP_NWFS BIT(33)
#define ECAP_SSIRWS BIT(57)
#define RTADDR_SSIRWE BIT(7)

/* ---- Entry bits ------------------------------------------------------------ */

#define PS_BIT BIT(7)                /* page size, both stages */
#define ADDR_BITS bit_range(51, 12) /* address field of a paging entry */

#define SS_R BIT(0)  /* vtd-notes 4.2 */
#define SS_W BIT(1)
#define SS_A BIT(8)
#define SS_D BIT(9)
#define SS_SNP BIT(11)
#define SS_IR BIT(61)
#define SS_IW BIT(62)

#define FS_P BIT(0)  /* vtd-notes 5.2 */
#define FS_RW BIT(1)
#define FS_US BIT(2)
#define FS_A BIT(5)
#define FS_D BIT(6)
#define FS_EA BIT(10)

#define MAX_LEVELS 5
#define P_RWU (FW_P_R | FW_P_W | FW_P_U)

/* an internal answer for a translation request left with no permission */
#define NO_PERM_SUCCESS 0xffu

/* ---- Entry formats as data ------------------------------------------------- */

/* the fault codes of one stage */
struct stage_codes {
	fw_fault fetch_root;  /* the table the context/PASID entry names */
	fw_fault fetch;       /* a lower table */
	fw_fault not_present; /* 0: the request's permission fault (legacy) */
	fw_fault reserved;
	fw_fault ad_nosnoop;  /* a flag update on a walk that does not snoop */
	fw_fault ad_fail;     /* a flag update whose write aborted */
};

struct entry_format {
	bool first_stage;
	uint8_t levels;
	uint64_t present;           /* any of these set: the entry is present */
	uint64_t r_bit, w_bit, u_bit; /* 0: always granted (FS read, SS user) */
	uint64_t a_flags;           /* set by the unit on every entry used (A, EA) */
	uint64_t d_flag;            /* set on the leaf for writes; 0: not tracked */
	uint64_t snp_bit;           /* leaf snoop attribute, 0 when none */
	uint64_t table_rsvd[MAX_LEVELS + 1]; /* per level: entry pointing to a table */
	uint64_t leaf_rsvd[MAX_LEVELS + 1];  /* per level: leaf; PS itself when no leaf there */
	struct stage_codes codes;
};

static uint64_t above_haw(const struct fw *fw)
{
	return bit_range(51, fw->unit.haw); /* vtd-notes 0: address bits from HAW up */
}

static bool ssirwe_on(const struct fw *fw, const struct fw_path *p)
{
	/* vtd-notes 4.2: IR/IW replace R/W under SSIRWE (scalable, needs SSIRWS) */
	return p->scalable && (fw->unit.ecap & ECAP_SSIRWS) && (fw->unit.rtaddr & RTADDR_SSIRWE);
}

/* vtd-notes 4.2, 4.3: second-stage entries */
static void ss_format(const struct fw *fw, const struct fw_path *p, struct entry_format *f)
{
	bool irwe = ssirwe_on(fw, p);
	uint64_t common = above_haw(fw) | (irwe ? 0 : SS_IW);
	uint64_t snp_leaf = ((fw->unit.ecap & ECAP_SC) && !FW_BUG(fw, FW_BUG_SNP_RESERVED)) ? 0 : SS_SNP;
	bool lp2m = (fw->unit.cap & CAP_SSLPS_2M) || FW_BUG(fw, FW_BUG_LP_NO_CAP);
	bool lp1g = (fw->unit.cap & CAP_SSLPS_1G) || FW_BUG(fw, FW_BUG_LP_NO_CAP);

	*f = (struct entry_format){
		.first_stage = false,
		.levels = p->ss_levels,
		.present = irwe ? (SS_IR | SS_IW) : (SS_R | SS_W),
		.r_bit = irwe ? SS_IR : SS_R,
		.w_bit = irwe ? SS_IW : SS_W,
		.a_flags = p->ss_ad ? SS_A : 0,
		.d_flag = p->ss_ad ? SS_D : 0,
		.snp_bit = snp_leaf ? 0 : SS_SNP,
	};
	for (unsigned l = 1; l <= MAX_LEVELS; l++) {
		f->table_rsvd[l] = common | SS_SNP; /* SNP reserved in non-leaf entries */
		f->leaf_rsvd[l] = common | snp_leaf;
	}
	if (FW_BUG(fw, FW_BUG_RSVD_PDE))
		f->table_rsvd[2] = 0;
	f->leaf_rsvd[2] |= bit_range(20, 12) | (lp2m ? 0 : PS_BIT);
	f->leaf_rsvd[3] |= bit_range(29, 12) | (lp1g ? 0 : PS_BIT);
	f->leaf_rsvd[4] |= PS_BIT;
	f->leaf_rsvd[5] |= PS_BIT;
	f->codes = p->scalable
		? (struct stage_codes){ DMAR_FR_SSS_4, DMAR_FR_SSS_1, DMAR_FR_SSS_2, DMAR_FR_SSS_3,
					DMAR_FR_SSS_5, DMAR_FR_SSS_6 }
		: (struct stage_codes){ DMAR_FR_LCT_4, DMAR_FR_LSS_1, 0, DMAR_FR_LSS_2, 0, 0 };
}

/* vtd-notes 5.1, 5.2: first-stage entries (bit 63 and G ignored) */
static void fs_format(const struct fw *fw, const struct fw_path *p, struct entry_format *f)
{
	uint64_t common = above_haw(fw);
	bool lp1g = (fw->unit.cap & CAP_FS1GP) != 0;

	*f = (struct entry_format){
		.first_stage = true,
		.levels = p->fs_levels,
		.present = FS_P,
		.r_bit = 0,
		.w_bit = FS_RW,
		.u_bit = FS_US,
		.a_flags = FS_A | (p->eafe ? FS_EA : 0),
		.d_flag = FS_D,
		.snp_bit = 0,
	};
	for (unsigned l = 1; l <= MAX_LEVELS; l++)
		f->table_rsvd[l] = f->leaf_rsvd[l] = common;
	f->leaf_rsvd[2] |= bit_range(20, 13); /* bit 12 is PAT in a large leaf */
	f->leaf_rsvd[3] |= bit_range(29, 13) | (lp1g ? 0 : PS_BIT);
	f->leaf_rsvd[4] |= PS_BIT;
	f->leaf_rsvd[5] |= PS_BIT;
	f->codes = (struct stage_codes){ DMAR_FR_SFS_4, DMAR_FR_SFS_1, DMAR_FR_SFS_2, DMAR_FR_SFS_3,
					 DMAR_FR_SFS_9, DMAR_FR_SFS_10 };
}

/* ---- One walk ---------------------------------------------------------------- */

#define MAX_PENDING 48

/* a non-leaf entry to cache once the whole request succeeded (vtd-notes 9.1) */
struct pending_psc {
	bool fs;
	uint8_t level;
	uint64_t input, entry;
	uint8_t perm;
};

/* what the whole request shares across its stage walks */
struct walk_env {
	struct fw *fw;
	const struct fw_path *p;
	const struct dmar_request *rq;
	struct entry_format ss, fs;
	struct pending_psc pending[MAX_PENDING];
	unsigned npending;
};

/* what one stage walk is asked */
struct stage_req {
	const struct entry_format *fmt;
	uint64_t input;
	uint64_t root;         /* HPA, or GPA when tables_via_ss */
	bool tables_via_ss;    /* nested first stage: table addresses are guest addresses */
	bool use_psc;
	uint8_t need;          /* effective FW_P_R/FW_P_W judged during the walk */
	bool user;             /* first stage: a user request */
	bool want_dirty;       /* set D on the leaf when write is granted */
	fw_fault deny_read, deny_write; /* second stage: codes for a missing permission */
	fw_fault legacy_np;    /* legacy: the request's permission fault for a not-present entry */
	bool translation;      /* a translation request: stop (no fault) once nothing is granted */
	bool final;            /* the stage gives the request's output (not a nested FS's guest address) */
};

/* what a stage walk found */
struct stage_out {
	uint64_t out;     /* page base */
	uint8_t size_lg2;
	uint8_t perm;     /* cumulative raw FW_P_R/W/U */
	bool dirty;       /* a write needs no D update */
	bool snoop;
	uint64_t leaf_hpa;
};

/* the second-stage translation of the page holding a first-stage table (nested) */
struct table_page {
	uint64_t hpa;      /* the entry's host address */
	uint8_t ss_perm;
	uint64_t ss_leaf_hpa;
	bool ss_dirty;
};

static fw_fault walk_stage(struct walk_env *env, const struct stage_req *sr, struct stage_out *o);

static unsigned index_shift(unsigned level)
{
	return 12 + 9 * (level - 1);
}

static void remember_psc(struct walk_env *env, bool fs, uint8_t level, uint64_t input, uint64_t entry,
			 uint8_t perm)
{
	if (env->npending < MAX_PENDING)
		env->pending[env->npending++] = (struct pending_psc){ fs, level, input, entry, perm };
}

/* raw permission bits one entry grants */
static uint8_t entry_perm(const struct entry_format *f, uint64_t v)
{
	uint8_t perm = 0;
	if (!f->r_bit || (v & f->r_bit))
		perm |= FW_P_R;
	if (v & f->w_bit)
		perm |= FW_P_W;
	if (!f->u_bit || (v & f->u_bit))
		perm |= FW_P_U;
	return perm;
}

/* vtd-notes 5.3: what a first-stage translation lets a request of this privilege do */
static uint8_t fs_effective(const struct fw_path *p, uint8_t perm, bool user)
{
	if (user) {
		if (!(perm & FW_P_U))
			return 0;
		return perm & (FW_P_R | FW_P_W);
	}
	return FW_P_R | ((!p->wpe || (perm & FW_P_W)) ? FW_P_W : 0);
}

static uint8_t effective(const struct walk_env *env, const struct stage_req *sr, uint8_t perm)
{
	if (sr->fmt->first_stage)
		return fs_effective(env->p, perm, sr->user);
	return perm & (FW_P_R | FW_P_W);
}

/* the permission check made at each level (a loss above may be reported at once) */
static fw_fault judge_perm(const struct walk_env *env, const struct stage_req *sr, uint8_t perm)
{
	uint8_t eff = effective(env, sr, perm);

	if (sr->translation) /* vtd-notes 4.4: translation requests fail only when nothing is left */
		return eff ? 0 : NO_PERM_SUCCESS;
	if (sr->fmt->first_stage) {
		if (sr->user && !(perm & FW_P_U))
			return DMAR_FR_SGN_2; /* vtd-notes 5.3 */
		if ((sr->need & FW_P_W) && !(eff & FW_P_W))
			return DMAR_FR_SGN_6;
		return 0;
	}
	if (env->p->scalable && !eff)
		return DMAR_FR_SSS_2; /* vtd-notes 4.4: cumulative R=W=0 */
	if ((sr->need & FW_P_W) && !(eff & FW_P_W))
		return sr->deny_write;
	if ((sr->need & FW_P_R) && !(eff & FW_P_R))
		return sr->deny_read;
	return 0;
}

/* nested: a first-stage table entry's guest address through the second stage (vtd-notes 6) */
static fw_fault locate_via_ss(struct walk_env *env, uint64_t gpa, bool root, struct table_page *tp)
{
	const struct fw_path *p = env->p;
	uint8_t need = FW_P_R | (p->ss_ad ? FW_P_W : 0); /* R, and W with SSADE */
	fw_fault deny = root ? DMAR_FR_SFS_6 : DMAR_FR_SFS_7;

	if (p->ss_width < 64 && (gpa >> p->ss_width) != 0)
		return DMAR_FR_SFS_5;
	struct stage_req sr = {
		.fmt = &env->ss,
		.input = gpa,
		.root = p->ss_root,
		.use_psc = true,
		.need = need,
		.deny_read = deny,
		.deny_write = deny,
	};
	struct stage_out so;
	fw_fault f = walk_stage(env, &sr, &so);
	if (f)
		return f;
	tp->hpa = so.out | (gpa & (BIT(so.size_lg2) - 1));
	tp->ss_perm = so.perm;
	tp->ss_leaf_hpa = so.leaf_hpa;
	tp->ss_dirty = so.dirty;
	return 0;
}

/* nested with SSADE: a first-stage flag write sets D on the SS leaf of its page (vtd-notes 6) */
static fw_fault dirty_table_page(struct walk_env *env, struct table_page *tp)
{
	uint64_t v;

	if (tp->ss_dirty)
		return 0;
	if (env->fw->mem.read64(env->fw->mem.ctx, tp->ss_leaf_hpa, &v) != DMAR_MEM_OK)
		return DMAR_FR_SSS_6;
	if (!(v & SS_D) && env->fw->mem.write64(env->fw->mem.ctx, tp->ss_leaf_hpa, v | SS_D) != DMAR_MEM_OK)
		return DMAR_FR_SSS_6;
	tp->ss_dirty = true;
	return 0;
}

/* vtd-notes 4.5, 5.4: set the flags `want` in the entry at hpa (value *v) */
static fw_fault set_flags(struct walk_env *env, const struct stage_req *sr, uint64_t hpa, uint64_t *v,
			  uint64_t want, struct table_page *tp)
{
	const struct stage_codes *c = &sr->fmt->codes;
	uint64_t missing = want & ~*v;

	if (!missing)
		return 0;
	if (!env->p->snoop_walk)
		return c->ad_nosnoop;
	if (sr->tables_via_ss) {
		if (!(tp->ss_perm & FW_P_W))
			return DMAR_FR_SFS_8; /* the second stage denies the update's write */
		if (env->p->ss_ad) {
			fw_fault f = dirty_table_page(env, tp);
			if (f)
				return f;
		}
	}
	if (env->fw->mem.write64(env->fw->mem.ctx, hpa, *v | missing) != DMAR_MEM_OK)
		return c->ad_fail;
	*v |= missing;
	return 0;
}

/* the deepest cached non-leaf entry for the input: the level to read next (vtd-notes 9.1) */
static unsigned resume_from_psc(struct walk_env *env, const struct stage_req *sr, uint64_t *table,
				uint8_t *perm)
{
	const struct entry_format *f = sr->fmt;

	if (!sr->use_psc)
		return f->levels;
	for (unsigned l = 2; l <= f->levels; l++) {
		uint64_t e;
		uint8_t pm;
		if (fw_psc_get(env->fw, f->first_stage, env->p->did, f->first_stage ? env->p->pasid : 0,
			       (uint8_t)l, sr->input, &e, &pm)) {
			*table = e & ADDR_BITS;
			*perm = pm;
			return l - 1;
		}
	}
	return f->levels;
}

/* the request faults on its output (vtd-notes 7.6): no write goes through, so no D (R89) */
static bool output_faults(const struct walk_env *env, uint64_t page, unsigned size_lg2, uint64_t input)
{
	if (env->rq->at == DMAR_AT_TR)
		return fw_overlaps_irq_range(page, size_lg2);
	return fw_in_irq_range(page | (input & (BIT(size_lg2) - 1)));
}

static fw_fault not_present_fault(const struct walk_env *env, const struct stage_req *sr)
{
	if (sr->translation)
		return NO_PERM_SUCCESS; /* Success, R=W=0 (SSS.2/SFS.2 S0, LGN.2/3 SP) */
	if (sr->fmt->codes.not_present)
		return sr->fmt->codes.not_present;
	(void)env;
	return sr->legacy_np; /* vtd-notes 4.3: legacy reports the request's permission fault */
}

/* the generic loop: one stage, top level (or a cached entry) down to the leaf */
static fw_fault walk_stage(struct walk_env *env, const struct stage_req *sr, struct stage_out *o)
{
	const struct entry_format *f = sr->fmt;
	uint64_t table = sr->root;
	uint8_t perm = P_RWU;
	if (f->levels < 2 || f->levels > MAX_LEVELS)
		return f->codes.fetch_root; /* the caller checked AW/FSPM: cannot happen */
	unsigned level = resume_from_psc(env, sr, &table, &perm);
	bool at_root = level == f->levels;

	for (;; level--) {
		uint64_t idx = (sr->input >> index_shift(level)) & 511;
		uint64_t hpa = (table & ADDR_BITS) + idx * 8;
		struct table_page tp = { 0 };
		uint64_t v;
		fw_fault fault;

		if (sr->tables_via_ss) {
			fault = locate_via_ss(env, hpa, at_root, &tp);
			if (fault)
				return fault;
			hpa = tp.hpa;
		}
		if (env->fw->mem.read64(env->fw->mem.ctx, hpa, &v) != DMAR_MEM_OK)
			return at_root ? f->codes.fetch_root : f->codes.fetch;
		if (!(v & f->present))
			return not_present_fault(env, sr);

		bool leaf = level == 1 || (v & PS_BIT);
		if (v & (leaf ? f->leaf_rsvd[level] : f->table_rsvd[level]))
			return f->codes.reserved;

		uint8_t own = entry_perm(f, v);
		if (FW_BUG(env->fw, FW_BUG_W_LEAF_ONLY) && !f->first_stage && !leaf)
			own |= FW_P_W;
		perm &= own;
		if (FW_BUG(env->fw, FW_BUG_W_LEAF_ONLY) && !f->first_stage && leaf)
			perm = (uint8_t)((perm & ~FW_P_W) | (own & FW_P_W));
		fault = judge_perm(env, sr, perm);
		if (fault)
			return fault;

		uint64_t want = f->a_flags;
		uint64_t page = v & ADDR_BITS & ~(BIT(index_shift(level)) - 1);
		if (leaf && sr->want_dirty && (effective(env, sr, perm) & FW_P_W) &&
		    !(sr->final && output_faults(env, page, index_shift(level), sr->input)))
			want |= f->d_flag;
		fault = set_flags(env, sr, hpa, &v, want, &tp);
		if (fault)
			return fault;

		if (!leaf) {
			if (sr->use_psc)
				remember_psc(env, f->first_stage, (uint8_t)level, sr->input, v, perm);
			table = v & ADDR_BITS;
			at_root = false;
			continue;
		}
		o->size_lg2 = (uint8_t)index_shift(level);
		o->out = v & ADDR_BITS & ~(BIT(o->size_lg2) - 1);
		if (level == 3 && FW_BUG(env->fw, FW_BUG_1G_MASK))
			o->size_lg2 = 21; /* planted: the 1G page's offset taken with the 2M mask */
		o->perm = perm;
		o->dirty = !f->d_flag || (v & f->d_flag);
		o->snoop = f->snp_bit && (v & f->snp_bit);
		o->leaf_hpa = hpa;
		return 0;
	}
}

/* ---- The request ------------------------------------------------------------ */

static bool is_write(const struct dmar_request *rq)
{
	return rq->access == DMAR_ACC_WRITE || rq->access == DMAR_ACC_ATOMIC;
}

/* vtd-notes 4.4, 7.5: what the access needs, judged during the walk */
static uint8_t access_need(const struct fw *fw, const struct dmar_request *rq)
{
	if (rq->at == DMAR_AT_TR)
		return 0;
	switch (rq->access) {
	case DMAR_ACC_WRITE:
		return FW_P_W;
	case DMAR_ACC_ATOMIC:
		return FW_P_R | FW_P_W;
	default:
		/* CAP.ZLR: a zero-length read is excused from read permission alone */
		if (rq->len == 0 && (fw->unit.cap & CAP_ZLR))
			return 0;
		return FW_P_R;
	}
}

/* a translation request sets D as a write unless NW counts (vtd-notes 4.5, 7.2) */
static bool wants_dirty(const struct fw *fw, const struct dmar_request *rq)
{
	if (rq->at == DMAR_AT_TR)
		return !(rq->nw && (fw->unit.ecap & ECAP_NWFS));
	return is_write(rq);
}

/* the second-stage request for an input (the SS-only input, or nested output GPA) */
static struct stage_req ss_request(const struct walk_env *env, uint64_t input)
{
	const struct dmar_request *rq = env->rq;
	bool sc = env->p->scalable;

	return (struct stage_req){
		.fmt = &env->ss,
		.input = input,
		.root = env->p->ss_root,
		.use_psc = true,
		.need = access_need(env->fw, rq),
		.want_dirty = wants_dirty(env->fw, rq),
		.deny_read = sc ? DMAR_FR_SGN_7 : DMAR_FR_LGN_3,
		.deny_write = sc ? DMAR_FR_SGN_6 : DMAR_FR_LGN_2,
		.legacy_np = is_write(rq) ? DMAR_FR_LGN_2 : DMAR_FR_LGN_3,
		.translation = rq->at == DMAR_AT_TR,
		.final = true,
	};
}

static bool beyond(uint64_t addr, unsigned width)
{
	return width < 64 && (addr >> width) != 0;
}

/* vtd-notes 4.1: second stage only */
static fw_fault walk_second_stage(struct walk_env *env, struct stage_out *o)
{
	if (beyond(env->rq->addr, env->p->ss_width))
		return env->p->scalable ? DMAR_FR_SGN_5 : DMAR_FR_LGN_1;
	struct stage_req sr = ss_request(env, env->rq->addr);
	return walk_stage(env, &sr, o);
}

/* vtd-notes 5.1: canonical in 48 or 57 bits */
static bool canonical(uint64_t addr, unsigned levels)
{
	unsigned top = levels == 5 ? 56 : 47;
	uint64_t upper = addr >> top; /* bits 63:top all equal */
	return upper == 0 || upper == (~0ull >> top);
}

/* vtd-notes 5, 6: first stage, its tables and output through the second stage when nested */
static fw_fault walk_first_stage(struct walk_env *env, bool nested, struct stage_out *o)
{
	const struct dmar_request *rq = env->rq;
	const struct fw_path *p = env->p;

	if (!canonical(rq->addr, p->fs_levels) && !FW_BUG(env->fw, FW_BUG_FS_NO_CANON))
		return DMAR_FR_SGN_1;
	struct stage_req sr = {
		.fmt = &env->fs,
		.input = rq->addr,
		.root = p->fs_root,
		.tables_via_ss = nested,
		.use_psc = !nested, /* nested: only the second-stage entries are cached */
		.need = access_need(env->fw, rq),
		.user = !rq->priv,
		/* nested: D waits until the output's second stage admits the write (never set speculatively) */
		.want_dirty = !nested && wants_dirty(env->fw, rq),
		.translation = rq->at == DMAR_AT_TR,
		.final = !nested,
	};
	struct stage_out fs;
	fw_fault f = walk_stage(env, &sr, &fs);
	if (f)
		return f;
	uint8_t eff = fs_effective(p, fs.perm, sr.user);
	if (!nested) {
		*o = fs;
		o->perm = eff | (fs.perm & FW_P_U);
		return 0;
	}

	/* the output is a guest address: second stage with the request's access (vtd-notes 6) */
	uint64_t gpa = fs.out | (rq->addr & (BIT(fs.size_lg2) - 1));
	if (beyond(gpa, p->ss_width))
		return DMAR_FR_SGN_5;
	struct stage_req out_req = ss_request(env, gpa);
	struct stage_out ss;
	f = walk_stage(env, &out_req, &ss);
	if (f)
		return f;
	/* D only when both stages grant the write (R96) */
	if (wants_dirty(env->fw, rq) && (eff & ss.perm & FW_P_W) && !fs.dirty &&
	    !output_faults(env, ss.out, ss.size_lg2, gpa)) {
		/* the write goes through: walk the first stage again, now setting D on its leaf */
		sr.want_dirty = true;
		f = walk_stage(env, &sr, &fs);
		if (f)
			return f;
	}
	uint8_t size = fs.size_lg2 < ss.size_lg2 ? fs.size_lg2 : ss.size_lg2;
	uint64_t hpa = ss.out | (gpa & (BIT(ss.size_lg2) - 1));
	o->size_lg2 = size;
	o->out = hpa & ~(BIT(size) - 1);
	o->perm = (uint8_t)((eff & ss.perm) | (fs.perm & FW_P_U));
	o->dirty = fs.dirty && ss.dirty;
	o->snoop = ss.snoop;
	o->leaf_hpa = ss.leaf_hpa;
	return 0;
}

/* Table 30's T column: Success R=W=0 (S0) or with the permissions (SP), vtd-notes 8.1 */
static bool translation_succeeds(fw_fault f)
{
	switch (f) {
	case NO_PERM_SUCCESS:
	case DMAR_FR_LGN_1:
	case DMAR_FR_LGN_2:
	case DMAR_FR_LGN_3:
	case DMAR_FR_SFS_1:
	case DMAR_FR_SFS_2:
	case DMAR_FR_SFS_3:
	case DMAR_FR_SFS_4:
	case DMAR_FR_SFS_5:
	case DMAR_FR_SFS_6:
	case DMAR_FR_SFS_7:
	case DMAR_FR_SFS_8:
	case DMAR_FR_SSS_2:
	case DMAR_FR_SGN_1:
	case DMAR_FR_SGN_2:
	case DMAR_FR_SGN_5:
	case DMAR_FR_SGN_6:
	case DMAR_FR_SGN_7:
	case DMAR_FR_SFS_9:
	case DMAR_FR_SFS_10:
		return true;
	default:
		return false;
	}
}

static void cache_upper_entries(struct walk_env *env)
{
	for (unsigned i = 0; i < env->npending; i++) {
		const struct pending_psc *e = &env->pending[i];
		fw_psc_put(env->fw, e->fs, env->p->did, e->fs ? env->p->pasid : 0, e->level, e->input,
			   e->entry, e->perm);
	}
}

fw_fault fw_walk(struct fw *fw, const struct fw_path *p, const struct dmar_request *rq,
		 struct fw_xlate *x)
{
	struct walk_env env = { .fw = fw, .p = p, .rq = rq };
	struct stage_out o = { 0 };
	fw_fault f;
	bool fs = p->kind == FW_K_FS || p->kind == FW_K_NESTED;

	ss_format(fw, p, &env.ss);
	fs_format(fw, p, &env.fs);
	switch (p->kind) {
	case FW_K_SS:
		f = walk_second_stage(&env, &o);
		break;
	case FW_K_FS:
	case FW_K_NESTED:
		f = walk_first_stage(&env, p->kind == FW_K_NESTED, &o);
		break;
	default: /* pass-through is the caller's */
		o = (struct stage_out){ .out = rq->addr & ~0xfffull, .size_lg2 = 12, .perm = P_RWU,
					.dirty = true };
		f = 0;
		break;
	}

	*x = (struct fw_xlate){
		.did = p->did,
		.pasid = p->pasid,
		.sid = rq->sid,
		.fs = fs,
		.priv = fs && rq->priv,
	};
	if (f && rq->at == DMAR_AT_TR && translation_succeeds(f)) {
		/* Success with R=W=0: nothing to cache (valid stays false) */
		x->in = rq->addr & ~0xfffull;
		x->size_lg2 = 12;
		return 0;
	}
	if (f)
		return f;

	cache_upper_entries(&env);
	x->valid = (o.perm & (FW_P_R | FW_P_W)) != 0;
	x->size_lg2 = o.size_lg2;
	x->in = rq->addr & ~(BIT(o.size_lg2) - 1);
	x->out = o.out;
	x->perm = fs ? o.perm : (uint8_t)(o.perm & (FW_P_R | FW_P_W));
	if (fs && p->ere && (o.perm & FW_P_R))
		x->perm |= FW_P_X;
	x->dirty = o.dirty;
	x->snoop = o.snoop;
	return 0;
}
