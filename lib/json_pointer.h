/* RFC 6901 JSON Pointers, built in a growable buffer: the one place that
 * escapes a member name (~ -> ~0, / -> ~1). */
#ifndef LSC_JSON_POINTER_H
#define LSC_JSON_POINTER_H

#include <stddef.h>

typedef struct lscp_pointer_buf {
    char *p; /* NUL-terminated after every append that succeeded */
    size_t len, cap;
} lscp_pointer_buf;

/* Empty the pointer (""), keeping the memory. -1 on out-of-memory. */
int lscp_pointer_clear(lscp_pointer_buf *b);
/* Append "/" and the member name k, escaped. -1 on out-of-memory. */
int lscp_pointer_append_key(lscp_pointer_buf *b, const char *k, size_t n);
/* Append "/" and an array index. -1 on out-of-memory. */
int lscp_pointer_append_index(lscp_pointer_buf *b, size_t index);
void lscp_pointer_release(lscp_pointer_buf *b);

#endif
