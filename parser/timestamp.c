/* Timestamps in every saved form (doc/contract.md §3) to one UTC instant.
 *
 * Everything is exact integer arithmetic on the text: no strtod (it rounds
 * and depends on the locale), no timegm/mktime (they depend on TZ). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lscertlint.h"
#include "parser/timestamp.h"

/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z as epoch seconds. */
#define TIME_MIN_SEC INT64_C(-62167219200)
#define TIME_MAX_SEC INT64_C(253402300799)

/* 2^1024 - 2^970: the midpoint between DBL_MAX and 2^1024. A decimal value at
 * or above it rounds to infinity under round-half-even (DBL_MAX is odd). */
static const char double_overflow[] =
    "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901"
    "79775872070963302864166928879109465555478519404026306574886715058206819089020007083836762"
    "73854845817711531764475730270069855571366959622842914819860834936475292719074168444365510"
    "704342711559699508093042880177904174497792";

/* Exponents beyond this saturate: the value is then 0 or infinite anyway. */
#define EXPONENT_LIMIT INT64_C(1000000000000000)

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* The significand's digits, integer part then fraction, without the dot. */
typedef struct digits {
    const char *int_s;
    size_t int_n;
    const char *frac_s;
    size_t frac_n;
    size_t skip; /* leading zeros */
} digits;

/* The i-th significant digit (after the leading zeros); 0 past the end. */
static int significant_digit(const digits *d, int64_t i) {
    if (i < 0)
        return 0;
    uint64_t k = (uint64_t)i + d->skip;
    if (k < d->int_n)
        return d->int_s[k] - '0';
    k -= d->int_n;
    if (k < d->frac_n)
        return d->frac_s[k] - '0';
    return 0;
}

lsc_time_status lscp_time_from_number(const char *s, size_t len, lsc_time *out) {
    const char *p = s, *end = s + len;
    digits d = {0};
    int negative = 0;
    int64_t exponent = 0;

    /* JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    if (p < end && *p == '-') {
        negative = 1;
        p++;
    }
    d.int_s = p;
    while (p < end && is_digit(*p))
        p++;
    d.int_n = (size_t)(p - d.int_s);
    if (d.int_n == 0 || (d.int_n > 1 && d.int_s[0] == '0'))
        return LSC_TIME_BAD_SYNTAX;
    if (p < end && *p == '.') {
        d.frac_s = ++p;
        while (p < end && is_digit(*p))
            p++;
        d.frac_n = (size_t)(p - d.frac_s);
        if (d.frac_n == 0)
            return LSC_TIME_BAD_SYNTAX;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        int exp_negative = 0;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            exp_negative = *p++ == '-';
        if (p == end || !is_digit(*p))
            return LSC_TIME_BAD_SYNTAX;
        for (; p < end && is_digit(*p); p++)
            if (exponent < EXPONENT_LIMIT)
                exponent = exponent * 10 + (*p - '0');
        if (exp_negative)
            exponent = -exponent;
    }
    if (p != end)
        return LSC_TIME_BAD_SYNTAX;

    size_t n = d.int_n + d.frac_n;
    while (d.skip < n && significant_digit(&d, 0) == 0)
        d.skip++;
    if (d.skip == n) { /* zero, -0 and 0e999 alike */
        out->sec = 0;
        out->nsec = 0;
        return LSC_TIME_OK;
    }

    /* value = significant digits * 10^(exponent - frac_n); it has `top`
     * digits before the decimal point (top <= 0: it is below 1). */
    int64_t top = (int64_t)(n - d.skip) + exponent - (int64_t)d.frac_n;
    if (top > (int64_t)(sizeof double_overflow - 1))
        return LSC_TIME_NOT_FINITE;
    if (top == (int64_t)(sizeof double_overflow - 1)) {
        int cmp = 0;
        for (int64_t i = 0; i < top && cmp == 0; i++)
            cmp = significant_digit(&d, i) - (double_overflow[i] - '0');
        if (cmp >= 0) /* digits past the 309th only make it larger */
            return LSC_TIME_NOT_FINITE;
    }
    if (negative)
        return LSC_TIME_NEGATIVE;
    if (top > 12) /* TIME_MAX_SEC has 12 digits */
        return LSC_TIME_OUT_OF_RANGE;

    int64_t sec = 0;
    int32_t nsec = 0;
    for (int64_t i = 0; i < top; i++)
        sec = sec * 10 + significant_digit(&d, i);
    for (int64_t i = top; i < top + 9; i++) /* digits below 1 ns are truncated */
        nsec = nsec * 10 + significant_digit(&d, i);
    if (sec > TIME_MAX_SEC)
        return LSC_TIME_OUT_OF_RANGE;
    out->sec = sec;
    out->nsec = nsec;
    return LSC_TIME_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil), valid for every year here. */
