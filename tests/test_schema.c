/* schema/: the value tables (values.c), the tag character checks
 * (unicode.c) and the rule registry (rules.c). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"
#include "parser/arena.h"
#include "schema/list_index.h"
#include "schema/rules.h"
#include "schema/unicode.h"
#include "schema/values.h"

/* ------------------------------------------------------------------ */
/* values                                                             */
/* ------------------------------------------------------------------ */

typedef struct index_case {
    lscp_value_set set;
    const char *text;
    int index;
} index_case;

static const index_case index_cases[] = {
    {LSCP_VS_STATUS, "PENDING_VALIDATION", 0},
    {LSCP_VS_STATUS, "ISSUED", 1},
    {LSCP_VS_STATUS, "FAILED", 6},
    {LSCP_VS_STATUS, "issued", -1},
    {LSCP_VS_STATUS, "ISSUED ", -1},
    {LSCP_VS_STATUS, "", -1},
    {LSCP_VS_VALIDATION_STATUS, "SUCCESS", 2},
    {LSCP_VS_VALIDATION_STATUS, "SUCCEEDED", -1},
    {LSCP_VS_DNS_STATE_CODE, "SUCCEEDED", 0},
    {LSCP_VS_DNS_STATE_CODE, "SUCCESS", -1},
    {LSCP_VS_RENEWAL_STATUS, "PendingAutoRenewal", 0},
    {LSCP_VS_RENEWAL_STATUS, "PENDING_AUTO_RENEWAL", -1},
    {LSCP_VS_RENEWAL_STATUS, "Failed", 3},
    {LSCP_VS_REQUEST_FAILURE, "INVALID_PUBLIC_DOMAIN", 3},
    {LSCP_VS_REVOCATION_REASON, "SUPERCEDED", 4},
    {LSCP_VS_REVOCATION_REASON, "SUPERSEDED", 5},
    {LSCP_VS_REVOCATION_REASON, "A_A_COMPROMISE", 10},
    {LSCP_VS_RECORD_TYPE, "CNAME", 0},
    {LSCP_VS_RECORD_TYPE, "cname", -1},
    {LSCP_VS_RECORD_TYPE, "TXT", -1},
    {LSCP_VS_KEY_ALGORITHM, "EC-prime256v1", 4},
    {LSCP_VS_KEY_ALGORITHM, "RSA2048", -1},
    {LSCP_VS_ELIGIBLE_TO_RENEW, "INELIGIBLE", 1},
    {LSCP_VS_ISSUER_CA, "Amazon", 0},
    {LSCP_VS_ISSUER_CA, "Let's Encrypt", -1},
};

START_TEST(value_index) {
    const index_case *c = &index_cases[_i];
    ck_assert_int_eq(lscp_value_index(c->set, c->text, strlen(c->text)), c->index);
    if (c->index >= 0)
        ck_assert_str_eq(lscp_value_at(c->set, (size_t)c->index), c->text);
}
END_TEST

typedef struct suggest_case {
    lscp_value_set set;
    const char *text;
    const char *suggestion; /* NULL: none */
} suggest_case;

