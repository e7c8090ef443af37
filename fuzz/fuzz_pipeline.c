/* Fuzz target: the whole pipeline. Bytes -> options -> an lsc_checker fed in
 * chunks whose sizes come from the input -> every finding through the
 * reporter of every format.
 *
 * Input layout: an 8-byte header, then the JSON bytes (a shorter input is
 * zero-padded, so every input is valid; all zeros = default options, fed
 * whole):
 *
 *   [0] flags: bit 0 --now, bits 1-2 --expect (0 any, 1 details, 2 summary),
 *       bit 3 --expect-status, bit 4 --expect-name, bit 5 enable every rule,
 *       bit 6 stop the run from the finding callback, bit 7 hostile file name
 *   [1] --max-depth: 0 default, else 1 + byte % 96
 *   [2] --now: 2015-01-01 + byte * 15 days
 *   [3] --expiry-days; the number of findings before a stop (bit 6)
 *   [4] chunk mode: 0 whole; else chunks of 1 .. 1 + byte % 64 bytes
 *   [5..6] the chunk-size generator's seed
 *   [7] option variants (expect-status list, expect-name, file name)
 *
 * Oracles besides the sanitizers: the findings, certificates and counters
 * of the chunked run equal those of a whole run; so do those of the input
 * checked as the CLI's -j split checks it with two workers: two checkers,
 * the second set to the origin of a cut between two documents
 * (lsc_checker_set_origin, the input's first bytes, the open listing's
 * ARNs); every finding is well
 * formed (known rule, severity in force, 1-based position, UTF-8 message
 * without control characters); the json, jsonl and sarif reports parse as
 * JSON and no report holds a raw control character. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "lscertlint.h"
#include "fuzz/oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HEADER 8
#define FORMATS 6

/* Abort with a message: the fuzzer (or the replay driver) reports it. */
#define fail(...) fuzz_fail("fuzz_pipeline", __VA_ARGS__)

/* A growable record of one run: what a chunked run must reproduce. */
typedef struct record {
    char *p;
    size_t len, cap;
} record;

static void rec_add(record *r, const void *s, size_t n) {
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 1024;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *p = realloc(r->p, cap);
        if (!p)
            fail("out of memory");
        r->p = p;
        r->cap = cap;
    }
    memcpy(r->p + r->len, s, n);
    r->len += n;
    r->p[r->len] = '\0';
}

static void rec_printf(record *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void rec_printf(record *r, const char *fmt, ...) {
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        rec_add(r, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}


/* Fail unless s[0..n) is UTF-8 without C0/C1 control characters, DEL, line
 * separators or bidi controls (newline and tab allowed where allow_nl says). */
static void check_text(const char *what, const char *s, size_t n, int allow_nl) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = fuzz_utf8_seq(u + i, n - i);
        if (k == 0)
            fail("%s: not UTF-8 at byte %zu (0x%02X)", what, i, u[i]);
        if (k == 1 && (u[i] < 0x20 || u[i] == 0x7F) &&
            !(allow_nl && (u[i] == '\n' || u[i] == '\t')))
            fail("%s: raw control character 0x%02X at byte %zu", what, u[i], i);
        if (k == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0)
            fail("%s: raw C1 control character U+%04X at byte %zu", what, u[i + 1], i);
        if (k == 3) {
            unsigned cp = (u[i] & 0x0Fu) << 12 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu);
            if (cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
                (cp >= 0x2066 && cp <= 0x2069))
                fail("%s: raw line separator or bidi control U+%04X at byte %zu", what, cp, i);
        }
        i += k;
    }
}

/* The ARNs of the open listing, as the CLI's replay keeps them. */
typedef struct arn_entry {
    char *s;
    size_t len, document, index;
} arn_entry;

typedef struct run {
    record rec;
    arn_entry *arns; /* NULL unless tracking (the split run's first part) */
    size_t narns, arns_cap;
    int track;
    lsc_reporter *rep[FORMATS];
    size_t findings;
    size_t stop_after; /* 0: never stop */
    size_t certificates;
    size_t documents_started, documents_ended;
} run;

