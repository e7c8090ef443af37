/* Names: domain names, subjectAlternativeNames, domain validation records,
 * ARNs and serial numbers. */
#include <stdio.h>
#include <string.h>

#include "lib/findings.h"
#include "schema/validate_int.h"
#include "schema/values.h"

#define SAN_COUNT_MAX 10
#define DOMAIN_MAX 253
#define LABEL_MAX 63

static int is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

static int is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

static int is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* ------------------------------------------------------------------ */
/* domain-name-format                                                 */
/* ------------------------------------------------------------------ */

void lscv_check_domain_format(lscv_state *v, const char *what, const char *s, size_t len,
                              lsc_pos at, const lscv_path *path) {
    if (lscv_blank(s, len) || !lscv_on(v, LSC_R_DOMAIN_NAME_FORMAT))
        return;
    char q[LSCV_QUOTE_SIZE], c[LSCV_QUOTE_SIZE];
    const char *why = NULL;
    size_t labels = 0;
    /* a wildcard first: it is the likeliest mistake and has its own advice */
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && s[j] != '.')
            j++;
        if (j - i == 1 && s[i] == '*') {
            lscv_report_at(v, LSC_R_DOMAIN_NAME_FORMAT, at, path, s, len,
                           "%s %s is a wildcard name; Lightsail certificates do not support "
                           "wildcards: list each host name",
                           what, lscv_quote(q, s, len));
            return;
        }
        i = j + 1;
    }
    if (len > DOMAIN_MAX)
        why = "is longer than 253 characters";
    else if (s[len - 1] == '.')
        why = "ends with a dot";
    for (size_t i = 0; !why && i <= len; labels++) {
        size_t j = i;
        while (j < len && s[j] != '.') {
            if (!is_alnum(s[j]) && s[j] != '-') {
                /* name the character: the message must say what to remove */
                size_t n = 1;
                while (j + n < len && ((unsigned char)s[j + n] & 0xC0) == 0x80)
                    n++;
                lscv_report_at(v, LSC_R_DOMAIN_NAME_FORMAT, at, path, s, len,
                               "%s %s is not a DNS host name: it holds %s; labels hold only "
                               "letters, digits and hyphens",
                               what, lscv_quote(q, s, len), lscv_quote(c, s + j, n));
                return;
            }
            j++;
        }
        if (j == i)
            why = "has an empty label";
        else if (j - i > LABEL_MAX)
            why = "has a label longer than 63 characters";
        else if (s[i] == '-' || s[j - 1] == '-')
            why = "has a label that starts or ends with a hyphen";
        i = j + 1;
    }
    if (!why && labels < 2)
        why = "has a single label; a host name has at least two (example.com)";
    if (why)
        lscv_report_at(v, LSC_R_DOMAIN_NAME_FORMAT, at, path, s, len,
                       "%s %s is not a DNS host name: it %s", what, lscv_quote(q, s, len), why);
}

/* ------------------------------------------------------------------ */
/* arn-format                                                         */
/* ------------------------------------------------------------------ */

/* A region like us-east-1, us-gov-west-1, ap-southeast-2. */
static int region_ok(const char *s, size_t len) {
    size_t i = 0, parts = 0;
    while (i < len && is_lower(s[i]))
        i++;
    if (i < 2)
        return 0;
    while (i < len && s[i] == '-') {
        size_t j = ++i;
        while (i < len && is_lower(s[i]))
            i++;
        if (i == j)
            break;
        parts++;
    }
    if (parts == 0 || i >= len || !is_digit(s[i]))
        return 0;
    while (i < len && is_digit(s[i]))
        i++;
    return i == len;
}

static int partition_ok(const char *s, size_t len) {
    if (lscv_equal(s, len, "aws"))
        return 1;
    if (len <= 4 || memcmp(s, "aws-", 4) != 0)
        return 0;
    for (size_t i = 4; i < len; i++)
        if (!is_lower(s[i]) && !is_digit(s[i]) && s[i] != '-')
            return 0;
    return 1;
}

