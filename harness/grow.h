/* SPDX-License-Identifier: Apache-2.0 */
/* Growing arrays: the one doubling rule every list of the harness uses. */
#ifndef DMAR_GROW_H
#define DMAR_GROW_H

#include <stddef.h>

/*
 * Room for element n of an array of *cap elements of elem bytes: when n
 * has reached *cap, the array doubles (to `first` when it is empty).
 * Returns the array, moved or not, and updates *cap; NULL when out of
 * memory, the old array then still valid and unchanged.
 */
void *dmar_grow(void *arr, size_t n, size_t *cap, size_t elem, size_t first);

#endif
