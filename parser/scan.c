/* The shadow scanner (see scan.h). One pass, a state per structural byte,
 * with tight inner loops for the common runs: white space, digits, and plain
 * ASCII inside strings, classified 16 bytes at a time with SSE2 where the
 * compiler targets it (baseline on x86-64), else 8 at a time in a 64-bit
 * word. LSC_SCAN_SCALAR (configure --disable-sse2, or the test build of the
 * scalar path) forces the word-at-a-time path. */
#include "config.h"

#include "parser/scan.h"

#include <stdio.h>
#include <string.h>

#if defined(__SSE2__) && !defined(LSC_SCAN_SCALAR)
#define LSC_SCAN_SSE2 1
#include <emmintrin.h>
#else
#define LSC_SCAN_SSE2 0
#endif

#include "lib/internal.h"

enum {
    ST_DOC_START, /* between documents, at a line start: white space or a value */
    ST_DOC_END,   /* after a document, same line: only space, tab, CR, then LF */
    ST_VALUE,     /* after ':' or ',' in an array */
    ST_ARR_FIRST, /* after '[' */
    ST_OBJ_FIRST, /* after '{' */
    ST_OBJ_KEY,   /* after ',' in an object */
    ST_COLON,     /* after a key */
    ST_AFTER,     /* after a value in a container */
    ST_STRING,
    ST_ESC,
    ST_HEX,
    ST_UTF8,
    ST_LIT,
    ST_NUM_MINUS,
    ST_NUM_ZERO,
    ST_NUM_INT,
    ST_NUM_DOT,
    ST_NUM_FRAC,
    ST_NUM_E,
    ST_NUM_ESIGN,
    ST_NUM_EXP
};

int lscp_scan_init(lscp_scan *s) {
    memset(s, 0, sizeof *s);
    s->line = 1;
    s->column = 1;
    s->line_start = 0;
    s->state = ST_DOC_START;
    s->cap = 64;
    s->stack = lscp_malloc(s->cap);
    return s->stack ? 0 : -1;
}

void lscp_scan_release(lscp_scan *s) {
    lscp_free(s->stack);
    lscp_free(s->buf);
    s->stack = NULL;
    s->buf = NULL;
}

void lscp_scan_skip_bom(lscp_scan *s) {
    s->offset += 3; /* a BOM takes no column */
    s->line_start += 3;
}

void lscp_scan_set_origin(lscp_scan *s, lsc_pos at, uint64_t documents) {
    s->offset = at.offset;
    s->line = at.line;
    s->column = at.column;
    s->line_start = at.offset - (at.column - 1); /* column = 1 + offset - line_start */
    s->documents = documents;
}

int lscp_scan_in_token(const lscp_scan *s) {
    return s->state >= ST_STRING;
}

int lscp_scan_idle(const lscp_scan *s) {
    return s->state == ST_DOC_START || s->state == ST_DOC_END;
}

static void describe(char *out, size_t size, const unsigned char *p) {
    if (!p)
        snprintf(out, size, "end of input");
    else if (*p >= 0x20 && *p < 0x7f)
        snprintf(out, size, "'%c'", *p);
    else if (*p == '\n')
        snprintf(out, size, "a line break");
    else
        snprintf(out, size, "byte 0x%02X", *p);
}

/* Record the first syntax error at the current position (or at *at). */
static int fail_at(lscp_scan *s, const lsc_pos *at, const unsigned char *p, const char *what) {
    char found[32];
    if (s->error)
        return -1;
    s->error = 1;
    if (at) {
        s->err = *at;
    } else {
        s->err.offset = s->offset;
        s->err.line = s->line;
        s->err.column = s->column;
    }
    s->err_document =
        (s->state == ST_DOC_START || s->state == ST_DOC_END || s->documents == 0) ? s->documents
                                                                                  : s->documents - 1;
    if (p) {
        describe(found, sizeof found, p);
        snprintf(s->err_msg, sizeof s->err_msg, "%s, found %s", what, found);
    } else {
        snprintf(s->err_msg, sizeof s->err_msg, "%s", what);
    }
    return -1;
}

static int push(lscp_scan *s, unsigned char kind) {
    if (s->depth == s->cap) {
        size_t ncap = s->cap * 2;
        unsigned char *n = lscp_realloc(s->stack, ncap);
        if (!n) {
            s->oom = 1;
            return -1;
        }
        s->stack = n;
        s->cap = ncap;
    }
    s->stack[s->depth++] = kind;
    return 0;
}

