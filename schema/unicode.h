/* Unicode checks of tag keys and values (doc/contract.md §2.6, tags): length
 * in code points and the allowed characters, with utf8proc. */
#ifndef LSC_UNICODE_H
#define LSC_UNICODE_H

#include <stddef.h>
#include <stdint.h>

/* The first character a tag may not hold. */
typedef struct lscp_bad_char {
    size_t offset; /* byte offset in the string */
    size_t length; /* its length in bytes (1 for a byte that is not UTF-8) */
    size_t index;  /* 0-based character (code point) index */
    int32_t cp;    /* the code point, or -1 for a byte that is not UTF-8 */
} lscp_bad_char;

/* Number of code points in s[0..len); a byte that is not UTF-8 counts as one. */
size_t lscp_utf8_length(const char *s, size_t len);

/* Whether a tag may hold the code point: a letter (L*), a number (N*), a
 * space separator (Zs) or one of + - = . _ : / @. */
int lscp_tag_char_allowed(int32_t cp);

/* Find the first character of s[0..len) a tag may not hold: returns 1 and
 * fills *bad, or 0 when every character is allowed. */
int lscp_tag_first_bad(const char *s, size_t len, lscp_bad_char *bad);

/* The two-letter Unicode category of a code point ("Po", "Mn", ...). */
const char *lscp_unicode_category(int32_t cp);

#endif
