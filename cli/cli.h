/* SPDX-License-Identifier: Apache-2.0 */
/* The `dmarfuzz` verbs.  Each returns the process exit status (0, 1, 2). */
#ifndef DMAR_CLI_H
#define DMAR_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int dmar_cmd_run(int argc, char **argv);
int dmar_cmd_explain(int argc, char **argv);
int dmar_cmd_fmt(int argc, char **argv);
int dmar_cmd_encode(int argc, char **argv);
int dmar_cmd_decode(int argc, char **argv);
int dmar_cmd_hw(int argc, char **argv);
int dmar_cmd_hw_probe(int argc, char **argv);
int dmar_cmd_translators(int argc, char **argv);
int dmar_cmd_fuzz(int argc, char **argv);
int dmar_cmd_repro(int argc, char **argv);
int dmar_cmd_minimize(int argc, char **argv);

struct dmar_subject;
/*
 * The subject `--translator NAME|PATH.so` names (cli/subjects.c): 0 with s
 * filled and *plugin the loaded plugin (or NULL), or -1 after a one-line
 * error naming the verb.  dmar_subject_close releases both.
 */
int dmar_subject_open(const char *verb, const char *name, struct dmar_subject *s, void **plugin);
void dmar_subject_close(struct dmar_subject *s, void *plugin);

/* ---- Findings (cli/findings.c) ---- */
struct dmar_case;
struct dmar_error;
struct dmar_finding;
/* a text case or fuzzer bytes (*text says which); 0, or -1 with err */
int dmar_case_read_any(const char *path, struct dmar_case *c, bool *text, struct dmar_error *err);
/* the translator a finding records (FINDING.dmar, or the .dmar beside FINDING.bin): 0, or -1 when none */
int dmar_recorded_translator(const char *path, char *name, size_t size);
/* a finding as text: comments naming it, then the case with the oracle's answers as expectations */
char *dmar_finding_text(struct dmar_case *c, const struct dmar_finding *f, const char *translator,
			const char *how);
/* f->line as the finding's text (comments included) numbers it */
void dmar_finding_line(const char *text, const struct dmar_subject *subject, struct dmar_finding *f);
/* writes a file that must not exist yet ("-": standard output); 0, or -1 after a one-line error */
int dmar_write_new(const char *path, const void *data, size_t len, const char *verb);

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

/*
 * Memory: a case may take up to DMAR_MEMORY_PER_BYTE times its size once
 * parsed and run (docs/case-format.md, "Limits"); `--max-memory SIZE` caps
 * that (default: half of the machine's physical memory).  A case that could
 * need more is refused with a one-line error before it is read.
 */
#define DMAR_MEMORY_PER_BYTE 16u
uint64_t dmar_default_memory_budget(void);
/* `--max-memory SIZE` (bytes, or with K, M or G): 0, or -1 after a one-line error */
int dmar_memory_word(const char *verb, const char *word, uint64_t *budget);
/* 0 when the case at path fits the budget; -1 with err (FILE:0 form) when it may not */
int dmar_case_fits(const char *path, uint64_t budget, char *msg, size_t size);

#endif
