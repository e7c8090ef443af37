/* yajl behind a guard against out of memory (see yajl_guard.h). */
#include "config.h"

#include "parser/yajl_guard.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/internal.h"

/* yajl and out of memory. yajl 2.1 does not check what its allocator
 * returns in several places (yajl_alloc, the lexer's buffer, the state
 * stack): a NULL would be written through. So yajl is never given a NULL:
 *
 * - every block yajl allocates carries a header linking it into the guard's
 *   list (blocks), so the guard knows all the memory a handle owns;
 * - every call into yajl that may allocate (yajl_alloc, yajl_parse,
 *   yajl_complete_parse) runs under a setjmp (lscp_yajl_open, lscp_yajl_parse);
 * - when an allocation for yajl fails, the allocator longjmps back there
 *   instead of returning. Only yajl's own frames are unwound: yajl calls
 *   its allocator between tokens, never while one of our callbacks runs.
 *   The handle is then in an unknown state, so it is not touched again:
 *   every block of the list is freed and the handle forgotten
 *   (yajl_discard). The checker answers LSC_NOMEM from then on, and
 *   lsc_checker_free() still releases everything.
 *
 * This holds for every allocation site of yajl whatever its size, with no
 * reserve to size and no change to yajl. */
typedef union yajl_block {
    struct {
        union yajl_block *prev, *next;
    } link;
    max_align_t align; /* what follows the header is aligned for anything */
} yajl_block;

static void block_link(lscp_yajl *s, yajl_block *b) {
    b->link.prev = NULL;
    b->link.next = s->blocks;
    if (s->blocks)
        s->blocks->link.prev = b;
    s->blocks = b;
}

static void block_unlink(lscp_yajl *s, yajl_block *b) {
    if (b->link.prev)
        b->link.prev->link.next = b->link.next;
    else
        s->blocks = b->link.next;
    if (b->link.next)
        b->link.next->link.prev = b->link.prev;
}

/* An allocation for yajl failed: unwind to the lscp_yajl_* call that entered
 * yajl. Outside one (cannot happen: every allocating call is guarded),
 * NULL is all that is left. */
static void *yajl_out_of_memory(lscp_yajl *s) {
    if (s->armed) {
        s->armed = 0;
        longjmp(s->jump, 1);
    }
    return NULL;
}

static void *yajl_malloc_cb(void *ctx, size_t n) {
    lscp_yajl *s = ctx;
    if (n > SIZE_MAX - sizeof(yajl_block))
        return yajl_out_of_memory(s);
    yajl_block *b = lscp_malloc(sizeof *b + n);
    if (!b)
        return yajl_out_of_memory(s);
    block_link(s, b);
    return b + 1;
}

static void *yajl_realloc_cb(void *ctx, void *p, size_t n) {
    lscp_yajl *s = ctx;
    if (!p)
        return yajl_malloc_cb(ctx, n);
    if (n > SIZE_MAX - sizeof(yajl_block))
        return yajl_out_of_memory(s);
    yajl_block *old = (yajl_block *)p - 1;
    /* on failure the old block is untouched and still linked */
    yajl_block *b = lscp_realloc(old, sizeof *b + n);
    if (!b)
        return yajl_out_of_memory(s);
    /* the links moved with the block: point the neighbours at it */
    if (b->link.prev)
        b->link.prev->link.next = b;
    else
        s->blocks = b;
    if (b->link.next)
        b->link.next->link.prev = b;
    return b + 1;
}

static void yajl_free_cb(void *ctx, void *p) {
    lscp_yajl *s = ctx;
    if (!p)
        return;
    yajl_block *b = (yajl_block *)p - 1;
    block_unlink(s, b);
    lscp_free(b);
}

/* Forget a handle that an allocation failure left half-way: free its
 * blocks without asking yajl. */
static void yajl_discard(lscp_yajl *s) {
    while (s->blocks) {
        yajl_block *b = s->blocks;
        s->blocks = b->link.next;
        lscp_free(b);
    }
    s->handle = NULL;
}

/* The guarded calls: nothing here is modified between setjmp and longjmp
 * but the guard, which lives in the caller's heap object. */
int lscp_yajl_open(lscp_yajl *s, const yajl_callbacks *callbacks, void *ctx) {
    memset(s, 0, sizeof *s);
    yajl_alloc_funcs funcs = {yajl_malloc_cb, yajl_realloc_cb, yajl_free_cb, s};
    if (setjmp(s->jump)) {
        yajl_discard(s);
        return -1;
    }
    s->armed = 1;
    s->handle = yajl_alloc(callbacks, &funcs, ctx);
    s->armed = 0;
    if (!s->handle)
        return -1;
    yajl_config(s->handle, yajl_allow_multiple_values, 1);
    /* the scanner checks UTF-8 strictly; yajl's looser check is redundant */
    yajl_config(s->handle, yajl_dont_validate_strings, 1);
    return 0;
}

int lscp_yajl_parse(lscp_yajl *s, const unsigned char *data, size_t len, int complete,
                    yajl_status *st) {
    if (!s->handle) /* discarded after running out of memory */
        return -1;
    if (setjmp(s->jump)) {
        yajl_discard(s);
        return -1;
    }
    s->armed = 1;
    *st = complete ? yajl_complete_parse(s->handle) : yajl_parse(s->handle, data, len);
    s->armed = 0;
    return 0;
}

void lscp_yajl_close(lscp_yajl *s) {
    if (s->handle)
        yajl_free(s->handle);
    yajl_discard(s); /* none left after yajl_free, unless a parse was abandoned */
}