/* Touch every byte of a string member (ASan sees a bad pointer or length). */
static unsigned long touch(const lsc_string *s) {
    unsigned long h = s->len;
    if (!s->m.ok)
        return h;
    if (!s->s)
        fail("a decoded string member without bytes");
    for (size_t i = 0; i < s->len; i++)
        h = h * 31 + (unsigned char)s->s[i];
    if (s->s[s->len] != '\0')
        fail("a decoded string is not NUL-terminated");
    return h;
}

static unsigned long touch_time(const lsc_timestamp *t) {
    unsigned long h = (unsigned long)t->status;
    if (t->m.ok) {
        for (size_t i = 0; i < t->raw_len; i++)
            h = h * 31 + (unsigned char)t->raw[i];
        if (t->status == LSC_TIME_OK && (t->t.nsec < 0 || t->t.nsec > 999999999))
            fail("a timestamp with nsec %ld", (long)t->t.nsec);
    }
    return h;
}

static unsigned long touch_tags(const lsc_tag_list *l) {
    unsigned long h = l->count;
    size_t last = 0, n = 0;
    for (const lsc_tag *t = l->first; t; t = t->next, n++) {
        if (n && t->index <= last)
            fail("tag indexes not increasing");
        if (t->index >= l->count)
            fail("tag index %zu beyond count %zu", t->index, l->count);
        last = t->index;
        h = h * 7 + touch(&t->key) + touch(&t->value);
    }
    if (n != l->kept || l->kept > l->count)
        fail("tag chain %zu, kept %zu, count %zu", n, l->kept, l->count);
    return h;
}

static unsigned long touch_records(const lsc_validation_record_list *l) {
    unsigned long h = l->count;
    size_t n = 0;
    for (const lsc_validation_record *r = l->first; r; r = r->next, n++) {
        if (r->index >= l->count)
            fail("record index %zu beyond count %zu", r->index, l->count);
        h = h * 7 + touch(&r->domain_name) + touch(&r->resource_record.name) +
            touch(&r->resource_record.type) + touch(&r->resource_record.value) +
            touch(&r->dns_record_creation_state.code) +
            touch(&r->dns_record_creation_state.message) + touch(&r->validation_status);
    }
    if (n != l->kept || l->kept > l->count)
        fail("record chain %zu, kept %zu, count %zu", n, l->kept, l->count);
    return h;
}

static int on_certificate(void *user, const lsc_certificate *c) {
    run *r = user;
    const lsc_certificate_detail *d = &c->certificate_detail;
    unsigned long h = touch(&c->certificate_arn) + touch(&c->certificate_name) +
                      touch(&c->domain_name) + touch_tags(&c->tags);
    h += touch(&d->arn) + touch(&d->name) + touch(&d->domain_name) + touch(&d->status) +
         touch(&d->serial_number) + touch(&d->request_failure_reason) + touch(&d->key_algorithm) +
         touch(&d->issuer_ca) + touch(&d->eligible_to_renew) + touch(&d->revocation_reason) +
         touch(&d->support_code) + touch_tags(&d->tags) +
         touch_records(&d->domain_validation_records);
    h += touch_time(&d->created_at) + touch_time(&d->issued_at) + touch_time(&d->not_before) +
         touch_time(&d->not_after) + touch_time(&d->revoked_at);
    h += touch(&d->renewal_summary.renewal_status) +
         touch(&d->renewal_summary.renewal_status_reason) +
         touch_time(&d->renewal_summary.updated_at) +
         touch_records(&d->renewal_summary.domain_validation_records);
    for (const lsc_name *n = d->subject_alternative_names.first; n; n = n->next) {
        if (n->index >= d->subject_alternative_names.count)
            fail("name index beyond count");
        for (size_t i = 0; i < n->len; i++)
            h = h * 31 + (unsigned char)n->s[i];
    }
    if (d->in_use_resource_count.m.ok)
        h += (unsigned long)d->in_use_resource_count.v;
    if (c->at.line < 1 || c->at.column < 1)
        fail("certificate at %llu:%llu", (unsigned long long)c->at.line,
             (unsigned long long)c->at.column);
    r->certificates++;
    if (r->track && c->certificate_arn.m.ok) {
        size_t i;
        for (i = 0; i < r->narns; i++)
            if (r->arns[i].len == c->certificate_arn.len &&
                memcmp(r->arns[i].s, c->certificate_arn.s, r->arns[i].len) == 0)
                break;
        if (i == r->narns) { /* its first appearance */
            if (r->narns == r->arns_cap) {
                r->arns_cap = r->arns_cap ? 2 * r->arns_cap : 16;
                r->arns = realloc(r->arns, r->arns_cap * sizeof *r->arns);
                if (!r->arns)
                    fail("out of memory");
            }
            arn_entry *e = &r->arns[r->narns++];
            e->s = malloc(c->certificate_arn.len + 1);
            if (!e->s)
                fail("out of memory");
            memcpy(e->s, c->certificate_arn.s, c->certificate_arn.len);
            e->len = c->certificate_arn.len;
            e->document = c->document;
            e->index = c->index;
        }
    }
    rec_printf(&r->rec, "cert %zu/%zu @%llu:%llu/%llu h=%lu\n", c->document, c->index,
               (unsigned long long)c->at.line, (unsigned long long)c->at.column,
               (unsigned long long)c->at.offset, h);
    return 0;
}

