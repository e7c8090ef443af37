/* The checker: one input stream. Owns the decoder, the validator and the
 * buffer of findings, which it delivers sorted at each flush point (a
 * certificate summary or a document closes, the input stops being JSON). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/decode.h"
#include "schema/rules.h"

struct lsc_checker {
    lscp_sink sink;
};

int lscp_rule_on(const lscp_sink *s, lsc_rule_id rule) {
    return s->config.severity[rule] != LSC_OFF;
}

static int fb_put(lscp_sink *s, const char *p, size_t n, size_t *off) {
    if (s->fbytes_len + n + 1 > s->fbytes_cap) {
        size_t ncap = s->fbytes_cap ? s->fbytes_cap : 4096;
        while (ncap < s->fbytes_len + n + 1)
            ncap *= 2;
        char *b = lscp_realloc(s->fbytes, ncap);
        if (!b)
            return -1;
        s->fbytes = b;
        s->fbytes_cap = ncap;
    }
    *off = s->fbytes_len;
    if (n)
        memcpy(s->fbytes + s->fbytes_len, p, n);
    s->fbytes[s->fbytes_len + n] = '\0';
    s->fbytes_len += n + 1;
    return 0;
}

int lscp_report(lscp_sink *s, lsc_rule_id rule, const lscp_site *site, const char *fmt, ...) {
    if (s->config.severity[rule] == LSC_OFF)
        return 0;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n >= sizeof msg)
        n = sizeof msg - 1;
    if (s->pending_len == s->pending_cap) {
        size_t ncap = s->pending_cap ? s->pending_cap * 2 : 64;
        lscp_pending *p = lscp_realloc(s->pending, ncap * sizeof *p);
        if (!p)
            goto oom;
        s->pending = p;
        s->pending_cap = ncap;
    }
    lscp_pending *p = &s->pending[s->pending_len];
    memset(p, 0, sizeof *p);
    p->rule = rule;
    p->severity = s->config.severity[rule];
    p->pos = site->pos;
    if (s->force_document >= 0)
        p->document = (size_t)s->force_document;
    else
        p->document = s->in_document ? s->doc.index : s->stats.documents;
    const char *ptr = site->pointer ? site->pointer : "";
    size_t ptr_len = site->pointer ? site->pointer_len : 0;
    /* --accept-array: the validator's "/certificates/N/..." is "/N/..." in
     * an array document (the decoder's pointers are already) */
    int in_array = s->config.accept_array && s->in_document && s->doc.type == LSC_JSON_ARRAY;
    static const char list_head[] = "/certificates/";
    if (in_array && ptr_len >= sizeof list_head - 1 &&
        memcmp(ptr, list_head, sizeof list_head - 1) == 0) {
        ptr += sizeof list_head - 2;
        ptr_len -= sizeof list_head - 2;
    }
    if (fb_put(s, ptr, ptr_len, &p->ptr_off) < 0 ||
        fb_put(s, msg, (size_t)n, &p->msg_off) < 0)
        goto oom;
    p->ptr_len = ptr_len;
    if (site->value) {
        if (fb_put(s, site->value, site->value_len, &p->val_off) < 0)
            goto oom;
        p->val_len = site->value_len;
        p->has_value = 1;
    }
    if (site->related) {
        const lsc_related *r = site->related;
        const char *rptr = r->pointer ? r->pointer : "";
        size_t rptr_len = r->pointer ? r->pointer_len : 0;
        if (in_array && rptr_len >= sizeof list_head - 1 &&
            memcmp(rptr, list_head, sizeof list_head - 1) == 0) {
            rptr += sizeof list_head - 2;
            rptr_len -= sizeof list_head - 2;
        }
        p->has_related = 1;
        p->rel_pos = r->pos;
        if (fb_put(s, rptr, rptr_len, &p->rel_ptr_off) < 0 ||
            fb_put(s, r->message ? r->message : "", r->message ? strlen(r->message) : 0,
                   &p->rel_msg_off) < 0)
            goto oom;
        p->rel_ptr_len = rptr_len;
    }
    if (s->in_cert) {
        p->has_cert = 1;
        p->cert_index = s->cert.index;
        p->cert_at = s->cert.at;
    }
    p->seq = s->seq++;
    s->pending_len++;
    return 0;
