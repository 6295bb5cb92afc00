// SPDX-License-Identifier: Apache-2.0
/*
 * The entry formats' field tables (the headers of oracles/formats/) against the
 * specification.  For every shape: every bit of the entry is covered by
 * exactly one field (a field, reserved or ignored: no gap, no overlap).
 * Then the reserved-bit mask dmar_shape_rsvd_mask computes, per qword and
 * configuration (HAW, CAP.ND, ECAP feature bits, pass-through, SSIRWE), is
 * compared with a mask worked out BY HAND from the entry layouts of the
 * Intel VT-d specification rev 5.x (docs/vtd-notes.md's sections 2-5), written
 * here as hex constants with the bits and the reason.
 *
 * ECAP bit numbers are spelled here from the specification (vtd-notes 1.3),
 * not taken from the oracle's headers.  Expectations where the tables and
 * the specification disagree are marked KNOWN: they are printed, not
 * failed, so that the disagreement stays visible until the oracle is fixed.
 *
 *   test_formats
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "oracles/format.h"
#include "tests/check.h"

/* ECAP bits (spec 11.4.3, vtd-notes 1.3) */
#define E_DT (1ull << 2)
#define E_PT (1ull << 6)
#define E_SC (1ull << 7)
#define E_MTS (1ull << 25)
#define E_NEST (1ull << 26)
#define E_PRS (1ull << 29)
#define E_SRS (1ull << 31)
#define E_EAFS (1ull << 34)
#define E_PASID (1ull << 40)
#define E_SMTS (1ull << 43)
#define E_SSADS (1ull << 45)
#define E_SSTS (1ull << 46)
#define E_FSTS (1ull << 47)
#define E_SMPWCS (1ull << 48)
#define E_RPS (1ull << 49)
#define E_RPRIVS (1ull << 53)
#define E_HPTS (1ull << 55)
#define E_PTRS (1ull << 56)

/* CAP.ND (bits 2:0): the domain-id is 4 + 2*ND bits wide */
#define ND(n) ((uint64_t)(n))

/* ---- coverage ------------------------------------------------------------ */

static void check_coverage(unsigned id)
{
	const struct dmar_shape *s = dmar_shape_get(id);
	unsigned char count[512];
	unsigned i, b, bits = s->qwords * 64u;
	bool ok = true;

	CHECK(s->qwords >= 1 && s->qwords <= 8 && s->nfields > 0);
	if (s->qwords < 1 || s->qwords > 8)
		return;
	memset(count, 0, sizeof(count));
	for (i = 0; i < s->nfields; i++) {
		const struct dmar_field *f = &s->fields[i];

		if (f->lo > f->hi || f->hi >= bits) {
			fprintf(stderr, "%s: field %s has bits %u..%u, outside the %u-bit entry\n", s->name,
				f->name, f->hi, f->lo, bits);
			CHECK(0);
			continue;
		}
		/* an address field lies in one qword (its bits are the address bits) */
		if (f->kind == DMAR_FK_ADDR)
			CHECK(f->lo / 64 == f->hi / 64);
		/* a reserved field is reserved under some condition, a flag is one bit */
		if (f->kind == DMAR_FK_RSVD)
			CHECK(f->rsvd != DMAR_RW_NEVER);
		if (f->kind == DMAR_FK_FLAG)
			CHECK(f->lo == f->hi);
		if (f->kind == DMAR_FK_IGN)
			CHECK(f->rsvd == DMAR_RW_NEVER);
		for (b = f->lo; b <= f->hi; b++)
			count[b]++;
	}
	for (b = 0; b < bits; b++)
		if (count[b] != 1) {
			fprintf(stderr, "%s: bit %u is covered by %u fields\n", s->name, b, count[b]);
			ok = false;
		}
	CHECK(ok);
}

/* ---- reserved masks ------------------------------------------------------ */

