/* The shadow scanner: runs over the same bytes as yajl, just behind it, and
 * supplies what yajl does not: the position (line, column in code points,
 * offset) of every token, strict RFC 8259 / RFC 3629 checking (white space,
 * UTF-8, one document per line), lone-surrogate detection and the decoded
 * string with U+FFFD in their place. It is a complete JSON syntax checker,
 * so the first byte where the input stops being JSON is known exactly. */
#ifndef LSC_SCAN_H
#define LSC_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "lscertlint.h"

typedef struct lscp_scan {
    /* position of the next byte (up to date whenever a call returns) */
    uint64_t offset, line, column;
    /* the offset column 1 of this line would have if every byte took one
     * column: column = 1 + offset - line_start (see scan.c) */
    uint64_t line_start;
    int state;
    int after_state; /* where to go after a literal/number/string ends */
    /* open containers: 'o' or 'a' per level (unbounded: 1 byte a level) */
    unsigned char *stack;
    size_t depth, cap;
    /* the start of the last token seen */
    lsc_pos tok;
    /* documents begun */
    uint64_t documents;
    /* literals */
    const char *lit;
    /* UTF-8 sequence in a string */
    int u8_need;
    unsigned char u8_lo, u8_hi;
    lsc_pos u8_start;
    /* \uXXXX */
    int hex_count;
    uint32_t hex;
    uint32_t pending_high;
    /* the string being decoded */
    char *buf;
    size_t buf_len, buf_cap;
    int buf_used;            /* the decoded string lives in buf */
    const unsigned char *seg; /* start of the raw segment in the current chunk */
    const unsigned char *limit; /* end of the current chunk: word reads stay below it */
    const char *str;         /* the last decoded string, valid during its callback */
    size_t str_len;
    int lone_surrogate;      /* in the last string */
    int oom;
    /* the first error */
    int error;
    lsc_pos err;
    uint64_t err_document;
    char err_msg[120];
} lscp_scan;

int lscp_scan_init(lscp_scan *s);
void lscp_scan_release(lscp_scan *s);

/* Skip a byte-order mark already checked by the caller (3 bytes, 0 columns). */
void lscp_scan_skip_bom(lscp_scan *s);

/* The first byte to come is at `at` (line and column >= 1, column - 1 <=
 * offset), after `documents` documents: a checker started part way into
 * an input (lsc_checker_set_origin). Before the first byte. */
void lscp_scan_set_origin(lscp_scan *s, lsc_pos at, uint64_t documents);

/* Scan the n bytes at p, the next bytes of the input (p lies in the chunk
 * given to lscp_scan_chunk_begin). Returns 0, or -1 at the first syntax
 * error (s->error set; later calls do nothing). */
int lscp_scan_run(lscp_scan *s, const unsigned char *p, size_t n);

/* Begin a new chunk of len bytes (the segment pointer for strings spanning
 * chunks; the limit up to which runs may be read ahead). */
void lscp_scan_chunk_begin(lscp_scan *s, const unsigned char *chunk, size_t len);
/* The chunk ends: copy a pending string segment so it survives. -1 on OOM. */
int lscp_scan_chunk_end(lscp_scan *s, const unsigned char *chunk_end);

/* The input ended: an error if a value is open (truncated). Returns 0 / -1. */
int lscp_scan_finish(lscp_scan *s);

/* Is the scanner between documents (no value open)? */
int lscp_scan_idle(const lscp_scan *s);

#endif
