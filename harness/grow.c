// SPDX-License-Identifier: Apache-2.0
#include <stdlib.h>

#include "harness/grow.h"

void *dmar_grow(void *arr, size_t n, size_t *cap, size_t elem, size_t first)
{
	size_t want;
	void *p;

	if (n < *cap)
		return arr;
	want = *cap ? *cap * 2 : first;
	p = realloc(arr, want * elem);
	if (p)
		*cap = want;
	return p;
}