static void value_done(lscp_scan *s) {
    s->state = s->depth == 0 ? ST_DOC_END : ST_AFTER;
}

/* Queue the token that has just ended (its start is in its slot already;
 * str: a string's text). The run stops after it when the queue is full. */
static void token_done(lscp_scan *s, const char *str, size_t len, int lone) {
    lscp_scan_token *t = lscp_scan_tok(s);
    t->str = str;
    t->str_len = len;
    t->lone = lone;
    if (++s->ahead_len == LSCP_SCAN_AHEAD)
        s->ahead_stop = 1;
}

void lscp_scan_drop_ahead(lscp_scan *s) {
    /* the slot of a token being read stays where it is */
    s->ahead_head = (s->ahead_head + s->ahead_len) & (LSCP_SCAN_AHEAD - 1);
    s->ahead_len = 0;
}

static int buf_append(lscp_scan *s, const void *data, size_t len) {
    if (s->buf_len + len + 1 > s->buf_cap) {
        size_t ncap = s->buf_cap ? s->buf_cap : 256;
        while (ncap < s->buf_len + len + 1)
            ncap *= 2;
        char *n = lscp_realloc(s->buf, ncap);
        if (!n) {
            s->oom = 1;
            return -1;
        }
        s->buf = n;
        s->buf_cap = ncap;
    }
    memcpy(s->buf + s->buf_len, data, len);
    s->buf_len += len;
    s->buf_used = 1;
    return 0;
}

static int put_cp(lscp_scan *s, uint32_t cp) {
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (unsigned char)(0xF0 | (cp >> 18));
        u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return buf_append(s, u, n);
}

/* A high surrogate not followed by its low half. */
static int lone_high(lscp_scan *s) {
    s->pending_high = 0;
    s->lone_surrogate = 1;
    return put_cp(s, 0xFFFD);
}

/* Copy the raw run seg..end into the buffer (only once the string needs a
 * buffer: it has an escape or spans chunks). */
static int flush_segment(lscp_scan *s, const unsigned char *end) {
    if (!s->seg || end <= s->seg)
        return 0;
    if (s->pending_high && lone_high(s) < 0)
        return -1;
    int r = buf_append(s, s->seg, (size_t)(end - s->seg));
    s->seg = end;
    return r;
}

static void string_begin(lscp_scan *s, const unsigned char *p, int after) {
    s->state = ST_STRING;
    s->after_state = after;
    s->seg = p + 1;
    s->buf_len = 0;
    s->buf_used = 0;
    s->pending_high = 0;
    s->lone_surrogate = 0;
}

static int string_end(lscp_scan *s, const unsigned char *p) {
    if (!s->buf_used && !s->pending_high) {
        /* the common case first: the string is its raw bytes in the chunk */
        s->str = (const char *)s->seg;
        s->str_len = (size_t)(p - s->seg);
    } else if (s->buf_used) {
        if (flush_segment(s, p) < 0)
            return -1;
        if (s->pending_high && lone_high(s) < 0)
            return -1;
        s->str = s->buf ? s->buf : ""; /* an empty string split across chunks */
        s->str_len = s->buf_len;
        s->ahead_stop = 1; /* the next string would overwrite buf */
    } else {
        if (lone_high(s) < 0)
            return -1;
        s->str = s->buf;
        s->str_len = s->buf_len;
        s->ahead_stop = 1;
    }
    s->seg = NULL;
    token_done(s, s->str, s->str_len, s->lone_surrogate);
    if (s->after_state == ST_COLON)
        s->state = ST_COLON;
    else
        value_done(s);
    return 0;
}

static int hex_done(lscp_scan *s) {
    uint32_t v = s->hex;
    if (v >= 0xD800 && v <= 0xDBFF) {
        if (s->pending_high && lone_high(s) < 0)
            return -1;
        s->pending_high = v;
        s->buf_used = 1; /* the decoded form differs from the raw bytes */
        return 0;
    }
    if (v >= 0xDC00 && v <= 0xDFFF) {
        if (s->pending_high) {
            uint32_t cp = 0x10000 + ((s->pending_high - 0xD800) << 10) + (v - 0xDC00);
            s->pending_high = 0;
            return put_cp(s, cp);
        }
        s->lone_surrogate = 1;
        return put_cp(s, 0xFFFD);
    }
    if (s->pending_high && lone_high(s) < 0)
        return -1;
    return put_cp(s, v);
}

