/* Quoting values for messages: nothing from the input may reach a terminal
 * or a report raw if it could break a line, a field or the display. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lib/internal.h"

/* The longest escaped form of one unit: "\u2028" or 4 bytes of UTF-8. */
#define UNIT_MAX 6

/* Length of the strict UTF-8 sequence at s[0..n) (1..4) and its code
 * point, or 0 when s[0] does not start one: overlong forms, surrogates,
 * code points above U+10FFFF and truncated sequences are not UTF-8. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
    unsigned char c = s[0];
    size_t len;
    unsigned char lo = 0x80, hi = 0xbf; /* the range of the second byte */
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        *cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        *cp = c & 0x0f;
        if (c == 0xe0)
            lo = 0xa0; /* overlong below U+0800 */
        else if (c == 0xed)
            hi = 0x9f; /* U+D800..U+DFFF */
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        *cp = c & 0x07;
        if (c == 0xf0)
            lo = 0x90; /* overlong below U+10000 */
        else if (c == 0xf4)
            hi = 0x8f; /* above U+10FFFF */
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[k] & 0x3f);
    }
    return len;
}

/* Code points printed as \uXXXX although valid: controls (C0, DEL, C1 with
 * U+0085), the line and paragraph separators, and the bidirectional
 * controls that can make a value display as something else. */
static int must_escape(uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
           cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The escaped form of the unit (a code point, or one byte that is not
 * UTF-8) at s[*i]: written to u, its length returned, *i advanced. */
static size_t escape_unit(const unsigned char *s, size_t len, size_t *i, char u[UNIT_MAX]) {
    static const char hex[] = "0123456789abcdef";
    uint32_t cp;
    size_t n = utf8_decode(s + *i, len - *i, &cp);
    if (n == 0) {
        unsigned char b = s[(*i)++];
        u[0] = '\\';
        u[1] = 'x';
        u[2] = hex[b >> 4];
        u[3] = hex[b & 0xf];
        return 4;
    }
    /* JSON's two-character escapes */
    static const char *const short_forms[0x60] = {
        ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\r'] = "\\r",
        ['\t'] = "\\t", ['\b'] = "\\b",  ['\f'] = "\\f",
    };
    const char *short_form = cp < 0x60 ? short_forms[cp] : NULL;
    if (short_form) {
        memcpy(u, short_form, 2);
        *i += n;
        return 2;
    }
    if (must_escape(cp)) {
        u[0] = '\\';
        u[1] = 'u';
        for (int k = 0; k < 4; k++)
            u[2 + k] = hex[(cp >> (12 - 4 * k)) & 0xf];
        *i += n;
        return 6;
    }
    memcpy(u, s + *i, n);
    *i += n;
    return n;
}

size_t lscp_escape(char *out, size_t size, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, need = 0, pos = 0;
    int full = size == 0 || !out;
    char u[UNIT_MAX];
    if (!s)
        len = 0;
    while (i < len) {
        size_t n = escape_unit(p, len, &i, u);
        need += n;
        if (full)
            continue;
        if (pos + n >= size) { /* no room for it and the NUL: stop whole */
            full = 1;
            continue;
        }
        memcpy(out + pos, u, n);
        pos += n;
    }
    if (out && size > 0)
        out[pos] = '\0';
    return need;
}

char *lscp_quote(char *out, size_t size, const char *s, size_t len, size_t max) {
    static const char cut_mark[] = "...\""; /* with its NUL: 5 bytes */
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, pos = 1, count = 0, cut_at = 1;
    int cut = 0;
    char u[UNIT_MAX];

    if (!out || size == 0)
        return out;
    if (!s)
        len = 0;
    if (size < 3) { /* not even "" fits */
        out[0] = '\0';
        return out;
    }
    out[0] = '"';
    while (i < len) {
        if (count == max) {
            cut = 1;
            break;
        }
        size_t n = escape_unit(p, len, &i, u);
        if (pos + n + 2 > size) { /* the closing quote and the NUL must fit */
            cut = 1;
            break;
        }
        memcpy(out + pos, u, n);
        pos += n;
        count++;
        if (pos + sizeof cut_mark <= size)
            cut_at = pos; /* the last place a cut still fits */
    }
    if (!cut) {
        out[pos++] = '"';
        out[pos] = '\0';
    } else if (size < 1 + sizeof cut_mark) {
        out[0] = '\0'; /* too small for even "..." */
    } else {
        memcpy(out + cut_at, cut_mark, sizeof cut_mark);
    }
    return out;
}
