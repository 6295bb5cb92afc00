/* SPDX-License-Identifier: Apache-2.0 */
/* The `dmarfuzz` verbs.  Each returns the process exit status (0, 1, 2). */
#ifndef DMAR_CLI_H
#define DMAR_CLI_H

#include <stddef.h>

int dmar_cmd_run(int argc, char **argv);
int dmar_cmd_explain(int argc, char **argv);
int dmar_cmd_fmt(int argc, char **argv);
int dmar_cmd_hw(int argc, char **argv);
int dmar_cmd_hw_probe(int argc, char **argv);

/*
 * The .dmar files named by paths: directories searched recursively, each
 * directory walked once and each file listed once (by device and inode, so
 * symbolic links that loop or repeat cost nothing), sorted per directory.
 */
struct dmar_file_list {
	char **paths;
	size_t n, cap;
	struct dmar_file_id {
		unsigned long long dev, ino;
	} *seen; /* directories walked and files listed */
	size_t n_seen, cap_seen;
};

/* 0, or -1 after printing a one-line error (a directory without cases is one) */
int dmar_collect_cases(struct dmar_file_list *l, const char *path);
void dmar_file_list_free(struct dmar_file_list *l);

/*
 * `--cache-model WORD` (architecture, observed): the enum dmar_cache_rule it
 * names, or -1 after a one-line error naming the verb.
 */
int dmar_cache_rule_word(const char *verb, const char *word);

#endif