/* The column of the byte at offset off on the current line. */
static inline uint64_t column_at(const lscp_scan *s, uint64_t off) {
    return 1 + off - s->line_start;
}

/* Bring offset and column to the byte at offset off (on return from a run,
 * before an error is recorded). */
static void set_pos(lscp_scan *s, uint64_t off) {
    s->offset = off;
    s->column = column_at(s, off);
}

static void mark_tok(lscp_scan *s, uint64_t off) {
    lsc_pos *tok = &lscp_scan_tok(s)->pos;
    tok->offset = off;
    tok->line = s->line;
    tok->column = column_at(s, off);
}

/* Start a value at p, at offset off (state is one where a value may begin). */
static int value_begin(lscp_scan *s, const unsigned char *p, uint64_t off) {
    unsigned char c = *p;
    mark_tok(s, off);
    switch (c) {
    case '{':
        if (push(s, 'o') < 0)
            return -1;
        s->state = ST_OBJ_FIRST;
        token_done(s, NULL, 0, 0);
        return 0;
    case '[':
        if (push(s, 'a') < 0)
            return -1;
        s->state = ST_ARR_FIRST;
        token_done(s, NULL, 0, 0);
        return 0;
    case '"':
        string_begin(s, p, ST_AFTER);
        return 0;
    case '-':
        s->state = ST_NUM_MINUS;
        return 0;
    case '0':
        s->state = ST_NUM_ZERO;
        return 0;
    case 't':
        s->lit = "rue";
        s->state = ST_LIT;
        return 0;
    case 'f':
        s->lit = "alse";
        s->state = ST_LIT;
        return 0;
    case 'n':
        s->lit = "ull";
        s->state = ST_LIT;
        return 0;
    default:
        if (c >= '1' && c <= '9') {
            s->state = ST_NUM_INT;
            return 0;
        }
        set_pos(s, off);
        return fail_at(s, NULL, p, "expected a JSON value");
    }
}

static void close_container(lscp_scan *s, uint64_t off) {
    mark_tok(s, off);
    s->depth--;
    value_done(s);
    token_done(s, NULL, 0, 0);
}

static int is_ws(unsigned char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* ---- run classification: the scalar (SWAR) path and the SSE2 path -------- */

/* Does any of the 8 bytes at p end a plain run inside a string ('"', '\\',
 * a control character or a non-ASCII byte)? Word-at-a-time (SWAR) test:
 * a high bit is set in each flagged byte; the lowest flagged byte is exact
 * (borrows only go up). */
static inline uint64_t special8(const unsigned char *p) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t t = ((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w) | w;
    return t & highs;
}

static inline int plain_string_byte(unsigned char c) {
    return c != '"' && c != '\\' && c >= 0x20 && c < 0x80;
}

/* The first byte in [p, lim) that ends a plain string run, or lim. */
static inline const unsigned char *string_run(const unsigned char *p, const unsigned char *lim) {
#if LSC_SCAN_SSE2
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (lim - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        /* signed: below 0x20 means a control character or a byte >= 0x80 */
        __m128i m =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                         _mm_cmplt_epi8(v, space));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (lim - p >= 8) {
        uint64_t mask = special8(p);
        if (mask) {
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return p + (__builtin_ctzll(mask) >> 3);
#else
            break; /* the byte loop below finds it */
#endif
        }
        p += 8;
    }
    while (p < lim && plain_string_byte(*p))
        p++;
    return p;
}

/* The first byte in [p, end) that is not a space, or end. */
static inline const unsigned char *space_run(const unsigned char *p, const unsigned char *end) {
#if LSC_SCAN_SSE2
    const __m128i space = _mm_set1_epi8(' ');
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)) ^ 0xFFFFu;
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    uint64_t w;
    while (end - p >= 8 && (memcpy(&w, p, 8), w == 0x2020202020202020ull))
        p += 8;
    while (p < end && *p == ' ')
        p++;
    return p;
}

/* White space between tokens; start is at offset off0 (line breaks move
 * the line's origin). */
