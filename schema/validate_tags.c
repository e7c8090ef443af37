/* Tag rules (tag-*) on the summary's and the detail's tags, and tags-mismatch. */
#include <stdio.h>
#include <string.h>

#include "schema/unicode.h"
#include "schema/validate_int.h"

#define TAG_KEY_MAX 128
#define TAG_VALUE_MAX 256
#define TAG_COUNT_MAX 50

/* tag-key-charset / tag-value-charset: name the first bad character. */
static void check_charset(lscv_state *v, lsc_rule_id rule, const char *what, const lsc_string *s,
                          const lscv_path *path) {
    lscp_bad_char bad;
    if (!lscv_on(v, rule) || !lscp_tag_first_bad(s->s, s->len, &bad))
        return;
    char q[LSCV_QUOTE_SIZE], c[LSCV_QUOTE_SIZE];
    lscv_quote(q, s->s, s->len);
    lscv_quote(c, s->s + bad.offset, bad.length);
    if (bad.cp < 0)
        lscv_report_at(v, rule, s->m.at, path, s->s, s->len,
                       "%s %s holds %s at character %zu, a byte that is not UTF-8", what, q, c,
                       bad.index + 1);
    else
        lscv_report_at(v, rule, s->m.at, path, s->s, s->len,
                       "%s %s holds %s (U+%04X, category %s) at character %zu; tags allow only "
                       "letters, numbers, spaces and + - = . _ : / @",
                       what, q, c, (unsigned)bad.cp, lscp_unicode_category(bad.cp), bad.index + 1);
}

static void check_length(lscv_state *v, lsc_rule_id rule, const char *what, size_t max,
                         const lsc_string *s, const lscv_path *path) {
    if (!lscv_on(v, rule))
        return;
    size_t n = lscp_utf8_length(s->s, s->len);
    if (n <= max)
        return;
    char q[LSCV_QUOTE_SIZE];
    lscv_report_at(v, rule, s->m.at, path, s->s, s->len,
                   "%s is %zu characters long; at most %zu are allowed: %s", what, n, max,
                   lscv_quote(q, s->s, s->len));
}

static int starts_with_aws(const char *s, size_t len) {
    static const char prefix[] = "aws:";
    if (len < 4)
        return 0;
    for (size_t i = 0; i < 4; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != prefix[i])
            return 0;
    }
    return 1;
}

static void check_list(lscv_state *v, const lscv_cert *x, const lsc_tag_list *tags,
                       const char *head) {
    char q[LSCV_QUOTE_SIZE];
    if (!tags->m.ok)
        return;
    if (tags->count > TAG_COUNT_MAX)
        lscv_report_at(v, LSC_R_TAG_COUNT, tags->m.at, LSCV_PATH(x, head), NULL, 0,
                       "the tags array has %zu elements; a resource has at most %d tags",
                       tags->count, TAG_COUNT_MAX);
    int dup_on = lscv_on(v, LSC_R_TAG_KEY_DUPLICATE);
    if (dup_on && lscv_set_begin(v, &v->list, tags->count, 0) < 0)
        return;
    for (const lsc_tag *t = tags->first; t; t = t->next) {
        const lsc_string *key = &t->key, *value = &t->value;
        if (key->m.seen == LSC_JSON_ABSENT) {
            lscv_report_at(v, LSC_R_TAG_KEY_MISSING, t->at, LSCV_PATH_AT(x, head, t->index, ""),
                           NULL, 0, "the tag has no \"key\" member");
        } else if (key->m.ok && key->len == 0) {
            lscv_report_at(v, LSC_R_TAG_KEY_MISSING, key->m.at,
                           LSCV_PATH_AT(x, head, t->index, "/key"), key->s, 0,
                           "the tag key is empty");
        } else if (key->m.ok) {
            const lscv_path *p = LSCV_PATH_AT(x, head, t->index, "/key");
            check_length(v, LSC_R_TAG_KEY_LENGTH, "the tag key", TAG_KEY_MAX, key, p);
            check_charset(v, LSC_R_TAG_KEY_CHARSET, "the tag key", key, p);
            if (starts_with_aws(key->s, key->len) && lscv_on(v, LSC_R_TAG_KEY_RESERVED))
                lscv_report_at(v, LSC_R_TAG_KEY_RESERVED, key->m.at, p, key->s, key->len,
                               "the tag key %s starts with the prefix \"aws:\", reserved for tags "
                               "AWS applies",
                               lscv_quote(q, key->s, key->len));
            if (dup_on) {
                int found;
                lscv_set_entry *e =
                    lscv_set_find(&v->list, key->s, key->len, NULL, 0, t->index, 1, &found);
                if (found)
                    lscv_report_at(v, LSC_R_TAG_KEY_DUPLICATE, key->m.at, p, key->s, key->len,
                                   "the tag key %s already appears in this tags array (element "
                                   "%zu); keys are unique per resource",
                                   lscv_quote(q, key->s, key->len), e->index);
            }
        }
        if (value->m.ok) {
            const lscv_path *p = LSCV_PATH_AT(x, head, t->index, "/value");
            check_length(v, LSC_R_TAG_VALUE_LENGTH, "the tag value", TAG_VALUE_MAX, value, p);
            check_charset(v, LSC_R_TAG_VALUE_CHARSET, "the tag value", value, p);
        }
    }
}

