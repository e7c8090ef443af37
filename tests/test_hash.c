/* lib/hash.c and linear time in every hash table of a checker.
 *
 * The work-count tests feed documents whose keys were crafted to collide
 * under the FNV-1a the library used before (the standard offset basis and
 * the mistyped one of the old duplicate-key registry): the low 16 bits of
 * their hashes are all equal, so under the old code every key landed in one
 * chain (registry) or one cluster (validator sets) and the work grew with
 * the square of the count. They count the slots and entries the tables
 * looked at (lscp_checker_probes), never time: per key it must stay below
 * a small constant for crafted and random keys, at 25k, 50k and 100k keys. */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/internal.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ------------------------------------------------------------------ */
/* the hash function                                                  */
/* ------------------------------------------------------------------ */

/* SipHash-1-3 of the bytes 0, 1, ..., n-1 under the key 0, 1, ..., 15
 * (the reference implementation's test key). */
static const struct {
    size_t n;
    uint64_t h;
} sip_vectors[] = {
    {0, UINT64_C(0xabac0158050fc4dc)},  {1, UINT64_C(0xc9f49bf37d57ca93)},
    {7, UINT64_C(0xd3927d989bb11140)},  {8, UINT64_C(0x369095118d299a8e)},
    {15, UINT64_C(0xd320d86d2a519956)}, {63, UINT64_C(0x9d199062b7bbb3a8)},
};

static lscp_hash_key reference_key(void) {
    lscp_hash_key k = {UINT64_C(0x0706050403020100), UINT64_C(0x0f0e0d0c0b0a0908), 0};
    return k;
}

START_TEST(hash_vectors) {
    unsigned char m[64];
    for (int i = 0; i < 64; i++)
        m[i] = (unsigned char)i;
    lscp_hash_key k = reference_key();
    ck_assert_uint_eq(lscp_hash(&k, m, sip_vectors[_i].n, 0), sip_vectors[_i].h);
    /* in pieces of every split: the same */
    for (size_t cut = 0; cut <= sip_vectors[_i].n; cut++) {
        lscp_hasher h;
        lscp_hash_begin(&h, &k);
        lscp_hash_add(&h, m, cut, 0);
        lscp_hash_add(&h, m + cut, sip_vectors[_i].n - cut, 0);
        ck_assert_uint_eq(lscp_hash_end(&h), sip_vectors[_i].h);
    }
}
END_TEST

/* fold hashes every byte value like its ASCII lower case, in any split,
 * whether the bytes go through the byte path or the word path */
START_TEST(hash_fold_every_byte) {
    unsigned char m[256 + 7], lowered[256 + 7];
    for (int i = 0; i < 256 + 7; i++) {
        m[i] = (unsigned char)(i * 37 + 11);
        lowered[i] = m[i] >= 'A' && m[i] <= 'Z' ? (unsigned char)(m[i] + 32) : m[i];
    }
    for (int i = 0; i < 256; i++) { /* every byte value once, at every alignment */
        m[i] = (unsigned char)i;
        lowered[i] = i >= 'A' && i <= 'Z' ? (unsigned char)(i + 32) : (unsigned char)i;
    }
    lscp_hash_key k = reference_key();
    for (size_t n = 0; n <= sizeof m; n += 13) {
        uint64_t want = lscp_hash(&k, lowered, n, 0);
        for (size_t cut = 0; cut <= n; cut += 3) {
            lscp_hasher h;
            lscp_hash_begin(&h, &k);
            lscp_hash_add(&h, m, cut, 1);
            lscp_hash_add(&h, m + cut, n - cut, 1);
            ck_assert_uint_eq(lscp_hash_end(&h), want);
        }
    }
}
END_TEST

