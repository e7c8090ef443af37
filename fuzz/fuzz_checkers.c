/* Fuzz target: the value checkers on their own, fed arbitrary bytes. The
 * first byte picks the checker, the second one a size parameter, the rest
 * is the value:
 *
 *   0 lscp_time_from_string   1 lscp_time_from_number   2 lsc_time_parse
 *   3 lscp_tag_first_bad, lscp_utf8_length, lscp_tag_char_allowed,
 *     lscp_unicode_category   4 lscp_quote   5 lscp_escape
 *   6 every one of them on the same bytes
 *
 * Oracles besides the sanitizers: a decoded time is in range and survives
 * lsc_time_format -> lscp_time_from_string (to the millisecond); the tag
 * checks agree with each other; lscp_quote and lscp_escape stay inside the
 * buffer, NUL-terminate, give UTF-8 without raw control characters and
 * never split an escape. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"
#include "parser/timestamp.h"
#include "schema/unicode.h"
#include "fuzz/oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TIME_MIN_SEC INT64_C(-62167219200) /* 0000-01-01T00:00:00Z */
#define TIME_MAX_SEC INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

#define fail(...) fuzz_fail("fuzz_checkers", __VA_ARGS__)

/* A decoded instant: in range, and its formatted form decodes to it. */
static void check_time(const char *what, lsc_time_status st, lsc_time t) {
    if (st > LSC_TIME_TOO_EARLY)
        fail("%s: status %d", what, (int)st);
    if (st != LSC_TIME_OK)
        return;
    if (t.nsec < 0 || t.nsec > 999999999)
        fail("%s: nsec %ld", what, (long)t.nsec);
    /* a leap second :60 of 9999-12-31T23:59 may land one second past */
    if (t.sec < TIME_MIN_SEC || t.sec > TIME_MAX_SEC + 1)
        fail("%s: sec %lld out of range", what, (long long)t.sec);
    if (t.sec > TIME_MAX_SEC)
        return;
    char buf[64];
    size_t n = lsc_time_format(t, buf, sizeof buf);
    if (n != 24 || strlen(buf) != 24)
        fail("%s: lsc_time_format gave %zu bytes: %s", what, n, buf);
    lsc_time back;
    lsc_time_status bst = lscp_time_from_string(buf, n, &back);
    if (bst != LSC_TIME_OK || back.sec != t.sec || back.nsec != t.nsec / 1000000 * 1000000)
        fail("%s: %lld.%09ld formats as %s, which decodes to status %d, %lld.%09ld", what,
             (long long)t.sec, (long)t.nsec, buf, (int)bst, (long long)back.sec, (long)back.nsec);
    /* a short buffer truncates like snprintf */
    char small[8];
    if (lsc_time_format(t, small, sizeof small) != 24 || strlen(small) != 7)
        fail("%s: lsc_time_format into 8 bytes", what);
}

static void do_times(int which, const char *s, size_t n) {
    lsc_time t = {0, 0};
    if (which == 0 || which == 6)
        check_time("from_string", lscp_time_from_string(s, n, &t), t);
    if (which == 1 || which == 6)
        check_time("from_number", lscp_time_from_number(s, n, &t), t);
    if (which == 2 || which == 6) {
        lsc_time p = {0, 0};
        if (lsc_time_parse(s, n, &p) == 0)
            check_time("lsc_time_parse", LSC_TIME_OK, p);
    }
}

static void do_tags(const char *s, size_t n) {
    size_t chars = lscp_utf8_length(s, n);
    if (chars > n || (n > 0 && chars == 0))
        fail("lscp_utf8_length: %zu characters in %zu bytes", chars, n);
    lscp_bad_char bad;
    memset(&bad, 0xAA, sizeof bad);
    if (lscp_tag_first_bad(s, n, &bad)) {
        if (bad.offset >= n || bad.length == 0 || bad.length > 4 || bad.offset + bad.length > n)
            fail("lscp_tag_first_bad: offset %zu length %zu in %zu bytes", bad.offset, bad.length,
                 n);
        if (bad.index >= chars || bad.index != lscp_utf8_length(s, bad.offset))
            fail("lscp_tag_first_bad: index %zu, offset %zu", bad.index, bad.offset);
        if (lscp_tag_char_allowed(bad.cp))
            fail("lscp_tag_first_bad: U+%04X is allowed", (unsigned)bad.cp);
        if (bad.cp < 0 ? bad.length != 1 : bad.cp > 0x10FFFF)
            fail("lscp_tag_first_bad: cp %ld, length %zu", (long)bad.cp, bad.length);
        /* everything before it is allowed */
        if (lscp_tag_first_bad(s, bad.offset, &bad))
            fail("lscp_tag_first_bad: a prefix has an earlier bad character");
        const char *cat = lscp_unicode_category(bad.cp);
        if (!cat || strlen(cat) != 2)
            fail("lscp_unicode_category: bad name");
    }
    /* the code points of the bytes, taken as a little-endian int32 */
    for (size_t i = 0; i + 4 <= n && i < 64; i += 4) {
        int32_t cp;
        memcpy(&cp, s + i, 4);
        int ok = lscp_tag_char_allowed(cp);
        const char *cat = lscp_unicode_category(cp);
        if (!cat || strlen(cat) != 2)
            fail("lscp_unicode_category(%ld): bad name", (long)cp);
        if (ok && (cp < 0 || cp > 0x10FFFF))
            fail("lscp_tag_char_allowed(%ld) accepts an invalid code point", (long)cp);
        if (ok && cat[0] != 'L' && cat[0] != 'N' && strcmp(cat, "Zs") != 0 &&
            !strchr("+-=._:/@", (int)cp))
            fail("lscp_tag_char_allowed accepts U+%04X of category %s", (unsigned)cp, cat);
    }
}


