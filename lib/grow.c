/* The one growth rule of the library's arrays and byte buffers. */
#include "config.h"

#include <stdint.h>

#include "lib/internal.h"

int lscp_grow(void *buf, size_t *cap, size_t need, size_t elem) {
    void **p = buf;
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (elem && ncap > SIZE_MAX / elem)
        return -1;
    void *n = lscp_realloc(*p, ncap * elem);
    if (!n)
        return -1;
    *p = n;
    *cap = ncap;
    return 0;
}
