/* --normalize: each document written as canonical JSON built from the
 * decoded structs, streamed as the checker's callbacks arrive.
 *
 * One line per document the library starts, always an object:
 *   {"certificates":[SUMMARY,...],"nextPageToken":"..."}
 * - members in model order (CertificateSummary: certificateArn,
 *   certificateName, domainName, certificateDetail, tags; Certificate: the
 *   order of lsc_certificate_detail), only members that decoded (m.ok);
 * - "certificates" is written when the document had a certificates array
 *   (then always, even empty) or any summary; array elements that are not
 *   objects (and SAN entries that are not strings) are dropped;
 * - timestamps that decoded as "YYYY-MM-DDTHH:MM:SS.mmmZ"; one that did not
 *   (timestamp-format reports it) is kept as it was given: its number text
 *   as a number, its string as a string, so no data is lost silently;
 * - unknown members, ResponseMetadata and error bodies are dropped: a
 *   document that is not an object, or holds nothing of the model, is {};
 * - summaries are written as they close (memory does not grow): a document
 *   with two "certificates" arrays (a json-duplicate-key error) gets the
 *   summaries of both; one cut short by a syntax error is closed after the
 *   last summary that was decoded.
 * The caller owns the normalizer; cli_normalizer_free() does not close fd. */
#ifndef LSC_CLI_NORMALIZE_H
#define LSC_CLI_NORMALIZE_H

#include "lscertlint.h"

typedef struct cli_normalizer cli_normalizer;

/* A normalizer writing to fd. NULL on out-of-memory. */
cli_normalizer *cli_normalizer_new(int fd);
void cli_normalizer_free(cli_normalizer *n);

/* The checker's callbacks, forwarded. */
int cli_normalize_document_start(cli_normalizer *n, const lsc_document *doc);
int cli_normalize_certificate(cli_normalizer *n, const lsc_certificate *cert);
int cli_normalize_document_end(cli_normalizer *n, const lsc_document *doc);

/* The input ended: close a document the library never ended, and write
 * what is buffered. */
int cli_normalize_input_end(cli_normalizer *n);

/* Each returns 0, or -1 when writing failed (errno set). */

#endif
