/* Findings: the bottom of the library. The decoder and the validator
 * report into an lscp_findings; the checker flushes it at each flush point
 * (a certificate summary or a document closes, the input stops being JSON),
 * which delivers the findings sorted by position. Nothing here knows the
 * decoder, the validator or the checker.
 *
 * Findings must not pile up: between two flush points (one certificate, or
 * the top level of one document) at most LSCP_FINDINGS_PER_RULE findings of
 * one rule are kept, the first ones reported; the others are only counted,
 * and the last kept finding of that rule says how many were not shown. A
 * document of a million duplicate keys keeps a thousand findings, not a
 * million. */
#ifndef LSC_FINDINGS_H
#define LSC_FINDINGS_H

#include <stdarg.h>
#include <stddef.h>

#include "lib/internal.h"

/* A finding waiting for its flush point (offsets into the bytes buffer). */
typedef struct lscp_pending {
    lsc_rule_id rule;
    lsc_severity severity;
    lsc_pos pos;
    size_t document;
    size_t ptr_off, ptr_len, msg_off, val_off, val_len;
    int has_value;
    int has_related;
    lsc_pos rel_pos;
    size_t rel_ptr_off, rel_ptr_len, rel_msg_off;
    int has_cert;
    size_t cert_index;
    lsc_pos cert_at;
    size_t seq;
    int provisional; /* the findings' provisional tag when reported (0: none) */
} lscp_pending;

#define LSCP_FINDINGS_PER_RULE 1000
/* Tags of provisional findings: 1..LSCP_PROVISIONAL_TAGS (the validator
 * uses a list kind + 1). */
#define LSCP_PROVISIONAL_TAGS 5

struct lscp_findings {
    const lsc_severity *severity; /* per rule, LSC_OFF: off (the config's) */
    /* where the next finding is, kept up to date by the decoder */
    size_t document;
    int in_cert;
    size_t cert_index;
    lsc_pos cert_at;
    /* the buffer */
    lscp_pending *pending;
    size_t pending_len, pending_cap, seq;
    char *bytes; /* pointers, messages and values, NUL-terminated each */
    size_t bytes_len, bytes_cap;
    size_t kept[LSC_R__COUNT];    /* per rule, in the buffer now */
    size_t dropped[LSC_R__COUNT]; /* per rule, over the cap since the last flush */
    int provisional; /* nonzero: the findings reported now may be dropped (tag) */
    size_t dropped_provisional[LSCP_PROVISIONAL_TAGS][LSC_R__COUNT]; /* of dropped, per tag */
    int any_dropped_provisional; /* dropped_provisional is not all zero */
    int oom; /* a report ran out of memory */
    int array_document; /* --accept-array and the document is an array: pointers
                         * "/certificates/N..." are "/N..." */
};

void lscp_findings_init(lscp_findings *f, const lsc_severity *severity);
void lscp_findings_release(lscp_findings *f);

/* The same as lscp_report() with a va_list. */
int lscp_vreport(lscp_findings *f, lsc_rule_id rule, const lscp_site *site, const char *fmt,
                 va_list ap) LSCP_PRINTF(4, 0);

/* n findings of rule that were never reported, because the reporter knew
 * they would be over the cap: counted in the note like the others. */
/* Add "; suffix" to the message of every buffered finding of rule (the
 * hint of a json-syntax finding). -1 on out-of-memory. */
int lscp_findings_append(lscp_findings *f, lsc_rule_id rule, const char *suffix);

void lscp_findings_not_shown(lscp_findings *f, lsc_rule_id rule, size_t n);

/* Drop the buffered findings reported with provisional tag (every
 * provisional finding when tag is 0), and their counts over the cap. */
void lscp_findings_drop_provisional(lscp_findings *f, int tag);

/* Where findings go at a flush. */
typedef struct lscp_delivery {
    const char *file;             /* the input's name */
    const lsc_certificate *current; /* the certificate being decoded, or NULL: names it */
    lsc_stats *stats;             /* counts the findings by severity */
    int (*finding)(void *user, const lsc_finding *finding); /* may be NULL */
    void *user;
} lscp_delivery;

/* Deliver the buffered findings sorted by position (then rule, then order
 * of report) and empty the buffer. -1 when the callback returned nonzero
 * (the rest are counted, not delivered). */
int lscp_findings_flush(lscp_findings *f, const lscp_delivery *to);

#endif
