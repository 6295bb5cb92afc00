// SPDX-License-Identifier: Apache-2.0
/*
 * The encoder against the decoder: every named invalidation, encoded for a
 * unit that takes it, decodes back to the same kind and fields; and a few
 * descriptors written out by hand from vtd-notes 9.4 and registers from 1.6-1.7.
 */
#include "check.h"
#include "harness/qi_decode.h"
#include "harness/qi_encode.h"

static const struct dmar_unit legacy = { .cap = 0x00120784222f0602ull, .ecap = 0x5047,
					 .rtaddr = 0x100000, .ver = 0x10, .haw = 48 };
/* the same with ECAP.SMTS: its queue may take 256-bit descriptors in legacy mode */
static const struct dmar_unit legacy_smts = { .cap = 0x00120784222f0602ull, .ecap = 0x80000005047ull,
					      .rtaddr = 0x100000, .ver = 0x10, .haw = 48 };
static const struct dmar_unit sm = { .cap = 0x01120784222f0602ull, .ecap = 0x0003e99e800050c7ull,
				     .rtaddr = 0x100400, .ver = 0x10, .haw = 48 };

static void round_trip(const struct dmar_unit *u, bool wide, struct dmar_inv in)
{
	uint64_t w[4];
	struct dmar_inv out;
	unsigned n = dmar_qi_encode(&in, wide, w);

	CHECK(n == (wide ? 4u : 2u));
	CHECK(dmar_qi_decode(u, w, n, &out) == 0);
	CHECK(out.kind == in.kind);
	if (in.fields & DMAR_INVF_DID)
		CHECK(out.did == in.did);
	if (in.fields & DMAR_INVF_SID)
		CHECK(out.sid == in.sid);
	if (in.fields & DMAR_INVF_PASID)
		CHECK(out.pasid == in.pasid);
	if (in.fields & DMAR_INVF_ADDR)
		CHECK_EQ_U64(out.addr & ~((in.fields & DMAR_INVF_SIZE) ? in.size - 1 : 0xfff),
			     in.addr & ~((in.fields & DMAR_INVF_SIZE) ? in.size - 1 : 0xfff));
	if (in.fields & DMAR_INVF_AM)
		CHECK(out.am == in.am);
	if (in.fields & DMAR_INVF_SIZE)
		CHECK_EQ_U64(out.size, in.size);
	CHECK((out.fields & DMAR_INVF_IH) == (in.fields & DMAR_INVF_IH));
	if (in.fields & DMAR_INVF_STATUS)
		CHECK(out.status_hpa == in.status_hpa && out.status_value == in.status_value);
}

int main(void)
{
	uint64_t w[4], val, iva;
	unsigned off;
	const struct dmar_inv ccdev = { .kind = DMAR_INV_CC_DEVICE, .did = 5, .sid = 0x10, .fm = 1,
					.fields = DMAR_INVF_DID | DMAR_INVF_SID | DMAR_INVF_FM };
	const struct dmar_inv page = { .kind = DMAR_INV_IOTLB_PAGE, .did = 5, .addr = 0x400000, .am = 2,
				       .fields = DMAR_INVF_DID | DMAR_INVF_ADDR | DMAR_INVF_AM | DMAR_INVF_IH };

	round_trip(&legacy, false, ccdev);
	round_trip(&legacy, false, page);
	round_trip(&legacy_smts, true, page);
	round_trip(&legacy, false, (struct dmar_inv){ .kind = DMAR_INV_IOTLB_DOMAIN, .did = 7, .fields = DMAR_INVF_DID });
	round_trip(&legacy, false, (struct dmar_inv){ .kind = DMAR_INV_DEVTLB, .sid = 0x10, .addr = 0x600000,
						      .size = 2 << 20, .fields = DMAR_INVF_SID | DMAR_INVF_ADDR | DMAR_INVF_SIZE });
	round_trip(&legacy, false, (struct dmar_inv){ .kind = DMAR_INV_WAIT, .status_hpa = 0x300004, .status_value = 9,
						      .fields = DMAR_INVF_STATUS });
	round_trip(&legacy, false, (struct dmar_inv){ .kind = DMAR_INV_IEC_INDEX, .index = 8, .im = 2,
						      .fields = DMAR_INVF_INDEX | DMAR_INVF_IM });
	round_trip(&sm, true, (struct dmar_inv){ .kind = DMAR_INV_PIOTLB_PAGE, .did = 5, .pasid = 3, .addr = 0x7000,
						 .am = 0, .fields = DMAR_INVF_DID | DMAR_INVF_PASID | DMAR_INVF_ADDR | DMAR_INVF_AM });
	round_trip(&sm, true, (struct dmar_inv){ .kind = DMAR_INV_PC_PASID, .did = 5, .pasid = 3,
						 .fields = DMAR_INVF_DID | DMAR_INVF_PASID });
	round_trip(&sm, true, (struct dmar_inv){ .kind = DMAR_INV_DEVTLB, .sid = 0x10, .pasid = 1, .addr = 0x400000,
						 .size = 4096, .fields = DMAR_INVF_SID | DMAR_INVF_PASID | DMAR_INVF_ADDR | DMAR_INVF_SIZE });

	/* by hand: cc device DID 5 SID 00:02.0 FM 1 = type 1 | G 11 << 4 | 5 << 16 | 0x10 << 32 | 1 << 48 */
	CHECK(dmar_qi_encode(&ccdev, false, w) == 2);
	CHECK_EQ_U64(w[0], 0x0001001000050031ull);
	/* a PASID-cache descriptor has no 128-bit form */
	CHECK(dmar_qi_encode(&(struct dmar_inv){ .kind = DMAR_INV_PC_GLOBAL }, false, w) == 0);
	/* registers: CCMD global = ICC | CIRG 01; IOTLB page = IVT | IIRG 11 | DR | DW | DID 5 << 32 */
	CHECK(dmar_reg_encode(&(struct dmar_inv){ .kind = DMAR_INV_CC_GLOBAL }, 0xf, &off, &val, &iva));
	CHECK(off == 0x28 && val == 0xa000000000000000ull);
	CHECK(dmar_reg_encode(&page, 0xf, &off, &val, &iva));
	CHECK(off == 0xf8 && val == 0xb003000500000000ull && iva == 0x400042);
	CHECK(!dmar_reg_encode(&(struct dmar_inv){ .kind = DMAR_INV_DEVTLB }, 0xf, &off, &val, &iva));
	return check_summary();
}