static void check_arn(lscv_state *v, const lsc_string *arn, const char *field,
                      const lscv_path *path) {
    if (!arn->m.ok || lscv_blank(arn->s, arn->len) || !lscv_on(v, LSC_R_ARN_FORMAT))
        return;
    const char *s = arn->s, *part[6];
    size_t plen[6], n = 0, start = 0;
    char q[LSCV_QUOTE_SIZE], qp[LSCV_QUOTE_SIZE];
    const char *why = NULL;
    /* five colons split it; the resource (sixth part) keeps any further ones */
    for (size_t i = 0; i <= arn->len && n < 6; i++) {
        if (i == arn->len || (s[i] == ':' && n < 5)) {
            part[n] = s + start;
            plen[n++] = i - start;
            start = i + 1;
        }
    }
    if (n < 6) {
        why = "does not have the six parts arn:PARTITION:lightsail:REGION:ACCOUNT:Certificate/ID";
    } else if (!lscv_equal(part[0], plen[0], "arn")) {
        why = "does not start with \"arn:\"";
    } else if (!partition_ok(part[1], plen[1])) {
        lscv_report_at(v, LSC_R_ARN_FORMAT, arn->m.at, path, s, arn->len,
                       "%s %s is not a Lightsail certificate ARN: partition %s is not aws, aws-cn, "
                       "aws-us-gov or another aws-*",
                       field, lscv_quote(q, s, arn->len), lscv_quote(qp, part[1], plen[1]));
        return;
    } else if (!lscv_equal(part[2], plen[2], "lightsail")) {
        lscv_report_at(v, LSC_R_ARN_FORMAT, arn->m.at, path, s, arn->len,
                       "%s %s is not a Lightsail certificate ARN: the service is %s, not "
                       "\"lightsail\"",
                       field, lscv_quote(q, s, arn->len), lscv_quote(qp, part[2], plen[2]));
        return;
    } else if (!region_ok(part[3], plen[3])) {
        lscv_report_at(
            v, LSC_R_ARN_FORMAT, arn->m.at, path, s, arn->len,
            "%s %s is not a Lightsail certificate ARN: %s is not a region like us-east-1", field,
            lscv_quote(q, s, arn->len), lscv_quote(qp, part[3], plen[3]));
        return;
    } else {
        int digits = plen[4] == 12;
        for (size_t i = 0; digits && i < plen[4]; i++)
            digits = is_digit(part[4][i]);
        if (!digits) {
            lscv_report_at(v, LSC_R_ARN_FORMAT, arn->m.at, path, s, arn->len,
                           "%s %s is not a Lightsail certificate ARN: the account %s is not 12 "
                           "digits",
                           field, lscv_quote(q, s, arn->len), lscv_quote(qp, part[4], plen[4]));
            return;
        }
        if (plen[5] <= 12 || memcmp(part[5], "Certificate/", 12) != 0)
            why = "does not end with Certificate/ID";
    }
    if (why)
        lscv_report_at(v, LSC_R_ARN_FORMAT, arn->m.at, path, s, arn->len,
                       "%s %s is not a Lightsail certificate ARN: it %s", field,
                       lscv_quote(q, s, arn->len), why);
}

/* ------------------------------------------------------------------ */
/* serial-number-format                                               */
/* ------------------------------------------------------------------ */

static void check_serial(lscv_state *v, const lscv_cert *x) {
    const lsc_string *s = &x->d->serial_number;
    if (!s->m.ok)
        return;
    int ok = s->len >= 2 && s->len % 3 == 2;
    for (size_t i = 0; ok && i < s->len; i++)
        ok = i % 3 == 2 ? s->s[i] == ':' : is_hex(s->s[i]);
    if (ok)
        return;
    char q[LSCV_QUOTE_SIZE];
    lscv_report_at(v, LSC_R_SERIAL_NUMBER_FORMAT, s->m.at,
                   LSCV_PATH(x, LSCV_DETAIL "/serialNumber"), s->s, s->len,
                   "serialNumber %s is not hexadecimal byte pairs joined by ':' (like "
                   "0f:ac:b0:a3:8d:ea)",
                   lscv_quote(q, s->s, s->len));
}

/* ------------------------------------------------------------------ */
/* subjectAlternativeNames                                            */
/* ------------------------------------------------------------------ */

#define SANS LSCV_DETAIL "/subjectAlternativeNames"

static void out_of_memory(lscv_state *v, int oom) {
    if (oom)
        v->failed = 1;
}

