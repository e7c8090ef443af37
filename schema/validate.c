/* The validator: per certificate when it closes, per document, per input.
 * This file holds the state and the rules on fields, statuses,
 * summary/detail consistency and the stream; tags, names and time live in
 * validate_tags.c, validate_names.c and validate_time.c, and what every
 * family uses to report in validate_support.c. */
#include "schema/validate.h"

#include <stdio.h>
#include <string.h>

#include "lib/findings.h"
#include "schema/validate_int.h"
#include "schema/values.h"

#define ARN_INITIAL 64

/* ------------------------------------------------------------------ */
/* State                                                              */
/* ------------------------------------------------------------------ */

lscv_state *lscv_new(const lsc_config *config, lscp_findings *findings, const lscp_hash_key *key) {
    lscv_state *v = lscp_calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->config = config;
    v->findings = findings;
    v->key = key;
    v->first_presence = -1;
    lscv_index_init(&v->names, key, 1);
    lscv_index_init(&v->record_domains, key, 1);
    for (int i = 0; i < 2; i++) {
        lscv_index_init(&v->tag_keys[i], key, 0);
        lscv_index_init(&v->tag_pairs[i], key, 0);
    }
    return v;
}

void lscv_free(lscv_state *v) {
    if (!v)
        return;
    lscv_index_release(&v->names);
    lscv_index_release(&v->record_domains);
    for (int i = 0; i < 2; i++) {
        lscv_index_release(&v->tag_keys[i]);
        lscv_index_release(&v->tag_pairs[i]);
        lscp_free(v->records[i].v);
        lscp_free(v->records[i].bytes);
    }
    lscp_free(v->detail_tags);
    lscp_free(v->incomplete);
    lscp_free(v->incomplete_bytes);
    lscp_free(v->arns);
    lscp_free(v->arn_bytes);
    lscp_free(v);
}

uint64_t lscv_probes(const lscv_state *v) {
    if (!v)
        return 0;
    uint64_t n = v->names.probes + v->record_domains.probes + v->arn_probes;
    for (int i = 0; i < 2; i++)
        n += v->tag_keys[i].probes + v->tag_pairs[i].probes;
    return n;
}

int lscv_document_start(lscv_state *v, const lsc_document *doc) {
    v->document = doc->index;
    v->first_style = LSC_JSON_ABSENT;
    v->style_reported = 0;
    v->first_style_ptr[0] = '\0';
    v->first_presence = -1;
    v->first_presence_index = 0;
    v->presence_reported = 0;
    return v->failed ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* duplicate-certificate: the ARNs of one listing                    */
/* ------------------------------------------------------------------ */

static void listing_end(lscv_state *v) {
    if (v->arn_used == 0)
        return;
    if (v->arn_cap > 4096) { /* a big listing is over: give the memory back */
        lscp_free(v->arns);
        v->arns = NULL;
        v->arn_cap = 0;
        lscp_free(v->arn_bytes);
        v->arn_bytes = NULL;
        v->arn_bytes_cap = 0;
    } else {
        memset(v->arns, 0, v->arn_cap * sizeof *v->arns);
    }
    v->arn_used = 0;
    v->arn_bytes_len = 0;
}

/* The slot of this ARN, or the empty slot where it would go. */
static lscv_arn *arn_slot(lscv_state *v, lscv_arn *t, size_t cap, uint64_t h, const char *s,
                          size_t len) {
    size_t mask = cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        v->arn_probes++;
        if (!t[i].len1)
            return &t[i];
        if (t[i].hash == h && t[i].len1 - 1 == len &&
            (len == 0 || memcmp(v->arn_bytes + t[i].off, s, len) == 0))
            return &t[i];
    }
}

static int arn_grow(lscv_state *v) {
    size_t cap = v->arn_cap ? v->arn_cap * 2 : ARN_INITIAL;
    if (cap > SIZE_MAX / 2 / sizeof(lscv_arn))
        return -1;
    lscv_arn *t = lscp_calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (size_t i = 0; i < v->arn_cap; i++) {
        const lscv_arn *a = &v->arns[i];
        if (a->len1)
            *arn_slot(v, t, cap, a->hash, v->arn_bytes + a->off, a->len1 - 1) = *a;
    }
    lscp_free(v->arns);
    v->arns = t;
    v->arn_cap = cap;
    return 0;
}

