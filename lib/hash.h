/* The library's one hash function: SipHash-1-3 (64-bit output) under a key
 * drawn per checker, so no input can be crafted to make the hash tables
 * (duplicate-key registry, validator sets, duplicate-certificate) collide
 * more than chance allows. Every table still compares the full key on a
 * hash match: the hash only chooses where to look. */
#ifndef LSC_HASH_H
#define LSC_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct lscp_hash_key {
    uint64_t k0, k1;
    int constant; /* test seam: every hash is 0 (lscp_hash_key_constant) */
} lscp_hash_key;

/* A fresh random key: getrandom(2) (without blocking), else getentropy(3),
 * else /dev/urandom (configure decides); where it fails, a mix of the clock, the process id, an address and a counter,
 * which is unpredictable enough from outside for flooding not to pay, but
 * not secret. */
void lscp_hash_key_random(lscp_hash_key *key);

/* Test seam: a key under which every string hashes to 0, so that tests can
 * check that every table resolves collisions by comparing the keys. */
void lscp_hash_key_constant(lscp_hash_key *key);

/* Incremental hashing, for keys made of several pieces. */
typedef struct lscp_hasher {
    uint64_t v0, v1, v2, v3;
    uint64_t tail; /* up to 7 bytes not yet compressed */
    size_t len;    /* bytes hashed so far */
    int constant;
} lscp_hasher;

void lscp_hash_begin(lscp_hasher *h, const lscp_hash_key *key);
/* Add len bytes; fold lowercases ASCII letters first (domain names). */
void lscp_hash_add(lscp_hasher *h, const void *data, size_t len, int fold);
uint64_t lscp_hash_end(lscp_hasher *h);

/* The hash of one string. */
uint64_t lscp_hash(const lscp_hash_key *key, const void *data, size_t len, int fold);

#endif
