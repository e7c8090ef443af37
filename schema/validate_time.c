/* Time rules: timestamp-format, timestamp-style-mixed, validity-order,
 * event-order, expired-but-issued, expires-soon. Timestamps compare as
 * instants (lsc_time), whatever their saved form. */
#include <stdio.h>
#include <string.h>

#include "schema/validate_int.h"
#include "schema/values.h"

#define DAY_SECONDS 86400

typedef struct stamp {
    const char *head; /* pointer under the certificate: LSCV_DETAIL "/notAfter" */
    const char *name; /* for messages: "notAfter", "renewalSummary.updatedAt" */
    const lsc_timestamp *t;
} stamp;

/* An instant as people read it: UTC RFC 3339, whole seconds unless there
 * is a fraction (then as many digits as it needs). buf: 40 bytes. */
static const char *utc_text(char *buf, size_t size, lsc_time t) {
    char full[40];
    lsc_time_format(t, full, sizeof full); /* "YYYY-MM-DDTHH:MM:SS.mmmZ" */
    char frac[16] = "";
    if (t.nsec > 0) {
        int n = snprintf(frac, sizeof frac, ".%09d", (int)t.nsec);
        while (n > 2 && frac[n - 1] == '0')
            frac[--n] = '\0';
    }
    snprintf(buf, size, "%.19s%sZ", full, frac);
    return buf;
}

/* A decoded timestamp for a message: "2024-09-02T23:59:59Z", then the value
 * as saved in parentheses where it reads differently: "(1.725321599E9)" for
 * a number, "(\"2024-09-02 23:59:59+00:00\")" for a string. */
static const char *stamp_text(char *buf, size_t size, const lsc_timestamp *t) {
    char utc[40], q[LSCV_QUOTE_SIZE];
    utc_text(utc, sizeof utc, t->t);
    if (t->m.seen == LSC_JSON_STRING && lscv_equal(t->raw, t->raw_len, utc))
        snprintf(buf, size, "%s", utc);
    else if (t->m.seen == LSC_JSON_NUMBER)
        snprintf(buf, size, "%s (%.*s)", utc, t->raw_len > 60 ? 60 : (int)t->raw_len, t->raw);
    else
        snprintf(buf, size, "%s (%s)", utc, lscv_quote(q, t->raw, t->raw_len));
    return buf;
}

/* "87 days", "1 day", "less than a day" for a span of seconds >= 0. */
static const char *days_text(char *buf, size_t size, int64_t seconds) {
    int64_t days = seconds / DAY_SECONDS;
    if (days == 0)
        snprintf(buf, size, "less than a day");
    else
        snprintf(buf, size, "%lld day%s", (long long)days, days == 1 ? "" : "s");
    return buf;
}

static int time_cmp(lsc_time a, lsc_time b) {
    if (a.sec != b.sec)
        return a.sec < b.sec ? -1 : 1;
    return a.nsec < b.nsec ? -1 : a.nsec > b.nsec;
}

static int usable(const lsc_timestamp *t) {
    return t->m.ok && t->status == LSC_TIME_OK;
}

static const char *format_problem(lsc_time_status status) {
    switch (status) {
    case LSC_TIME_NEGATIVE:
        return "is a negative epoch time";
    case LSC_TIME_NOT_FINITE:
        return "is not a finite number";
    case LSC_TIME_OUT_OF_RANGE:
        return "lies beyond year 9999";
    case LSC_TIME_TOO_EARLY: /* only a string can: a number below 0 is NEGATIVE */
        return "lies before year 0000 once its UTC offset is applied";
    case LSC_TIME_BAD_SYNTAX:
        return "is not an ISO 8601 / RFC 3339 date-time (like 2023-06-19T18:47:14Z or "
               "2023-06-19 18:47:14.567000+00:00)";
    case LSC_TIME_BAD_DATE:
        return "names a date or time that does not exist";
    default:
        return "is not a valid time";
    }
}

