/* Hints for the forms people save by mistake (Python's print(), YAML, the
 * AWS CLI's table and text outputs, the certificates list alone, one
 * certificate, UTF-16, an empty file, the AWS CLI's error text, an HTML
 * page): a sentence added to the json-syntax or not-a-response
 * finding, saying what the input looks like and how to save it as JSON.
 *
 * A hint reads only the first LSCP_HINT_HEAD bytes of the input, or only
 * bytes of a document that has ended, and says when the bytes known so far
 * do not decide it yet, so it does not depend on how the input was cut into
 * chunks. */
#ifndef LSC_HINTS_H
#define LSC_HINTS_H

#include <stddef.h>
#include <stdint.h>

#define LSCP_HINT_HEAD 4096

/* Room for a sentence that quotes from the input (the AWS CLI's error code). */
#define LSCP_HINT_MAX 320

/* The sentence for an input that is not JSON, from the len first bytes of
 * its head (complete: there are no more, the input or the head ended) and
 * the offset of the first bad byte. Returns 1 when decided (*hint is the
 * sentence, or NULL when the input looks like none of the known forms), 0
 * when more bytes could change the answer. A sentence that quotes the
 * input is written into buf (size bytes, LSCP_HINT_MAX is enough), and
 * *hint points there. */
int lscp_hint_syntax(const unsigned char *head, size_t len, int complete, uint64_t error_at,
                     const char **hint, char *buf, size_t size);

/* The sentence for a top-level array document that starts at head[at]
 * (bytes up to len are known): the certificates list alone; NULL if its
 * first element is not a certificate summary. */
const char *lscp_hint_array(const unsigned char *head, size_t len, size_t at);

/* Whether a top-level member name belongs to a certificate summary
 * (certificateArn, certificateName, certificateDetail). */
int lscp_hint_summary_key(const char *key, size_t len);

/* The sentence for an object that holds a certificate summary's members. */
extern const char lscp_hint_one_certificate[];

#endif
