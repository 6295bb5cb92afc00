/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The fuzz targets' entry points, as libFuzzer and AFL++'s libAFLDriver call
 * them.  Every target defines both (LLVMFuzzerInitialize may do nothing), so
 * the plain replay driver (replay_main.c) calls them with no weak symbols.
 */
#ifndef DMAR_FUZZ_H
#define DMAR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* once, before the first input; 0 */
int LLVMFuzzerInitialize(int *argc, char ***argv);
/* one input; 0.  A finding prints itself on stderr and aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
