/* Output and escaping shared by every report format (see escape.h). */
#include "config.h"

#include "report/escape.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Upper case for percent-encoding (RFC 3986), lower case for \u and \x
 * escapes, as JSON encoders and doc/contract.md §7 write them. */
static const char hexdigits[] = "0123456789ABCDEF";
static const char hexlower[] = "0123456789abcdef";

void rep_out_init(rep_out *o, FILE *fp) {
    memset(o, 0, sizeof *o);
    o->fp = fp;
}

void rep_out_release(rep_out *o) {
    if (o->fp == NULL) {
        free(o->buf);
        o->buf = NULL;
        o->len = o->cap = 0;
    }
}

void rep_out_reset(rep_out *o) {
    o->len = 0;
    if (o->buf != NULL)
        o->buf[0] = '\0';
}

int rep_out_status(const rep_out *o) {
    if (o->err != 0) {
        errno = o->err;
        return -1;
    }
    return 0;
}

static void fail(rep_out *o, int e) {
    if (o->err == 0)
        o->err = e != 0 ? e : EIO;
}

void rep_put(rep_out *o, const char *s, size_t n) {
    if (o->err != 0 || n == 0)
        return;
    if (o->fp != NULL) {
        if (fwrite(s, 1, n, o->fp) != n)
            fail(o, errno);
        return;
    }
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap != 0 ? o->cap : 64;
        while (cap < o->len + n + 1) {
            if (cap > SIZE_MAX / 2) {
                fail(o, ENOMEM);
                return;
            }
            cap *= 2;
        }
        char *p = realloc(o->buf, cap);
        if (p == NULL) {
            fail(o, ENOMEM);
            return;
        }
        o->buf = p;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

void rep_puts(rep_out *o, const char *s) {
    rep_put(o, s, strlen(s));
}

void rep_putc(rep_out *o, char c) {
    rep_put(o, &c, 1);
}

void rep_putu(rep_out *o, uint64_t v) {
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRIu64, v);
    rep_put(o, tmp, (size_t)n);
}

