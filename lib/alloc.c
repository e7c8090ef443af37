/* The library's allocator: malloc and friends, and in test builds a counter
 * in front of them so a test can fail allocation number k (SQLite / Expat
 * style) and loop over k.
 *
 * The shipped library is built without LSC_FAULT_INJECTION: these are plain
 * wrappers, with no hook, no counter and no environment variable. The unit
 * tests link a copy of this file compiled with LSC_FAULT_INJECTION
 * (liblscinject.la); `configure --enable-fault-injection` builds the
 * installed library that way too, and then, for tests that drive the CLI,
 * the environment variable LSC_ALLOC_FAIL=k[:p] sets the hook for the whole
 * process (read once, at the first allocation; ":p" or ":1" makes it
 * persistent, ":0" or ":t" transient). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "lib/internal.h"

#ifdef LSC_FAULT_INJECTION
#include <stdatomic.h>

static atomic_long alloc_count;          /* allocations since the hook was set */
static atomic_long alloc_live;           /* blocks allocated and not freed */
static atomic_long alloc_fail_at = -1;   /* the one to fail; < 0: none */
static atomic_int alloc_fail_persistent; /* fail every one from fail_at on */
static atomic_int alloc_hook_set;        /* the environment was read or overridden */

/* Read LSC_ALLOC_FAIL, unless the hook was set already. */
static void alloc_read_env(void) {
    if (atomic_load_explicit(&alloc_hook_set, memory_order_acquire))
        return;
    const char *v = getenv("LSC_ALLOC_FAIL");
    long k = -1;
    int persistent = 0;
    if (v && *v >= '0' && *v <= '9') {
        char *end;
        k = strtol(v, &end, 10);
        if (*end == ':')
            persistent = end[1] == 'p' || (end[1] >= '1' && end[1] <= '9');
    }
    int expected = 0;
    /* Another thread may win the race; it read the same variable. */
    if (atomic_compare_exchange_strong(&alloc_hook_set, &expected, 1)) {
        atomic_store(&alloc_fail_persistent, persistent);
        atomic_store(&alloc_fail_at, k);
    }
}

/* Count an allocation; nonzero when it must fail. */
static int alloc_should_fail(void) {
    alloc_read_env();
    long n = atomic_fetch_add_explicit(&alloc_count, 1, memory_order_relaxed);
    long k = atomic_load_explicit(&alloc_fail_at, memory_order_relaxed);
    if (k < 0)
        return 0;
    return n == k || (n > k && atomic_load_explicit(&alloc_fail_persistent, memory_order_relaxed));
}

void lscp_alloc_fail_at(long k, int persistent) {
    atomic_store(&alloc_hook_set, 1);
    atomic_store(&alloc_fail_persistent, persistent != 0);
    atomic_store(&alloc_count, 0);
    atomic_store(&alloc_fail_at, k < 0 ? -1 : k);
}

long lscp_alloc_count(void) {
    return atomic_load(&alloc_count);
}

long lscp_alloc_live(void) {
    return atomic_load(&alloc_live);
}

#define SHOULD_FAIL() alloc_should_fail()
#define LIVE_ADD(n) atomic_fetch_add_explicit(&alloc_live, (n), memory_order_relaxed)
#else
#define SHOULD_FAIL() 0
#define LIVE_ADD(n) ((void)0)
#endif

/* Size 0 becomes 1 so that NULL always means failure. */
void *lscp_malloc(size_t size) {
    if (SHOULD_FAIL())
        return NULL;
    void *p = malloc(size ? size : 1);
    if (p)
        LIVE_ADD(1);
    return p;
}

void *lscp_calloc(size_t n, size_t size) {
    if (SHOULD_FAIL())
        return NULL;
    if (n == 0 || size == 0)
        n = size = 1;
    if (n > SIZE_MAX / size) /* n * size does not fit */
        return NULL;
    void *p = calloc(n, size);
    if (p)
        LIVE_ADD(1);
    return p;
}

/* realloc(p, 0) keeps a 1-byte block instead of freeing p: a caller that
 * sees NULL assumes p is still its own. */
void *lscp_realloc(void *p, size_t size) {
    if (SHOULD_FAIL())
        return NULL;
    void *q = realloc(p, size ? size : 1);
    if (q && !p)
        LIVE_ADD(1);
    return q;
}

void lscp_free(void *p) {
    if (p)
        LIVE_ADD(-1);
    free(p);
}