oom:
    s->oom = 1;
    return -1;
}

static int pending_cmp(const void *a, const void *b) {
    const lscp_pending *x = a, *y = b;
    if (x->pos.offset != y->pos.offset)
        return x->pos.offset < y->pos.offset ? -1 : 1;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A usable string member: decoded and not empty. */
static int named(const lsc_string *str) {
    return str->m.ok && str->len > 0;
}

/* Who a certificate is, for people: its certificateName (the summary's,
 * else the detail's), else the last segment of its ARN, else "#INDEX" in
 * idx. Only the certificate still being decoded is known by name: a finding
 * of another one (none today: each closing flushes) gets its index. */
static const char *cert_identity(const lscp_sink *s, const lscp_pending *p, char *idx,
                                 size_t idx_size, size_t *len) {
    if (s->in_cert && s->cert.index == p->cert_index && s->cert.document == p->document) {
        const lsc_certificate *c = &s->cert;
        const lsc_certificate_detail *d = &c->certificate_detail;
        if (named(&c->certificate_name)) {
            *len = c->certificate_name.len;
            return c->certificate_name.s;
        }
        if (d->m.ok && named(&d->name)) {
            *len = d->name.len;
            return d->name.s;
        }
        const lsc_string *arn = named(&c->certificate_arn) ? &c->certificate_arn
                                : d->m.ok && named(&d->arn) ? &d->arn
                                                            : NULL;
        if (arn) {
            size_t start = arn->len;
            while (start > 0 && arn->s[start - 1] != '/' && arn->s[start - 1] != ':')
                start--;
            if (start < arn->len) {
                *len = arn->len - start;
                return arn->s + start;
            }
        }
    }
    int n = snprintf(idx, idx_size, "#%zu", p->cert_index);
    *len = n < 0 ? 0 : (size_t)n;
    return idx;
}

int lscp_flush(lscp_sink *s) {
    int r = 0;
    char idx[32], quoted[400], message[1024 + sizeof quoted + 16];
    if (s->pending_len > 1)
        qsort(s->pending, s->pending_len, sizeof *s->pending, pending_cmp);
    for (size_t i = 0; i < s->pending_len; i++) {
        const lscp_pending *p = &s->pending[i];
        lsc_finding f;
        lsc_related rel;
        memset(&f, 0, sizeof f);
        f.rule = lscp_rule(p->rule);
        f.severity = p->severity;
        f.file = s->file;
        f.document = p->document;
        f.pos = p->pos;
        f.pointer = s->fbytes + p->ptr_off;
        f.pointer_len = p->ptr_len;
        f.message = s->fbytes + p->msg_off;
        if (p->has_value) {
            f.value = s->fbytes + p->val_off;
            f.value_len = p->val_len;
        }
        f.has_certificate = p->has_cert;
        f.certificate = p->cert_index;
        f.certificate_at = p->cert_at;
        if (p->has_cert) {
            /* named here, where every finding inside a certificate passes,
             * rather than in each rule's message */
            f.certificate_name =
                cert_identity(s, p, idx, sizeof idx, &f.certificate_name_len);
            if (f.certificate_name == idx)
                snprintf(quoted, sizeof quoted, "%s", idx);
            else
                lscp_quote(quoted, sizeof quoted, f.certificate_name, f.certificate_name_len, 60);
            snprintf(message, sizeof message, "certificate %s: %s", quoted, f.message);
            f.message = message;
        }
        if (p->has_related) {
            rel.pos = p->rel_pos;
            rel.pointer = s->fbytes + p->rel_ptr_off;
            rel.pointer_len = p->rel_ptr_len;
            rel.message = s->fbytes + p->rel_msg_off;
            f.related = &rel;
        }
        s->stats.findings[p->severity]++;
        if (!r && s->cb.finding && s->cb.finding(s->user, &f)) {
            s->stopped = 1;
            r = -1;
        }
    }
    s->pending_len = 0;
    s->fbytes_len = 0;
    return r;
}

/* Add the hint of schema/hints.c to the buffered json-syntax finding. */
static int add_syntax_hint(lscp_sink *s, const char *hint) {
    if (!hint)
        return 0;
    for (size_t i = 0; i < s->pending_len; i++) {
        lscp_pending *p = &s->pending[i];
        if (p->rule != LSC_R_JSON_SYNTAX)
            continue;
        char msg[1024];
        snprintf(msg, sizeof msg, "%s; %s", s->fbytes + p->msg_off, hint);
        if (fb_put(s, msg, strlen(msg), &p->msg_off) < 0) {
            s->oom = 1;
            return -1;
        }
    }
    return 0;
}

int lscp_syntax_ready(lscp_sink *s) {
    const char *hint;
    int complete = s->input_ended || s->hint_len >= LSCP_HINT_HEAD;
    if (!lscp_hint_syntax(s->hint_head, s->hint_len, complete, s->syntax_at.offset, &hint)) {
        s->hint_wait = 1; /* the next bytes may name the form */
        return 0;
    }
    s->hint_wait = 0;
    if (add_syntax_hint(s, hint) < 0 || lscp_flush(s) < 0)
        return -1;
    return 1;
}

/* Keep the first LSCP_HINT_HEAD bytes of the input. */
static void keep_head(lscp_sink *s, const void *data, size_t len) {
    size_t n = LSCP_HINT_HEAD - s->hint_len;
    if (n > len)
        n = len;
    if (n) {
        memcpy(s->hint_head + s->hint_len, data, n);
        s->hint_len += n;
    }
}

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
    lscp_sink *s = &c->sink;
    s->force_document = -1;
    if (config) {
        s->config = *config;
        s->config.expect_name = NULL;
        if (config->expect_name) {
            s->config.expect_name = lscp_malloc(config->expect_name_len + 1);
            if (!s->config.expect_name)
                goto oom;
            memcpy(s->config.expect_name, config->expect_name, config->expect_name_len + 1);
        }
    } else {
        lsc_config *d = lsc_config_new();
        if (!d)
            goto oom;
        s->config = *d;
        lsc_config_free(d);
    }
    if (s->config.max_depth < 1)
        s->config.max_depth = 64;
    const char *name = file ? file : "<stdin>";
    s->file = lscp_malloc(strlen(name) + 1);
    if (!s->file)
        goto oom;
    strcpy(s->file, name);
    if (callbacks)
        s->cb = *callbacks;
    s->user = user;
    lscp_hash_key_random(&s->hash_key);
    if (lscp_decode_init(s) < 0)
        goto oom;
    s->validator = lscv_new(&s->config, s, &s->hash_key);
    if (!s->validator)
        goto oom;
    return c;
oom:
    set_error(err, LSC_NOMEM, "out of memory", NULL);
    lsc_checker_free(c);
    return NULL;
}

