/* The rule catalog's ids, in doc/rules.md order: one X-macro, expanded where a
 * table or an enum is needed. LSC_RULE(ENUM_NAME, "id", default severity). */
#ifndef LSC_RULE_IDS_H
#define LSC_RULE_IDS_H

#define LSC_RULE_LIST(X)                                                       \
    X(JSON_SYNTAX, "json-syntax", LSC_ERROR)                                   \
    X(JSON_DUPLICATE_KEY, "json-duplicate-key", LSC_ERROR)                     \
    X(JSON_BOM, "json-bom", LSC_WARNING)                                       \
    X(JSON_LONE_SURROGATE, "json-lone-surrogate", LSC_ERROR)                   \
    X(JSON_DEPTH, "json-depth", LSC_ERROR)                                     \
    X(NOT_A_RESPONSE, "not-a-response", LSC_ERROR)                             \
    X(EMPTY_RESPONSE, "empty-response", LSC_NOTE)                              \
    X(ERROR_RESPONSE, "error-response", LSC_ERROR)                             \
    X(TYPE_MISMATCH, "type-mismatch", LSC_ERROR)                               \
    X(NULL_VALUE, "null-value", LSC_WARNING)                                   \
    X(UNKNOWN_FIELD, "unknown-field", LSC_WARNING)                             \
    X(MISSING_FIELD, "missing-field", LSC_WARNING)                             \
    X(BLANK_ARN, "blank-arn", LSC_ERROR)                                       \
    X(BLANK_VALUE, "blank-value", LSC_WARNING)                                 \
    X(ENUM_VALUE, "enum-value", LSC_ERROR)                                     \
    X(DOCUMENTED_VALUE, "documented-value", LSC_WARNING)                       \
    X(UNFAMILIAR_VALUE, "unfamiliar-value", LSC_NOTE)                          \
    X(TAG_KEY_MISSING, "tag-key-missing", LSC_ERROR)                           \
    X(TAG_KEY_LENGTH, "tag-key-length", LSC_ERROR)                             \
    X(TAG_VALUE_LENGTH, "tag-value-length", LSC_ERROR)                         \
    X(TAG_KEY_CHARSET, "tag-key-charset", LSC_ERROR)                           \
    X(TAG_VALUE_CHARSET, "tag-value-charset", LSC_ERROR)                       \
    X(TAG_KEY_RESERVED, "tag-key-reserved", LSC_NOTE)                          \
    X(TAG_KEY_DUPLICATE, "tag-key-duplicate", LSC_ERROR)                       \
    X(TAG_COUNT, "tag-count", LSC_ERROR)                                       \
    X(REVOKED_ONLY_FIELD, "revoked-only-field", LSC_ERROR)                     \
    X(REVOKED_MISSING_FIELD, "revoked-missing-field", LSC_WARNING)             \
    X(FAILURE_REASON_STATUS, "failure-reason-status", LSC_WARNING)             \
    X(ISSUED_MISSING_FIELD, "issued-missing-field", LSC_WARNING)               \
    X(UNISSUED_HAS_VALIDITY, "unissued-has-validity", LSC_WARNING)             \
    X(VALIDATION_INCOMPLETE, "validation-incomplete", LSC_WARNING)             \
    X(SUMMARY_DETAIL_MISMATCH, "summary-detail-mismatch", LSC_ERROR)           \
    X(TAGS_MISMATCH, "tags-mismatch", LSC_WARNING)                             \
    X(DETAIL_PRESENCE_MIXED, "detail-presence-mixed", LSC_WARNING)             \
    X(SAN_MISSING_DOMAIN, "san-missing-domain", LSC_WARNING)                   \
    X(SAN_DUPLICATE, "san-duplicate", LSC_WARNING)                             \
    X(SAN_COUNT, "san-count", LSC_ERROR)                                       \
    X(DOMAIN_NAME_FORMAT, "domain-name-format", LSC_WARNING)                   \
    X(VALIDATION_RECORD_DOMAIN, "validation-record-domain", LSC_WARNING)       \
    X(VALIDATION_RECORD_NAME, "validation-record-name", LSC_WARNING)           \
    X(ARN_FORMAT, "arn-format", LSC_WARNING)                                   \
    X(SERIAL_NUMBER_FORMAT, "serial-number-format", LSC_NOTE)                  \
    X(COUNT_RANGE, "count-range", LSC_ERROR)                                   \
    X(TIMESTAMP_FORMAT, "timestamp-format", LSC_ERROR)                         \
    X(TIMESTAMP_STYLE_MIXED, "timestamp-style-mixed", LSC_NOTE)                \
    X(VALIDITY_ORDER, "validity-order", LSC_ERROR)                             \
    X(EVENT_ORDER, "event-order", LSC_WARNING)                                 \
    X(EXPIRED_BUT_ISSUED, "expired-but-issued", LSC_WARNING)                   \
    X(EXPIRES_SOON, "expires-soon", LSC_WARNING)                               \
    X(PARTIAL_PAGE, "partial-page", LSC_NOTE)                                  \
    X(DUPLICATE_CERTIFICATE, "duplicate-certificate", LSC_WARNING)             \
    X(EXPECT_DETAILS, "expect-details", LSC_ERROR)                             \
    X(EXPECT_SUMMARY, "expect-summary", LSC_ERROR)                             \
    X(STATUS_FILTER, "status-filter", LSC_ERROR)                               \
    X(NAME_FILTER, "name-filter", LSC_ERROR)                                   \
    X(EXPECTED_FINDING_MISSING, "expected-finding-missing", LSC_ERROR)

typedef enum lsc_rule_id {
#define LSC_RULE_ENUM(name, id, sev) LSC_R_##name,
    LSC_RULE_LIST(LSC_RULE_ENUM)
#undef LSC_RULE_ENUM
        LSC_R__COUNT
} lsc_rule_id;

#endif
