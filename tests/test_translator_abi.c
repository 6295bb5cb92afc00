// SPDX-License-Identifier: Apache-2.0
/*
 * The translator ABI header (include/dmar/translator.h) stands alone: it is
 * included first, before any other header, and a translator written against
 * it alone compiles under the project's warnings.  The toy here is the
 * smallest unit there is: with translation off every untranslated request
 * goes straight to memory (vtd-notes 1.5), and it refuses to be opened with
 * translation on.
 */
#include "dmar/translator.h"

#include <stdio.h>
#include <string.h>

#include "tests/check.h"

struct toy {
	bool te;
};

static struct toy the_toy;

static void *toy_open(const struct dmar_translator_unit *unit, const struct dmar_mem_if *mem, char *err,
		      size_t err_size)
{
	(void)mem;
	if (unit->te) {
		snprintf(err, err_size, "the toy only knows translation off");
		return NULL;
	}
	the_toy.te = false;
	return &the_toy;
}

static void toy_close(void *self)
{
	(void)self;
}

static void toy_te(void *self, bool on)
{
	((struct toy *)self)->te = on;
}

static int toy_dma(void *self, const struct dmar_request *rq, struct dmar_outcome *out, char *err,
		   size_t err_size)
{
	memset(out, 0, sizeof(*out));
	if (((struct toy *)self)->te) {
		snprintf(err, err_size, "the toy cannot translate");
		return -1;
	}
	out->kind = rq->at == DMAR_AT_UT ? DMAR_OUT_OK : DMAR_OUT_UR;
	out->hpa = rq->addr;
	return 0;
}

static const struct dmar_translator_ops toy_ops = {
	.abi = DMAR_TRANSLATOR_ABI, .name = "toy", .summary = "translation off only",
	.open = toy_open, .close = toy_close, .te = toy_te, .dma = toy_dma,
};

const struct dmar_translator_ops *dmar_translator(void);
const struct dmar_translator_ops *dmar_translator(void)
{
	return &toy_ops;
}

int main(void)
{
	dmar_translator_entry_fn entry = dmar_translator;
	const struct dmar_translator_ops *ops = entry();
	struct dmar_translator_unit off = { .cap = 0x00120784222f0602ull, .ecap = 0x5047, .haw = 48 };
	struct dmar_translator_unit on = off;
	struct dmar_request rq = { .addr = 0x400abc, .len = 4, .sid = 0x10 };
	struct dmar_outcome out;
	char err[128] = "";
	void *self;

	CHECK(ops->abi == DMAR_TRANSLATOR_ABI && !strcmp(ops->name, "toy"));
	on.te = true;
	CHECK(ops->open(&on, NULL, err, sizeof(err)) == NULL && strstr(err, "translation off"));
	self = ops->open(&off, NULL, err, sizeof(err));
	CHECK(self != NULL);
	CHECK(ops->dma(self, &rq, &out, err, sizeof(err)) == 0 && out.kind == DMAR_OUT_OK && out.hpa == 0x400abc);
	rq.at = DMAR_AT_TR;
	CHECK(ops->dma(self, &rq, &out, err, sizeof(err)) == 0 && out.kind == DMAR_OUT_UR);
	ops->te(self, true);
	CHECK(ops->dma(self, &rq, &out, err, sizeof(err)) == -1);
	ops->close(self);
	return check_summary();
}