struct want {
	unsigned shape, qw;
	uint64_t cap, ecap;
	uint8_t haw, ssirwe, pt;
	uint64_t mask; /* from the specification */
	const char *why;
	/* a known disagreement: the table gives `table` instead (see the comment at the entry) */
	bool known;
	uint64_t table;
};

static unsigned n_known;

static void check_want(const struct want *w)
{
	struct dmar_rsvd_env env = { w->cap, w->ecap, w->haw, w->ssirwe, w->pt };
	uint64_t got = dmar_shape_rsvd_mask(w->shape, w->qw, &env);
	const char *name = dmar_shape_get(w->shape)->name;

	if (w->known) {
		/* still the same disagreement: anything else (fixed, or worse) is noticed */
		if (got == w->mask)
			fprintf(stderr, "%s qw%u HAW %u (%s): the known disagreement is gone, mark it fixed\n",
				name, w->qw, w->haw, w->why);
		CHECK(got == w->table);
		printf("KNOWN DISAGREEMENT %s qw%u HAW %u ecap 0x%llx: spec 0x%016llx, table 0x%016llx (%s)\n",
		       name, w->qw, w->haw, (unsigned long long)w->ecap, (unsigned long long)w->mask,
		       (unsigned long long)got, w->why);
		n_known++;
		return;
	}
	if (got != w->mask)
		fprintf(stderr, "%s qw%u HAW %u cap 0x%llx ecap 0x%llx ssirwe %u pt %u: mask 0x%016llx, spec 0x%016llx (%s)\n",
			name, w->qw, w->haw, (unsigned long long)w->cap, (unsigned long long)w->ecap, w->ssirwe,
			w->pt, (unsigned long long)got, (unsigned long long)w->mask, w->why);
	CHECK_EQ_U64(got, w->mask);
}

/* all the SS features a leaf may use */
#define SS_ALL (E_SC)
/* every ECAP bit that un-reserves a scalable context or PASID entry field */
#define SM_ALL (E_DT | E_PASID | E_PRS | E_HPTS | E_PTRS | E_RPS | E_RPRIVS)
#define PE_ALL (E_SSTS | E_SSADS | E_SMPWCS | E_SC | E_MTS | E_SRS | E_EAFS | E_FSTS)

