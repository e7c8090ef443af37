/* tests/feed: run one input through an lsc_checker using only the public API
 * and print its findings one per line, as samples/invalid/<rule>/<case>/expected
 * holds them:
 *
 *     RULE "POINTER" LINE:COLUMN
 *
 * Usage: feed [--chunk=N | --all-chunks] [--verbose | --messages] [OPTIONS] FILE
 *
 * --verbose adds every detail of a finding; --messages adds only its
 * message, escaped, after one space (samples/invalid/<rule>/<case>/messages).
 *
 * --all-chunks runs the input whole and at every chunk size 1..31 (as yajl's
 * own test suite does) and fails when any run differs from the whole run, so
 * a chunk-boundary bug cannot hide. Exit: 0 ok, 1 a chunked run differed,
 * 2 usage error, 3 I/O error (or the checker failed). */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lscertlint.h"

#define MAX_CHUNK 31

/* A growable byte buffer: the printed record of one run. */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void buf_grow(buf *b, size_t more) {
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("feed: out of memory\n", stderr);
        exit(3);
    }
    b->p = p;
    b->cap = cap;
}

static void buf_add(buf *b, const char *s, size_t n) {
    buf_grow(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void buf_printf(buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Length of the well-formed UTF-8 sequence at s (strict RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), 0 if there is none. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* Append s as the inside of a JSON string: '"' and '\' escaped, control
 * characters as \u00XX, bytes that are not UTF-8 as \xHH. */
static void buf_escape(buf *b, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            buf_add(b, e, 2);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            buf_printf(b, "\\u%04x", c);
            i++;
        } else {
            size_t len = utf8_seq(u + i, n - i);
            if (len == 0) {
                buf_printf(b, "\\x%02X", c);
                i++;
            } else {
                buf_add(b, s + i, len);
                i += len;
            }
        }
    }
}

typedef struct run {
    buf out;  /* the printed lines */
    buf full; /* every detail, what --all-chunks compares */
    int verbose;
    size_t certificates;
} run;

static int on_finding(void *user, const lsc_finding *f) {
    run *r = user;
    buf line = {0};
    buf_printf(&line, "%s \"", f->rule->id);
    buf_escape(&line, f->pointer, f->pointer_len);
    buf_printf(&line, "\" %" PRIu64 ":%" PRIu64, f->pos.line, f->pos.column);

    buf more = {0};
    buf_printf(&more, " offset=%" PRIu64 " document=%zu severity=%s message=\"", f->pos.offset,
               f->document, lsc_severity_name(f->severity));
    buf_escape(&more, f->message ? f->message : "", f->message ? strlen(f->message) : 0);
    buf_add(&more, "\"", 1);
    if (f->has_certificate) {
        buf_printf(&more, " certificate=%zu@%" PRIu64 ":%" PRIu64 " name=\"", f->certificate,
                   f->certificate_at.line, f->certificate_at.column);
        buf_escape(&more, f->certificate_name ? f->certificate_name : "",
                   f->certificate_name ? f->certificate_name_len : 0);
        buf_add(&more, "\"", 1);
    }
    if (f->related) {
        buf_add(&more, " related=\"", 10);
        buf_escape(&more, f->related->pointer, f->related->pointer_len);
        buf_printf(&more, "\"@%" PRIu64 ":%" PRIu64 "/%" PRIu64, f->related->pos.line,
                   f->related->pos.column, f->related->pos.offset);
    }

    buf_add(&r->out, line.p, line.len);
    if (r->verbose == 1) {
        buf_add(&r->out, more.p, more.len);
    } else if (r->verbose == 2) {
        buf_add(&r->out, " ", 1);
        buf_escape(&r->out, f->message ? f->message : "", f->message ? strlen(f->message) : 0);
    }
    buf_add(&r->out, "\n", 1);
    buf_add(&r->full, line.p, line.len);
    buf_add(&r->full, more.p, more.len);
    buf_add(&r->full, "\n", 1);
    free(line.p);
    free(more.p);
    return 0;
}

static int on_certificate(void *user, const lsc_certificate *cert) {
    run *r = user;
    r->certificates++;
    buf_printf(&r->full, "certificate document=%zu index=%zu at=%" PRIu64 ":%" PRIu64 "\n",
               cert->document, cert->index, cert->at.line, cert->at.column);
    return 0;
}

/* Check data in chunks of chunk bytes (0: whole). Returns 0, or 3 when the
 * checker failed. */
static int check(const lsc_config *cfg, const char *file, const unsigned char *data, size_t len,
                 size_t chunk, run *r) {
    lsc_callbacks cb = {0};
    cb.finding = on_finding;
    cb.certificate = on_certificate;
    lsc_error err = {0};
    lsc_checker *ck = lsc_checker_new(cfg, file, &cb, r, &err);
    if (!ck) {
        fprintf(stderr, "feed: lsc_checker_new: %s\n", err.text);
        return 3;
    }
    int rc = 0, malformed = 0;
    if (chunk == 0) {
        rc = lsc_checker_feed(ck, data, len, &err);
        malformed = rc == LSC_MALFORMED;
    } else {
        /* after a 1 (malformed) keep feeding: the API says later bytes are ignored */
        for (size_t off = 0; off < len && rc >= 0; off += chunk) {
            rc = lsc_checker_feed(ck, data + off, len - off < chunk ? len - off : chunk, &err);
            if (rc == LSC_MALFORMED)
                malformed = 1;
            else if (rc == LSC_OK && malformed) {
                fprintf(stderr, "feed: %s: feed returned 0 after 1 (chunk %zu)\n", file, chunk);
                lsc_checker_free(ck);
                return 3;
            }
        }
    }
    if (rc >= 0) {
        int frc = lsc_checker_finish(ck, &err);
        if (frc == LSC_MALFORMED)
            malformed = 1;
        if (frc < 0)
            rc = frc;
    }
    if (rc < 0) {
        fprintf(stderr, "feed: %s: checker failed: %s\n", file, err.text);
        lsc_checker_free(ck);
        return 3;
    }
    const lsc_stats *st = lsc_checker_stats(ck);
    /* what a malformed input's byte count includes is not part of the contract */
    if (!malformed)
        buf_printf(&r->full, "bytes=%" PRIu64 "\n", st->bytes);
    buf_printf(&r->full,
               "malformed=%d documents=%zu certificates=%zu callbacks=%zu findings=%zu/%zu/%zu\n",
               malformed, st->documents, st->certificates, r->certificates, st->findings[LSC_ERROR],
               st->findings[LSC_WARNING], st->findings[LSC_NOTE]);
    lsc_checker_free(ck);
    return 0;
}

static void run_free(run *r) {
    free(r->out.p);
    free(r->full.p);
}

/* Print the first line where a and b differ. */
static void show_difference(const char *a, const char *b, size_t chunk) {
    size_t line = 1;
    for (;;) {
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
        if (la != lb || memcmp(a, b, la) != 0 || !ea || !eb) {
            fprintf(stderr, "feed: chunk size %zu differs from the whole run at line %zu:\n", chunk,
                    line);
            fprintf(stderr, "--- whole\n-%.*s\n+++ chunk %zu\n+%.*s\n", (int)la, a, chunk, (int)lb,
                    b);
            return;
        }
        a = ea + 1;
        b = eb + 1;
        line++;
    }
}

static int read_file(const char *path, unsigned char **data, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "feed: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    unsigned char *p = malloc(cap);
    for (;;) {
        if (!p) {
            fputs("feed: out of memory\n", stderr);
            fclose(fp);
            return -1;
        }
        n += fread(p + n, 1, cap - n, fp);
        if (n < cap)
            break;
        cap *= 2;
        unsigned char *q = realloc(p, cap);
        if (!q)
            free(p);
        p = q;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "feed: %s: read error\n", path);
        free(p);
        return -1;
    }
    *data = p;
    *len = n;
    return 0;
}

