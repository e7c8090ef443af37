/* Unit tests of the glob matcher (cli/glob.c) and of the one reading of
 * include/exclude globs (glob_filter_match(), cfg_glob_match()): results
 * by table, and the work of "**" counted in segment matches, not timed. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config_glob.h"
#include "cli/glob.h"

static const struct {
    const char *pattern, *path;
    int match;
} whole[] = {
    {"a/b.json", "a/b.json", 1},
    {"a/*.json", "a/b.json", 1},
    {"a/*.json", "a/x/b.json", 0},
    {"**/b.json", "b.json", 1},
    {"**/b.json", "a/x/y/b.json", 1},
    {"a/**", "a/b.json", 1},
    {"a/**", "a/x/b.json", 1},
    {"a/**/**/**", "a/x/b.json", 1},
    {"**", ".hidden/b.json", 0},
    {"**/b.json", "a/.git/b.json", 0},
    {".git/**", ".git/b.json", 1},
    {"./a//b", "a/b", 1},
    {"/abs/*", "/abs/x", 1},
    {"/abs/*", "abs/x", 0},
    {"*", ".x", 0},
    {"a/[bc].json", "a/c.json", 1},
};

START_TEST(match_table) {
    ck_assert_msg(glob_match(whole[_i].pattern, whole[_i].path) == whole[_i].match,
                  "glob_match(%s, %s) != %d", whole[_i].pattern, whole[_i].path, whole[_i].match);
}
END_TEST

/* The reading --exclude and the configuration share. */
static const struct {
    const char *pattern, *path;
    int is_dir, kind;
} filter[] = {
    {"skipme", "skipme", 1, GLOB_BY_NAME},
    {"skipme", "a/b/skipme/x.json", 0, GLOB_BY_DIR}, /* at any depth */
    {"*.json", "a/b/x.json", 0, GLOB_BY_NAME},
    {"*.json", "x.json", 0, GLOB_BY_NAME},
    {"*.json", "x.jsonl", 0, GLOB_NO_MATCH},
    {"captures/**", "captures/x.json", 0, GLOB_BY_DIR},
    {"captures/**", "captures/d/x.txt", 0, GLOB_BY_DIR},
    {"captures/**", "other/captures/x.json", 0, GLOB_NO_MATCH}, /* '/': anchored */
    {"captures", "captures/x.json", 0, GLOB_BY_DIR},
    {"captures/*.json", "captures/x.json", 0, GLOB_BY_NAME},
    {"a/*.json", "b/a/x.json", 0, GLOB_NO_MATCH},
    {"tmp/", "tmp", 1, GLOB_BY_NAME},
    {"tmp/", "tmp", 0, GLOB_NO_MATCH}, /* a trailing '/': directories only */
    {"tmp/", "a/tmp/x.json", 0, GLOB_BY_DIR},
    {"a/**/b.json", "a/x/y/b.json", 0, GLOB_BY_NAME},
    {"fixtures", "fixtures2/x.json", 0, GLOB_NO_MATCH},
};

START_TEST(filter_table) {
    int got = glob_filter_match(filter[_i].pattern, filter[_i].path, filter[_i].is_dir);
    ck_assert_msg(got == filter[_i].kind, "glob_filter_match(%s, %s, %d) = %d, expected %d",
                  filter[_i].pattern, filter[_i].path, filter[_i].is_dir, got, filter[_i].kind);
    if (!filter[_i].is_dir) /* the configuration reads its globs the same way */
        ck_assert_int_eq(cfg_glob_match(filter[_i].pattern, filter[_i].path),
                         filter[_i].kind != GLOB_NO_MATCH);
}
END_TEST

/* "a/a/.../a" n deep, then last. */
static char *deep_path(int n, const char *last) {
    size_t len = (size_t)n * 2 + strlen(last) + 1;
    char *p = malloc(len), *q = p;
    int i;
    ck_assert_ptr_nonnull(p);
    for (i = 0; i < n; i++) {
        *q++ = 'a';
        *q++ = '/';
    }
    strcpy(q, last);
    return p;
}

/* 50 "**" on a 100-deep path: the work is bounded by (pattern segments +
 * 1) x path segments; the recursive matcher this replaced tried
 * exponentially many splits (8 "**" on 30 segments: 8.8 s). */
START_TEST(globstar_work_is_polynomial) {
    char pattern[1024] = "", *path = deep_path(100, "c.json");
    unsigned long before;
    int i, np = 0;

    /* "**" and "a" alternating: nothing to collapse */
    for (i = 0; i < 50; i++) {
        strcat(pattern, i ? "/**/a" : "**/a");
        np += 2;
    }
    strcat(pattern, "/b.json");
    np++;
    before = glob_match_steps;
    ck_assert_int_eq(glob_match(pattern, path), 0);
    ck_assert_uint_le(glob_match_steps - before, (unsigned long)(np + 1) * 101);

    /* fifty consecutive "**": one state */
    strcpy(pattern, "**");
    for (i = 1; i < 50; i++)
        strcat(pattern, "/**");
    strcat(pattern, "/b.json");
    before = glob_match_steps;
    ck_assert_int_eq(glob_match(pattern, path), 0);
    ck_assert_uint_le(glob_match_steps - before, 2 * 101);
    free(path);

    /* and a match at the end of it */
    path = deep_path(100, "b.json");
    before = glob_match_steps;
    ck_assert_int_eq(glob_filter_match(pattern, path, 0), GLOB_BY_NAME);
    ck_assert_uint_le(glob_match_steps - before, 2 * 101);
    free(path);
}
END_TEST

int main(void) {
    Suite *s = suite_create("glob");
    TCase *tc = tcase_create("glob");
    tcase_add_loop_test(tc, match_table, 0, (int)(sizeof whole / sizeof whole[0]));
    tcase_add_loop_test(tc, filter_table, 0, (int)(sizeof filter / sizeof filter[0]));
    tcase_add_test(tc, globstar_work_is_polynomial);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
