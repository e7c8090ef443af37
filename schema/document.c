/* The document-level shape rules (see document.h). */
#include "config.h"

#include "schema/document.h"

#include "schema/hints.h"

#include <string.h>

#include "lib/findings.h"
#include "schema/model.h"

static int report_doc(lscp_findings *f, lsc_rule_id rule, const lsc_document *d, const char *fmt,
                      ...) LSCP_PRINTF(4, 5);

/* A finding about the whole document: it points at its first character. */
static int report_doc(lscp_findings *f, lsc_rule_id rule, const lsc_document *d, const char *fmt,
                      ...) {
    if (!lscp_rule_on(f, rule))
        return 0;
    lscp_site site;
    memset(&site, 0, sizeof site);
    site.pos = d->at;
    site.pointer = "";
    va_list ap;
    va_start(ap, fmt);
    int r = lscp_vreport(f, rule, &site, fmt, ap);
    va_end(ap);
    return r;
}

int lscp_document_shape_rules(lscp_findings *f, const lsc_document *d,
                              const lscp_top_member *unknown, size_t more, int complete,
                              lscp_pointer_buf *scratch, const char *array_hint) {
    char q1[160], q2[200];
    if (!complete) {
        if (d->type != LSC_JSON_OBJECT || d->error_type.m.seen != LSC_JSON_ABSENT ||
            d->error.seen != LSC_JSON_ABSENT)
            return 0;
        if (d->certificates.seen == LSC_JSON_ABSENT &&
            d->next_page_token.m.seen == LSC_JSON_ABSENT &&
            d->response_metadata.seen == LSC_JSON_ABSENT)
            return 0;
        goto unknown;
    }
    if (d->type != LSC_JSON_OBJECT)
        return report_doc(f, LSC_R_NOT_A_RESPONSE, d,
                          "the document is %s, not a GetCertificates response object%s%s",
                          lscp_json_type_article(d->type), array_hint ? "; " : "",
                          array_hint ? array_hint : "");
    int is_error = d->error_type.m.seen != LSC_JSON_ABSENT || d->error.ok;
    if (is_error) {
        const lsc_string *name = d->error_type.m.ok ? &d->error_type : &d->error_code;
        const lsc_string *text = d->error_type.m.ok ? &d->error_message : &d->error_text;
        lscp_quote(q1, sizeof q1, name->m.ok ? name->s : "", name->m.ok ? name->len : 0, 60);
        lscp_quote(q2, sizeof q2, text->m.ok ? text->s : "", text->m.ok ? text->len : 0, 120);
        return report_doc(f, LSC_R_ERROR_RESPONSE, d,
                          "the document is an AWS error response, not a result: %s with message %s",
                          q1, q2);
    }
    int has_result = d->certificates.seen != LSC_JSON_ABSENT ||
                     d->next_page_token.m.seen != LSC_JSON_ABSENT;
    if (!has_result && !unknown) {
        if (d->members == 0)
            return report_doc(f, LSC_R_EMPTY_RESPONSE, d,
                              "the document is an empty object: no certificates member");
        return report_doc(f, LSC_R_EMPTY_RESPONSE, d,
                          "the document holds only ResponseMetadata: the result body is missing");
    }
    if (!has_result && d->response_metadata.seen == LSC_JSON_ABSENT) {
        int one_certificate = 0; /* a summary's members at the top (schema/hints.c) */
        for (const lscp_top_member *u = unknown; u && !one_certificate; u = u->next)
            one_certificate = lscp_hint_summary_key(u->key, u->key_len);
        return report_doc(f, LSC_R_NOT_A_RESPONSE, d,
                          "the object has none of certificates, nextPageToken or "
                          "ResponseMetadata: not a GetCertificates response%s%s",
                          one_certificate ? "; " : "",
                          one_certificate ? lscp_hint_one_certificate : "");
    }
unknown:
    for (const lscp_top_member *u = unknown; u; u = u->next) {
        if (!lscp_rule_on(f, LSC_R_UNKNOWN_FIELD))
            break;
        lscp_quote(q1, sizeof q1, u->key, u->key_len, 60);
        /* the pointer of a top-level member is "/" + its escaped name */
        if (lscp_pointer_clear(scratch) < 0 ||
            lscp_pointer_append_key(scratch, u->key, u->key_len) < 0)
            return -1;
        lscp_site site;
        memset(&site, 0, sizeof site);
        site.pos = u->pos;
        site.pointer = scratch->p;
        site.pointer_len = scratch->len;
        site.value = u->key;
        site.value_len = u->key_len;
        if (lscp_report(f, LSC_R_UNKNOWN_FIELD, &site,
                        "unknown member %s in GetCertificatesResult (the model's members are "
                        "certificates and nextPageToken)",
                        q1) < 0)
            return -1;
    }
    if (more && lscp_rule_on(f, LSC_R_UNKNOWN_FIELD))
        lscp_findings_not_shown(f, LSC_R_UNKNOWN_FIELD, more);
    return 0;
}
