/* SPDX-License-Identifier: Apache-2.0 */
/* Human-readable rendering of units, requests and walks (explain, reports). */
#ifndef DMAR_HARNESS_EXPLAIN_H
#define DMAR_HARNESS_EXPLAIN_H

#include <stdio.h>

#include "dmar/case.h"
#include "dmar/engine.h"
#include "harness/cache.h"

void dmar_explain_unit(FILE *f, const struct dmar_case *c);
void dmar_explain_request(FILE *f, const struct dmar_request *rq);
/* cache (may be NULL) says which invalidations a stale copy outlived; addr is the request's */
void dmar_explain_trace(FILE *f, const struct dmar_trace *t, const struct dmar_case *c,
			const struct dmar_cache_model *cache, uint64_t addr);
/* one DMA event of case c: request, walk, allowed set, verdict */
void dmar_explain_event(FILE *f, const struct dmar_case *c, const struct dmar_event *ev,
			const struct dmar_event_result *r, const struct dmar_trace *t);

#endif
