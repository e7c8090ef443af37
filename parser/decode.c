/* yajl callbacks -> structs (see decode.h). Every callback first brings the
 * shadow scanner up to the end of the token yajl has just read, which gives
 * the token's position and, for strings, the strictly decoded bytes. */
#include "parser/decode.h"

#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "parser/timestamp.h"

static const char *type_article(lsc_json_type t) {
    switch (t) {
    case LSC_JSON_NULL:
        return "null";
    case LSC_JSON_BOOLEAN:
        return "a boolean";
    case LSC_JSON_NUMBER:
        return "a number";
    case LSC_JSON_STRING:
        return "a string";
    case LSC_JSON_OBJECT:
        return "an object";
    case LSC_JSON_ARRAY:
        return "an array";
    default:
        return "nothing";
    }
}

static const char *kind_article(lscp_kind k) {
    switch (k) {
    case LSCP_K_STRING:
        return "a string";
    case LSCP_K_INTEGER:
        return "an integer";
    case LSCP_K_TIMESTAMP:
        return "a timestamp (a number of epoch seconds or an ISO 8601 string)";
    case LSCP_K_OBJECT:
        return "an object";
    default:
        return "an array";
    }
}

/* ---- small growable buffers ------------------------------------------- */

static int grow(void **buf, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *n = lscp_realloc(*buf, ncap * elem);
    if (!n)
        return -1;
    *buf = n;
    *cap = ncap;
    return 0;
}

/* ---- pointers ------------------------------------------------------------ */

static int ptr_put(lscp_sink *s, size_t *len, const char *data, size_t n) {
    if (grow((void **)&s->ptrbuf, &s->ptrbuf_cap, *len + n + 1, 1) < 0)
        return -1;
    memcpy(s->ptrbuf + *len, data, n);
    *len += n;
    return 0;
}

/* Append "/" and a member name, escaped as RFC 6901 says (~ -> ~0, / -> ~1). */
static int ptr_put_key(lscp_sink *s, size_t *len, const char *k, size_t klen) {
    if (ptr_put(s, len, "/", 1) < 0)
        return -1;
    size_t run = 0;
    for (size_t i = 0; i < klen; i++) {
        if (k[i] == '~' || k[i] == '/') {
            if (ptr_put(s, len, k + run, i - run) < 0 ||
                ptr_put(s, len, k[i] == '~' ? "~0" : "~1", 2) < 0)
                return -1;
            run = i + 1;
        }
    }
    return ptr_put(s, len, k + run, klen - run);
}

static int ptr_selector(lscp_sink *s, size_t *len, const lscp_frame *f) {
    if (f->is_object)
        return ptr_put_key(s, len, s->keys + f->key_off, f->key_len);
    char num[32];
    int n = snprintf(num, sizeof num, "/%zu", f->elements ? f->elements - 1 : 0);
    return ptr_put(s, len, num, (size_t)n);
}

/* Frames that exist: containers up to the depth limit. */
static size_t decoded_depth(const lscp_sink *s) {
    return s->depth < s->config.max_depth ? s->depth : (size_t)s->config.max_depth;
}

const char *lscp_pointer(lscp_sink *s, size_t d, int with_selector, size_t *len) {
    size_t n = 0;
    size_t last = with_selector ? d : d - 1;
    if (grow((void **)&s->ptrbuf, &s->ptrbuf_cap, 64, 1) < 0) {
        s->oom = 1;
        *len = 0;
        return "";
    }
    if (last > decoded_depth(s))
        last = decoded_depth(s); /* deeper containers have no frame */
    for (size_t i = 1; i <= last; i++) {
        if (ptr_selector(s, &n, &s->frames[i - 1]) < 0) {
            s->oom = 1;
            break;
        }
    }
    s->ptrbuf[n] = '\0';
    *len = n;
    return s->ptrbuf;
}

/* ---- reporting ----------------------------------------------------------- */

static int report_at(lscp_sink *s, lsc_rule_id rule, lsc_pos pos, size_t d, int with_sel,
                     const char *value, size_t value_len, const lsc_related *rel, const char *fmt,
                     ...) LSCP_PRINTF(9, 10);

static int report_at(lscp_sink *s, lsc_rule_id rule, lsc_pos pos, size_t d, int with_sel,
                     const char *value, size_t value_len, const lsc_related *rel, const char *fmt,
                     ...) {
    if (!lscp_rule_on(s, rule))
        return 0;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lscp_site site;
    memset(&site, 0, sizeof site);
    site.pos = pos;
    site.pointer = d ? lscp_pointer(s, d, with_sel, &site.pointer_len) : "";
    site.value = value;
    site.value_len = value_len;
    site.related = rel;
    if (s->oom)
        return -1;
    return lscp_report(s, rule, &site, "%s", msg);
}

/* ---- the duplicate-key registry ------------------------------------------ */

static int reg_rebuild(lscp_sink *s, size_t buckets) {
    uint32_t *heads = lscp_malloc(buckets * sizeof *heads);
    if (!heads)
        return -1;
    for (size_t i = 0; i < buckets; i++)
        heads[i] = UINT32_MAX;
    for (size_t i = 0; i < s->reg_len; i++) {
        size_t b = (size_t)(s->reg[i].hash & (buckets - 1));
        s->reg[i].next = heads[b];
        heads[b] = (uint32_t)i;
    }
    lscp_free(s->reg_heads);
    s->reg_heads = heads;
    s->reg_buckets = buckets;
    return 0;
}

