/* The model's enumerations and documented value sets as tables. */
#include "schema/values.h"

#include <stdio.h>
#include <string.h>

const char *const lscp_status_names[LSCP_STATUS_COUNT] = {
    "PENDING_VALIDATION",   "ISSUED",  "INACTIVE", "EXPIRED",
    "VALIDATION_TIMED_OUT", "REVOKED", "FAILED",
};

static const char *const validation_status[] = {"PENDING_VALIDATION", "FAILED", "SUCCESS"};
static const char *const dns_state_code[] = {"SUCCEEDED", "STARTED", "FAILED"};
static const char *const renewal_status[] = {"PendingAutoRenewal", "PendingValidation", "Success",
                                             "Failed"};
static const char *const request_failure[] = {
    "NO_AVAILABLE_CONTACTS", "ADDITIONAL_VERIFICATION_REQUIRED", "DOMAIN_NOT_ALLOWED",
    "INVALID_PUBLIC_DOMAIN", "OTHER"};
/* The Lightsail model spells SUPERCEDED, ACM SUPERSEDED: both are known. */
static const char *const revocation_reason[] = {
    "UNSPECIFIED",     "KEY_COMPROMISE",      "CA_COMPROMISE",          "AFFILIATION_CHANGED",
    "SUPERCEDED",      "SUPERSEDED",          "CESSATION_OF_OPERATION", "CERTIFICATE_HOLD",
    "REMOVE_FROM_CRL", "PRIVILEGE_WITHDRAWN", "A_A_COMPROMISE"};
static const char *const record_type[] = {"CNAME"};
static const char *const key_algorithm[] = {"RSA-1024",    "RSA-2048",      "RSA-3072",
                                            "RSA-4096",    "EC-prime256v1", "EC-secp384r1",
                                            "EC-secp521r1"};
static const char *const eligible_to_renew[] = {"ELIGIBLE", "INELIGIBLE"};
static const char *const issuer_ca[] = {"Amazon"};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const struct value_table {
    const char *field;
    const char *const *values;
    size_t count;
} tables[LSCP_VS__COUNT] = {
    [LSCP_VS_STATUS] = {"status", lscp_status_names, LSCP_STATUS_COUNT},
    [LSCP_VS_VALIDATION_STATUS] = {"validationStatus", validation_status, N_OF(validation_status)},
    [LSCP_VS_DNS_STATE_CODE] = {"dnsRecordCreationState.code", dns_state_code,
                                N_OF(dns_state_code)},
    [LSCP_VS_RENEWAL_STATUS] = {"renewalStatus", renewal_status, N_OF(renewal_status)},
    [LSCP_VS_REQUEST_FAILURE] = {"requestFailureReason", request_failure, N_OF(request_failure)},
    [LSCP_VS_REVOCATION_REASON] = {"revocationReason", revocation_reason, N_OF(revocation_reason)},
    [LSCP_VS_RECORD_TYPE] = {"resourceRecord.type", record_type, N_OF(record_type)},
    [LSCP_VS_KEY_ALGORITHM] = {"keyAlgorithm", key_algorithm, N_OF(key_algorithm)},
    [LSCP_VS_ELIGIBLE_TO_RENEW] = {"eligibleToRenew", eligible_to_renew, N_OF(eligible_to_renew)},
    [LSCP_VS_ISSUER_CA] = {"issuerCA", issuer_ca, N_OF(issuer_ca)},
};

static const struct value_table *table_of(lscp_value_set set) {
    return (unsigned)set < LSCP_VS__COUNT ? &tables[set] : NULL;
}

const char *lscp_value_set_field(lscp_value_set set) {
    const struct value_table *t = table_of(set);
    return t ? t->field : NULL;
}

size_t lscp_value_count(lscp_value_set set) {
    const struct value_table *t = table_of(set);
    return t ? t->count : 0;
}

const char *lscp_value_at(lscp_value_set set, size_t i) {
    const struct value_table *t = table_of(set);
    return t && i < t->count ? t->values[i] : NULL;
}

