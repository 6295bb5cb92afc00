/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The files a command line names: each file as given, each directory walked
 * (its files in sorted order, hidden names skipped).
 */
#ifndef DMAR_FUZZ_FILES_H
#define DMAR_FUZZ_FILES_H

#include <stddef.h>
#include <stdint.h>

struct dmar_fuzz_files {
	char **paths;
	size_t n, cap;
};

/* adds path, or every file under it; 0, or -1 with one line on stderr */
int dmar_fuzz_files_add(struct dmar_fuzz_files *l, const char *path);
void dmar_fuzz_files_free(struct dmar_fuzz_files *l);

/* a whole file in *data (the caller frees it; never NULL on success); 0, or -1 with one line on stderr */
int dmar_fuzz_file_read(const char *path, uint8_t **data, size_t *size);

#endif