/* Remember an ARN of the listing in its empty slot. -1 on out-of-memory. */
static int arn_store(lscv_state *v, lscv_arn *slot, uint64_t h, const char *s, size_t len,
                     size_t document, size_t index) {
    if (lscp_grow(&v->arn_bytes, &v->arn_bytes_cap, v->arn_bytes_len + len, 1) < 0)
        return -1;
    memcpy(v->arn_bytes + v->arn_bytes_len, s, len);
    slot->hash = h;
    slot->off = v->arn_bytes_len;
    slot->len1 = (uint32_t)len + 1;
    v->arn_bytes_len += len;
    slot->document = document > UINT32_MAX ? UINT32_MAX : (uint32_t)document;
    slot->index = index > UINT32_MAX ? UINT32_MAX : (uint32_t)index;
    v->arn_used++;
    return 0;
}

static void check_duplicate(lscv_state *v, const lscv_cert *x) {
    const lsc_string *arn = &x->c->certificate_arn;
    if (!arn->m.ok || lscv_blank(arn->s, arn->len) || !lscv_on(v, LSC_R_DUPLICATE_CERTIFICATE) ||
        arn->len >= UINT32_MAX) /* no ARN is 4 GiB long */
        return;
    uint64_t h = lscp_hash(v->key, arn->s, arn->len, 0);
    if ((v->arn_used + 1) * 2 > v->arn_cap && arn_grow(v) < 0) {
        v->failed = 1;
        return;
    }
    lscv_arn *slot = arn_slot(v, v->arns, v->arn_cap, h, arn->s, arn->len);
    if (slot->len1) {
        char q[LSCV_QUOTE_SIZE];
        lscv_report_at(v, LSC_R_DUPLICATE_CERTIFICATE, arn->m.at, LSCV_PATH(x, "/certificateArn"),
                       arn->s, arn->len,
                       "certificateArn %s already appeared in this listing (document %u, "
                       "certificate %u)",
                       lscv_quote(q, arn->s, arn->len), (unsigned)slot->document,
                       (unsigned)slot->index);
        return;
    }
    if (arn_store(v, slot, h, arn->s, arn->len, x->c->document, x->c->index) < 0)
        v->failed = 1;
}

int lscv_listing_add(lscv_state *v, const char *arn, size_t len, size_t document, size_t index) {
    if (v->failed)
        return -1;
    if (len >= UINT32_MAX || lscv_blank(arn, len)) /* as check_duplicate skips them */
        return 0;
    uint64_t h = lscp_hash(v->key, arn, len, 0);
    if ((v->arn_used + 1) * 2 > v->arn_cap && arn_grow(v) < 0) {
        v->failed = 1;
        return -1;
    }
    lscv_arn *slot = arn_slot(v, v->arns, v->arn_cap, h, arn, len);
    if (slot->len1)
        return 0; /* the first appearance is the one a duplicate names */
    if (arn_store(v, slot, h, arn, len, document, index) < 0) {
        v->failed = 1;
        return -1;
    }
    return 0;
}