void lscv_names_clear(lscv_state *v) {
    lscv_index_clear(&v->names);
}

/* One name as it closes: its own rules, and into the names index. */
void lscv_name_element(lscv_state *v, const lscv_cert *x, const lsc_name *n) {
    char q[LSCV_QUOTE_SIZE];
    const lscv_path *p = LSCV_PATH_AT(x, SANS, n->index, "");
    if (lscv_blank(n->s, n->len)) {
        if (lscv_on(v, LSC_R_BLANK_VALUE))
            lscv_report_at(v, LSC_R_BLANK_VALUE, n->at, p, n->s, n->len,
                           n->len ? "the subjectAlternativeNames entry is only white space: %s"
                                  : "the subjectAlternativeNames entry is empty%s",
                           n->len ? lscv_quote(q, n->s, n->len) : "");
        return;
    }
    lscv_check_domain_format(v, "the subjectAlternativeNames entry", n->s, n->len, n->at, p);
    int found, oom = 0;
    lscv_index_entry *e =
        lscv_index_find(&v->names, n->s, n->len, NULL, 0, n->index, 1, &found, &oom);
    out_of_memory(v, oom);
    if (found && lscv_on(v, LSC_R_SAN_DUPLICATE))
        lscv_report_at(v, LSC_R_SAN_DUPLICATE, n->at, p, n->s, n->len,
                       "%s already appears in subjectAlternativeNames (element %zu)",
                       lscv_quote(q, n->s, n->len), e->index);
}

/* The list's rules when the certificate closes; returns whether the list
 * is there to compare records with. */
static int check_sans(lscv_state *v, const lscv_cert *x) {
    const lsc_name_list *sans = &x->d->subject_alternative_names;
    if (!sans->m.ok)
        return 0;
    char q[LSCV_QUOTE_SIZE];
    if (sans->count > SAN_COUNT_MAX)
        lscv_report_at(v, LSC_R_SAN_COUNT, sans->m.at, LSCV_PATH(x, SANS), NULL, 0,
                       "subjectAlternativeNames has %zu elements; a certificate covers at most %d "
                       "names",
                       sans->count, SAN_COUNT_MAX);
    const lsc_string *dn = &x->d->domain_name;
    if (dn->m.ok && !lscv_blank(dn->s, dn->len)) {
        int found, oom = 0;
        lscv_index_find(&v->names, dn->s, dn->len, NULL, 0, 0, 0, &found, &oom);
        if (!found && lscv_on(v, LSC_R_SAN_MISSING_DOMAIN))
            lscv_report_at(v, LSC_R_SAN_MISSING_DOMAIN, sans->m.at, LSCV_PATH(x, SANS), dn->s,
                           dn->len,
                           "certificateDetail.domainName %s is not among subjectAlternativeNames",
                           lscv_quote(q, dn->s, dn->len));
    }
    return !v->failed;
}

/* ------------------------------------------------------------------ */
/* Domain validation records                                          */
/* ------------------------------------------------------------------ */

static const char *const record_heads[2] = {LSCV_DETAIL "/domainValidationRecords",
                                            LSCV_DETAIL "/renewalSummary/domainValidationRecords"};

/* name ends with "." + domain + "." (ASCII case-insensitive). */
static int name_under(const char *name, size_t nlen, const char *dom, size_t dlen) {
    if (nlen < dlen + 2 || name[nlen - 1] != '.' || name[nlen - dlen - 2] != '.')
        return 0;
    return lscv_equal_fold(name + nlen - dlen - 1, dlen, dom, dlen);
}

void lscv_records_clear(lscv_state *v, int renewal) {
    lscv_record_names *rn = &v->records[renewal];
    rn->len = rn->bytes_len = 0;
    if (!renewal) {
        v->incomplete_len = v->incomplete_more = v->incomplete_bytes_len = 0;
    }
}

