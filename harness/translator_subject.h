/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A translator (include/dmar/translator.h) as a subject of the engine: it
 * runs on its own copy of the case's memory and is told the case's events
 * in the architecture's encodings (docs/translator-abi.md).
 */
#ifndef DMAR_HARNESS_TRANSLATOR_SUBJECT_H
#define DMAR_HARNESS_TRANSLATOR_SUBJECT_H

#include "dmar/engine.h"
#include "dmar/translator.h"

/* fills s for translator t (released by s->close); 0, or -1 with err */
int dmar_translator_subject(const struct dmar_translator_ops *t, struct dmar_subject *s,
			    struct dmar_error *err);

/*
 * While a translator call runs, *line holds the case line of the event it
 * was told (0: opening the unit), so that a parent process can say where
 * a translator that crashed was (run --isolate).
 */
void dmar_translator_subject_watch(const struct dmar_subject *s, volatile uint32_t *line);

#endif
