/* Allocation failure, SQLite / Expat style, in one process: for k = 0, 1,
 * 2, ... until a run completes, fail the library's allocation number k
 * (once transient: only that one fails; once persistent: every one from k
 * on fails) while a sample is checked through the public API (config,
 * lsc_checker_new, feed in uneven chunks, finish). Every run must either
 * end with LSC_NOMEM (NULL and code LSC_NOMEM from a constructor) and the
 * error "out of memory", or succeed with the very findings of a run
 * without failures; and every block the library allocated must have been
 * freed once the checker is (the allocator counts live blocks; the
 * valgrind pass runs this test under valgrind too). The library may not
 * exit, abort or crash: it runs in this very process.
 *
 * Failures inside yajl are among the k: yajl allocates its handle in
 * lsc_checker_new and its lexer buffer when a token spans two chunks
 * (61-byte chunks here). Before the library unwound out of yajl, those
 * allocations ended the process with status 3. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"

/* Outcomes of one run. */
enum {
    OUT_OK,      /* the failure hit, was absorbed, same findings */
    OUT_OOM,     /* LSC_NOMEM / NULL with "out of memory" */
    OUT_NOT_HIT, /* fewer than k + 1 allocations: the run completed */
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
        ck_assert_ptr_nonnull(p);
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

/* Check data through the public API with every rule on, in chunks of
 * chunk bytes; the findings go to out. Returns what lsc_checker_finish
 * returned, or the first feed that was not LSC_OK (err filled; a
 * constructor's NULL counts as LSC_NOMEM). */
static lsc_status check_data(const char *data, size_t len, size_t chunk, text *out,
                             lsc_error *err) {
    lsc_status rc = LSC_NOMEM;
    lsc_checker *ck = NULL;
    lsc_config *cfg = lsc_config_new();
    if (!cfg) {
        snprintf(err->text, sizeof err->text, "out of memory");
        err->code = LSC_NOMEM;
        goto out;
    }
    for (size_t i = 0; i < lsc_rule_count(); i++)
        lsc_config_enable(cfg, lsc_rule_at(i)->id);
    lsc_time now = {INT64_C(1700000000), 0};
    lsc_config_set_now(cfg, now);
    if (lsc_config_set_expect_name(cfg, "media-example-net") != 0) {
        snprintf(err->text, sizeof err->text, "out of memory");
        err->code = LSC_NOMEM;
        goto out;
    }
    lsc_callbacks cb = {0};
    cb.finding = on_finding;
    cb.certificate = on_certificate;
    ck = lsc_checker_new(cfg, "sample.json", &cb, out, err);
    if (!ck)
        goto out;
    rc = LSC_OK;
    /* uneven chunks, so keys and values span chunk ends */
    for (size_t off = 0; off < len && rc == LSC_OK; off += chunk)
        rc = lsc_checker_feed(ck, data + off, len - off < chunk ? len - off : chunk, err);
    if (rc == LSC_NOMEM) {
        /* a run that ran out of memory stays so, and can still be freed */
        ck_assert_int_eq(lsc_checker_feed(ck, "{}", 2, err), LSC_NOMEM);
        ck_assert_int_eq(lsc_checker_finish(ck, err), LSC_NOMEM);
    } else {
        lsc_status frc = lsc_checker_finish(ck, err);
        if (rc == LSC_MALFORMED)
            ck_assert_int_eq(frc, LSC_MALFORMED);
        rc = frc;
    }
    /* finish again: the same answer; feed after finish: misuse */
    ck_assert_int_eq(lsc_checker_finish(ck, err), rc);
    if (rc != LSC_OK)
        ck_assert_int_eq(err->code, rc);
    ck_assert_int_eq(lsc_checker_feed(ck, "{}", 2, err), LSC_MISUSE);
    ck_assert_int_eq(err->code, LSC_MISUSE);
    if (rc != LSC_OK) /* give the caller the run's error back */
        lsc_checker_finish(ck, err);
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

typedef struct tally {
    long oom, absorbed, runs;
} tally;

/* One run with allocation k failing; returns its outcome, fails the test
 * on any other. */
static int run_k(const char *name, const char *data, size_t len, size_t chunk, long k,
                 int persistent, const char *want, tally *t) {
    text out = {0};
    lsc_error err;
    memset(&err, 0, sizeof err);
    const char *mode = persistent ? "persistent" : "transient";
    long live = lscp_alloc_live();
    lscp_alloc_fail_at(k, persistent);
    lsc_status rc = check_data(data, len, chunk, &out, &err);
    long count = lscp_alloc_count();
    lscp_alloc_fail_at(-1, 0);
    ck_assert_msg(lscp_alloc_live() == live, "%s: allocation %ld (%s): %ld blocks leaked", name,
                  k, mode, lscp_alloc_live() - live);
    int outcome;
    t->runs++;
    if (rc == LSC_NOMEM) {
        ck_assert_msg(err.code == LSC_NOMEM && strcmp(err.text, "out of memory") == 0,
                      "%s: allocation %ld (%s): code %d, text %s", name, k, mode, (int)err.code,
                      err.text);
        ck_assert_msg(count > k, "%s: allocation %ld (%s): out of memory, but it never failed",
                      name, k, mode);
        t->oom++;
        outcome = OUT_OOM;
    } else {
        ck_assert_msg(rc == LSC_OK || rc == LSC_MALFORMED, "%s: allocation %ld (%s): status %d (%s)",
                      name, k, mode, (int)rc, err.text);
        ck_assert_msg(out.p && strcmp(out.p, want) == 0,
                      "%s: allocation %ld (%s): other findings\n---- without failure\n%s"
                      "---- with failure\n%s",
                      name, k, mode, want, out.p ? out.p : "");
        if (count <= k) {
            outcome = OUT_NOT_HIT;
        } else {
            t->absorbed++;
            outcome = OUT_OK;
        }
    }
    free(out.p);
    return outcome;
}

static void loop_over_k(const char *name, const char *data, size_t len, size_t chunk) {
    text want = {0};
    lsc_error err;
    memset(&err, 0, sizeof err);
    lsc_status rc = check_data(data, len, chunk, &want, &err);
    ck_assert_msg(rc >= LSC_OK, "%s: the run without failures failed: %s", name, err.text);
    ck_assert_ptr_nonnull(want.p);
    tally t = {0};
    long k;
    for (k = 0; k < 1000000; k++) {
        int a = run_k(name, data, len, chunk, k, 0, want.p, &t);
        int b = run_k(name, data, len, chunk, k, 1, want.p, &t);
        ck_assert_msg((a == OUT_NOT_HIT) == (b == OUT_NOT_HIT),
                      "%s: allocation %ld exists in one mode only", name, k);
        if (a == OUT_NOT_HIT)
            break;
    }
    ck_assert_msg(k > 0 && k < 1000000, "%s: %ld allocations", name, k);
    /* every allocation, transient and persistent, was one of the outcomes */
    ck_assert_int_eq(t.runs, 2 * k + 2);
    ck_assert_int_eq(t.oom + t.absorbed, 2 * k);
    /* a persistent failure can never be absorbed: every one is a NOMEM */
    ck_assert_int_ge(t.oom, k);
    printf("%s (chunks of %zu): %ld allocations: %ld runs gave LSC_NOMEM, %ld absorbed the "
           "failure\n",
           name, chunk, k, t.oom, t.absorbed);
    free(want.p);
}

START_TEST(alloc_inline_findings) {
    loop_over_k("inline", many_findings, sizeof many_findings - 1, 61);
}
END_TEST

/* Long tokens in small chunks: yajl buffers a token that spans chunks and
 * grows that buffer by realloc, the sites where yajl ignores a NULL. */
START_TEST(alloc_long_tokens) {
    text in = {0};
    text_add(&in, "{\"certificates\":[{\"certificateName\":\"");
    for (int i = 0; i < 300; i++)
        text_add(&in, "abcdefghij");
    text_add(&in, "\",\"x\":12345678901234567890123456789012345678901234567890}]}");
    loop_over_k("long tokens", in.p, in.len, 7);
    free(in.p);
}
END_TEST

/* Lists past the list limit (256) and indexes that grow: the element
 * arena, the names, records and tags indexes, a list replaced by a
 * duplicate key (its element findings dropped). */
START_TEST(alloc_long_lists) {
    text in = {0};
    char buf[160];
    text_add(&in, "{\"certificates\":[{\"tags\":[{\"key\":\"\"}],\"tags\":[");
    for (int i = 0; i < 300; i++) {
        snprintf(buf, sizeof buf, "%s{\"key\":\"k%d\",\"value\":\"v%d\"}", i ? "," : "",
                 i % 290, i);
        text_add(&in, buf);
    }
    text_add(&in, "],\"certificateDetail\":{\"domainValidationRecords\":[");
    for (int i = 0; i < 300; i++) {
        snprintf(buf, sizeof buf,
                 "%s{\"domainName\":\"h%d.example.com\",\"validationStatus\":\"FAILED\"}",
                 i ? "," : "", i);
        text_add(&in, buf);
    }
    text_add(&in, "],\"subjectAlternativeNames\":[");
    for (int i = 0; i < 300; i++) {
        snprintf(buf, sizeof buf, "%s\"h%d.example.com\"", i ? "," : "", i % 280);
        text_add(&in, buf);
    }
    text_add(&in, "],\"status\":\"ISSUED\",\"tags\":[");
    for (int i = 0; i < 299; i++) {
        snprintf(buf, sizeof buf, "%s{\"key\":\"k%d\",\"value\":\"v%d\"}", i ? "," : "",
                 i % 290, i);
        text_add(&in, buf);
    }
    text_add(&in, "]}}]}");
    loop_over_k("long lists", in.p, in.len, 509);
    free(in.p);
}
END_TEST

START_TEST(alloc_sample_wire) {
    size_t len;
    char *data = read_sample("samples/forms/wire.json", &len);
    loop_over_k("samples/forms/wire.json", data, len, 61);
    free(data);
}
END_TEST

START_TEST(alloc_sample_paged) {
    size_t len;
    char *data = read_sample("samples/paged.jsonl", &len);
    loop_over_k("samples/paged.jsonl", data, len, 61);
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
    tcase_add_test(tc, alloc_hook_counts);
    tcase_add_test(tc, alloc_inline_findings);
    tcase_add_test(tc, alloc_long_tokens);
    tcase_add_test(tc, alloc_long_lists);
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
