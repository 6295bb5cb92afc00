// SPDX-License-Identifier: Apache-2.0
/*
 * Loading a translator plugin: a shared object exporting
 * DMAR_TRANSLATOR_SYMBOL (docs/translator-abi.md).  Everything that can be
 * wrong with one is said in one line naming the file: not loadable, no
 * symbol, a NULL table, another ABI number, a table missing a call.
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "translators/translators.h"

/* the calls every translator must provide (clflush is optional) */
static const char *missing_call(const struct dmar_translator_ops *t)
{
	if (!t->name || !t->name[0])
		return "name";
	if (!t->open)
		return "open";
	if (!t->close)
		return "close";
	if (!t->srtp)
		return "srtp";
	if (!t->te)
		return "te";
	if (!t->ccmd)
		return "ccmd";
	if (!t->iotlb_reg)
		return "iotlb_reg";
	if (!t->qi)
		return "qi";
	if (!t->dma)
		return "dma";
	return NULL;
}

/* dlerror's text without the path it repeats */
static const char *why_not_loaded(const char *path)
{
	const char *e = dlerror();
	size_t n = strlen(path);

	if (!e)
		return "unknown error";
	if (!strncmp(e, path, n) && e[n] == ':')
		e += n + 1;
	while (*e == ' ')
		e++;
	return e;
}

int dmar_plugin_load(const char *path, const struct dmar_translator_ops **ops, void **handle, char *err,
		     size_t err_size)
{
	dmar_translator_entry_fn entry;
	const struct dmar_translator_ops *t;
	const char *missing;
	void *h;

	/* dlopen searches the library path for a bare name: a plugin is always a file */
	char local[4096];

	if (!strchr(path, '/') && snprintf(local, sizeof(local), "./%s", path) < (int)sizeof(local))
		h = dlopen(local, RTLD_NOW | RTLD_LOCAL);
	else
		h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, err_size, "%s: not a loadable translator plugin: %s", path, why_not_loaded(path));
		return -1;
	}
	*(void **)&entry = dlsym(h, DMAR_TRANSLATOR_SYMBOL);
	if (!entry) {
		snprintf(err, err_size, "%s: not a translator plugin: it does not export `%s`", path,
			 DMAR_TRANSLATOR_SYMBOL);
		goto fail;
	}
	t = entry();
	if (!t) {
		snprintf(err, err_size, "%s: `%s` returned no ops table", path, DMAR_TRANSLATOR_SYMBOL);
		goto fail;
	}
	if (t->abi != DMAR_TRANSLATOR_ABI) {
		snprintf(err, err_size,
			 "%s: translator ABI %u, but this dmarfuzz speaks ABI %u: rebuild the plugin against "
			 "this version's dmar/translator.h", path, t->abi, DMAR_TRANSLATOR_ABI);
		goto fail;
	}
	missing = missing_call(t);
	if (missing) {
		snprintf(err, err_size, "%s: the ops table has no `%s`", path, missing);
		goto fail;
	}
	*ops = t;
	*handle = h;
	return 0;
fail:
	dlclose(h);
	return -1;
}

void dmar_plugin_unload(void *handle)
{
	if (handle)
		dlclose(handle);
}
