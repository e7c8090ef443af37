/* lib/config.c, lib/quote.c, lib/alloc.c: configuration defaults and setters,
 * quoting and escaping of values, the failing allocator. */
#include "config.h"

#include <check.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/findings.h"
#include "lib/internal.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ------------------------------------------------------------------ */
/* config                                                             */
/* ------------------------------------------------------------------ */

static const struct {
    const char *id;
    lsc_severity severity;
} catalog[] = {
#define RULE_ROW(name, rid, sev) {rid, sev},
    LSC_RULE_LIST(RULE_ROW)
#undef RULE_ROW
};

static int is_opt_in(const char *id) {
    static const char *const opt_in[] = {"expired-but-issued", "expires-soon",  "expect-details",
                                         "expect-summary",     "status-filter", "name-filter"};
    for (int i = 0; i < N(opt_in); i++)
        if (strcmp(opt_in[i], id) == 0)
            return 1;
    return 0;
}

START_TEST(config_rule_defaults) {
    lsc_config *cfg = lsc_config_new();
    ck_assert_ptr_nonnull(cfg);
    const char *id = catalog[_i].id;
    ck_assert_int_eq(lscp_rule_index(id), _i);
    lsc_severity want = is_opt_in(id) ? LSC_OFF : catalog[_i].severity;
    ck_assert_int_eq(lsc_config_severity(cfg, id), want);
    ck_assert_int_eq(lscp_severity(cfg, (lsc_rule_id)_i), want);
    /* enable: back at the catalog's severity, opt-in or not */
    ck_assert_int_eq(lsc_config_set_severity(cfg, id, LSC_OFF), 0);
    ck_assert_int_eq(lsc_config_severity(cfg, id), LSC_OFF);
    ck_assert_int_eq(lsc_config_enable(cfg, id), 0);
    ck_assert_int_eq(lsc_config_severity(cfg, id), catalog[_i].severity);
    lsc_config_free(cfg);
}
END_TEST

START_TEST(config_defaults) {
    lsc_config *cfg = lsc_config_new();
    ck_assert_int_eq(N(catalog), LSC_R__COUNT);
    ck_assert_int_eq(LSC_R__COUNT, 56);
    ck_assert_int_eq(cfg->expect, LSC_EXPECT_ANY);
    ck_assert_uint_eq(cfg->expect_status_mask, 0);
    ck_assert_ptr_null(cfg->expect_name);
    ck_assert_int_eq(cfg->has_now, 0);
    ck_assert_int_eq(cfg->expiry_days, 30);
    ck_assert_uint_eq(cfg->max_depth, 64);
    ck_assert_int_eq(lsc_config_severity(cfg, "json-syntax"), LSC_ERROR);
    ck_assert_int_eq(lsc_config_severity(cfg, "json-bom"), LSC_WARNING);
    ck_assert_int_eq(lsc_config_severity(cfg, "empty-response"), LSC_NOTE);
    ck_assert_int_eq(lsc_config_severity(cfg, "name-filter"), LSC_OFF);
    lsc_config_free(cfg);
    lsc_config_free(NULL);
}
END_TEST

START_TEST(config_unknown_ids) {
    lsc_config *cfg = lsc_config_new();
    static const char *const bad[] = {"nope",        "",          "JSON-SYNTAX", "json-syntax ",
                                      "json_syntax", "json-synta"};
    for (int i = 0; i < N(bad); i++) {
        ck_assert_int_eq(lscp_rule_index(bad[i]), -1);
        ck_assert_int_eq(lsc_config_set_severity(cfg, bad[i], LSC_NOTE), -1);
        ck_assert_int_eq(lsc_config_enable(cfg, bad[i]), -1);
        ck_assert_int_eq(lsc_config_severity(cfg, bad[i]), LSC_OFF);
    }
    ck_assert_int_eq(lscp_rule_index(NULL), -1);
    ck_assert_int_eq(lsc_config_set_severity(cfg, NULL, LSC_NOTE), -1);
    ck_assert_int_eq(lsc_config_set_severity(cfg, "tag-count", (lsc_severity)4), -1);
    ck_assert_int_eq(lsc_config_set_severity(cfg, "tag-count", (lsc_severity)-1), -1);
    ck_assert_int_eq(lsc_config_severity(cfg, "tag-count"), LSC_ERROR);
    ck_assert_int_eq(lsc_config_severity(NULL, "tag-count"), LSC_OFF);
    lsc_config_free(cfg);
}
END_TEST

START_TEST(config_set_severity) {
    lsc_config *cfg = lsc_config_new();
    ck_assert_int_eq(lsc_config_set_severity(cfg, "tag-count", LSC_NOTE), 0);
    ck_assert_int_eq(lsc_config_severity(cfg, "tag-count"), LSC_NOTE);
    ck_assert_int_eq(cfg->severity[LSC_R_TAG_COUNT], LSC_NOTE);
    ck_assert_int_eq(lsc_config_set_severity(cfg, "unknown-field", LSC_ERROR), 0);
    ck_assert_int_eq(lsc_config_severity(cfg, "unknown-field"), LSC_ERROR);
    ck_assert_int_eq(lsc_config_set_severity(cfg, "name-filter", LSC_WARNING), 0);
    ck_assert_int_eq(lsc_config_severity(cfg, "name-filter"), LSC_WARNING);
    /* other rules untouched */
    ck_assert_int_eq(lsc_config_severity(cfg, "tag-key-length"), LSC_ERROR);
    lsc_config_free(cfg);
}
END_TEST

START_TEST(config_now) {
    lsc_config *cfg = lsc_config_new();
    lsc_time now = {1735689600, 5};
    lsc_config_set_now(cfg, now);
    ck_assert_int_eq(cfg->has_now, 1);
    ck_assert_int_eq(cfg->now.sec, 1735689600);
    ck_assert_int_eq(cfg->now.nsec, 5);
    ck_assert_int_eq(lsc_config_severity(cfg, "expired-but-issued"), LSC_WARNING);
    ck_assert_int_eq(lsc_config_severity(cfg, "expires-soon"), LSC_WARNING);
    ck_assert_int_eq(lsc_config_severity(cfg, "expect-details"), LSC_OFF);
    lsc_config_free(cfg);

    /* a severity given before the option stays */
    cfg = lsc_config_new();
    ck_assert_int_eq(lsc_config_set_severity(cfg, "expires-soon", LSC_ERROR), 0);
    lsc_config_set_now(cfg, now);
    ck_assert_int_eq(lsc_config_severity(cfg, "expires-soon"), LSC_ERROR);
    ck_assert_int_eq(lsc_config_severity(cfg, "expired-but-issued"), LSC_WARNING);
    lsc_config_free(cfg);
}
END_TEST

START_TEST(config_expect) {
    lsc_config *cfg = lsc_config_new();
    lsc_config_set_expect(cfg, LSC_EXPECT_ANY);
    ck_assert_int_eq(cfg->expect, LSC_EXPECT_ANY);
    ck_assert_int_eq(lsc_config_severity(cfg, "expect-details"), LSC_OFF);
    ck_assert_int_eq(lsc_config_severity(cfg, "expect-summary"), LSC_OFF);
    lsc_config_set_expect(cfg, LSC_EXPECT_DETAILS);
    ck_assert_int_eq(cfg->expect, LSC_EXPECT_DETAILS);
    ck_assert_int_eq(lsc_config_severity(cfg, "expect-details"), LSC_ERROR);
    ck_assert_int_eq(lsc_config_severity(cfg, "expect-summary"), LSC_OFF);
    lsc_config_free(cfg);

    cfg = lsc_config_new();
    lsc_config_set_expect(cfg, LSC_EXPECT_SUMMARY);
    ck_assert_int_eq(cfg->expect, LSC_EXPECT_SUMMARY);
    ck_assert_int_eq(lsc_config_severity(cfg, "expect-details"), LSC_OFF);
    ck_assert_int_eq(lsc_config_severity(cfg, "expect-summary"), LSC_ERROR);
    lsc_config_free(cfg);
}
END_TEST

static const struct {
    const char *list;
    int ret;
    unsigned mask;
} status_cases[] = {
    {"PENDING_VALIDATION", 0, 1u << 0},
    {"ISSUED", 0, 1u << 1},
    {"INACTIVE", 0, 1u << 2},
    {"EXPIRED", 0, 1u << 3},
    {"VALIDATION_TIMED_OUT", 0, 1u << 4},
    {"REVOKED", 0, 1u << 5},
    {"FAILED", 0, 1u << 6},
    {"ISSUED,EXPIRED", 0, (1u << 1) | (1u << 3)},
    {"FAILED,PENDING_VALIDATION,FAILED", 0, (1u << 6) | 1u},
    {"PENDING_VALIDATION,ISSUED,INACTIVE,EXPIRED,VALIDATION_TIMED_OUT,REVOKED,FAILED", 0, 0x7f},
    {"", -1, 0},
    {",", -1, 0},
    {"ISSUED,", -1, 0},
    {",ISSUED", -1, 0},
    {"ISSUED,,EXPIRED", -1, 0},
    {"issued", -1, 0},
    {"ISSUED ", -1, 0},
    {"ISSUED, EXPIRED", -1, 0},
    {"PENDING", -1, 0},
    {"ISSUED,SUCCESS", -1, 0},
};

