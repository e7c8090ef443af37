/* Private API shared by the library's modules (parser/, schema/, lib/).
 * Never included by cli/ or by users: they see only lscertlint.h. */
#ifndef LSC_INTERNAL_H
#define LSC_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "lscertlint.h"
#include "schema/rule_ids.h"

#if defined(__GNUC__)
#define LSCP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define LSCP_PRINTF(a, b)
#endif

/* Elements of each certificate list kept linked in its struct by default:
 * realistic certificates (at most 10 names, 50 tags) are whole. */
#define LSCP_LIST_LIMIT_DEFAULT 256

/* The seven model statuses, as bits for --expect-status. */
#define LSCP_STATUS_COUNT 7

struct lsc_config {
    lsc_severity severity[LSC_R__COUNT]; /* LSC_OFF: disabled */
    unsigned char severity_set[LSC_R__COUNT]; /* set explicitly: options leave it alone */
    lsc_expect expect;
    unsigned expect_status_mask; /* bit i: lscp_status_names[i]; 0: no filter */
    char *expect_name;           /* NULL: no --expect-name */
    size_t expect_name_len;
    int has_now;
    lsc_time now;
    int64_t expiry_days;
    uint64_t max_depth;
    int accept_array; /* --accept-array */
    size_t list_limit; /* elements of each certificate list kept linked */
};

/* The severity a rule has in a configuration. */
static inline lsc_severity lscp_severity(const lsc_config *cfg, lsc_rule_id rule) {
    return cfg->severity[rule];
}

/* Everything a finding needs besides its message. The decoder and the
 * validator fill one on the stack and call lscp_report(). */
typedef struct lscp_site {
    lsc_pos pos;
    const char *pointer; /* raw RFC 6901 bytes, document-relative */
    size_t pointer_len;
    const char *value; /* the value the finding is about, for fingerprints; may be NULL */
    size_t value_len;
    const lsc_related *related; /* NULL or one */
} lscp_site;

/* The buffer of findings (lib/findings.h): the decoder and the validator
 * report into it; the checker delivers them sorted. */
typedef struct lscp_findings lscp_findings;

/* Is the rule on (cheap: check before building a message). */
int lscp_rule_on(const lscp_findings *findings, lsc_rule_id rule);

/* Report a finding (dropped if the rule is off). Returns -1 on out-of-memory. */
int lscp_report(lscp_findings *findings, lsc_rule_id rule, const lscp_site *site,
                const char *fmt, ...) LSCP_PRINTF(4, 5);

/* Quote a value for a message: JSON-style escapes for control characters,
 * '"' and '\', \xHH for bytes that are not UTF-8, cut after max code points
 * with "..." appended; surrounded by double quotes. Always NUL-terminates
 * out (size > 0). Returns out. */
char *lscp_quote(char *out, size_t size, const char *s, size_t len, size_t max);

/* Every allocation of the library goes through these (lib/alloc.c), so a
 * test can fail the k-th one. They return NULL on failure like malloc. */
void *lscp_malloc(size_t size);
void *lscp_calloc(size_t n, size_t size);
void *lscp_realloc(void *p, size_t size);
void lscp_free(void *p);

/* Make room for need elements of elem bytes in the array *buf (a pointer to
 * the array's pointer) of *cap elements: the capacity doubles from 16 until
 * it fits. 0, or -1 on out-of-memory or overflow (the array is unchanged).
 * Every growable array and buffer of the library grows through this. */
int lscp_grow(void *buf, size_t *cap, size_t need, size_t elem);

#ifdef LSC_FAULT_INJECTION
/* Test builds only (lib/alloc.c compiled with LSC_FAULT_INJECTION): fail
 * allocation number k (0-based) from now on; persistent: every allocation
 * after it fails too. k < 0 turns failing off. */
void lscp_alloc_fail_at(long k, int persistent);
/* Allocations made since the hook was last set. */
long lscp_alloc_count(void);
/* Blocks allocated and not yet freed, since the process started. */
long lscp_alloc_live(void);
#endif

/* Work counters and seams for tests (lib/checker.c). The hash-table
 * entries and slots looked at so far by this checker's tables (registry,
 * validator sets, duplicate-certificate): a test of linear time counts
 * these instead of timing. */
uint64_t lscp_checker_probes(const lsc_checker *checker);
/* Test seam: the bytes yajl has lexed, counting its re-reads of a token
 * it holds from an earlier feed (parser/decode.c). */
uint64_t lscp_checker_lexed(const lsc_checker *checker);
/* Replace the checker's random hash key (before the first feed; -1 after):
 * with lscp_hash_key_constant() every key collides. */
struct lscp_hash_key;
int lscp_checker_set_hash_key(lsc_checker *checker, const struct lscp_hash_key *key);

/* The lsc_rule_id of a rule id ("tag-key-charset"), or -1 if unknown. */
int lscp_rule_index(const char *id);

/* lscp_quote()'s escaping without the quotes and without the cut: writes
 * what fits into out (never splitting an escape or a UTF-8 sequence, always
 * NUL-terminated when size > 0) and returns the length it needed. */
size_t lscp_escape(char *out, size_t size, const char *s, size_t len);

#endif