/* A tag's key and value as compared by tags-mismatch: absent is "". */
static const char *tag_text(const lsc_string *s, size_t *len) {
    *len = s->m.ok ? s->len : 0;
    return s->m.ok ? s->s : "";
}

static size_t tag_objects(const lsc_tag_list *tags) {
    size_t n = 0;
    for (const lsc_tag *t = tags->first; t; t = t->next)
        n++;
    return n;
}

static void check_mismatch(lscv_state *v, const lscv_cert *x) {
    const lsc_tag_list *st = &x->c->tags, *dt = &x->d->tags;
    if (!st->m.ok || !dt->m.ok || !lscv_on(v, LSC_R_TAGS_MISMATCH))
        return;
    size_t ns = tag_objects(st), nd = tag_objects(dt);
    if (lscv_set_begin(v, &v->list, ns, 0) < 0)
        return;
    for (const lsc_tag *t = st->first; t; t = t->next) {
        size_t klen, vlen;
        const char *k = tag_text(&t->key, &klen), *val = tag_text(&t->value, &vlen);
        int found;
        lscv_set_entry *e = lscv_set_find(&v->list, k, klen, val, vlen, t->index, 1, &found);
        if (found)
            e->count++;
    }
    const lscv_path *p = LSCV_PATH(x, LSCV_DETAIL "/tags");
    char qk[LSCV_QUOTE_SIZE], qv[LSCV_QUOTE_SIZE];
    for (const lsc_tag *t = dt->first; t; t = t->next) {
        size_t klen, vlen;
        const char *k = tag_text(&t->key, &klen), *val = tag_text(&t->value, &vlen);
        int found;
        lscv_set_entry *e = lscv_set_find(&v->list, k, klen, val, vlen, 0, 0, &found);
        if (!e || e->count == 0) {
            lscv_report_at(v, LSC_R_TAGS_MISMATCH, dt->m.at, p, NULL, 0,
                           "certificateDetail.tags holds the tag (key %s, value %s) %s the "
                           "summary's tags",
                           lscv_quote(qk, k, klen), lscv_quote(qv, val, vlen),
                           e ? "more often than" : "that is not among");
            return;
        }
        e->count--;
    }
    if (ns != nd)
        lscv_report_at(
            v, LSC_R_TAGS_MISMATCH, dt->m.at, p, NULL, 0,
            "the summary has %zu tags, certificateDetail.tags %zu: the summary holds tags "
            "the detail lacks",
            ns, nd);
}

void lscv_check_tags(lscv_state *v, const lscv_cert *x) {
    check_list(v, x, &x->c->tags, "/tags");
    if (!x->d)
        return;
    check_list(v, x, &x->d->tags, LSCV_DETAIL "/tags");
    check_mismatch(v, x);
}
