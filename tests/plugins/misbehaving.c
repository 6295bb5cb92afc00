// SPDX-License-Identifier: Apache-2.0
/*
 * Plugins that break the translator ABI on purpose, one per build flag, for
 * tests/cli_plugins.sh: the loader and `run` must say what is wrong in one
 * line naming the plugin (and the case), never crash or judge garbage.
 *   PLUGIN_BAD_ABI    its table carries another ABI number
 *   PLUGIN_NO_SYMBOL  it does not export dmar_translator
 *   PLUGIN_CRASH      it aborts on the first DMA (run --isolate survives it)
 *   PLUGIN_BAD_KIND   it answers an outcome kind that does not exist
 *   PLUGIN_REFUSE     it refuses every unit (its cases are skipped, not failed)
 * Without a flag it is an honest unit with translation off: every DMA lands
 * at its own address.
 */
#include <stdlib.h>
#include <string.h>

#include "dmar/translator.h"

static char instance;

static void *open_unit(const struct dmar_translator_unit *unit, const struct dmar_mem_if *mem, char *err,
		       size_t err_size)
{
	(void)unit;
	(void)mem;
#ifdef PLUGIN_REFUSE
	strncpy(err, "this unit is not one it models", err_size - 1);
	err[err_size - 1] = 0;
	return instance ? &instance : NULL;
#else
	(void)err;
	(void)err_size;
	return &instance;
#endif
}

static void close_unit(void *self)
{
	(void)self;
}

static void srtp(void *self, uint64_t rtaddr)
{
	(void)self;
	(void)rtaddr;
}

static void te(void *self, bool on)
{
	(void)self;
	(void)on;
}

static void ccmd(void *self, uint64_t reg)
{
	(void)self;
	(void)reg;
}

static void iotlb_reg(void *self, uint64_t reg, uint64_t iva)
{
	(void)self;
	(void)reg;
	(void)iva;
}

static int qi(void *self, const uint64_t *desc, unsigned qwords)
{
	(void)self;
	(void)desc;
	(void)qwords;
	return 0;
}

static int dma(void *self, const struct dmar_request *rq, struct dmar_outcome *out, char *err, size_t err_size)
{
	(void)self;
	(void)err;
	(void)err_size;
#ifdef PLUGIN_CRASH
	abort();
#endif
	memset(out, 0, sizeof(*out));
	out->kind = DMAR_OUT_OK;
	out->hpa = rq->addr;
#ifdef PLUGIN_BAD_KIND
	out->kind = 99;
#endif
	return 0;
}

static const struct dmar_translator_ops ops = {
#ifdef PLUGIN_BAD_ABI
	.abi = DMAR_TRANSLATOR_ABI + 1,
#else
	.abi = DMAR_TRANSLATOR_ABI,
#endif
	.name = "misbehaving",
	.summary = "a plugin that breaks the ABI on purpose (tests/cli_plugins.sh)",
	.open = open_unit,
	.close = close_unit,
	.srtp = srtp,
	.te = te,
	.ccmd = ccmd,
	.iotlb_reg = iotlb_reg,
	.qi = qi,
	.dma = dma,
};

#ifdef PLUGIN_NO_SYMBOL
const struct dmar_translator_ops *not_the_entry(void);
const struct dmar_translator_ops *not_the_entry(void)
#else
const struct dmar_translator_ops *dmar_translator(void);
const struct dmar_translator_ops *dmar_translator(void)
#endif
{
	return &ops;
}
