/* Allocation failure, SQLite / Expat style: for k = 0, 1, 2, ... until a run
 * completes, fail the library's allocation number k (once transient: only
 * that one fails; once persistent: every one from k on fails) while a sample
 * is checked through the public API. Every run must either end with -1 and
 * the error "out of memory" (NULL from a constructor), or succeed with the
 * very findings of a run without failures; none may crash or leak (the
 * valgrind pass runs this test under valgrind).
 *
 * yajl cannot take a NULL from its allocator: an allocation of yajl's that
 * fails ends the process with "lscertlint: out of memory" and status 3
 * (lscp_out_of_memory). So every k runs in a child process, and the parent
 * accepts exactly these outcomes. tests/hostile-alloc.sh does the same
 * through the CLI with LSC_ALLOC_FAIL. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/internal.h"

/* Child exit codes. */
enum {
    OUT_OK = 0,         /* the failure hit, was absorbed, same findings */
    OUT_OOM = 10,       /* -1 / NULL with "out of memory" */
    OUT_NOT_HIT = 20,   /* fewer than k + 1 allocations: the run completed */
    OUT_DIFFERENT = 30, /* succeeded with other findings */
    OUT_BAD_ERROR = 31, /* failed with another error text */
    OUT_YAJL = 3        /* lscp_out_of_memory() */
};

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void text_add(text *t, const char *s) {
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->p, cap);
        if (!p)
            abort();
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
}

static int on_finding(void *user, const lsc_finding *f) {
    char line[600];
    snprintf(line, sizeof line, "%s %.*s %" PRIu64 ":%" PRIu64 " %s\n", f->rule->id,
             (int)f->pointer_len, f->pointer, f->pos.line, f->pos.column, f->message);
    text_add(user, line);
    return 0;
}

static int on_certificate(void *user, const lsc_certificate *c) {
    char line[200];
    snprintf(line, sizeof line, "certificate %zu/%zu %.*s\n", c->document, c->index,
             (int)(c->certificate_name.m.ok ? c->certificate_name.len : 0),
             c->certificate_name.m.ok ? c->certificate_name.s : "");
    text_add(user, line);
    return 0;
}

/* Check data through the public API with every rule on; the findings go to
 * out. Returns 0 or 1 (malformed) as lsc_checker_finish, -1 on failure
 * (err filled; a constructor's NULL counts as "out of memory"). */
static int check_data(const char *data, size_t len, text *out, lsc_error *err) {
    int rc = -1;
    lsc_checker *ck = NULL;
    lsc_config *cfg = lsc_config_new();
    if (!cfg) {
        snprintf(err->text, sizeof err->text, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < lsc_rule_count(); i++)
        lsc_config_enable(cfg, lsc_rule_at(i)->id);
    lsc_time now = {INT64_C(1700000000), 0};
    lsc_config_set_now(cfg, now);
    if (lsc_config_set_expect_name(cfg, "media-example-net") != 0) {
        snprintf(err->text, sizeof err->text, "out of memory");
        goto out;
    }
    lsc_callbacks cb = {0};
    cb.finding = on_finding;
    cb.certificate = on_certificate;
    ck = lsc_checker_new(cfg, "sample.json", &cb, out, err);
    if (!ck)
        goto out;
    rc = 0;
    /* uneven chunks, so keys and values span chunk ends */
    for (size_t off = 0; off < len && rc == 0; off += 61)
        rc = lsc_checker_feed(ck, data + off, len - off < 61 ? len - off : 61, err);
    if (rc == 0)
        rc = lsc_checker_finish(ck, err);
out:
    lsc_checker_free(ck);
    lsc_config_free(cfg);
    return rc;
}

/* A hostile input with many findings of many kinds, inline. */
static const char many_findings[] =
    "{\"certificates\":[{\"certificateArn\":\"arn:aws:acm:x\",\"certificateName\":\"a\","
    "\"certificateName\":\"b\",\"domainName\":\"EXAMPLE..com\",\"bogus\":1e400,"
    "\"tags\":[{\"key\":\"aws:x\",\"value\":\"\\u0000\\ud800\"},{\"key\":\"aws:x\"},7,null],"
    "\"certificateDetail\":{\"status\":\"issued\",\"notAfter\":\"2023-02-30T00:00:00Z\","
    "\"notBefore\":-1,\"createdAt\":\"x\",\"inUseResourceCount\":-0,"
    "\"subjectAlternativeNames\":[\"\",1,\"*.*.x\"],"
    "\"domainValidationRecords\":[{\"domainName\":null,\"resourceRecord\":{\"type\":\"TXT\"}}],"
    "\"renewalSummary\":{\"renewalStatus\":\"SUCCESS\",\"updatedAt\":1e-400},"
    "\"deep\":[[[[[[[[{}]]]]]]]]}}],\"nextPageToken\":\"\"}\n"
    "{\"__type\":\"NotFoundException\",\"message\":\"gone\"}\n"
    "{\"certificates\":[{\"certificateName\":\"b\"}], \"x\": [1, 2";

static char *read_sample(const char *rel, size_t *len) {
    const char *dir = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", rel);
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
    char *p = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            p = realloc(p, cap);
            ck_assert_ptr_nonnull(p);
        }
        size_t got = fread(p + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
    ck_assert(!ferror(fp));
    fclose(fp);
    *len = n;
    return p;
}

/* In a child: fail allocation k, check, exit with the outcome. */
static void child(const char *data, size_t len, long k, int persistent, const char *want) {
    text out = {0};
    lsc_error err;
    memset(&err, 0, sizeof err);
    lscp_alloc_fail_at(k, persistent);
    int rc = check_data(data, len, &out, &err);
    long count = lscp_alloc_count();
    lscp_alloc_fail_at(-1, 0);
    int status;
    if (rc < 0)
        status = strcmp(err.text, "out of memory") == 0 ? OUT_OOM : OUT_BAD_ERROR;
    else if (count <= k)
        status = OUT_NOT_HIT;
    else
        status = out.p && strcmp(out.p, want) == 0 ? OUT_OK : OUT_DIFFERENT;
    if (status == OUT_BAD_ERROR)
        fprintf(stderr, "error text: %s\n", err.text);
    if (status == OUT_DIFFERENT)
        fprintf(stderr, "---- findings without failure\n%s---- with failure\n%s", want,
                out.p ? out.p : "");
    free(out.p);
    fflush(NULL);
    exit(status);
}

typedef struct tally {
    long oom, yajl, absorbed, runs;
} tally;

/* Run one k in a child; returns its outcome, fails the test on a bad one. */
static int run_k(const char *name, const char *data, size_t len, long k, int persistent,
                 const char *want, tally *t) {
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        close(fds[1]);
        child(data, len, k, persistent, want);
    }
    close(fds[1]);
    char msg[8192];
    size_t n = 0;
    ssize_t got;
    while ((got = read(fds[0], msg + n, sizeof msg - 1 - n)) > 0 &&
           n + (size_t)got < sizeof msg - 1)
        n += (size_t)got;
    if (got > 0)
        n += (size_t)got;
    msg[n] = '\0';
    close(fds[0]);
    int ws;
    ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
    const char *mode = persistent ? "persistent" : "transient";
    ck_assert_msg(WIFEXITED(ws), "%s: failing allocation %ld (%s): killed by signal %d\n%s", name,
                  k, mode, WIFSIGNALED(ws) ? WTERMSIG(ws) : 0, msg);
    int st = WEXITSTATUS(ws);
    t->runs++;
    switch (st) {
    case OUT_OOM:
        t->oom++;
        ck_assert_msg(n == 0, "%s: allocation %ld (%s): out of memory, but stderr says:\n%s", name,
                      k, mode, msg);
        break;
    case OUT_YAJL:
        t->yajl++;
        ck_assert_msg(strcmp(msg, "lscertlint: out of memory\n") == 0,
                      "%s: allocation %ld (%s): exit 3 with stderr:\n%s", name, k, mode, msg);
        break;
    case OUT_OK:
        t->absorbed++;
        break;
    case OUT_NOT_HIT:
        break;
    default:
        ck_abort_msg("%s: failing allocation %ld (%s): exit status %d\n%s", name, k, mode, st, msg);
    }
    return st;
}