START_TEST(config_expect_status) {
    lsc_config *cfg = lsc_config_new();
    ck_assert_int_eq(lsc_config_set_expect_status(cfg, status_cases[_i].list),
                     status_cases[_i].ret);
    ck_assert_uint_eq(cfg->expect_status_mask, status_cases[_i].mask);
    ck_assert_int_eq(lsc_config_severity(cfg, "status-filter"),
                     status_cases[_i].ret == 0 ? LSC_ERROR : LSC_OFF);
    lsc_config_free(cfg);
}
END_TEST

START_TEST(config_expect_status_keeps_on_error) {
    lsc_config *cfg = lsc_config_new();
    ck_assert_int_eq(lsc_config_set_expect_status(cfg, "ISSUED"), 0);
    ck_assert_int_eq(lsc_config_set_expect_status(cfg, "ISSUED,BOGUS"), -1);
    ck_assert_uint_eq(cfg->expect_status_mask, 1u << 1);
    ck_assert_int_eq(lsc_config_set_expect_status(cfg, NULL), -1);
    ck_assert_int_eq(lsc_config_set_expect_status(NULL, "ISSUED"), -1);
    lsc_config_free(cfg);
}
END_TEST

START_TEST(config_expect_name) {
    lsc_config *cfg = lsc_config_new();
    ck_assert_int_eq(lsc_config_set_expect_name(cfg, "first-name"), 0);
    ck_assert_str_eq(cfg->expect_name, "first-name");
    ck_assert_uint_eq(cfg->expect_name_len, 10);
    ck_assert_int_eq(lsc_config_severity(cfg, "name-filter"), LSC_ERROR);
    ck_assert_int_eq(lsc_config_set_expect_name(cfg, "web-cert"), 0); /* replaces, frees */
    ck_assert_str_eq(cfg->expect_name, "web-cert");
    ck_assert_uint_eq(cfg->expect_name_len, 8);
    /* out of memory: -1, the old name kept */
    lscp_alloc_fail_at(0, 0);
    ck_assert_int_eq(lsc_config_set_expect_name(cfg, "other"), -1);
    lscp_alloc_fail_at(-1, 0);
    ck_assert_str_eq(cfg->expect_name, "web-cert");
    ck_assert_int_eq(lsc_config_set_expect_name(cfg, NULL), -1);
    ck_assert_int_eq(lsc_config_set_expect_name(cfg, ""), 0);
    ck_assert_str_eq(cfg->expect_name, "");
    ck_assert_uint_eq(cfg->expect_name_len, 0);
    lsc_config_free(cfg);
}
END_TEST

START_TEST(config_limits) {
    lsc_config *cfg = lsc_config_new();
    ck_assert_int_eq(lsc_config_set_expiry_days(cfg, -1), -1);
    ck_assert_int_eq(cfg->expiry_days, 30);
    ck_assert_int_eq(lsc_config_set_expiry_days(cfg, 0), 0);
    ck_assert_int_eq(cfg->expiry_days, 0);
    ck_assert_int_eq(lsc_config_set_expiry_days(cfg, 45), 0);
    ck_assert_int_eq(cfg->expiry_days, 45);
    ck_assert_int_eq(lsc_config_set_expiry_days(cfg, INT64_MAX), 0);
    ck_assert_int_eq(cfg->expiry_days, 3660000); /* clamped: no overflow in now + days */
    ck_assert_int_eq(lsc_config_set_max_depth(cfg, 0), -1);
    ck_assert_uint_eq(cfg->max_depth, 64);
    ck_assert_int_eq(lsc_config_set_max_depth(cfg, 1), 0);
    ck_assert_uint_eq(cfg->max_depth, 1);
    ck_assert_int_eq(lsc_config_set_max_depth(cfg, 100000), 0);
    ck_assert_uint_eq(cfg->max_depth, 100000);
    lsc_config_free(cfg);
}
END_TEST

START_TEST(config_names) {
    static const char *const sev[] = {"off", "note", "warning", "error"};
    for (int i = 0; i < N(sev); i++) {
        lsc_severity s = (lsc_severity)-1;
        ck_assert_str_eq(lsc_severity_name((lsc_severity)i), sev[i]);
        ck_assert_int_eq(lsc_severity_parse(sev[i], &s), 0);
        ck_assert_int_eq(s, i);
    }
    lsc_severity s = LSC_NOTE;
    ck_assert_int_eq(lsc_severity_parse("ERROR", &s), -1);
    ck_assert_int_eq(lsc_severity_parse("", &s), -1);
    ck_assert_int_eq(lsc_severity_parse("warn", &s), -1);
    ck_assert_int_eq(lsc_severity_parse("errors", &s), -1);
    ck_assert_int_eq(lsc_severity_parse(NULL, &s), -1);
    ck_assert_int_eq(s, LSC_NOTE);
    ck_assert_str_eq(lsc_severity_name((lsc_severity)7), "unknown");

    static const char *const types[] = {"absent", "null",   "boolean", "number",
                                        "string", "object", "array"};
    for (int i = 0; i < N(types); i++)
        ck_assert_str_eq(lsc_json_type_name((lsc_json_type)i), types[i]);
    ck_assert_str_eq(lsc_json_type_name(LSC_JSON_OBJECT), "object");
    ck_assert_str_eq(lsc_json_type_name((lsc_json_type)7), "unknown");
}
END_TEST

/* Fail each allocation in turn: NULL or -1 and no leak, then success. */
START_TEST(config_alloc_failures) {
    long k;
    for (k = 0;; k++) {
        lscp_alloc_fail_at(k, _i);
        lsc_config *cfg = lsc_config_new();
        int ok = cfg && lsc_config_set_expect_name(cfg, "name") == 0;
        long used = lscp_alloc_count();
        lsc_config_free(cfg);
        lscp_alloc_fail_at(-1, 0);
        if (used <= k) {
            ck_assert(ok);
            break;
        }
        ck_assert(!ok);
    }
    ck_assert_int_eq(k, 2);
}
END_TEST

/* ------------------------------------------------------------------ */
/* text                                                               */
/* ------------------------------------------------------------------ */

typedef struct quote_case {
    const char *in;
    size_t len;
    size_t max;
    size_t size;
    const char *out;
} quote_case;

#define Q(in, out)                                                                                 \
    { in, sizeof(in) - 1, 1000, 256, out }
#define QM(in, max, out)                                                                           \
    { in, sizeof(in) - 1, max, 256, out }
#define QS(in, size, out)                                                                          \
    { in, sizeof(in) - 1, 1000, size, out }

