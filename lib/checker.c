/* The checker: one input stream. It orchestrates the decoder (bytes ->
 * structs, the JSON-layer rules), the validator (structs -> the catalog's
 * rules) and the findings buffer, delivering the findings sorted at each
 * flush point (a certificate summary or a document closes, the input stops
 * being JSON). Dependencies go one way: checker -> decoder, validator ->
 * findings. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/findings.h"
#include "parser/decode.h"
#include "schema/validate.h"

struct lsc_checker {
    lsc_config config;
    char *file;
    lsc_callbacks cb;
    void *user;
    lsc_stats stats;
    lscp_hash_key hash_key; /* this checker's, for every hash table */
    lscp_findings findings;
    lscp_decoder decoder;
    lscv_state *validator;
    /* BOM detection over the first bytes */
    unsigned char head[3];
    size_t head_len;
    int head_done;
    /* why the run stopped, besides the decoder's failed and oom */
    int stopped; /* a user callback asked to stop */
    int oom;     /* the validator ran out of memory */
    /* lsc_checker_set_origin: the input began before the first byte fed */
    int fed;        /* a feed or finish was called: too late for an origin */
    int head_given; /* lsc_checker_set_head: the input's first bytes are known */
    /* the public contract */
    int busy;         /* inside feed or finish: a nested call is misuse */
    int finished;     /* lsc_checker_finish was called */
    int free_pending; /* lsc_checker_free from inside a callback: freed on return */
    lsc_status finish_status;
};

/* ---- what the decoder hands over ---------------------------------------- */

/* A callback that freed the checker stops the run as one returning nonzero. */
static int user_said(lsc_checker *c, int r) {
    if (r || c->free_pending) {
        c->stopped = 1;
        return -1;
    }
    return 0;
}

/* The user's finding callback, seen through the checker (a free inside it
 * must stop the flush). */
static int on_finding(void *ctx, const lsc_finding *f) {
    lsc_checker *c = ctx;
    int r = c->cb.finding(c->user, f);
    return r || c->free_pending;
}

static int deliver(lsc_checker *c, const lsc_certificate *current) {
    const lscp_delivery to = {c->file, current, &c->stats, c->cb.finding ? on_finding : NULL, c};
    return user_said(c, lscp_findings_flush(&c->findings, &to) < 0);
}

static int on_document_start(void *ctx, const lsc_document *doc) {
    lsc_checker *c = ctx;
    if (lscv_document_start(c->validator, doc) < 0) {
        c->oom = 1;
        return -1;
    }
    if (c->cb.document_start)
        return user_said(c, c->cb.document_start(c->user, doc));
    return 0;
}

static int on_certificate(void *ctx, const lsc_certificate *cert) {
    lsc_checker *c = ctx;
    if (lscv_certificate(c->validator, cert) < 0) {
        c->oom = 1;
        return -1;
    }
    if (c->cb.certificate && user_said(c, c->cb.certificate(c->user, cert)) < 0)
        return -1;
    return deliver(c, cert);
}

static int on_document_end(void *ctx, const lsc_document *doc) {
    lsc_checker *c = ctx;
    if (lscv_document_end(c->validator, doc) < 0) {
        c->oom = 1;
        return -1;
    }
    if (c->cb.document_end && user_said(c, c->cb.document_end(c->user, doc)) < 0)
        return -1;
    return deliver(c, NULL);
}

static int on_flush(void *ctx, const lsc_certificate *current) {
    return deliver(ctx, current);
}

static int on_element(void *ctx, const lsc_element *e) {
    lsc_checker *c = ctx;
    if (lscv_element(c->validator, &c->decoder.cert, e) < 0) {
        c->oom = 1;
        return -1;
    }
    if (c->cb.element)
        return user_said(c, c->cb.element(c->user, e));
    return 0;
}

static void on_list_reset(void *ctx, lsc_list_kind list) {
    lsc_checker *c = ctx;
    lscv_list_reset(c->validator, list);
}

static void on_abandon(void *ctx) {
    lsc_checker *c = ctx;
    lscv_certificate_abandoned(c->validator);
}

