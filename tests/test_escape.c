/* Unit tests of report/'s private parts: the escapes every format uses
 * (report/escape.c) and the SARIF fingerprint (report/sarif.c). The
 * formats' output is tested through the public API in tests/test_report.c. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lscertlint.h"
#include "tests/finding_fixture.h"
#include "report/escape.h"
#include "report/format.h"

#define PTR "/certificates/0/tags/0/key"


/* ------------------------------------------------------------------ */
/* escape module                                                      */
/* ------------------------------------------------------------------ */

static const char *esc(void (*fn)(lscr_out *, const char *, size_t), const char *s, size_t n) {
    static lscr_out o;
    lscr_out_release(&o);
    lscr_out_init(&o, NULL);
    fn(&o, s, n);
    ck_assert_int_eq(lscr_out_status(&o), 0);
    return o.buf != NULL ? o.buf : "";
}

static void text_raw(lscr_out *o, const char *s, size_t n) {
    lscr_esc_text(o, s, n, 1);
}
static void text_msg(lscr_out *o, const char *s, size_t n) {
    lscr_esc_text(o, s, n, 0);
}
static void xml_attr(lscr_out *o, const char *s, size_t n) {
    lscr_esc_xml(o, s, n, 1);
}
static void xml_data(lscr_out *o, const char *s, size_t n) {
    lscr_esc_xml(o, s, n, 0);
}
static void gh_prop(lscr_out *o, const char *s, size_t n) {
    lscr_esc_github(o, s, n, 1);
}
static void gh_data(lscr_out *o, const char *s, size_t n) {
    lscr_esc_github(o, s, n, 0);
}

START_TEST(escape_text) {
    ck_assert_str_eq(esc(text_raw, "a\\b\x1b\n\r\t\b\f\x7f", 10),
                     "a\\\\b\\u001b\\n\\r\\t\\b\\f\\u007f");
    ck_assert_str_eq(esc(text_msg, "a\\b\x1b", 4), "a\\b\\u001b");
    ck_assert_str_eq(esc(text_raw, "\xff\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80", 10),
                     "\\xff\\xc0\\xaf\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80");
    ck_assert_str_eq(esc(text_raw, "\xe2\x80\xae\xc2\x9b\xe2\x80\xa8\xe2\x81\xa6", 11),
                     "\\u202e\\u009b\\u2028\\u2066");
    ck_assert_str_eq(esc(text_raw, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x92\"", 10),
                     "\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x92\"");
    ck_assert_str_eq(esc(text_raw, "a\0b", 3), "a\\u0000b");
    ck_assert_str_eq(esc(text_raw, "\xe2\x82", 2), "\\xe2\\x82"); /* truncated */
}
END_TEST

START_TEST(escape_json) {
    ck_assert_str_eq(esc(lscr_esc_json, "\"\\/\x01\xff", 5), "\\\"\\\\/\\u0001\\\\xff");
    ck_assert_str_eq(esc(lscr_esc_json, "\xe2\x80\xa8\xc3\xa9", 5), "\\u2028\xc3\xa9");
}
END_TEST

START_TEST(escape_xml) {
    ck_assert_str_eq(esc(xml_attr, "<a&b>\"'\t\n\r\x01\xff", 13),
                     "&lt;a&amp;b&gt;&quot;&apos;&#9;&#10;&#13;\xef\xbf\xbd");
    ck_assert_str_eq(esc(xml_data, "a\tb\nc\x1b\xef\xbf\xbe", 9), "a\tb\nc");
}
END_TEST

START_TEST(escape_github) {
    ck_assert_str_eq(esc(gh_data, "50% a:b,c\r\nd", 13), "50%25 a:b,c%0D%0Ad");
    ck_assert_str_eq(esc(gh_prop, "50% a:b,c\r\nd", 13), "50%25 a%3Ab%2Cc%0D%0Ad");
}
END_TEST

START_TEST(escape_uri_markdown) {
    ck_assert_str_eq(esc(lscr_esc_uri, "dir/a b~c_d.e-f:%\xc3\xa9", 19),
                     "dir/a%20b~c_d.e-f%3A%25%C3%A9");
    ck_assert_str_eq(esc(lscr_esc_markdown, "a|b`c<d>&e*_[x]#~!\\", 19),
                     "a\\|b\\`c&lt;d&gt;&amp;e\\*\\_\\[x\\]\\#\\~\\!\\\\");
}
END_TEST

