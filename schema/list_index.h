/* A compact index of the strings (or pairs of strings) seen in a
 * certificate's list, for the rules that compare elements with one another
 * (duplicates, record domainName among the names, tags-mismatch). The
 * elements themselves are not kept: each distinct string is copied once into
 * the index's byte store, and the entries, in the order they were added,
 * refer to it by offset. Open addressing under the checker's keyed hash;
 * the full strings are compared on a hash match. */
#ifndef LSC_LIST_INDEX_H
#define LSC_LIST_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "lib/hash.h"

typedef struct lscv_index_entry {
    uint64_t hash;
    size_t off;          /* a at off in bytes, b right after it */
    uint32_t alen, blen; /* lengths (strings longer than 4 GiB are cut: never in practice) */
    size_t index;        /* list index of the element that first had it */
    size_t count;        /* how many elements had it (callers may change it) */
} lscv_index_entry;

typedef struct lscv_index {
    const lscp_hash_key *key;
    int fold;            /* compare ASCII case-insensitively (domain names) */
    lscv_index_entry *e; /* in the order added */
    size_t len, e_cap;
    uint32_t *slots;  /* entry number + 1; 0 is empty */
    size_t slots_cap; /* a power of two, at least twice len */
    char *bytes;
    size_t bytes_len, bytes_cap;
    uint64_t probes; /* slots looked at (work, for tests) */
} lscv_index;

void lscv_index_init(lscv_index *ix, const lscp_hash_key *key, int fold);
/* Forget every entry; memory above a small reserve is given back. */
void lscv_index_clear(lscv_index *ix);
void lscv_index_release(lscv_index *ix);

/* The entry of a (or of the pair a, b when b is not NULL); when absent and
 * add is set, it is added with index and count 1. *found says whether it
 * was there. NULL when absent and not added, or (with *oom set) when memory
 * ran out. */
lscv_index_entry *lscv_index_find(lscv_index *ix, const char *a, size_t alen, const char *b,
                                  size_t blen, size_t index, int add, int *found, int *oom);

/* The hash lscv_index_find() uses; indexes under the same key and fold
 * give the same hash, so a string hashed once can be looked up in several
 * with lscv_index_find_hashed(). */
uint64_t lscv_index_hash(const lscv_index *ix, const char *a, size_t alen, const char *b,
                         size_t blen);
lscv_index_entry *lscv_index_find_hashed(lscv_index *ix, uint64_t hash, const char *a, size_t alen,
                                         const char *b, size_t blen, size_t index, int add,
                                         int *found, int *oom);

/* The strings of an entry. */
static inline const char *lscv_index_a(const lscv_index *ix, const lscv_index_entry *e) {
    return ix->bytes + e->off;
}
static inline const char *lscv_index_b(const lscv_index *ix, const lscv_index_entry *e) {
    return ix->bytes + e->off + e->alen;
}

#endif
