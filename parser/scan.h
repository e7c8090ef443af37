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

/* A token the scanner has read to its end, queued until yajl's callback for
 * it takes it (lscp_scan_take): the scanner runs ahead over the chunk in one
 * call instead of one call per callback. */
typedef struct lscp_scan_token {
    lsc_pos pos;     /* its first byte */
    const char *str; /* a string's decoded text (in the chunk or in buf) */
    size_t str_len;
    int lone; /* a string with a lone surrogate */
} lscp_scan_token;

/* Tokens queued at most (a power of two); a run stops when the queue is full. */
#define LSCP_SCAN_AHEAD 64

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
    /* tokens read ahead, oldest first at ahead_head; the slot after the
     * last holds the start of the token being read (see lscp_scan_tok) */
    lscp_scan_token ahead[LSCP_SCAN_AHEAD];
    unsigned ahead_head, ahead_len;
    int ahead_stop; /* end the run: the queue is full, or buf holds a queued string */
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
 * given to lscp_scan_chunk_begin), queueing each token read to its end. The
 * run stops early, right after a token, when the queue is full or when the
 * token is a string decoded into buf (the next one would overwrite it): the
 * offset then tells how far it got. Call it with the queue empty (taken or
 * dropped). Returns 0, or -1 at the first syntax
 * error (s->error set; later calls do nothing) or when memory ran out. */
int lscp_scan_run(lscp_scan *s, const unsigned char *p, size_t n);

/* The slot of the token being read (its start is written there at once:
 * queueing it is then a count). */
static inline lscp_scan_token *lscp_scan_tok(lscp_scan *s) {
    return &s->ahead[(s->ahead_head + s->ahead_len) & (LSCP_SCAN_AHEAD - 1)];
}

/* The oldest queued token, removed from the queue, or NULL when the queue
 * is empty. It stays valid until the next lscp_scan_run. */
static inline const lscp_scan_token *lscp_scan_take(lscp_scan *s) {
    if (s->ahead_len == 0)
        return NULL;
    const lscp_scan_token *t = &s->ahead[s->ahead_head];
    s->ahead_head = (s->ahead_head + 1) & (LSCP_SCAN_AHEAD - 1);
    s->ahead_len--;
    return t;
}

/* Forget the queued tokens (no callback will take them). */
void lscp_scan_drop_ahead(lscp_scan *s);

/* Begin a new chunk of len bytes (the segment pointer for strings spanning
 * chunks; the limit up to which runs may be read ahead). */
void lscp_scan_chunk_begin(lscp_scan *s, const unsigned char *chunk, size_t len);
/* The chunk ends: copy a pending string segment so it survives. -1 on OOM. */
int lscp_scan_chunk_end(lscp_scan *s, const unsigned char *chunk_end);

/* The input ended: an error if a value is open (truncated). Returns 0 / -1. */
int lscp_scan_finish(lscp_scan *s);

/* Is the scanner inside a string, number or literal? */
int lscp_scan_in_token(const lscp_scan *s);

/* Is the scanner between documents (no value open)? */
int lscp_scan_idle(const lscp_scan *s);

#endif