static const quote_case quote_cases[] = {
    Q("abc", "\"abc\""),
    Q("", "\"\""),
    Q("a\"b\\c/", "\"a\\\"b\\\\c/\""),
    /* control characters */
    Q("\x1b[31mred\x1b[0m", "\"\\u001b[31mred\\u001b[0m\""),
    Q("a\r\nb\tc", "\"a\\r\\nb\\tc\""),
    Q("\b\f\v\a", "\"\\b\\f\\u000b\\u0007\""),
    Q("a\0b", "\"a\\u0000b\""),
    Q("\x01\x1f", "\"\\u0001\\u001f\""),
    Q("\x7f", "\"\\u007f\""),
    Q("\xc2\x80", "\"\\u0080\""),
    Q("\xc2\x85", "\"\\u0085\""),
    Q("\302\2332J", "\"\\u009b2J\""), /* CSI */
    Q("\xc2\x9f", "\"\\u009f\""),
    Q("\xe2\x80\xa8", "\"\\u2028\""),
    Q("\xe2\x80\xa9", "\"\\u2029\""),
    Q("abc\342\200\256cba", "\"abc\\u202ecba\""), /* RLO */
    Q("\xe2\x81\xa6", "\"\\u2066\""),
    /* valid UTF-8 stays */
    Q("\xc2\xa0", "\"\xc2\xa0\""),
    Q("caf\xc3\xa9", "\"caf\xc3\xa9\""),
    Q("\xe2\x82\xac", "\"\xe2\x82\xac\""),
    Q("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""),
    Q("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""),
    Q("\xef\xbf\xbd", "\"\xef\xbf\xbd\""),
    Q("\xed\x9f\xbf", "\"\xed\x9f\xbf\""),
    /* not UTF-8: each byte as \xHH */
    Q("\xff", "\"\\xff\""),
    Q("a\x80z", "\"a\\x80z\""),
    Q("\xc0\xaf", "\"\\xc0\\xaf\""),
    Q("\xc1\xbf", "\"\\xc1\\xbf\""),
    Q("\xe0\x80\xaf", "\"\\xe0\\x80\\xaf\""),
    Q("\xe0\x9f\xbf", "\"\\xe0\\x9f\\xbf\""),
    Q("\xf0\x80\x80\xaf", "\"\\xf0\\x80\\x80\\xaf\""),
    Q("\xf0\x8f\xbf\xbf", "\"\\xf0\\x8f\\xbf\\xbf\""),
    Q("\xed\xa0\x80", "\"\\xed\\xa0\\x80\""),
    Q("\xed\xbf\xbf", "\"\\xed\\xbf\\xbf\""),
    Q("\xf4\x90\x80\x80", "\"\\xf4\\x90\\x80\\x80\""),
    Q("\xf5\x80\x80\x80", "\"\\xf5\\x80\\x80\\x80\""),
    Q("\xe2\x82", "\"\\xe2\\x82\""),
    Q("\xe2\x82z", "\"\\xe2\\x82z\""),
    Q("\xf0\x9f\x98", "\"\\xf0\\x9f\\x98\""),
    Q("\xc3", "\"\\xc3\""),
    Q("\xc3\xc3\xa9", "\"\\xc3\xc3\xa9\""),
    /* cut after max code points */
    QM("abcdef", 3, "\"abc...\""),
    QM("abcdef", 6, "\"abcdef\""),
    QM("abcdef", 5, "\"abcde...\""),
    QM("abcdef", 0, "\"...\""),
    QM("", 0, "\"\""),
    QM("\xc3\xa9\xc3\xa9\xc3\xa9", 2, "\"\xc3\xa9\xc3\xa9...\""),
    QM("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 1, "\"\xf0\x9f\x98\x80...\""),
    QM("\n\n\n", 2, "\"\\n\\n...\""),
    QM("\xff\xfe", 1, "\"\\xff...\""),
    /* small buffers: whole units only, then ..." */
    QS("abcdef", 9, "\"abcdef\""),
    QS("abcdef", 8, "\"ab...\""),
    QS("abcdef", 6, "\"...\""),
    QS("abcdef", 5, ""),
    QS("abcdef", 1, ""),
    QS("", 3, "\"\""),
    QS("", 2, ""),
    QS("\xc3\xa9\xc3\xa9\xc3\xa9", 9, "\"\xc3\xa9\xc3\xa9\xc3\xa9\""),
    QS("\xc3\xa9\xc3\xa9\xc3\xa9", 8, "\"\xc3\xa9...\""),
    QS("\xc3\xa9\xc3\xa9\xc3\xa9", 7, "\"...\""),
    QS("\x1b\x1b", 15, "\"\\u001b\\u001b\""),
    QS("\x1b\x1b", 14, "\"\\u001b...\""),
    QS("\x1b\x1b", 12, "\"\\u001b...\""),
    QS("\x1b\x1b", 11, "\"...\""),
    QS("\xff\xff", 11, "\"\\xff\\xff\""),
    QS("\xff\xff", 10, "\"\\xff...\""),
};

START_TEST(quote_table) {
    const quote_case *c = &quote_cases[_i];
    char buf[300];
    memset(buf, '#', sizeof buf);
    char *r = lscp_quote(buf, c->size, c->in, c->len, c->max);
    ck_assert_ptr_eq(r, buf);
    ck_assert_str_eq(buf, c->out);
    ck_assert_uint_lt(strlen(buf), c->size);
    ck_assert_int_eq(buf[c->size], '#'); /* nothing written past size */
}
END_TEST

START_TEST(quote_degenerate) {
    char buf[8] = "xxxxxxx";
    ck_assert_ptr_eq(lscp_quote(buf, 0, "abc", 3, 10), buf);
    ck_assert_str_eq(buf, "xxxxxxx");
    ck_assert_ptr_eq(lscp_quote(buf, sizeof buf, NULL, 5, 10), buf);
    ck_assert_str_eq(buf, "\"\"");
    ck_assert_ptr_null(lscp_quote(NULL, 8, "abc", 3, 10));
}
END_TEST

/* Mixed text (controls, multibyte, invalid bytes) at every buffer size:
 * never past size, always NUL-terminated, always whole escapes. */
static const char *const mixed[] = {
    "plain ascii value",
    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 end",
    "\x1b]0;title\x07\r\n\"q\"\\",
    "\xff\xc0\xaf\xe2\x82\xed\xa0\x80ok\xc2\x85\xe2\x80\xa8",
};

START_TEST(quote_every_size) {
    const char *in = mixed[_i];
    size_t len = strlen(in);
    char full[512], esc[512], buf[520];
    lscp_quote(full, sizeof full, in, len, SIZE_MAX);
    size_t full_len = strlen(full);
    ck_assert_uint_eq(lscp_escape(esc, sizeof esc, in, len), full_len - 2);
    for (size_t size = 1; size <= full_len + 2; size++) {
        memset(buf, '#', sizeof buf);
        lscp_quote(buf, size, in, len, SIZE_MAX);
        size_t n = strlen(buf);
        ck_assert_uint_lt(n, size);
        ck_assert_int_eq(buf[size], '#');
        if (full_len < size) {
            ck_assert_str_eq(buf, full);
            continue;
        }
        if (size < 6) {
            ck_assert_str_eq(buf, "");
            continue;
        }
        /* "PREFIX..." where PREFIX escapes a whole-unit prefix of the input,
         * the longest that fits */
        ck_assert_uint_ge(n, 5);
        ck_assert_str_eq(buf + n - 4, "...\"");
        size_t body = n - 5, best = 0;
        for (size_t k = 0; k <= len; k++) {
            char part[512];
            size_t m = lscp_escape(part, sizeof part, in, k);
            /* k ends a unit when its escape is a prefix of the whole one */
            if (m <= full_len - 2 && memcmp(part, esc, m) == 0 && m + 5 < size && m > best)
                best = m;
        }
        ck_assert_msg(body == best && memcmp(buf + 1, esc, body) == 0, "size %zu: %s", size, buf);
    }
}
END_TEST

typedef struct escape_case {
    const char *in;
    size_t len;
    size_t size;
    const char *out;
    size_t need;
} escape_case;

#define E(in, size, out, need)                                                                     \
    { in, sizeof(in) - 1, size, out, need }

static const escape_case escape_cases[] = {
    E("a\"b", 64, "a\\\"b", 4),
    E("", 64, "", 0),
    E("a\0b", 64, "a\\u0000b", 8),
    E("\x1b", 64, "\\u001b", 6),
    E("\x1b", 6, "", 6),
    E("\x1b", 7, "\\u001b", 6),
    E("ab\x1b", 8, "ab", 8),
    E("ab\x1b", 9, "ab\\u001b", 8),
    E("ab\033c", 8, "ab", 9), /* nothing after a unit that did not fit */
    E("\xc3\xa9\xc3\xa9", 4, "\xc3\xa9", 4),
    E("\xc3\xa9\xc3\xa9", 3, "\xc3\xa9", 4),
    E("\xc3\xa9\xc3\xa9", 2, "", 4),
    E("\xff\xfe", 6, "\\xff", 8),
    E("\xe2\x80\xa8x", 64, "\\u2028x", 7),
    E("x", 1, "", 1),
};

START_TEST(escape_table) {
    const escape_case *c = &escape_cases[_i];
    char buf[80];
    memset(buf, '#', sizeof buf);
    ck_assert_uint_eq(lscp_escape(buf, c->size, c->in, c->len), c->need);
    ck_assert_str_eq(buf, c->out);
    ck_assert_int_eq(buf[c->size], '#');
    ck_assert_uint_eq(lscp_escape(NULL, 0, c->in, c->len), c->need);
}
END_TEST

/* ------------------------------------------------------------------ */
/* alloc                                                              */
/* ------------------------------------------------------------------ */

static const char *self_path;

START_TEST(alloc_counts_and_zero_sizes) {
    lscp_alloc_fail_at(-1, 0);
    ck_assert_int_eq(lscp_alloc_count(), 0);
    void *a = lscp_malloc(0);
    void *b = lscp_calloc(0, 16);
    void *c = lscp_calloc(16, 0);
    void *d = lscp_malloc(10);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_nonnull(d);
    d = lscp_realloc(d, 0); /* keeps a block: NULL would mean failure */
    ck_assert_ptr_nonnull(d);
    void *e = lscp_realloc(NULL, 4);
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(lscp_alloc_count(), 6);
    ck_assert_ptr_null(lscp_calloc(SIZE_MAX, 2)); /* overflow is failure */
    ck_assert_int_eq(lscp_alloc_count(), 7);
    lscp_free(a);
    lscp_free(b);
    lscp_free(c);
    lscp_free(d);
    lscp_free(e);
    lscp_free(NULL);
    ck_assert_int_eq(lscp_alloc_count(), 7); /* frees are not counted */
}
END_TEST

START_TEST(alloc_fail_transient) {
    lscp_alloc_fail_at(2, 0);
    void *p[5];
    for (int i = 0; i < 5; i++)
        p[i] = lscp_malloc(8);
    ck_assert_ptr_nonnull(p[0]);
    ck_assert_ptr_nonnull(p[1]);
    ck_assert_ptr_null(p[2]);
    ck_assert_ptr_nonnull(p[3]);
    ck_assert_ptr_nonnull(p[4]);
    ck_assert_int_eq(lscp_alloc_count(), 5);
    for (int i = 0; i < 5; i++)
        lscp_free(p[i]);
    lscp_alloc_fail_at(-1, 0);
}
END_TEST

START_TEST(alloc_fail_persistent) {
    lscp_alloc_fail_at(1, 1);
    void *a = lscp_malloc(8);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_null(lscp_calloc(1, 8));
    ck_assert_ptr_null(lscp_malloc(8));
    /* a failed realloc leaves the block as it was */
    memcpy(a, "kept", 5);
    ck_assert_ptr_null(lscp_realloc(a, 64));
    ck_assert_str_eq(a, "kept");
    ck_assert_int_eq(lscp_alloc_count(), 4);
    /* setting the hook again restarts the count */
    lscp_alloc_fail_at(-1, 0);
    ck_assert_int_eq(lscp_alloc_count(), 0);
    void *b = lscp_realloc(a, 64);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(b, "kept");
    lscp_free(b);
}
END_TEST

/* The child mode of this program: five allocations, the failed ones as
 * bits of the exit status. */
static int alloc_env_child(void) {
    int failed = 0;
    for (int i = 0; i < 5; i++) {
        void *p = lscp_malloc(8);
        if (!p)
            failed |= 1 << i;
        lscp_free(p);
    }
    return failed;
}

static const struct {
    const char *value; /* NULL: unset */
    int failed;
} env_cases[] = {
    {NULL, 0},       {"2", 1 << 2},   {"0", 1 << 0}, {"1:p", 0x1e}, {"3:1", 0x18},
    {"3:0", 1 << 3}, {"2:t", 1 << 2}, {"x", 0},      {"", 0},       {"-1", 0},
};

START_TEST(alloc_env) {
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (env_cases[_i].value)
            setenv("LSC_ALLOC_FAIL", env_cases[_i].value, 1);
        else
            unsetenv("LSC_ALLOC_FAIL");
        execl(self_path, self_path, "--alloc-env-child", (char *)NULL);
        execl("/proc/self/exe", self_path, "--alloc-env-child", (char *)NULL);
        _exit(127);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), env_cases[_i].failed);
}
END_TEST

