/* The compact list index (see list_index.h). */
#include "config.h"

#include "schema/list_index.h"

#include <string.h>

#include "lib/internal.h"

/* Kept across clears: a realistic list (10 names, 50 tags) fits in them. */
#define KEEP_SLOTS 256
#define KEEP_ENTRIES 128
#define KEEP_BYTES 16384

void lscv_index_init(lscv_index *ix, const lscp_hash_key *key, int fold) {
    memset(ix, 0, sizeof *ix);
    ix->key = key;
    ix->fold = fold;
}

void lscv_index_release(lscv_index *ix) {
    lscp_free(ix->e);
    lscp_free(ix->slots);
    lscp_free(ix->bytes);
    lscv_index_init(ix, ix->key, ix->fold);
}

void lscv_index_clear(lscv_index *ix) {
    if (ix->len == 0 && ix->bytes_len == 0)
        return;
    if (ix->slots_cap > KEEP_SLOTS) {
        lscp_free(ix->slots);
        ix->slots = NULL;
        ix->slots_cap = 0;
    } else if (ix->slots) {
        memset(ix->slots, 0, ix->slots_cap * sizeof *ix->slots);
    }
    if (ix->e_cap > KEEP_ENTRIES) {
        lscp_free(ix->e);
        ix->e = NULL;
        ix->e_cap = 0;
    }
    if (ix->bytes_cap > KEEP_BYTES) {
        lscp_free(ix->bytes);
        ix->bytes = NULL;
        ix->bytes_cap = 0;
    }
    ix->len = ix->bytes_len = 0;
}

uint64_t lscv_index_hash(const lscv_index *ix, const char *a, size_t alen, const char *b,
                         size_t blen) {
    lscp_hasher hs;
    lscp_hash_begin(&hs, ix->key);
    lscp_hash_add(&hs, a, alen, ix->fold);
    if (b) {
        uint64_t n = alen; /* ("ab","c") and ("a","bc") differ */
        lscp_hash_add(&hs, &n, sizeof n, 0);
        lscp_hash_add(&hs, b, blen, ix->fold);
    }
    return lscp_hash_end(&hs);
}

static int same(const lscv_index *ix, const char *x, size_t xlen, const char *y, size_t ylen) {
    if (xlen != ylen)
        return 0;
    if (memcmp(x, y, xlen) == 0)
        return 1; /* the common case, folded or not */
    if (!ix->fold)
        return 0;
    for (size_t i = 0; i < xlen; i++) {
        unsigned char c = (unsigned char)x[i], d = (unsigned char)y[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (d >= 'A' && d <= 'Z')
            d = (unsigned char)(d - 'A' + 'a');
        if (c != d)
            return 0;
    }
    return 1;
}

/* Place entry i (its hash known) in the slot table. */
static void place(lscv_index *ix, size_t i) {
    size_t mask = ix->slots_cap - 1;
    for (size_t s = (size_t)ix->e[i].hash & mask;; s = (s + 1) & mask) {
        if (!ix->slots[s]) {
            ix->slots[s] = (uint32_t)(i + 1);
            return;
        }
    }
}

static int rehash(lscv_index *ix, size_t cap) {
    uint32_t *slots = lscp_calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    lscp_free(ix->slots);
    ix->slots = slots;
    ix->slots_cap = cap;
    for (size_t i = 0; i < ix->len; i++)
        place(ix, i);
    return 0;
}

lscv_index_entry *lscv_index_find(lscv_index *ix, const char *a, size_t alen, const char *b,
                                  size_t blen, size_t index, int add, int *found, int *oom) {
    return lscv_index_find_hashed(ix, lscv_index_hash(ix, a, alen, b, blen), a, alen, b, blen,
                                  index, add, found, oom);
}

lscv_index_entry *lscv_index_find_hashed(lscv_index *ix, uint64_t h, const char *a, size_t alen,
                                         const char *b, size_t blen, size_t index, int add,
                                         int *found, int *oom) {
    *found = 0;
    if (ix->slots_cap) {
        size_t mask = ix->slots_cap - 1;
        for (size_t s = (size_t)h & mask; ix->slots[s]; s = (s + 1) & mask) {
            lscv_index_entry *e = &ix->e[ix->slots[s] - 1];
            ix->probes++;
            if (e->hash == h && same(ix, ix->bytes + e->off, e->alen, a, alen) &&
                (!b || same(ix, ix->bytes + e->off + e->alen, e->blen, b, blen))) {
                *found = 1;
                return e;
            }
        }
        ix->probes++;
    }
    if (!add || ix->len >= UINT32_MAX - 1 || alen > UINT32_MAX || (b && blen > UINT32_MAX))
        return NULL; /* absurd sizes: not remembered */
    if (b == NULL)
        blen = 0;
    if ((ix->len + 1) * 2 > ix->slots_cap && rehash(ix, ix->slots_cap ? ix->slots_cap * 2 : 64) < 0)
        goto oom;
    /* (the capacity checks first: the common case calls nothing) */
    if ((ix->len + 1 > ix->e_cap &&
         lscp_grow(&ix->e, &ix->e_cap, ix->len + 1, sizeof *ix->e) < 0) ||
        (ix->bytes_len + alen + blen + 1 > ix->bytes_cap &&
         lscp_grow(&ix->bytes, &ix->bytes_cap, ix->bytes_len + alen + blen + 1, 1) < 0))
        goto oom;
    lscv_index_entry *e = &ix->e[ix->len];
    e->hash = h;
    e->off = ix->bytes_len;
    e->alen = (uint32_t)alen;
    e->blen = (uint32_t)blen;
    e->index = index;
    e->count = 1;
    if (alen)
        memcpy(ix->bytes + ix->bytes_len, a, alen);
    if (blen)
        memcpy(ix->bytes + ix->bytes_len + alen, b, blen);
    ix->bytes_len += alen + blen;
    ix->len++;
    place(ix, ix->len - 1);
    return e;
oom:
    *oom = 1;
    return NULL;
}
