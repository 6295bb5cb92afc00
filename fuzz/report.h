/* SPDX-License-Identifier: Apache-2.0 */
/*
 * How a fuzz target says what it found, on stderr: one line naming the
 * event, then the whole case as canonical text, then abort() (a finding,
 * under libFuzzer, AFL++ and the replay driver alike).
 */
#ifndef DMAR_FUZZ_REPORT_H
#define DMAR_FUZZ_REPORT_H

#include "dmar/case.h"

/* the file name findings carry: a fuzzer's input has none */
#define DMAR_FUZZ_FILE "<input>"

/* "FAIL <input>:LINE: EVENT: why" (LINE: the event's line in the canonical text) */
void dmar_fuzz_event_line(const struct dmar_event *ev, const char *why);
/* prints c as canonical text and aborts */
_Noreturn void dmar_fuzz_finding(const struct dmar_case *c);

#endif
