// SPDX-License-Identifier: Apache-2.0
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

const struct dmar_inv_field_info dmar_inv_fields[] = {
	{ "did", DID, 0 },
	{ "sid", SID, 2 },
	{ "fm", DMAR_INVF_FM, 0 },
	{ "pasid", PASID, 0 },
	{ "addr", ADDR, 1 },
	{ "am", AM, 0 },
	{ "size", DMAR_INVF_SIZE, 3 },
	{ "index", DMAR_INVF_INDEX, 0 },
	{ "im", DMAR_INVF_IM, 0 },
	{ "ih", DMAR_INVF_IH, 4 },
	{ "status", DMAR_INVF_STATUS, 1 }, /* with value=, printed together */
	{ "fence", DMAR_INVF_FENCE, 4 },
	{ "drain", DMAR_INVF_DRAIN, 4 },
};

const unsigned dmar_inv_n_fields = sizeof(dmar_inv_fields) / sizeof(dmar_inv_fields[0]);
