/* A bump allocator reset per certificate (and per document): no malloc per
 * value in the hot path, memory bounded by the largest certificate. */
#ifndef LSC_ARENA_H
#define LSC_ARENA_H

#include <stddef.h>
#include <string.h>

typedef struct lscp_arena_block lscp_arena_block;

typedef struct lscp_arena {
    lscp_arena_block *first; /* kept across resets */
    lscp_arena_block *cur;
    unsigned char *free; /* the next free byte in cur (aligned) */
    size_t room;         /* bytes left after free in cur */
} lscp_arena;

void lscp_arena_init(lscp_arena *a);
/* The slow path of lscp_arena_alloc: the current block is full. */
void *lscp_arena_alloc_block(lscp_arena *a, size_t size);

/* Aligned for any struct; NULL when memory ran out. Inline: it runs for
 * every string value the decoder keeps, and the common case is a bump. */
static inline void *lscp_arena_alloc(lscp_arena *a, size_t size) {
    size = (size + 15u) & ~(size_t)15u;
    if (size <= a->room && size != 0) {
        void *p = a->free;
        a->free += size;
        a->room -= size;
        return p;
    }
    return lscp_arena_alloc_block(a, size);
}

/* A NUL-terminated copy of len bytes. */
static inline char *lscp_arena_dup(lscp_arena *a, const char *s, size_t len) {
    char *p = (char *)lscp_arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
/* Forget everything; keep the first block (and up to 1 MiB of others) for reuse. */
void lscp_arena_reset(lscp_arena *a);
void lscp_arena_release(lscp_arena *a);

#endif