static int on_document_start(void *user, const lsc_document *doc) {
    run *r = user;
    r->documents_started++;
    rec_printf(&r->rec, "doc+ %zu type=%d @%llu\n", doc->index, (int)doc->type,
               (unsigned long long)doc->at.offset);
    return 0;
}

static int on_document_end(void *user, const lsc_document *doc) {
    run *r = user;
    r->documents_ended++;
    unsigned long h = touch(&doc->next_page_token) + touch(&doc->error_type) +
                      touch(&doc->error_message) + touch(&doc->error_code) +
                      touch(&doc->error_text);
    rec_printf(&r->rec, "doc- %zu members=%zu certs=%zu h=%lu\n", doc->index, doc->members,
               doc->certificate_count, h);
    if (r->track && !doc->next_page_token.m.ok) { /* the listing ended */
        for (size_t i = 0; i < r->narns; i++)
            free(r->arns[i].s);
        r->narns = 0;
    }
    return 0;
}

static int on_finding(void *user, const lsc_finding *f) {
    run *r = user;
    if (!f->rule || !f->rule->id || lsc_rule_find(f->rule->id) != f->rule)
        fail("a finding without a catalog rule");
    if (f->severity < LSC_NOTE || f->severity > LSC_ERROR)
        fail("%s: severity %d", f->rule->id, (int)f->severity);
    if (f->pos.line < 1 || f->pos.column < 1)
        fail("%s: position %llu:%llu", f->rule->id, (unsigned long long)f->pos.line,
             (unsigned long long)f->pos.column);
    if (!f->message || !f->pointer || !f->file)
        fail("%s: NULL message, pointer or file", f->rule->id);
    check_text("message", f->message, strlen(f->message), 0);
    if (f->pointer_len && f->pointer[0] != '/')
        fail("%s: pointer does not start with '/'", f->rule->id);
    unsigned long h = 0;
    for (size_t i = 0; i < f->pointer_len; i++)
        h = h * 31 + (unsigned char)f->pointer[i];
    for (size_t i = 0; f->value && i < f->value_len; i++)
        h = h * 31 + (unsigned char)f->value[i];
    if (f->related) {
        for (size_t i = 0; i < f->related->pointer_len; i++)
            h = h * 31 + (unsigned char)f->related->pointer[i];
        if (f->related->message)
            check_text("related message", f->related->message, strlen(f->related->message), 0);
    }
    rec_printf(&r->rec, "find %s %d doc=%zu @%llu:%llu/%llu p=%lu c=%d/%zu %s\n", f->rule->id,
               (int)f->severity, f->document, (unsigned long long)f->pos.line,
               (unsigned long long)f->pos.column, (unsigned long long)f->pos.offset, h,
               f->has_certificate, f->has_certificate ? f->certificate : 0, f->message);
    for (int i = 0; i < FORMATS; i++)
        if (r->rep[i] && lsc_reporter_finding(r->rep[i], f, LSC_MARK_NONE) < 0)
            fail("lsc_reporter_finding failed (format %d)", i);
    r->findings++;
    return r->stop_after && r->findings >= r->stop_after;
}