/* Keep the record's usable domainName for the rules across records. */
static void keep_domain(lscv_state *v, lscv_record_names *rn, const lsc_validation_record *r) {
    const lsc_string *dn = &r->domain_name;
    if ((rn->len + 1 > rn->cap && lscp_grow(&rn->v, &rn->cap, rn->len + 1, sizeof *rn->v) < 0) ||
        (rn->bytes_len + dn->len + 1 > rn->bytes_cap &&
         lscp_grow(&rn->bytes, &rn->bytes_cap, rn->bytes_len + dn->len + 1, 1) < 0)) {
        v->failed = 1;
        return;
    }
    lscv_record_name *k = &rn->v[rn->len++];
    k->off = rn->bytes_len;
    k->len = dn->len;
    k->index = r->index;
    k->at = dn->m.at;
    memcpy(rn->bytes + rn->bytes_len, dn->s, dn->len);
    rn->bytes_len += dn->len;
}

/* validation-incomplete needs status, which may come later: keep what the
 * rule can report (LSCP_FINDINGS_PER_RULE records) and count the others. */
static void keep_incomplete(lscv_state *v, const lsc_validation_record *r) {
    const lsc_string *vs = &r->validation_status;
    if (!vs->m.ok || lscv_equal(vs->s, vs->len, "SUCCESS") ||
        !lscv_on(v, LSC_R_VALIDATION_INCOMPLETE))
        return;
    if (v->incomplete_len >= LSCP_FINDINGS_PER_RULE) {
        v->incomplete_more++;
        return;
    }
    if (lscp_grow(&v->incomplete, &v->incomplete_cap, v->incomplete_len + 1,
                  sizeof *v->incomplete) < 0 ||
        lscp_grow(&v->incomplete_bytes, &v->incomplete_bytes_cap,
                  v->incomplete_bytes_len + vs->len + 1, 1) < 0) {
        v->failed = 1;
        return;
    }
    lscv_incomplete *k = &v->incomplete[v->incomplete_len++];
    k->index = r->index;
    k->at = vs->m.at;
    k->off = v->incomplete_bytes_len;
    k->len = vs->len;
    memcpy(v->incomplete_bytes + v->incomplete_bytes_len, vs->s, vs->len);
    v->incomplete_bytes_len += vs->len;
}

/* One record as it closes: the rules on the record alone. */
void lscv_record_element(lscv_state *v, const lscv_cert *x, int renewal,
                         const lsc_validation_record *r) {
    const char *head = record_heads[renewal];
    char q[LSCV_QUOTE_SIZE], q2[LSCV_QUOTE_SIZE];
    const lsc_string *dn = &r->domain_name;
    int dn_usable = dn->m.ok && !lscv_blank(dn->s, dn->len);
    const lscv_path *p = LSCV_PATH_AT(x, head, r->index, "/domainName");
    lscv_check_blank(v, LSC_R_BLANK_VALUE, dn, p, "the validation record's domainName");
    if (dn_usable) {
        lscv_check_domain_format(v, "the validation record's domainName", dn->s, dn->len,
                                 dn->m.at, p);
        if (lscv_on(v, LSC_R_VALIDATION_RECORD_DOMAIN))
            keep_domain(v, &v->records[renewal], r);
    }
    const lsc_resource_record *rr = &r->resource_record;
    if (rr->m.ok) {
        if (dn_usable && rr->name.m.ok && !name_under(rr->name.s, rr->name.len, dn->s, dn->len) &&
            lscv_on(v, LSC_R_VALIDATION_RECORD_NAME))
            lscv_report_at(v, LSC_R_VALIDATION_RECORD_NAME, rr->name.m.at,
                           LSCV_PATH_AT(x, head, r->index, "/resourceRecord/name"), rr->name.s,
                           rr->name.len,
                           "resourceRecord.name %s does not end with \".\" + domainName %s "
                           "+ \".\"",
                           lscv_quote(q, rr->name.s, rr->name.len),
                           lscv_quote(q2, dn->s, dn->len));
        lscv_check_value(v, LSC_R_DOCUMENTED_VALUE, LSCP_VS_RECORD_TYPE, &rr->type,
                         LSCV_PATH_AT(x, head, r->index, "/resourceRecord/type"));
    }
    if (r->dns_record_creation_state.m.ok)
        lscv_check_value(v, LSC_R_ENUM_VALUE, LSCP_VS_DNS_STATE_CODE,
                         &r->dns_record_creation_state.code,
                         LSCV_PATH_AT(x, head, r->index, "/dnsRecordCreationState/code"));
    lscv_check_value(v, LSC_R_ENUM_VALUE, LSCP_VS_VALIDATION_STATUS, &r->validation_status,
                     LSCV_PATH_AT(x, head, r->index, "/validationStatus"));
    if (!renewal)
        keep_incomplete(v, r);
}