static const struct want wants[] = {
	/* -- legacy root entry (vtd-notes 2.1): 11:1 reserved, CTP 63:HAW, 127:64 reserved -- */
	{ DMAR_SHAPE_ROOT, 0, 0, 0, 39, 0, 0, 0xffffff8000000ffeull, "11:1 and 63:39", false, 0 },
	{ DMAR_SHAPE_ROOT, 0, 0, 0, 48, 0, 0, 0xffff000000000ffeull, "11:1 and 63:48", false, 0 },
	{ DMAR_SHAPE_ROOT, 0, 0, 0, 52, 0, 0, 0xfff0000000000ffeull, "11:1 and 63:52", false, 0 },
	{ DMAR_SHAPE_ROOT, 1, 0, 0, 48, 0, 0, 0xffffffffffffffffull, "127:64", false, 0 },

	/* -- legacy context entry (vtd-notes 2.2): 11:4, SSPTPTR 63:HAW (ignored with TT=10), 71,
	 *    DID above 4+2*ND bits (entry bits 87:72), 127:88 -- */
	{ DMAR_SHAPE_CTX, 0, 0, 0, 39, 0, 0, 0xffffff8000000ff0ull, "11:4 and 63:39", false, 0 },
	{ DMAR_SHAPE_CTX, 0, 0, 0, 48, 0, 0, 0xffff000000000ff0ull, "11:4 and 63:48", false, 0 },
	{ DMAR_SHAPE_CTX, 0, 0, 0, 52, 0, 0, 0xfff0000000000ff0ull, "11:4 and 63:52", false, 0 },
	{ DMAR_SHAPE_CTX, 0, 0, E_PT, 39, 0, 1, 0x0000000000000ff0ull, "TT=10: 11:4 only, SSPTPTR ignored", false, 0 },
	/* qword 1: bit 71 = qw bit 7 (0x80); 127:88 = qw 63:24; DID = qw 23:8 */
	{ DMAR_SHAPE_CTX, 1, ND(0), 0, 48, 0, 0, 0xfffffffffffff080ull, "ND=0: DID 87:76 (4 bits used), 71, 127:88", false, 0 },
	{ DMAR_SHAPE_CTX, 1, ND(2), 0, 48, 0, 0, 0xffffffffffff0080ull, "ND=2: DID 87:80 (8 bits used), 71, 127:88", false, 0 },
	{ DMAR_SHAPE_CTX, 1, ND(4), 0, 48, 0, 0, 0xfffffffffff00080ull, "ND=4: DID 87:84 (12 bits used), 71, 127:88", false, 0 },
	{ DMAR_SHAPE_CTX, 1, ND(6), 0, 48, 0, 0, 0xffffffffff000080ull, "ND=6: all 16 DID bits used; 71, 127:88", false, 0 },

	/* -- second stage (vtd-notes 4.2, 4.3): 51:HAW; bit 62 (IW) unless SSIRWE; PS (7) in
	 *    PML5E/PML4E; bit 11 in non-leaves, and SNP (11) in leaves without ECAP.SC;
	 *    1G leaf 29:12, 2M leaf 20:12 -- */
	{ DMAR_SHAPE_SL_PML4E, 0, 0, 0, 39, 0, 0, 0x400fff8000000880ull, "62, 51:39, 11, 7", false, 0 },
	{ DMAR_SHAPE_SL_PML4E, 0, 0, 0, 48, 0, 0, 0x400f000000000880ull, "62, 51:48, 11, 7", false, 0 },
	{ DMAR_SHAPE_SL_PML4E, 0, 0, 0, 48, 1, 0, 0x000f000000000880ull, "SSIRWE: 51:48, 11, 7", false, 0 },
	{ DMAR_SHAPE_SL_PML5E, 0, 0, 0, 52, 0, 0, 0x4000000000000880ull, "62, 11, 7 (HAW 52: no address bit)", false, 0 },
	{ DMAR_SHAPE_SL_PDPE, 0, 0, 0, 39, 0, 0, 0x400fff8000000800ull, "62, 51:39, 11", false, 0 },
	{ DMAR_SHAPE_SL_PDPE, 0, 0, SS_ALL, 48, 0, 0, 0x400f000000000800ull, "62, 51:48, 11 (SC: still reserved in a non-leaf)", false, 0 },
	{ DMAR_SHAPE_SL_PDE, 0, 0, 0, 48, 1, 0, 0x000f000000000800ull, "SSIRWE: 51:48, 11", false, 0 },
	{ DMAR_SHAPE_SL_PDPE_1G, 0, 0, 0, 39, 0, 0, 0x400fff803ffff800ull, "62, 51:39, 29:12, SNP 11", false, 0 },
	{ DMAR_SHAPE_SL_PDPE_1G, 0, 0, E_SC, 39, 0, 0, 0x400fff803ffff000ull, "SC: 62, 51:39, 29:12", false, 0 },
	{ DMAR_SHAPE_SL_PDPE_1G, 0, 0, 0, 48, 0, 0, 0x400f00003ffff800ull, "62, 51:48, 29:12, SNP 11", false, 0 },
	{ DMAR_SHAPE_SL_PDE_2M, 0, 0, 0, 39, 0, 0, 0x400fff80001ff800ull, "62, 51:39, 20:12, SNP 11", false, 0 },
	{ DMAR_SHAPE_SL_PDE_2M, 0, 0, E_SC, 48, 1, 0, 0x000f0000001ff000ull, "SC, SSIRWE: 51:48, 20:12", false, 0 },
	{ DMAR_SHAPE_SL_PTE, 0, 0, 0, 39, 0, 0, 0x400fff8000000800ull, "62, 51:39, SNP 11", false, 0 },
	{ DMAR_SHAPE_SL_PTE, 0, 0, E_SC, 48, 0, 0, 0x400f000000000000ull, "SC: 62, 51:48", false, 0 },
	{ DMAR_SHAPE_SL_PTE, 0, 0, E_SC, 52, 1, 0, 0x0000000000000000ull, "SC, SSIRWE, HAW 52: nothing", false, 0 },

	/* -- first stage (vtd-notes 5.2): 51:HAW; PS (7) in PML5E/PML4E; 1G leaf 29:13, 2M leaf
	 *    20:13 (bit 12 is PAT); bits 63:52 ignored (XD gone), EA (10) never reserved -- */
	{ DMAR_SHAPE_FS_PML4E, 0, 0, 0, 39, 0, 0, 0x000fff8000000080ull, "51:39, 7", false, 0 },
	{ DMAR_SHAPE_FS_PML5E, 0, 0, 0, 48, 0, 0, 0x000f000000000080ull, "51:48, 7", false, 0 },
	{ DMAR_SHAPE_FS_PDPE, 0, 0, 0, 48, 0, 0, 0x000f000000000000ull, "51:48", false, 0 },
	{ DMAR_SHAPE_FS_PDE, 0, 0, 0, 39, 0, 0, 0x000fff8000000000ull, "51:39", false, 0 },
	{ DMAR_SHAPE_FS_PDPE_1G, 0, 0, 0, 39, 0, 0, 0x000fff803fffe000ull, "51:39, 29:13", false, 0 },
	{ DMAR_SHAPE_FS_PDPE_1G, 0, 0, 0, 48, 0, 0, 0x000f00003fffe000ull, "51:48, 29:13", false, 0 },
	{ DMAR_SHAPE_FS_PDE_2M, 0, 0, 0, 48, 0, 0, 0x000f0000001fe000ull, "51:48, 20:13", false, 0 },
	{ DMAR_SHAPE_FS_PTE, 0, 0, 0, 39, 0, 0, 0x000fff8000000000ull, "51:39", false, 0 },
	{ DMAR_SHAPE_FS_PTE, 0, 0, 0, 52, 0, 0, 0x0000000000000000ull, "HAW 52: nothing", false, 0 },

	/* -- scalable root entry (vtd-notes 3.1): 11:1, LCTP 63:HAW; 75:65, UCTP 127:(64+HAW) -- */
	{ DMAR_SHAPE_SM_ROOT, 0, 0, 0, 48, 0, 0, 0xffff000000000ffeull, "11:1 and 63:48", false, 0 },
	{ DMAR_SHAPE_SM_ROOT, 1, 0, 0, 39, 0, 0, 0xffffff8000000ffeull, "75:65 and 127:103", false, 0 },
	{ DMAR_SHAPE_SM_ROOT, 1, 0, 0, 52, 0, 0, 0xfff0000000000ffeull, "75:65 and 127:116", false, 0 },

	/* -- scalable context entry (vtd-notes 3.2): DTE 2 (DT), PASIDE 3 (PASID), PRE 4 (PRS),
	 *    HPTE 5 (HPTS), EPTR 6 (PTRS) reserved without the feature; 8:7; PASIDDIRPTR 63:HAW;
	 *    RID_PASID 83:64 (RPS), RID_PRIV 84 (RPRIVS); 255:85 -- */
	{ DMAR_SHAPE_SM_CTX, 0, 0, 0, 48, 0, 0, 0xffff0000000001fcull, "no features: 8:2 and 63:48", false, 0 },
	{ DMAR_SHAPE_SM_CTX, 0, 0, SM_ALL, 39, 0, 0, 0xffffff8000000180ull, "all features: 8:7 and 63:39", false, 0 },
	{ DMAR_SHAPE_SM_CTX, 0, 0, E_DT | E_PASID, 48, 0, 0, 0xffff0000000001f0ull, "DT, PASID: 8:4 and 63:48", false, 0 },
	{ DMAR_SHAPE_SM_CTX, 1, 0, 0, 48, 0, 0, 0xffffffffffffffffull, "no RPS/RPRIVS: 127:64", false, 0 },
	{ DMAR_SHAPE_SM_CTX, 1, 0, E_RPS, 48, 0, 0, 0xfffffffffff00000ull, "RPS: 127:84", false, 0 },
	{ DMAR_SHAPE_SM_CTX, 1, 0, E_RPS | E_RPRIVS, 48, 0, 0, 0xffffffffffe00000ull, "RPS, RPRIVS: 127:85", false, 0 },
	{ DMAR_SHAPE_SM_CTX, 2, 0, SM_ALL, 48, 0, 0, 0xffffffffffffffffull, "191:128", false, 0 },
	{ DMAR_SHAPE_SM_CTX, 3, 0, SM_ALL, 48, 0, 0, 0xffffffffffffffffull, "255:192", false, 0 },

	/* -- PASID directory entry (vtd-notes 3.3): 11:2 and 63:HAW -- */
	{ DMAR_SHAPE_PASID_DIR, 0, 0, 0, 39, 0, 0, 0xffffff8000000ffcull, "11:2 and 63:39", false, 0 },
	{ DMAR_SHAPE_PASID_DIR, 0, 0, 0, 48, 0, 0, 0xffff000000000ffcull, "11:2 and 63:48", false, 0 },

	/* -- PASID table entry (vtd-notes 3.4) --
	 * qword 0: 5, 11:10 always; SSADE 9 reserved without SSADS (or SSTS); AW 4:2 reserved
	 * without SSTS; SSPTPTR 63:HAW (ignored for PGTT 001/100: the `pt` case) */
	{ DMAR_SHAPE_PASID_ENTRY, 0, 0, PE_ALL, 48, 0, 0, 0xffff000000000c20ull, "all features: 11:10, 5, 63:48", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 0, 0, PE_ALL, 39, 0, 0, 0xffffff8000000c20ull, "all features: 11:10, 5, 63:39", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 0, 0, E_SSTS, 48, 0, 0, 0xffff000000000e20ull, "SSTS, no SSADS: 11:9, 5, 63:48", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 0, 0, PE_ALL, 48, 0, 1, 0x0000000000000c20ull, "PGTT 001/100: SSPTPTR ignored; 11:10, 5", false, 0 },
	/*
	 * KNOWN DISAGREEMENT: without ECAP.SSTS the spec (rev 5.x, PASID-table entry AW field;
	 * vtd-notes 3.4) makes AW (bits 4:2) reserved (and SSADE too, reserved if SSTS=0 or
	 * SSADS=0).  The table (oracles/formats/pasid.h) never reserves AW and reserves SSADE on
	 * SSADS alone: with ECAP = FSTS only it gives 0xffff000000000e20 instead of
	 * 0xffff000000000e3c (bits 4:2 missing).
	 */
	{ DMAR_SHAPE_PASID_ENTRY, 0, 0, E_FSTS, 48, 0, 0, 0xffff000000000e3cull, "no SSTS: AW 4:2 reserved", true,
	  0xffff000000000e20ull },
	/* qword 1 (bits 127:64): DID 79:64 above 4+2*ND bits; 86:80 (qw 22:16); PWSNP 87 (SMPWCS);
	 * PGSNP 88 (SC); CD 89, EMTE 90 (MTS); 95:91 (qw 31:27); PAT 127:96 (MTS) */
	{ DMAR_SHAPE_PASID_ENTRY, 1, ND(6), 0, 48, 0, 0, 0xffffffffffff0000ull, "no features, ND=6: 127:80", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 1, ND(2), PE_ALL, 48, 0, 0, 0x00000000f87fff00ull, "all features, ND=2: 95:91, 86:80, DID 79:72", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 1, ND(0), E_SC, 48, 0, 0, 0xfffffffffefffff0ull, "SC only, ND=0: all of 127:68 but PGSNP (88)", false, 0 },
	/* qword 2 (bits 191:128): SRE 128 (SRS); 129; EAFE 135 (EAFS); 139:136; FSPTPTR
	 * 191:140 without FSTS, else 191:(128+HAW) */
	{ DMAR_SHAPE_PASID_ENTRY, 2, 0, 0, 48, 0, 0, 0xffffffffffffff83ull, "no features: 191:136, 135, 129, 128", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 2, 0, PE_ALL, 48, 0, 0, 0xffff000000000f02ull, "all features: 191:176, 139:136, 129", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 2, 0, PE_ALL, 39, 0, 0, 0xffffff8000000f02ull, "all features: 191:167, 139:136, 129", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 3, 0, PE_ALL, 48, 0, 0, 0xffffffffffffffffull, "255:192", false, 0 },
	/* qwords 4-5: HPT fields, reserved without HPTS */
	{ DMAR_SHAPE_PASID_ENTRY, 4, 0, PE_ALL, 48, 0, 0, 0xffffffffffffffffull, "no HPTS: 319:256", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 5, 0, PE_ALL, 48, 0, 0, 0xffffffffffffffffull, "no HPTS: 383:320", false, 0 },
	/* with ECAP.HPTS=1 bits 267:259, 319:(HAW+256) and 511:336 stay reserved (vtd-notes 3.4; fixed, R88) */
	{ DMAR_SHAPE_PASID_ENTRY, 4, 0, PE_ALL | E_HPTS, 48, 0, 0, 0xffff000000000ff8ull, "HPTS: 267:259, 319:304", false,
	  0 },
	{ DMAR_SHAPE_PASID_ENTRY, 5, 0, PE_ALL | E_HPTS, 48, 0, 0, 0xffffffffffff0000ull, "HPTS: 383:336", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 6, 0, PE_ALL | E_HPTS, 48, 0, 0, 0xffffffffffffffffull, "447:384", false, 0 },
	{ DMAR_SHAPE_PASID_ENTRY, 7, 0, PE_ALL | E_HPTS, 48, 0, 0, 0xffffffffffffffffull, "511:448", false, 0 },
};

