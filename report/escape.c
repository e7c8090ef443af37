/* Output and escaping shared by every report format (see escape.h). */
#include "config.h"

#include "report/escape.h"

#include "lib/internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Upper case for percent-encoding (RFC 3986), lower case for \u and \x
 * escapes, as JSON encoders and doc/contract.md §7 write them. */
static const char hexdigits[] = "0123456789ABCDEF";
static const char hexlower[] = "0123456789abcdef";

void lscr_out_init(lscr_out *o, FILE *fp) {
    memset(o, 0, sizeof *o);
    o->fp = fp;
}

void lscr_out_init_write(lscr_out *o, lsc_write_fn write, void *user) {
    memset(o, 0, sizeof *o);
    o->write = write;
    o->user = user;
}

void lscr_out_release(lscr_out *o) {
    if (o->fp == NULL && o->write == NULL) {
        lscp_free(o->buf);
        o->buf = NULL;
        o->len = o->cap = 0;
    }
}

void lscr_out_reset(lscr_out *o) {
    o->len = 0;
    if (o->buf != NULL)
        o->buf[0] = '\0';
}

int lscr_out_status(const lscr_out *o) {
    if (o->err != 0) {
        errno = o->err;
        return -1;
    }
    return 0;
}

static void fail(lscr_out *o, int e) {
    if (o->err == 0)
        o->err = e != 0 ? e : EIO;
}

void lscr_put(lscr_out *o, const char *s, size_t n) {
    if (o->err != 0 || n == 0)
        return;
    if (o->fp != NULL) {
        if (fwrite(s, 1, n, o->fp) != n)
            fail(o, errno);
        return;
    }
    if (o->write != NULL) {
        int saved = errno; /* a successful write leaves errno as it was */
        errno = 0;
        if (o->write(o->user, s, n) != 0)
            fail(o, errno);
        else
            errno = saved;
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
        char *p = lscp_realloc(o->buf, cap);
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

void lscr_puts(lscr_out *o, const char *s) {
    lscr_put(o, s, strlen(s));
}

void lscr_putc(lscr_out *o, char c) {
    lscr_put(o, &c, 1);
}

void lscr_putu(lscr_out *o, uint64_t v) {
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRIu64, v);
    lscr_put(o, tmp, (size_t)n);
}

void lscr_printf(lscr_out *o, const char *fmt, ...) {
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
        lscr_put(o, tmp, (size_t)n);
        return;
    }
    char *big = lscp_malloc((size_t)n + 1);
    if (big == NULL) {
        fail(o, ENOMEM);
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    lscr_put(o, big, (size_t)n);
    lscp_free(big);
}

size_t lscr_utf8_next(const unsigned char *s, size_t n, uint32_t *cp) {
    if (s[0] < 0x80) { /* most of every report: no call */
        *cp = s[0];
        return 1;
    }
    /* utf8proc is strict (RFC 3629): no overlong forms, no surrogates,
     * nothing above U+10FFFF, no truncated sequence */
    utf8proc_int32_t c;
    utf8proc_ssize_t len = utf8proc_iterate(s, n < 4 ? (utf8proc_ssize_t)n : 4, &c);
    if (len <= 0)
        return 0;
    *cp = (uint32_t)c;
    return (size_t)len;
}

int lscr_unsafe_codepoint(uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* A code point as a JSON escape: the short forms where JSON has them. */
static void put_json_escape(lscr_out *o, uint32_t cp) {
    switch (cp) {
    case '\n':
        lscr_put(o, "\\n", 2);
        return;
    case '\r':
        lscr_put(o, "\\r", 2);
        return;
    case '\t':
        lscr_put(o, "\\t", 2);
        return;
    case '\b':
        lscr_put(o, "\\b", 2);
        return;
    case '\f':
        lscr_put(o, "\\f", 2);
        return;
    default: {
        char tmp[6] = {'\\',
                       'u',
                       hexlower[(cp >> 12) & 0xF],
                       hexlower[(cp >> 8) & 0xF],
                       hexlower[(cp >> 4) & 0xF],
                       hexlower[cp & 0xF]};
        lscr_put(o, tmp, 6);
    }
    }
}

/* The escape for a byte that is not UTF-8: \xHH (prefix gives \\ for JSON). */
static void put_bad_byte(lscr_out *o, unsigned char b, const char *prefix) {
    lscr_puts(o, prefix);
    char tmp[3] = {'x', hexlower[b >> 4], hexlower[b & 0xF]};
    lscr_put(o, tmp, 3);
}

/* Shared walk of text and JSON escaping; json: escape '"' and write bad
 * bytes as \\xHH. */
static void esc_walk(lscr_out *o, const char *s, size_t n, int escape_backslash, int json) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0; /* run: start of the pending plain span */
    while (i < n) {
        uint32_t cp = p[i];
        /* printable ASCII, the bulk of every report, without a call */
        size_t len = cp >= 0x20 && cp < 0x7F ? 1 : lscr_utf8_next(p + i, n - i, &cp);
        int plain = len != 0 && !lscr_unsafe_codepoint(cp) && !(cp == '\\' && escape_backslash) &&
                    !(cp == '"' && json);
        if (plain) {
            i += len;
            continue;
        }
        lscr_put(o, s + run, i - run);
        if (len == 0) {
            put_bad_byte(o, p[i], json ? "\\\\" : "\\");
            len = 1;
        } else if (cp == '\\') {
            lscr_put(o, "\\\\", 2);
        } else if (cp == '"') {
            lscr_put(o, "\\\"", 2);
        } else {
            put_json_escape(o, cp);
        }
        i += len;
        run = i;
    }
    lscr_put(o, s + run, n - run);
}

void lscr_esc_text(lscr_out *o, const char *s, size_t n, int raw) {
    esc_walk(o, s, n, raw, 0);
}

void lscr_esc_json(lscr_out *o, const char *s, size_t n) {
    esc_walk(o, s, n, 1, 1);
}

void lscr_json_str(lscr_out *o, const char *s, size_t n) {
    lscr_putc(o, '"');
    if (s != NULL)
        lscr_esc_json(o, s, n);
    lscr_putc(o, '"');
}

void lscr_esc_xml(lscr_out *o, const char *s, size_t n, int attribute) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = lscr_utf8_next(p + i, n - i, &cp);
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
        lscr_put(o, s + run, i - run);
        lscr_puts(o, rep);
        i += len;
        run = i;
    }
    lscr_put(o, s + run, n - run);
}

