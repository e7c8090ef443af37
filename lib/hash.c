/* SipHash-1-3 (Aumasson and Bernstein; one compression round per 8-byte
 * word, three finalization rounds, as CPython and Rust's HashMap use for
 * hash-flooding resistance at table speed). */
#include "config.h"

#include "lib/hash.h"

#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND(v0, v1, v2, v3)                                                                   \
    do {                                                                                           \
        v0 += v1;                                                                                  \
        v1 = ROTL(v1, 13);                                                                         \
        v1 ^= v0;                                                                                  \
        v0 = ROTL(v0, 32);                                                                         \
        v2 += v3;                                                                                  \
        v3 = ROTL(v3, 16);                                                                         \
        v3 ^= v2;                                                                                  \
        v0 += v3;                                                                                  \
        v3 = ROTL(v3, 21);                                                                         \
        v3 ^= v0;                                                                                  \
        v2 += v1;                                                                                  \
        v1 = ROTL(v1, 17);                                                                         \
        v1 ^= v2;                                                                                  \
        v2 = ROTL(v2, 32);                                                                         \
    } while (0)

/* splitmix64: spreads the fallback's weak sources over all 64 bits */
static uint64_t mix64(uint64_t x) {
    x += UINT64_C(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

void lscp_hash_key_random(lscp_hash_key *key) {
    uint64_t k[2];
    memset(key, 0, sizeof *key);
#if defined(__linux__)
    if (getrandom(k, sizeof k, GRND_NONBLOCK) == (ssize_t)sizeof k) {
        key->k0 = k[0];
        key->k1 = k[1];
        return;
    }
#endif
    /* fallback: no getrandom, or no entropy yet this early in boot */
    static _Atomic uint64_t counter;
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    uint64_t c = ++counter;
    key->k0 = mix64((uint64_t)ts.tv_sec ^ ((uint64_t)ts.tv_nsec << 20) ^ (c << 48));
    key->k1 = mix64((uint64_t)(uintptr_t)key ^ ((uint64_t)getpid() << 32) ^ key->k0 ^ c);
}

void lscp_hash_key_constant(lscp_hash_key *key) {
    memset(key, 0, sizeof *key);
    key->constant = 1;
}

void lscp_hash_begin(lscp_hasher *h, const lscp_hash_key *key) {
    h->v0 = key->k0 ^ UINT64_C(0x736f6d6570736575);
    h->v1 = key->k1 ^ UINT64_C(0x646f72616e646f6d);
    h->v2 = key->k0 ^ UINT64_C(0x6c7967656e657261);
    h->v3 = key->k1 ^ UINT64_C(0x7465646279746573);
    h->tail = 0;
    h->len = 0;
    h->constant = key->constant;
}

static void compress(lscp_hasher *h, uint64_t m) {
    h->v3 ^= m;
    SIPROUND(h->v0, h->v1, h->v2, h->v3);
    h->v0 ^= m;
}

static unsigned char lower(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

void lscp_hash_add(lscp_hasher *h, const void *data, size_t len, int fold) {
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = fold ? lower(p[i]) : p[i];
        h->tail |= (uint64_t)c << (8 * (h->len & 7));
        h->len++;
        if ((h->len & 7) == 0) {
            compress(h, h->tail);
            h->tail = 0;
        }
    }
}

uint64_t lscp_hash_end(lscp_hasher *h) {
    if (h->constant)
        return 0;
    compress(h, h->tail | ((uint64_t)(h->len & 0xff) << 56));
    h->v2 ^= 0xff;
    SIPROUND(h->v0, h->v1, h->v2, h->v3);
    SIPROUND(h->v0, h->v1, h->v2, h->v3);
    SIPROUND(h->v0, h->v1, h->v2, h->v3);
    return h->v0 ^ h->v1 ^ h->v2 ^ h->v3;
}

uint64_t lscp_hash(const lscp_hash_key *key, const void *data, size_t len, int fold) {
    lscp_hasher h;
    lscp_hash_begin(&h, key);
    lscp_hash_add(&h, data, len, fold);
    return lscp_hash_end(&h);
}