/* ---- statuses and errors ------------------------------------------------ */

const char *lsc_status_name(lsc_status status) {
    switch (status) {
    case LSC_OK:
        return "ok";
    case LSC_MALFORMED:
        return "malformed";
    case LSC_STOPPED:
        return "stopped";
    case LSC_NOMEM:
        return "out of memory";
    case LSC_MISUSE:
        return "misuse";
    }
    return "unknown";
}

/* Fill every field of err (when given) for a call that returns code. */
static void set_error(lsc_error *err, lsc_status code, const char *text, const lsc_pos *pos) {
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    if (pos) {
        err->line = pos->line;
        err->column = pos->column;
        err->position = pos->offset;
    }
    snprintf(err->text, sizeof err->text, "%s", text);
}

lsc_checker *lsc_checker_new(const lsc_config *config, const char *file,
                             const lsc_callbacks *callbacks, void *user, lsc_error *err) {
    lsc_checker *c = lscp_calloc(1, sizeof *c);
    if (!c)
        goto oom;
    if (config) {
        c->config = *config;
        c->config.expect_name = NULL;
        if (config->expect_name) {
            c->config.expect_name = lscp_malloc(config->expect_name_len + 1);
            if (!c->config.expect_name)
                goto oom;
            memcpy(c->config.expect_name, config->expect_name, config->expect_name_len + 1);
        }
    } else {
        lsc_config *d = lsc_config_new();
        if (!d)
            goto oom;
        c->config = *d;
        lsc_config_free(d);
    }
    if (c->config.max_depth < 1)
        c->config.max_depth = 64;
    const char *name = file ? file : "<stdin>";
    c->file = lscp_malloc(strlen(name) + 1);
    if (!c->file)
        goto oom;
    strcpy(c->file, name);
    if (callbacks)
        c->cb = *callbacks;
    c->user = user;
    lscp_hash_key_random(&c->hash_key);
    lscp_findings_init(&c->findings, c->config.severity);
    static const lscp_decode_events events = {
        on_document_start, on_certificate, on_document_end, on_flush,
        on_element,        on_list_reset,  on_abandon,      NULL};
    lscp_decode_events ev = events;
    ev.ctx = c;
    if (lscp_decode_init(&c->decoder, &ev, &c->findings, &c->stats, c->config.max_depth,
                         &c->hash_key) < 0)
        goto oom;
    c->decoder.accept_array = c->config.accept_array;
    c->decoder.list_limit = c->config.list_limit;
    c->validator = lscv_new(&c->config, &c->findings, &c->hash_key);
    if (!c->validator)
        goto oom;
    return c;
oom:
    set_error(err, LSC_NOMEM, "out of memory", NULL);
    lsc_checker_free(c);
    return NULL;
}

static void checker_release(lsc_checker *c) {
    lscv_free(c->validator);
    lscp_decode_release(&c->decoder);
    lscp_findings_release(&c->findings);
    lscp_free(c->file);
    lscp_free(c->config.expect_name);
    lscp_free(c);
}

void lsc_checker_free(lsc_checker *c) {
    if (!c)
        return;
    if (c->busy) { /* inside a callback: the feed or finish under it frees */
        c->free_pending = 1;
        return;
    }
    checker_release(c);
}

/* The end of a feed or finish: a free asked for by a callback happens now. */
static lsc_status call_done(lsc_checker *c, lsc_status st) {
    c->busy = 0;
    if (c->free_pending) {
        checker_release(c);
        return LSC_STOPPED;
    }
    return st;
}

/* The status a run that ended has, or LSC_OK while it goes on. */
static lsc_status run_status(const lsc_checker *c) {
    const lscp_decoder *d = &c->decoder;
    if (c->stopped) /* first: a callback may stop on the json-syntax finding */
        return LSC_STOPPED;
    /* before `failed`: memory may have run out while the json-syntax
     * finding was built, which then was never delivered */
    if (c->oom || d->oom || d->scan.oom || c->findings.oom)
        return LSC_NOMEM;
    if (d->failed && !d->hint_wait) /* waiting: the finding is not out yet */
        return LSC_MALFORMED;
    return LSC_OK;
}