static const suggest_case suggest_cases[] = {
    {LSCP_VS_RENEWAL_STATUS, "PENDING_AUTO_RENEWAL", "PendingAutoRenewal"},
    {LSCP_VS_RENEWAL_STATUS, "pending-validation", "PendingValidation"},
    {LSCP_VS_RENEWAL_STATUS, "SUCCESS", "Success"},
    {LSCP_VS_RENEWAL_STATUS, "Success", NULL}, /* exact: nothing to suggest */
    {LSCP_VS_STATUS, "issued", "ISSUED"},
    {LSCP_VS_STATUS, "Pending Validation", "PENDING_VALIDATION"},
    {LSCP_VS_STATUS, "validation-timed-out", "VALIDATION_TIMED_OUT"},
    /* typos, by edit distance (1 for values of 5 folded characters or
     * fewer, else 2; transpositions count 1) */
    {LSCP_VS_STATUS, "ISSUE", "ISSUED"},
    {LSCP_VS_STATUS, "ISUED", "ISSUED"},
    {LSCP_VS_STATUS, "EXIPRED", "EXPIRED"},
    {LSCP_VS_STATUS, "XSSUED_NOW", NULL},
    {LSCP_VS_STATUS, "ISSUEDISSUEDISSUEDISSUEDISSUEDISSUEDISSUEDISSUEDISSUEDISSUEDISSUED", NULL},
    {LSCP_VS_RENEWAL_STATUS, "PendingAutoRenwal", "PendingAutoRenewal"},
    {LSCP_VS_RENEWAL_STATUS, "pending_auto_renwal", "PendingAutoRenewal"},
    {LSCP_VS_RECORD_TYPE, "CNAM", "CNAME"},
    {LSCP_VS_RECORD_TYPE, "A", NULL},
    {LSCP_VS_KEY_ALGORITHM, "RSA-2047", "RSA-2048"},
    {LSCP_VS_KEY_ALGORITHM, "RSA-2094", NULL}, /* 2048 and 4096 as near */
    {LSCP_VS_STATUS, "", NULL},
    {LSCP_VS_STATUS, "___", NULL},
    {LSCP_VS_VALIDATION_STATUS, "success", "SUCCESS"},
    {LSCP_VS_DNS_STATE_CODE, "Succeeded", "SUCCEEDED"},
    {LSCP_VS_REVOCATION_REASON, "key compromise", "KEY_COMPROMISE"},
    {LSCP_VS_KEY_ALGORITHM, "rsa2048", "RSA-2048"},
};

START_TEST(value_suggest) {
    const suggest_case *c = &suggest_cases[_i];
    const char *got = lscp_value_suggest(c->set, c->text, strlen(c->text));
    if (c->suggestion)
        ck_assert_str_eq(got, c->suggestion);
    else
        ck_assert_ptr_null(got);
}
END_TEST

START_TEST(value_nul_byte) {
    /* "ISSUED\0" must neither match nor be suggested as ISSUED */
    ck_assert_int_eq(lscp_value_index(LSCP_VS_STATUS, "ISSUED\0", 7), -1);
    ck_assert_ptr_null(lscp_value_suggest(LSCP_VS_STATUS, "ISSUED\0", 7));
    ck_assert_int_eq(lscp_value_index(LSCP_VS_STATUS, "ISSUE", 5), -1);
}
END_TEST

START_TEST(value_status_names) {
    static const char *const want[] = {"PENDING_VALIDATION",   "ISSUED",  "INACTIVE", "EXPIRED",
                                       "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"};
    ck_assert_uint_eq(LSCP_STATUS_COUNT, 7);
    ck_assert_uint_eq(lscp_value_count(LSCP_VS_STATUS), 7);
    for (size_t i = 0; i < 7; i++) {
        ck_assert_str_eq(lscp_status_names[i], want[i]);
        ck_assert_str_eq(lscp_value_at(LSCP_VS_STATUS, i), want[i]);
    }
    ck_assert_ptr_null(lscp_value_at(LSCP_VS_STATUS, 7));
    ck_assert_int_eq(LSCP_STATUS_ISSUED, 1);
    ck_assert_int_eq(LSCP_STATUS_REVOKED, 5);
    ck_assert_int_eq(LSCP_STATUS_FAILED, 6);
}
END_TEST

START_TEST(value_list_and_fields) {
    char buf[200];
    ck_assert_str_eq(lscp_value_list(LSCP_VS_RENEWAL_STATUS, buf, sizeof buf),
                     "PendingAutoRenewal, PendingValidation, Success, Failed");
    ck_assert_str_eq(lscp_value_list(LSCP_VS_ISSUER_CA, buf, sizeof buf), "Amazon");
    /* a short buffer is cut, still terminated */
    ck_assert_str_eq(lscp_value_list(LSCP_VS_RENEWAL_STATUS, buf, 8), "Pending");
    ck_assert_str_eq(lscp_value_set_field(LSCP_VS_DNS_STATE_CODE), "dnsRecordCreationState.code");
    ck_assert_str_eq(lscp_value_set_field(LSCP_VS_RECORD_TYPE), "resourceRecord.type");
    ck_assert_uint_eq(lscp_value_count(LSCP_VS_REVOCATION_REASON), 11);
    ck_assert_uint_eq(lscp_value_count(LSCP_VS_KEY_ALGORITHM), 7);
    ck_assert_uint_eq(lscp_value_count(LSCP_VS_REQUEST_FAILURE), 5);
    ck_assert_ptr_null(lscp_value_set_field(LSCP_VS__COUNT));
    ck_assert_int_eq(lscp_value_index(LSCP_VS__COUNT, "x", 1), -1);
}
END_TEST

