/* The shadow scanner (see scan.h). One pass, byte by byte, with tight inner
 * loops for the common runs: white space and plain ASCII inside strings. */
#include "parser/scan.h"

#include <stdio.h>
#include <string.h>

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
    if (s->buf_used) {
        if (flush_segment(s, p) < 0)
            return -1;
        if (s->pending_high && lone_high(s) < 0)
            return -1;
        s->str = s->buf ? s->buf : ""; /* an empty string split across chunks */
        s->str_len = s->buf_len;
    } else if (s->pending_high) {
        if (lone_high(s) < 0)
            return -1;
        s->str = s->buf;
        s->str_len = s->buf_len;
    } else {
        s->str = (const char *)s->seg;
        s->str_len = (size_t)(p - s->seg);
    }
    s->seg = NULL;
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

/* Start a value at p (state is one where a value may begin). */
static int value_begin(lscp_scan *s, const unsigned char *p) {
    unsigned char c = *p;
    s->tok.offset = s->offset;
    s->tok.line = s->line;
    s->tok.column = s->column;
    switch (c) {
    case '{':
        if (push(s, 'o') < 0)
            return -1;
        s->state = ST_OBJ_FIRST;
        return 0;
    case '[':
        if (push(s, 'a') < 0)
            return -1;
        s->state = ST_ARR_FIRST;
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
        return fail_at(s, NULL, p, "expected a JSON value");
    }
}

static int close_container(lscp_scan *s, unsigned char kind) {
    s->tok.offset = s->offset;
    s->tok.line = s->line;
    s->tok.column = s->column;
    (void)kind;
    s->depth--;
    value_done(s);
    return 0;
}

#define ADVANCE1(c)                                                                                \
    do {                                                                                           \
        s->offset++;                                                                               \
        if ((c) == '\n') {                                                                         \
            s->line++;                                                                             \
            s->column = 1;                                                                         \
        } else if (((c)&0xC0) != 0x80) {                                                           \
            s->column++;                                                                           \
        }                                                                                          \
    } while (0)

/* Does any of the 8 bytes at p end a plain run inside a string ('"', '\\',
 * a control character or a non-ASCII byte)? Word-at-a-time (SWAR) test. */