START_TEST(hash_fold_and_keys) {
    lscp_hash_key k = reference_key();
    ck_assert_uint_eq(lscp_hash(&k, "WWW.Example.COM", 15, 1),
                      lscp_hash(&k, "www.example.com", 15, 0));
    ck_assert_uint_ne(lscp_hash(&k, "WWW.Example.COM", 15, 0),
                      lscp_hash(&k, "www.example.com", 15, 0));
    /* only ASCII letters fold */
    ck_assert_uint_ne(lscp_hash(&k, "[", 1, 1), lscp_hash(&k, "{", 1, 1));
    /* another key, another hash */
    lscp_hash_key a, b;
    lscp_hash_key_random(&a);
    lscp_hash_key_random(&b);
    ck_assert(a.k0 != b.k0 || a.k1 != b.k1);
    ck_assert_uint_ne(lscp_hash(&a, "key", 3, 0), lscp_hash(&b, "key", 3, 0));
    /* the seam: every string collides */
    lscp_hash_key_constant(&k);
    ck_assert_uint_eq(lscp_hash(&k, "a", 1, 0), 0);
    ck_assert_uint_eq(lscp_hash(&k, "b", 1, 0), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* inputs                                                             */
/* ------------------------------------------------------------------ */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        ck_assert_ptr_nonnull(b->p);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(buf *b, const char *s) {
    put(b, s, strlen(s));
}

#define FNV_PRIME UINT64_C(0x100000001b3)
#define FNV_BASIS UINT64_C(14695981039346656037)
#define FNV_BASIS_OLD UINT64_C(1469598103934665603) /* one digit short, as decode.c had it */

static const char charset[] = "abcdefghijklmnopqrstuvwxyz0123456789";

static uint64_t fnv1a(uint64_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* Key number i (10 characters of [a-z0-9], lowercase so that folding
 * changes nothing): a unique 6-character prefix, then 4 characters chosen
 * so that the low 16 bits of FNV-1a(basis) are 0x5a5a. Multiplying by the
 * odd prime is a bijection modulo 2^16, so the last byte's XOR must bring
 * the state to U = 0x5a5a * prime^-1 (mod 2^16): search three characters
 * until the state's bits 8-15 match U's and the last character needed for
 * bits 0-7 is in the charset. */
static void crafted_key(char out[11], size_t i, uint64_t basis) {
    uint64_t inv = 1; /* prime^-1 mod 2^64 by Newton's iteration */
    for (int r = 0; r < 6; r++)
        inv *= 2 - FNV_PRIME * inv;
    const uint64_t U = (UINT64_C(0x5a5a) * inv) & 0xffff;
    for (size_t salt = 0;; salt++) {
        size_t v = i + salt * 1000003u;
        for (int d = 5; d >= 0; d--) {
            out[d] = charset[v % 36];
            v /= 36;
        }
        uint64_t h0 = fnv1a(basis, out, 6);
        for (int a = 0; a < 36; a++) {
            uint64_t h1 = (h0 ^ (unsigned char)charset[a]) * FNV_PRIME;
            for (int b = 0; b < 36; b++) {
                uint64_t h2 = (h1 ^ (unsigned char)charset[b]) * FNV_PRIME;
                for (int c = 0; c < 36; c++) {
                    uint64_t h3 = (h2 ^ (unsigned char)charset[c]) * FNV_PRIME;
                    if (((h3 ^ U) & 0xff00) != 0)
                        continue;
                    char last = (char)((h3 ^ U) & 0xff);
                    if (!last || !strchr(charset, last))
                        continue;
                    out[6] = charset[a];
                    out[7] = charset[b];
                    out[8] = charset[c];
                    out[9] = last;
                    out[10] = '\0';
                    return;
                }
            }
        }
    }
}

/* Key number i, random-looking (a bijective mix of i), same shape. */
static void random_key(char out[11], size_t i) {
    uint64_t x = (uint64_t)i * UINT64_C(0x9e3779b97f4a7c15);
    x ^= x >> 29;
    for (int d = 0; d < 10; d++) {
        out[d] = charset[x % 36];
        x /= 36;
    }
    /* the low digits keep keys distinct whatever the mix does */
    size_t v = i;
    for (int d = 9; d >= 6; d--) {
        out[d] = charset[v % 36];
        v /= 36;
    }
    out[10] = '\0';
}

typedef enum key_kind { KEYS_FNV, KEYS_FNV_OLD, KEYS_RANDOM } key_kind;
static const char *const kind_names[] = {"FNV-1a colliding", "old-basis FNV-1a colliding",
                                         "random"};

static char (*keys_cache[3])[11];
static size_t keys_made[3];

/* n keys of a kind (made once, shared by the tests of one process). */
static char (*keys(key_kind kind, size_t n))[11] {
    if (keys_made[kind] < n) {
        keys_cache[kind] = realloc(keys_cache[kind], n * sizeof *keys_cache[kind]);
        ck_assert_ptr_nonnull(keys_cache[kind]);
        for (size_t i = keys_made[kind]; i < n; i++) {
            if (kind == KEYS_RANDOM)
                random_key(keys_cache[kind][i], i);
            else
                crafted_key(keys_cache[kind][i], i, kind == KEYS_FNV ? FNV_BASIS : FNV_BASIS_OLD);
        }
        keys_made[kind] = n;
    }
    return keys_cache[kind];
}

START_TEST(crafted_keys_collide) {
    char(*k)[11] = keys(KEYS_FNV, 1000);
    char(*o)[11] = keys(KEYS_FNV_OLD, 1000);
    for (size_t i = 0; i < 1000; i++) {
        ck_assert_uint_eq(strlen(k[i]), 10);
        ck_assert_uint_eq(fnv1a(FNV_BASIS, k[i], 10) & 0xffff, 0x5a5a);
        ck_assert_uint_eq(fnv1a(FNV_BASIS_OLD, o[i], 10) & 0xffff, 0x5a5a);
        if (i)
            ck_assert_str_ne(k[i], k[i - 1]);
    }
}
END_TEST

/* The tables under test and the document that fills one of them. */
typedef enum table { T_REGISTRY, T_SANS, T_TAGS, T_ARNS } table;
static const char *const table_names[] = {"duplicate-key registry", "SAN set", "tag-key set",
                                          "certificateArn table"};
static const char *const table_rule[] = {NULL, "san-duplicate", "tag-key-duplicate",
                                         "duplicate-certificate"};

static void document(buf *b, table t, char (*k)[11], size_t n) {
    static const char *const open[] = {
        "{\"x\":{", "{\"certificates\":[{\"certificateDetail\":{\"subjectAlternativeNames\":[",
        "{\"certificates\":[{\"tags\":[", "{\"certificates\":["};
    static const char *const close[] = {"}}", "]}}]}", "]}]}", "]}"};
    puts_(b, open[t]);
    for (size_t i = 0; i < n; i++) {
        if (i)
            puts_(b, ",");
        puts_(b, t == T_TAGS ? "{\"key\":\"" : t == T_ARNS ? "{\"certificateArn\":\"" : "\"");
        puts_(b, k[i]);
        puts_(b, t == T_REGISTRY ? "\":0" : t == T_SANS ? "\"" : t == T_TAGS ? "\",\"value\":\"\"}" : "\"}");
    }
    puts_(b, close[t]);
}

typedef struct run_result {
    uint64_t probes;
    size_t findings;
} run_result;

static int count_finding(void *user, const lsc_finding *f) {
    (void)f;
    (*(size_t *)user)++;
    return 0;
}

/* Check text with only rule on (all off when NULL), the hash key replaced
 * by key when given. */
static run_result check_text(const char *text, size_t len, const char *rule,
                             const lscp_hash_key *key) {
    lsc_config *cfg = lsc_config_new();
    ck_assert_ptr_nonnull(cfg);
    for (size_t i = 0; i < lsc_rule_count(); i++)
        lsc_config_set_severity(cfg, lsc_rule_at(i)->id, LSC_OFF);
    if (rule)
        ck_assert_int_eq(lsc_config_enable(cfg, rule), 0);
    run_result r = {0, 0};
    lsc_callbacks cb = {0};
    cb.finding = count_finding;
    lsc_error err;
    lsc_checker *ck = lsc_checker_new(cfg, "flood.json", &cb, &r.findings, &err);
    ck_assert_ptr_nonnull(ck);
    if (key)
        ck_assert_int_eq(lscp_checker_set_hash_key(ck, key), 0);
    ck_assert_int_eq(lsc_checker_feed(ck, text, len, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    r.probes = lscp_checker_probes(ck);
    /* the seam only before the first byte */
    if (key)
        ck_assert_int_eq(lscp_checker_set_hash_key(ck, key), -1);
    lsc_checker_free(ck);
    lsc_config_free(cfg);
    return r;
}

/* Probes per key, at most: a registry chain of 4 on average at its fullest
 * (it grows at 4 entries per bucket), linear probing at load 1/2 (2.5 on
 * average for an insertion); 8 leaves room for chance, not for n. */
#define MAX_PROBES_PER_KEY 8.0

static const size_t flood_sizes[] = {25000, 50000, 100000};

static void flood(table t, key_kind kind) {
    for (int s = 0; s < N(flood_sizes); s++) {
        size_t n = flood_sizes[s];
        buf b = {0};
        document(&b, t, keys(kind, n), n);
        run_result r = check_text(b.p, b.len, table_rule[t], NULL);
        double per_key = (double)r.probes / (double)n;
        printf("%s, %zu %s keys: %" PRIu64 " probes, %.2f per key\n", table_names[t], n,
               kind_names[kind], r.probes, per_key);
        ck_assert_msg(r.probes >= n, "%s: the table was not used (%" PRIu64 " probes)",
                      table_names[t], r.probes);
        ck_assert_msg(per_key <= MAX_PROBES_PER_KEY, "%s, %zu %s keys: %.2f probes per key",
                      table_names[t], n, kind_names[kind], per_key);
        ck_assert_uint_eq(r.findings, 0); /* every key distinct: no duplicate */
        free(b.p);
    }
}

START_TEST(flood_registry) {
    flood(T_REGISTRY, (key_kind)_i);
}
END_TEST

START_TEST(flood_sans) {
    flood(T_SANS, (key_kind)_i);
}
END_TEST

START_TEST(flood_tags) {
    flood(T_TAGS, (key_kind)_i);
}
END_TEST

START_TEST(flood_arns) {
    flood(T_ARNS, (key_kind)_i);
}
END_TEST

/* ------------------------------------------------------------------ */
/* collisions are resolved by comparing the keys                      */
/* ------------------------------------------------------------------ */

/* Every hash equal (the constant key): only the full comparison tells the
 * keys apart. The findings must be exactly those of a random key. */
typedef struct collide_case {
    const char *rule;
    const char *text;
    size_t findings;
} collide_case;

static const collide_case collide_cases[] = {
    /* defect: duplicate-certificate compared 64-bit hashes, not the ARNs */
    {"duplicate-certificate",
     "{\"certificates\":[{\"certificateArn\":\"arn:aws:lightsail:us-east-1:1:Certificate/a\"},"
     "{\"certificateArn\":\"arn:aws:lightsail:us-east-1:1:Certificate/b\"},"
     "{\"certificateArn\":\"arn:aws:lightsail:us-east-1:1:Certificate/a\"},"
     "{\"certificateArn\":\"arn:aws:lightsail:us-east-1:1:Certificate/c\"}]}",
     1},
    {"duplicate-certificate",
     "{\"certificates\":[{\"certificateArn\":\"arn:x:1\"},{\"certificateArn\":\"arn:x:2\"}]}", 0},
    {"json-duplicate-key", "{\"x\":{\"a\":1,\"b\":2,\"c\":3,\"b\":4,\"ab\":5}}", 1},
    {"json-duplicate-key", "{\"x\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"ab\":5}}", 0},
    {"san-duplicate",
     "{\"certificates\":[{\"certificateDetail\":{\"subjectAlternativeNames\":"
     "[\"a.example.com\",\"b.example.com\",\"A.example.COM\",\"c.example.com\"]}}]}",
     1},
    {"san-duplicate",
     "{\"certificates\":[{\"certificateDetail\":{\"subjectAlternativeNames\":"
     "[\"a.example.com\",\"b.example.com\",\"c.example.com\"]}}]}",
     0},
    {"tag-key-duplicate",
     "{\"certificates\":[{\"tags\":[{\"key\":\"k1\",\"value\":\"\"},{\"key\":\"k2\",\"value\":"
     "\"\"},{\"key\":\"k1\",\"value\":\"x\"}]}]}",
     1},
};

START_TEST(collisions_compare_keys) {
    const collide_case *c = &collide_cases[_i];
    lscp_hash_key constant;
    lscp_hash_key_constant(&constant);
    run_result all_collide = check_text(c->text, strlen(c->text), c->rule, &constant);
    run_result normal = check_text(c->text, strlen(c->text), c->rule, NULL);
    ck_assert_uint_eq(all_collide.findings, c->findings);
    ck_assert_uint_eq(normal.findings, c->findings);
}
END_TEST

static Suite *hash_suite(void) {
    Suite *s = suite_create("hash");
    TCase *tc = tcase_create("hash");
    tcase_add_loop_test(tc, hash_vectors, 0, N(sip_vectors));
    tcase_add_test(tc, hash_fold_and_keys);
    tcase_add_test(tc, hash_fold_every_byte);
    tcase_add_test(tc, crafted_keys_collide);
    tcase_add_loop_test(tc, collisions_compare_keys, 0, N(collide_cases));
    tcase_add_loop_test(tc, flood_registry, 0, 3);
    tcase_add_loop_test(tc, flood_sans, 0, 3);
    tcase_add_loop_test(tc, flood_tags, 0, 3);
    tcase_add_loop_test(tc, flood_arns, 0, 3);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(hash_suite());
    /* one process: the keys are made once for every test */
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    for (int i = 0; i < 3; i++)
        free(keys_cache[i]);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
