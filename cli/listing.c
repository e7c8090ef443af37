#include "config.h"

#include "cli/listing.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"

typedef struct listing_entry {
    char *arn; /* NULL: an empty slot */
    size_t hash, len, document, index;
} listing_entry;

struct cli_listing {
    listing_entry *slots;
    size_t cap, used;
    size_t probes; /* slots looked at (a count for the tests) */
    lscp_hash_key key;
};

cli_listing *cli_listing_new(void) {
    cli_listing *l = calloc(1, sizeof *l);
    if (l)
        lscp_hash_key_random(&l->key);
    return l;
}

void cli_listing_clear(cli_listing *l) {
    size_t i;
    if (!l || l->used == 0)
        return;
    for (i = 0; i < l->cap; i++)
        free(l->slots[i].arn);
    if (l->cap > 4096) { /* a big listing is over: give the memory back */
        free(l->slots);
        l->slots = NULL;
        l->cap = 0;
    } else {
        memset(l->slots, 0, l->cap * sizeof *l->slots);
    }
    l->used = 0;
}

void cli_listing_free(cli_listing *l) {
    if (!l)
        return;
    cli_listing_clear(l);
    free(l->slots);
    free(l);
}

/* Keyed SipHash (lib/hash.c, compiled into the program as it is into the
 * library: a ground helper with no state, shared as curl's curlx helpers
 * are): ARNs crafted to collide cannot be found without the run's key. */
static size_t listing_hash(const cli_listing *l, const char *s, size_t len) {
    return (size_t)lscp_hash(&l->key, s, len, 0);
}

static listing_entry *listing_slot(listing_entry *t, size_t cap, size_t h, const char *s,
                                   size_t len, size_t *probes) {
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        ++*probes;
        if (!t[i].arn || (t[i].hash == h && t[i].len == len && memcmp(t[i].arn, s, len) == 0))
            return &t[i];
    }
}

int cli_listing_has(cli_listing *l, const char *arn, size_t len) {
    if (!l->used)
        return 0;
    return listing_slot(l->slots, l->cap, listing_hash(l, arn, len), arn, len, &l->probes)->arn !=
           NULL;
}

size_t cli_listing_probes(const cli_listing *l) {
    return l ? l->probes : 0;
}

int cli_listing_add(cli_listing *l, const char *arn, size_t len, size_t document, size_t index) {
    if ((l->used + 1) * 2 > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64, i;
        listing_entry *t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (i = 0; i < l->cap; i++)
            if (l->slots[i].arn)
                *listing_slot(t, cap, l->slots[i].hash, l->slots[i].arn, l->slots[i].len,
                              &l->probes) = l->slots[i];
        free(l->slots);
        l->slots = t;
        l->cap = cap;
    }
    size_t h = listing_hash(l, arn, len);
    listing_entry *e = listing_slot(l->slots, l->cap, h, arn, len, &l->probes);
    if (e->arn)
        return 0; /* its first appearance stays */
    if (!(e->arn = malloc(len ? len : 1)))
        return -1;
    memcpy(e->arn, arn, len);
    e->hash = h;
    e->len = len;
    e->document = document;
    e->index = index;
    l->used++;
    return 0;
}

int cli_listing_each(const cli_listing *l,
                     int (*fn)(void *user, const char *arn, size_t len, size_t document,
                               size_t index),
                     void *user) {
    for (size_t i = 0; i < l->cap; i++)
        if (l->slots[i].arn &&
            fn(user, l->slots[i].arn, l->slots[i].len, l->slots[i].document, l->slots[i].index))
            return -1;
    return 0;
}
