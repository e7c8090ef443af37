/* The validator: every rule of the catalog from missing-field on, run on
 * decoded structs. The parser (parser/decode.c) reports the JSON-layer and
 * shape rules (json-*, not-a-response, empty-response, error-response,
 * type-mismatch, null-value, unknown-field) itself. */
#ifndef LSC_VALIDATE_H
#define LSC_VALIDATE_H

#include "lib/hash.h"
#include "lib/internal.h"

typedef struct lscv_state lscv_state;

/* Per-input validator state (listing of ARNs for duplicate-certificate,
 * per-document timestamp style and detail presence). NULL on out-of-memory. */
lscv_state *lscv_new(const lsc_config *config, lscp_findings *findings, const lscp_hash_key *key);
/* Slots looked at so far by the validator's tables (for work-count tests). */
uint64_t lscv_probes(const lscv_state *v);
void lscv_free(lscv_state *v);

/* A document starts; doc->index and doc->at are set, members not yet. */
int lscv_document_start(lscv_state *v, const lsc_document *doc);
/* A certificate summary closed: run the per-certificate rules. */
int lscv_certificate(lscv_state *v, const lsc_certificate *cert);
/* An element of a list of the certificate being decoded (c) closed: the
 * rules on the element alone, and what the rules across elements need. */
int lscv_element(lscv_state *v, const lsc_certificate *c, const lsc_element *e);
/* A duplicate key replaced a list of the certificate being decoded: forget
 * its elements and their findings. */
void lscv_list_reset(lscv_state *v, lsc_list_kind list);
/* The input stopped being JSON inside a certificate: forget its lists and
 * the findings on their elements. */
void lscv_certificate_abandoned(lscv_state *v);
/* A document ended: run the per-document rules (partial-page, listing). */
int lscv_document_end(lscv_state *v, const lsc_document *doc);
/* A listing continued from bytes this checker did not read (the CLI's -j
 * split of one input): an ARN its earlier pages held, at the document and
 * certificate of its first appearance. 0, or -1 on out-of-memory. */
int lscv_listing_add(lscv_state *v, const char *arn, size_t len, size_t document, size_t index);

/* Each returns 0, or -1 when memory ran out. */

#endif
