/* The GetCertificates model (doc/contract.md §2) as member tables. */
#include "schema/model.h"

#include <string.h>

#define M(st, name, kind, child, field, known)                                                     \
    {                                                                                              \
        name, (uint8_t)(sizeof(name) - 1), kind, child, known, (uint16_t)offsetof(st, field),      \
            (uint16_t)sizeof(((st *)0)->field)                                                     \
    }

static const lscp_member_def response_members[] = {
    M(lsc_document, "certificates", LSCP_K_CERTIFICATES, 0, certificates, 1),
    M(lsc_document, "nextPageToken", LSCP_K_STRING, 0, next_page_token, 1),
    M(lsc_document, "ResponseMetadata", LSCP_K_ANY, 0, response_metadata, 1),
    /* error bodies: decoded, reported as unknown unless the document is one */
    M(lsc_document, "__type", LSCP_K_STRING, 0, error_type, 0),
    M(lsc_document, "message", LSCP_K_STRING, 0, error_message, 0),
    M(lsc_document, "Error", LSCP_K_OBJECT, LSCP_SH_ERROR, error, 0),
};

/* Error's members live in lsc_document too (the child shares its base). */
static const lscp_member_def error_members[] = {
    M(lsc_document, "Code", LSCP_K_STRING, 0, error_code, 1),
    M(lsc_document, "Message", LSCP_K_STRING, 0, error_text, 1),
};

static const lscp_member_def summary_members[] = {
    M(lsc_certificate, "certificateArn", LSCP_K_STRING, 0, certificate_arn, 1),
    M(lsc_certificate, "certificateName", LSCP_K_STRING, 0, certificate_name, 1),
    M(lsc_certificate, "domainName", LSCP_K_STRING, 0, domain_name, 1),
    M(lsc_certificate, "certificateDetail", LSCP_K_OBJECT, LSCP_SH_DETAIL, certificate_detail, 1),
    M(lsc_certificate, "tags", LSCP_K_TAGS, 0, tags, 1),
};

static const lscp_member_def detail_members[] = {
    M(lsc_certificate_detail, "arn", LSCP_K_STRING, 0, arn, 1),
    M(lsc_certificate_detail, "name", LSCP_K_STRING, 0, name, 1),
    M(lsc_certificate_detail, "domainName", LSCP_K_STRING, 0, domain_name, 1),
    M(lsc_certificate_detail, "status", LSCP_K_STRING, 0, status, 1),
    M(lsc_certificate_detail, "serialNumber", LSCP_K_STRING, 0, serial_number, 1),
    M(lsc_certificate_detail, "subjectAlternativeNames", LSCP_K_NAMES, 0, subject_alternative_names,
      1),
    M(lsc_certificate_detail, "domainValidationRecords", LSCP_K_RECORDS, 0,
      domain_validation_records, 1),
    M(lsc_certificate_detail, "requestFailureReason", LSCP_K_STRING, 0, request_failure_reason, 1),
    M(lsc_certificate_detail, "inUseResourceCount", LSCP_K_INTEGER, 0, in_use_resource_count, 1),
    M(lsc_certificate_detail, "keyAlgorithm", LSCP_K_STRING, 0, key_algorithm, 1),
    M(lsc_certificate_detail, "createdAt", LSCP_K_TIMESTAMP, 0, created_at, 1),
    M(lsc_certificate_detail, "issuedAt", LSCP_K_TIMESTAMP, 0, issued_at, 1),
    M(lsc_certificate_detail, "issuerCA", LSCP_K_STRING, 0, issuer_ca, 1),
    M(lsc_certificate_detail, "notBefore", LSCP_K_TIMESTAMP, 0, not_before, 1),
    M(lsc_certificate_detail, "notAfter", LSCP_K_TIMESTAMP, 0, not_after, 1),
    M(lsc_certificate_detail, "eligibleToRenew", LSCP_K_STRING, 0, eligible_to_renew, 1),
    M(lsc_certificate_detail, "renewalSummary", LSCP_K_OBJECT, LSCP_SH_RENEWAL, renewal_summary, 1),
    M(lsc_certificate_detail, "revokedAt", LSCP_K_TIMESTAMP, 0, revoked_at, 1),
    M(lsc_certificate_detail, "revocationReason", LSCP_K_STRING, 0, revocation_reason, 1),
    M(lsc_certificate_detail, "tags", LSCP_K_TAGS, 0, tags, 1),
    M(lsc_certificate_detail, "supportCode", LSCP_K_STRING, 0, support_code, 1),
};

