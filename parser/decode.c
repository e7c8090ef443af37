/* yajl callbacks -> structs (see decode.h). Every callback first brings the
 * shadow scanner up to the end of the token yajl has just read, which gives
 * the token's position and, for strings, the strictly decoded bytes. */
#include "parser/decode.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parser/timestamp.h"

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

/* ---- pointers ------------------------------------------------------------ */

static int ptr_selector(lscp_decoder *s, const lscp_frame *f) {
    if (f->is_object)
        return lscp_pointer_append_key(&s->ptr, s->keys + f->key_off, f->key_len);
    return lscp_pointer_append_index(&s->ptr, f->elements ? f->elements - 1 : 0);
}

/* Frames that exist: containers up to the depth limit. */
static size_t decoded_depth(const lscp_decoder *s) {
    return s->depth < s->max_depth ? s->depth : (size_t)s->max_depth;
}

const char *lscp_pointer(lscp_decoder *s, size_t d, int with_selector, size_t *len) {
    size_t last = with_selector ? d : d - 1;
    if (lscp_pointer_clear(&s->ptr) < 0) {
        s->oom = 1;
        *len = 0;
        return "";
    }
    if (last > decoded_depth(s))
        last = decoded_depth(s); /* deeper containers have no frame */
    for (size_t i = 1; i <= last; i++) {
        if (ptr_selector(s, &s->frames[i - 1]) < 0) {
            s->oom = 1;
            *len = 0;
            return "";
        }
    }
    *len = s->ptr.len;
    return s->ptr.p;
}

/* ---- reporting ----------------------------------------------------------- */

static int report_at(lscp_decoder *s, lsc_rule_id rule, lsc_pos pos, size_t d, int with_sel,
                     const char *value, size_t value_len, const lsc_related *rel, const char *fmt,
                     ...) LSCP_PRINTF(9, 10);

static int report_at(lscp_decoder *s, lsc_rule_id rule, lsc_pos pos, size_t d, int with_sel,
                     const char *value, size_t value_len, const lsc_related *rel, const char *fmt,
                     ...) {
    if (!lscp_rule_on(s->findings, rule))
        return 0;
    lscp_site site;
    memset(&site, 0, sizeof site);
    site.pos = pos;
    site.pointer = d ? lscp_pointer(s, d, with_sel, &site.pointer_len) : "";
    site.value = value;
    site.value_len = value_len;
    site.related = rel;
    if (s->oom)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int r = lscp_vreport(s->findings, rule, &site, fmt, ap);
    va_end(ap);
    return r;
}

/* ---- documents and certificates ------------------------------------------ */

static int doc_begin(lscp_decoder *s, lsc_pos pos, lsc_json_type type) {
    memset(&s->doc, 0, sizeof s->doc);
    s->doc.index = s->stats->documents++;
    s->doc.at = pos;
    s->doc.type = type;
    s->in_document = 1;
    s->findings->document = s->doc.index;
    s->findings->array_document = s->accept_array && type == LSC_JSON_ARRAY;
    s->unknown = NULL;
    s->unknown_tail = &s->unknown;
    s->unknown_kept = s->unknown_more = 0;
    return s->events.document_start(s->events.ctx, &s->doc);
}

/* The document-level shape rules (schema/document.c). */
static int doc_shape_rules(lscp_decoder *s, int complete) {
    if (complete && s->accept_array && s->doc.type == LSC_JSON_ARRAY)
        return 0; /* the certificates list (--accept-array) */
    /* the document has ended: its bytes in the head are all there */
    const char *array_hint =
        complete && s->doc.type == LSC_JSON_ARRAY && s->doc.at.offset < s->hint_len
            ? lscp_hint_array(s->hint_head, s->hint_len, (size_t)s->doc.at.offset)
            : NULL;
    if (lscp_document_shape_rules(s->findings, &s->doc, s->unknown, s->unknown_more, complete,
                                  &s->ptr, array_hint) < 0) {
        s->oom = 1;
        return -1;
    }
    return 0;
}