int lscv_document_end(lscv_state *v, const lsc_document *doc) {
    const lsc_string *tok = &doc->next_page_token;
    if (tok->m.ok) {
        char q[LSCV_QUOTE_SIZE];
        if (lscv_blank(tok->s, tok->len))
            lscv_report(v, LSC_R_BLANK_VALUE, tok->m.at, "/nextPageToken", tok->s, tok->len,
                        "nextPageToken is blank: %s", lscv_quote(q, tok->s, tok->len));
        lscv_report(v, LSC_R_PARTIAL_PAGE, tok->m.at, "/nextPageToken", tok->s, tok->len,
                    "the document is one page of several: nextPageToken is present, so more "
                    "certificates follow in the next page");
    } else {
        listing_end(v);
    }
    return v->failed ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Fields: missing, blank, enumerations                               */
/* ------------------------------------------------------------------ */

static void check_missing(lscv_state *v, const lsc_member *m, lsc_pos obj_at,
                          const lscv_path *obj_path, const char *what, const char *key) {
    /* a null or mistyped member was reported already (null-value, type-mismatch) */
    if (m->seen == LSC_JSON_ABSENT)
        lscv_report_at(v, LSC_R_MISSING_FIELD, obj_at, obj_path, NULL, 0, "%s has no \"%s\" member",
                       what, key);
}

static void check_summary_fields(lscv_state *v, const lscv_cert *x) {
    const lsc_certificate *c = x->c;
    const lscv_path *obj = LSCV_PATH(x, "");
    check_missing(v, &c->certificate_arn.m, c->at, obj, "the certificate summary",
                  "certificateArn");
    check_missing(v, &c->certificate_name.m, c->at, obj, "the certificate summary",
                  "certificateName");
    check_missing(v, &c->domain_name.m, c->at, obj, "the certificate summary", "domainName");
    lscv_check_blank(v, LSC_R_BLANK_ARN, &c->certificate_arn, LSCV_PATH(x, "/certificateArn"),
                     "certificateArn");
    lscv_check_blank(v, LSC_R_BLANK_VALUE, &c->certificate_name, LSCV_PATH(x, "/certificateName"),
                     "certificateName");
    lscv_check_blank(v, LSC_R_BLANK_VALUE, &c->domain_name, LSCV_PATH(x, "/domainName"),
                     "domainName");
}

static void check_detail_fields(lscv_state *v, const lscv_cert *x) {
    const lsc_certificate_detail *d = x->d;
    const lscv_path *obj = LSCV_PATH(x, LSCV_DETAIL);
    check_missing(v, &d->arn.m, d->m.at, obj, "certificateDetail", "arn");
    check_missing(v, &d->name.m, d->m.at, obj, "certificateDetail", "name");
    check_missing(v, &d->domain_name.m, d->m.at, obj, "certificateDetail", "domainName");
    check_missing(v, &d->status.m, d->m.at, obj, "certificateDetail", "status");
    lscv_check_blank(v, LSC_R_BLANK_ARN, &d->arn, LSCV_PATH(x, LSCV_DETAIL "/arn"), "arn");
    lscv_check_blank(v, LSC_R_BLANK_VALUE, &d->name, LSCV_PATH(x, LSCV_DETAIL "/name"), "name");
    lscv_check_blank(v, LSC_R_BLANK_VALUE, &d->domain_name, LSCV_PATH(x, LSCV_DETAIL "/domainName"),
                     "domainName");
    lscv_check_value(v, LSC_R_ENUM_VALUE, LSCP_VS_STATUS, &d->status,
                     LSCV_PATH(x, LSCV_DETAIL "/status"));
    lscv_check_value(v, LSC_R_DOCUMENTED_VALUE, LSCP_VS_REQUEST_FAILURE, &d->request_failure_reason,
                     LSCV_PATH(x, LSCV_DETAIL "/requestFailureReason"));
    lscv_check_value(v, LSC_R_DOCUMENTED_VALUE, LSCP_VS_REVOCATION_REASON, &d->revocation_reason,
                     LSCV_PATH(x, LSCV_DETAIL "/revocationReason"));
    lscv_check_value(v, LSC_R_UNFAMILIAR_VALUE, LSCP_VS_KEY_ALGORITHM, &d->key_algorithm,
                     LSCV_PATH(x, LSCV_DETAIL "/keyAlgorithm"));
    lscv_check_value(v, LSC_R_UNFAMILIAR_VALUE, LSCP_VS_ELIGIBLE_TO_RENEW, &d->eligible_to_renew,
                     LSCV_PATH(x, LSCV_DETAIL "/eligibleToRenew"));
    lscv_check_value(v, LSC_R_UNFAMILIAR_VALUE, LSCP_VS_ISSUER_CA, &d->issuer_ca,
                     LSCV_PATH(x, LSCV_DETAIL "/issuerCA"));
    if (d->renewal_summary.m.ok)
        lscv_check_value(v, LSC_R_ENUM_VALUE, LSCP_VS_RENEWAL_STATUS,
                         &d->renewal_summary.renewal_status,
                         LSCV_PATH(x, LSCV_DETAIL "/renewalSummary/renewalStatus"));
    if (d->in_use_resource_count.m.ok && d->in_use_resource_count.v < 0)
        lscv_report_at(v, LSC_R_COUNT_RANGE, d->in_use_resource_count.m.at,
                       LSCV_PATH(x, LSCV_DETAIL "/inUseResourceCount"), NULL, 0,
                       "inUseResourceCount is %lld; a count of resources cannot be negative",
                       (long long)d->in_use_resource_count.v);
}

/* ------------------------------------------------------------------ */
/* Status-dependent fields                                            */
/* ------------------------------------------------------------------ */

typedef struct status_field {
    const char *key;
    const char *head; /* its pointer under the certificate */
    const lsc_member *m;
} status_field;

static void check_status(lscv_state *v, const lscv_cert *x) {
    const lsc_certificate_detail *d = x->d;
    if (!d->status.m.ok)
        return; /* every status rule needs a status */
    const lsc_string *status = &d->status;
    const lscv_path *sp = LSCV_PATH(x, LSCV_DETAIL "/status");
    int st = lscp_value_index(LSCP_VS_STATUS, status->s, status->len);
    char q[LSCV_QUOTE_SIZE];
    const status_field revoked[] = {
        {"revokedAt", LSCV_DETAIL "/revokedAt", &d->revoked_at.m},
        {"revocationReason", LSCV_DETAIL "/revocationReason", &d->revocation_reason.m}};
    const status_field validity[] = {
        {"issuedAt", LSCV_DETAIL "/issuedAt", &d->issued_at.m},
        {"notBefore", LSCV_DETAIL "/notBefore", &d->not_before.m},
        {"notAfter", LSCV_DETAIL "/notAfter", &d->not_after.m},
        {"serialNumber", LSCV_DETAIL "/serialNumber", &d->serial_number.m}};

    for (size_t i = 0; i < 2; i++) {
        const status_field *f = &revoked[i];
        if (st != LSCP_STATUS_REVOKED && f->m->ok && lscv_on(v, LSC_R_REVOKED_ONLY_FIELD))
            lscv_report_at(v, LSC_R_REVOKED_ONLY_FIELD, f->m->at, LSCV_PATH(x, f->head), NULL, 0,
                           "%s is present but status is %s, not \"REVOKED\"", f->key,
                           lscv_quote(q, status->s, status->len));
        if (st == LSCP_STATUS_REVOKED && !f->m->ok)
            lscv_report_at(v, LSC_R_REVOKED_MISSING_FIELD, status->m.at, sp, status->s, status->len,
                           "status is \"REVOKED\" but %s is absent", f->key);
    }
    if (st != LSCP_STATUS_FAILED && d->request_failure_reason.m.ok &&
        lscv_on(v, LSC_R_FAILURE_REASON_STATUS)) {
        char q2[LSCV_QUOTE_SIZE];
        const lsc_string *r = &d->request_failure_reason;
        lscv_report_at(v, LSC_R_FAILURE_REASON_STATUS, r->m.at,
                       LSCV_PATH(x, LSCV_DETAIL "/requestFailureReason"), r->s, r->len,
                       "requestFailureReason %s is present but status is %s, not \"FAILED\"",
                       lscv_quote(q2, r->s, r->len), lscv_quote(q, status->s, status->len));
    }
    int unissued = st == LSCP_STATUS_PENDING_VALIDATION || st == LSCP_STATUS_VALIDATION_TIMED_OUT ||
                   st == LSCP_STATUS_FAILED;
    for (size_t i = 0; i < 4; i++) {
        const status_field *f = &validity[i];
        if (st == LSCP_STATUS_ISSUED && !f->m->ok)
            lscv_report_at(v, LSC_R_ISSUED_MISSING_FIELD, status->m.at, sp, status->s, status->len,
                           "status is \"ISSUED\" but %s is absent", f->key);
        if (unissued && f->m->ok && lscv_on(v, LSC_R_UNISSUED_HAS_VALIDITY))
            lscv_report_at(v, LSC_R_UNISSUED_HAS_VALIDITY, f->m->at, LSCV_PATH(x, f->head), NULL, 0,
                           "%s is present but status is %s: the certificate was never issued",
                           f->key, lscv_quote(q, status->s, status->len));
    }
    if (st == LSCP_STATUS_ISSUED && d->domain_validation_records.m.ok &&
        lscv_on(v, LSC_R_VALIDATION_INCOMPLETE))
        lscv_check_incomplete(v, x);
}

/* ------------------------------------------------------------------ */
/* Summary and detail                                                 */
/* ------------------------------------------------------------------ */

static void check_pair(lscv_state *v, const lscv_cert *x, const lsc_string *summary,
                       const char *skey, const lsc_string *detail, const char *dkey,
                       const char *dhead) {
    if (!summary->m.ok || !detail->m.ok)
        return;
    if (summary->len == detail->len && memcmp(summary->s, detail->s, summary->len) == 0)
        return;
    if (!lscv_on(v, LSC_R_SUMMARY_DETAIL_MISMATCH))
        return;
    char q1[LSCV_QUOTE_SIZE], q2[LSCV_QUOTE_SIZE];
    lscv_report_at(v, LSC_R_SUMMARY_DETAIL_MISMATCH, detail->m.at, LSCV_PATH(x, dhead), detail->s,
                   detail->len, "certificateDetail.%s %s differs from the summary's %s %s", dkey,
                   lscv_quote(q1, detail->s, detail->len), skey,
                   lscv_quote(q2, summary->s, summary->len));
}

static void check_presence(lscv_state *v, const lscv_cert *x) {
    int present = x->c->certificate_detail.m.ok != 0;
    if (v->first_presence < 0) {
        v->first_presence = present;
        v->first_presence_index = x->c->index;
        return;
    }
    if (v->presence_reported || present == v->first_presence)
        return;
    v->presence_reported = 1;
    lscv_report_at(v, LSC_R_DETAIL_PRESENCE_MIXED, x->c->at, LSCV_PATH(x, ""), NULL, 0,
                   present ? "this summary has certificateDetail but the document's first summary "
                             "(certificate %zu) does not: pages of different requests were merged?"
                           : "this summary has no certificateDetail but the document's first "
                             "summary (certificate %zu) has one: pages of different requests "
                             "were merged?",
                   v->first_presence_index);
}

static void check_expect(lscv_state *v, const lscv_cert *x) {
    const lsc_config *cfg = v->config;
    const lsc_certificate *c = x->c;
    char q[LSCV_QUOTE_SIZE];
    if (cfg->expect == LSC_EXPECT_DETAILS && !c->certificate_detail.m.ok)
        lscv_report_at(v, LSC_R_EXPECT_DETAILS, c->at, LSCV_PATH(x, ""), NULL, 0,
                       "the summary has no certificateDetail, but the request asked for details "
                       "(--expect=details)");
    if (cfg->expect == LSC_EXPECT_SUMMARY && c->certificate_detail.m.ok)
        lscv_report_at(v, LSC_R_EXPECT_SUMMARY, c->certificate_detail.m.at,
                       LSCV_PATH(x, LSCV_DETAIL), NULL, 0,
                       "certificateDetail is present, but the request did not ask for details "
                       "(--expect=summary)");
    if (cfg->expect_status_mask && x->d && x->d->status.m.ok && lscv_on(v, LSC_R_STATUS_FILTER)) {
        const lsc_string *s = &x->d->status;
        int st = lscp_value_index(LSCP_VS_STATUS, s->s, s->len);
        if (st < 0 || !(cfg->expect_status_mask & (1u << st))) {
            char list[200] = "";
            size_t used = 0;
            for (int i = 0; i < LSCP_STATUS_COUNT; i++)
                if (cfg->expect_status_mask & (1u << i) && used < sizeof list)
                    used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                             used ? ", " : "", lscp_status_names[i]);
            lscv_report_at(v, LSC_R_STATUS_FILTER, s->m.at, LSCV_PATH(x, LSCV_DETAIL "/status"),
                           s->s, s->len, "status %s is not among the requested statuses (%s)",
                           lscv_quote(q, s->s, s->len), list);
        }
    }
    const lsc_string *n = &c->certificate_name;
    if (cfg->expect_name && n->m.ok &&
        !(n->len == cfg->expect_name_len && memcmp(n->s, cfg->expect_name, n->len) == 0) &&
        lscv_on(v, LSC_R_NAME_FILTER)) {
        char q2[LSCV_QUOTE_SIZE];
        lscv_report_at(v, LSC_R_NAME_FILTER, n->m.at, LSCV_PATH(x, "/certificateName"), n->s,
                       n->len, "certificateName %s is not the requested name %s",
                       lscv_quote(q, n->s, n->len),
                       lscv_quote(q2, cfg->expect_name, cfg->expect_name_len));
    }
}

