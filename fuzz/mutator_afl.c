// SPDX-License-Identifier: Apache-2.0
/*
 * AFL++ custom mutator library for binary cases (docs of AFL++:
 * custom_mutators.md), driving the structure-aware engine (fuzz/mutate.h):
 *
 *   AFL_CUSTOM_MUTATOR_LIBRARY=/path/to/libdmar_afl_mutator.so afl-fuzz ...
 *
 * (AFL_CUSTOM_MUTATOR_ONLY=1 to use only these mutations.)  All state lives
 * in the struct afl_custom_init returns: a seed stream and the output buffer
 * handed back to AFL++ (valid until the next call).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/mutate.h"

struct dmar_afl_mutator {
	void *afl;       /* afl_state_t *, unused */
	uint32_t seed;   /* advanced at every call */
	uint8_t *out;    /* the output buffer */
	size_t out_size; /* its size */
};

/* the entry points AFL++ looks up by name */
void *afl_custom_init(void *afl, unsigned int seed);
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size);
void afl_custom_deinit(void *data);

void *afl_custom_init(void *afl, unsigned int seed)
{
	struct dmar_afl_mutator *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->afl = afl;
	m->seed = seed;
	return m;
}

/* the next seed of the stream (xorshift32, never 0) */
static uint32_t next_seed(struct dmar_afl_mutator *m)
{
	uint32_t x = m->seed ? m->seed : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return m->seed = x;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf, uint8_t *add_buf,
		       size_t add_buf_size, size_t max_size)
{
	struct dmar_afl_mutator *m = data;
	size_t need = max_size > buf_size ? max_size : buf_size, n;
	uint32_t seed = next_seed(m);

	if (need == 0)
		need = 1;
	if (m->out_size < need) {
		uint8_t *p = realloc(m->out, need);

		if (!p) { /* no room for a mutation: give the input back */
			*out_buf = buf;
			return buf_size;
		}
		m->out = p;
		m->out_size = need;
	}
	/* a crossover with the other test case AFL++ offers, now and then */
	if (add_buf && add_buf_size && (seed & 7) == 0)
		n = dmar_crossover(buf, buf_size, add_buf, add_buf_size, m->out, max_size, seed);
	else {
		n = buf_size < max_size ? buf_size : max_size;
		if (n)
			memcpy(m->out, buf, n);
		n = dmar_mutate(m->out, n, max_size, seed);
	}
	*out_buf = m->out;
	return n;
}

void afl_custom_deinit(void *data)
{
	struct dmar_afl_mutator *m = data;

	if (!m)
		return;
	free(m->out);
	free(m);
}
