#include "parser/arena.h"

#include <string.h>

#include "lib/internal.h"

#define ARENA_BLOCK 16384
#define ARENA_KEEP (1u << 20)

struct lscp_arena_block {
    lscp_arena_block *next;
    size_t size;
    _Alignas(max_align_t) unsigned char data[];
};

void lscp_arena_init(lscp_arena *a) {
    a->first = a->cur = NULL;
    a->used = 0;
}

void *lscp_arena_alloc(lscp_arena *a, size_t size) {
    size = (size + 15u) & ~(size_t)15u;
    if (a->cur && a->used + size <= a->cur->size) {
        void *p = a->cur->data + a->used;
        a->used += size;
        return p;
    }
    /* move on to the next kept block if it is big enough */
    while (a->cur && a->cur->next) {
        a->cur = a->cur->next;
        a->used = 0;
        if (size <= a->cur->size) {
            a->used = size;
            return a->cur->data;
        }
    }
    size_t bsize = size > ARENA_BLOCK ? size : ARENA_BLOCK;
    lscp_arena_block *b = lscp_malloc(sizeof *b + bsize);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = bsize;
    if (a->cur)
        a->cur->next = b;
    else
        a->first = b;
    a->cur = b;
    a->used = size;
    return b->data;
}

char *lscp_arena_dup(lscp_arena *a, const char *s, size_t len) {
    char *p = lscp_arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void lscp_arena_reset(lscp_arena *a) {
    size_t kept = 0;
    lscp_arena_block *b = a->first, *prev = NULL;
    while (b) {
        lscp_arena_block *next = b->next;
        if (kept + b->size <= ARENA_KEEP || !prev) {
            kept += b->size;
            prev = b;
        } else {
            prev->next = next;
            lscp_free(b);
        }
        b = next;
    }
    a->cur = a->first;
    a->used = 0;
}

void lscp_arena_release(lscp_arena *a) {
    lscp_arena_block *b = a->first;
    while (b) {
        lscp_arena_block *next = b->next;
        lscp_free(b);
        b = next;
    }
    lscp_arena_init(a);
}
