/* SipHash-1-3 (Aumasson and Bernstein; one compression round per 8-byte
 * word, three finalization rounds, as CPython and Rust's HashMap use for
 * hash-flooding resistance at table speed). */
#include "config.h"

#include "lib/hash.h"

#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(HAVE_GETRANDOM) || defined(HAVE_GETENTROPY)
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
    /* getrandom (Linux, recent BSDs), getentropy (BSDs, macOS, glibc),
     * /dev/urandom elsewhere */
#if defined(HAVE_GETRANDOM)
    if (getrandom(k, sizeof k, GRND_NONBLOCK) == (ssize_t)sizeof k) {
        key->k0 = k[0];
        key->k1 = k[1];
        return;
    }
#elif defined(HAVE_GETENTROPY)
    if (getentropy(k, sizeof k) == 0) {
        key->k0 = k[0];
        key->k1 = k[1];
        return;
    }
#else
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t n = read(fd, k, sizeof k);
        close(fd);
        if (n == (ssize_t)sizeof k) {
            key->k0 = k[0];
            key->k1 = k[1];
            return;
        }
    }
#endif
    /* fallback: none of those, or no entropy yet this early in boot */
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

static inline void compress(lscp_hasher *h, uint64_t m) {
    h->v3 ^= m;
    SIPROUND(h->v0, h->v1, h->v2, h->v3);
    h->v0 ^= m;
}

static unsigned char lower(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Eight bytes as SipHash reads them (little-endian), whatever the host. */
static uint64_t load_le64(const unsigned char *p) {
    uint64_t w;
    memcpy(&w, p, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* ASCII 'A'..'Z' to lower case in each byte of a word at once: a byte gets
 * 0x20 when it is >= 'A' and <= 'Z' and below 0x80 (no carry crosses bytes:
 * every sum stays below 0x100). */
static uint64_t lower_word(uint64_t w) {
    const uint64_t ones = UINT64_C(0x0101010101010101);
    uint64_t low7 = w & (0x7f * ones);
    uint64_t ge_a = low7 + (0x80 - 'A') * ones;
    uint64_t gt_z = low7 + (0x80 - 'Z' - 1) * ones;
    uint64_t upper = ge_a & ~gt_z & ~w & (0x80 * ones);
    return w | (upper >> 2);
}

void lscp_hash_add(lscp_hasher *h, const void *data, size_t len, int fold) {
    const unsigned char *p = data;
    size_t i = 0;
    /* complete a partial word byte by byte, then whole words */
    for (; i < len && (h->len & 7); i++) {
        unsigned char c = fold ? lower(p[i]) : p[i];
        h->tail |= (uint64_t)c << (8 * (h->len & 7));
        h->len++;
        if ((h->len & 7) == 0) {
            compress(h, h->tail);
            h->tail = 0;
        }
    }
    for (; len - i >= 8; i += 8) {
        uint64_t w = load_le64(p + i);
        compress(h, fold ? lower_word(w) : w);
        h->len += 8;
    }
    if (i < len && (h->len & 7) == 0) { /* the last 1..7 bytes start a word */
        unsigned char last[8] = {0};
        memcpy(last, p + i, len - i);
        uint64_t w = load_le64(last);
        h->tail = fold ? lower_word(w) : w;
        h->len += len - i;
        return;
    }
    for (; i < len; i++) {
        unsigned char c = fold ? lower(p[i]) : p[i];
        h->tail |= (uint64_t)c << (8 * (h->len & 7));
        h->len++;
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
