// SPDX-License-Identifier: Apache-2.0
/*
 * Opens the translator DMARFUZZ_TRANSLATOR names once per process, as
 * `dmarfuzz run --translator` would (cli/subjects.c), through the
 * translator adapter (harness/translator_subject.c).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz/subject.h"
#include "harness/translator_subject.h"
#include "translators/translators.h"

static struct dmar_subject subject;
static const struct dmar_subject *opened;

static _Noreturn void cannot(const char *name, const char *why)
{
	fprintf(stderr, "dmarfuzz fuzz: %s=%s: %s\n", DMAR_FUZZ_TRANSLATOR_ENV, name, why);
	exit(2);
}

const struct dmar_subject *dmar_fuzz_subject(void)
{
	const struct dmar_translator_ops *t;
	const char *name = getenv(DMAR_FUZZ_TRANSLATOR_ENV);
	struct dmar_error err;
	void *plugin; /* kept loaded for the process */
	char why[512];

	if (opened)
		return opened;
	if (!name || !name[0])
		name = DMAR_FUZZ_TRANSLATOR_DEFAULT;
	if (dmar_translator_is_path(name)) {
		if (dmar_plugin_load(name, &t, &plugin, why, sizeof(why)))
			cannot(name, why);
	} else if (!(t = dmar_builtin_translator(name))) {
		cannot(name, "no such built-in translator (`dmarfuzz translators` lists them; a plugin is "
			     "named by the path of its .so)");
	}
	if (dmar_translator_subject(t, &subject, &err))
		cannot(name, err.msg);
	opened = &subject;
	return opened;
}
