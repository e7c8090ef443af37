/* cli/config_json.c: the JSON tree of the configuration and baseline files.
 *
 * The work test counts the bytes the position pass steps over (cj_work()),
 * never time: it must stay below a small constant per input byte at 1k, 4k
 * and 16k baseline entries. Before the fix every token's position was
 * counted from the start of the file (20,000 entries took 250 s). The
 * position tests check every byte of a few inputs against a plain count
 * (code points since the last LF, a tab one column) as the response parser
 * counts them. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config_json.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A baseline of n entries, as --write-baseline writes it. */
static char *make_baseline(size_t n, size_t *len) {
    size_t cap = 200 * n + 64, used = 0, i;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    used += (size_t)snprintf(s + used, cap - used, "{\"lscertlint-baseline\": 1, \"findings\": [");
    for (i = 0; i < n; i++)
        used += (size_t)snprintf(s + used, cap - used,
                                 "%s\n{\"rule\":\"missing-field\",\"file\":\"caps/%zu.json\","
                                 "\"name\":\"cert-%zu\",\"pointer\":\"/certificateDetail\","
                                 "\"member\":\"domainName\"}",
                                 i ? "," : "", i, i);
    used += (size_t)snprintf(s + used, cap - used, "\n]}\n");
    *len = used;
    return s;
}

static const size_t entry_counts[] = {1000, 4000, 16000};

START_TEST(work_is_linear) {
    size_t len, n = entry_counts[_i];
    char *data = make_baseline(n, &len), err[160];
    cj_pos at;
    unsigned long long before = cj_work(), work;
    cj_node *root = cj_parse(data, len, err, sizeof err, &at);
    work = cj_work() - before;
    ck_assert_msg(root != NULL, "%s", err);
    ck_assert_uint_eq(root->members[1].value->count, n);
    /* one pass over the bytes, twice at most */
    ck_assert_msg(work <= 2 * (unsigned long long)len, "%zu entries, %zu bytes: %llu bytes scanned",
                  n, len, work);
    cj_free(root);
    free(data);
}
END_TEST

