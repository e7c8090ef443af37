/* Private to the validator (schema/validate*.c): its state, the report
 * helper, scratch hash sets and the per-theme checks. */
#ifndef LSC_VALIDATE_INT_H
#define LSC_VALIDATE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/internal.h"
#include "schema/list_index.h"
#include "schema/validate.h"
#include "schema/values.h"

/* Sizes of the stack buffers: pointers hold two indexes and constant keys,
 * quotes at most 60 code points of up to 6 bytes each. */
#define LSCV_PTR_SIZE 192
#define LSCV_QUOTE_SIZE 400

/* One certificateArn of the current listing; its bytes are at off in
 * arn_bytes, compared in full when the hashes match. */
typedef struct lscv_arn {
    uint64_t hash;
    size_t off;
    uint32_t len1; /* the ARN's length + 1; 0: empty slot */
    uint32_t document, index;
} lscv_arn;

/* A validation record's usable domainName, kept until the certificate
 * closes (the names may come after the records). */
typedef struct lscv_record_name {
    size_t off, len; /* in the list's bytes */
    size_t index;    /* the record's index */
    lsc_pos at;      /* the domainName value */
} lscv_record_name;

typedef struct lscv_record_names {
    lscv_record_name *v;
    size_t len, cap;
    char *bytes;
    size_t bytes_len, bytes_cap;
} lscv_record_names;

/* A detail validation record whose validationStatus is not SUCCESS. */
typedef struct lscv_incomplete {
    size_t index;
    lsc_pos at;
    size_t off, len; /* the value, in incomplete_bytes */
} lscv_incomplete;

struct lscv_state {
    const lsc_config *config;
    lscp_findings *findings; /* where its findings go */
    int failed; /* memory ran out: every call returns -1 from now on */

    /* per document */
    size_t document;
    lsc_json_type first_style; /* NUMBER or STRING; ABSENT until the first timestamp */
    int style_reported;
    char first_style_ptr[LSCV_PTR_SIZE];
    int first_presence; /* -1 until the first summary, else 0/1 */
    size_t first_presence_index;
    int presence_reported;

    /* per listing (pages chained by nextPageToken) */
    const lscp_hash_key *key;
    lscv_arn *arns;
    size_t arn_cap, arn_used;
    char *arn_bytes; /* the ARNs of the listing, end to end */
    size_t arn_bytes_len, arn_bytes_cap;
    uint64_t arn_probes;

    /* The certificate being decoded: what its lists leave for the rules
     * checked when it closes (each element is checked as it closes, then
     * forgotten). Cleared when the certificate closes. */
    lscv_index names;         /* the names (folded): san-duplicate, records */
    lscv_index tag_keys[2];   /* per tags list (summary, detail): tag-key-duplicate */
    lscv_index tag_pairs[2];  /* (key, value), counted: tags-mismatch */
    size_t tag_objects[2];    /* tag objects of each list */
    uint32_t *detail_tags;    /* the tag_pairs[1] entry of each detail tag, in order */
    size_t detail_tags_len, detail_tags_cap;
    lscv_record_names records[2]; /* detail, renewal: usable domainName values */
    lscv_index record_domains;    /* scratch (folded) when the certificate closes */
    /* validation-incomplete waits for status: at most as many records as
     * the rule can report, and a count of the others */
    lscv_incomplete *incomplete;
    size_t incomplete_len, incomplete_cap, incomplete_more;
    char *incomplete_bytes;
    size_t incomplete_bytes_len, incomplete_bytes_cap;
};

/* The certificate being checked. */
typedef struct lscv_cert {
    const lsc_certificate *c;
    const lsc_certificate_detail *d; /* NULL unless certificateDetail decoded */
} lscv_cert;

/* Pointer heads under "/certificates/N" (string literals, to concatenate). */
#define LSCV_DETAIL "/certificateDetail"