void rep_printf(rep_out *o, const char *fmt, ...) {
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        fail(o, errno);
        return;
    }
    if ((size_t)n < sizeof tmp) {
        rep_put(o, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        fail(o, ENOMEM);
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    rep_put(o, big, (size_t)n);
    free(big);
}

size_t rep_utf8_next(const unsigned char *s, size_t n, uint32_t *cp) {
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

int rep_unsafe_codepoint(uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* A code point as a JSON escape: the short forms where JSON has them. */
static void put_json_escape(rep_out *o, uint32_t cp) {
    switch (cp) {
    case '\n':
        rep_put(o, "\\n", 2);
        return;
    case '\r':
        rep_put(o, "\\r", 2);
        return;
    case '\t':
        rep_put(o, "\\t", 2);
        return;
    case '\b':
        rep_put(o, "\\b", 2);
        return;
    case '\f':
        rep_put(o, "\\f", 2);
        return;
    default: {
        char tmp[6] = {'\\',
                       'u',
                       hexlower[(cp >> 12) & 0xF],
                       hexlower[(cp >> 8) & 0xF],
                       hexlower[(cp >> 4) & 0xF],
                       hexlower[cp & 0xF]};
        rep_put(o, tmp, 6);
    }
    }
}

/* The escape for a byte that is not UTF-8: \xHH (prefix gives \\ for JSON). */
static void put_bad_byte(rep_out *o, unsigned char b, const char *prefix) {
    rep_puts(o, prefix);
    char tmp[3] = {'x', hexlower[b >> 4], hexlower[b & 0xF]};
    rep_put(o, tmp, 3);
}

/* Shared walk of text and JSON escaping; json: escape '"' and write bad
 * bytes as \\xHH. */
static void esc_walk(rep_out *o, const char *s, size_t n, int escape_backslash, int json) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0; /* run: start of the pending plain span */
    while (i < n) {
        uint32_t cp;
        size_t len = rep_utf8_next(p + i, n - i, &cp);
        int plain = len != 0 && !rep_unsafe_codepoint(cp) && !(cp == '\\' && escape_backslash) &&
                    !(cp == '"' && json);
        if (plain) {
            i += len;
            continue;
        }
        rep_put(o, s + run, i - run);
        if (len == 0) {
            put_bad_byte(o, p[i], json ? "\\\\" : "\\");
            len = 1;
        } else if (cp == '\\') {
            rep_put(o, "\\\\", 2);
        } else if (cp == '"') {
            rep_put(o, "\\\"", 2);
        } else {
            put_json_escape(o, cp);
        }
        i += len;
        run = i;
    }
    rep_put(o, s + run, n - run);
}

void rep_esc_text(rep_out *o, const char *s, size_t n, int raw) {
    esc_walk(o, s, n, raw, 0);
}

void rep_esc_json(rep_out *o, const char *s, size_t n) {
    esc_walk(o, s, n, 1, 1);
}

void rep_json_str(rep_out *o, const char *s, size_t n) {
    rep_putc(o, '"');
    if (s != NULL)
        rep_esc_json(o, s, n);
    rep_putc(o, '"');
}

void rep_esc_xml(rep_out *o, const char *s, size_t n, int attribute) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = rep_utf8_next(p + i, n - i, &cp);
        const char *rep = NULL;
        if (len == 0) {
            rep = "\xEF\xBF\xBD"; /* U+FFFD */
            len = 1;
        } else if (cp == '<') {
            rep = "&lt;";
        } else if (cp == '>') {
            rep = "&gt;";
        } else if (cp == '&') {
            rep = "&amp;";
        } else if (cp == '"') {
            rep = "&quot;";
        } else if (cp == '\'') {
            rep = "&apos;";
        } else if (cp == '\t' || cp == '\n' || cp == '\r') {
            /* in an attribute a parser would normalise them to spaces */
            if (attribute)
                rep = cp == '\t' ? "&#9;" : cp == '\n' ? "&#10;" : "&#13;";
        } else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
            rep = ""; /* XML 1.0 cannot carry them at all */
        }
        if (rep == NULL) {
            i += len;
            continue;
        }
        rep_put(o, s + run, i - run);
        rep_puts(o, rep);
        i += len;
        run = i;
    }
    rep_put(o, s + run, n - run);
}

void rep_esc_github(rep_out *o, const char *s, size_t n, int property) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep;
        switch (s[i]) {
        case '%':
            rep = "%25";
            break;
        case '\r':
            rep = "%0D";
            break;
        case '\n':
            rep = "%0A";
            break;
        case ':':
            rep = property ? "%3A" : NULL;
            break;
        case ',':
            rep = property ? "%2C" : NULL;
            break;
        default:
            rep = NULL;
        }
        if (rep == NULL)
            continue;
        rep_put(o, s + run, i - run);
        rep_put(o, rep, 3);
        run = i + 1;
    }
    rep_put(o, s + run, n - run);
}

void rep_esc_uri(rep_out *o, const char *s, size_t n) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            continue;
        rep_put(o, s + run, i - run);
        char tmp[3] = {'%', hexdigits[c >> 4], hexdigits[c & 0xF]};
        rep_put(o, tmp, 3);
        run = i + 1;
    }
    rep_put(o, s + run, n - run);
}

void rep_esc_markdown(rep_out *o, const char *s, size_t n) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        char esc[3] = {'\\', s[i], '\0'};
        switch (s[i]) {
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '&':
            rep = "&amp;";
            break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '#':
        case '~':
        case '!':
            rep = esc;
            break;
        case '\r':
        case '\n':
            rep = " "; /* a table row cannot span lines */
            break;
        default:
            break;
        }
        if (rep == NULL)
            continue;
        rep_put(o, s + run, i - run);
        rep_puts(o, rep);
        run = i + 1;
    }
    rep_put(o, s + run, n - run);
}