static Suite *values_suite(void) {
    Suite *s = suite_create("values");
    TCase *tc = tcase_create("tables");
    tcase_add_loop_test(tc, value_index, 0, sizeof index_cases / sizeof index_cases[0]);
    tcase_add_loop_test(tc, value_suggest, 0, sizeof suggest_cases / sizeof suggest_cases[0]);
    tcase_add_test(tc, value_nul_byte);
    tcase_add_test(tc, value_status_names);
    tcase_add_test(tc, value_list_and_fields);
    suite_add_tcase(s, tc);
    return s;
}

/* ------------------------------------------------------------------ */
/* unicode                                                            */
/* ------------------------------------------------------------------ */

typedef struct charset_case {
    const char *text;
    size_t len; /* 0: strlen */
    int bad;    /* a bad character is found */
    size_t offset, index;
    int32_t cp;
} charset_case;

static const charset_case charset_cases[] = {
    {"env", 0, 0, 0, 0, 0},
    {"cost-center_1 +=.:/@", 0, 0, 0, 0, 0},
    {"", 0, 0, 0, 0, 0},
    {"Gr\xc3\xb6\xc3\x9f"
     "e",
     0, 0, 0, 0, 0},                                         /* Größe: letters */
    {"\xe3\x83\x81\xe3\x83\xbc\xe3\x83\xa0", 0, 0, 0, 0, 0}, /* チーム: Lo, Lm, Lo */
    {"a\xe3\x80\x80"
     "b",
     0, 0, 0, 0, 0}, /* U+3000 ideographic space: Zs */
    {"a\xc2\xa0"
     "b",
     0, 0, 0, 0, 0},                     /* U+00A0 no-break space: Zs */
    {"\xc2\xbd", 0, 0, 0, 0, 0},         /* U+00BD one half: No */
    {"\xe2\x85\xa0", 0, 0, 0, 0, 0},     /* U+2160 roman numeral one: Nl */
    {"\xf0\x9d\x90\x80", 0, 0, 0, 0, 0}, /* U+1D400 math bold A: Lu, non-BMP */
    {"cost#center", 0, 1, 4, 4, '#'},
    {"a,b", 0, 1, 1, 1, ','},
    {"tab\there", 0, 1, 3, 3, '\t'},
    {"e\xcc\x81", 0, 1, 1, 1, 0x301},             /* combining acute: Mn */
    {"\xc3\xa9\xe2\x83\x9d", 0, 1, 2, 1, 0x20DD}, /* é + combining circle: Me */
    {"ok\xf0\x9f\x98\x80", 0, 1, 2, 2, 0x1F600},  /* emoji: So */
    {"a\xe2\x80\x8b"
     "b",
     0, 1, 1, 1, 0x200B},                  /* zero-width space: Cf */
    {"a\xe2\x80\xa8", 0, 1, 1, 1, 0x2028}, /* line separator: Zl */
    {"x\x00y", 3, 1, 1, 1, 0},             /* NUL: Cc */
    {"$", 0, 1, 0, 0, '$'},
    {"\xef\xbf\xbd", 0, 1, 0, 0, 0xFFFD}, /* replacement character: So */
    {"ab\xc3", 0, 1, 2, 2, -1},           /* truncated UTF-8: no crash */
    {"\xff"
     "a",
     0, 1, 0, 0, -1},
};

START_TEST(unicode_charset) {
    const charset_case *c = &charset_cases[_i];
    size_t len = c->len ? c->len : strlen(c->text);
    lscp_bad_char bad = {99, 99, 99, 99};
    ck_assert_int_eq(lscp_tag_first_bad(c->text, len, &bad), c->bad);
    if (!c->bad)
        return;
    ck_assert_uint_eq(bad.offset, c->offset);
    ck_assert_uint_eq(bad.index, c->index);
    ck_assert_int_eq(bad.cp, c->cp);
    ck_assert_int_eq(lscp_tag_char_allowed(c->cp), 0);
}
END_TEST