int lscv_certificate(lscv_state *v, const lsc_certificate *c) {
    if (v->failed)
        return -1;
    lscv_cert x;
    x.c = c;
    x.d = c->certificate_detail.m.ok ? &c->certificate_detail : NULL;

    check_summary_fields(v, &x);
    check_presence(v, &x);
    check_duplicate(v, &x);
    check_expect(v, &x);
    if (x.d) {
        check_detail_fields(v, &x);
        check_status(v, &x);
        check_pair(v, &x, &c->certificate_arn, "certificateArn", &x.d->arn, "arn",
                   LSCV_DETAIL "/arn");
        check_pair(v, &x, &c->certificate_name, "certificateName", &x.d->name, "name",
                   LSCV_DETAIL "/name");
        check_pair(v, &x, &c->domain_name, "domainName", &x.d->domain_name, "domainName",
                   LSCV_DETAIL "/domainName");
    }
    lscv_check_tags(v, &x);
    lscv_check_names(v, &x);
    lscv_check_time(v, &x);
    for (int i = 0; i < 2; i++) {
        lscv_tags_clear(v, i);
        lscv_records_clear(v, i);
    }
    lscv_names_clear(v);
    return v->failed ? -1 : 0;
}

/* The validator's findings on an element are provisional until its
 * certificate closes: they go if the input stops being JSON inside the
 * certificate (a certificate that never closed is not validated), or if a
 * duplicate key replaces the list (the later value is used). */