typedef struct options {
    lsc_config *cfg;
    const char *file;
    size_t stop_after;
    unsigned chunk_max; /* 0: whole */
    uint32_t seed;
} options;

static const char *const file_names[] = {
    "fuzz.json",
    "<stdin>",
    "dir/a \"b\",c:d%25<&>'.json",
    "r\xC3\xA9sum\xC3\xA9 \xE2\x9C\x93.json",
};

static const char *const status_lists[] = {
    "ISSUED",
    "PENDING_VALIDATION,FAILED",
    "EXPIRED,INACTIVE,VALIDATION_TIMED_OUT,REVOKED",
    "ISSUED,ISSUED",
};

static const char *const names[] = {"my-cert", "", "x\"y\\z", "caf\xC3\xA9"};

static int parse_options(const uint8_t *h, options *o) {
    memset(o, 0, sizeof *o);
    o->cfg = lsc_config_new();
    if (!o->cfg)
        fail("lsc_config_new failed");
    uint8_t flags = h[0], var = h[7];
    if (flags & 1) {
        lsc_time now = {INT64_C(1420070400) + (int64_t)h[2] * 15 * 86400, 0};
        lsc_config_set_now(o->cfg, now);
    }
    if (((flags >> 1) & 3) == 1)
        lsc_config_set_expect(o->cfg, LSC_EXPECT_DETAILS);
    else if (((flags >> 1) & 3) == 2)
        lsc_config_set_expect(o->cfg, LSC_EXPECT_SUMMARY);
    if ((flags & 8) && lsc_config_set_expect_status(o->cfg, status_lists[var & 3]) != 0)
        fail("a valid --expect-status list was refused");
    if ((flags & 16) && lsc_config_set_expect_name(o->cfg, names[(var >> 2) & 3]) != 0)
        fail("lsc_config_set_expect_name failed");
    if (flags & 32)
        for (size_t i = 0; i < lsc_rule_count(); i++)
            if (lsc_config_enable(o->cfg, lsc_rule_at(i)->id) != 0)
                fail("lsc_config_enable refused %s", lsc_rule_at(i)->id);
    if (flags & 64)
        o->stop_after = 1 + h[3] % 8;
    o->file = flags & 128 ? file_names[(var >> 4) & 3] : file_names[0];
    if (h[1] && lsc_config_set_max_depth(o->cfg, 1 + h[1] % 96) != 0)
        fail("lsc_config_set_max_depth refused %d", 1 + h[1] % 96);
    if (lsc_config_set_expiry_days(o->cfg, h[3]) != 0)
        fail("lsc_config_set_expiry_days refused %d", h[3]);
    o->chunk_max = h[4] ? 1 + h[4] % 64u : 0;
    o->seed = ((uint32_t)h[5] << 8 | h[6]) * 2654435761u + 1;
    return 0;
}