static void loop_over_k(const char *name, const char *data, size_t len) {
    text want = {0};
    lsc_error err;
    memset(&err, 0, sizeof err);
    int rc = check_data(data, len, &want, &err);
    ck_assert_msg(rc >= 0, "%s: the run without failures failed: %s", name, err.text);
    ck_assert_ptr_nonnull(want.p);
    tally t = {0};
    long k;
    for (k = 0; k < 100000; k++) {
        int a = run_k(name, data, len, k, 0, want.p, &t);
        int b = run_k(name, data, len, k, 1, want.p, &t);
        ck_assert_msg((a == OUT_NOT_HIT) == (b == OUT_NOT_HIT),
                      "%s: allocation %ld exists in one mode only", name, k);
        if (a == OUT_NOT_HIT)
            break;
    }
    ck_assert_msg(k > 0 && k < 100000, "%s: %ld allocations", name, k);
    /* every allocation, transient and persistent, was one of the outcomes */
    ck_assert_int_eq(t.runs, 2 * k + 2);
    ck_assert_int_eq(t.oom + t.yajl + t.absorbed, 2 * k);
    /* some allocations are the library's own: at least one clean -1 */
    ck_assert_int_gt(t.oom, 0);
    printf("%s: %ld allocations: %ld runs gave -1/out of memory, %ld exit 3 in yajl, "
           "%ld absorbed the failure\n",
           name, k, t.oom, t.yajl, t.absorbed);
    free(want.p);
}

START_TEST(alloc_inline_findings) {
    loop_over_k("inline", many_findings, sizeof many_findings - 1);
}
END_TEST

START_TEST(alloc_sample_wire) {
    size_t len;
    char *data = read_sample("samples/forms/wire.json", &len);
    loop_over_k("samples/forms/wire.json", data, len);
    free(data);
}
END_TEST

START_TEST(alloc_sample_paged) {
    size_t len;
    char *data = read_sample("samples/paged.jsonl", &len);
    loop_over_k("samples/paged.jsonl", data, len);
    free(data);
}
END_TEST

/* The counter itself: a failure at k hits exactly the k-th allocation. */
START_TEST(alloc_hook_counts) {
    lscp_alloc_fail_at(2, 0);
    void *a = lscp_malloc(8), *b = lscp_calloc(1, 8), *c = lscp_malloc(8), *d = lscp_malloc(8);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_null(c);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(lscp_alloc_count(), 4);
    lscp_alloc_fail_at(1, 1);
    void *e = lscp_malloc(8), *f = lscp_realloc(NULL, 8), *g = lscp_malloc(8);
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_null(f);
    ck_assert_ptr_null(g);
    lscp_alloc_fail_at(-1, 0);
    lscp_free(a);
    lscp_free(b);
    lscp_free(d);
    lscp_free(e);
}
END_TEST

static Suite *alloc_suite(void) {
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("alloc");
    /* a child per allocation, two modes, under valgrind in the valgrind pass */
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, alloc_hook_counts);
    tcase_add_test(tc, alloc_inline_findings);
    tcase_add_test(tc, alloc_sample_wire);
    tcase_add_test(tc, alloc_sample_paged);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(alloc_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