static int doc_end(lscp_decoder *s) {
    if (doc_shape_rules(s, 1) < 0 || s->events.document_end(s->events.ctx, &s->doc) < 0)
        return -1;
    lscp_arena_reset(&s->doc_arena);
    s->in_document = 0;
    s->findings->document = s->stats->documents; /* the next one's */
    return 0;
}

static int cert_end(lscp_decoder *s) {
    s->stats->certificates++;
    if (s->events.certificate(s->events.ctx, &s->cert) < 0)
        return -1;
    s->in_cert = 0;
    s->findings->in_cert = 0;
    lscp_arena_reset(&s->cert_arena);
    return 0;
}

/* ---- placing values ------------------------------------------------------ */

static lscp_arena *arena(lscp_decoder *s) {
    if (s->in_unkept)
        return &s->element_arena;
    return s->in_cert ? &s->cert_arena : &s->doc_arena;
}

static char *copy(lscp_decoder *s, const char *p, size_t n) {
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

/* Where the three kinds of list elements keep their links: the element
 * structs begin with index and at, the list structs are member, count,
 * first, kept. */
static const struct list_layout {
    size_t size, next, first;
} list_layouts[] = {
    [LSCP_K_TAGS] = {sizeof(lsc_tag), offsetof(lsc_tag, next), offsetof(lsc_tag_list, first)},
    [LSCP_K_NAMES] = {sizeof(lsc_name), offsetof(lsc_name, next), offsetof(lsc_name_list, first)},
    [LSCP_K_RECORDS] = {sizeof(lsc_validation_record), offsetof(lsc_validation_record, next),
                        offsetof(lsc_validation_record_list, first)},
};

_Static_assert(offsetof(lsc_tag_list, kept) == offsetof(lsc_name_list, kept) &&
                   offsetof(lsc_name_list, kept) == offsetof(lsc_validation_record_list, kept) &&
                   offsetof(lsc_tag_list, count) == offsetof(lsc_name_list, count) &&
                   offsetof(lsc_name_list, count) == offsetof(lsc_validation_record_list, count),
               "the list structs share count and kept");

_Static_assert(offsetof(lsc_tag, index) == 0 && offsetof(lsc_name, index) == 0 &&
                   offsetof(lsc_validation_record, index) == 0,
               "list elements begin with their index");
_Static_assert(offsetof(lsc_tag, at) == offsetof(lsc_name, at) &&
                   offsetof(lsc_name, at) == offsetof(lsc_validation_record, at),
               "list elements have their position at the same place");

/* A new zeroed element of the list being decoded in frame f, with its index
 * and position. While the list has fewer than the limit linked, it lives in
 * the certificate's arena, linked after the last one (f->base); past it, in
 * the element arena, which the next such element reuses (in_unkept sends
 * the element's strings there too). NULL when memory ran out. The links
 * are written with memcpy: they are typed pointers of the element's own
 * struct. */
static void *list_append(lscp_decoder *s, lscp_frame *f, size_t idx, lsc_pos pos) {
    const struct list_layout *l = &list_layouts[f->kind];
    int keep = *f->kept < s->list_limit;
    if (!keep) {
        lscp_arena_reset(&s->element_arena);
        s->in_unkept = 1;
    }
    char *e = lscp_arena_alloc(arena(s), l->size);
    if (!e) {
        s->oom = 1;
        return NULL;
    }
    memset(e, 0, l->size);
    memcpy(e + offsetof(lsc_tag, index), &idx, sizeof idx);
    memcpy(e + offsetof(lsc_tag, at), &pos, sizeof pos);
    if (keep) {
        char *link = f->base ? (char *)f->base + l->next : (char *)f->list + l->first;
        memcpy(link, &e, sizeof e);
        f->base = e; /* the last element, for linking */
        (*f->kept)++;
    }
    f->element = e;
    return e;
}

/* Which list of the certificate a list member is. */
static lsc_list_kind list_kind_of(const lscp_decoder *s, const lsc_member *list) {
    const lsc_certificate_detail *d = &s->cert.certificate_detail;
    if (list == &d->tags.m)
        return LSC_LIST_DETAIL_TAGS;
    if (list == &d->subject_alternative_names.m)
        return LSC_LIST_NAMES;
    if (list == &d->domain_validation_records.m)
        return LSC_LIST_DETAIL_RECORDS;
    if (list == &d->renewal_summary.domain_validation_records.m)
        return LSC_LIST_RENEWAL_RECORDS;
    return LSC_LIST_SUMMARY_TAGS;
}

/* The element being decoded in list frame f closed: hand it on. */
static int element_end(lscp_decoder *s, const lscp_frame *f) {
    lsc_element e;
    memset(&e, 0, sizeof e);
    e.list = (lsc_list_kind)f->list_kind;
    e.document = s->cert.document;
    e.certificate = s->cert.index;
    memcpy(&e.index, f->element, sizeof e.index); /* elements begin with their index */
    if (f->kind == LSCP_K_TAGS)
        e.tag = f->element;
    else if (f->kind == LSCP_K_NAMES)
        e.name = f->element;
    else
        e.record = f->element;
    int r = s->events.element(s->events.ctx, &e);
    s->in_unkept = 0;
    return r;
}

/* A duplicate key made the later value replace a member (m, size bytes):
 * the certificate's lists inside it start over. */
static void lists_replaced(lscp_decoder *s, const void *m, size_t size) {
    const lsc_certificate_detail *d = &s->cert.certificate_detail;
    const lsc_member *lists[] = {&s->cert.tags.m, &d->tags.m, &d->subject_alternative_names.m,
                                 &d->domain_validation_records.m,
                                 &d->renewal_summary.domain_validation_records.m};
    if (!s->in_cert)
        return;
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        const char *p = (const char *)lists[i];
        if (p >= (const char *)m && p < (const char *)m + size)
            s->events.list_reset(s->events.ctx, (lsc_list_kind)list_kind_of(s, lists[i]));
    }
}

