/* parser/timestamp.c: every saved timestamp form of doc/contract.md §3,
 * every error class, the year 0000..9999 limits, formatting. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lscertlint.h"
#include "parser/timestamp.h"

#define TIME_MIN_SEC INT64_C(-62167219200) /* 0000-01-01T00:00:00Z */
#define TIME_MAX_SEC INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

/* 2^1024 - 2^970, the smallest decimal that overflows a double. */
#define OVERFLOW_DIGITS                                                                            \
    "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901"    \
    "79775872070963302864166928879109465555478519404026306574886715058206819089020007083836762"    \
    "73854845817711531764475730270069855571366959622842914819860834936475292719074168444365510"    \
    "704342711559699508093042880177904174497792"
#define OVERFLOW_DIGITS_MINUS_ONE                                                                  \
    "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901"    \
    "79775872070963302864166928879109465555478519404026306574886715058206819089020007083836762"    \
    "73854845817711531764475730270069855571366959622842914819860834936475292719074168444365510"    \
    "704342711559699508093042880177904174497791"

typedef struct number_case {
    const char *text;
    lsc_time_status status;
    int64_t sec;
    int32_t nsec;
} number_case;

static const number_case number_cases[] = {
    /* wire numbers, CLI v1 re-prints */
    {"1687200434", LSC_TIME_OK, 1687200434, 0},
    {"1687200434.567", LSC_TIME_OK, 1687200434, 567000000},
    {"1721347199.0", LSC_TIME_OK, 1721347199, 0},
    {"1.6871328E9", LSC_TIME_OK, 1687132800, 0},
    {"1.687200434567E9", LSC_TIME_OK, 1687200434, 567000000},
    {"1.687200434567e+09", LSC_TIME_OK, 1687200434, 567000000},
    {"1687200434567e-3", LSC_TIME_OK, 1687200434, 567000000},
    {"0.1687200434567E10", LSC_TIME_OK, 1687200434, 567000000},
    /* zero in every spelling */
    {"0", LSC_TIME_OK, 0, 0},
    {"-0", LSC_TIME_OK, 0, 0},
    {"-0.000", LSC_TIME_OK, 0, 0},
    {"0e99999999999999999999999", LSC_TIME_OK, 0, 0},
    {"-0E-5", LSC_TIME_OK, 0, 0},
    /* fractions: exact, truncated below 1 ns */
    {"1687200434.1234567891", LSC_TIME_OK, 1687200434, 123456789},
    {"1687200434.999999999999", LSC_TIME_OK, 1687200434, 999999999},
    {"0.000000001", LSC_TIME_OK, 0, 1},
    {"0.0000000009", LSC_TIME_OK, 0, 0},
    {"1.5e-9", LSC_TIME_OK, 0, 1},
    {"1e-10", LSC_TIME_OK, 0, 0},
    {"1e-400", LSC_TIME_OK, 0, 0},
    {"12345678901234567890e-10", LSC_TIME_OK, 1234567890, 123456789},
    {"10E-1", LSC_TIME_OK, 1, 0},
    {"0.5e1", LSC_TIME_OK, 5, 0},
    {"100000000000000000000000000000e-20", LSC_TIME_OK, 1000000000, 0},
    {"000", LSC_TIME_BAD_SYNTAX, 0, 0},
    /* year 9999 boundary */
    {"253402300799", LSC_TIME_OK, TIME_MAX_SEC, 0},
    {"253402300799.999999999", LSC_TIME_OK, TIME_MAX_SEC, 999999999},
    {"2.53402300799E11", LSC_TIME_OK, TIME_MAX_SEC, 0},
    {"253402300800", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"2.534023008e11", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"1e12", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"1e13", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"999999999999999999999999999999", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"100000000000000000000000000000", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"1.7976931348623157e308", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {OVERFLOW_DIGITS_MINUS_ONE, LSC_TIME_OUT_OF_RANGE, 0, 0},
    {OVERFLOW_DIGITS_MINUS_ONE ".999999", LSC_TIME_OUT_OF_RANGE, 0, 0},
    /* not finite as a double */
    {"1e400", LSC_TIME_NOT_FINITE, 0, 0},
    {"1E309", LSC_TIME_NOT_FINITE, 0, 0},
    {"1.8e308", LSC_TIME_NOT_FINITE, 0, 0},
    {OVERFLOW_DIGITS, LSC_TIME_NOT_FINITE, 0, 0},
    {OVERFLOW_DIGITS ".000001", LSC_TIME_NOT_FINITE, 0, 0},
    {"1e99999999999999999999999", LSC_TIME_NOT_FINITE, 0, 0},
    {"-1e400", LSC_TIME_NOT_FINITE, 0, 0},
    /* negative */
    {"-5", LSC_TIME_NEGATIVE, 0, 0},
    {"-1687200434.567", LSC_TIME_NEGATIVE, 0, 0},
    {"-1.5E3", LSC_TIME_NEGATIVE, 0, 0},
    {"-0.000000001", LSC_TIME_NEGATIVE, 0, 0},
    {"-1e-400", LSC_TIME_NEGATIVE, 0, 0},
    {"-1e300", LSC_TIME_NEGATIVE, 0, 0},
    /* not a JSON number */
    {"", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"-", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"01", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"-01", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"1.", LSC_TIME_BAD_SYNTAX, 0, 0},
    {".5", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"1e", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"1e+", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"1.5e-x", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"+1", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"1.5x", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"0x10", LSC_TIME_BAD_SYNTAX, 0, 0},
    {" 1", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"1 ", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"NaN", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"Infinity", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"1,5", LSC_TIME_BAD_SYNTAX, 0, 0},
};

START_TEST(number_table) {
    const number_case *c = &number_cases[_i];
    lsc_time t = {-7, -7};
    lsc_time_status st = lscp_time_from_number(c->text, strlen(c->text), &t);
    ck_assert_msg(st == c->status, "%s: status %d, expected %d", c->text, (int)st, (int)c->status);
    if (c->status == LSC_TIME_OK) {
        ck_assert_msg(t.sec == c->sec && t.nsec == c->nsec, "%s: %lld.%09d", c->text,
                      (long long)t.sec, (int)t.nsec);
    } else {
        ck_assert_msg(t.sec == -7 && t.nsec == -7, "%s: out written on failure", c->text);
    }
}
END_TEST

/* The length is what counts: a NUL or anything after len is not read. */
START_TEST(number_length) {
    lsc_time t;
    ck_assert_int_eq(lscp_time_from_number("1\0", 2, &t), LSC_TIME_BAD_SYNTAX);
    ck_assert_int_eq(lscp_time_from_number("1687200434.567,", 14, &t), LSC_TIME_OK);
    ck_assert_int_eq(t.sec, 1687200434);
    ck_assert_int_eq(t.nsec, 567000000);
    ck_assert_int_eq(lscp_time_from_number("12", 1, &t), LSC_TIME_OK);
    ck_assert_int_eq(t.sec, 1);
}
END_TEST

/* NOT_FINITE agrees with strtod (in the C locale) near the double limit. */
static const char *const finite_probes[] = {
    "1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.797693134862315807e308",
    "1.797693134862315808e308",
    "1.7976931348623159e308",
    "17976931348623158e307",
    "0.17976931348623159e309",
    OVERFLOW_DIGITS,
    OVERFLOW_DIGITS_MINUS_ONE,
    OVERFLOW_DIGITS_MINUS_ONE ".99999999999999999999",
    "-1.7976931348623159e308",
    "-1.7976931348623157e308",
    "1e308",
    "10e308",
    "9.99e307",
};

START_TEST(number_finite_like_strtod) {
    const char *text = finite_probes[_i];
    lsc_time t;
    lsc_time_status st = lscp_time_from_number(text, strlen(text), &t);
    int inf = isinf(strtod(text, NULL));
    ck_assert_msg((st == LSC_TIME_NOT_FINITE) == (inf != 0), "%s: status %d, strtod inf %d", text,
                  (int)st, inf);
}
END_TEST

typedef struct string_case {
    const char *text;
    lsc_time_status status;
    int64_t sec;
    int32_t nsec;
} string_case;

static const string_case string_cases[] = {
    /* CLI v2 (local zone), boto3 (space), JavaScript/Go (Z): one instant */
    {"2023-06-19T11:47:14.567000-07:00", LSC_TIME_OK, 1687200434, 567000000},
    {"2023-06-19 18:47:14.567000+00:00", LSC_TIME_OK, 1687200434, 567000000},
    {"2023-06-19T18:47:14.567Z", LSC_TIME_OK, 1687200434, 567000000},
    {"2023-06-19t18:47:14.567z", LSC_TIME_OK, 1687200434, 567000000},
    {"2023-06-20T03:17:14.567+08:30", LSC_TIME_OK, 1687200434, 567000000},
    {"2023-06-19T18:51:38+00:00", LSC_TIME_OK, 1687200698, 0},
    /* 0, 1 and 9 fraction digits */
    {"2023-06-19T18:47:14Z", LSC_TIME_OK, 1687200434, 0},
    {"2023-06-19T18:47:14.1Z", LSC_TIME_OK, 1687200434, 100000000},
    {"2023-06-19T18:47:14.123456789Z", LSC_TIME_OK, 1687200434, 123456789},
    {"2023-06-19T18:47:14.000000001Z", LSC_TIME_OK, 1687200434, 1},
    /* offsets */
    {"2023-06-19T18:47:14-00:30", LSC_TIME_OK, 1687202234, 0},
    {"2023-06-19T00:00:00+23:59", LSC_TIME_OK, 1687046460, 0},
    {"2023-06-19T18:47:14-00:00", LSC_TIME_OK, 1687200434, 0},
    /* the epoch, before it, the year limits */
    {"1970-01-01T00:00:00Z", LSC_TIME_OK, 0, 0},
    {"1969-12-31T23:59:59.5Z", LSC_TIME_OK, -1, 500000000},
    {"1900-02-28T23:59:59Z", LSC_TIME_OK, INT64_C(-2203891201), 0},
    {"1600-02-29T06:07:08Z", LSC_TIME_OK, INT64_C(-11670976372), 0},
    {"0000-01-01T00:00:00Z", LSC_TIME_OK, TIME_MIN_SEC, 0},
    {"0000-02-29T00:00:00Z", LSC_TIME_OK, TIME_MIN_SEC + 59 * 86400, 0},
    {"9999-12-31T23:59:59.999999999Z", LSC_TIME_OK, TIME_MAX_SEC, 999999999},
    {"9999-12-31T23:59:60Z", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"9999-12-31T23:00:00-01:00", LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"0000-01-01T00:00:00+00:01", LSC_TIME_TOO_EARLY, 0, 0},
    {"0000-01-01T00:00:00+23:59", LSC_TIME_TOO_EARLY, 0, 0},
    {"0000-01-01T23:59:00+23:59", LSC_TIME_OK, TIME_MIN_SEC, 0},
    {"0000-01-01T00:00:00-00:01", LSC_TIME_OK, TIME_MIN_SEC + 60, 0},
    /* leap years */
    {"2000-02-29T00:00:00Z", LSC_TIME_OK, 951782400, 0},
    {"2000-03-01T00:00:00Z", LSC_TIME_OK, 951868800, 0},
    {"2024-02-29T12:00:00Z", LSC_TIME_OK, 1709208000, 0},
    {"2100-03-01T00:00:00Z", LSC_TIME_OK, INT64_C(4107542400), 0},
    {"1900-02-29T00:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2100-02-29T00:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-02-29T00:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2024-02-30T00:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    /* a leap second is the next minute's :00 */
    {"2016-12-31T23:59:60Z", LSC_TIME_OK, 1483228800, 0},
    {"2016-12-31T23:59:60.5Z", LSC_TIME_OK, 1483228800, 500000000},
    {"2017-01-01T00:59:60+01:00", LSC_TIME_OK, 1483228800, 0},
    /* impossible dates and times */
    {"2023-13-01T00:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-00-01T00:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-06-00T00:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-04-31T00:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-06-19T24:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-06-19T25:00:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-06-19T18:60:00Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-06-19T18:47:61Z", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-06-19T18:47:14+24:00", LSC_TIME_BAD_DATE, 0, 0},
    {"2023-06-19T18:47:14+05:60", LSC_TIME_BAD_DATE, 0, 0},
    /* not a date-time */
    {"", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-6-1T00:00:00Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14.567000", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14.Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14.1234567890Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14Zx", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14ZZ", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14+0700", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14+07", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14+07:00:00", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14 Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19  18:47:14Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19_18:47:14Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T1a:47:14Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023/06/19T18:47:14Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"-2023-06-19T18:47:14Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"12023-06-19T18:47:14Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {" 2023-06-19T18:47:14Z", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14Z ", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"2023-06-19T18:47:14UTC", LSC_TIME_BAD_SYNTAX, 0, 0},
    {"1687200434", LSC_TIME_BAD_SYNTAX, 0, 0},
};

START_TEST(string_table) {
    const string_case *c = &string_cases[_i];
    lsc_time t = {-7, -7};
    lsc_time_status st = lscp_time_from_string(c->text, strlen(c->text), &t);
    ck_assert_msg(st == c->status, "%s: status %d, expected %d", c->text, (int)st, (int)c->status);
    if (c->status == LSC_TIME_OK) {
        ck_assert_msg(t.sec == c->sec && t.nsec == c->nsec, "%s: %lld.%09d", c->text,
                      (long long)t.sec, (int)t.nsec);
    } else {
        ck_assert_msg(t.sec == -7 && t.nsec == -7, "%s: out written on failure", c->text);
    }
}
END_TEST

/* A NUL byte is a character like any other: never the end. */
START_TEST(string_nul_byte) {
    static const char with_nul[] = "2023-06-19T18:47:14\0Z";
    static const char nul_after[] = "2023-06-19T18:47:14Z\0";
    static const char nul_in_fraction[] = "2023-06-19T18:47:14.5\0Z";
    lsc_time t;
    ck_assert_int_eq(lscp_time_from_string(with_nul, sizeof with_nul - 1, &t), LSC_TIME_BAD_SYNTAX);
    ck_assert_int_eq(lscp_time_from_string(nul_after, sizeof nul_after - 1, &t),
                     LSC_TIME_BAD_SYNTAX);
    ck_assert_int_eq(lscp_time_from_string(nul_in_fraction, sizeof nul_in_fraction - 1, &t),
                     LSC_TIME_BAD_SYNTAX);
    /* and a prefix is read only up to len */
    ck_assert_int_eq(lscp_time_from_string(nul_after, sizeof nul_after - 2, &t), LSC_TIME_OK);
    ck_assert_int_eq(t.sec, 1687200434);
}
END_TEST

/* Every day of a 400-year cycle and a bit more: the date is valid exactly
 * when a reference calendar says so, and consecutive days are 86400 apart. */
START_TEST(string_every_day) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t expect = INT64_C(-11676096000); /* 1600-01-01 */
    for (int y = 1600; y <= 2100; y++) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for (int m = 1; m <= 12; m++) {
            int last = mdays[m - 1] + (m == 2 && leap);
            for (int d = 1; d <= 31; d++) {
                char buf[40];
                lsc_time t;
                snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00Z", y, m, d);
                lsc_time_status st = lscp_time_from_string(buf, strlen(buf), &t);
                if (d > last) {
                    ck_assert_msg(st == LSC_TIME_BAD_DATE, "%s: %d", buf, (int)st);
                    continue;
                }
                ck_assert_msg(st == LSC_TIME_OK && t.sec == expect, "%s: %d %lld", buf, (int)st,
                              (long long)t.sec);
                expect += 86400;
            }
        }
    }
}
END_TEST

typedef struct format_case {
    int64_t sec;
    int32_t nsec;
    const char *text;
} format_case;

static const format_case format_cases[] = {
    {0, 0, "1970-01-01T00:00:00.000Z"},
    {1687200434, 567000000, "2023-06-19T18:47:14.567Z"},
    {1687200434, 567999999, "2023-06-19T18:47:14.567Z"},
    {1687200434, 999999, "2023-06-19T18:47:14.000Z"},
    {-1, 500000000, "1969-12-31T23:59:59.500Z"},
    {-86400, 0, "1969-12-31T00:00:00.000Z"},
    {-86401, 0, "1969-12-30T23:59:59.000Z"},
    {TIME_MIN_SEC, 0, "0000-01-01T00:00:00.000Z"},
    {TIME_MIN_SEC + 59 * 86400, 0, "0000-02-29T00:00:00.000Z"},
    {TIME_MAX_SEC, 999999999, "9999-12-31T23:59:59.999Z"},
    {951782400, 0, "2000-02-29T00:00:00.000Z"},
    {951868800, 1000000, "2000-03-01T00:00:00.001Z"},
    {1709208000, 0, "2024-02-29T12:00:00.000Z"},
    {INT64_C(-2203891201), 0, "1900-02-28T23:59:59.000Z"},
    {INT64_C(-2203891200), 0, "1900-03-01T00:00:00.000Z"},
    {1483228800, 0, "2017-01-01T00:00:00.000Z"},
};

START_TEST(format_table) {
    const format_case *c = &format_cases[_i];
    char buf[32];
    lsc_time t = {c->sec, c->nsec};
    size_t n = lsc_time_format(t, buf, sizeof buf);
    ck_assert_str_eq(buf, c->text);
    ck_assert_uint_eq(n, strlen(c->text));
    /* and back: the instant, to the millisecond */
    lsc_time back;
    ck_assert_int_eq(lsc_time_parse(buf, n, &back), 0);
    ck_assert_int_eq(back.sec, c->sec);
    ck_assert_int_eq(back.nsec, c->nsec / 1000000 * 1000000);
}
END_TEST

START_TEST(format_small_buffer) {
    char buf[10];
    lsc_time t = {1687200434, 567000000};
    memset(buf, 'x', sizeof buf);
    ck_assert_uint_eq(lsc_time_format(t, buf, sizeof buf), 24);
    ck_assert_str_eq(buf, "2023-06-1");
    ck_assert_uint_eq(lsc_time_format(t, NULL, 0), 24);
}
END_TEST

/* Format, then parse: the same instant, over the whole range. */
START_TEST(format_round_trip) {
    const int64_t step = INT64_C(98765431); /* ~3.1 years, odd: every time of day */
    for (int64_t s = TIME_MIN_SEC + _i; s <= TIME_MAX_SEC; s += step) {
        char buf[32];
        lsc_time t = {s, (int32_t)((s & 0x3ff) * 976000)}, back;
        size_t n = lsc_time_format(t, buf, sizeof buf);
        ck_assert_uint_eq(n, 24);
        ck_assert_int_eq(lscp_time_from_string(buf, n, &back), LSC_TIME_OK);
        ck_assert_msg(back.sec == s && back.nsec == t.nsec / 1000000 * 1000000, "%s: %lld", buf,
                      (long long)s);
    }
}
END_TEST

START_TEST(parse_public) {
    lsc_time t = {-7, -7};
    ck_assert_int_eq(lsc_time_parse("2023-06-19T18:47:14.567Z", 24, &t), 0);
    ck_assert_int_eq(t.sec, 1687200434);
    ck_assert_int_eq(t.nsec, 567000000);
    ck_assert_int_eq(lsc_time_parse("1721347199.25", 13, &t), 0);
    ck_assert_int_eq(t.sec, 1721347199);
    ck_assert_int_eq(t.nsec, 250000000);
    ck_assert_int_eq(lsc_time_parse("1969-12-31T23:59:59Z", 20, &t), 0);
    ck_assert_int_eq(t.sec, -1);
    t.sec = 5;
    ck_assert_int_eq(lsc_time_parse("now", 3, &t), -1);
    ck_assert_int_eq(lsc_time_parse("-5", 2, &t), -1);
    ck_assert_int_eq(lsc_time_parse("1e400", 5, &t), -1);
    ck_assert_int_eq(lsc_time_parse("2023-06-19", 10, &t), -1);
    ck_assert_int_eq(lsc_time_parse("2023-02-30T00:00:00Z", 20, &t), -1);
    ck_assert_int_eq(lsc_time_parse("", 0, &t), -1);
    ck_assert_int_eq(lsc_time_parse(NULL, 0, &t), -1);
    ck_assert_int_eq(t.sec, 5); /* untouched on failure */
}
END_TEST

/* A locale with a decimal comma changes nothing. */
START_TEST(locale_independent) {
    const char *loc = setlocale(LC_ALL, "de_DE.UTF-8");
    if (!loc)
        loc = setlocale(LC_ALL, "fr_FR.UTF-8");
    lsc_time t;
    ck_assert_int_eq(lscp_time_from_number("1687200434.567", 14, &t), LSC_TIME_OK);
    ck_assert_int_eq(t.nsec, 567000000);
    ck_assert_int_eq(lscp_time_from_number("1.8e308", 7, &t), LSC_TIME_NOT_FINITE);
    setlocale(LC_ALL, "C");
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *timestamp_suite(void) {
    Suite *s = suite_create("timestamp");
    TCase *tc = tcase_create("number");
    tcase_add_loop_test(tc, number_table, 0, N(number_cases));
    tcase_add_test(tc, number_length);
    tcase_add_loop_test(tc, number_finite_like_strtod, 0, N(finite_probes));
    tcase_add_test(tc, locale_independent);
    suite_add_tcase(s, tc);

    tc = tcase_create("string");
    tcase_add_loop_test(tc, string_table, 0, N(string_cases));
    tcase_add_test(tc, string_nul_byte);
    tcase_add_test(tc, string_every_day);
    suite_add_tcase(s, tc);

    tc = tcase_create("format");
    tcase_add_loop_test(tc, format_table, 0, N(format_cases));
    tcase_add_test(tc, format_small_buffer);
    tcase_add_loop_test(tc, format_round_trip, 0, 7);
    tcase_add_test(tc, parse_public);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(timestamp_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
