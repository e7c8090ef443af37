/* The model's enumerations and documented value sets (doc/contract.md §2),
 * as tables: lookups for enum-value, documented-value and unfamiliar-value,
 * and the near-miss suggestion of enum-value. All strings are static. */
#ifndef LSC_VALUES_H
#define LSC_VALUES_H

#include <stddef.h>

#include "lib/internal.h"

/* The value sets, one per checked field. */
typedef enum lscp_value_set {
    LSCP_VS_STATUS = 0,        /* certificateDetail.status (model enum) */
    LSCP_VS_VALIDATION_STATUS, /* domainValidationRecords[].validationStatus (model enum) */
    LSCP_VS_DNS_STATE_CODE,    /* dnsRecordCreationState.code (model enum) */
    LSCP_VS_RENEWAL_STATUS,    /* renewalSummary.renewalStatus (model enum, PascalCase) */
    LSCP_VS_REQUEST_FAILURE,   /* requestFailureReason (documented) */
    LSCP_VS_REVOCATION_REASON, /* revocationReason (documented, both SUPERCEDED spellings) */
    LSCP_VS_RECORD_TYPE,       /* resourceRecord.type (documented) */
    LSCP_VS_KEY_ALGORITHM,     /* keyAlgorithm (familiar) */
    LSCP_VS_ELIGIBLE_TO_RENEW, /* eligibleToRenew (familiar) */
    LSCP_VS_ISSUER_CA,         /* issuerCA (familiar) */
    LSCP_VS__COUNT
} lscp_value_set;

/* Indexes of lscp_status_names (model order). */
enum {
    LSCP_STATUS_PENDING_VALIDATION = 0,
    LSCP_STATUS_ISSUED,
    LSCP_STATUS_INACTIVE,
    LSCP_STATUS_EXPIRED,
    LSCP_STATUS_VALIDATION_TIMED_OUT,
    LSCP_STATUS_REVOKED,
    LSCP_STATUS_FAILED
};

/* The seven certificate statuses in model order; --expect-status bit i is
 * lscp_status_names[i]. */
extern const char *const lscp_status_names[LSCP_STATUS_COUNT];

/* The field a set belongs to, as doc/rules.md names it ("status", ...). */
const char *lscp_value_set_field(lscp_value_set set);

/* Number of values of a set, and the i-th (NULL past the end). */
size_t lscp_value_count(lscp_value_set set);
const char *lscp_value_at(lscp_value_set set, size_t i);

/* Index of the value equal to s[0..len) (exact, byte for byte), or -1. */
int lscp_value_index(lscp_value_set set, const char *s, size_t len);

/* The set's value that s equals once case and '_', '-', ' ' are ignored
 * (PENDING_AUTO_RENEWAL -> PendingAutoRenewal, issued -> ISSUED), or NULL
 * when there is none or s is already exact. */
const char *lscp_value_suggest(lscp_value_set set, const char *s, size_t len);

/* The set's values joined by ", " into out (always NUL-terminated). */
char *lscp_value_list(lscp_value_set set, char *out, size_t size);

#endif