START_TEST(sarif_fingerprint_stable) {
    lsc_finding a = mkf("tag-key-charset", LSC_ERROR, "a.json", PTR, "m at 3:9");
    lsc_finding b = a;
    /* positions move when a file is reformatted: not part of it */
    b.pos.line = 99, b.pos.offset = 9999, b.message = "m at 12:1";
    ck_assert_uint_eq(lscr_fingerprint(&a, "a.json", NULL), lscr_fingerprint(&b, "a.json", NULL));
    b.message = "other";
    ck_assert_uint_ne(lscr_fingerprint(&a, "a.json", NULL), lscr_fingerprint(&b, "a.json", NULL));
    b = a, b.document = 4;
    ck_assert_uint_ne(lscr_fingerprint(&a, "a.json", NULL), lscr_fingerprint(&b, "a.json", NULL));
    b = a, b.value = "v", b.value_len = 1;
    ck_assert_uint_ne(lscr_fingerprint(&a, "a.json", NULL), lscr_fingerprint(&b, "a.json", NULL));
    ck_assert_uint_ne(lscr_fingerprint(&a, "a.json", NULL), lscr_fingerprint(&a, "b.json", NULL));
    /* inside a certificate: its identity, not its index in the list */
    b = a, b.pointer = "/certificates/7/tags/0/key", b.pointer_len = 26;
    a.pointer = "/certificates/0/tags/0/key", a.pointer_len = 26;
    ck_assert_uint_eq(lscr_fingerprint(&a, "a.json", "aarn:1"),
                      lscr_fingerprint(&b, "a.json", "aarn:1"));
    ck_assert_uint_ne(lscr_fingerprint(&a, "a.json", "aarn:1"),
                      lscr_fingerprint(&a, "a.json", "aarn:2"));
    ck_assert_uint_ne(lscr_fingerprint(&a, "a.json", "aarn:1"),
                      lscr_fingerprint(&a, "a.json", NULL));
    /* the parts are separated: ("ab","c") differs from ("a","bc") */
    lsc_finding c = a, d = a;
    c.pointer = "/ab", c.pointer_len = 3, c.value = "c", c.value_len = 1;
    d.pointer = "/a", d.pointer_len = 2, d.value = "bc", d.value_len = 2;
    ck_assert_uint_ne(lscr_fingerprint(&c, "a.json", NULL), lscr_fingerprint(&d, "a.json", NULL));
}
END_TEST

/* lsc_write_fn into a memory lscr_out. */
static int collect(void *user, const char *data, size_t len) {
    lscr_put(user, data, len);
    return lscr_out_status(user);
}

START_TEST(escape_public) {
    /* lsc_escape(): the same escapes through a write callback */
    static const struct {
        lsc_escape_kind kind;
        const char *in, *want;
    } cases[] = {
        {LSC_ESCAPE_TEXT, "a\\b\x1b\xff", "a\\b\\u001b\\xff"},
        {LSC_ESCAPE_NAME, "a\\b\x1b\xff", "a\\\\b\\u001b\\xff"},
        {LSC_ESCAPE_JSON, "\"\\\x01\xff", "\"\\\"\\\\\\u0001\\\\xff\""},
        {LSC_ESCAPE_MARKDOWN, "a|b<c", "a\\|b&lt;c"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lscr_out o;
        lscr_out_init(&o, NULL);
        ck_assert_int_eq(lsc_escape(cases[i].kind, cases[i].in, strlen(cases[i].in), collect, &o),
                         0);
        ck_assert_str_eq(o.buf != NULL ? o.buf : "", cases[i].want);
        lscr_out_release(&o);
    }
    ck_assert_int_eq(lsc_escape((lsc_escape_kind)99, "a", 1, collect, NULL), -1);
}
END_TEST

int main(void) {
    Suite *s = suite_create("report-internals");
    TCase *tc = tcase_create("escape");
    tcase_add_test(tc, escape_text);
    tcase_add_test(tc, escape_json);
    tcase_add_test(tc, escape_xml);
    tcase_add_test(tc, escape_github);
    tcase_add_test(tc, escape_uri_markdown);
    tcase_add_test(tc, escape_public);
    suite_add_tcase(s, tc);
    tc = tcase_create("sarif");
    tcase_add_test(tc, sarif_fingerprint_stable);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
