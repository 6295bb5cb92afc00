// SPDX-License-Identifier: Apache-2.0
/*
 * What `--translator NAME|PATH.so` names, as one kind of thing for `run`: a
 * subject of the engine.  Built-in translators (fastwalk, its mutants) and
 * plugins go through the translator adapter (harness/translator_subject.c);
 * `qemu` is the hardware back-end's subject.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "harness/translator_subject.h"
#include "hw-tests/host/qemu_subject.h"
#include "translators/translators.h"

int dmar_subject_open(const char *verb, const char *name, struct dmar_subject *s, void **plugin)
{
	const struct dmar_translator_ops *t;
	struct dmar_error err;
	char why[512];

	*plugin = NULL;
	if (!strcmp(name, "qemu")) {
		if (!dmar_qemu_subject_open(s, &err))
			return 0;
		fprintf(stderr, "dmarfuzz: %s: %s\n", verb, err.msg);
		return -1;
	}
	if (dmar_translator_is_path(name)) {
		if (dmar_plugin_load(name, &t, plugin, why, sizeof(why))) {
			fprintf(stderr, "dmarfuzz: %s: %s\n", verb, why);
			return -1;
		}
	} else if (!(t = dmar_builtin_translator(name))) {
		fprintf(stderr,
			"dmarfuzz: %s: `%s`: no such translator (`dmarfuzz translators` lists them; a plugin is "
			"named by its path, e.g. ./%s.so)\n", verb, name, name);
		return -1;
	}
	if (!dmar_translator_subject(t, s, &err))
		return 0;
	fprintf(stderr, "dmarfuzz: %s: %s\n", verb, err.msg);
	dmar_plugin_unload(*plugin);
	*plugin = NULL;
	return -1;
}

void dmar_subject_close(struct dmar_subject *s, void *plugin)
{
	s->close(s->ctx);
	dmar_plugin_unload(plugin);
}

/* `dmarfuzz translators`: one line each */
int dmar_cmd_translators(int argc, char **argv)
{
	const struct dmar_translator_ops *t;
	size_t i;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: dmarfuzz translators\n");
		return 2;
	}
	for (i = 0; (t = dmar_builtin_at(i)); i++)
		printf("%-28s %s\n", t->name, t->summary);
	printf("%-28s %s\n", "qemu",
	       "QEMU's intel-iommu, driven by the hardware back-end's bare-metal driver (needs qemu-system-x86)");
	printf("%-28s %s\n", "PATH.so", "a plugin built against dmar/translator.h (docs/translator-abi.md)");
	return 0;
}