/* Where a finding points, kept in pieces so that the clean path formats
 * nothing: "/certificates/<cert><head>", then "/<index><tail>" when tail is
 * not NULL. Formatted by lscv_path_str() only when a finding is reported. */
typedef struct lscv_path {
    size_t cert;      /* the certificate's index */
    const char *head; /* "" (the summary), LSCV_DETAIL "/notAfter", "/tags", ... */
    const char *tail; /* NULL: no list index; else after it: "", "/key", ... */
    size_t index;     /* the list element's index when tail is set */
} lscv_path;

/* A path to a field of the summary or the detail, or to a list element. */
#define LSCV_PATH(x, head) (&(const lscv_path){(x)->c->index, (head), NULL, 0})
#define LSCV_PATH_AT(x, head, i, tail) (&(const lscv_path){(x)->c->index, (head), (tail), (i)})

/* The pointer of a path into buf (LSCV_PTR_SIZE bytes). */
const char *lscv_path_str(char *buf, const lscv_path *path);

/* Report a finding for rule at pos / pointer (no-op when the rule is off or
 * memory already ran out). value is the raw value it is about, or NULL. */
void lscv_report(lscv_state *v, lsc_rule_id rule, lsc_pos pos, const char *pointer,
                 const char *value, size_t value_len, const char *fmt, ...) LSCP_PRINTF(7, 8);
/* The same with the pointer as a path, formatted only if the rule is on. */
void lscv_report_at(lscv_state *v, lsc_rule_id rule, lsc_pos pos, const lscv_path *path,
                    const char *value, size_t value_len, const char *fmt, ...) LSCP_PRINTF(7, 8);

/* Whether a rule is on (check before expensive work). */
int lscv_on(const lscv_state *v, lsc_rule_id rule);

/* Empty or only ASCII white space (the model's .*\S.* fails). */
int lscv_blank(const char *s, size_t len);
/* s equals the NUL-terminated lit exactly. */
int lscv_equal(const char *s, size_t len, const char *lit);
/* ASCII case-insensitive equality. */
int lscv_equal_fold(const char *a, size_t alen, const char *b, size_t blen);

/* Quote a value for a message (lscp_quote, 60 code points); call it only
 * when a finding is reported. */
const char *lscv_quote(char *buf, const char *s, size_t len);

/* blank-arn / blank-value on a string field. */
void lscv_check_blank(lscv_state *v, lsc_rule_id rule, const lsc_string *s, const lscv_path *path,
                      const char *field);
/* enum-value, documented-value or unfamiliar-value on a string field. */
void lscv_check_value(lscv_state *v, lsc_rule_id rule, lscp_value_set set, const lsc_string *s,
                      const lscv_path *path);

/* The elements of the lists, each as it closes (x: the certificate being
 * decoded); the lists' rules across elements when the certificate closes
 * (in lscv_check_tags / lscv_check_names). */
void lscv_tag_element(lscv_state *v, const lscv_cert *x, int detail, const lsc_tag *t);
void lscv_name_element(lscv_state *v, const lscv_cert *x, const lsc_name *n);
void lscv_record_element(lscv_state *v, const lscv_cert *x, int renewal,
                         const lsc_validation_record *r);
/* Forget what a list left (a certificate closed, or a duplicate key
 * replaced the list). */
void lscv_tags_clear(lscv_state *v, int detail);
void lscv_names_clear(lscv_state *v);
void lscv_records_clear(lscv_state *v, int renewal);
/* validation-incomplete over the detail records kept (status is ISSUED). */
void lscv_check_incomplete(lscv_state *v, const lscv_cert *x);

/* The themes, each run on one certificate. */
void lscv_check_tags(lscv_state *v, const lscv_cert *x);
void lscv_check_names(lscv_state *v, const lscv_cert *x);
void lscv_check_time(lscv_state *v, const lscv_cert *x);

/* domainName / SAN format, shared by the name checks. */
void lscv_check_domain_format(lscv_state *v, const char *what, const char *s, size_t len,
                              lsc_pos at, const lscv_path *path);

#endif