static const lscp_member_def record_members[] = {
    M(lsc_validation_record, "domainName", LSCP_K_STRING, 0, domain_name, 1),
    M(lsc_validation_record, "resourceRecord", LSCP_K_OBJECT, LSCP_SH_RESOURCE_RECORD,
      resource_record, 1),
    M(lsc_validation_record, "dnsRecordCreationState", LSCP_K_OBJECT, LSCP_SH_DNS_STATE,
      dns_record_creation_state, 1),
    M(lsc_validation_record, "validationStatus", LSCP_K_STRING, 0, validation_status, 1),
};

static const lscp_member_def resource_record_members[] = {
    M(lsc_resource_record, "name", LSCP_K_STRING, 0, name, 1),
    M(lsc_resource_record, "type", LSCP_K_STRING, 0, type, 1),
    M(lsc_resource_record, "value", LSCP_K_STRING, 0, value, 1),
};

static const lscp_member_def dns_state_members[] = {
    M(lsc_dns_state, "code", LSCP_K_STRING, 0, code, 1),
    M(lsc_dns_state, "message", LSCP_K_STRING, 0, message, 1),
};

static const lscp_member_def renewal_members[] = {
    M(lsc_renewal_summary, "domainValidationRecords", LSCP_K_RECORDS, 0, domain_validation_records,
      1),
    M(lsc_renewal_summary, "renewalStatus", LSCP_K_STRING, 0, renewal_status, 1),
    M(lsc_renewal_summary, "renewalStatusReason", LSCP_K_STRING, 0, renewal_status_reason, 1),
    M(lsc_renewal_summary, "updatedAt", LSCP_K_TIMESTAMP, 0, updated_at, 1),
};

static const lscp_member_def tag_members[] = {
    M(lsc_tag, "key", LSCP_K_STRING, 0, key, 1),
    M(lsc_tag, "value", LSCP_K_STRING, 0, value, 1),
};

#define SHAPE(n, arr)                                                                              \
    { n, arr, sizeof(arr) / sizeof(arr[0]) }

const lscp_shape_def lscp_shapes[LSCP_SH__COUNT] = {
    [LSCP_SH_RESPONSE] = SHAPE("GetCertificatesResult", response_members),
    [LSCP_SH_SUMMARY] = SHAPE("CertificateSummary", summary_members),
    [LSCP_SH_DETAIL] = SHAPE("Certificate", detail_members),
    [LSCP_SH_RECORD] = SHAPE("DomainValidationRecord", record_members),
    [LSCP_SH_RESOURCE_RECORD] = SHAPE("ResourceRecord", resource_record_members),
    [LSCP_SH_DNS_STATE] = SHAPE("DnsRecordCreationState", dns_state_members),
    [LSCP_SH_RENEWAL] = SHAPE("RenewalSummary", renewal_members),
    [LSCP_SH_TAG] = SHAPE("Tag", tag_members),
    [LSCP_SH_ERROR] = SHAPE("Error", error_members),
};

/* Shapes have at most 21 members: compare the length and first byte, then
 * one memcmp; no chain of strcmp over NUL-terminated copies. Every client
 * prints members in model order, so the search starts after the member
 * matched last (hint) and almost always hits at once. */
const lscp_member_def *lscp_model_member_search(lscp_shape_id shape, const char *key, size_t len,
                                                const lscp_member_def *hint) {
    if (shape >= LSCP_SH__COUNT || len == 0 || len > 255)
        return NULL;
    const lscp_shape_def *sh = &lscp_shapes[shape];
    size_t start = hint ? (size_t)(hint - sh->members) + 1 : 0;
    if (start >= sh->count)
        start = 0;
    for (size_t n = 0, i = start; n < sh->count; n++, i = i + 1 == sh->count ? 0 : i + 1) {
        const lscp_member_def *m = &sh->members[i];
        if (m->name_len == len && m->name[0] == key[0] && memcmp(m->name, key, len) == 0)
            return m;
    }
    return NULL;
}

const char *lscp_json_type_article(lsc_json_type t) {
    switch (t) {
    case LSC_JSON_NULL:
        return "null";
    case LSC_JSON_BOOLEAN:
        return "a boolean";
    case LSC_JSON_NUMBER:
        return "a number";
    case LSC_JSON_STRING:
        return "a string";
    case LSC_JSON_OBJECT:
        return "an object";
    case LSC_JSON_ARRAY:
        return "an array";
    default:
        return "nothing";
    }
}
