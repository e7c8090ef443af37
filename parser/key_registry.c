/* The duplicate-key registry (see key_registry.h). */
#include "config.h"

#include "parser/key_registry.h"

#include <string.h>

#include "lib/internal.h"

/* Entries per chunk and key bytes per block: both under glibc's mmap
 * threshold (128 KiB), so they come from the heap without page rounding. */
#define CHUNK_ENTRIES 4096
#define BLOCK_BYTES 65536
#define NONE UINT32_MAX

/* 20 bytes. Every field but next is relative to the chunk's first entry,
 * so that 32 bits suffice on inputs of any size unless one chunk spans
 * more than 4 GiB; then offset is NONE and the entry's position and key
 * start are in the far table. */
typedef struct key_entry {
    uint32_t next;   /* chain: the previous entry of the bucket; NONE ends it */
    uint32_t text;   /* key start - the chunk's */
    uint32_t offset; /* offset - the chunk's; NONE: in the far table */
    uint32_t line;   /* line - the chunk's */
    uint32_t column; /* column - the chunk's on its line, else the column */
} key_entry;

struct lscp_key_chunk {
    lsc_pos base;       /* the position of the chunk's first entry */
    uint64_t text_base; /* the key start of the chunk's first entry */
    key_entry e[CHUNK_ENTRIES];
};

/* An entry whose position or key start does not fit its chunk's 32 bits. */
struct lscp_key_far {
    size_t index;
    lsc_pos pos;
    uint64_t text;
};

void lscp_keys_init(lscp_key_registry *r, const lscp_hash_key *hash_key) {
    memset(r, 0, sizeof *r);
    r->hash_key = hash_key;
}

void lscp_keys_release(lscp_key_registry *r) {
    for (size_t i = 0; i < r->chunks_len; i++)
        lscp_free(r->chunks[i]);
    for (size_t i = 0; i < r->blocks_len; i++)
        lscp_free(r->blocks[i]);
    lscp_free(r->chunks);
    lscp_free(r->blocks);
    lscp_free(r->far);
    lscp_free(r->heads);
    const lscp_hash_key *hash_key = r->hash_key;
    lscp_keys_init(r, hash_key);
}

static key_entry *entry_at(const lscp_key_registry *r, size_t i) {
    return &r->chunks[i / CHUNK_ENTRIES]->e[i % CHUNK_ENTRIES];
}

/* The far record of entry i (there is one: its offset is NONE). */
static const struct lscp_key_far *far_of(const lscp_key_registry *r, size_t i) {
    size_t lo = 0, hi = r->far_len;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->far[mid].index <= i)
            lo = mid;
        else
            hi = mid;
    }
    return &r->far[lo];
}

static uint64_t text_start(const lscp_key_registry *r, size_t i) {
    const key_entry *e = entry_at(r, i);
    if (e->offset == NONE)
        return far_of(r, i)->text;
    return r->chunks[i / CHUNK_ENTRIES]->text_base + e->text;
}

static uint64_t text_end(const lscp_key_registry *r, size_t i) {
    return i + 1 < r->len ? text_start(r, i + 1) : r->text_len;
}

static lsc_pos position(const lscp_key_registry *r, size_t i) {
    const key_entry *e = entry_at(r, i);
    if (e->offset == NONE)
        return far_of(r, i)->pos;
    lsc_pos base = r->chunks[i / CHUNK_ENTRIES]->base;
    lsc_pos pos = {base.offset + e->offset, base.line + e->line, e->column};
    if (e->line == 0)
        pos.column += base.column;
    return pos;
}

/* Does the stored key from at, n bytes long, equal k? It may span blocks. */
static int text_equals(const lscp_key_registry *r, uint64_t at, const char *k, size_t n) {
    while (n) {
        size_t in = BLOCK_BYTES - (size_t)(at % BLOCK_BYTES);
        if (in > n)
            in = n;
        if (memcmp(r->blocks[at / BLOCK_BYTES] + at % BLOCK_BYTES, k, in) != 0)
            return 0;
        at += in;
        k += in;
        n -= in;
    }
    return 1;
}

/* The hash of entry i's key: the same as lscp_hash over its bytes. */
static uint64_t entry_hash(const lscp_key_registry *r, size_t i) {
    uint64_t at = text_start(r, i), end = text_end(r, i);
    lscp_hasher h;
    lscp_hash_begin(&h, r->hash_key);
    while (at < end) {
        size_t in = BLOCK_BYTES - (size_t)(at % BLOCK_BYTES);
        if (in > end - at)
            in = (size_t)(end - at);
        lscp_hash_add(&h, r->blocks[at / BLOCK_BYTES] + at % BLOCK_BYTES, in, 0);
        at += in;
    }
    return lscp_hash_end(&h);
}

/* Chains of 4 entries on average at most: the buckets are a quarter of the
 * entries to all of them (4 bytes per bucket). Entries are linked in index
 * order, so that every chain runs newest first (lscp_keys_pop). */
static int rebuild(lscp_key_registry *r, size_t buckets) {
    uint32_t *heads = lscp_malloc(buckets * sizeof *heads);
    if (!heads)
        return -1;
    for (size_t b = 0; b < buckets; b++)
        heads[b] = NONE;
    for (size_t i = 0; i < r->len; i++) {
        size_t b = (size_t)(entry_hash(r, i) & (buckets - 1));
        entry_at(r, i)->next = heads[b];
        heads[b] = (uint32_t)i;
    }
    lscp_free(r->heads);
    r->heads = heads;
    r->buckets = buckets;
    return 0;
}