/* Returns the earlier entry with this key in the object, or NULL after
 * registering it; sets s->oom on failure. */
static const lscp_key_entry *reg_check(lscp_sink *s, const lscp_frame *f, const char *k, size_t n,
                                       lsc_pos pos) {
    uint64_t h = lscp_hash(&s->hash_key, k, n, 0);
    if (!s->reg_heads && reg_rebuild(s, 64) < 0)
        goto oom;
    s->probes++;
    for (uint32_t i = s->reg_heads[h & (s->reg_buckets - 1)]; i != UINT32_MAX && i >= f->reg_start;
         i = s->reg[i].next) {
        const lscp_key_entry *e = &s->reg[i];
        s->probes++;
        if (e->hash == h && e->len == n && memcmp(s->reg_keys + e->off, k, n) == 0)
            return e;
    }
    if (s->reg_len >= UINT32_MAX - 1)
        return NULL; /* absurdly many keys: stop remembering */
    if (grow((void **)&s->reg, &s->reg_cap, s->reg_len + 1, sizeof *s->reg) < 0 ||
        grow((void **)&s->reg_keys, &s->reg_keys_cap, s->reg_keys_len + n + 1, 1) < 0)
        goto oom;
    lscp_key_entry *e = &s->reg[s->reg_len];
    e->hash = h;
    e->off = s->reg_keys_len;
    e->len = n;
    e->pos = pos;
    memcpy(s->reg_keys + s->reg_keys_len, k, n);
    s->reg_keys_len += n;
    size_t b = (size_t)(h & (s->reg_buckets - 1));
    e->next = s->reg_heads[b];
    s->reg_heads[b] = (uint32_t)s->reg_len;
    s->reg_len++;
    if (s->reg_len > 4 * s->reg_buckets && reg_rebuild(s, s->reg_buckets * 4) < 0)
        goto oom;
    return NULL;
oom:
    s->oom = 1;
    return NULL;
}

/* An object closes: forget its keys (newest first, so each is its chain's head). */
static void reg_pop(lscp_sink *s, const lscp_frame *f) {
    if (f->reg_start >= s->reg_len)
        return;
    for (size_t i = s->reg_len; i-- > f->reg_start;) {
        size_t b = (size_t)(s->reg[i].hash & (s->reg_buckets - 1));
        s->reg_heads[b] = s->reg[i].next;
    }
    s->reg_keys_len = s->reg[f->reg_start].off;
    s->reg_len = f->reg_start;
}

/* ---- documents and certificates ------------------------------------------ */

static int call_user(lscp_sink *s, int r) {
    if (r)
        s->stopped = 1;
    return r ? -1 : 0;
}

static int doc_begin(lscp_sink *s, lsc_pos pos, lsc_json_type type) {
    memset(&s->doc, 0, sizeof s->doc);
    s->doc.index = s->stats.documents++;
    s->doc.at = pos;
    s->doc.type = type;
    s->in_document = 1;
    s->deferred = NULL;
    s->deferred_tail = &s->deferred;
    if (s->validator && lscv_document_start(s->validator, &s->doc) < 0) {
        s->oom = 1;
        return -1;
    }
    if (s->cb.document_start && call_user(s, s->cb.document_start(s->user, &s->doc)) < 0)
        return -1;
    return 0;
}

/* The document-level shape rules. An incomplete document (the input stopped
 * being JSON inside it) gets only the unknown-field findings it has earned. */
