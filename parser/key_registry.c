/* The duplicate-key registry (see key_registry.h). */
#include "config.h"

#include "parser/key_registry.h"

#include <string.h>

#include "lib/internal.h"

void lscp_keys_init(lscp_key_registry *r, const lscp_hash_key *hash_key) {
    memset(r, 0, sizeof *r);
    r->hash_key = hash_key;
}

void lscp_keys_release(lscp_key_registry *r) {
    lscp_free(r->entries);
    lscp_free(r->heads);
    lscp_free(r->keys);
    r->entries = NULL;
    r->heads = NULL;
    r->keys = NULL;
}

static int rebuild(lscp_key_registry *r, size_t buckets) {
    uint32_t *heads = lscp_malloc(buckets * sizeof *heads);
    if (!heads)
        return -1;
    for (size_t i = 0; i < buckets; i++)
        heads[i] = UINT32_MAX;
    for (size_t i = 0; i < r->len; i++) {
        size_t b = (size_t)(r->entries[i].hash & (buckets - 1));
        r->entries[i].next = heads[b];
        heads[b] = (uint32_t)i;
    }
    lscp_free(r->heads);
    r->heads = heads;
    r->buckets = buckets;
    return 0;
}

const lscp_key_entry *lscp_keys_check(lscp_key_registry *r, size_t start, const char *k, size_t n,
                                      lsc_pos pos, int *oom) {
    uint64_t h = lscp_hash(r->hash_key, k, n, 0);
    if (!r->heads && rebuild(r, 64) < 0)
        goto oom;
    r->probes++;
    for (uint32_t i = r->heads[h & (r->buckets - 1)]; i != UINT32_MAX && i >= start;
         i = r->entries[i].next) {
        const lscp_key_entry *e = &r->entries[i];
        r->probes++;
        if (e->hash == h && e->len == n && memcmp(r->keys + e->off, k, n) == 0)
            return e;
    }
    if (r->len >= UINT32_MAX - 1)
        return NULL; /* absurdly many keys: stop remembering */
    if (lscp_grow(&r->entries, &r->cap, r->len + 1, sizeof *r->entries) < 0 ||
        lscp_grow(&r->keys, &r->keys_cap, r->keys_len + n + 1, 1) < 0)
        goto oom;
    lscp_key_entry *e = &r->entries[r->len];
    e->hash = h;
    e->off = r->keys_len;
    e->len = n;
    e->pos = pos;
    if (n)
        memcpy(r->keys + r->keys_len, k, n);
    r->keys_len += n;
    size_t b = (size_t)(h & (r->buckets - 1));
    e->next = r->heads[b];
    r->heads[b] = (uint32_t)r->len;
    r->len++;
    /* at most 4 entries per bucket on average: chains stay short */
    if (r->len > 4 * r->buckets && rebuild(r, r->buckets * 4) < 0)
        goto oom;
    return NULL;
oom:
    *oom = 1;
    return NULL;
}

/* Newest first, so that each is its chain's head when it goes. */
void lscp_keys_pop(lscp_key_registry *r, size_t start) {
    if (start >= r->len)
        return;
    for (size_t i = r->len; i-- > start;) {
        size_t b = (size_t)(r->entries[i].hash & (r->buckets - 1));
        r->heads[b] = r->entries[i].next;
    }
    r->keys_len = r->entries[start].off;
    r->len = start;
}