static void check_format(lscv_state *v, const lscv_cert *x, const stamp *s) {
    const lsc_timestamp *t = s->t;
    if (t->status == LSC_TIME_OK || !lscv_on(v, LSC_R_TIMESTAMP_FORMAT))
        return;
    char q[LSCV_QUOTE_SIZE];
    if (t->m.seen == LSC_JSON_NUMBER) /* a number's text needs no quotes */
        snprintf(q, sizeof q, "%.*s", t->raw_len > 60 ? 60 : (int)t->raw_len, t->raw);
    else
        lscv_quote(q, t->raw, t->raw_len);
    lscv_report_at(v, LSC_R_TIMESTAMP_FORMAT, t->m.at, LSCV_PATH(x, s->head), t->raw, t->raw_len,
                   "%s %s %s", s->name, q, format_problem(t->status));
}

/* timestamp-style-mixed: stamps are sorted by position in the input. */
static void check_style(lscv_state *v, const lscv_cert *x, const stamp *s, size_t n) {
    for (size_t i = 0; i < n && !v->style_reported; i++) {
        const lsc_timestamp *t = s[i].t;
        if (v->first_style == LSC_JSON_ABSENT) { /* once per document */
            v->first_style = t->m.seen;
            lscv_path_str(v->first_style_ptr, LSCV_PATH(x, s[i].head));
        } else if (t->m.seen != v->first_style) {
            v->style_reported = 1;
            lscv_report_at(v, LSC_R_TIMESTAMP_STYLE_MIXED, t->m.at, LSCV_PATH(x, s[i].head), t->raw,
                           t->raw_len,
                           "%s is a %s but the document's first timestamp (%s) is a %s: outputs "
                           "of different tools were merged?",
                           s[i].name, lsc_json_type_name(t->m.seen), v->first_style_ptr,
                           lsc_json_type_name(v->first_style));
        }
    }
}

static void report_order(lscv_state *v, const lscv_cert *x, lsc_rule_id rule, const stamp *later,
                         const stamp *earlier, const char *how) {
    if (!lscv_on(v, rule))
        return;
    char q1[LSCV_QUOTE_SIZE + 48], q2[LSCV_QUOTE_SIZE + 48];
    const lsc_timestamp *l = later->t, *e = earlier->t;
    lscv_report_at(v, rule, l->m.at, LSCV_PATH(x, later->head), l->raw, l->raw_len,
                   "%s %s %s %s %s", later->name, stamp_text(q1, sizeof q1, l), how,
                   earlier->name, stamp_text(q2, sizeof q2, e));
}

static void check_expiry(lscv_state *v, const lscv_cert *x) {
    const lsc_config *cfg = v->config;
    const lsc_certificate_detail *d = x->d;
    const lsc_timestamp *na = &d->not_after;
    if (!cfg->has_now || !usable(na) || !d->status.m.ok ||
        !lscv_equal(d->status.s, d->status.len, "ISSUED"))
        return;
    const lscv_path *p = LSCV_PATH(x, LSCV_DETAIL "/notAfter");
    char q[LSCV_QUOTE_SIZE + 48], rs[LSCV_QUOTE_SIZE + 32], ref[40], span[32];
    stamp_text(q, sizeof q, na);
    utc_text(ref, sizeof ref, cfg->now);
    if (time_cmp(na->t, cfg->now) <= 0) {
        if (!lscv_on(v, LSC_R_EXPIRED_BUT_ISSUED))
            return;
        if (time_cmp(na->t, cfg->now) == 0)
            lscv_report_at(v, LSC_R_EXPIRED_BUT_ISSUED, na->m.at, p, na->raw, na->raw_len,
                           "status is \"ISSUED\" but the certificate expired at the reference "
                           "time %s (--now): notAfter %s",
                           ref, q);
        else
            lscv_report_at(v, LSC_R_EXPIRED_BUT_ISSUED, na->m.at, p, na->raw, na->raw_len,
                           "status is \"ISSUED\" but the certificate expired %s before the "
                           "reference time %s (--now): notAfter %s",
                           days_text(span, sizeof span,
                                     cfg->now.sec - na->t.sec - (cfg->now.nsec < na->t.nsec)),
                           ref, q);
        return;
    }
    /* the window's end, saturated: --expiry-days may be huge */
    lsc_time end = cfg->now;
    int64_t days = cfg->expiry_days < 0 ? 0 : cfg->expiry_days;
    if (days > (INT64_MAX - (end.sec > 0 ? end.sec : 0)) / DAY_SECONDS)
        end.sec = INT64_MAX;
    else
        end.sec += days * DAY_SECONDS;
    if (time_cmp(na->t, end) > 0 || !lscv_on(v, LSC_R_EXPIRES_SOON))
        return;
    const lsc_string *renewal = &d->renewal_summary.renewal_status;
    if (d->renewal_summary.m.ok && renewal->m.ok) {
        char qr[LSCV_QUOTE_SIZE];
        snprintf(rs, sizeof rs, "renewalStatus is %s", lscv_quote(qr, renewal->s, renewal->len));
    } else {
        snprintf(rs, sizeof rs, "no renewalStatus");
    }
    int64_t left = na->t.sec - cfg->now.sec - (na->t.nsec < cfg->now.nsec);
    lscv_report_at(v, LSC_R_EXPIRES_SOON, na->m.at, p, na->raw, na->raw_len,
                   "the certificate expires in %s (reference time %s, --now): notAfter %s; %s",
                   days_text(span, sizeof span, left), ref, q, rs);
}