static int doc_shape_rules(lscp_sink *s, int complete) {
    lsc_document *d = &s->doc;
    char q1[160], q2[200];
    if (!complete) {
        if (d->type != LSC_JSON_OBJECT || d->error_type.m.seen != LSC_JSON_ABSENT ||
            d->error.seen != LSC_JSON_ABSENT)
            return 0;
        if (d->certificates.seen == LSC_JSON_ABSENT &&
            d->next_page_token.m.seen == LSC_JSON_ABSENT &&
            d->response_metadata.seen == LSC_JSON_ABSENT)
            return 0;
        goto unknown;
    }
    if (d->type == LSC_JSON_ARRAY && s->config.accept_array)
        return 0; /* the certificates list (--accept-array) */
    if (d->type != LSC_JSON_OBJECT) {
        /* the document has ended: its bytes in the head are all there */
        const char *hint = d->type == LSC_JSON_ARRAY && d->at.offset < s->hint_len
                               ? lscp_hint_array(s->hint_head, s->hint_len, (size_t)d->at.offset)
                               : NULL;
        return report_at(s, LSC_R_NOT_A_RESPONSE, d->at, 0, 0, NULL, 0, NULL,
                         "the document is %s, not a GetCertificates response object%s%s",
                         type_article(d->type), hint ? "; " : "", hint ? hint : "");
    }
    int is_error = d->error_type.m.seen != LSC_JSON_ABSENT || d->error.ok;
    if (is_error) {
        const lsc_string *name = d->error_type.m.ok ? &d->error_type : &d->error_code;
        const lsc_string *text = d->error_type.m.ok ? &d->error_message : &d->error_text;
        lscp_quote(q1, sizeof q1, name->m.ok ? name->s : "", name->m.ok ? name->len : 0, 60);
        lscp_quote(q2, sizeof q2, text->m.ok ? text->s : "", text->m.ok ? text->len : 0, 120);
        return report_at(s, LSC_R_ERROR_RESPONSE, d->at, 0, 0, NULL, 0, NULL,
                         "the document is an AWS error response, not a result: %s with message %s",
                         q1, q2);
    }
    int has_result = d->certificates.seen != LSC_JSON_ABSENT ||
                     d->next_page_token.m.seen != LSC_JSON_ABSENT;
    if (!has_result && !s->deferred) {
        if (d->members == 0)
            return report_at(s, LSC_R_EMPTY_RESPONSE, d->at, 0, 0, NULL, 0, NULL,
                             "the document is an empty object: no certificates member");
        return report_at(s, LSC_R_EMPTY_RESPONSE, d->at, 0, 0, NULL, 0, NULL,
                         "the document holds only ResponseMetadata: the result body is missing");
    }
    if (!has_result && d->response_metadata.seen == LSC_JSON_ABSENT) {
        int one_certificate = 0;
        for (const lscp_deferred *u = s->deferred; u && !one_certificate; u = u->next)
            one_certificate = lscp_hint_summary_key(u->key, u->key_len);
        if (report_at(s, LSC_R_NOT_A_RESPONSE, d->at, 0, 0, NULL, 0, NULL,
                      "the object has none of certificates, nextPageToken or "
                      "ResponseMetadata: not a GetCertificates response%s%s",
                      one_certificate ? "; " : "",
                      one_certificate ? lscp_hint_one_certificate : "") < 0)
            return -1;
        return 0;
    }
unknown:
    for (const lscp_deferred *u = s->deferred; u; u = u->next) {
        lscp_quote(q1, sizeof q1, u->key, u->key_len, 60);
        if (!lscp_rule_on(s, LSC_R_UNKNOWN_FIELD))
            break;
        /* the pointer of a top-level member is "/" + its escaped name */
        size_t n = 0;
        if (ptr_put_key(s, &n, u->key, u->key_len) < 0) {
            s->oom = 1;
            return -1;
        }
        s->ptrbuf[n] = '\0';
        lscp_site site;
        memset(&site, 0, sizeof site);
        site.pos = u->pos;
        site.pointer = s->ptrbuf;
        site.pointer_len = n;
        site.value = u->key;
        site.value_len = u->key_len;
        if (lscp_report(s, LSC_R_UNKNOWN_FIELD, &site,
                        "unknown member %s in GetCertificatesResult (the model's members are "
                        "certificates and nextPageToken)",
                        q1) < 0)
            return -1;
    }
    return 0;
}

static int doc_end(lscp_sink *s) {
    if (doc_shape_rules(s, 1) < 0)
        return -1;
    if (s->validator && lscv_document_end(s->validator, &s->doc) < 0) {
        s->oom = 1;
        return -1;
    }
    if (s->cb.document_end && call_user(s, s->cb.document_end(s->user, &s->doc)) < 0)
        return -1;
    if (lscp_flush(s) < 0)
        return -1;
    lscp_arena_reset(&s->doc_arena);
    s->in_document = 0;
    return 0;
}

static int cert_end(lscp_sink *s) {
    s->stats.certificates++;
    if (s->validator && lscv_certificate(s->validator, &s->cert) < 0) {
        s->oom = 1;
        return -1;
    }
    if (s->cb.certificate && call_user(s, s->cb.certificate(s->user, &s->cert)) < 0)
        return -1;
    if (lscp_flush(s) < 0)
        return -1;
    s->in_cert = 0;
    lscp_arena_reset(&s->cert_arena);
    return 0;
}

/* ---- placing values ------------------------------------------------------ */

static lscp_arena *arena(lscp_sink *s) {
    return s->in_cert ? &s->cert_arena : &s->doc_arena;
}

static char *copy(lscp_sink *s, const char *p, size_t n) {
    char *c = lscp_arena_dup(arena(s), p, n);
    if (!c)
        s->oom = 1;
    return c;
}

