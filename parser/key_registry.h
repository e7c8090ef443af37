/* The duplicate-key registry: the keys of the open objects that no model
 * member remembers (unknown members, ignored objects), for
 * json-duplicate-key. Chained hashing under the checker's SipHash key; the
 * keys of one object are a contiguous run, dropped when it closes. */
#ifndef LSC_KEY_REGISTRY_H
#define LSC_KEY_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "lib/hash.h"
#include "lscertlint.h"

typedef struct lscp_key_entry {
    uint64_t hash;
    uint32_t next; /* chain; UINT32_MAX ends it */
    size_t off, len;
    lsc_pos pos;
} lscp_key_entry;

typedef struct lscp_key_registry {
    const lscp_hash_key *hash_key;
    lscp_key_entry *entries;
    size_t len, cap;
    uint32_t *heads;
    size_t buckets;
    char *keys;
    size_t keys_len, keys_cap;
    uint64_t probes; /* entries looked at (work, for tests) */
} lscp_key_registry;

void lscp_keys_init(lscp_key_registry *r, const lscp_hash_key *hash_key);
void lscp_keys_release(lscp_key_registry *r);

/* The earlier entry of key k among the entries from start on (the open
 * object's), or NULL after registering it at pos; *oom set when memory ran
 * out. */
const lscp_key_entry *lscp_keys_check(lscp_key_registry *r, size_t start, const char *k, size_t n,
                                      lsc_pos pos, int *oom);
/* The object whose keys start at start closed: forget them. */
void lscp_keys_pop(lscp_key_registry *r, size_t start);

#endif
