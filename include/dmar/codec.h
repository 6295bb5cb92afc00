/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The text encoding of a case (`.dmar`, docs/case-format.md): a parser that
 * reports the first error with file, line and token, and a canonical
 * printer such that parse(print(c)) == c.
 */
#ifndef DMAR_CODEC_H
#define DMAR_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dmar/case.h"

/* one-line message: "FILE:LINE: TOKEN: what is wrong" */
struct dmar_error {
	char msg[512];
};

/* 0 on success; -1 with err filled (and c left empty) on a malformed case */
int dmar_case_parse(const char *text, size_t len, const char *filename, struct dmar_case *c,
		    struct dmar_error *err);
/* a whole file (the caller frees it), or NULL with a FILE:0 error (cannot open, a directory, out of memory) */
char *dmar_file_read(const char *path, size_t *len, struct dmar_error *err);
/* reads and parses a file; a read failure is reported the same way */
int dmar_case_load(const char *path, struct dmar_case *c, struct dmar_error *err);

/*
 * The longest line the parser reads.  The canonical printer never writes a
 * longer one (a `mem` or `write` line holds at most 512 values of at most 18
 * characters each), so whatever parses, prints and parses again.
 */
#define DMAR_TEXT_LINE_MAX 16384

/* canonical text; the caller frees it.  NULL only when out of memory. */
char *dmar_case_print(const struct dmar_case *c);

/* one event as its line in the canonical text (with the newline) */
void dmar_event_print(FILE *f, const struct dmar_event *ev);

/* the words of the case format for a request's access: "read", "write", "atomic" */
const char *dmar_access_name(uint8_t access);
/* a source-id as the case format writes it, "BB:DD.F" (buf: at least DMAR_SID_TEXT bytes) */
#define DMAR_SID_TEXT 8
const char *dmar_sid_format(uint16_t sid, char *buf);
/* a DMA in short, as reports name it: "dma BB:DD.F ACCESS 0xADDR" */
void dmar_request_words(const struct dmar_request *rq, char *buf, size_t size);

/* one outcome / one outcome set as the case format writes them */
size_t dmar_outcome_format(const struct dmar_outcome *o, char *buf, size_t size);
size_t dmar_outcome_set_format(const struct dmar_outcome_set *s, char *buf, size_t size);

/*
 * The binary encoding (docs/binary-case.md), made for fuzzers.  Decoding is
 * total: every byte string, the empty one included, decodes to a valid case
 * (one the canonical printer prints and the parser reads back equal), so
 * no input is wasted.  A small fixed header (the unit's registers) is
 * followed by tagged records (memory runs, holes, events); a byte flip
 * changes one field of one record, and truncation drops trailing records.
 * Event and mem `line` numbers are those of the case's canonical text.
 * encode then decode gives back an equal case; text -> binary -> text
 * gives back the canonical text exactly.
 */
/* 0; -1 only when out of memory (c is then left empty) */
int dmar_case_decode(const uint8_t *buf, size_t len, struct dmar_case *c);
/* the bytes of c in *buf (the caller frees it) and their count; 0, or -1 when out of memory */
int dmar_case_encode(const struct dmar_case *c, uint8_t **buf, size_t *len);

#endif /* DMAR_CODEC_H */