/* xorshift32: the sequence of chunk sizes. */
static uint32_t next_rand(uint32_t *s) {
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Parse a report as JSON (several values allowed for jsonl). */
static void check_json(const char *what, const char *s, size_t n, int multiple) {
    if (multiple && n == 0) /* jsonl without a finding: no line at all */
        return;
    yajl_handle y = yajl_alloc(NULL, NULL, NULL);
    if (!y)
        fail("yajl_alloc failed");
    yajl_config(y, yajl_allow_multiple_values, multiple);
    if (yajl_parse(y, (const unsigned char *)s, n) != yajl_status_ok ||
        yajl_complete_parse(y) != yajl_status_ok) {
        unsigned char *e = yajl_get_error(y, 1, (const unsigned char *)s, n);
        fprintf(stderr, "%s report:\n%.*s\n", what, (int)(n > 4000 ? 4000 : n), s);
        fail("the %s report is not JSON: %s", what, (const char *)e);
    }
    yajl_free(y);
}

/* One run of the checker; fills r. Returns the final status. */
static int check_once(const options *o, const uint8_t *data, size_t len, int chunked, run *r,
                      char **bufs, size_t *lens, FILE **fps) {
    memset(r, 0, sizeof *r);
    r->stop_after = o->stop_after;
    static const lsc_format formats[FORMATS] = {LSC_FORMAT_TEXT,   LSC_FORMAT_JSON,
                                                LSC_FORMAT_JSONL,  LSC_FORMAT_SARIF,
                                                LSC_FORMAT_GITHUB, LSC_FORMAT_JUNIT};
    for (int i = 0; fps && i < FORMATS; i++) {
        lsc_reporter_options ro;
        lsc_reporter_options_init(&ro);
        ro.format = formats[i];
        ro.fail_on = LSC_ERROR;
        ro.config = o->cfg;
        ro.tool_version = lsc_version();
        fps[i] = open_memstream(&bufs[i], &lens[i]);
        if (!fps[i])
            fail("open_memstream failed");
        r->rep[i] = lsc_reporter_new_file(&ro, fps[i]);
        if (!r->rep[i] || lsc_reporter_input_start(r->rep[i], o->file) < 0)
            fail("lsc_reporter_new_file/input_start failed (format %d)", i);
    }
    lsc_callbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.finding = on_finding;
    cb.certificate = on_certificate;
    cb.document_start = on_document_start;
    cb.document_end = on_document_end;
    lsc_error err;
    memset(&err, 0, sizeof err);
    lsc_checker *ck = lsc_checker_new(o->cfg, o->file, &cb, r, &err);
    if (!ck)
        fail("lsc_checker_new: %s", err.text);
    int rc = 0;
    if (!chunked) {
        rc = lsc_checker_feed(ck, data, len, &err);
    } else {
        /* after a syntax error (1) the rest is still fed: it must be ignored */
        uint32_t s = o->seed;
        for (size_t off = 0; off < len && rc >= 0;) {
            size_t n = 1 + next_rand(&s) % o->chunk_max;
            if (n > len - off)
                n = len - off;
            int was = rc;
            rc = lsc_checker_feed(ck, data + off, n, &err);
            off += n;
            if (rc >= 0 && (next_rand(&s) & 7) == 0) /* an empty chunk now and then */
                rc = lsc_checker_feed(ck, data + off, 0, &err);
            if (was == 1 && rc != 1)
                fail("a feed after a syntax error returned %d", rc);
        }
    }
    if (rc == 0)
        rc = lsc_checker_finish(ck, &err);
    else if (rc == 1 && lsc_checker_finish(ck, &err) != 1)
        fail("lsc_checker_finish after a syntax error did not return 1");
    if (rc < 0 && strcmp(err.text, "stopped by a callback") != 0)
        fail("the checker failed: %s", err.text);
    if (rc < 0 && !o->stop_after)
        fail("stopped without a stop");
    /* a second finish after the end changes nothing */
    if (rc >= 0 && lsc_checker_finish(ck, &err) != rc)
        fail("a second lsc_checker_finish gave another status");
    const lsc_stats *st = lsc_checker_stats(ck);
    size_t total = st->findings[LSC_NOTE] + st->findings[LSC_WARNING] + st->findings[LSC_ERROR];
    if (total < r->findings)
        fail("stats count %zu findings, the callback saw %zu", total, r->findings);
    if (rc >= 0 && total != r->findings)
        fail("stats count %zu findings, the callback saw %zu", total, r->findings);
    if (rc >= 0 && st->bytes != len)
        fail("stats count %llu bytes of %zu", (unsigned long long)st->bytes, len);
    if (rc >= 0 && st->certificates != r->certificates)
        fail("stats count %zu certificates, the callback saw %zu", st->certificates,
             r->certificates);
    rec_printf(&r->rec, "rc=%d documents=%zu certificates=%zu findings=%zu/%zu/%zu\n", rc,
               st->documents, st->certificates, st->findings[1], st->findings[2], st->findings[3]);
    for (int i = 0; fps && i < FORMATS; i++) {
        if (lsc_reporter_input_end(r->rep[i], st, total ? "findings" : "ok", NULL) < 0 ||
            lsc_reporter_finish(r->rep[i]) < 0)
            fail("lsc_reporter_input_end/finish failed (format %d)", i);
        char line[512];
        lsc_reporter_summary_line(r->rep[i], line, sizeof line);
        check_text("summary line", line, strlen(line), 0);
        lsc_reporter_free(r->rep[i]);
        r->rep[i] = NULL;
        if (fclose(fps[i]) != 0)
            fail("fclose of a memstream failed");
    }
    lsc_checker_free(ck);
    return rc;
}

/* The CLI's cut (cli/split.c): the byte after a line feed with '}' or ']'
 * before it and '{' or '[' after it, white space between, at most 64
 * bytes each side. The first at or after from, or 0. */
static size_t find_cut(const uint8_t *d, size_t len, size_t from) {
    for (size_t n = from; n < len; n++) {
        if (d[n] != '\n')
            continue;
        size_t b = n, f = n + 1;
        while (b > 0 && n - (b - 1) <= 64 && strchr(" \t\r\n", d[b - 1]) && d[b - 1])
            b--;
        if (b == 0 || n - (b - 1) > 64 || (d[b - 1] != '}' && d[b - 1] != ']'))
            continue;
        while (f < len && f - n <= 64 && strchr(" \t\r\n", d[f]) && d[f])
            f++;
        if (f < len && f - n <= 64 && (d[f] == '{' || d[f] == '['))
            return n + 1;
    }
    return 0;
}

static const lsc_callbacks recording = {on_document_start, on_certificate, on_document_end,
                                        on_finding, NULL};

/* Check data as two workers of the CLI's -j split do: [0, cut) by one
 * checker, then, when it ended between two documents, [cut, len) by a
 * checker set to the cut's origin with the input's head and the open
 * listing's ARNs. The record is the whole run's when the split applies
 * (returns 1); 0 when there is no cut or the first part did not end
 * between documents (the CLI then reads on: nothing to compare). */
static int check_split(const options *o, const uint8_t *data, size_t len, run *r) {
    size_t cut = find_cut(data, len, len / 2);
    if (!cut)
        cut = find_cut(data, len, 0);
    if (!cut || cut >= len || o->stop_after)
        return 0;
    lsc_error err;
    run first;
    memset(&first, 0, sizeof first);
    memset(r, 0, sizeof *r);
    first.track = 1;
    lsc_checker *a = lsc_checker_new(o->cfg, o->file, &recording, &first, &err);
    if (!a)
        fail("lsc_checker_new: %s", err.text);
    int rc = lsc_checker_feed(a, data, cut, &err);
    if (rc == 0 && !lsc_checker_between_documents(a))
        rc = 1;
    const lsc_stats sa = *lsc_checker_stats(a);
    lsc_checker_free(a);
    if (rc != 0) {
        for (size_t i = 0; i < first.narns; i++)
            free(first.arns[i].s);
        free(first.arns);
        free(first.rec.p);
        return 0;
    }
    /* the second worker: its origin from the bytes before the cut */
    lsc_pos at = {cut, 1, 1};
    for (size_t i = 0; i < cut; i++)
        at.line += data[i] == '\n';
    lsc_checker *b = lsc_checker_new(o->cfg, o->file, &recording, r, &err);
    if (!b)
        fail("lsc_checker_new: %s", err.text);
    if (lsc_checker_set_origin(b, at, sa.documents, &err) != LSC_OK)
        fail("lsc_checker_set_origin: %s", err.text);
    if (lsc_checker_set_head(b, data, len < 4096 ? len : 4096) != 0)
        fail("lsc_checker_set_head failed");
    for (size_t i = 0; i < first.narns; i++) {
        if (lsc_checker_listing_add(b, first.arns[i].s, first.arns[i].len, first.arns[i].document,
                                     first.arns[i].index) != 0)
            fail("lsc_checker_listing_add failed");
        free(first.arns[i].s);
    }
    free(first.arns);
    if (lsc_checker_set_origin(b, at, sa.documents, &err) != LSC_OK)
        fail("a second lsc_checker_set_origin before a feed was refused");
    rc = lsc_checker_feed(b, data + cut, len - cut, &err);
    if (rc == 0)
        rc = lsc_checker_finish(b, &err);
    else if (rc == 1 && lsc_checker_finish(b, &err) != 1)
        fail("lsc_checker_finish after a syntax error did not return 1");
    if (rc < 0)
        fail("the second worker's checker failed: %s", err.text);
    if (lsc_checker_set_origin(b, at, 0, &err) != LSC_MISUSE)
        fail("lsc_checker_set_origin after a feed was not refused");
    const lsc_stats *sb = lsc_checker_stats(b);
    rec_add(&first.rec, r->rec.p ? r->rec.p : "", r->rec.len);
    free(r->rec.p);
    r->rec = first.rec;
    rec_printf(&r->rec, "rc=%d documents=%zu certificates=%zu findings=%zu/%zu/%zu\n", rc,
               sb->documents, sa.certificates + sb->certificates, sa.findings[1] + sb->findings[1],
               sa.findings[2] + sb->findings[2], sa.findings[3] + sb->findings[3]);
    if (sb->bytes != len)
        fail("the second worker counts %llu bytes of %zu", (unsigned long long)sb->bytes, len);
    lsc_checker_free(b);
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    uint8_t head[HEADER] = {0};
    memcpy(head, data, size < HEADER ? size : HEADER);
    const uint8_t *json = data + (size < HEADER ? size : HEADER);
    size_t len = size < HEADER ? 0 : size - HEADER;

    /* GitHub's step summary must not be written by a fuzz run */
    unsetenv("GITHUB_STEP_SUMMARY");

    options o;
    parse_options(head, &o);
    char *bufs[FORMATS] = {0};
    size_t lens[FORMATS] = {0};
    FILE *fps[FORMATS] = {0};
    run whole, part;
    check_once(&o, json, len, 0, &whole, bufs, lens, fps);
    check_json("json", bufs[1], lens[1], 0);
    check_json("jsonl", bufs[2], lens[2], 1);
    check_json("sarif", bufs[3], lens[3], 0);
    check_text("text report", bufs[0], lens[0], 1);
    check_text("github report", bufs[4], lens[4], 1);
    check_text("junit report", bufs[5], lens[5], 1);
    for (int i = 0; i < FORMATS; i++)
        free(bufs[i]);
    if (o.chunk_max) {
        check_once(&o, json, len, 1, &part, NULL, NULL, NULL);
        if (strcmp(whole.rec.p ? whole.rec.p : "", part.rec.p ? part.rec.p : "") != 0) {
            fprintf(stderr, "---- whole run\n%s---- chunked run (max %u)\n%s", whole.rec.p,
                    o.chunk_max, part.rec.p);
            fail("a chunked run differs from the whole run");
        }
        free(part.rec.p);
    }
    if (check_split(&o, json, len, &part)) {
        if (strcmp(whole.rec.p ? whole.rec.p : "", part.rec.p ? part.rec.p : "") != 0) {
            fprintf(stderr, "---- whole run\n%s---- two workers\n%s", whole.rec.p, part.rec.p);
            fail("two workers' run differs from the whole run");
        }
        free(part.rec.p);
    }
    free(whole.rec.p);
    lsc_config_free(o.cfg);
    return 0;
}
