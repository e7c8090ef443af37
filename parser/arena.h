/* A bump allocator reset per certificate (and per document): no malloc per
 * value in the hot path, memory bounded by the largest certificate. */
#ifndef LSC_ARENA_H
#define LSC_ARENA_H

#include <stddef.h>

typedef struct lscp_arena_block lscp_arena_block;

typedef struct lscp_arena {
    lscp_arena_block *first; /* kept across resets */
    lscp_arena_block *cur;
    size_t used;             /* in cur */
} lscp_arena;

void lscp_arena_init(lscp_arena *a);
/* Aligned for any struct; NULL when memory ran out. */
void *lscp_arena_alloc(lscp_arena *a, size_t size);
/* A NUL-terminated copy of len bytes. */
char *lscp_arena_dup(lscp_arena *a, const char *s, size_t len);
/* Forget everything; keep the first block (and up to 1 MiB of others) for reuse. */
void lscp_arena_reset(lscp_arena *a);
void lscp_arena_release(lscp_arena *a);

#endif