int lscv_element(lscv_state *v, const lsc_certificate *c, const lsc_element *e) {
    if (v->failed)
        return -1;
    lscv_cert x;
    x.c = c;
    x.d = &c->certificate_detail;
    v->findings->provisional = (int)e->list + 1;
    switch (e->list) {
    case LSC_LIST_SUMMARY_TAGS:
    case LSC_LIST_DETAIL_TAGS:
        lscv_tag_element(v, &x, e->list == LSC_LIST_DETAIL_TAGS, e->tag);
        break;
    case LSC_LIST_NAMES:
        lscv_name_element(v, &x, e->name);
        break;
    case LSC_LIST_DETAIL_RECORDS:
    case LSC_LIST_RENEWAL_RECORDS:
        lscv_record_element(v, &x, e->list == LSC_LIST_RENEWAL_RECORDS, e->record);
        break;
    }
    v->findings->provisional = 0;
    return v->failed ? -1 : 0;
}

void lscv_list_reset(lscv_state *v, lsc_list_kind list) {
    switch (list) {
    case LSC_LIST_SUMMARY_TAGS:
    case LSC_LIST_DETAIL_TAGS:
        lscv_tags_clear(v, list == LSC_LIST_DETAIL_TAGS);
        break;
    case LSC_LIST_NAMES:
        lscv_names_clear(v);
        break;
    case LSC_LIST_DETAIL_RECORDS:
    case LSC_LIST_RENEWAL_RECORDS:
        lscv_records_clear(v, list == LSC_LIST_RENEWAL_RECORDS);
        break;
    }
    lscp_findings_drop_provisional(v->findings, (int)list + 1);
}

void lscv_certificate_abandoned(lscv_state *v) {
    for (int i = 0; i < 2; i++) {
        lscv_tags_clear(v, i);
        lscv_records_clear(v, i);
    }
    lscv_names_clear(v);
    lscp_findings_drop_provisional(v->findings, 0);
}