int main(void)
{
	unsigned id, i, qw, seen[DMAR_SHAPE_COUNT] = { 0 };

	for (id = DMAR_SHAPE_NONE + 1; id < DMAR_SHAPE_COUNT; id++)
		check_coverage(id);
	for (i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
		check_want(&wants[i]);
		seen[wants[i].shape] = 1;
	}
	/* every shape has at least one hand-worked mask */
	for (id = DMAR_SHAPE_NONE + 1; id < DMAR_SHAPE_COUNT; id++) {
		if (!seen[id])
			fprintf(stderr, "%s: no hand-worked mask\n", dmar_shape_get(id)->name);
		CHECK(seen[id]);
	}
	/* a qword beyond the entry has no reserved bits; an always-reserved field is reserved everywhere */
	for (id = DMAR_SHAPE_NONE + 1; id < DMAR_SHAPE_COUNT; id++) {
		const struct dmar_shape *s = dmar_shape_get(id);
		struct dmar_rsvd_env env = { 0, ~0ull, 48, 1, 1 };

		for (i = 0; i < s->nfields; i++) {
			const struct dmar_field *f = &s->fields[i];

			if (f->rsvd != DMAR_RW_ALWAYS)
				continue;
			for (qw = f->lo / 64; qw <= f->hi / 64; qw++) {
				unsigned lo = f->lo > qw * 64 ? f->lo % 64 : 0;
				unsigned hi = f->hi < qw * 64 + 63 ? f->hi % 64 : 63;
				uint64_t m = (hi == 63 ? ~0ull : (2ull << hi) - 1) & ~((1ull << lo) - 1);

				CHECK((dmar_shape_rsvd_mask(id, qw, &env) & m) == m);
			}
		}
		CHECK_EQ_U64(dmar_shape_rsvd_mask(id, s->qwords, &env), 0);
	}
	printf("%u known disagreements with the specification (see above)\n", n_known);
	return check_summary();
}
