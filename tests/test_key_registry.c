/* parser/key_registry.c, the duplicate-key registry, on its own: the
 * position of a key's first occurrence comes back exact whatever its size
 * (positions beyond 32 bits go to a side table: no input of this test
 * could be 4 GiB, so the positions are made up), keys of any length, the
 * empty one and ones spanning the fixed-size blocks included, are compared
 * in full (every hash equal under the constant key), an object's keys go
 * when it closes whichever way its chains are cut, and an allocation
 * failure at any point leaves the registry whole. */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/internal.h"
#include "parser/key_registry.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define GiB4 UINT64_C(0x100000000)

/* Key number i: "key-<i>" with a few bytes more every 7th, so that lengths
 * vary and keys straddle the 64 KiB blocks at many places. */
static size_t key_text(char *out, size_t size, size_t i) {
    int n = snprintf(out, size, "key-%zu%.*s", i, (int)(i % 7 * 5),
                     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    return (size_t)n;
}

/* A position that grows with i like a document's: two keys a line. */
static lsc_pos key_pos(size_t i, uint64_t offset0, uint64_t line0, uint64_t column0) {
    lsc_pos p = {offset0 + 40 * i, line0 + i / 2, (i % 2 ? 22 : 3)};
    if (i / 2 == 0)
        p.column += column0;
    return p;
}

static void assert_pos_eq(lsc_pos got, lsc_pos want, const char *what, size_t i) {
    ck_assert_msg(got.offset == want.offset && got.line == want.line && got.column == want.column,
                  "%s, key %zu: %llu %llu:%llu, want %llu %llu:%llu", what, i,
                  (unsigned long long)got.offset, (unsigned long long)got.line,
                  (unsigned long long)got.column, (unsigned long long)want.offset,
                  (unsigned long long)want.line, (unsigned long long)want.column);
}

/* Register keys [from, to) at key_pos; none is there yet. */
static void add_keys(lscp_key_registry *r, size_t start, size_t from, size_t to, uint64_t o,
                     uint64_t l, uint64_t c) {
    char k[64];
    for (size_t i = from; i < to; i++) {
        int oom = 0;
        size_t n = key_text(k, sizeof k, i);
        ck_assert_ptr_null(lscp_keys_check(r, start, k, n, key_pos(i, o, l, c), &oom));
        ck_assert_int_eq(oom, 0);
    }
}

/* Each of keys [from, to) is there, first at key_pos. */
static void find_keys(lscp_key_registry *r, size_t start, size_t from, size_t to, uint64_t o,
                      uint64_t l, uint64_t c) {
    char k[64];
    lsc_pos later = {UINT64_MAX, UINT64_MAX, UINT64_MAX};
    for (size_t i = from; i < to; i++) {
        int oom = 0;
        size_t n = key_text(k, sizeof k, i);
        const lsc_pos *first = lscp_keys_check(r, start, k, n, later, &oom);
        ck_assert_int_eq(oom, 0);
        ck_assert_msg(first != NULL, "key %zu not found", i);
        assert_pos_eq(*first, key_pos(i, o, l, c), "first occurrence", i);
    }
}

/* Positions at, around and far beyond 32 bits, with chunks of 4096 entries:
 * 3 chunks and a bit. */
static const struct {
    uint64_t offset, line, column;
} bases[] = {
    {0, 1, 1},
    {GiB4 - 100000, 1, 1},                /* the offset crosses 4 GiB mid-chunk */
    {GiB4 * 3, GiB4 - 1000, 1},           /* so does the line */
    {GiB4 * 7, 1, GiB4 - 5},              /* columns beyond 32 bits on line 1 */
    {UINT64_MAX / 2, UINT64_MAX / 4, 17}, /* everything far */
};

START_TEST(positions_exact) {
    lscp_hash_key key;
    lscp_hash_key_random(&key);
    lscp_key_registry r;
    lscp_keys_init(&r, &key);
    uint64_t o = bases[_i].offset, l = bases[_i].line, c = bases[_i].column;
    add_keys(&r, 0, 0, 3 * 4096 + 50, o, l, c);
    ck_assert_uint_eq(r.len, 3 * 4096 + 50);
    find_keys(&r, 0, 0, 3 * 4096 + 50, o, l, c);
    /* keys that are not there */
    int oom = 0;
    lsc_pos p = {0, 1, 1};
    ck_assert_ptr_null(lscp_keys_check(&r, 0, "key-", 4, p, &oom));
    ck_assert_ptr_null(lscp_keys_check(&r, 0, "key-1x", 6, p, &oom));
    ck_assert_int_eq(oom, 0);
    lscp_keys_release(&r);
}
END_TEST

/* A chunk whose first entry is far along: a later entry's position may be
 * below it only if positions went backwards, which the registry does not
 * trust; and one chunk spanning more than 4 GiB. Both exact. */
START_TEST(positions_out_of_order) {
    lscp_hash_key key;
    lscp_hash_key_random(&key);
    lscp_key_registry r;
    lscp_keys_init(&r, &key);
    static const lsc_pos at[] = {
        {1000, 50, 60}, {10, 2, 3},         {1000, 50, 59},        {2000, 49, 100},
        {1000, 50, 60}, {GiB4 * 9, 60, 1},  {GiB4 * 9 + 1, 60, 2}, {GiB4 * 9 + 9, 60 + GiB4, 1},
        {0, 0, 0},      {UINT64_MAX, 1, 1}, {5000, 51, GiB4 + 1},  {5001, 51, UINT32_MAX},
    };
    char k[16];
    for (int i = 0; i < N(at); i++) {
        int oom = 0;
        int n = snprintf(k, sizeof k, "k%d", i);
        ck_assert_ptr_null(lscp_keys_check(&r, 0, k, (size_t)n, at[i], &oom));
    }
    for (int i = 0; i < N(at); i++) {
        int oom = 0;
        int n = snprintf(k, sizeof k, "k%d", i);
        const lsc_pos *first = lscp_keys_check(&r, 0, k, (size_t)n, at[0], &oom);
        ck_assert_ptr_nonnull(first);
        assert_pos_eq(*first, at[i], "out of order", (size_t)i);
    }
    lscp_keys_release(&r);
}
END_TEST

/* Keys compared in full: every hash is 0, so only the bytes tell them
 * apart; the empty key, prefixes of each other, and keys longer than a
 * block (64 KiB), which span two or three. */
START_TEST(keys_compared_in_full) {
    lscp_hash_key constant;
    lscp_hash_key_constant(&constant);
    lscp_key_registry r;
    lscp_keys_init(&r, &constant);
    size_t big = 200000;
    char *a = malloc(big), *b = malloc(big);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    memset(a, 'a', big);
    memcpy(b, a, big);
    b[big - 1] = 'b'; /* differs in its last byte only */
    struct {
        const char *k;
        size_t n;
    } keys[] = {{"", 0},  {"a", 1},       {a, 100},  {a, 70000}, {a, big},
                {b, big}, {b, 70000 + 1}, {"ab", 2}, {b, 131072}};
    int oom = 0;
    for (int i = 0; i < N(keys); i++) {
        lsc_pos p = {(uint64_t)i * 10, 1, (uint64_t)i * 10 + 1};
        ck_assert_msg(lscp_keys_check(&r, 0, keys[i].k, keys[i].n, p, &oom) == NULL,
                      "key %d found before it was added", i);
        ck_assert_int_eq(oom, 0);
    }
    for (int i = N(keys); i-- > 0;) {
        lsc_pos later = {999999, 2, 1};
        const lsc_pos *first = lscp_keys_check(&r, 0, keys[i].k, keys[i].n, later, &oom);
        ck_assert_ptr_nonnull(first);
        lsc_pos want = {(uint64_t)i * 10, 1, (uint64_t)i * 10 + 1};
        assert_pos_eq(*first, want, "in full", (size_t)i);
    }
    ck_assert_uint_eq(r.len, N(keys));
    free(a);
    free(b);
    lscp_keys_release(&r);
}
END_TEST

/* Nested objects: an inner object's keys are its own (start), and go when
 * it closes, few of them (each unlinked by its hash) or more than there are
 * buckets (every chain cut); the outer object's stay, its positions exact,
 * and keys added after a pop are found again. */
static const size_t inner_counts[] = {3, 300, 20000};

START_TEST(objects_close) {
    lscp_hash_key key;
    lscp_hash_key_random(&key);
    lscp_key_registry r;
    lscp_keys_init(&r, &key);
    size_t outer = 5000, inner = inner_counts[_i];
    add_keys(&r, 0, 0, outer, 0, 1, 1);
    size_t start = r.len;
    /* the inner object holds keys of the outer one: not its duplicates */
    add_keys(&r, start, 0, 10, 1000000, 1000, 1);
    add_keys(&r, start, outer, outer + inner, 1000000, 1000, 1);
    find_keys(&r, start, outer, outer + inner, 1000000, 1000, 1);
    find_keys(&r, start, 0, 10, 1000000, 1000, 1);
    lscp_keys_pop(&r, start);
    ck_assert_uint_eq(r.len, outer);
    find_keys(&r, 0, 0, outer, 0, 1, 1);
    /* the inner keys are gone: added again at new positions */
    add_keys(&r, 0, outer, outer + inner, 2000000, 5000, 1);
    find_keys(&r, 0, outer, outer + inner, 2000000, 5000, 1);
    find_keys(&r, 0, 0, outer, 0, 1, 1);
    lscp_keys_pop(&r, 0);
    ck_assert_uint_eq(r.len, 0);
    add_keys(&r, 0, 0, 100, 7, 3, 2);
    find_keys(&r, 0, 0, 100, 7, 3, 2);
    lscp_keys_release(&r);
}
END_TEST

/* Allocation number k fails (once, or from k on) while keys are added,
 * some far: the key whose registration failed is not there, every earlier
 * one is, exact; once allocation works again the registry goes on; nothing
 * leaks. */
START_TEST(allocation_failures) {
    int persistent = _i;
    lscp_hash_key key;
    lscp_hash_key_random(&key);
    for (long k = 0;; k++) {
        long live = lscp_alloc_live();
        lscp_key_registry r;
        lscp_keys_init(&r, &key);
        lscp_alloc_fail_at(k, persistent);
        size_t added = 0, failed_at = SIZE_MAX;
        char t[64];
        for (size_t i = 0; i < 9000; i++) {
            int oom = 0;
            size_t n = key_text(t, sizeof t, i);
            /* every 1000th position is beyond 32 bits from its chunk's */
            lsc_pos p = key_pos(i, i % 1000 == 999 ? GiB4 * 2 : 0, 1, 1);
            if (lscp_keys_check(&r, 0, t, n, p, &oom) != NULL)
                ck_abort_msg("allocation %ld: key %zu found before it was added", k, i);
            if (oom) {
                failed_at = i;
                break;
            }
            added++;
        }
        lscp_alloc_fail_at(-1, 0);
        ck_assert_uint_eq(r.len, added);
        for (size_t i = 0; i < added; i++) {
            int oom = 0;
            size_t n = key_text(t, sizeof t, i);
            lsc_pos later = {UINT64_MAX, 1, 1};
            const lsc_pos *first = lscp_keys_check(&r, 0, t, n, later, &oom);
            ck_assert_ptr_nonnull(first);
            assert_pos_eq(*first, key_pos(i, i % 1000 == 999 ? GiB4 * 2 : 0, 1, 1),
                          "after a failure", i);
        }
        if (failed_at != SIZE_MAX) {
            int oom = 0;
            size_t n = key_text(t, sizeof t, failed_at);
            lsc_pos p = {1, 1, 1};
            ck_assert_ptr_null(lscp_keys_check(&r, 0, t, n, p, &oom));
            ck_assert_int_eq(oom, 0);
            ck_assert_uint_eq(r.len, added + 1);
        }
        lscp_keys_release(&r);
        ck_assert_msg(lscp_alloc_live() == live, "allocation %ld: %ld blocks leaked", k,
                      lscp_alloc_live() - live);
        if (failed_at == SIZE_MAX)
            break; /* k was past the last allocation */
    }
}
END_TEST

static Suite *key_registry_suite(void) {
    Suite *s = suite_create("key_registry");
    TCase *tc = tcase_create("key_registry");
    tcase_add_loop_test(tc, positions_exact, 0, N(bases));
    tcase_add_test(tc, positions_out_of_order);
    tcase_add_test(tc, keys_compared_in_full);
    tcase_add_loop_test(tc, objects_close, 0, N(inner_counts));
    tcase_add_loop_test(tc, allocation_failures, 0, 2);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(key_registry_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
