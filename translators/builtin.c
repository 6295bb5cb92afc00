// SPDX-License-Identifier: Apache-2.0
/* The built-in translators: fastwalk and its planted-bug mutants, found by name. */
#include <string.h>

#include "translators/fastwalk/fastwalk.h"
#include "translators/translators.h"

const struct dmar_translator_ops *dmar_builtin_at(size_t i)
{
	size_t n;
	const struct dmar_mutant *m = dmar_mutants(&n);

	if (i == 0)
		return &dmar_fastwalk_ops;
	return i - 1 < n ? m[i - 1].ops : NULL;
}

const struct dmar_translator_ops *dmar_builtin_translator(const char *name)
{
	const struct dmar_translator_ops *t;
	size_t i;

	for (i = 0; (t = dmar_builtin_at(i)); i++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

int dmar_translator_is_path(const char *name)
{
	size_t len = strlen(name);

	return strchr(name, '/') != NULL || (len > 3 && !strcmp(name + len - 3, ".so"));
}