static const unsigned char *skip_ws(lscp_scan *s, const unsigned char *p, const unsigned char *end,
                                    const unsigned char *start, uint64_t off0) {
    while (p < end) {
        unsigned char c = *p;
        if (c == ' ') {
            p = space_run(p + 1, end);
        } else if (c == '\n') {
            s->line++;
            p++;
            s->line_start = off0 + (uint64_t)(p - start);
        } else if (c == '\t' || c == '\r') {
            p++;
        } else {
            break;
        }
    }
    return p;
}

void lscp_scan_chunk_begin(lscp_scan *s, const unsigned char *chunk, size_t len) {
    s->limit = chunk + len;
    if (s->state == ST_STRING || s->state == ST_UTF8)
        s->seg = chunk;
    else
        s->seg = NULL;
}

int lscp_scan_chunk_end(lscp_scan *s, const unsigned char *chunk_end) {
    if (s->error)
        return 0;
    if ((s->state == ST_STRING || s->state == ST_UTF8) && s->seg) {
        s->buf_used = 1;
        if (flush_segment(s, chunk_end) < 0)
            return -1;
        s->seg = NULL;
    }
    return 0;
}

/* A UTF-8 lead byte c in a string: how many continuation bytes follow and
 * their allowed range (strict RFC 3629). 0 if c cannot lead. */
static int utf8_lead(lscp_scan *s, unsigned char c) {
    s->u8_lo = 0x80;
    s->u8_hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        return 1;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            s->u8_lo = 0xA0; /* overlong */
        else if (c == 0xED)
            s->u8_hi = 0x9F; /* UTF-16 surrogates */
        return 2;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            s->u8_lo = 0x90; /* overlong */
        else if (c == 0xF4)
            s->u8_hi = 0x8F; /* > U+10FFFF */
        return 3;
    }
    return 0;
}

/* Positions: the scanner keeps the offset of the next byte implicitly (the
 * run's start offset plus the distance in the chunk) and, per line, the
 * offset that column 1 would have if every byte took one column
 * (line_start: the line's first byte, moved on by each UTF-8 continuation
 * byte and the BOM). A column is then one subtraction, computed only for a
 * token start, an error or the end of a run; the inner loops only move the
 * pointer. */
#define OFF(ptr) (off0 + (uint64_t)((ptr)-start))
/* Go on with the next byte in the state at label (the state is set). */
#define NEXT(label)                                                                                \
    do {                                                                                           \
        if (++p == end)                                                                            \
            goto out;                                                                              \
        c = *p;                                                                                    \
        goto label;                                                                                \
    } while (0)
#define FAIL(ptr, what)                                                                            \
    do {                                                                                           \
        set_pos(s, OFF(ptr));                                                                      \
        return fail_at(s, NULL, (ptr), (what));                                                    \
    } while (0)