void lscv_check_time(lscv_state *v, const lscv_cert *x) {
    if (!x->d)
        return;
    const lsc_certificate_detail *d = x->d;
    stamp all[6];
    size_t n = 0;
    const stamp fields[6] = {
        {LSCV_DETAIL "/createdAt", "createdAt", &d->created_at},
        {LSCV_DETAIL "/issuedAt", "issuedAt", &d->issued_at},
        {LSCV_DETAIL "/notBefore", "notBefore", &d->not_before},
        {LSCV_DETAIL "/notAfter", "notAfter", &d->not_after},
        {LSCV_DETAIL "/revokedAt", "revokedAt", &d->revoked_at},
        {LSCV_DETAIL "/renewalSummary/updatedAt", "renewalSummary.updatedAt",
         &d->renewal_summary.updated_at},
    };
    enum { CREATED, ISSUED, NOT_BEFORE, NOT_AFTER, REVOKED, UPDATED };
    for (size_t i = 0; i < 6; i++) {
        if (i == 5 && !d->renewal_summary.m.ok)
            continue;
        if (fields[i].t->m.ok)
            all[n++] = fields[i];
    }
    for (size_t i = 0; i < n; i++)
        check_format(v, x, &all[i]);
    /* document order, so "first" means first in the input */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && all[j].t->m.at.offset < all[j - 1].t->m.at.offset; j--) {
            stamp tmp = all[j];
            all[j] = all[j - 1];
            all[j - 1] = tmp;
        }
    check_style(v, x, all, n);

    const lsc_timestamp *created = &d->created_at, *issued = &d->issued_at;
    const lsc_timestamp *nb = &d->not_before, *na = &d->not_after, *revoked = &d->revoked_at;
    const lsc_timestamp *updated = &d->renewal_summary.updated_at;
    if (usable(nb) && usable(na) && time_cmp(nb->t, na->t) >= 0)
        report_order(v, x, LSC_R_VALIDITY_ORDER, &fields[NOT_AFTER], &fields[NOT_BEFORE],
                     time_cmp(nb->t, na->t) == 0 ? "is the same instant as" : "is before");
    if (usable(issued) && usable(created) && time_cmp(issued->t, created->t) < 0)
        report_order(v, x, LSC_R_EVENT_ORDER, &fields[ISSUED], &fields[CREATED], "is before");
    if (usable(revoked) && usable(issued) && time_cmp(revoked->t, issued->t) < 0)
        report_order(v, x, LSC_R_EVENT_ORDER, &fields[REVOKED], &fields[ISSUED], "is before");
    if (d->renewal_summary.m.ok && usable(updated) && usable(created) &&
        time_cmp(updated->t, created->t) < 0)
        report_order(v, x, LSC_R_EVENT_ORDER, &fields[UPDATED], &fields[CREATED], "is before");
    check_expiry(v, x);
}