START_TEST(unicode_allowed_punctuation) {
    const char *ok = "+-=._:/@ ";
    const char *no = "!\"#$%&'()*,;<>?[\\]^`{|}~";
    for (const char *p = ok; *p; p++)
        ck_assert_msg(lscp_tag_char_allowed(*p), "'%c' is allowed", *p);
    for (const char *p = no; *p; p++)
        ck_assert_msg(!lscp_tag_char_allowed(*p), "'%c' is not allowed", *p);
    ck_assert_int_eq(lscp_tag_char_allowed(-1), 0);
    ck_assert_int_eq(lscp_tag_char_allowed(0x110000), 0);
    ck_assert_str_eq(lscp_unicode_category(0x301), "Mn");
    ck_assert_str_eq(lscp_unicode_category(0x3000), "Zs");
    ck_assert_str_eq(lscp_unicode_category('#'), "Po");
}
END_TEST

/* count copies of a character of unit bytes: the length is count code points */
typedef struct length_case {
    const char *unit;
    size_t count;
} length_case;

static const length_case length_cases[] = {
    {"a", 0},
    {"a", 128},
    {"a", 129},
    {"\xc3\xa9", 128}, /* é: 2 bytes */
    {"\xc3\xa9", 129},
    {"\xe3\x83\x81", 256}, /* チ: 3 bytes */
    {"\xe3\x83\x81", 257},
    {"\xf0\x9d\x90\x80", 256}, /* U+1D400: 4 bytes, one code point */
    {"\xf0\x9d\x90\x80", 257},
    {"e\xcc\x81", 64}, /* e + combining mark: two code points each */
};

START_TEST(unicode_length) {
    const length_case *c = &length_cases[_i];
    size_t unit = strlen(c->unit);
    char *s = malloc(unit * c->count + 1);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < c->count; i++)
        memcpy(s + i * unit, c->unit, unit);
    size_t want = c->count;
    if (strcmp(c->unit, "e\xcc\x81") == 0)
        want *= 2;
    ck_assert_uint_eq(lscp_utf8_length(s, unit * c->count), want);
    free(s);
}
END_TEST

START_TEST(unicode_length_invalid) {
    ck_assert_uint_eq(lscp_utf8_length("\xff\xfe", 2), 2);
    ck_assert_uint_eq(lscp_utf8_length("a\xc3", 2), 2);
    ck_assert_uint_eq(lscp_utf8_length("\xed\xa0\x80", 3), 3); /* a surrogate, byte by byte */
    ck_assert_uint_eq(lscp_utf8_length("", 0), 0);
}
END_TEST

/* The ASCII fast path of lscp_tag_first_bad answers as utf8proc does, for
 * every ASCII byte, alone and after a non-ASCII letter (the utf8proc path). */
START_TEST(unicode_ascii_agrees) {
    for (int c = 0; c < 0x80; c++) {
        char one[1] = {(char)c}, after[3] = {'\xc3', '\xa9', (char)c};
        lscp_bad_char bad = {99, 99, 99, 99}, bad2 = {99, 99, 99, 99};
        int allowed = lscp_tag_char_allowed(c);
        ck_assert_msg(lscp_tag_first_bad(one, 1, &bad) == !allowed, "byte 0x%02X", c);
        ck_assert_int_eq(lscp_tag_first_bad(after, 3, &bad2), !allowed);
        if (!allowed) {
            ck_assert_int_eq(bad.cp, c);
            ck_assert_uint_eq(bad.length, 1);
            ck_assert_uint_eq(bad2.offset, 2);
            ck_assert_uint_eq(bad2.index, 1);
        }
        ck_assert_uint_eq(lscp_utf8_length(after, 3), 2);
    }
}
END_TEST

/* The list index gives the same answers before and after it starts hashing
 * (past LSCV_INDEX_SMALL entries), folded or not, under a random key and
 * under one where every hash collides. */