/* The place of byte off as the response parser counts it. */
static cj_pos plain_pos(const char *s, size_t off) {
    cj_pos p = {1, 1};
    size_t i = 0;
    if (off >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        i = 3; /* a BOM takes no column */
    for (; i < off; i++) {
        if (s[i] == '\n') {
            p.line++;
            p.column = 1;
        } else if (((unsigned char)s[i] & 0xc0) != 0x80) {
            p.column++;
        }
    }
    return p;
}

/* Every value's and key's position in inputs with form feeds, vertical
 * tabs, tabs, CRLF, comments and multibyte characters. */
static const char *const spaced[] = {
    "{\f\"a\":\f1,\v\"b\":\v[true,\ffalse]}",
    "{\t\"a\"\t:\t\"\xc3\xa9t\xc3\xa9\",\r\n\"b\": null}",
    "\xef\xbb\xbf{\"a\": 1, /* \xe2\x82\xac */ \"b\": \"x\"}",
    "// \xf0\x9f\x94\x92 lock\n{\"a\": [1, 2,\n 3], \"b\": {\"c\": -1.5e3}}",
};

static void check_positions(const char *s, const cj_node *n) {
    size_t i;
    for (i = 0; i < n->count; i++) {
        if (n->type == CJ_OBJECT) {
            const char *q = strchr(s, '"');
            /* the key: the first '"' of its name after the parent's start */
            size_t off;
            const char *k = s;
            for (;;) {
                k = strstr(k, n->members[i].key);
                ck_assert_ptr_nonnull(k);
                if (k > s && k[-1] == '"' && k[strlen(n->members[i].key)] == '"')
                    break;
                k++;
            }
            off = (size_t)(k - 1 - s);
            (void)q;
            ck_assert_uint_eq(n->members[i].key_pos.line, plain_pos(s, off).line);
            ck_assert_uint_eq(n->members[i].key_pos.column, plain_pos(s, off).column);
            check_positions(s, n->members[i].value);
        } else {
            check_positions(s, n->items[i]);
        }
    }
}

START_TEST(positions_with_odd_spaces) {
    const char *s = spaced[_i];
    char err[160];
    cj_pos at;
    cj_node *root = cj_parse(s, strlen(s), err, sizeof err, &at);
    ck_assert_msg(root != NULL, "%s at %lu:%lu", err, at.line, at.column);
    check_positions(s, root);
    cj_free(root);
}
END_TEST

/* Bad input: a message and the place of the offending byte, at once. */
static const struct {
    const char *in;
    size_t len;
    unsigned long line, column;
    const char *message;
} bad[] = {
    {"/", 1, 1, 1, "not valid JSON: "},
    {"{\"a\": 1 /", 9, 1, 9, "not valid JSON: "},
    {"\0", 1, 1, 1, "a NUL byte"},
    {"{\"a\":\n 1,\0}", 11, 2, 4, "a NUL byte"},
    {"\xff\xfe{\0}\0", 6, 1, 1, "UTF-16"},
    {"{\0\"\0a\0\"\0:\0 \0001\0}\0", 20, 1, 1, "UTF-16"},
    {"{\"a\": 1", 7, 1, 8, "not valid JSON: "},
    {"{\"a\": 1\n", 8, 2, 1, "not valid JSON: "},
    {"\f\v{\"a\": x}", 10, 1, 9, "not valid JSON: "},
    {"[1,,2]", 6, 1, 4, "not valid JSON: "},
    {"[,]", 3, 1, 2, "not valid JSON: "},
    {"", 0, 1, 1, "empty file"},
    {"// nothing\n", 11, 2, 1, "empty file"},
};

START_TEST(bad_input) {
    char err[160];
    cj_pos at;
    cj_node *root = cj_parse(bad[_i].in, bad[_i].len, err, sizeof err, &at);
    ck_assert_ptr_null(root);
    ck_assert_msg(strstr(err, bad[_i].message) != NULL, "'%s' lacks '%s'", err, bad[_i].message);
    ck_assert_msg(at.line == bad[_i].line && at.column == bad[_i].column,
                  "case %d (%s): at %lu:%lu, expected %lu:%lu", _i, err, at.line, at.column,
                  bad[_i].line, bad[_i].column);
}
END_TEST

/* JSONC: a trailing comma before '}' or ']' is fine (comments between). */
START_TEST(trailing_commas) {
    const char *s = "{\"a\": [1, 2, /* two */ ],\n \"b\": {\"c\": true,},\n}";
    char err[160];
    cj_pos at;
    cj_node *root = cj_parse(s, strlen(s), err, sizeof err, &at);
    ck_assert_msg(root != NULL, "%s at %lu:%lu", err, at.line, at.column);
    ck_assert_uint_eq(root->count, 2);
    ck_assert_uint_eq(root->members[0].value->count, 2);
    ck_assert_uint_eq(root->members[1].key_pos.line, 2);
    ck_assert_uint_eq(root->members[1].key_pos.column, 2);
    cj_free(root);
}
END_TEST

/* At every byte: a stray '#' put in place of each white-space byte outside
 * strings and comments is reported at that byte's place. */
START_TEST(error_at_every_byte) {
    static const char base[] = "{\t\"n\u00e9\": \"\xc3\xa9\xe2\x82\xac\",\r\n\f\"b\":\v[1, "
                               "/* \xf0\x9f\x94\x92 */ 2],\n  \"c\": {\"d\": null}\n}\n";
    size_t len = sizeof base - 1, k, tried = 0;
    size_t open = (size_t)(strstr(base, "/*") - base), close = (size_t)(strstr(base, "*/") - base);
    for (k = 0; k < len; k++) {
        char copy[sizeof base], err[160];
        cj_pos at, want;
        cj_node *root;
        if (!strchr(" \t\r\n\f\v", base[k]))
            continue;
        if (k > open && k < close)
            continue; /* inside the comment */
        memcpy(copy, base, sizeof base);
        copy[k] = '#';
        root = cj_parse(copy, len, err, sizeof err, &at);
        ck_assert_msg(root == NULL, "byte %zu: parsed", k);
        want = plain_pos(copy, k);
        ck_assert_msg(at.line == want.line && at.column == want.column,
                      "byte %zu (%s): at %lu:%lu, expected %lu:%lu", k, err, at.line, at.column,
                      want.line, want.column);
        tried++;
    }
    ck_assert_uint_ge(tried, 12);
}
END_TEST

static Suite *config_suite(void) {
    Suite *s = suite_create("config_json");
    TCase *tc = tcase_create("work");
    tcase_add_loop_test(tc, work_is_linear, 0, N(entry_counts));
    suite_add_tcase(s, tc);
    tc = tcase_create("positions");
    tcase_add_loop_test(tc, positions_with_odd_spaces, 0, N(spaced));
    tcase_add_loop_test(tc, bad_input, 0, N(bad));
    tcase_add_test(tc, trailing_commas);
    tcase_add_test(tc, error_at_every_byte);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(config_suite());
    int failed;
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
