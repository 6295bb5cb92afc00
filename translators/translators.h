/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Finding a translator (docs/translator-abi.md): the built-in ones by name
 * (fastwalk and its planted-bug mutants), or a plugin by the path of its
 * shared object.
 */
#ifndef DMAR_TRANSLATORS_H
#define DMAR_TRANSLATORS_H

#include <stddef.h>

#include "dmar/translator.h"

/* the i-th built-in translator (fastwalk first, then the mutants), or NULL past the last */
const struct dmar_translator_ops *dmar_builtin_at(size_t i);
/* the built-in one of that name, or NULL */
const struct dmar_translator_ops *dmar_builtin_translator(const char *name);

/* planted-bug variants of fastwalk (translators/mutants/mutants.c) */
struct dmar_mutant {
	const struct dmar_translator_ops *ops;
	const char *bug_class; /* what kind of bug it plants */
	const char *reference; /* where such a bug was seen in real code, or "" */
};
const struct dmar_mutant *dmar_mutants(size_t *n);

/*
 * A plugin: loads the shared object at `path`, finds DMAR_TRANSLATOR_SYMBOL
 * and checks the ABI number and the ops table.  Returns 0 with *ops and
 * *handle (for dmar_plugin_unload), or -1 with one line in err.
 */
int dmar_plugin_load(const char *path, const struct dmar_translator_ops **ops, void **handle, char *err,
		     size_t err_size);
void dmar_plugin_unload(void *handle);

/* true when `name` is a path to a plugin rather than a built-in name (it holds '/' or ends in .so) */
int dmar_translator_is_path(const char *name);

#endif