/* ------------------------------------------------------------------ */
/* the checker's contract: statuses, lsc_error, misuse                  */
/* ------------------------------------------------------------------ */

typedef struct contract_run {
    lsc_checker *ck;
    int findings;
    char log[2048];
    lsc_status nested_feed, nested_finish; /* what the nested calls returned */
    int nest;                              /* nonzero: call back into ck from the callback */
    int stop_on_finding;
} contract_run;

static int contract_finding(void *user, const lsc_finding *f) {
    contract_run *r = user;
    size_t n = strlen(r->log);
    snprintf(r->log + n, sizeof r->log - n, "%s %llu:%llu\n", f->rule->id,
             (unsigned long long)f->pos.line, (unsigned long long)f->pos.column);
    r->findings++;
    return r->stop_on_finding;
}

static int contract_certificate(void *user, const lsc_certificate *c) {
    contract_run *r = user;
    (void)c;
    if (r->nest) {
        lsc_error err;
        /* the same checker, from inside its own callback: both refused */
        r->nested_feed = lsc_checker_feed(r->ck, "}}}", 3, &err);
        ck_assert_int_eq(err.code, LSC_MISUSE);
        r->nested_finish = lsc_checker_finish(r->ck, &err);
        ck_assert_int_eq(err.code, LSC_MISUSE);
    }
    return 0;
}

static lsc_checker *contract_checker(contract_run *r) {
    static const lsc_callbacks cb = {NULL, contract_certificate, NULL, contract_finding, NULL};
    lsc_error err;
    memset(r, 0, sizeof *r);
    r->ck = lsc_checker_new(NULL, "in.json", &cb, r, &err);
    ck_assert_ptr_nonnull(r->ck);
    return r->ck;
}

static const char contract_doc[] =
    "{\"certificates\":[{\"certificateName\":\"a\",\"bogus\":1}],\"nextPageToken\":\"t\"}\n";

START_TEST(contract_status_names) {
    ck_assert_str_eq(lsc_status_name(LSC_OK), "ok");
    ck_assert_str_eq(lsc_status_name(LSC_MALFORMED), "malformed");
    ck_assert_str_eq(lsc_status_name(LSC_STOPPED), "stopped");
    ck_assert_str_eq(lsc_status_name(LSC_NOMEM), "out of memory");
    ck_assert_str_eq(lsc_status_name(LSC_MISUSE), "misuse");
    ck_assert_str_eq(lsc_status_name((lsc_status)42), "unknown");
    /* the statuses that end a run are negative: `rc < 0` means stop */
    ck_assert_int_lt(LSC_STOPPED, 0);
    ck_assert_int_lt(LSC_NOMEM, 0);
    ck_assert_int_lt(LSC_MISUSE, 0);
}
END_TEST