static int usage(const char *why) {
    fprintf(stderr,
            "feed: %s\n"
            "usage: feed [--chunk=N | --all-chunks] [--verbose | --messages] [--now=TIME] [--expiry-days=N]\n"
            "            [--expect=details|summary] [--expect-status=S,S] [--expect-name=NAME]\n"
            "            [--max-depth=N] [--accept-array] [--enable=ID] [--disable=ID] FILE\n",
            why);
    return 2;
}

/* Parse a non-negative decimal; -1 on anything else. */
static int parse_u64(const char *s, uint64_t *out) {
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static const char *option(const char *arg, const char *name) {
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 ? arg + n : NULL;
}

int main(int argc, char **argv) {
    int status = 2, all = 0, verbose = 0;
    uint64_t chunk = 0;
    const char *file = NULL;
    unsigned char *data = NULL;
    size_t len = 0;
    lsc_config *cfg = lsc_config_new();
    if (!cfg) {
        fputs("feed: out of memory\n", stderr);
        return 3;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        uint64_t n;
        if (strcmp(a, "--all-chunks") == 0) {
            all = 1;
        } else if (strcmp(a, "--verbose") == 0) {
            verbose = 1;
        } else if (strcmp(a, "--messages") == 0) {
            verbose = 2;
        } else if ((v = option(a, "--chunk="))) {
            if (parse_u64(v, &chunk) || chunk == 0) {
                status = usage("bad --chunk");
                goto out;
            }
        } else if ((v = option(a, "--now="))) {
            lsc_time t;
            if (lsc_time_parse(v, strlen(v), &t)) {
                status = usage("bad --now");
                goto out;
            }
            lsc_config_set_now(cfg, t);
        } else if ((v = option(a, "--expiry-days="))) {
            if (parse_u64(v, &n) || n > INT64_MAX || lsc_config_set_expiry_days(cfg, (int64_t)n)) {
                status = usage("bad --expiry-days");
                goto out;
            }
        } else if ((v = option(a, "--expect="))) {
            if (strcmp(v, "details") == 0)
                lsc_config_set_expect(cfg, LSC_EXPECT_DETAILS);
            else if (strcmp(v, "summary") == 0)
                lsc_config_set_expect(cfg, LSC_EXPECT_SUMMARY);
            else {
                status = usage("bad --expect");
                goto out;
            }
        } else if ((v = option(a, "--expect-status="))) {
            if (lsc_config_set_expect_status(cfg, v)) {
                status = usage("bad --expect-status");
                goto out;
            }
        } else if ((v = option(a, "--expect-name="))) {
            if (lsc_config_set_expect_name(cfg, v)) {
                status = 3;
                goto out;
            }
        } else if (strcmp(a, "--accept-array") == 0) {
            lsc_config_set_accept_array(cfg, 1);
        } else if ((v = option(a, "--max-depth="))) {
            if (parse_u64(v, &n) || lsc_config_set_max_depth(cfg, n)) {
                status = usage("bad --max-depth");
                goto out;
            }
        } else if ((v = option(a, "--enable="))) {
            if (lsc_config_enable(cfg, v)) {
                status = usage("unknown rule id in --enable");
                goto out;
            }
        } else if ((v = option(a, "--disable="))) {
            if (lsc_config_set_severity(cfg, v, LSC_OFF)) {
                status = usage("unknown rule id in --disable");
                goto out;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            status = usage("unknown option");
            goto out;
        } else if (file) {
            status = usage("one FILE only");
            goto out;
        } else {
            file = a;
        }
    }
    if (!file) {
        status = usage("no FILE");
        goto out;
    }
    if (all && chunk) {
        status = usage("--chunk and --all-chunks exclude each other");
        goto out;
    }
    if (read_file(file, &data, &len)) {
        status = 3;
        goto out;
    }

    run whole = {.verbose = verbose};
    status = check(cfg, file, data, len, (size_t)chunk, &whole);
    for (size_t c = 1; all && status == 0 && c <= MAX_CHUNK; c++) {
        run part = {.verbose = verbose};
        status = check(cfg, file, data, len, c, &part);
        if (status == 0 && strcmp(whole.full.p, part.full.p) != 0) {
            show_difference(whole.full.p, part.full.p, c);
            status = 1;
        }
        run_free(&part);
    }
    if (status == 0 && whole.out.p)
        fputs(whole.out.p, stdout);
    run_free(&whole);
    if (fflush(stdout) != 0 || ferror(stdout))
        status = 3;
out:
    free(data);
    lsc_config_free(cfg);
    return status;
}