static void index_walk(const lscp_hash_key *key) {
    lscv_index names, pairs;
    lscv_index_init(&names, key, 1);
    lscv_index_init(&pairs, key, 0);
    const size_t n = 3 * LSCV_INDEX_SMALL;
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < n; i++) {
            char up[16], low[16];
            int found = -1, oom = 0;
            snprintf(up, sizeof up, "WWW%zu.Example", i);
            snprintf(low, sizeof low, "www%zu.example", i);
            lscv_index_entry *e =
                lscv_index_find(&names, up, strlen(up), NULL, 0, i, 1, &found, &oom);
            ck_assert_ptr_nonnull(e);
            ck_assert_int_eq(found, 0);
            /* every earlier one is found, folded, with its first index */
            for (size_t j = 0; j <= i; j++) {
                snprintf(low, sizeof low, "www%zu.example", j);
                e = lscv_index_find(&names, low, strlen(low), NULL, 0, 99, 0, &found, &oom);
                ck_assert_ptr_nonnull(e);
                ck_assert_int_eq(found, 1);
                ck_assert_uint_eq(e->index, j);
            }
            ck_assert_ptr_null(lscv_index_find(&names, "x", 1, NULL, 0, 0, 0, &found, &oom));
            ck_assert_int_eq(found, 0);
            /* ("a", "bc") and ("ab", "c") are different pairs; no folding */
            char a[16];
            snprintf(a, sizeof a, "k%zu", i);
            ck_assert_ptr_nonnull(
                lscv_index_find(&pairs, a, strlen(a), "bc", 2, i, 1, &found, &oom));
            ck_assert_int_eq(found, 0);
            strcat(a, "b");
            ck_assert_ptr_nonnull(
                lscv_index_find(&pairs, a, strlen(a), "c", 1, i, 1, &found, &oom));
            ck_assert_int_eq(found, 0);
            ck_assert_ptr_nonnull(
                lscv_index_find(&pairs, a, strlen(a), "c", 1, i, 1, &found, &oom));
            ck_assert_int_eq(found, 1);
            ck_assert_ptr_null(lscv_index_find(&pairs, "K0B", 3, "c", 1, 0, 0, &found, &oom));
            ck_assert_int_eq(oom, 0);
        }
        ck_assert_uint_eq(names.len, n);
        ck_assert_uint_eq(pairs.len, 2 * n);
        ck_assert_uint_gt(names.slots_cap, 0); /* it hashes by now */
        /* and starts small again */
        lscv_index_clear(&names);
        lscv_index_clear(&pairs);
    }
    lscv_index_release(&names);
    lscv_index_release(&pairs);
}

START_TEST(index_small_and_hashed) {
    lscp_hash_key key;
    lscp_hash_key_random(&key);
    index_walk(&key);
    lscp_hash_key_constant(&key);
    index_walk(&key);
}
END_TEST

/* The arena's inline bump and its block path: aligned, disjoint blocks of
 * every size (within a block, across blocks, larger than one), the same
 * after a reset that reuses the kept blocks. */
START_TEST(arena_bump_and_blocks) {
    lscp_arena a;
    lscp_arena_init(&a);
    static const size_t sizes[] = {0, 1, 15, 16, 17, 100, 5000, 16384, 40000, 3};
    enum { N = 400 };
    unsigned char *p[N];
    size_t len[N];
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < N; i++) {
            len[i] = sizes[i % (sizeof sizes / sizeof sizes[0])];
            p[i] = lscp_arena_alloc(&a, len[i]);
            ck_assert_ptr_nonnull(p[i]);
            ck_assert_uint_eq((uintptr_t)p[i] % 16, 0);
            memset(p[i], i & 0xFF, len[i]);
        }
        static unsigned char want[40000];
        for (int i = 0; i < N; i++) {
            memset(want, i & 0xFF, len[i]);
            ck_assert_msg(memcmp(p[i], want, len[i]) == 0, "block %d was overwritten", i);
        }
        char *d = lscp_arena_dup(&a, "abc", 3);
        ck_assert_str_eq(d, "abc");
        ck_assert_str_eq(lscp_arena_dup(&a, "", 0), "");
        lscp_arena_reset(&a);
    }
    lscp_arena_release(&a);
    lscp_arena_release(&a); /* released twice: nothing left to free */
}
END_TEST

static Suite *unicode_suite(void) {
    Suite *s = suite_create("unicode");
    TCase *tc = tcase_create("tags");
    tcase_add_loop_test(tc, unicode_charset, 0, sizeof charset_cases / sizeof charset_cases[0]);
    tcase_add_test(tc, unicode_allowed_punctuation);
    tcase_add_loop_test(tc, unicode_length, 0, sizeof length_cases / sizeof length_cases[0]);
    tcase_add_test(tc, unicode_length_invalid);
    tcase_add_test(tc, unicode_ascii_agrees);
    tcase_add_test(tc, index_small_and_hashed);
    tcase_add_test(tc, arena_bump_and_blocks);
    suite_add_tcase(s, tc);
    return s;
}

