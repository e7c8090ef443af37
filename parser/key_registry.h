/* The duplicate-key registry: the keys of the open objects that no model
 * member remembers (unknown members, ignored objects), for
 * json-duplicate-key. Chained hashing under the checker's SipHash key; the
 * keys of one object are a contiguous run, dropped when it closes.
 *
 * Compact, because one object may hold millions of distinct keys and every
 * one must be kept (its bytes, to compare on a hash match, and the position
 * of its first occurrence): an entry is 20 bytes (chain link, key start and
 * position as 32-bit offsets from its chunk's first entry; no stored hash,
 * lengths follow from the next key's start), the key bytes are packed end
 * to end, and both live in fixed-size blocks that never move (no realloc
 * copy, no doubling slack). Positions that do not fit 32 bits go to a side
 * table, so they stay exact on any input. */
#ifndef LSC_KEY_REGISTRY_H
#define LSC_KEY_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "lib/hash.h"
#include "lscertlint.h"

struct lscp_key_chunk; /* key_registry.c: a fixed-size block of entries */
struct lscp_key_far;   /* key_registry.c: a position beyond 32 bits */

typedef struct lscp_key_registry {
    const lscp_hash_key *hash_key;
    size_t len;                     /* entries in use */
    struct lscp_key_chunk **chunks; /* entry i: chunks[i / chunk size] */
    size_t chunks_len, chunks_cap;  /* allocated, kept for reuse after a pop */
    char **blocks;                  /* key byte b: blocks[b / block size] */
    size_t blocks_len, blocks_cap;
    uint64_t text_len; /* key bytes in use */
    struct lscp_key_far *far;
    size_t far_len, far_cap;
    uint32_t *heads; /* chain heads; UINT32_MAX: empty */
    size_t buckets;
    lsc_pos found;   /* what lscp_keys_check returned last */
    uint64_t probes; /* entries looked at (work, for tests) */
} lscp_key_registry;

void lscp_keys_init(lscp_key_registry *r, const lscp_hash_key *hash_key);
void lscp_keys_release(lscp_key_registry *r);

/* The position of the earlier occurrence of key k among the entries from
 * start on (the open object's), valid until the next call; or NULL after
 * registering k at pos. *oom set when memory ran out (k not registered, the
 * registry still whole). */
const lsc_pos *lscp_keys_check(lscp_key_registry *r, size_t start, const char *k, size_t n,
                               lsc_pos pos, int *oom);
/* The object whose keys start at start closed: forget them. */
void lscp_keys_pop(lscp_key_registry *r, size_t start);

#endif