static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil. */
static void civil_from_days(int64_t z, int64_t *year, int *month, int *day) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2);
}

static int is_leap(int64_t y) {
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(int64_t y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* n digits at p as a number, or -1 if one of them is not a digit. */
static int fixed_digits(const char *p, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(p[i]))
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

lsc_time_status lscp_time_from_string(const char *s, size_t len, lsc_time *out) {
    /* YYYY-MM-DD?hh:mm:ss: 19 characters at fixed places. */
    if (len < 20)
        return LSC_TIME_BAD_SYNTAX;
    int year = fixed_digits(s, 4), month = fixed_digits(s + 5, 2), day = fixed_digits(s + 8, 2);
    int hour = fixed_digits(s + 11, 2), minute = fixed_digits(s + 14, 2);
    int second = fixed_digits(s + 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || s[4] != '-' ||
        s[7] != '-' || s[13] != ':' || s[16] != ':' ||
        (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
        return LSC_TIME_BAD_SYNTAX;

    size_t i = 19;
    int32_t nsec = 0;
    if (s[i] == '.') {
        size_t start = ++i;
        for (; i < len && is_digit(s[i]); i++)
            if (i - start < 9)
                nsec = nsec * 10 + (s[i] - '0');
        size_t n = i - start;
        if (n == 0 || n > 9)
            return LSC_TIME_BAD_SYNTAX;
        for (; n < 9; n++)
            nsec *= 10;
    }

    int offset_sign = 0, offset_hour = 0, offset_minute = 0;
    if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
        i++;
    } else if (i < len && (s[i] == '+' || s[i] == '-')) {
        offset_sign = s[i] == '-' ? -1 : 1;
        if (len - i < 6 || s[i + 3] != ':')
            return LSC_TIME_BAD_SYNTAX;
        offset_hour = fixed_digits(s + i + 1, 2);
        offset_minute = fixed_digits(s + i + 4, 2);
        if (offset_hour < 0 || offset_minute < 0)
            return LSC_TIME_BAD_SYNTAX;
        i += 6;
    } else {
        return LSC_TIME_BAD_SYNTAX; /* the zone is required: local time is ambiguous */
    }
    if (i != len)
        return LSC_TIME_BAD_SYNTAX;

    /* Second 60 is a leap second: hh:mm:60 is counted as hh:mm:59 + 1 s,
     * the same instant as the next minute's :00 (POSIX time has no leap
     * seconds). It is allowed at any minute, as the offset may move 23:59. */
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
        minute > 59 || second > 60 || offset_hour > 23 || offset_minute > 59)
        return LSC_TIME_BAD_DATE;

    int64_t sec = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                  offset_sign * (offset_hour * 3600 + offset_minute * 60);
    /* An offset or a leap second may carry the UTC instant out of 0000..9999,
     * on either side. */
    if (sec < TIME_MIN_SEC)
        return LSC_TIME_TOO_EARLY;
    if (sec > TIME_MAX_SEC)
        return LSC_TIME_OUT_OF_RANGE;
    out->sec = sec;
    out->nsec = nsec;
    return LSC_TIME_OK;
}

int lsc_time_parse(const char *text, size_t len, lsc_time *out) {
    lsc_time t;
    if (!text || !out)
        return -1;
    if (lscp_time_from_string(text, len, &t) != LSC_TIME_OK &&
        lscp_time_from_number(text, len, &t) != LSC_TIME_OK)
        return -1;
    *out = t;
    return 0;
}

size_t lsc_time_format(lsc_time t, char *buf, size_t size) {
    int64_t days = t.sec / 86400, rem = t.sec % 86400;
    if (rem < 0) { /* floor division: instants before 1970 */
        rem += 86400;
        days--;
    }
    int64_t year;
    int month, day;
    civil_from_days(days, &year, &month, &day);
    int ms = t.nsec < 0 ? 0 : t.nsec > 999999999 ? 999 : (int)(t.nsec / 1000000);
    int n = snprintf(buf, size, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", (long long)year, month,
                     day, (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60), ms);
    return n < 0 ? 0 : (size_t)n;
}