/* Escaped output: UTF-8, printable, and every backslash starts a whole
 * escape (\" \\ \n \r \t \b \f \uXXXX \xHH). */
static void check_escaped(const char *what, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = fuzz_utf8_seq(u + i, n - i);
        if (k == 0)
            fail("%s: not UTF-8 at byte %zu", what, i);
        if (k == 1 && (u[i] < 0x20 || u[i] == 0x7F))
            fail("%s: raw control character 0x%02X", what, u[i]);
        if (k == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0)
            fail("%s: raw C1 control character", what);
        if (u[i] == '\\') {
            if (i + 1 >= n)
                fail("%s: a lone backslash at the end: %s", what, s);
            char c = s[i + 1];
            size_t need = c == 'u' ? 6 : c == 'x' ? 4 : strchr("\"\\nrtbf", c) && c ? 2 : 0;
            if (need == 0 || i + need > n)
                fail("%s: a split or unknown escape at byte %zu: %s", what, i, s);
            for (size_t j = 2; j < need; j++)
                if (!strchr("0123456789abcdefABCDEF", s[i + j]) || !s[i + j])
                    fail("%s: a bad hex escape at byte %zu", what, i);
            i += need;
            continue;
        }
        i += k;
    }
}

static void do_quote(const char *s, size_t n, unsigned param) {
    size_t size = param % 80; /* 0 .. 79: the small sizes are the edge cases */
    size_t max = param / 80 ? (size_t)(param / 80) * 4 : (size_t)-1;
    char *out = malloc(size + 1);
    if (!out)
        fail("out of memory");
    memset(out, 0x5A, size + 1);
    char *r = lscp_quote(size ? out : NULL, size, s, n, max);
    if (size == 0) {
        if (r)
            fail("lscp_quote with size 0 returned a buffer");
        free(out);
        return;
    }
    if (r != out)
        fail("lscp_quote returned another buffer");
    if (out[size] != 0x5A)
        fail("lscp_quote wrote past the buffer (size %zu)", size);
    size_t len = strnlen(out, size);
    if (len == size)
        fail("lscp_quote did not NUL-terminate (size %zu)", size);
    if (len > 0) {
        if (len < 2 || out[0] != '"' || out[len - 1] != '"')
            fail("lscp_quote: not quoted: %s", out);
        check_escaped("lscp_quote", out + 1, len - 2);
        /* a cut ends in ..." */
        if (len >= 5 && memcmp(out + len - 4, "...\"", 4) == 0 && n > 0) {
            /* fine: cut, or the value really ends in ... */
        }
    } else if (size >= 3 && n == 0) {
        fail("lscp_quote: an empty value gave nothing in %zu bytes", size);
    }
    /* with room enough and no limit, the quote holds the whole escape */
    size_t need = lscp_escape(NULL, 0, s, n);
    char *big = malloc(need + 3);
    if (!big)
        fail("out of memory");
    lscp_quote(big, need + 3, s, n, (size_t)-1);
    if (strlen(big) != need + 2)
        fail("lscp_quote with %zu bytes gave %zu, not %zu", need + 3, strlen(big), need + 2);
    free(big);
    free(out);
}

static void do_escape(const char *s, size_t n, unsigned param) {
    size_t need = lscp_escape(NULL, 0, s, n);
    if (need < n)
        fail("lscp_escape: needs %zu for %zu bytes", need, n);
    char *full = malloc(need + 1);
    if (!full)
        fail("out of memory");
    if (lscp_escape(full, need + 1, s, n) != need || strlen(full) != need)
        fail("lscp_escape: the full buffer does not hold %zu bytes", need);
    check_escaped("lscp_escape", full, need);
    size_t size = param % (need + 2);
    char *out = malloc(size + 1);
    if (!out)
        fail("out of memory");
    memset(out, 0x5A, size + 1);
    if (lscp_escape(out, size, s, n) != need)
        fail("lscp_escape: the need depends on the buffer size");
    if (out[size] != 0x5A)
        fail("lscp_escape wrote past the buffer (size %zu)", size);
    if (size > 0) {
        size_t len = strnlen(out, size);
        if (len == size)
            fail("lscp_escape did not NUL-terminate");
        if (memcmp(out, full, len) != 0)
            fail("lscp_escape: a short buffer holds something else than a prefix");
        check_escaped("lscp_escape (short)", out, len);
    }
    free(out);
    free(full);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2)
        return 0;
    int which = data[0] % 7;
    unsigned param = data[1];
    /* a copy of exactly the value's size: ASan sees any read past it */
    size_t n = size - 2;
    char *s = malloc(n ? n : 1);
    if (!s)
        return 0;
    memcpy(s, data + 2, n);
    if (which <= 2 || which == 6)
        do_times(which, s, n);
    if (which == 3 || which == 6)
        do_tags(s, n);
    if (which == 4 || which == 6)
        do_quote(s, n, param + (which == 6 ? 0 : (unsigned)(n % 7) * 256));
    if (which == 5 || which == 6)
        do_escape(s, n, param);
    free(s);
    return 0;
}