/* Map a decoder return (0, 1 malformed, -1 stopped or out of memory) to the
 * run's status and fill err. */
static lsc_status run_result(lsc_checker *c, int r, lsc_error *err) {
    lsc_status st = run_status(c);
    if (r == 0 && st == LSC_OK)
        return LSC_OK;
    switch (st) {
    case LSC_MALFORMED:
        set_error(err, st, c->decoder.syntax_msg, &c->decoder.syntax_at);
        break;
    case LSC_STOPPED:
        set_error(err, st, "stopped by a callback", NULL);
        break;
    case LSC_NOMEM:
        set_error(err, st, "out of memory", NULL);
        break;
    default:
        /* r != 0 without a reason recorded: treat as out of memory, the
         * only failure a decoder step has besides the three above */
        c->oom = 1;
        st = LSC_NOMEM;
        set_error(err, st, "out of memory", NULL);
        break;
    }
    return st;
}

static lsc_status misuse(lsc_error *err, const char *text) {
    set_error(err, LSC_MISUSE, text, NULL);
    return LSC_MISUSE;
}

static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};

/* The first three bytes decide whether there is a byte-order mark; they may
 * arrive one at a time. */
static int feed_head(lsc_checker *c, const unsigned char **data, size_t *len) {
    while (!c->head_done && *len) {
        c->head[c->head_len++] = **data;
        (*data)++;
        (*len)--;
        if (c->head[c->head_len - 1] != bom[c->head_len - 1] || c->head_len == 3)
            break;
    }
    if (c->head_done || (c->head_len < 3 && c->head[c->head_len - 1] == bom[c->head_len - 1]))
        return 0; /* still undecided (or nothing to do) */
    c->head_done = 1;
    if (c->head_len == 3 && memcmp(c->head, bom, 3) == 0) {
        lscp_site site;
        memset(&site, 0, sizeof site);
        site.pos.line = 1;
        site.pos.column = 1;
        site.pointer = "";
        if (lscp_report(&c->findings, LSC_R_JSON_BOM, &site,
                        "the input starts with a UTF-8 byte-order mark (EF BB BF); JSON must "
                        "not, and it was skipped") < 0)
            return -1;
        lscp_decode_skip_bom(&c->decoder);
        return 0;
    }
    return lscp_decode_chunk(&c->decoder, c->head, c->head_len, 0);
}

static lsc_status feed_bytes(lsc_checker *c, const unsigned char *p, size_t len, lsc_error *err) {
    c->stats.bytes += len; /* every byte given counts, even past an error */
    if (!c->head_given)
        lscp_decode_keep_head(&c->decoder, p, len);
    if (c->decoder.hint_wait)
        return run_result(c, lscp_decode_syntax_ready(&c->decoder), err);
    if (run_status(c) != LSC_OK)
        return run_result(c, 1, err);
    if (!c->head_done) {
        if (len == 0)
            return LSC_OK;
        int r = feed_head(c, &p, &len);
        if (r != 0)
            return run_result(c, r, err);
        if (!c->head_done)
            return LSC_OK;
    }
    if (len == 0)
        return LSC_OK;
    uint64_t base = c->stats.bytes - len;
    return run_result(c, lscp_decode_chunk(&c->decoder, p, len, base), err);
}

lsc_status lsc_checker_feed(lsc_checker *c, const void *data, size_t len, lsc_error *err) {
    if (c->busy)
        return misuse(err, "lsc_checker_feed called from inside one of the checker's callbacks");
    if (c->finished)
        return misuse(err, "lsc_checker_feed called after lsc_checker_finish");
    c->busy = 1;
    c->fed = 1;
    lsc_status st = feed_bytes(c, data, len, err);
    return call_done(c, st);
}

