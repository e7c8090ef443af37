/* yajl, made safe to run out of memory in: the library's allocator for
 * yajl never returns NULL to it but unwinds out of the call and frees what
 * the handle held (the mechanism is explained in yajl_guard.c). */
#ifndef LSC_YAJL_GUARD_H
#define LSC_YAJL_GUARD_H

#include <setjmp.h>
#include <yajl/yajl_parse.h>

typedef struct lscp_yajl {
    yajl_handle handle;       /* NULL once discarded after running out of memory */
    union yajl_block *blocks; /* every block the handle holds */
    jmp_buf jump;             /* where a failed allocation for yajl unwinds to */
    int armed;                /* jump is set: we are inside yajl */
} lscp_yajl;

/* A handle calling callbacks with ctx, multiple values allowed, strings not
 * validated (the scanner does). -1 on out-of-memory (nothing held). */
int lscp_yajl_open(lscp_yajl *y, const yajl_callbacks *callbacks, void *ctx);
/* yajl_parse (complete: yajl_complete_parse) into *st. -1 when memory ran
 * out inside yajl, or ran out before: the handle is gone. */
int lscp_yajl_parse(lscp_yajl *y, const unsigned char *data, size_t len, int complete,
                    yajl_status *st);
/* Free the handle and every block it held (also after a discard). */
void lscp_yajl_close(lscp_yajl *y);

#endif
