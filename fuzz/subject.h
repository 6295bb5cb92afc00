/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The subject under test of the differential target: the translator that
 * the environment variable DMARFUZZ_TRANSLATOR names, a built-in (fastwalk,
 * a fastwalk-bug-* mutant) or a plugin by the path of its .so; fastwalk
 * when unset.
 */
#ifndef DMAR_FUZZ_SUBJECT_H
#define DMAR_FUZZ_SUBJECT_H

#include "dmar/engine.h"

#define DMAR_FUZZ_TRANSLATOR_ENV "DMARFUZZ_TRANSLATOR"
#define DMAR_FUZZ_TRANSLATOR_DEFAULT "fastwalk"

/*
 * The subject, opened on the first call and kept for the process (it holds
 * no state across cases: each case opens a fresh instance of the
 * translator and closes it).  Exits with status 2 and a message when the
 * name is unknown or the plugin does not load.
 */
const struct dmar_subject *dmar_fuzz_subject(void);

#endif