void lscr_esc_github(lscr_out *o, const char *s, size_t n, int property) {
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
        lscr_put(o, s + run, i - run);
        lscr_put(o, rep, 3);
        run = i + 1;
    }
    lscr_put(o, s + run, n - run);
}

void lscr_esc_uri(lscr_out *o, const char *s, size_t n) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            continue;
        lscr_put(o, s + run, i - run);
        char tmp[3] = {'%', hexdigits[c >> 4], hexdigits[c & 0xF]};
        lscr_put(o, tmp, 3);
        run = i + 1;
    }
    lscr_put(o, s + run, n - run);
}

void lscr_esc_markdown(lscr_out *o, const char *s, size_t n) {
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
        lscr_put(o, s + run, i - run);
        lscr_puts(o, rep);
        run = i + 1;
    }
    lscr_put(o, s + run, n - run);
}

int lsc_escape(lsc_escape_kind kind, const char *s, size_t len, lsc_write_fn write, void *user) {
    lscr_out o;
    if (write == NULL || (s == NULL && len > 0)) {
        errno = EINVAL;
        return -1;
    }
    lscr_out_init_write(&o, write, user);
    switch (kind) {
    case LSC_ESCAPE_TEXT:
        lscr_esc_text(&o, s, len, 0);
        break;
    case LSC_ESCAPE_NAME:
        lscr_esc_text(&o, s, len, 1);
        break;
    case LSC_ESCAPE_JSON:
        lscr_json_str(&o, s, len);
        break;
    case LSC_ESCAPE_MARKDOWN:
        lscr_esc_markdown(&o, s, len);
        break;
    default:
        errno = EINVAL;
        return -1;
    }
    return lscr_out_status(&o);
}