int lscp_scan_run(lscp_scan *s, const unsigned char *p, size_t n) {
    const unsigned char *const start = p, *const end = p + n;
    const uint64_t off0 = s->offset;
    int rc = 0, in_object;
    if (s->error)
        return -1;
    s->ahead_stop = 0;
    while (p < end) {
        unsigned char c = *p;
        /* The structural states jump straight to the state that follows
         * (NEXT, next_token) instead of going round the loop: a member is
         * ',' '"' name '"' ':' '"' value '"' in one pass. */
        switch (s->state) {
        case ST_DOC_START:
        case ST_VALUE:
        case ST_ARR_FIRST:
        value:
            if (s->state == ST_DOC_START && !is_ws(c))
                s->documents++;
            if (c == '"') {
                mark_tok(s, OFF(p));
                string_begin(s, p, ST_AFTER);
                p++;
                goto string;
            }
            if (is_ws(c)) {
            between_tokens:
                /* line breaks and indentation in one run */
                p = skip_ws(s, p, end, start, off0);
                continue;
            }
            if (s->state == ST_ARR_FIRST && c == ']') {
                close_container(s, OFF(p));
                goto next_token;
            }
            if (value_begin(s, p, OFF(p)) < 0) {
                if (s->state == ST_DOC_START && !s->oom)
                    s->err_document = s->documents - 1;
                rc = -1;
                goto out;
            }
            if (s->ahead_stop) { /* a '{' or '[' filled the queue */
                p++;
                goto out;
            }
            if (s->state == ST_OBJ_FIRST)
                NEXT(object_key);
            if (s->state == ST_ARR_FIRST)
                NEXT(value);
            break;
        case ST_DOC_END:
            if (c == '\n') {
                s->state = ST_DOC_START;
                s->line++;
                s->line_start = OFF(p) + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                FAIL(p, "unexpected data after the end of the document on the same line "
                        "(documents must be separated by a line break)");
            }
            break;
        case ST_OBJ_FIRST:
        case ST_OBJ_KEY:
        object_key:
            if (c == '"') {
                mark_tok(s, OFF(p));
                string_begin(s, p, ST_COLON);
                p++;
                goto string;
            }
            if (c == '}' && s->state == ST_OBJ_FIRST) {
                close_container(s, OFF(p));
                goto next_token;
            }
            if (is_ws(c))
                goto between_tokens;
            FAIL(p, s->state == ST_OBJ_FIRST ? "expected a member name in double quotes or '}'"
                                             : "expected a member name in double quotes");
        case ST_COLON:
        colon:
            if (c == ':') {
                s->state = ST_VALUE;
                NEXT(value);
            }
            if (is_ws(c))
                goto between_tokens;
            FAIL(p, "expected ':' after the member name");
        case ST_AFTER:
        after:
            in_object = s->stack[s->depth - 1] == 'o';
            if (c == ',') {
                if (in_object) {
                    s->state = ST_OBJ_KEY;
                    NEXT(object_key);
                }
                s->state = ST_VALUE;
                NEXT(value);
            }
            if (c == (in_object ? '}' : ']')) {
                close_container(s, OFF(p));
                goto next_token;
            }
            if (is_ws(c))
                goto between_tokens;
            FAIL(p, in_object ? "expected ',' or '}' after a member"
                              : "expected ',' or ']' after an array element");
        next_token:
            /* after a string or a container: ':' after a name, ',' or a
             * closing bracket after a value, the line's end after a document
             * (or the run ends: see ahead_stop) */
            if (++p == end || s->ahead_stop)
                goto out;
            c = *p;
            if (s->state == ST_AFTER)
                goto after;
            if (s->state == ST_COLON)
                goto colon;
            continue;
        case ST_STRING:
        string:
            /* the hot loop: plain ASCII runs, 16 (SSE2) or 8 bytes at a
             * time; reads may look ahead up to the chunk's end (the
             * callbacks often stop the scan at a string's closing quote) */
            p = string_run(p, s->limit && s->limit > end ? s->limit : end);
            if (p >= end) {
                p = end;
                goto out;
            }
            c = *p;
            if (c == '"') {
                if (string_end(s, p) < 0) {
                    rc = -1;
                    goto out;
                }
                goto next_token;
            } else if (c == '\\') {
                if (flush_segment(s, p) < 0) {
                    rc = -1;
                    goto out;
                }
                s->buf_used = 1;
                s->state = ST_ESC;
            } else if (c < 0x20) {
                FAIL(p, "a control character must be escaped inside a string");
            } else {
                /* a UTF-8 lead byte: its continuation bytes follow at once
                 * (ST_UTF8 resumes a sequence cut by the end of the run) */
                s->u8_start.offset = OFF(p);
                s->u8_start.line = s->line;
                s->u8_start.column = column_at(s, OFF(p));
                s->u8_need = utf8_lead(s, c);
                if (s->u8_need == 0)
                    FAIL(p, "invalid UTF-8 in a string");
                s->state = ST_UTF8;
                p++;
                goto utf8_tail;
            }
            break;
        case ST_UTF8:
        utf8_tail:
            while (p < end) {
                c = *p;
                if (c < s->u8_lo || c > s->u8_hi) {
                    set_pos(s, OFF(p));
                    return fail_at(s, &s->u8_start, NULL, "invalid UTF-8 sequence in a string");
                }
                s->u8_lo = 0x80;
                s->u8_hi = 0xBF;
                s->line_start++; /* a continuation byte takes no column */
                p++;
                if (--s->u8_need == 0) {
                    s->state = ST_STRING;
                    break;
                }
            }
            continue;
        case ST_ESC:
            switch (c) {
            case '"':
            case '\\':
            case '/':
                if (s->pending_high && lone_high(s) < 0) {
                    rc = -1;
                    goto out;
                }
                if (buf_append(s, p, 1) < 0) {
                    rc = -1;
                    goto out;
                }
                break;
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't': {
                char e = c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\t';
                if ((s->pending_high && lone_high(s) < 0) || buf_append(s, &e, 1) < 0) {
                    rc = -1;
                    goto out;
                }
                break;
            }
            case 'u':
                s->hex = 0;
                s->hex_count = 0;
                s->state = ST_HEX;
                break;
            default:
                FAIL(p, "invalid escape sequence in a string");
            }
            if (s->state == ST_ESC) {
                s->state = ST_STRING;
                s->seg = p + 1;
            }
            break;
        case ST_HEX: {
            uint32_t d;
            if (c >= '0' && c <= '9')
                d = (uint32_t)(c - '0');
            else if (c >= 'a' && c <= 'f')
                d = (uint32_t)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                d = (uint32_t)(c - 'A' + 10);
            else
                FAIL(p, "expected 4 hex digits after \\u");
            s->hex = (s->hex << 4) | d;
            if (++s->hex_count == 4) {
                if (hex_done(s) < 0) {
                    rc = -1;
                    goto out;
                }
                s->state = ST_STRING;
                s->seg = p + 1;
            }
            break;
        }
        case ST_LIT:
            if (c != (unsigned char)*s->lit)
                FAIL(p, "invalid literal (expected true, false or null)");
            if (*++s->lit == '\0') {
                value_done(s);
                token_done(s, NULL, 0, 0);
                if (s->ahead_stop) {
                    p++;
                    goto out;
                }
            }
            break;
        case ST_NUM_MINUS:
            if (c == '0')
                s->state = ST_NUM_ZERO;
            else if (c >= '1' && c <= '9')
                s->state = ST_NUM_INT;
            else
                FAIL(p, "expected a digit after '-'");
            break;
        case ST_NUM_ZERO:
        case ST_NUM_INT:
        case ST_NUM_FRAC:
        case ST_NUM_EXP:
            if (c >= '0' && c <= '9') {
                if (s->state == ST_NUM_ZERO)
                    FAIL(p, "a number must not have a leading zero");
                /* the run of digits at once (epoch timestamps have ten) */
                p++;
                while (p < end && *p >= '0' && *p <= '9')
                    p++;
                continue;
            }
            if (c == '.' && (s->state == ST_NUM_ZERO || s->state == ST_NUM_INT)) {
                s->state = ST_NUM_DOT;
                break;
            }
            if ((c == 'e' || c == 'E') && s->state != ST_NUM_EXP) {
                s->state = ST_NUM_E;
                break;
            }
            value_done(s);
            token_done(s, NULL, 0, 0);
            if (s->ahead_stop)
                goto out;
            continue; /* the byte belongs to what follows the number */
        case ST_NUM_DOT:
            if (c >= '0' && c <= '9')
                s->state = ST_NUM_FRAC;
            else
                FAIL(p, "expected a digit after the decimal point");
            break;
        case ST_NUM_E:
            if (c == '+' || c == '-')
                s->state = ST_NUM_ESIGN;
            else if (c >= '0' && c <= '9')
                s->state = ST_NUM_EXP;
            else
                FAIL(p, "expected a digit in the exponent");
            break;
        case ST_NUM_ESIGN:
            if (c >= '0' && c <= '9')
                s->state = ST_NUM_EXP;
            else
                FAIL(p, "expected a digit in the exponent");
            break;
        }
        p++; /* the byte handled by the switch (never a line break but in ST_DOC_END) */
    }
out:
    set_pos(s, OFF(p));
    return rc;
}

#undef FAIL
#undef NEXT
#undef OFF

int lscp_scan_finish(lscp_scan *s) {
    if (s->error)
        return -1;
    switch (s->state) {
    case ST_NUM_ZERO:
    case ST_NUM_INT:
    case ST_NUM_FRAC:
    case ST_NUM_EXP:
        value_done(s);
        token_done(s, NULL, 0, 0);
        break;
    default:
        break;
    }
    if (lscp_scan_idle(s))
        return 0;
    if (s->state == ST_STRING || s->state == ST_ESC || s->state == ST_HEX || s->state == ST_UTF8)
        return fail_at(s, NULL, NULL, "unexpected end of input inside a string");
    return fail_at(s, NULL, NULL, "unexpected end of input: the document is incomplete");
}