/* Integer text -> int64; -1 if it is not a plain integer in range. */
static int parse_int64(const char *t, size_t n, int64_t *out) {
    size_t i = 0;
    int neg = 0;
    uint64_t v = 0, limit;
    if (i < n && t[i] == '-') {
        neg = 1;
        i++;
    }
    if (i == n)
        return -1;
    limit = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
    for (; i < n; i++) {
        if (t[i] < '0' || t[i] > '9')
            return -1;
        unsigned d = (unsigned)(t[i] - '0');
        if (v > (limit - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = neg ? (v == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)v) : (int64_t)v;
    return 0;
}

/* A new child frame's description, filled by place(). */
typedef struct child_spec {
    uint8_t role, shape, kind, is_summary;
    void *base;
    lsc_member *list;
    size_t *count;
} child_spec;

static int mismatch(lscp_sink *s, lsc_pos pos, lsc_json_type t, const char *expected,
                    const char *name, size_t name_len, const char *text, size_t len) {
    char q[160] = "";
    char nq[100];
    lscp_quote(nq, sizeof nq, name, name_len, 40);
    if (text)
        lscp_quote(q, sizeof q, text, len, 40);
    return report_at(s, LSC_R_TYPE_MISMATCH, pos, s->depth, 1, text, len, NULL,
                     "%s must be %s, found %s%s%s", nq, expected, type_article(t), text ? " " : "",
                     q);
}

/* A value (scalar, or the opening of a container) of type t at pos, read
 * in the innermost decoded frame; text/len for scalars. */
static int place(lscp_sink *s, lsc_json_type t, lsc_pos pos, const char *text, size_t len,
                 child_spec *child) {
    lscp_frame *f = &s->frames[s->depth - 1];
    memset(child, 0, sizeof *child);
    child->role = LSCP_ROLE_IGNORED;
    if (f->role == LSCP_ROLE_IGNORED)
        return 0;
    if (f->role == LSCP_ROLE_SHAPE) {
        const lscp_member_def *def = f->cur;
        if (!def)
            return 0; /* unknown member: reported at its key */
        lsc_member *m = (lsc_member *)((char *)f->base + def->offset);
        m->seen = t;
        m->at = pos;
        if (t == LSC_JSON_NULL)
            return report_at(s, LSC_R_NULL_VALUE, pos, s->depth, 1, NULL, 0, NULL,
                             "%s is null; a member without a value is omitted in real responses",
                             def->name);
        switch ((lscp_kind)def->kind) {
        case LSCP_K_STRING:
            if (t == LSC_JSON_STRING) {
                lsc_string *str = (lsc_string *)m;
                if (!(str->s = copy(s, text, len)))
                    return -1;
                str->len = len;
                m->ok = 1;
                return 0;
            }
            break;
        case LSCP_K_INTEGER:
            if (t == LSC_JSON_NUMBER) {
                lsc_integer *in = (lsc_integer *)m;
                if (parse_int64(text, len, &in->v) == 0) {
                    m->ok = 1;
                    return 0;
                }
                return mismatch(s, pos, t, "an integer (no fraction or exponent, within int64)",
                                def->name, def->name_len, text, len);
            }
            break;
        case LSCP_K_TIMESTAMP:
            if (t == LSC_JSON_NUMBER || t == LSC_JSON_STRING) {
                lsc_timestamp *ts = (lsc_timestamp *)m;
                if (!(ts->raw = copy(s, text, len)))
                    return -1;
                ts->raw_len = len;
                ts->status = t == LSC_JSON_NUMBER ? lscp_time_from_number(text, len, &ts->t)
                                                  : lscp_time_from_string(text, len, &ts->t);
                m->ok = 1;
                return 0;
            }
            break;
        case LSCP_K_OBJECT:
            if (t == LSC_JSON_OBJECT) {
                m->ok = 1;
                child->role = LSCP_ROLE_SHAPE;
                child->shape = def->child;
                child->base = def->child == LSCP_SH_ERROR ? f->base : (void *)m;
                return 0;
            }
            break;
        case LSCP_K_TAGS:
        case LSCP_K_NAMES:
        case LSCP_K_RECORDS:
            if (t == LSC_JSON_ARRAY) {
                m->ok = 1;
                child->role = LSCP_ROLE_LIST;
                child->kind = def->kind;
                child->list = m;
                /* the three list structs share their layout: member, count, first */
                child->count = &((lsc_tag_list *)m)->count;
                return 0;
            }
            break;
        case LSCP_K_CERTIFICATES:
            if (t == LSC_JSON_ARRAY) {
                m->ok = 1;
                child->role = LSCP_ROLE_LIST;
                child->kind = LSCP_K_CERTIFICATES;
                child->list = m;
                return 0;
            }
            break;
        case LSCP_K_ANY:
            m->ok = 1;
            return 0;
        }
        return mismatch(s, pos, t, kind_article((lscp_kind)def->kind), def->name, def->name_len,
                        (t == LSC_JSON_OBJECT || t == LSC_JSON_ARRAY) ? NULL : text, len);
    }

    /* an element of a model list */
    size_t idx = f->elements - 1;
    if (f->count)
        (*f->count)++;
    const char *what = f->kind == LSCP_K_TAGS        ? "a tag"
                       : f->kind == LSCP_K_NAMES     ? "a subject alternative name"
                       : f->kind == LSCP_K_RECORDS   ? "a domain validation record"
                                                     : "a certificate summary";
    if (t == LSC_JSON_NULL)
        return report_at(s, LSC_R_NULL_VALUE, pos, s->depth, 1, NULL, 0, NULL,
                         "element %zu of the list is null, where %s was expected", idx, what);
    switch ((lscp_kind)f->kind) {
    case LSCP_K_TAGS:
        if (t == LSC_JSON_OBJECT) {
            lsc_tag *tag = lscp_arena_alloc(arena(s), sizeof *tag);
            if (!tag)
                goto oom;
            memset(tag, 0, sizeof *tag);
            tag->index = idx;
            tag->at = pos;
            lsc_tag_list *l = (lsc_tag_list *)f->list;
            lsc_tag **link = &l->first;
            if (f->base)
                link = &((lsc_tag *)f->base)->next;
            *link = tag;
            f->base = tag; /* the last element, for linking */
            child->role = LSCP_ROLE_SHAPE;
            child->shape = LSCP_SH_TAG;
            child->base = tag;
            return 0;
        }
        break;
    case LSCP_K_RECORDS:
        if (t == LSC_JSON_OBJECT) {
            lsc_validation_record *r = lscp_arena_alloc(arena(s), sizeof *r);
            if (!r)
                goto oom;
            memset(r, 0, sizeof *r);
            r->index = idx;
            r->at = pos;
            lsc_validation_record_list *l = (lsc_validation_record_list *)f->list;
            lsc_validation_record **link = &l->first;
            if (f->base)
                link = &((lsc_validation_record *)f->base)->next;
            *link = r;
            f->base = r;
            child->role = LSCP_ROLE_SHAPE;
            child->shape = LSCP_SH_RECORD;
            child->base = r;
            return 0;
        }
        break;
    case LSCP_K_NAMES:
        if (t == LSC_JSON_STRING) {
            lsc_name *nm = lscp_arena_alloc(arena(s), sizeof *nm);
            if (!nm)
                goto oom;
            memset(nm, 0, sizeof *nm);
            nm->index = idx;
            nm->at = pos;
            if (!(nm->s = copy(s, text, len)))
                return -1;
            nm->len = len;
            lsc_name_list *l = (lsc_name_list *)f->list;
            lsc_name **link = &l->first;
            if (f->base)
                link = &((lsc_name *)f->base)->next;
            *link = nm;
            f->base = nm;
            return 0;
        }
        break;
    case LSCP_K_CERTIFICATES:
        if (t == LSC_JSON_OBJECT) {
            memset(&s->cert, 0, sizeof s->cert);
            s->cert.document = s->doc.index;
            s->cert.index = idx;
            s->cert.at = pos;
            s->in_cert = 1;
            s->doc.certificate_count++;
            child->role = LSCP_ROLE_SHAPE;
            child->shape = LSCP_SH_SUMMARY;
            child->base = &s->cert;
            child->is_summary = 1;
            return 0;
        }
        break;
    default:
        return 0;
    }
    {
        char nm[48];
        snprintf(nm, sizeof nm, "element %zu", idx);
        return mismatch(s, pos, t, what, nm, strlen(nm),
                        (t == LSC_JSON_OBJECT || t == LSC_JSON_ARRAY) ? NULL : text, len);
    }
oom:
    s->oom = 1;
    return -1;
}

/* ---- yajl callbacks ------------------------------------------------------ */

/* Bring the scanner to the end of the token yajl just read. */
static int sync_scan(lscp_sink *s) {
    if (s->finishing)
        return 0;
    uint64_t target = s->chunk_base + yajl_get_bytes_consumed(s->yajl);
    if (target > s->scan.offset) {
        const unsigned char *from = s->chunk + (size_t)(s->scan.offset - s->chunk_base);
        if (lscp_scan_run(&s->scan, from, (size_t)(target - s->scan.offset)) < 0)
            return -1;
    }
    return 0;
}

static int report_lone_surrogate(lscp_sink *s) {
    return report_at(s, LSC_R_JSON_LONE_SURROGATE, s->scan.tok, s->depth, s->depth > 0, NULL, 0,
                     NULL,
                     "the string holds a \\u escape of a UTF-16 surrogate that is not part of a "
                     "high+low pair; it is read as U+FFFD");
}

/* A scalar value, the scanner already at its end; lone: a string with a
 * lone surrogate (reported once its element index is counted). */
static int scalar_synced(lscp_sink *s, lsc_json_type t, const char *text, size_t len, int lone) {
    lsc_pos pos = s->scan.tok;
    if (s->depth == 0) {
        if (doc_begin(s, pos, t) < 0 || (lone && report_lone_surrogate(s) < 0) || doc_end(s) < 0)
            return 0;
        return 1;
    }
    if (s->too_deep_at)
        return 1; /* not decoded, not checked */
    if (s->frames[s->depth - 1].is_object == 0)
        s->frames[s->depth - 1].elements++;
    if (lone && report_lone_surrogate(s) < 0)
        return 0;
    child_spec child;
    return place(s, t, pos, text, len, &child) < 0 ? 0 : 1;
}

static int scalar(lscp_sink *s, lsc_json_type t, const char *text, size_t len) {
    if (sync_scan(s) < 0)
        return 0;
    return scalar_synced(s, t, text, len, 0);
}

static int cb_null(void *ctx) {
    return scalar(ctx, LSC_JSON_NULL, "null", 4);
}

static int cb_boolean(void *ctx, int b) {
    return scalar(ctx, LSC_JSON_BOOLEAN, b ? "true" : "false", b ? 4 : 5);
}

static int cb_number(void *ctx, const char *n, size_t len) {
    return scalar(ctx, LSC_JSON_NUMBER, n, len);
}

/* yajl's copy of the string is not used: the scanner's decoding is strict
 * and has U+FFFD in place of lone surrogates (yajl rewrites them). */
static int cb_string(void *ctx, const unsigned char *str, size_t len) {
    lscp_sink *s = ctx;
    (void)str;
    (void)len;
    if (sync_scan(s) < 0)
        return 0;
    return scalar_synced(s, LSC_JSON_STRING, s->scan.str, s->scan.str_len, s->scan.lone_surrogate);
}

static int push_frame(lscp_sink *s, int is_object, lsc_pos pos, const child_spec *c) {
    if (grow((void **)&s->frames, &s->frames_cap, s->depth, sizeof *s->frames) < 0) {
        s->oom = 1;
        return -1;
    }
    lscp_frame *f = &s->frames[s->depth - 1];
    memset(f, 0, sizeof *f);
    f->is_object = (uint8_t)is_object;
    f->role = c->role;
    f->shape = c->shape;
    f->kind = c->kind;
    f->is_summary = c->is_summary;
    f->list = c->list;
    f->count = c->count;
    f->base = c->role == LSCP_ROLE_SHAPE ? c->base : NULL;
    f->key_off = s->keys_len;
    f->reg_start = s->reg_len;
    f->at = pos;
    return 0;
}

static int container_begin(lscp_sink *s, int is_object) {
    if (sync_scan(s) < 0)
        return 0;
    lsc_pos pos = s->scan.tok;
    lsc_json_type t = is_object ? LSC_JSON_OBJECT : LSC_JSON_ARRAY;
    child_spec c;
    memset(&c, 0, sizeof c);
    if (s->depth == 0) {
        if (doc_begin(s, pos, t) < 0)
            return 0;
        if (is_object) {
            c.role = LSCP_ROLE_SHAPE;
            c.shape = LSCP_SH_RESPONSE;
            c.base = &s->doc;
        } else if (s->config.accept_array) {
            /* --accept-array: the array is the certificates list itself */
            s->doc.certificates.seen = LSC_JSON_ARRAY;
            s->doc.certificates.ok = 1;
            s->doc.certificates.at = pos;
            c.role = LSCP_ROLE_LIST;
            c.kind = LSCP_K_CERTIFICATES;
            c.list = &s->doc.certificates;
        }
    } else if (s->too_deep_at) {
        s->depth++;
        return 1;
    } else {
        if (!s->frames[s->depth - 1].is_object)
            s->frames[s->depth - 1].elements++;
        if (s->depth + 1 > s->config.max_depth) {
            s->too_deep_at = s->depth + 1;
            int r = report_at(s, LSC_R_JSON_DEPTH, pos, s->depth, 1, NULL, 0, NULL,
                              "nesting deeper than %llu levels; what lies deeper is not checked",
                              (unsigned long long)s->config.max_depth);
            s->depth++;
            return r < 0 ? 0 : 1;
        }
        if (place(s, t, pos, NULL, 0, &c) < 0)
            return 0;
    }
    s->depth++;
    return push_frame(s, is_object, pos, &c) < 0 ? 0 : 1;
}

static int cb_start_map(void *ctx) {
    return container_begin(ctx, 1);
}

static int cb_start_array(void *ctx) {
    return container_begin(ctx, 0);
}

static int container_end(lscp_sink *s) {
    if (sync_scan(s) < 0)
        return 0;
    if (s->too_deep_at) {
        if (s->depth == s->too_deep_at)
            s->too_deep_at = 0;
        s->depth--;
        return 1;
    }
    lscp_frame *f = &s->frames[s->depth - 1];
    if (f->is_object)
        reg_pop(s, f);
    s->keys_len = f->key_off;
    if (f->is_summary && cert_end(s) < 0)
        return 0;
    s->depth--;
    if (s->depth == 0 && doc_end(s) < 0)
        return 0;
    return 1;
}

static int cb_end(void *ctx) {
    return container_end(ctx);
}

static int cb_map_key(void *ctx, const unsigned char *key_unused, size_t len_unused) {
    lscp_sink *s = ctx;
    (void)key_unused;
    (void)len_unused;
    if (sync_scan(s) < 0)
        return 0;
    lsc_pos pos = s->scan.tok;
    const char *k = s->scan.str;
    size_t n = s->scan.str_len;
    if (s->too_deep_at)
        return 1;
    lscp_frame *f = &s->frames[s->depth - 1];
    s->keys_len = f->key_off;
    if (grow((void **)&s->keys, &s->keys_cap, s->keys_len + n + 1, 1) < 0) {
        s->oom = 1;
        return 0;
    }
    memcpy(s->keys + s->keys_len, k, n);
    s->keys_len += n;
    f->key_len = n;
    if (s->scan.lone_surrogate &&
        report_at(s, LSC_R_JSON_LONE_SURROGATE, pos, s->depth, 1, NULL, 0, NULL,
                  "the member name holds a \\u escape of a UTF-16 surrogate that is not part of "
                  "a high+low pair; it is read as U+FFFD") < 0)
        return 0;
    if (s->depth == 1 && f->role == LSCP_ROLE_SHAPE)
        s->doc.members++;

    const lscp_member_def *def =
        f->role == LSCP_ROLE_SHAPE ? lscp_model_member((lscp_shape_id)f->shape, k, n, f->last)
                                   : NULL;
    f->cur = def;
    if (def)
        f->last = def;
    if (def) {
        lsc_member *m = (lsc_member *)((char *)f->base + def->offset);
        if (m->seen != LSC_JSON_ABSENT) {
            size_t plen;
            const char *p = lscp_pointer(s, s->depth, 1, &plen);
            lsc_related rel = {m->key, p, plen, "the first occurrence"};
            char q[100];
            lscp_quote(q, sizeof q, k, n, 40);
            if (report_at(s, LSC_R_JSON_DUPLICATE_KEY, pos, s->depth, 1, NULL, 0, &rel,
                          "duplicate member %s (first at %llu:%llu); the later value is used", q,
                          (unsigned long long)m->key.line, (unsigned long long)m->key.column) < 0)
                return 0;
            memset(m, 0, def->size);
        }
        m->key = pos;
        if (def->known || s->depth != 1)
            return 1;
    } else {
        const lscp_key_entry *first = reg_check(s, f, k, n, pos);
        if (s->oom)
            return 0;
        if (first) {
            size_t plen;
            const char *p = lscp_pointer(s, s->depth, 1, &plen);
            lsc_related rel = {first->pos, p, plen, "the first occurrence"};
            char q[100];
            lscp_quote(q, sizeof q, k, n, 40);
            if (report_at(s, LSC_R_JSON_DUPLICATE_KEY, pos, s->depth, 1, NULL, 0, &rel,
                          "duplicate member %s (first at %llu:%llu); the later value is used", q,
                          (unsigned long long)first->pos.line,
                          (unsigned long long)first->pos.column) < 0)
                return 0;
        }
        if (f->role != LSCP_ROLE_SHAPE || f->shape == LSCP_SH_ERROR)
            return 1; /* not decoded, or inside an error body */
        if (s->depth != 1) {
            char q[100];
            lscp_quote(q, sizeof q, k, n, 60);
            return report_at(s, LSC_R_UNKNOWN_FIELD, pos, s->depth, 1, k, n, NULL,
                             "unknown member %s in %s", q, lscp_shapes[f->shape].name) < 0
                       ? 0
                       : 1;
        }
    }
    /* a top-level member that is unknown unless the document is an error body */
    lscp_deferred *u = lscp_arena_alloc(&s->doc_arena, sizeof *u);
    if (!u || !(u->key = lscp_arena_dup(&s->doc_arena, k, n))) {
        s->oom = 1;
        return 0;
    }
    u->key_len = n;
    u->pos = pos;
    u->next = NULL;
    *s->deferred_tail = u;
    s->deferred_tail = &u->next;
    return 1;
}

static const yajl_callbacks callbacks = {
    cb_null, cb_boolean, NULL, NULL, cb_number, cb_string,
    cb_start_map, cb_map_key, cb_end, cb_start_array, cb_end,
};

/* ---- driving yajl -------------------------------------------------------- */

/* yajl and out of memory. yajl 2.1 does not check what its allocator
 * returns in several places (yajl_alloc, the lexer's buffer, the state
 * stack): a NULL would be written through. So yajl is never given a NULL:
 *
 * - every block yajl allocates carries a header linking it into the sink's
 *   list (yajl_blocks), so the sink knows all the memory a handle owns;
 * - every call into yajl that may allocate (yajl_alloc, yajl_parse,
 *   yajl_complete_parse) runs under a setjmp (yajl_call_*);
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

static void block_link(lscp_sink *s, yajl_block *b) {
    b->link.prev = NULL;
    b->link.next = s->yajl_blocks;
    if (s->yajl_blocks)
        s->yajl_blocks->link.prev = b;
    s->yajl_blocks = b;
}

static void block_unlink(lscp_sink *s, yajl_block *b) {
    if (b->link.prev)
        b->link.prev->link.next = b->link.next;
    else
        s->yajl_blocks = b->link.next;
    if (b->link.next)
        b->link.next->link.prev = b->link.prev;
}

/* An allocation for yajl failed: unwind to the yajl_call_* that entered
 * yajl. Outside one (cannot happen: every allocating call is guarded),
 * NULL is all that is left. */
static void *yajl_out_of_memory(lscp_sink *s) {
    s->oom = 1;
    if (s->yajl_armed) {
        s->yajl_armed = 0;
        longjmp(s->yajl_jump, 1);
    }
    return NULL;
}

static void *yajl_malloc_cb(void *ctx, size_t n) {
    lscp_sink *s = ctx;
    if (n > SIZE_MAX - sizeof(yajl_block))
        return yajl_out_of_memory(s);
    yajl_block *b = lscp_malloc(sizeof *b + n);
    if (!b)
        return yajl_out_of_memory(s);
    block_link(s, b);
    return b + 1;
}

static void *yajl_realloc_cb(void *ctx, void *p, size_t n) {
    lscp_sink *s = ctx;
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
        s->yajl_blocks = b;
    if (b->link.next)
        b->link.next->link.prev = b;
    return b + 1;
}

static void yajl_free_cb(void *ctx, void *p) {
    lscp_sink *s = ctx;
    if (!p)
        return;
    yajl_block *b = (yajl_block *)p - 1;
    block_unlink(s, b);
    lscp_free(b);
}

/* Forget a handle that an allocation failure left half-way: free its
 * blocks without asking yajl. */
static void yajl_discard(lscp_sink *s) {
    while (s->yajl_blocks) {
        yajl_block *b = s->yajl_blocks;
        s->yajl_blocks = b->link.next;
        lscp_free(b);
    }
    s->yajl = NULL;
}

/* The guarded calls: 0, or -1 when memory ran out inside yajl (the handle
 * is gone). Nothing here is modified between setjmp and longjmp but the
 * sink, which lives on the heap. */
static int yajl_call_alloc(lscp_sink *s, yajl_alloc_funcs *funcs) {
    if (setjmp(s->yajl_jump)) {
        yajl_discard(s);
        return -1;
    }
    s->yajl_armed = 1;
    s->yajl = yajl_alloc(&callbacks, funcs, s);
    s->yajl_armed = 0;
    return s->yajl ? 0 : -1;
}

static int yajl_call_parse(lscp_sink *s, const unsigned char *data, size_t len, int complete,
                           yajl_status *st) {
    if (setjmp(s->yajl_jump)) {
        yajl_discard(s);
        return -1;
    }
    s->yajl_armed = 1;
    *st = complete ? yajl_complete_parse(s->yajl) : yajl_parse(s->yajl, data, len);
    s->yajl_armed = 0;
    return 0;
}

int lscp_decode_init(lscp_sink *s) {
    lscp_arena_init(&s->cert_arena);
    lscp_arena_init(&s->doc_arena);
    if (lscp_scan_init(&s->scan) < 0)
        return -1;
    yajl_alloc_funcs funcs = {yajl_malloc_cb, yajl_realloc_cb, yajl_free_cb, s};
    if (yajl_call_alloc(s, &funcs) < 0)
        return -1;
    yajl_config(s->yajl, yajl_allow_multiple_values, 1);
    /* the scanner checks UTF-8 strictly; yajl's looser check is redundant */
    yajl_config(s->yajl, yajl_dont_validate_strings, 1);
    s->deferred_tail = &s->deferred;
    return 0;
}

void lscp_decode_release(lscp_sink *s) {
    if (s->yajl)
        yajl_free(s->yajl);
    yajl_discard(s); /* none left after yajl_free, unless a parse was abandoned */
    lscp_scan_release(&s->scan);
    lscp_arena_release(&s->cert_arena);
    lscp_arena_release(&s->doc_arena);
    lscp_free(s->frames);
    lscp_free(s->keys);
    lscp_free(s->reg);
    lscp_free(s->reg_heads);
    lscp_free(s->reg_keys);
    lscp_free(s->ptrbuf);
}

/* Report the scanner's syntax error (or yajl's, at fallback) and stop. */
static int syntax_fail(lscp_sink *s, lsc_pos pos, uint64_t document, const char *msg) {
    size_t d = decoded_depth(s);
    s->failed = 1;
    s->syntax_at = pos;
    snprintf(s->syntax_msg, sizeof s->syntax_msg, "invalid JSON: %s", msg);
    if (s->in_document && s->depth > 0 && doc_shape_rules(s, 0) < 0)
        return -1;
    s->force_document = (int64_t)document;
    /* the innermost open container; below the depth limit, the container
     * that went too deep (what lies deeper was not decoded) */
    int r = s->depth > d ? report_at(s, LSC_R_JSON_SYNTAX, pos, d, 1, NULL, 0, NULL,
                                     "invalid JSON: %s", msg)
                         : report_at(s, LSC_R_JSON_SYNTAX, pos, d, 0, NULL, 0, NULL,
                                     "invalid JSON: %s", msg);
    s->force_document = -1;
    if (r < 0)
        return -1;
    return lscp_syntax_ready(s);
}

static int scan_failed(lscp_sink *s) {
    return syntax_fail(s, s->scan.err, s->scan.err_document, s->scan.err_msg);
}

static int stop_reason(lscp_sink *s) {
    if (s->scan.error)
        return scan_failed(s);
    if (s->scan.oom)
        s->oom = 1;
    return -1;
}

int lscp_decode_chunk(lscp_sink *s, const unsigned char *data, size_t len, uint64_t base) {
    if (s->failed)
        return s->hint_wait ? 0 : 1; /* the finding is not out yet */
    s->chunk = data;
    s->chunk_base = base;
    if (!s->yajl) { /* discarded after running out of memory */
        s->oom = 1;
        return -1;
    }
    lscp_scan_chunk_begin(&s->scan, data, len);
    yajl_status st;
    if (yajl_call_parse(s, data, len, 0, &st) < 0)
        return -1;
    uint64_t end = base + len;
    if (st == yajl_status_client_canceled)
        return stop_reason(s);
    if (st == yajl_status_error) {
        /* our scanner is stricter than yajl: it finds the first bad byte */
        uint64_t at = base + yajl_get_bytes_consumed(s->yajl);
        if (at > end)
            at = end;
        if (at > s->scan.offset)
            lscp_scan_run(&s->scan, data + (s->scan.offset - base), (size_t)(at - s->scan.offset));
        lsc_pos ypos = {s->scan.offset, s->scan.line, s->scan.column};
        if (!s->scan.error && end > s->scan.offset)
            lscp_scan_run(&s->scan, data + (s->scan.offset - base), (size_t)(end - s->scan.offset));
        if (s->scan.error)
            return scan_failed(s);
        if (s->scan.oom) {
            s->oom = 1;
            return -1;
        }
        return syntax_fail(s, ypos, s->stats.documents ? s->stats.documents - 1 : 0,
                           "the JSON parser rejected the input here");
    }
    if (end > s->scan.offset &&
        lscp_scan_run(&s->scan, data + (s->scan.offset - base), (size_t)(end - s->scan.offset)) < 0)
        return stop_reason(s);
    if (lscp_scan_chunk_end(&s->scan, data + len) < 0) {
        s->oom = 1;
        return -1;
    }
    return 0;
}

int lscp_decode_finish(lscp_sink *s) {
    if (s->failed)
        return 1;
    if (lscp_scan_finish(&s->scan) < 0)
        return scan_failed(s);
    if (!s->yajl) {
        s->oom = 1;
        return -1;
    }
    s->finishing = 1;
    yajl_status st;
    int r = yajl_call_parse(s, NULL, 0, 1, &st);
    s->finishing = 0;
    if (r < 0)
        return -1;
    if (st == yajl_status_client_canceled)
        return stop_reason(s);
    if (st != yajl_status_ok) {
        lsc_pos at = {s->scan.offset, s->scan.line, s->scan.column};
        return syntax_fail(s, at, s->stats.documents ? s->stats.documents - 1 : 0,
                           "unexpected end of input");
    }
    if (s->stats.documents == 0) {
        lsc_pos at = {s->scan.offset, s->scan.line, s->scan.column};
        return syntax_fail(s, at, 0, "the input holds no JSON value");
    }
    return lscp_flush(s) < 0 ? -1 : 0;
}