/* Room for one more entry and n more key bytes; nothing in use changes. */
static int reserve(lscp_key_registry *r, size_t n) {
    if (r->len / CHUNK_ENTRIES >= r->chunks_len) {
        if (lscp_grow(&r->chunks, &r->chunks_cap, r->chunks_len + 1, sizeof *r->chunks) < 0)
            return -1;
        struct lscp_key_chunk *c = lscp_malloc(sizeof *c);
        if (!c)
            return -1;
        r->chunks[r->chunks_len++] = c;
    }
    uint64_t end = r->text_len + n;
    if (end < r->text_len || end / BLOCK_BYTES + 1 > SIZE_MAX / 2)
        return -1; /* no such memory */
    size_t need = (size_t)((end + BLOCK_BYTES - 1) / BLOCK_BYTES);
    while (r->blocks_len < need) {
        if (lscp_grow(&r->blocks, &r->blocks_cap, r->blocks_len + 1, sizeof *r->blocks) < 0)
            return -1;
        char *b = lscp_malloc(BLOCK_BYTES);
        if (!b)
            return -1;
        r->blocks[r->blocks_len++] = b;
    }
    return 0;
}

/* Entry r->len (its chunk reserved) for the key starting at text, at pos;
 * -1 if it needs a far record and there is no memory for one. */
static int set_entry(lscp_key_registry *r, uint64_t text, lsc_pos pos) {
    size_t i = r->len;
    struct lscp_key_chunk *c = r->chunks[i / CHUNK_ENTRIES];
    if (i % CHUNK_ENTRIES == 0) {
        c->base = pos;
        c->text_base = text;
    }
    key_entry *e = &c->e[i % CHUNK_ENTRIES];
    /* positions only grow through a document, but check rather than trust */
    int fits = pos.offset >= c->base.offset && pos.line >= c->base.line && text >= c->text_base;
    if (fits) {
        uint64_t offset = pos.offset - c->base.offset, line = pos.line - c->base.line;
        uint64_t column = pos.column;
        if (line == 0) {
            fits = pos.column >= c->base.column;
            column -= c->base.column;
        }
        fits = fits && offset < NONE && line < NONE && column < NONE && text - c->text_base < NONE;
        if (fits) {
            e->offset = (uint32_t)offset;
            e->line = (uint32_t)line;
            e->column = (uint32_t)column;
            e->text = (uint32_t)(text - c->text_base);
            return 0;
        }
    }
    if (lscp_grow(&r->far, &r->far_cap, r->far_len + 1, sizeof *r->far) < 0)
        return -1;
    r->far[r->far_len].index = i;
    r->far[r->far_len].pos = pos;
    r->far[r->far_len].text = text;
    r->far_len++;
    e->offset = NONE;
    return 0;
}

static void append_text(lscp_key_registry *r, const char *k, size_t n) {
    while (n) {
        size_t in = BLOCK_BYTES - (size_t)(r->text_len % BLOCK_BYTES);
        if (in > n)
            in = n;
        memcpy(r->blocks[r->text_len / BLOCK_BYTES] + r->text_len % BLOCK_BYTES, k, in);
        r->text_len += in;
        k += in;
        n -= in;
    }
}

const lsc_pos *lscp_keys_check(lscp_key_registry *r, size_t start, const char *k, size_t n,
                               lsc_pos pos, int *oom) {
    uint64_t h = lscp_hash(r->hash_key, k, n, 0);
    if (!r->heads && rebuild(r, 64) < 0)
        goto oom;
    r->probes++;
    for (uint32_t i = r->heads[h & (r->buckets - 1)]; i != NONE && i >= start;
         i = entry_at(r, i)->next) {
        r->probes++;
        uint64_t at = text_start(r, i);
        if (text_end(r, i) - at == n && text_equals(r, at, k, n)) {
            r->found = position(r, i);
            return &r->found;
        }
    }
    if (r->len >= NONE - 1)
        return NULL; /* absurdly many keys: stop remembering */
    /* grow first, so that a failure leaves the registry as it was */
    if (r->len + 1 > 4 * r->buckets && rebuild(r, r->buckets * 4) < 0)
        goto oom;
    if (reserve(r, n) < 0 || set_entry(r, r->text_len, pos) < 0)
        goto oom;
    append_text(r, k, n);
    key_entry *e = entry_at(r, r->len);
    size_t b = (size_t)(h & (r->buckets - 1));
    e->next = r->heads[b];
    r->heads[b] = (uint32_t)r->len;
    r->len++;
    return NULL;
oom:
    *oom = 1;
    return NULL;
}

/* Out of line, so that lscp_keys_pop's usual path (an object with no key
 * here) saves no register: it runs for every object of a capture. */
#if defined(__GNUC__)
#define OUT_OF_LINE __attribute__((noinline))
#else
#define OUT_OF_LINE
#endif

/* Entries start.. go (there is at least one). */
static OUT_OF_LINE void forget(lscp_key_registry *r, size_t start) {
    if (r->len - start >= r->buckets) {
        /* many keys: cut every chain at its first older entry */
        for (size_t b = 0; b < r->buckets; b++) {
            uint32_t i = r->heads[b];
            while (i != NONE && i >= start)
                i = entry_at(r, i)->next;
            r->heads[b] = i;
        }
    } else {
        /* few: newest first, each is its chain's head when it goes */
        for (size_t i = r->len; i-- > start;) {
            size_t b = (size_t)(entry_hash(r, i) & (r->buckets - 1));
            r->heads[b] = entry_at(r, i)->next;
        }
    }
    r->text_len = text_start(r, start);
    while (r->far_len && r->far[r->far_len - 1].index >= start)
        r->far_len--;
    r->len = start;
}

void lscp_keys_pop(lscp_key_registry *r, size_t start) {
    if (start < r->len)
        forget(r, start);
}
