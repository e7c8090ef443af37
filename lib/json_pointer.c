/* RFC 6901 pointers (see json_pointer.h). */
#include "config.h"

#include "lib/json_pointer.h"

#include <stdio.h>
#include <string.h>

#include "lib/internal.h"

static int put(lscp_pointer_buf *b, const char *data, size_t n) {
    if (lscp_grow(&b->p, &b->cap, b->len + n + 1, 1) < 0)
        return -1;
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

int lscp_pointer_clear(lscp_pointer_buf *b) {
    b->len = 0;
    return put(b, "", 0);
}

int lscp_pointer_append_key(lscp_pointer_buf *b, const char *k, size_t n) {
    if (put(b, "/", 1) < 0)
        return -1;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (k[i] == '~' || k[i] == '/') {
            if (put(b, k + run, i - run) < 0 || put(b, k[i] == '~' ? "~0" : "~1", 2) < 0)
                return -1;
            run = i + 1;
        }
    }
    return put(b, k + run, n - run);
}

int lscp_pointer_append_index(lscp_pointer_buf *b, size_t index) {
    char num[32];
    int n = snprintf(num, sizeof num, "/%zu", index);
    return put(b, num, (size_t)n);
}

void lscp_pointer_release(lscp_pointer_buf *b) {
    lscp_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}