/* A new child frame's description, filled by decode_value(). */
typedef struct child_spec {
    uint8_t role, shape, kind, is_summary, is_element;
    void *base;
    lsc_member *list;
    size_t *count;
} child_spec;

static int mismatch(lscp_decoder *s, lsc_pos pos, lsc_json_type t, const char *expected,
                    const char *name, size_t name_len, const char *text, size_t len) {
    char q[160] = "";
    char nq[100];
    lscp_quote(nq, sizeof nq, name, name_len, 40);
    if (text)
        lscp_quote(q, sizeof q, text, len, 40);
    return report_at(s, LSC_R_TYPE_MISMATCH, pos, s->depth, 1, text, len, NULL,
                     "%s must be %s, found %s%s%s", nq, expected, lscp_json_type_article(t), text ? " " : "",
                     q);
}

/* Decode a value (scalar, or the opening of a container) of type t at pos
 * into the innermost decoded frame: a member of a model shape or an element
 * of a model list; text/len for scalars. child describes the frame a
 * container opens. */
static int decode_value(lscp_decoder *s, lsc_json_type t, lsc_pos pos, const char *text, size_t len,
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
                /* the three list structs share their layout: member, count, first, kept */
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
    case LSCP_K_RECORDS:
        if (t == LSC_JSON_OBJECT) {
            void *e = list_append(s, f, idx, pos);
            if (!e)
                return -1;
            child->role = LSCP_ROLE_SHAPE;
            child->shape = f->kind == LSCP_K_TAGS ? LSCP_SH_TAG : LSCP_SH_RECORD;
            child->base = e;
            child->is_element = 1;
            return 0;
        }
        break;
    case LSCP_K_NAMES:
        if (t == LSC_JSON_STRING) {
            lsc_name *nm = list_append(s, f, idx, pos);
            if (!nm || !(nm->s = copy(s, text, len)))
                return -1;
            nm->len = len;
            return element_end(s, f);
        }
        break;
    case LSCP_K_CERTIFICATES:
        if (t == LSC_JSON_OBJECT) {
            memset(&s->cert, 0, sizeof s->cert);
            s->cert.document = s->doc.index;
            s->cert.index = idx;
            s->cert.at = pos;
            s->in_cert = 1;
            s->findings->in_cert = 1;
            s->findings->cert_index = idx;
            s->findings->cert_at = pos;
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
}

/* ---- yajl callbacks ------------------------------------------------------ */

/* The token yajl just read, s->tok. yajl's callbacks come one per
 * token, in the order the scanner queues them: when the queue is empty the
 * scanner reads ahead, up to the end of the chunk or of the queue. A token
 * the scanner could not read to its end (a syntax error, or memory ran out
 * on the way) stops the parse. */
static int sync_scan(lscp_decoder *s) {
    lscp_scan *sc = &s->scan;
    if ((s->tok = lscp_scan_take(sc)) != NULL)
        return 0;
    if (!s->finishing && !sc->oom && s->chunk_end > sc->offset) {
        const unsigned char *from = s->chunk + (size_t)(sc->offset - s->chunk_base);
        lscp_scan_run(sc, from, (size_t)(s->chunk_end - sc->offset));
        if ((s->tok = lscp_scan_take(sc)) != NULL)
            return 0;
    }
    if (sc->error || sc->oom) {
        s->scan_stopped = 1;
        return -1;
    }
    /* (not reached: yajl reads no token the scanner does not) the token
     * begun last, as the scanner stands */
    lscp_scan_token *t = lscp_scan_tok(sc);
    t->str = sc->str;
    t->str_len = sc->str_len;
    t->lone = sc->lone_surrogate;
    s->tok = t;
    return 0;
}

static int report_lone_surrogate(lscp_decoder *s) {
    return report_at(s, LSC_R_JSON_LONE_SURROGATE, s->tok->pos, s->depth, s->depth > 0, NULL, 0,
                     NULL,
                     "the string holds a \\u escape of a UTF-16 surrogate that is not part of a "
                     "high+low pair; it is read as U+FFFD");
}

/* A scalar value, the scanner already at its end; lone: a string with a
 * lone surrogate (reported once its element index is counted). */
static int scalar_synced(lscp_decoder *s, lsc_json_type t, const char *text, size_t len, int lone) {
    lsc_pos pos = s->tok->pos;
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
    return decode_value(s, t, pos, text, len, &child) < 0 ? 0 : 1;
}

static int scalar(lscp_decoder *s, lsc_json_type t, const char *text, size_t len) {
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
    lscp_decoder *s = ctx;
    (void)str;
    (void)len;
    if (sync_scan(s) < 0)
        return 0;
    return scalar_synced(s, LSC_JSON_STRING, s->tok->str, s->tok->str_len, s->tok->lone);
}

static int push_frame(lscp_decoder *s, int is_object, lsc_pos pos, const child_spec *c) {
    if (s->depth > s->frames_cap &&
        lscp_grow(&s->frames, &s->frames_cap, s->depth, sizeof *s->frames) < 0) {
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
    f->is_element = c->is_element;
    f->list = c->list;
    f->count = c->count;
    if (c->role == LSCP_ROLE_LIST && c->kind != LSCP_K_CERTIFICATES) {
        f->kept = &((lsc_tag_list *)c->list)->kept;
        f->list_kind = (uint8_t)list_kind_of(s, c->list);
    }
    f->base = c->role == LSCP_ROLE_SHAPE ? c->base : NULL;
    f->key_off = s->keys_len;
    f->reg_start = s->registry.len;
    f->at = pos;
    return 0;
}

static int container_begin(lscp_decoder *s, int is_object) {
    if (sync_scan(s) < 0)
        return 0;
    lsc_pos pos = s->tok->pos;
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
        } else if (s->accept_array) {
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
        if (s->depth + 1 > s->max_depth) {
            s->too_deep_at = s->depth + 1;
            int r = report_at(s, LSC_R_JSON_DEPTH, pos, s->depth, 1, NULL, 0, NULL,
                              "nesting deeper than %llu levels; what lies deeper is not checked",
                              (unsigned long long)s->max_depth);
            s->depth++;
            return r < 0 ? 0 : 1;
        }
        if (decode_value(s, t, pos, NULL, 0, &c) < 0)
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

static int container_end(lscp_decoder *s) {
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
        lscp_keys_pop(&s->registry, f->reg_start);
    s->keys_len = f->key_off;
    if (f->is_element && element_end(s, &s->frames[s->depth - 2]) < 0)
        return 0;
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

/* json-duplicate-key: the key k at pos was first at first. */
static int duplicate_key(lscp_decoder *s, const char *k, size_t n, lsc_pos pos, lsc_pos first) {
    size_t plen;
    const char *p = lscp_pointer(s, s->depth, 1, &plen);
    lsc_related rel = {first, p, plen, "the first occurrence"};
    char q[100];
    lscp_quote(q, sizeof q, k, n, 40);
    return report_at(s, LSC_R_JSON_DUPLICATE_KEY, pos, s->depth, 1, NULL, 0, &rel,
                     "duplicate member %s (first at %llu:%llu); the later value is used", q,
                     (unsigned long long)first.line, (unsigned long long)first.column);
}

static int cb_map_key(void *ctx, const unsigned char *key_unused, size_t len_unused) {
    lscp_decoder *s = ctx;
    (void)key_unused;
    (void)len_unused;
    if (sync_scan(s) < 0)
        return 0;
    lsc_pos pos = s->tok->pos;
    const char *k = s->tok->str;
    size_t n = s->tok->str_len;
    if (s->too_deep_at)
        return 1;
    lscp_frame *f = &s->frames[s->depth - 1];
    s->keys_len = f->key_off;
    /* (the capacity first: the common case calls nothing) */
    if (s->keys_len + n + 1 > s->keys_cap &&
        lscp_grow(&s->keys, &s->keys_cap, s->keys_len + n + 1, 1) < 0) {
        s->oom = 1;
        return 0;
    }
    memcpy(s->keys + s->keys_len, k, n);
    s->keys_len += n;
    f->key_len = n;
    if (s->tok->lone &&
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
    /* An earlier occurrence of the key in this object: a model member
     * remembers its own key; other keys are in the registry. */
    lsc_member *m = def ? (lsc_member *)((char *)f->base + def->offset) : NULL;
    const lsc_pos *earlier = NULL;
    if (!m) {
        earlier = lscp_keys_check(&s->registry, f->reg_start, k, n, pos, &s->oom);
        if (s->oom)
            return 0;
    }
    if ((m && m->seen != LSC_JSON_ABSENT) || earlier) {
        lsc_pos first = m ? m->key : *earlier;
        if (duplicate_key(s, k, n, pos, first) < 0)
            return 0;
        if (m) {
            lists_replaced(s, m, def->size);
            memset(m, 0, def->size); /* the later value is used */
        }
    }
    if (m) {
        m->key = pos;
        if (def->known || s->depth != 1)
            return 1;
    } else {
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
    /* a top-level member that is unknown unless the document is an error
     * body; past as many as can be reported, only counted */
    if (s->unknown_kept >= LSCP_FINDINGS_PER_RULE) {
        s->unknown_more++;
        return 1;
    }
    s->unknown_kept++;
    lscp_top_member *u = lscp_arena_alloc(&s->doc_arena, sizeof *u);
    if (!u || !(u->key = lscp_arena_dup(&s->doc_arena, k, n))) {
        s->oom = 1;
        return 0;
    }
    u->key_len = n;
    u->pos = pos;
    u->next = NULL;
    *s->unknown_tail = u;
    s->unknown_tail = &u->next;
    return 1;
}

static const yajl_callbacks callbacks = {
    cb_null, cb_boolean, NULL, NULL, cb_number, cb_string,
    cb_start_map, cb_map_key, cb_end, cb_start_array, cb_end,
};

/* ---- driving yajl -------------------------------------------------------- */

int lscp_decode_init(lscp_decoder *s, const lscp_decode_events *events, lscp_findings *findings,
                     lsc_stats *stats, uint64_t max_depth, const lscp_hash_key *hash_key) {
    s->events = *events;
    s->findings = findings;
    s->stats = stats;
    s->max_depth = max_depth;
    lscp_keys_init(&s->registry, hash_key);
    lscp_arena_init(&s->cert_arena);
    lscp_arena_init(&s->doc_arena);
    lscp_arena_init(&s->element_arena);
    s->list_limit = LSCP_LIST_LIMIT_DEFAULT;
    if (lscp_scan_init(&s->scan) < 0)
        return -1;
    if (lscp_yajl_open(&s->yajl, &callbacks, s) < 0)
        return -1;
    s->unknown_tail = &s->unknown;
    return 0;
}

void lscp_decode_skip_bom(lscp_decoder *s) {
    lscp_scan_skip_bom(&s->scan);
}

void lscp_decode_release(lscp_decoder *s) {
    lscp_free(s->carry);
    lscp_yajl_close(&s->yajl);
    lscp_scan_release(&s->scan);
    lscp_arena_release(&s->cert_arena);
    lscp_arena_release(&s->doc_arena);
    lscp_arena_release(&s->element_arena);
    lscp_free(s->frames);
    lscp_free(s->keys);
    lscp_keys_release(&s->registry);
    lscp_pointer_release(&s->ptr);
}

static int flush(lscp_decoder *s) {
    return s->events.flush(s->events.ctx, s->in_cert ? &s->cert : NULL);
}

/* Report the scanner's syntax error (or yajl's, at fallback) and stop. */
static int syntax_fail(lscp_decoder *s, lsc_pos pos, uint64_t document, const char *msg) {
    size_t d = decoded_depth(s);
    s->failed = 1;
    s->syntax_at = pos;
    snprintf(s->syntax_msg, sizeof s->syntax_msg, "invalid JSON: %s", msg);
    if (s->in_cert)
        s->events.abandon(s->events.ctx); /* an unclosed certificate is not validated */
    if (s->in_document && s->depth > 0 && doc_shape_rules(s, 0) < 0)
        return -1;
    size_t document_was = s->findings->document;
    s->findings->document = (size_t)document;
    /* the innermost open container; below the depth limit, the container
     * that went too deep (what lies deeper was not decoded) */
    int r = s->depth > d ? report_at(s, LSC_R_JSON_SYNTAX, pos, d, 1, NULL, 0, NULL,
                                     "invalid JSON: %s", msg)
                         : report_at(s, LSC_R_JSON_SYNTAX, pos, d, 0, NULL, 0, NULL,
                                     "invalid JSON: %s", msg);
    s->findings->document = document_was;
    if (r < 0)
        return -1;
    return lscp_decode_syntax_ready(s);
}

void lscp_decode_keep_head(lscp_decoder *s, const void *data, size_t len) {
    size_t n = LSCP_HINT_HEAD - s->hint_len;
    if (n > len)
        n = len;
    if (n) {
        memcpy(s->hint_head + s->hint_len, data, n);
        s->hint_len += n;
    }
}

int lscp_decode_syntax_ready(lscp_decoder *s) {
    const char *hint;
    char quoted[LSCP_HINT_MAX]; /* a hint that quotes the input */
    int complete = s->input_ended || s->hint_len >= LSCP_HINT_HEAD;
    if (!lscp_hint_syntax(s->hint_head, s->hint_len, complete, s->syntax_at.offset, &hint, quoted,
                          sizeof quoted)) {
        s->hint_wait = 1; /* the next bytes may name the form */
        return 0;
    }
    s->hint_wait = 0;
    if ((hint && lscp_findings_append(s->findings, LSC_R_JSON_SYNTAX, hint) < 0) || flush(s) < 0)
        return -1;
    return 1;
}

static int scan_failed(lscp_decoder *s) {
    return syntax_fail(s, s->scan.err, s->scan.err_document, s->scan.err_msg);
}

/* Why the parse stopped: a syntax error or no memory in the scanner (the
 * scanner may have read ahead of a stop asked for by a callback: then what
 * it found there does not count). */
static int stop_reason(lscp_decoder *s, int scanner_stopped) {
    if (scanner_stopped && s->scan.error)
        return scan_failed(s);
    if (scanner_stopped && s->scan.oom)
        s->oom = 1;
    return -1;
}

/* Scan on to the offset target (no callback will take the tokens queued:
 * they are dropped so that the queue never stops the run). */
static void scan_to(lscp_decoder *s, uint64_t target) {
    lscp_scan *sc = &s->scan;
    while (target > sc->offset && !sc->error && !sc->oom) {
        lscp_scan_drop_ahead(sc);
        lscp_scan_run(sc, s->chunk + (size_t)(sc->offset - s->chunk_base),
                      (size_t)(target - sc->offset));
    }
    lscp_scan_drop_ahead(sc);
}

/* The bytes of the token the scanner is inside, read so far (0 between
 * tokens): what yajl holds of it after the same bytes. */
static uint64_t open_token(lscp_scan *sc) {
    if (!lscp_scan_in_token(sc))
        return 0;
    return sc->offset - lscp_scan_tok(sc)->pos.offset;
}

/* Hand yajl the held-back bytes of the open token (no token ends in them:
 * no callback runs). */
static int feed_carry(lscp_decoder *s) {
    yajl_status st;
    s->lexed += s->token_held + s->carry_len;
    if (lscp_yajl_parse(&s->yajl, s->carry, s->carry_len, 0, &st) < 0) {
        s->oom = 1;
        return -1;
    }
    s->token_held += s->carry_len;
    s->carry_len = 0;
    if (st != yajl_status_ok) { /* not expected: the scanner accepted these bytes */
        lsc_pos at = lscp_scan_tok(&s->scan)->pos;
        return syntax_fail(s, at, s->stats->documents ? s->stats->documents - 1 : 0,
                           "the JSON parser rejected the input here");
    }
    return 0;
}

/* The open token's bytes that the chunk holds, held back from yajl. */
static int carry_append(lscp_decoder *s, const unsigned char *data, size_t len) {
    if (len > SIZE_MAX / 2 - s->carry_len) {
        s->oom = 1;
        return -1;
    }
    if (s->carry_len + len > s->carry_cap) {
        size_t cap = s->carry_cap ? s->carry_cap : 4096;
        while (cap < s->carry_len + len)
            cap *= 2;
        unsigned char *n = lscp_realloc(s->carry, cap);
        if (!n) {
            s->oom = 1;
            return -1;
        }
        s->carry = n;
        s->carry_cap = cap;
    }
    memcpy(s->carry + s->carry_len, data, len);
    s->carry_len += len;
    return 0;
}

/* A chunk that starts inside a token yajl holds part of: the scanner reads
 * on to the token's end first. A chunk wholly inside the token is held
 * back (1), handed to yajl only when the held bytes reach what yajl
 * already holds, so each byte is re-lexed a bounded number of times; a
 * chunk where the token ends (or the input stops being JSON) goes to yajl
 * after what was held back (0). -1 when memory ran out. */
static int hold_token(lscp_decoder *s, const unsigned char *data, size_t len) {
    lscp_scan *sc = &s->scan;
    lscp_scan_drop_ahead(sc);
    lscp_scan_run(sc, data, len);
    if (sc->oom) {
        s->oom = 1;
        return -1;
    }
    if (!sc->error && sc->ahead_len == 0 && lscp_scan_in_token(sc)) {
        if (carry_append(s, data, len) < 0)
            return -1;
        if (s->carry_len >= s->token_held && feed_carry(s) < 0)
            return -1;
        if (s->failed)
            return 1;
        if (lscp_scan_chunk_end(sc, data + len) < 0) {
            s->oom = 1;
            return -1;
        }
        return 1;
    }
    if (s->carry_len && feed_carry(s) < 0)
        return -1;
    if (s->carry_cap > 1024 * 1024) { /* a long token is over: give the memory back */
        lscp_free(s->carry);
        s->carry = NULL;
        s->carry_cap = 0;
    }
    return 0;
}

int lscp_decode_chunk(lscp_decoder *s, const unsigned char *data, size_t len, uint64_t base) {
    if (s->failed)
        return s->hint_wait ? 0 : 1; /* the finding is not out yet */
    s->chunk = data;
    s->chunk_base = base;
    s->chunk_end = base + len;
    lscp_scan_chunk_begin(&s->scan, data, len);
    if (s->token_held && len) {
        int held = hold_token(s, data, len);
        if (held < 0)
            return -1;
        if (s->failed)
            return 1;
        if (held)
            return 0;
    }
    yajl_status st;
    s->lexed += s->token_held + len;
    if (lscp_yajl_parse(&s->yajl, data, len, 0, &st) < 0) {
        s->oom = 1;
        return -1;
    }
    uint64_t end = base + len;
    if (st == yajl_status_client_canceled)
        return stop_reason(s, s->scan_stopped);
    if (st == yajl_status_error) {
        /* our scanner is stricter than yajl: it finds the first bad byte */
        uint64_t at = base + yajl_get_bytes_consumed(s->yajl.handle);
        if (at > end)
            at = end;
        /* where yajl stopped; if the scanner read ahead of it, the first
         * token yajl did not take (yajl rejects nothing the scanner
         * accepts, so this is a fallback that is not expected to run) */
        lsc_pos ypos;
        if (s->scan.offset <= at) {
            scan_to(s, at);
            ypos = (lsc_pos){s->scan.offset, s->scan.line, s->scan.column};
        } else if (s->scan.ahead_len) {
            ypos = s->scan.ahead[s->scan.ahead_head].pos;
        } else {
            ypos = (lsc_pos){s->scan.offset, s->scan.line, s->scan.column};
        }
        scan_to(s, end);
        if (s->scan.error)
            return scan_failed(s);
        if (s->scan.oom) {
            s->oom = 1;
            return -1;
        }
        return syntax_fail(s, ypos, s->stats->documents ? s->stats->documents - 1 : 0,
                           "the JSON parser rejected the input here");
    }
    /* the rest of the chunk: no token ends there (yajl took them all) */
    scan_to(s, end);
    if (s->scan.error || s->scan.oom)
        return stop_reason(s, 1);
    if (lscp_scan_chunk_end(&s->scan, data + len) < 0) {
        s->oom = 1;
        return -1;
    }
    s->token_held = open_token(&s->scan);
    return 0;
}

int lscp_decode_finish(lscp_decoder *s) {
    if (s->failed)
        return 1;
    if (s->carry_len && feed_carry(s) < 0)
        return -1;
    if (s->failed)
        return 1;
    if (lscp_scan_finish(&s->scan) < 0)
        return scan_failed(s);
    s->finishing = 1;
    yajl_status st;
    s->lexed += s->token_held;
    s->token_held = 0;
    int r = lscp_yajl_parse(&s->yajl, NULL, 0, 1, &st);
    s->finishing = 0;
    if (r < 0) {
        s->oom = 1;
        return -1;
    }
    if (st == yajl_status_client_canceled)
        return stop_reason(s, s->scan_stopped);
    if (st != yajl_status_ok) {
        lsc_pos at = {s->scan.offset, s->scan.line, s->scan.column};
        return syntax_fail(s, at, s->stats->documents ? s->stats->documents - 1 : 0,
                           "unexpected end of input");
    }
    if (s->stats->documents == 0) {
        lsc_pos at = {s->scan.offset, s->scan.line, s->scan.column};
        return syntax_fail(s, at, 0, "the input holds no JSON value");
    }
    return flush(s) < 0 ? -1 : 0;
}
