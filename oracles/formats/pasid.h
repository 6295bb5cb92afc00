/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PASID directory entry (64 bits, digest 3.3) and PASID table entry
 * (512 bits, rev 5.10 layout, digest 3.4).  Directory index PASID[19:6],
 * table index PASID[5:0].  FPD counts even when P=0.  Fields of features the
 * unit lacks are reserved (SPT.3); HPT fields (qwords 4-5) are reserved
 * without ECAP.HPTS, which this model does not implement yet.
 * Fields a PGTT does not use (SSPTPTR, AW for PGTT 001/100) are ignored.
 */

static const struct dmar_field dmar_pasid_dir_fields[] = {
	{ "P", 0, 0, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "FPD", 1, 1, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "rsvd", 2, 11, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "SMPTBLPTR", 12, 63, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW, 0 },
};

static const struct dmar_field dmar_pasid_entry_fields[] = {
	{ "P", 0, 0, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "FPD", 1, 1, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "AW", 2, 4, DMAR_FK_NUM, DMAR_RW_NEVER, 0 },
	{ "rsvd", 5, 5, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "PGTT", 6, 8, DMAR_FK_NUM, DMAR_RW_NEVER, 0 },
	{ "SSADE", 9, 9, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_SSADS },
	{ "rsvd", 10, 11, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "SSPTPTR", 12, 63, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW_UNLESS_PT, 0 },
	{ "DID", 64, 79, DMAR_FK_NUM, DMAR_RW_ABOVE_ND, 0 },
	{ "rsvd", 80, 86, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "PWSNP", 87, 87, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_SMPWCS },
	{ "PGSNP", 88, 88, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_SC },
	{ "CD", 89, 89, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_MTS },
	{ "EMTE", 90, 90, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_MTS },
	{ "rsvd", 91, 95, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "PAT", 96, 127, DMAR_FK_NUM, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_MTS },
	{ "SRE", 128, 128, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_SRS },
	{ "rsvd", 129, 129, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "FSPM", 130, 131, DMAR_FK_NUM, DMAR_RW_NEVER, 0 },
	{ "WPE", 132, 132, DMAR_FK_FLAG, DMAR_RW_NEVER, 0 },
	{ "IGN", 133, 134, DMAR_FK_IGN, DMAR_RW_NEVER, 0 },
	{ "EAFE", 135, 135, DMAR_FK_FLAG, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_EAFS },
	{ "rsvd", 136, 139, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "FSPTPTR", 140, 191, DMAR_FK_ADDR, DMAR_RW_ABOVE_HAW_UNLESS_ECAP, DMAR_ECAP_FSTS },
	{ "rsvd", 192, 255, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "rsvd(HPT)", 256, 319, DMAR_FK_RSVD, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_HPTS },
	{ "rsvd(HPT)", 320, 383, DMAR_FK_RSVD, DMAR_RW_UNLESS_ECAP, DMAR_ECAP_HPTS },
	{ "rsvd", 384, 447, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
	{ "rsvd", 448, 511, DMAR_FK_RSVD, DMAR_RW_ALWAYS, 0 },
};