/* validation-record-domain when the certificate closes, over the kept
 * domainName values in record order: each must be among the names (when
 * the certificate has the list) and appear once per list. */
static void check_records(lscv_state *v, const lscv_cert *x, const lsc_validation_record_list *list,
                          int renewal, int have_sans) {
    const lscv_record_names *rn = &v->records[renewal];
    if (!list->m.ok || !lscv_on(v, LSC_R_VALIDATION_RECORD_DOMAIN))
        return;
    char q[LSCV_QUOTE_SIZE];
    lscv_index_clear(&v->record_domains);
    for (size_t i = 0; i < rn->len && !v->failed; i++) {
        const lscv_record_name *k = &rn->v[i];
        const char *s = rn->bytes + k->off;
        const lscv_path *p = LSCV_PATH_AT(x, record_heads[renewal], k->index, "/domainName");
        int in_sans = 1, found, oom = 0;
        /* both indexes fold under the same key: one hash serves both */
        uint64_t h = lscv_index_hash(&v->names, s, k->len, NULL, 0);
        if (have_sans) {
            lscv_index_find_hashed(&v->names, h, s, k->len, NULL, 0, 0, 0, &found, &oom);
            in_sans = found;
        }
        lscv_index_entry *e = lscv_index_find_hashed(&v->record_domains, h, s, k->len, NULL, 0,
                                                     k->index, 1, &found, &oom);
        out_of_memory(v, oom);
        if (!in_sans)
            lscv_report_at(v, LSC_R_VALIDATION_RECORD_DOMAIN, k->at, p, s, k->len,
                           "the validation record's domainName %s is not among "
                           "subjectAlternativeNames",
                           lscv_quote(q, s, k->len));
        else if (found)
            lscv_report_at(v, LSC_R_VALIDATION_RECORD_DOMAIN, k->at, p, s, k->len,
                           "another validation record of this list (element %zu) is for "
                           "domainName %s already",
                           e->index, lscv_quote(q, s, k->len));
    }
}

void lscv_check_incomplete(lscv_state *v, const lscv_cert *x) {
    char q[LSCV_QUOTE_SIZE];
    for (size_t i = 0; i < v->incomplete_len; i++) {
        const lscv_incomplete *k = &v->incomplete[i];
        const char *s = v->incomplete_bytes + k->off;
        lscv_report_at(v, LSC_R_VALIDATION_INCOMPLETE, k->at,
                       LSCV_PATH_AT(x, record_heads[0], k->index, "/validationStatus"), s, k->len,
                       "status is \"ISSUED\" but this domain validation record's "
                       "validationStatus is %s, not \"SUCCESS\"",
                       lscv_quote(q, s, k->len));
    }
    if (v->incomplete_more)
        lscp_findings_not_shown(v->findings, LSC_R_VALIDATION_INCOMPLETE, v->incomplete_more);
}

void lscv_check_names(lscv_state *v, const lscv_cert *x) {
    const lsc_certificate *c = x->c;
    check_arn(v, &c->certificate_arn, "certificateArn", LSCV_PATH(x, "/certificateArn"));
    if (c->domain_name.m.ok)
        lscv_check_domain_format(v, "domainName", c->domain_name.s, c->domain_name.len,
                                 c->domain_name.m.at, LSCV_PATH(x, "/domainName"));
    if (!x->d)
        return;
    const lsc_certificate_detail *d = x->d;
    check_arn(v, &d->arn, "arn", LSCV_PATH(x, LSCV_DETAIL "/arn"));
    if (d->domain_name.m.ok)
        lscv_check_domain_format(v, "certificateDetail.domainName", d->domain_name.s,
                                 d->domain_name.len, d->domain_name.m.at,
                                 LSCV_PATH(x, LSCV_DETAIL "/domainName"));
    check_serial(v, x);
    int have_sans = check_sans(v, x);
    check_records(v, x, &d->domain_validation_records, 0, have_sans);
    if (d->renewal_summary.m.ok)
        check_records(v, x, &d->renewal_summary.domain_validation_records, 1, have_sans);
}
