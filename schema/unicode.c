/* Tag length and character checks on UTF-8, with utf8proc. */
#include "schema/unicode.h"

#include <utf8proc.h>

/* Decode one character; a byte that is not UTF-8 (the parser rejects those,
 * but a library caller may not) is one character with cp -1. */
static size_t next_char(const char *s, size_t len, int32_t *cp) {
    utf8proc_int32_t c = -1;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

/* Length of the leading run of ASCII bytes in s[0..len). */
static size_t ascii_prefix(const char *s, size_t len) {
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

size_t lscp_utf8_length(const char *s, size_t len) {
    /* an ASCII byte is one code point: utf8proc only from the first other */
    size_t i = ascii_prefix(s, len), count = i;
    for (; i < len; count++) {
        int32_t cp;
        i += next_char(s + i, len - i, &cp);
    }
    return count;
}

int lscp_tag_char_allowed(int32_t cp) {
    if (cp < 0 || cp > 0x10FFFF)
        return 0;
    switch (cp) {
    case '+':
    case '-':
    case '=':
    case '.':
    case '_':
    case ':':
    case '/':
    case '@':
        return 1;
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_ZS:
        return 1;
    default:
        return 0;
    }
}

/* The ASCII characters a tag may hold: letters, digits, space (Zs) and
 * + - = . _ : / @ (lscp_tag_char_allowed's answer, without utf8proc). */
static int ascii_tag_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
           c == '+' || c == '-' || c == '=' || c == '.' || c == '_' || c == ':' || c == '/' ||
           c == '@';
}

int lscp_tag_first_bad(const char *s, size_t len, lscp_bad_char *bad) {
    size_t index = 0, i = 0;
    /* the ASCII run without utf8proc (tags are nearly always ASCII) */
    for (; i < len && (unsigned char)s[i] < 0x80; i++, index++) {
        if (!ascii_tag_char((unsigned char)s[i])) {
            bad->offset = i;
            bad->length = 1;
            bad->index = index;
            bad->cp = (unsigned char)s[i];
            return 1;
        }
    }
    for (; i < len; index++) {
        int32_t cp;
        size_t n = next_char(s + i, len - i, &cp);
        if (!lscp_tag_char_allowed(cp)) {
            bad->offset = i;
            bad->length = n;
            bad->index = index;
            bad->cp = cp;
            return 1;
        }
        i += n;
    }
    return 0;
}

const char *lscp_unicode_category(int32_t cp) {
    if (cp < 0 || cp > 0x10FFFF)
        return "Cn";
    return utf8proc_category_string(cp);
}