void lsc_checker_free(lsc_checker *c) {
    if (!c)
        return;
    lscp_sink *s = &c->sink;
    lscv_free(s->validator);
    lscp_decode_release(s);
    lscp_free(s->pending);
    lscp_free(s->fbytes);
    lscp_free(s->file);
    lscp_free(s->config.expect_name);
    lscp_free(c);
}

/* The status a run that ended has, or LSC_OK while it goes on. */
static lsc_status run_status(const lscp_sink *s) {
    if (s->stopped) /* first: a callback may stop on the json-syntax finding */
        return LSC_STOPPED;
    if (s->failed && !s->hint_wait) /* waiting: the finding is not out yet */
        return LSC_MALFORMED;
    if (s->oom || s->scan.oom)
        return LSC_NOMEM;
    return LSC_OK;
}

/* Map a decoder return (0, 1 malformed, -1 stopped or out of memory) to the
 * run's status and fill err. */
static lsc_status run_result(lscp_sink *s, int r, lsc_error *err) {
    lsc_status st = run_status(s);
    if (r == 0 && st == LSC_OK)
        return LSC_OK;
    switch (st) {
    case LSC_MALFORMED:
        set_error(err, st, s->syntax_msg, &s->syntax_at);
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
        s->oom = 1;
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
static int feed_head(lscp_sink *s, const unsigned char **data, size_t *len) {
    while (!s->head_done && *len) {
        s->head[s->head_len++] = **data;
        (*data)++;
        (*len)--;
        if (s->head[s->head_len - 1] != bom[s->head_len - 1] || s->head_len == 3)
            break;
    }
    if (s->head_done || (s->head_len < 3 && s->head[s->head_len - 1] == bom[s->head_len - 1]))
        return 0; /* still undecided (or nothing to do) */
    s->head_done = 1;
    if (s->head_len == 3 && memcmp(s->head, bom, 3) == 0) {
        lscp_site site;
        memset(&site, 0, sizeof site);
        site.pos.line = 1;
        site.pos.column = 1;
        site.pointer = "";
        if (lscp_report(s, LSC_R_JSON_BOM, &site,
                        "the input starts with a UTF-8 byte-order mark (EF BB BF); JSON must "
                        "not, and it was skipped") < 0)
            return -1;
        lscp_scan_skip_bom(&s->scan);
        return 0;
    }
    return lscp_decode_chunk(s, s->head, s->head_len, 0);
}

static lsc_status feed_bytes(lscp_sink *s, const unsigned char *p, size_t len, lsc_error *err) {
    s->stats.bytes += len; /* every byte given counts, even past an error */
    keep_head(s, p, len);
    if (s->hint_wait)
        return run_result(s, lscp_syntax_ready(s), err);
    if (run_status(s) != LSC_OK)
        return run_result(s, 1, err);
    if (!s->head_done) {
        if (len == 0)
            return LSC_OK;
        int r = feed_head(s, &p, &len);
        if (r != 0)
            return run_result(s, r, err);
        if (!s->head_done)
            return LSC_OK;
    }
    if (len == 0)
        return LSC_OK;
    uint64_t base = s->stats.bytes - len;
    return run_result(s, lscp_decode_chunk(s, p, len, base), err);
}

lsc_status lsc_checker_feed(lsc_checker *c, const void *data, size_t len, lsc_error *err) {
    lscp_sink *s = &c->sink;
    if (s->busy)
        return misuse(err, "lsc_checker_feed called from inside one of the checker's callbacks");
    if (s->finished)
        return misuse(err, "lsc_checker_feed called after lsc_checker_finish");
    s->busy = 1;
    lsc_status st = feed_bytes(s, data, len, err);
    s->busy = 0;
    return st;
}

static lsc_status finish_input(lscp_sink *s, lsc_error *err) {
    s->input_ended = 1;
    if (s->hint_wait)
        return run_result(s, lscp_syntax_ready(s), err);
    if (run_status(s) != LSC_OK)
        return run_result(s, 1, err);
    if (!s->head_done && s->head_len) {
        /* a short input that began like a BOM but ended: not a BOM */
        s->head_done = 1;
        int r = lscp_decode_chunk(s, s->head, s->head_len, 0);
        if (r != 0)
            return run_result(s, r, err);
    }
    s->head_done = 1;
    return run_result(s, lscp_decode_finish(s), err);
}

lsc_status lsc_checker_finish(lsc_checker *c, lsc_error *err) {
    lscp_sink *s = &c->sink;
    if (s->busy)
        return misuse(err, "lsc_checker_finish called from inside one of the checker's callbacks");
    if (s->finished) /* the same answer again, err filled the same way */
        return s->finish_status == LSC_OK ? LSC_OK : run_result(s, 1, err);
    s->busy = 1;
    lsc_status st = finish_input(s, err);
    s->busy = 0;
    s->finished = 1;
    s->finish_status = st;
    return st;
}

uint64_t lscp_checker_probes(const lsc_checker *c) {
    return c->sink.probes + lscv_probes(c->sink.validator);
}

int lscp_checker_set_hash_key(lsc_checker *c, const lscp_hash_key *key) {
    lscp_sink *s = &c->sink;
    if (s->stats.bytes || s->reg_len)
        return -1; /* the tables were filled under the old key */
    s->hash_key = *key;
    return 0;
}

const lsc_stats *lsc_checker_stats(const lsc_checker *c) {
    return &c->sink.stats;
}