static inline uint64_t special8(const unsigned char *p) {
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t t = ((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w) | w;
    return t & highs;
}

static int is_ws(unsigned char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static const unsigned char *skip_ws(lscp_scan *s, const unsigned char *p,
                                    const unsigned char *end) {
    const unsigned char *start = p;
    uint64_t column = s->column;
    for (; p < end; p++) {
        unsigned char c = *p;
        if (c == ' ') {
            /* indentation, 8 spaces at a time */
            uint64_t w;
            while (end - p >= 9 && (memcpy(&w, p + 1, 8), w == 0x2020202020202020ull)) {
                p += 8;
                column += 8;
            }
            column++;
        } else if (c == '\t' || c == '\r') {
            column++;
        } else if (c == '\n') {
            s->line++;
            column = 1;
        } else {
            break;
        }
    }
    s->column = column;
    s->offset += (uint64_t)(p - start);
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

int lscp_scan_run(lscp_scan *s, const unsigned char *p, size_t n) {
    const unsigned char *end = p + n;
    if (s->error)
        return -1;
    while (p < end) {
        unsigned char c = *p;
        if (s->state <= ST_AFTER && s->state != ST_DOC_END && is_ws(c)) {
            /* between tokens: line breaks and indentation in one run */
            p = skip_ws(s, p, end);
            continue;
        }
        switch (s->state) {
        case ST_DOC_START:
        case ST_VALUE:
        case ST_ARR_FIRST:
            if (is_ws(c))
                break;
            if (s->state == ST_ARR_FIRST && c == ']') {
                close_container(s, 'a');
                break;
            }
            if (s->state == ST_DOC_START)
                s->documents++;
            if (value_begin(s, p) < 0) {
                if (s->state == ST_DOC_START && !s->oom)
                    s->err_document = s->documents - 1;
                return -1;
            }
            break;
        case ST_DOC_END:
            if (c == '\n')
                s->state = ST_DOC_START;
            else if (c != ' ' && c != '\t' && c != '\r')
                return fail_at(s, NULL, p,
                               "unexpected data after the end of the document on the same line "
                               "(documents must be separated by a line break)");
            break;
        case ST_OBJ_FIRST:
        case ST_OBJ_KEY:
            if (is_ws(c))
                break;
            if (c == '"') {
                s->tok.offset = s->offset;
                s->tok.line = s->line;
                s->tok.column = s->column;
                string_begin(s, p, ST_COLON);
                break;
            }
            if (c == '}' && s->state == ST_OBJ_FIRST) {
                close_container(s, 'o');
                break;
            }
            return fail_at(s, NULL, p,
                           s->state == ST_OBJ_FIRST ? "expected a member name in double quotes or '}'"
                                                    : "expected a member name in double quotes");
        case ST_COLON:
            if (is_ws(c))
                break;
            if (c == ':') {
                s->state = ST_VALUE;
                break;
            }
            return fail_at(s, NULL, p, "expected ':' after the member name");
        case ST_AFTER: {
            if (is_ws(c))
                break;
            unsigned char kind = s->stack[s->depth - 1];
            if (c == ',') {
                s->state = kind == 'o' ? ST_OBJ_KEY : ST_VALUE;
                break;
            }
            if (c == (kind == 'o' ? '}' : ']')) {
                close_container(s, kind);
                break;
            }
            return fail_at(s, NULL, p,
                           kind == 'o' ? "expected ',' or '}' after a member"
                                       : "expected ',' or ']' after an array element");
        }
        case ST_STRING: {
            /* the hot loop: plain ASCII runs, 8 bytes at a time */
            /* words may be read up to the chunk's end (the callbacks
             * often stop the scan at a string's closing quote) */
            const unsigned char *q = p, *lim = s->limit && s->limit > end ? s->limit : end;
            uint64_t mask = 0;
            while (lim - q >= 8 && !(mask = special8(q)))
                q += 8;
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            if (mask) /* the lowest flagged byte is exact (borrows only go up) */
                q += __builtin_ctzll(mask) >> 3;
            else
#endif
                while (q < end && *q != '"' && *q != '\\' && *q >= 0x20 && *q < 0x80)
                    q++;
            if (q > end)
                q = end;
            s->offset += (uint64_t)(q - p);
            s->column += (uint64_t)(q - p);
            p = q;
            if (p == end)
                return 0;
            c = *p;
            if (c == '"') {
                if (string_end(s, p) < 0)
                    return -1;
            } else if (c == '\\') {
                if (flush_segment(s, p) < 0)
                    return -1;
                s->buf_used = 1;
                s->state = ST_ESC;
            } else if (c < 0x20) {
                return fail_at(s, NULL, p,
                               "a control character must be escaped inside a string");
            } else {
                /* a UTF-8 lead byte: strict RFC 3629 */
                s->u8_start.offset = s->offset;
                s->u8_start.line = s->line;
                s->u8_start.column = s->column;
                s->u8_lo = 0x80;
                s->u8_hi = 0xBF;
                if (c >= 0xC2 && c <= 0xDF) {
                    s->u8_need = 1;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    s->u8_need = 2;
                    if (c == 0xE0)
                        s->u8_lo = 0xA0; /* overlong */
                    else if (c == 0xED)
                        s->u8_hi = 0x9F; /* UTF-16 surrogates */
                } else if (c >= 0xF0 && c <= 0xF4) {
                    s->u8_need = 3;
                    if (c == 0xF0)
                        s->u8_lo = 0x90; /* overlong */
                    else if (c == 0xF4)
                        s->u8_hi = 0x8F; /* > U+10FFFF */
                } else {
                    return fail_at(s, NULL, p, "invalid UTF-8 in a string");
                }
                s->state = ST_UTF8;
            }
            break;
        }
        case ST_UTF8:
            if (c < s->u8_lo || c > s->u8_hi)
                return fail_at(s, &s->u8_start, NULL, "invalid UTF-8 sequence in a string");
            s->u8_lo = 0x80;
            s->u8_hi = 0xBF;
            if (--s->u8_need == 0)
                s->state = ST_STRING;
            break;
        case ST_ESC:
            switch (c) {
            case '"':
            case '\\':
            case '/':
                if (s->pending_high && lone_high(s) < 0)
                    return -1;
                if (buf_append(s, p, 1) < 0)
                    return -1;
                break;
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't': {
                char e = c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\t';
                if (s->pending_high && lone_high(s) < 0)
                    return -1;
                if (buf_append(s, &e, 1) < 0)
                    return -1;
                break;
            }
            case 'u':
                s->hex = 0;
                s->hex_count = 0;
                s->state = ST_HEX;
                break;
            default:
                return fail_at(s, NULL, p, "invalid escape sequence in a string");
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
                return fail_at(s, NULL, p, "expected 4 hex digits after \\u");
            s->hex = (s->hex << 4) | d;
            if (++s->hex_count == 4) {
                if (hex_done(s) < 0)
                    return -1;
                s->state = ST_STRING;
                s->seg = p + 1;
            }
            break;
        }
        case ST_LIT:
            if (c != (unsigned char)*s->lit)
                return fail_at(s, NULL, p, "invalid literal (expected true, false or null)");
            if (*++s->lit == '\0')
                value_done(s);
            break;
        case ST_NUM_MINUS:
            if (c == '0')
                s->state = ST_NUM_ZERO;
            else if (c >= '1' && c <= '9')
                s->state = ST_NUM_INT;
            else
                return fail_at(s, NULL, p, "expected a digit after '-'");
            break;
        case ST_NUM_ZERO:
        case ST_NUM_INT:
        case ST_NUM_FRAC:
        case ST_NUM_EXP:
            if (c >= '0' && c <= '9') {
                if (s->state == ST_NUM_ZERO)
                    return fail_at(s, NULL, p, "a number must not have a leading zero");
                /* the run of digits at once (epoch timestamps have ten) */
                const unsigned char *q = p + 1;
                while (q < end && *q >= '0' && *q <= '9')
                    q++;
                s->offset += (uint64_t)(q - p);
                s->column += (uint64_t)(q - p);
                p = q;
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
            continue; /* the byte belongs to what follows the number */
        case ST_NUM_DOT:
            if (c >= '0' && c <= '9')
                s->state = ST_NUM_FRAC;
            else
                return fail_at(s, NULL, p, "expected a digit after the decimal point");
            break;
        case ST_NUM_E:
            if (c == '+' || c == '-')
                s->state = ST_NUM_ESIGN;
            else if (c >= '0' && c <= '9')
                s->state = ST_NUM_EXP;
            else
                return fail_at(s, NULL, p, "expected a digit in the exponent");
            break;
        case ST_NUM_ESIGN:
            if (c >= '0' && c <= '9')
                s->state = ST_NUM_EXP;
            else
                return fail_at(s, NULL, p, "expected a digit in the exponent");
            break;
        }
        ADVANCE1(c);
        p++;
    }
    return 0;
}

int lscp_scan_finish(lscp_scan *s) {
    if (s->error)
        return -1;
    switch (s->state) {
    case ST_NUM_ZERO:
    case ST_NUM_INT:
    case ST_NUM_FRAC:
    case ST_NUM_EXP:
        value_done(s);
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