static lsc_status finish_input(lsc_checker *c, lsc_error *err) {
    c->decoder.input_ended = 1;
    if (c->decoder.hint_wait)
        return run_result(c, lscp_decode_syntax_ready(&c->decoder), err);
    if (run_status(c) != LSC_OK)
        return run_result(c, 1, err);
    if (!c->head_done && c->head_len) {
        /* a short input that began like a BOM but ended: not a BOM */
        c->head_done = 1;
        int r = lscp_decode_chunk(&c->decoder, c->head, c->head_len, 0);
        if (r != 0)
            return run_result(c, r, err);
    }
    c->head_done = 1;
    return run_result(c, lscp_decode_finish(&c->decoder), err);
}

lsc_status lsc_checker_finish(lsc_checker *c, lsc_error *err) {
    if (c->busy)
        return misuse(err, "lsc_checker_finish called from inside one of the checker's callbacks");
    if (c->finished) /* the same answer again, err filled the same way */
        return c->finish_status == LSC_OK ? LSC_OK : run_result(c, 1, err);
    c->busy = 1;
    c->fed = 1;
    lsc_status st = finish_input(c, err);
    c->finished = 1;
    c->finish_status = st;
    return call_done(c, st);
}

lsc_status lsc_checker_set_origin(lsc_checker *c, lsc_pos at, size_t document, lsc_error *err) {
    if (c->busy || c->fed)
        return misuse(err, "lsc_checker_set_origin called after the first feed");
    if (at.line < 1 || at.column < 1 || at.column - 1 > at.offset)
        return misuse(err, "lsc_checker_set_origin: line and column start at 1, and the column "
                           "cannot exceed the offset + 1");
    /* an input is at most INT64_MAX bytes (off_t): below that, origin plus
     * input cannot wrap round */
    if (at.offset > INT64_MAX || at.line > INT64_MAX || at.column > INT64_MAX ||
        (uint64_t)document > INT64_MAX)
        return misuse(err, "lsc_checker_set_origin: offset, line, column and document must not "
                           "exceed 2^63 - 1");
    /* The byte-order mark and the hint of the saved form belong to the
     * input's first bytes, which this checker does not see: both are off
     * (a head of zero bytes names no form). */
    c->head_done = 1;
    c->head_len = 0;
    if (!c->head_given) {
        memset(c->decoder.hint_head, 0, sizeof c->decoder.hint_head);
        c->decoder.hint_len = LSCP_HINT_HEAD;
    }
    c->stats.bytes = at.offset; /* feed_bytes derives each chunk's offset from it */
    c->stats.documents = document;
    c->findings.document = document;
    lscp_scan_set_origin(&c->decoder.scan, at, document);
    return LSC_OK;
}

int lsc_checker_between_documents(const lsc_checker *c) {
    return c && run_status(c) == LSC_OK && !c->decoder.failed && !c->decoder.in_document &&
           c->head_done && lscp_scan_idle(&c->decoder.scan);
}

_Static_assert(LSC_HEAD_SIZE == LSCP_HINT_HEAD, "the public head size is the hints' head");

lsc_status lsc_checker_set_head(lsc_checker *c, const void *head, size_t len) {
    if (c->busy || c->fed || len > LSCP_HINT_HEAD)
        return LSC_MISUSE;
    memcpy(c->decoder.hint_head, head, len);
    c->decoder.hint_len = len;
    c->head_given = 1;
    return LSC_OK;
}

lsc_status lsc_checker_listing_add(lsc_checker *c, const char *arn, size_t len, size_t document,
                                   size_t index) {
    if (c->busy || c->fed)
        return LSC_MISUSE;
    return lscv_listing_add(c->validator, arn, len, document, index) == 0 ? LSC_OK : LSC_NOMEM;
}

uint64_t lscp_checker_lexed(const lsc_checker *c) {
    return c->decoder.lexed;
}

uint64_t lscp_checker_probes(const lsc_checker *c) {
    return c->decoder.registry.probes + lscv_probes(c->validator);
}

int lscp_checker_set_hash_key(lsc_checker *c, const lscp_hash_key *key) {
    if (c->stats.bytes || c->decoder.registry.len)
        return -1; /* the tables were filled under the old key */
    c->hash_key = *key;
    return 0;
}

const lsc_stats *lsc_checker_stats(const lsc_checker *c) {
    return &c->stats;
}
