/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A minimal assertion helper: each CHECK counts; a failure prints where and
 * what; check_summary() prints "N passed, N failed" and gives the exit code.
 */
#ifndef DMAR_TEST_CHECK_H
#define DMAR_TEST_CHECK_H

#include <stdio.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (cond) {                                                            \
			check_passed++;                                                \
		} else {                                                               \
			check_failed++;                                                \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
		}                                                                      \
	} while (0)

#define CHECK_EQ_U64(a, b)                                                             \
	do {                                                                           \
		unsigned long long check_a_ = (a), check_b_ = (b);                     \
		if (check_a_ == check_b_) {                                            \
			check_passed++;                                                \
		} else {                                                               \
			check_failed++;                                                \
			fprintf(stderr, "%s:%d: %s is 0x%llx, expected 0x%llx\n", __FILE__, \
				__LINE__, #a, check_a_, check_b_);                     \
		}                                                                      \
	} while (0)

static inline int check_summary(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed != 0;
}

#endif
