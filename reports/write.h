/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the report writers: opening, closing, escaping. */
#ifndef DMAR_REPORTS_WRITE_H
#define DMAR_REPORTS_WRITE_H

#include <stdio.h>

/* "-" is standard output; NULL after a one-line error */
FILE *dmar_report_open(const char *path);
/* 0, or -1 after a one-line error (a failed write is an error) */
int dmar_report_close(FILE *f, const char *path);
void dmar_json_string(FILE *f, const char *s);
void dmar_xml_text(FILE *f, const char *s);

#endif
