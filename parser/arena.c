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
    a->free = NULL;
    a->room = 0;
}

/* Make b the current block with size bytes of it taken. */
static void *take(lscp_arena *a, lscp_arena_block *b, size_t size) {
    a->cur = b;
    a->free = b->data + size;
    a->room = b->size - size;
    return b->data;
}

void *lscp_arena_alloc_block(lscp_arena *a, size_t size) {
    /* (size is rounded up by lscp_arena_alloc) */
    if (a->cur && size <= a->room) {
        void *p = a->free;
        a->free += size;
        a->room -= size;
        return p;
    }
    /* move on to the next kept block if it is big enough */
    while (a->cur && a->cur->next) {
        lscp_arena_block *b = a->cur->next;
        if (size <= b->size)
            return take(a, b, size);
        take(a, b, 0);
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
    return take(a, b, size);
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
    if (a->first)
        take(a, a->first, 0);
    else
        lscp_arena_init(a);
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
