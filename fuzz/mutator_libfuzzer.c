// SPDX-License-Identifier: Apache-2.0
/*
 * libFuzzer glue for the structure-aware mutator (fuzz/mutate.h): link this
 * file into a libFuzzer target that takes binary cases, and libFuzzer calls
 * these two instead of its own byte-level mutations and crossover.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/mutate.h"

/* as libFuzzer declares them (FuzzerInterface.h) */
size_t LLVMFuzzerCustomMutator(uint8_t *Data, size_t Size, size_t MaxSize, unsigned int Seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *Data1, size_t Size1, const uint8_t *Data2, size_t Size2,
				 uint8_t *Out, size_t MaxOutSize, unsigned int Seed);

size_t LLVMFuzzerCustomMutator(uint8_t *Data, size_t Size, size_t MaxSize, unsigned int Seed)
{
	return dmar_mutate(Data, Size, MaxSize, Seed);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *Data1, size_t Size1, const uint8_t *Data2, size_t Size2,
				 uint8_t *Out, size_t MaxOutSize, unsigned int Seed)
{
	return dmar_crossover(Data1, Size1, Data2, Size2, Out, MaxOutSize, Seed);
}