int lscp_value_index(lscp_value_set set, const char *s, size_t len) {
    const struct value_table *t = table_of(set);
    if (!t || !s)
        return -1;
    /* the first byte first: most values differ there, and strlen is spared */
    unsigned char first = len ? (unsigned char)s[0] : 0;
    for (size_t i = 0; i < t->count; i++)
        if ((unsigned char)t->values[i][0] == first && strlen(t->values[i]) == len &&
            memcmp(t->values[i], s, len) == 0)
            return (int)i;
    return -1;
}

/* The next byte that counts for a near-miss comparison, ASCII-lowercased;
 * '_', '-' and ' ' do not count. Returns 0 at the end. */
static int next_folded(const char *s, size_t len, size_t *i) {
    while (*i < len) {
        unsigned char c = (unsigned char)s[(*i)++];
        if (c == '_' || c == '-' || c == ' ')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        return c == 0 ? 256 : c; /* a NUL byte must not end the comparison */
    }
    return 0;
}

static int folded_equal(const char *a, size_t alen, const char *b, size_t blen) {
    size_t i = 0, j = 0;
    for (;;) {
        int ca = next_folded(a, alen, &i), cb = next_folded(b, blen, &j);
        if (ca != cb)
            return 0;
        if (ca == 0)
            return 1;
    }
}

/* Longest folded value a typo is looked for in: the work is bounded
 * (FOLD_MAX squared steps per known value), whatever the input's length. */
#define FOLD_MAX 64

/* s folded as next_folded() reads it into out (FOLD_MAX bytes at most);
 * the length, or FOLD_MAX + 1 when it is longer or holds a control byte. */
static size_t fold(const char *s, size_t len, unsigned char *out) {
    size_t i = 0, n = 0;
    int c;
    while ((c = next_folded(s, len, &i)) != 0) {
        if (n == FOLD_MAX || c < 0x20 || c == 256) /* a control byte: no value's typo */
            return FOLD_MAX + 1;
        out[n++] = (unsigned char)c;
    }
    return n;
}

/* Edit distance with adjacent transpositions (optimal string alignment):
 * ISUED -> ISSUED is 1, PendingAutoRenwal -> PendingAutoRenewal 1. */
static size_t edit_distance(const unsigned char *a, size_t n, const unsigned char *b, size_t m) {
    size_t rows[3][FOLD_MAX + 1]; /* i - 2, i - 1, i */
    for (size_t j = 0; j <= m; j++)
        rows[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t *prev2 = rows[(i + 1) % 3], *prev = rows[(i + 2) % 3], *cur = rows[i % 3];
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t d = prev[j - 1] + cost;
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
        }
    }
    return rows[n % 3][m];
}

const char *lscp_value_suggest(lscp_value_set set, const char *s, size_t len) {
    const struct value_table *t = table_of(set);
    if (!t || !s || lscp_value_index(set, s, len) >= 0)
        return NULL;
    for (size_t i = 0; i < t->count; i++)
        if (folded_equal(s, len, t->values[i], strlen(t->values[i])))
            return t->values[i];
    /* then a typo: the one value within 1 edit (values of 5 folded
     * characters or fewer) or 2 edits (longer ones); none when two are as
     * near */
    unsigned char a[FOLD_MAX], b[FOLD_MAX];
    size_t n = fold(s, len, a), best = (size_t)-1;
    const char *found = NULL;
    if (n == 0 || n > FOLD_MAX)
        return NULL;
    for (size_t i = 0; i < t->count; i++) {
        size_t m = fold(t->values[i], strlen(t->values[i]), b);
        if (m > FOLD_MAX)
            continue;
        size_t d = edit_distance(a, n, b, m), limit = m <= 5 ? 1 : 2;
        if (d > limit || d > best)
            continue;
        found = d == best ? NULL : t->values[i];
        best = d;
    }
    return found;
}

char *lscp_value_list(lscp_value_set set, char *out, size_t size) {
    const struct value_table *t = table_of(set);
    size_t used = 0;
    if (size == 0)
        return out;
    out[0] = '\0';
    for (size_t i = 0; t && i < t->count && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", t->values[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return out;
}
