// SPDX-License-Identifier: Apache-2.0
#include <stddef.h>

#include "harness/inv_kinds.h"

#define DID DMAR_INVF_DID
#define SID DMAR_INVF_SID
#define ADDR DMAR_INVF_ADDR
#define AM DMAR_INVF_AM
#define PASID DMAR_INVF_PASID

const struct dmar_inv_kind_info dmar_inv_kinds[DMAR_INV_KIND_COUNT] = {
	[DMAR_INV_CC_GLOBAL] = { "cc", "global", 0, 0 },
	[DMAR_INV_CC_DOMAIN] = { "cc", "domain", DID, 0 },
	[DMAR_INV_CC_DEVICE] = { "cc", "device", DID | SID, DMAR_INVF_FM },
	[DMAR_INV_IOTLB_GLOBAL] = { "iotlb", "global", 0, 0 },
	[DMAR_INV_IOTLB_DOMAIN] = { "iotlb", "domain", DID, 0 },
	[DMAR_INV_IOTLB_PAGE] = { "iotlb", "page", DID | ADDR | AM, DMAR_INVF_IH },
	[DMAR_INV_PC_DOMAIN] = { "pc", "domain", DID, 0 },
	[DMAR_INV_PC_PASID] = { "pc", "pasid", DID | PASID, 0 },
	[DMAR_INV_PC_GLOBAL] = { "pc", "global", 0, 0 },
	[DMAR_INV_PIOTLB_PASID] = { "piotlb", "pasid", DID | PASID, 0 },
	[DMAR_INV_PIOTLB_PAGE] = { "piotlb", "page", DID | PASID | ADDR | AM, DMAR_INVF_IH },
	[DMAR_INV_DEVTLB] = { "devtlb", 0, SID | ADDR | DMAR_INVF_SIZE, PASID },
	[DMAR_INV_IEC_GLOBAL] = { "iec", "global", 0, 0 },
	[DMAR_INV_IEC_INDEX] = { "iec", 0, DMAR_INVF_INDEX | DMAR_INVF_IM, 0 },
	[DMAR_INV_WAIT] = { "wait", 0, 0, DMAR_INVF_STATUS | DMAR_INVF_FENCE | DMAR_INVF_DRAIN },
};

#define F(nm, b, st, member, mx, desc) \
	{ nm, b, st, sizeof(((struct dmar_inv *)0)->member), offsetof(struct dmar_inv, member), mx, desc }
#define FLAG(nm, b) { nm, b, DMAR_IS_FLAG, 0, 0, 1, nm }

/* in print order; `value` prints right after `status` */
const struct dmar_inv_field_info dmar_inv_fields[] = {
	F("did", DID, DMAR_IS_DEC, did, 0xffff, "the domain-id"),
	F("sid", SID, DMAR_IS_SID, sid, 0xffff, "the source-id"),
	F("fm", DMAR_INVF_FM, DMAR_IS_DEC, fm, 3, "the function mask"),
	F("pasid", PASID, DMAR_IS_DEC, pasid, 0xfffff, "the PASID"),
	F("addr", ADDR, DMAR_IS_HEX, addr, ~0ull, "the address"),
	F("am", AM, DMAR_IS_DEC, am, 63, "the address mask"),
	F("size", DMAR_INVF_SIZE, DMAR_IS_SIZE, size, ~0ull, "the size"),
	F("index", DMAR_INVF_INDEX, DMAR_IS_DEC, index, 0xffff, "the interrupt index"),
	F("im", DMAR_INVF_IM, DMAR_IS_DEC, im, 31, "the index mask"),
	FLAG("ih", DMAR_INVF_IH),
	F("status", DMAR_INVF_STATUS, DMAR_IS_HEX, status_hpa, ~0ull, "the status address"),
	F("value", DMAR_INVF_STATUS_VALUE, DMAR_IS_HEX, status_value, 0xffffffff, "the status value"),
	FLAG("fence", DMAR_INVF_FENCE),
	FLAG("drain", DMAR_INVF_DRAIN),
};

const unsigned dmar_inv_n_fields = sizeof(dmar_inv_fields) / sizeof(dmar_inv_fields[0]);
