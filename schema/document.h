/* The document-level shape rules: not-a-response, error-response,
 * empty-response, and unknown-field for top-level members (known only once
 * the document closes: in an error body they are not unknown). Run by the
 * decoder when a document closes or the input stops being JSON in it. */
#ifndef LSC_DOCUMENT_H
#define LSC_DOCUMENT_H

#include "lib/internal.h"
#include "lib/json_pointer.h"

/* A top-level member the model does not know, kept until the document
 * closes. */
typedef struct lscp_top_member {
    const char *key;
    size_t key_len;
    lsc_pos pos;
    struct lscp_top_member *next;
} lscp_top_member;

/* Report the shape rules of document d with its unknown top-level members
 * (the first ones; more: how many came after them, counted as findings not
 * shown). complete: the document closed; else the input stopped being JSON
 * in it, and only the unknown-field findings it has earned are reported.
 * scratch holds the pointers. array_hint: the sentence not-a-response adds
 * for an array document (schema/hints.c), or NULL. -1 on out-of-memory. */
int lscp_document_shape_rules(lscp_findings *findings, const lsc_document *d,
                              const lscp_top_member *unknown, size_t more, int complete,
                              lscp_pointer_buf *scratch, const char *array_hint);

#endif
