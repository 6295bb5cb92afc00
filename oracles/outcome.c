// SPDX-License-Identifier: Apache-2.0
/* Outcome sets: the oracle's answer and a case's expectation. */
#include "dmar/oracle.h"

static bool same_cpl(uint8_t a, uint8_t b)
{
	return a == b || a == DMAR_CPL_ANY || b == DMAR_CPL_ANY;
}

bool dmar_outcome_match(const struct dmar_outcome *a, const struct dmar_outcome *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case DMAR_OUT_OK:
		return a->hpa == b->hpa;
	case DMAR_OUT_FAULT:
	case DMAR_OUT_BLOCKED:
		return a->reason == b->reason && same_cpl(a->cpl, b->cpl);
	case DMAR_OUT_ATS:
		return a->hpa == b->hpa && a->ats == b->ats && a->size_lg2 == b->size_lg2;
	default:
		return true;
	}
}

static bool identical(const struct dmar_outcome *a, const struct dmar_outcome *b)
{
	return a->kind == b->kind && a->hpa == b->hpa && a->reason == b->reason &&
	       a->cpl == b->cpl && a->ats == b->ats && a->size_lg2 == b->size_lg2;
}

bool dmar_outcome_set_add(struct dmar_outcome_set *s, const struct dmar_outcome *o)
{
	uint32_t i;

	for (i = 0; i < s->n; i++)
		if (identical(&s->o[i], o))
			return true;
	if (s->n >= DMAR_MAX_OUTCOMES)
		return false;
	s->o[s->n++] = *o;
	return true;
}

bool dmar_outcome_set_contains(const struct dmar_outcome_set *s, const struct dmar_outcome *o)
{
	uint32_t i;

	for (i = 0; i < s->n; i++)
		if (dmar_outcome_match(&s->o[i], o))
			return true;
	return false;
}

bool dmar_outcome_set_equal(const struct dmar_outcome_set *a, const struct dmar_outcome_set *b)
{
	uint32_t i;

	for (i = 0; i < a->n; i++)
		if (!dmar_outcome_set_contains(b, &a->o[i]))
			return false;
	for (i = 0; i < b->n; i++)
		if (!dmar_outcome_set_contains(a, &b->o[i]))
			return false;
	return true;
}