/* ------------------------------------------------------------------ */
/* registry                                                           */
/* ------------------------------------------------------------------ */

static const struct {
    const char *id;
    lsc_severity severity;
} expected_ids[] = {
#define RULE_ROW(name, id, sev) {id, sev},
    LSC_RULE_LIST(RULE_ROW)
#undef RULE_ROW
};

static const char *const groups[] = {"JSON layer",
                                     "Shape",
                                     "Enumerations",
                                     "Tags",
                                     "Status-dependent fields",
                                     "Consistency",
                                     "Time",
                                     "Stream and request context",
                                     "Declared expectations"};

static const char *const opt_in_ids[] = {"expired-but-issued", "expires-soon",  "expect-details",
                                         "expect-summary",     "status-filter", "name-filter"};

START_TEST(registry_entry) {
    const lsc_rule *r = lsc_rule_at((size_t)_i);
    ck_assert_ptr_nonnull(r);
    ck_assert_ptr_eq(lscp_rule((lsc_rule_id)_i), r);
    ck_assert_str_eq(r->id, expected_ids[_i].id);
    ck_assert_int_eq(r->severity, expected_ids[_i].severity);
    ck_assert_ptr_eq(lsc_rule_find(r->id), r);
    int group_ok = 0;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
        group_ok |= strcmp(r->group, groups[g]) == 0;
    ck_assert_msg(group_ok, "%s: group %s", r->id, r->group);
    ck_assert_msg(r->summary[0] && !strchr(r->summary, '\n'), "%s: one-line summary", r->id);
    ck_assert_msg(strstr(r->explanation, "\n\nWhy: ") &&
                      strstr(r->explanation, "\n\nExample:\n\n    ") &&
                      strstr(r->explanation, "\n\nFix: "),
                  "%s: explanation has what, why, example, fix", r->id);
    int opt_in = 0;
    for (size_t k = 0; k < sizeof opt_in_ids / sizeof opt_in_ids[0]; k++)
        opt_in |= strcmp(r->id, opt_in_ids[k]) == 0;
    ck_assert_int_eq(!!r->opt_in, opt_in);
}
END_TEST

START_TEST(registry_table) {
    ck_assert_uint_eq(lsc_rule_count(), 56);
    ck_assert_uint_eq(lsc_rule_count(), LSC_R__COUNT);
    ck_assert_ptr_null(lsc_rule_at(LSC_R__COUNT));
    ck_assert_ptr_null(lscp_rule(LSC_R__COUNT));
    ck_assert_ptr_null(lsc_rule_find("no-such-rule"));
    ck_assert_ptr_null(lsc_rule_find("Tag-Key-Charset"));
    ck_assert_ptr_null(lsc_rule_find(""));
    ck_assert_ptr_null(lsc_rule_find(NULL));
    ck_assert_str_eq(lsc_rule_find("tag-key-charset")->group, "Tags");
    ck_assert_int_eq(lsc_rule_find("partial-page")->severity, LSC_NOTE);
    ck_assert_ptr_eq(lscp_rule(LSC_R_NAME_FILTER), lsc_rule_at(54));
    /* groups appear in catalog order, each in one run */
    size_t g = 0;
    for (size_t i = 0; i < lsc_rule_count(); i++) {
        if (strcmp(lsc_rule_at(i)->group, groups[g]) != 0)
            g++;
        ck_assert_msg(g < 9 && strcmp(lsc_rule_at(i)->group, groups[g]) == 0, "%s out of order",
                      lsc_rule_at(i)->id);
    }
}
END_TEST

static Suite *registry_suite(void) {
    Suite *s = suite_create("registry");
    TCase *tc = tcase_create("rules");
    tcase_add_loop_test(tc, registry_entry, 0, LSC_R__COUNT);
    tcase_add_test(tc, registry_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(values_suite());
    srunner_add_suite(sr, unicode_suite());
    srunner_add_suite(sr, registry_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