/* Defect: a feed after finish returned 0 and started a second run. */
START_TEST(contract_feed_after_finish) {
    contract_run r;
    lsc_checker *ck = contract_checker(&r);
    lsc_error err;
    ck_assert_int_eq(lsc_checker_feed(ck, contract_doc, sizeof contract_doc - 1, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    const lsc_stats st = *lsc_checker_stats(ck);
    char before[sizeof r.log];
    memcpy(before, r.log, sizeof before);
    memset(&err, 0x55, sizeof err);
    ck_assert_int_eq(lsc_checker_feed(ck, contract_doc, sizeof contract_doc - 1, &err), LSC_MISUSE);
    ck_assert_int_eq(err.code, LSC_MISUSE);
    ck_assert_uint_eq(err.line, 0);
    ck_assert_uint_eq(err.column, 0);
    ck_assert_uint_eq(err.position, 0);
    ck_assert_str_eq(err.text, "lsc_checker_feed called after lsc_checker_finish");
    /* nothing moved: no document, no byte, no finding */
    ck_assert_uint_eq(lsc_checker_stats(ck)->documents, st.documents);
    ck_assert_uint_eq(lsc_checker_stats(ck)->bytes, st.bytes);
    ck_assert_str_eq(r.log, before);
    /* finish again: the first answer */
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    ck_assert_uint_eq(lsc_checker_stats(ck)->documents, 1);
    lsc_checker_free(ck);
}
END_TEST

/* Defect: feeding a checker from inside its own callback returned 1 and
 * marked the outer, well-formed input malformed. */
START_TEST(contract_reentrant_calls) {
    contract_run plain, nested;
    lsc_error err;
    lsc_checker *a = contract_checker(&plain);
    ck_assert_int_eq(lsc_checker_feed(a, contract_doc, sizeof contract_doc - 1, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(a, &err), LSC_OK);
    lsc_checker *b = contract_checker(&nested);
    nested.nest = 1;
    nested.nested_feed = nested.nested_finish = LSC_OK;
    /* in two chunks: the certificate closes inside the second feed */
    ck_assert_int_eq(lsc_checker_feed(b, contract_doc, 20, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_feed(b, contract_doc + 20, sizeof contract_doc - 1 - 20, &err),
                     LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(b, &err), LSC_OK);
    ck_assert_int_eq(nested.nested_feed, LSC_MISUSE);
    ck_assert_int_eq(nested.nested_finish, LSC_MISUSE);
    /* the outer run saw exactly what a run without nested calls sees */
    ck_assert_str_eq(nested.log, plain.log);
    ck_assert_str_eq(plain.log, "missing-field 1:18\nmissing-field 1:18\nunknown-field 1:41\n"
                                "partial-page 1:69\n");
    ck_assert_uint_eq(lsc_checker_stats(b)->bytes, sizeof contract_doc - 1);
    lsc_checker_free(a);
    lsc_checker_free(b);
}
END_TEST

/* Defect: lsc_error's line, column and position were never filled. */
START_TEST(contract_malformed_error) {
    contract_run r;
    lsc_checker *ck = contract_checker(&r);
    lsc_error err;
    static const char bad[] = "{\"a\":1,\n  x}";
    ck_assert_int_eq(lsc_checker_feed(ck, bad, sizeof bad - 1, &err), LSC_MALFORMED);
    ck_assert_int_eq(err.code, LSC_MALFORMED);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, 3);
    ck_assert_uint_eq(err.position, 10);
    ck_assert(strncmp(err.text, "invalid JSON: ", 14) == 0);
    /* the finding delivered says the same */
    ck_assert_str_eq(r.log, "json-syntax 2:3\n");
    /* later feeds and finish: the same status, the same error */
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(lsc_checker_feed(ck, "{}", 2, &err), LSC_MALFORMED);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_MALFORMED);
    ck_assert_uint_eq(err.position, 10);
    ck_assert_int_eq(lsc_checker_feed(ck, "{}", 2, &err), LSC_MISUSE);
    lsc_checker_free(ck);
}
END_TEST

START_TEST(contract_stopped_error) {
    contract_run r;
    lsc_checker *ck = contract_checker(&r);
    r.stop_on_finding = 1;
    lsc_error err;
    ck_assert_int_eq(lsc_checker_feed(ck, contract_doc, sizeof contract_doc - 1, &err),
                     LSC_STOPPED);
    ck_assert_int_eq(err.code, LSC_STOPPED);
    ck_assert_uint_eq(err.line, 0);
    ck_assert_str_eq(err.text, "stopped by a callback");
    ck_assert_int_eq(r.findings, 1);
    ck_assert_int_eq(lsc_checker_feed(ck, "{}", 2, &err), LSC_STOPPED);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_STOPPED);
    ck_assert_int_eq(r.findings, 1);
    lsc_checker_free(ck);
}
END_TEST

/* Defect: LSC_ALLOC_FAIL=4 (inside lsc_checker_new) ended the process. */
START_TEST(contract_new_out_of_memory) {
    long k;
    for (k = 0;; k++) {
        lsc_error err;
        memset(&err, 0, sizeof err);
        long live = lscp_alloc_live();
        lscp_alloc_fail_at(k, 0);
        lsc_checker *ck = lsc_checker_new(NULL, "x", NULL, NULL, &err);
        long used = lscp_alloc_count();
        lscp_alloc_fail_at(-1, 0);
        lsc_checker_free(ck);
        ck_assert_int_eq(lscp_alloc_live(), live);
        if (used <= k) {
            ck_assert_ptr_nonnull(ck);
            break;
        }
        ck_assert_ptr_null(ck);
        ck_assert_int_eq(err.code, LSC_NOMEM);
        ck_assert_str_eq(err.text, "out of memory");
    }
    ck_assert_int_gt(k, 4); /* yajl's handle and lexer among them */
}
END_TEST

/* Nesting 200,000 deep does bounded work: the decoder keeps frames only
 * up to --max-depth and the scanner's stack doubles, so the allocations are
 * yajl's state stack, which grows by a fixed 128 bytes (YAJL_BS_INC): one
 * per 128 levels, plus a constant; no probes; findings only at the depth
 * limit. This replaced a wall-clock limit in tests/hostile-inputs.sh. */
START_TEST(nesting_bounded_work) {
    const size_t depth = 200000;
    char *text = malloc(2 * depth + 1);
    ck_assert_ptr_nonnull(text);
    memset(text, '[', depth);
    memset(text + depth, ']', depth);
    text[2 * depth] = '\n';
    contract_run r;
    lscp_alloc_fail_at(-1, 0); /* restart the count */
    lsc_checker *ck = contract_checker(&r);
    lsc_error err;
    for (size_t off = 0; off < 2 * depth + 1; off += 65536) {
        size_t n = 2 * depth + 1 - off < 65536 ? 2 * depth + 1 - off : 65536;
        ck_assert_int_eq(lsc_checker_feed(ck, text + off, n, &err), LSC_OK);
    }
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    long allocations = lscp_alloc_count();
    printf("nesting %zu deep: %ld allocations, %" PRIu64 " probes\n", depth, allocations,
           lscp_checker_probes(ck));
    ck_assert_str_eq(r.log, "not-a-response 1:1\njson-depth 1:65\n");
    ck_assert_int_le(allocations, (long)(depth / 128) + 60);
    ck_assert_uint_eq(lscp_checker_probes(ck), 0);
    lsc_checker_free(ck);
    free(text);
}
END_TEST

/* Findings do not pile up: at most LSCP_FINDINGS_PER_RULE of one rule per
 * certificate or document, the last one saying how many more there were.
 * Defect: 1M duplicate keys kept 1M findings (284 MB peak). */
typedef struct cap_run {
    size_t count[3]; /* json-duplicate-key findings per document */
    char last[3][600];
} cap_run;

static int cap_finding(void *user, const lsc_finding *f) {
    cap_run *r = user;
    if (strcmp(f->rule->id, "json-duplicate-key") == 0 && f->document < 3) {
        r->count[f->document]++;
        snprintf(r->last[f->document], sizeof r->last[0], "%s", f->message);
    }
    return 0;
}

START_TEST(findings_capped_per_rule) {
    /* document 0: 3001 "k" in one object; document 1: 10; document 2: 1001 */
    static const size_t dups[3] = {3001, 10, 1001};
    char *text = malloc(64 * 1024);
    ck_assert_ptr_nonnull(text);
    size_t n = 0;
    for (int d = 0; d < 3; d++) {
        n += (size_t)sprintf(text + n, "{\"certificates\":[],\"x\":{");
        for (size_t i = 0; i < dups[d]; i++)
            n += (size_t)sprintf(text + n, "%s\"k\":0", i ? "," : "");
        n += (size_t)sprintf(text + n, "}}\n");
    }
    cap_run r;
    memset(&r, 0, sizeof r);
    lsc_callbacks cb = {0};
    cb.finding = cap_finding;
    lsc_error err;
    lsc_checker *ck = lsc_checker_new(NULL, "cap.json", &cb, &r, &err);
    ck_assert_ptr_nonnull(ck);
    ck_assert_int_eq(lsc_checker_feed(ck, text, n, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    ck_assert_uint_eq(r.count[0], LSCP_FINDINGS_PER_RULE);
    ck_assert_str_eq(r.last[0], "duplicate member \"k\" (first at 1:25); the later value is used "
                                "(and 2000 more json-duplicate-key findings here, not shown: at "
                                "most 1000 of one rule are reported per certificate or document)");
    /* every document starts afresh */
    ck_assert_uint_eq(r.count[1], 9);
    ck_assert_str_eq(r.last[1], "duplicate member \"k\" (first at 2:25); the later value is used");
    ck_assert_uint_eq(r.count[2], 1000);
    ck_assert(strstr(r.last[2], "(and 0 more") == NULL);
    ck_assert_str_eq(r.last[2], "duplicate member \"k\" (first at 3:25); the later value is used");
    lsc_checker_free(ck);
    free(text);
}
END_TEST

/* Unknown top-level members wait for the end of their document (an error
 * body has other members): past the cap only their number is kept.
 * Defect: 1M unknown top-level members took 439 MB. */
typedef struct unknown_run {
    size_t count;
    char last[600];
} unknown_run;

static int unknown_finding(void *user, const lsc_finding *f) {
    unknown_run *r = user;
    if (strcmp(f->rule->id, "unknown-field") == 0) {
        r->count++;
        snprintf(r->last, sizeof r->last, "%s", f->message);
    }
    return 0;
}

START_TEST(unknown_members_capped) {
    char *text = malloc(64 * 1024);
    ck_assert_ptr_nonnull(text);
    size_t n = (size_t)sprintf(text, "{\"certificates\":[]");
    for (int i = 0; i < 1500; i++)
        n += (size_t)sprintf(text + n, ",\"u%d\":0", i);
    /* unclosed: the incomplete document's unknown members count the same */
    if (_i == 0)
        n += (size_t)sprintf(text + n, "}\n");
    unknown_run r;
    memset(&r, 0, sizeof r);
    lsc_callbacks cb = {0};
    cb.finding = unknown_finding;
    lsc_error err;
    lsc_checker *ck = lsc_checker_new(NULL, "u.json", &cb, &r, &err);
    ck_assert_ptr_nonnull(ck);
    ck_assert_int_eq(lsc_checker_feed(ck, text, n, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), _i == 0 ? LSC_OK : LSC_MALFORMED);
    ck_assert_uint_eq(r.count, LSCP_FINDINGS_PER_RULE);
    ck_assert_str_eq(r.last, "unknown member \"u999\" in GetCertificatesResult (the model's "
                             "members are certificates and nextPageToken) (and 500 more "
                             "unknown-field findings here, not shown: at most 1000 of one rule "
                             "are reported per certificate or document)");
    lsc_checker_free(ck);
    free(text);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Lists stream: the element callback and the list limit               */
/* ------------------------------------------------------------------ */

typedef struct element_run {
    size_t elements[5];   /* per list kind */
    size_t last_index[5]; /* the last index seen, + 1 */
    int in_order;
    int after_certificate; /* an element came after its certificate callback */
    int certificates;
    size_t san_count, san_kept, san_chain;
    size_t tag_count, tag_kept, tag_chain;
    char first_name[32], last_name[32];
} element_run;

static int on_element_cb(void *user, const lsc_element *e) {
    element_run *r = user;
    if (r->certificates)
        r->after_certificate = 1;
    if (e->index + 1 <= r->last_index[e->list])
        r->in_order = 0;
    r->last_index[e->list] = e->index + 1;
    r->elements[e->list]++;
    if (e->list == LSC_LIST_NAMES) {
        ck_assert_ptr_nonnull(e->name);
        ck_assert_ptr_null(e->tag);
        ck_assert_ptr_null(e->record);
        snprintf(r->last_name, sizeof r->last_name, "%.*s", (int)e->name->len, e->name->s);
        if (e->index == 0)
            snprintf(r->first_name, sizeof r->first_name, "%s", r->last_name);
    }
    if (e->list == LSC_LIST_DETAIL_RECORDS)
        ck_assert_ptr_nonnull(e->record);
    if (e->list == LSC_LIST_SUMMARY_TAGS)
        ck_assert_ptr_nonnull(e->tag);
    return 0;
}

static int on_certificate_cb(void *user, const lsc_certificate *c) {
    element_run *r = user;
    const lsc_name_list *sans = &c->certificate_detail.subject_alternative_names;
    r->certificates++;
    r->san_count = sans->count;
    r->san_kept = sans->kept;
    r->san_chain = 0;
    for (const lsc_name *n = sans->first; n; n = n->next) {
        /* the first ones, in order (element 5 is not a name) */
        ck_assert_uint_eq(n->index, r->san_chain < 5 ? r->san_chain : r->san_chain + 1);
        r->san_chain++;
    }
    r->tag_count = c->tags.count;
    r->tag_kept = c->tags.kept;
    r->tag_chain = 0;
    for (const lsc_tag *t = c->tags.first; t; t = t->next)
        r->tag_chain++;
    return 0;
}

/* 600 names (and a non-string among them), 3 records, 300 tags. */
static char *list_doc(size_t *len) {
    char *text = malloc(64 * 1024);
    ck_assert_ptr_nonnull(text);
    size_t n = (size_t)sprintf(text, "{\"certificates\":[{\"certificateDetail\":{"
                                     "\"subjectAlternativeNames\":[");
    for (int i = 0; i < 600; i++)
        n += (size_t)sprintf(text + n, i == 5 ? "%s7" : "%s\"h%d.example.com\"", i ? "," : "", i);
    n += (size_t)sprintf(text + n, "],\"domainValidationRecords\":[{},{},{}]},\"tags\":[");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(text + n, "%s{\"key\":\"k%d\"}", i ? "," : "", i);
    n += (size_t)sprintf(text + n, "]}]}");
    *len = n;
    return text;
}

static const size_t list_limits[] = {256, 0, 10, SIZE_MAX};

START_TEST(element_callback_and_list_limit) {
    size_t n;
    char *text = list_doc(&n);
    element_run r;
    memset(&r, 0, sizeof r);
    r.in_order = 1;
    lsc_config *cfg = lsc_config_new();
    ck_assert_ptr_nonnull(cfg);
    if (_i > 0)
        lsc_config_set_list_limit(cfg, list_limits[_i]);
    lsc_callbacks cb = {0};
    cb.element = on_element_cb;
    cb.certificate = on_certificate_cb;
    lsc_error err;
    lsc_checker *ck = lsc_checker_new(cfg, "l.json", &cb, &r, &err);
    ck_assert_ptr_nonnull(ck);
    ck_assert_int_eq(lsc_checker_feed(ck, text, n, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    /* every element, whatever the limit, in order, before the certificate */
    ck_assert_uint_eq(r.elements[LSC_LIST_NAMES], 599); /* element 5 is not a string */
    ck_assert_uint_eq(r.elements[LSC_LIST_DETAIL_RECORDS], 3);
    ck_assert_uint_eq(r.elements[LSC_LIST_SUMMARY_TAGS], 300);
    ck_assert_uint_eq(r.elements[LSC_LIST_DETAIL_TAGS], 0);
    ck_assert_int_eq(r.in_order, 1);
    ck_assert_int_eq(r.after_certificate, 0);
    ck_assert_str_eq(r.first_name, "h0.example.com");
    ck_assert_str_eq(r.last_name, "h599.example.com");
    /* count counts every element; kept and the chain, at most the limit */
    size_t limit = list_limits[_i];
    ck_assert_uint_eq(r.san_count, 600);
    ck_assert_uint_eq(r.san_kept, limit < 599 ? limit : 599);
    ck_assert_uint_eq(r.san_chain, r.san_kept);
    ck_assert_uint_eq(r.tag_count, 300);
    ck_assert_uint_eq(r.tag_kept, limit < 300 ? limit : 300);
    ck_assert_uint_eq(r.tag_chain, r.tag_kept);
    lsc_checker_free(ck);
    lsc_config_free(cfg);
    free(text);
}
END_TEST

/* The findings of one input, as "rule pointer line:column" lines. */
typedef struct finding_text {
    char buf[4096];
    size_t len;
} finding_text;

static int collect_finding(void *user, const lsc_finding *f) {
    finding_text *t = user;
    int n = snprintf(t->buf + t->len, sizeof t->buf - t->len, "%s %.*s %llu:%llu\n", f->rule->id,
                     (int)f->pointer_len, f->pointer, (unsigned long long)f->pos.line,
                     (unsigned long long)f->pos.column);
    if (n > 0 && (size_t)n < sizeof t->buf - t->len)
        t->len += (size_t)n;
    return 0;
}

static void findings_of(const char *text, finding_text *out) {
    memset(out, 0, sizeof *out);
    lsc_callbacks cb = {0};
    cb.finding = collect_finding;
    lsc_error err;
    lsc_checker *ck = lsc_checker_new(NULL, "o.json", &cb, out, &err);
    ck_assert_ptr_nonnull(ck);
    ck_assert_int_eq(lsc_checker_feed(ck, text, strlen(text), &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    lsc_checker_free(ck);
}

/* The names and the status after the records give the findings they give
 * before them (the rules across members wait for the certificate's end). */
START_TEST(members_after_records) {
    /* the same members, each padded to the same width so the positions of
     * the records' values do not move: A holds names and status first */
    static const char records[] =
        "\"domainValidationRecords\":[{\"domainName\":\"a.example.com\","
        "\"validationStatus\":\"PENDING_VALIDATION\"},{\"domainName\":\"x.example.com\","
        "\"validationStatus\":\"SUCCESS\"},{\"domainName\":\"A.example.com\","
        "\"validationStatus\":\"FAILED\"}]";
    static const char names[] = "\"subjectAlternativeNames\":[\"a.example.com\"]";
    static const char status[] = "\"status\":\"ISSUED\"";
    char before[2048], after[2048];
    snprintf(before, sizeof before,
             "{\"certificates\":[{\"certificateDetail\":{%s,%s,%s,"
             "\"domainName\":\"a.example.com\"}}]}",
             names, status, records);
    snprintf(after, sizeof after,
             "{\"certificates\":[{\"certificateDetail\":{%s,%s,%s,"
             "\"domainName\":\"a.example.com\"}}]}",
             records, names, status);
    finding_text a, b;
    findings_of(before, &a);
    findings_of(after, &b);
    /* the rule lines, without positions (the members moved) */
    const char *want[] = {
        "validation-incomplete /certificates/0/certificateDetail/domainValidationRecords/0/"
        "validationStatus",
        "validation-incomplete /certificates/0/certificateDetail/domainValidationRecords/2/"
        "validationStatus",
        "validation-record-domain /certificates/0/certificateDetail/domainValidationRecords/1/"
        "domainName",
        "validation-record-domain /certificates/0/certificateDetail/domainValidationRecords/2/"
        "domainName",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        ck_assert_msg(strstr(a.buf, want[i]) != NULL, "before: %s missing in\n%s", want[i], a.buf);
        ck_assert_msg(strstr(b.buf, want[i]) != NULL, "after: %s missing in\n%s", want[i], b.buf);
    }
    size_t count_a = 0, count_b = 0;
    for (const char *p = a.buf; *p; p++)
        count_a += *p == '\n';
    for (const char *p = b.buf; *p; p++)
        count_b += *p == '\n';
    ck_assert_uint_eq(count_a, count_b);
}
END_TEST

/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* a checker started part way into an input (the -j split's calls)     */
/* ------------------------------------------------------------------ */

typedef struct origin_run {
    char log[4096];
} origin_run;

static int origin_finding(void *user, const lsc_finding *f) {
    origin_run *r = user;
    size_t n = strlen(r->log);
    snprintf(r->log + n, sizeof r->log - n, "%s doc %zu at %llu:%llu+%llu %s\n", f->rule->id,
             f->document, (unsigned long long)f->pos.line, (unsigned long long)f->pos.column,
             (unsigned long long)f->pos.offset, f->message);
    return 0;
}

static lsc_checker *origin_checker(origin_run *r) {
    static const lsc_callbacks cb = {NULL, NULL, NULL, origin_finding, NULL};
    lsc_error err;
    memset(r, 0, sizeof *r);
    lsc_checker *ck = lsc_checker_new(NULL, "in.json", &cb, r, &err);
    ck_assert_ptr_nonnull(ck);
    return ck;
}

/* The page of a listing that goes on: its certificate repeats an ARN seen
 * before the origin. */
static const char origin_page[] =
    "{\"certificates\":[{\"certificateArn\":\"arn:aws:lightsail:us-east-1:123456789012:"
    "Certificate/x\",\"certificateName\":\"x\",\"domainName\":\"x.example.com\"}]}\n";

START_TEST(origin_positions_and_listing) {
    origin_run whole, part;
    lsc_error err;
    /* the reference: one checker reads both pages from the start */
    static const char first[] =
        "{\"certificates\":[{\"certificateArn\":\"arn:aws:lightsail:us-east-1:123456789012:"
        "Certificate/x\",\"certificateName\":\"x\",\"domainName\":\"x.example.com\"}],"
        "\"nextPageToken\":\"t\"}\n";
    lsc_checker *ck = origin_checker(&whole);
    ck_assert_int_eq(lsc_checker_feed(ck, first, sizeof first - 1, &err), LSC_OK);
    ck_assert(lsc_checker_between_documents(ck));
    ck_assert_int_eq(lsc_checker_feed(ck, origin_page, sizeof origin_page - 1, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    lsc_stats st_whole = *lsc_checker_stats(ck);
    lsc_checker_free(ck);
    /* the split: the second page alone, from the origin, with the listing's ARN */
    ck = origin_checker(&part);
    lsc_pos at = {sizeof first - 1, 2, 1};
    ck_assert_int_eq(lsc_checker_set_origin(ck, at, 1, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_set_head(ck, first, sizeof first - 1), LSC_OK);
    static const char arn[] = "arn:aws:lightsail:us-east-1:123456789012:Certificate/x";
    ck_assert_int_eq(lsc_checker_listing_add(ck, arn, sizeof arn - 1, 0, 0), LSC_OK);
    ck_assert_int_eq(lsc_checker_feed(ck, origin_page, sizeof origin_page - 1, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    /* the second page's findings, exactly as the whole reading gave them */
    const char *second = strstr(whole.log, "doc 1 ");
    ck_assert_ptr_nonnull(second);
    ck_assert_msg(strstr(part.log, "duplicate-certificate doc 1 at 2:"), "whole:\n%s\npart:\n%s",
                  whole.log, part.log);
    ck_assert_ptr_nonnull(strstr(part.log, "(document 0, certificate 0)"));
    const char *line = whole.log;
    while ((line = strstr(line, "doc 1 ")) != NULL) { /* every doc-1 finding of the whole run */
        const char *start = line;
        while (start > whole.log && start[-1] != '\n')
            start--;
        const char *end = strchr(line, '\n');
        char one[1024];
        snprintf(one, sizeof one, "%.*s", (int)(end - start + 1), start);
        ck_assert_msg(strstr(part.log, one), "missing from the split run: %s", one);
        line = end;
    }
    ck_assert_uint_eq(lsc_checker_stats(ck)->bytes, st_whole.bytes);
    ck_assert_uint_eq(lsc_checker_stats(ck)->documents, st_whole.documents);
    lsc_checker_free(ck);
}
END_TEST

START_TEST(origin_misuse) {
    origin_run r;
    lsc_error err;
    char big[LSC_HEAD_SIZE + 1];
    memset(big, ' ', sizeof big);
    ck_assert_int_eq(lsc_checker_between_documents(NULL), 0);
    lsc_checker *ck = origin_checker(&r);
    lsc_pos bad = {0, 0, 1};
    ck_assert_int_eq(lsc_checker_set_origin(ck, bad, 0, &err), LSC_MISUSE);
    ck_assert_int_eq(lsc_checker_set_head(ck, big, sizeof big), LSC_MISUSE);
    ck_assert_int_eq(lsc_checker_feed(ck, "{\"certificates\":[", 17, &err), LSC_OK);
    ck_assert(!lsc_checker_between_documents(ck)); /* a document is open */
    lsc_pos at = {10, 1, 11};
    ck_assert_int_eq(lsc_checker_set_origin(ck, at, 0, &err), LSC_MISUSE);
    ck_assert_int_eq(lsc_checker_set_head(ck, "{", 1), LSC_MISUSE);
    ck_assert_int_eq(lsc_checker_listing_add(ck, "arn", 3, 0, 0), LSC_MISUSE);
    ck_assert_int_eq(lsc_checker_feed(ck, "]}\n", 3, &err), LSC_OK);
    ck_assert(lsc_checker_between_documents(ck));
    ck_assert_int_eq(lsc_checker_feed(ck, "]", 1, &err), LSC_MALFORMED);
    ck_assert(!lsc_checker_between_documents(ck)); /* malformed: no taking over */
    lsc_checker_free(ck);
}
END_TEST

/* Defect: lsc_checker_free() from inside the checker's own callback freed
 * the checker under the running feed (heap use after free). Now the free
 * waits until that feed returns, which stops the run: no callback after. */
typedef struct free_run {
    lsc_checker *ck;
    int calls;
    int free_on; /* 1 certificate callback, 2 finding callback */
    int freed;   /* the callback freed the checker */
    int after;   /* callbacks after that */
} free_run;

static int free_cert(void *user, const lsc_certificate *c) {
    free_run *r = user;
    (void)c;
    r->calls++;
    r->after += r->freed;
    if (r->free_on == 1 && !r->freed) {
        r->freed = 1;
        lsc_checker_free(r->ck);
    }
    return 0;
}

static int free_finding(void *user, const lsc_finding *f) {
    free_run *r = user;
    (void)f;
    r->calls++;
    r->after += r->freed;
    if (r->free_on == 2 && !r->freed) {
        r->freed = 1;
        lsc_checker_free(r->ck);
    }
    return 0;
}

START_TEST(contract_free_inside_callback) {
    static const lsc_callbacks cb = {NULL, free_cert, NULL, free_finding, NULL};
    free_run r = {NULL, 0, _i + 1, 0, 0};
    lsc_error err;
    long live = lscp_alloc_live();
    r.ck = lsc_checker_new(NULL, "in.json", &cb, &r, &err);
    ck_assert_ptr_nonnull(r.ck);
    /* two certificates with findings: without the stop, more callbacks */
    static const char two[] = "{\"certificates\":[{\"bogus\":1},{\"bogus\":2}]}\n";
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(lsc_checker_feed(r.ck, two, sizeof two - 1, &err), LSC_STOPPED);
    ck_assert_int_eq(err.code, LSC_STOPPED);
    ck_assert_int_eq(r.freed, 1);
    ck_assert_int_eq(r.after, 0);              /* the callback that freed it was the last */
    ck_assert_int_eq(lscp_alloc_live(), live); /* freed when the feed returned */
}
END_TEST

/* Defect: an origin near UINT64_MAX was accepted, and the offsets of a valid
 * document wrapped round. Any field above INT64_MAX is refused: a sum with
 * the length of any input (an off_t) then fits. */
START_TEST(origin_overflow) {
    static const lsc_pos bad[] = {
        {UINT64_MAX - 5, 1, 1},
        {(uint64_t)INT64_MAX + 1, 1, 1},
        {100, UINT64_MAX, 1},
        {UINT64_MAX, 1, UINT64_MAX},
    };
    lsc_error err;
    for (int i = 0; i < N(bad); i++) {
        lsc_checker *ck = lsc_checker_new(NULL, "x", NULL, NULL, &err);
        ck_assert_ptr_nonnull(ck);
        memset(&err, 0, sizeof err);
        ck_assert_int_eq(lsc_checker_set_origin(ck, bad[i], 0, &err), LSC_MISUSE);
        ck_assert_int_eq(err.code, LSC_MISUSE);
        /* nothing changed: the checker reads from the start */
        ck_assert_int_eq(lsc_checker_feed(ck, "{}\n", 3, &err), LSC_OK);
        ck_assert_uint_eq(lsc_checker_stats(ck)->bytes, 3);
        lsc_checker_free(ck);
    }
    lsc_checker *ck = lsc_checker_new(NULL, "x", NULL, NULL, &err);
    ck_assert_ptr_nonnull(ck);
    ck_assert_int_eq(lsc_checker_set_origin(ck, (lsc_pos){UINT64_MAX - 5, 1, 1}, (size_t)-1, &err),
                     LSC_MISUSE);
    lsc_pos top = {(uint64_t)INT64_MAX, 7, 1};
    ck_assert_int_eq(lsc_checker_set_origin(ck, top, 3, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_feed(ck, "{}\n", 3, &err), LSC_OK);
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    ck_assert_uint_eq(lsc_checker_stats(ck)->bytes, (uint64_t)INT64_MAX + 3);
    lsc_checker_free(ck);
}
END_TEST

/* Defect: memory ran out while the json-syntax finding was built (its
 * pointer), the finding was never delivered, and the feed said
 * LSC_MALFORMED ("a finding was delivered"): the CLI exited 0. For every
 * allocation k: either the finding came out with LSC_MALFORMED, or
 * LSC_NOMEM. */
static int syntax_seen(void *user, const lsc_finding *f) {
    int *seen = user;
    if (strcmp(f->rule->id, "json-syntax") == 0)
        (*seen)++;
    return 0;
}

START_TEST(syntax_finding_out_of_memory) {
    static const char bad[] =
        "{\"certificates\":[{\"certificateName\":\"a\",\"tags\":[{\"key\":x}]}]}";
    static const lsc_callbacks cb = {NULL, NULL, NULL, syntax_seen, NULL};
    long k;
    int nomem = 0;
    for (k = 0; k < 10000; k++) {
        int seen = 0;
        lsc_error err;
        lsc_checker *ck = lsc_checker_new(NULL, "x", &cb, &seen, &err);
        if (!ck)
            continue;              /* the allocations of new are tested above */
        lscp_alloc_fail_at(k, _i); /* counts from 0 again */
        lsc_status st = lsc_checker_feed(ck, bad, sizeof bad - 1, &err);
        if (st == LSC_OK)
            st = lsc_checker_finish(ck, &err);
        long used = lscp_alloc_count();
        lscp_alloc_fail_at(-1, 0);
        lsc_checker_free(ck);
        if (st == LSC_NOMEM) {
            nomem++;
            continue;
        }
        ck_assert_msg(st == LSC_MALFORMED && seen == 1,
                      "allocation %ld failed: status %d, %d json-syntax findings", k, st, seen);
        if (used <= k)
            break;
    }
    ck_assert_int_gt(nomem, 0);
    ck_assert_int_lt(k, 10000);
}
END_TEST

/* Defect: yajl re-lexed a token split across feeds from its start at every
 * feed: quadratic (a 64 MiB number took 30 s). The bytes yajl lexes, its
 * re-reads included (lscp_checker_lexed), now stay linear in the token's
 * length at any chunk size, and the findings are those of one feed. */
static int log_finding(void *user, const lsc_finding *f) {
    char *log = user;
    size_t n = strlen(log);
    snprintf(log + n, 4096 - n, "%s %s %llu:%llu @%llu\n", f->rule->id, f->pointer,
             (unsigned long long)f->pos.line, (unsigned long long)f->pos.column,
             (unsigned long long)f->pos.offset);
    return 0;
}

static uint64_t run_chunks(const char *doc, size_t len, size_t chunk, char *log) {
    static const lsc_callbacks cb = {NULL, NULL, NULL, log_finding, NULL};
    lsc_error err;
    log[0] = '\0';
    lsc_checker *ck = lsc_checker_new(NULL, "x", &cb, log, &err);
    ck_assert_ptr_nonnull(ck);
    for (size_t at = 0; at < len; at += chunk) {
        size_t n = len - at < chunk ? len - at : chunk;
        ck_assert_int_eq(lsc_checker_feed(ck, doc + at, n, &err), LSC_OK);
    }
    ck_assert_int_eq(lsc_checker_finish(ck, &err), LSC_OK);
    uint64_t lexed = lscp_checker_lexed(ck);
    lsc_checker_free(ck);
    return lexed;
}

START_TEST(long_token_linear) {
    const size_t token = 256 * 1024;
    /* 0: a number as a name, 1: a string, 2: a string with escapes and
     * UTF-8, 3: a number that ends the input (no line break after it) */
    static const char *const head = "{\"certificates\":[{\"certificateName\":";
    size_t hl = strlen(head);
    char *doc = malloc(hl + token + 64);
    ck_assert_ptr_nonnull(doc);
    memcpy(doc, head, hl);
    size_t len = hl;
    if (_i == 3)
        len = 0;
    if (_i == 0 || _i == 3) {
        doc[len++] = '-';
        memset(doc + len, '7', token);
        len += token;
    } else {
        doc[len++] = '"';
        for (size_t i = 0; i < token; i++)
            doc[len++] = _i == 2 && i % 97 == 0 ? '\\' : _i == 2 && i % 97 == 1 ? 'n' : 'a';
        if (_i == 2) {
            memcpy(doc + len, "\xc3\xa9", 2);
            len += 2;
        }
        doc[len++] = '"';
    }
    if (_i != 3) {
        memcpy(doc + len, "}]}\n", 4);
        len += 4;
    }
    char *whole = calloc(1, 4096), *cut = calloc(1, 4096);
    ck_assert_ptr_nonnull(whole);
    ck_assert_ptr_nonnull(cut);
    uint64_t one = run_chunks(doc, len, len, whole);
    /* + the first bytes, fed apart (BOM); a number that ends the input is
     * lexed again at the end */
    ck_assert_uint_le(one, _i == 3 ? 2 * len + 3 : len + 3);
    static const size_t chunks[] = {1, 7, 64, 4096, 65536};
    for (int c = 0; c < N(chunks); c++) {
        if (chunks[c] < 64 && _i != 0)
            continue; /* bytes, not time: the small sizes once are enough */
        uint64_t lexed = run_chunks(doc, len, chunks[c], cut);
        printf("long token %d, %zu-byte feeds: %llu bytes lexed for %zu\n", _i, chunks[c],
               (unsigned long long)lexed, len);
        ck_assert_str_eq(cut, whole);
        /* the held bytes double before yajl gets them: each re-read at
         * most twice, plus the whole token once at its end (was ~len^2 / 2
         * / chunk) */
        ck_assert_msg(lexed <= 5 * (uint64_t)len, "%zu-byte feeds: %llu bytes lexed for %zu",
                      chunks[c], (unsigned long long)lexed, len);
    }
    free(doc);
    free(whole);
    free(cut);
}
END_TEST

static Suite *lib_suite(void) {
    Suite *s = suite_create("lib");
    TCase *tc = tcase_create("config");
    tcase_add_loop_test(tc, config_rule_defaults, 0, N(catalog));
    tcase_add_test(tc, config_defaults);
    tcase_add_test(tc, config_unknown_ids);
    tcase_add_test(tc, config_set_severity);
    tcase_add_test(tc, config_now);
    tcase_add_test(tc, config_expect);
    tcase_add_loop_test(tc, config_expect_status, 0, N(status_cases));
    tcase_add_test(tc, config_expect_status_keeps_on_error);
    tcase_add_test(tc, config_expect_name);
    tcase_add_test(tc, config_limits);
    tcase_add_test(tc, config_names);
    tcase_add_loop_test(tc, config_alloc_failures, 0, 2);
    suite_add_tcase(s, tc);

    tc = tcase_create("text");
    tcase_add_loop_test(tc, quote_table, 0, N(quote_cases));
    tcase_add_test(tc, quote_degenerate);
    tcase_add_loop_test(tc, quote_every_size, 0, N(mixed));
    tcase_add_loop_test(tc, escape_table, 0, N(escape_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("alloc");
    tcase_add_test(tc, alloc_counts_and_zero_sizes);
    tcase_add_test(tc, alloc_fail_transient);
    tcase_add_test(tc, alloc_fail_persistent);
    tcase_add_loop_test(tc, alloc_env, 0, N(env_cases));
    tcase_add_test(tc, contract_status_names);
    tcase_add_test(tc, contract_feed_after_finish);
    tcase_add_test(tc, contract_reentrant_calls);
    tcase_add_test(tc, contract_malformed_error);
    tcase_add_test(tc, contract_stopped_error);
    tcase_add_test(tc, contract_new_out_of_memory);
    tcase_add_test(tc, nesting_bounded_work);
    tcase_add_test(tc, findings_capped_per_rule);
    tcase_add_loop_test(tc, unknown_members_capped, 0, 2);
    tcase_add_loop_test(tc, element_callback_and_list_limit, 0, 4);
    tcase_add_test(tc, members_after_records);
    tcase_add_loop_test(tc, contract_free_inside_callback, 0, 2);
    tcase_add_loop_test(tc, syntax_finding_out_of_memory, 0, 2);
    tcase_add_loop_test(tc, long_token_linear, 0, 4);
    suite_add_tcase(s, tc);

    tc = tcase_create("origin");
    tcase_add_test(tc, origin_positions_and_listing);
    tcase_add_test(tc, origin_misuse);
    tcase_add_test(tc, origin_overflow);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--alloc-env-child") == 0)
        return alloc_env_child();
    self_path = argv[0];
    SRunner *sr = srunner_create(lib_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
