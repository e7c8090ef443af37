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

/* The namespaces AWS's own services write tags in (AWS's tagging guide
 * and each service's documentation: CloudFormation's stack tags, Auto
 * Scaling's groupName, Spot Fleet's fleet-request-id, EC2 launch
 * templates, Service Catalog, EMR, ECS and EKS managed tags, Cloud9): such
 * a tag is AWS's, not a mistake. Only in lower case, as AWS writes them. */
static const char *const aws_applied[] = {
    "aws:cloudformation:", "aws:autoscaling:",      "aws:ec2spot:", "aws:ec2launchtemplate:",
    "aws:servicecatalog:", "aws:elasticmapreduce:", "aws:ecs:",     "aws:eks:",
    "aws:cloud9:",
};

static int aws_applied_key(const char *s, size_t len) {
    for (size_t i = 0; i < sizeof aws_applied / sizeof aws_applied[0]; i++) {
        size_t n = strlen(aws_applied[i]);
        if (len > n && memcmp(s, aws_applied[i], n) == 0)
            return 1;
    }
    return 0;
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

static const char *const tag_heads[2] = {"/tags", LSCV_DETAIL "/tags"};

void lscv_tags_clear(lscv_state *v, int detail) {
    lscv_index_clear(&v->tag_keys[detail]);
    lscv_index_clear(&v->tag_pairs[detail]);
    v->tag_objects[detail] = 0;
    if (detail)
        v->detail_tags_len = 0;
}

/* A tag's key and value as compared by tags-mismatch: absent is "". */
static const char *tag_text(const lsc_string *s, size_t *len) {
    *len = s->m.ok ? s->len : 0;
    return s->m.ok ? s->s : "";
}

/* tags-mismatch compares the two lists when the certificate closes: count
 * each distinct (key, value) of a list, and keep the order of the detail's
 * as entry numbers. */
static void keep_pair(lscv_state *v, int detail, const lsc_tag *t) {
    size_t klen, vlen;
    const char *k = tag_text(&t->key, &klen), *val = tag_text(&t->value, &vlen);
    int found, oom = 0;
    lscv_index_entry *e =
        lscv_index_find(&v->tag_pairs[detail], k, klen, val, vlen, t->index, 1, &found, &oom);
    if (!e) {
        if (oom)
            v->failed = 1;
        return; /* (or a string of 4 GiB: not compared) */
    }
    if (found)
        e->count++;
    if (!detail)
        return;
    if (v->detail_tags_len + 1 > v->detail_tags_cap &&
        lscp_grow(&v->detail_tags, &v->detail_tags_cap, v->detail_tags_len + 1,
                  sizeof *v->detail_tags) < 0) {
        v->failed = 1;
        return;
    }
    v->detail_tags[v->detail_tags_len++] = (uint32_t)(e - v->tag_pairs[detail].e);
}

/* One tag object as it closes. */
void lscv_tag_element(lscv_state *v, const lscv_cert *x, int detail, const lsc_tag *t) {
    const char *head = tag_heads[detail];
    char q[LSCV_QUOTE_SIZE];
    const lsc_string *key = &t->key, *value = &t->value;
    v->tag_objects[detail]++;
    if (key->m.seen == LSC_JSON_ABSENT) {
        lscv_report_at(v, LSC_R_TAG_KEY_MISSING, t->at, LSCV_PATH_AT(x, head, t->index, ""), NULL,
                       0, "the tag has no \"key\" member");
    } else if (key->m.ok && key->len == 0) {
        lscv_report_at(v, LSC_R_TAG_KEY_MISSING, key->m.at, LSCV_PATH_AT(x, head, t->index, "/key"),
                       key->s, 0, "the tag key is empty");
    } else if (key->m.ok) {
        const lscv_path *p = LSCV_PATH_AT(x, head, t->index, "/key");
        check_length(v, LSC_R_TAG_KEY_LENGTH, "the tag key", TAG_KEY_MAX, key, p);
        check_charset(v, LSC_R_TAG_KEY_CHARSET, "the tag key", key, p);
        if (starts_with_aws(key->s, key->len) && !aws_applied_key(key->s, key->len) &&
            lscv_on(v, LSC_R_TAG_KEY_RESERVED))
            lscv_report_at(v, LSC_R_TAG_KEY_RESERVED, key->m.at, p, key->s, key->len,
                           "the tag key %s starts with the prefix \"aws:\", reserved for tags "
                           "AWS applies",
                           lscv_quote(q, key->s, key->len));
        if (lscv_on(v, LSC_R_TAG_KEY_DUPLICATE)) {
            int found, oom = 0;
            lscv_index_entry *e = lscv_index_find(&v->tag_keys[detail], key->s, key->len, NULL, 0,
                                                  t->index, 1, &found, &oom);
            if (oom)
                v->failed = 1;
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
    if (lscv_on(v, LSC_R_TAGS_MISMATCH))
        keep_pair(v, detail, t);
}

/* tag-count when the certificate closes. */
static void check_count(lscv_state *v, const lscv_cert *x, const lsc_tag_list *tags, int detail) {
    if (tags->m.ok && tags->count > TAG_COUNT_MAX)
        lscv_report_at(v, LSC_R_TAG_COUNT, tags->m.at, LSCV_PATH(x, tag_heads[detail]), NULL, 0,
                       "the tags array has %zu elements; a resource has at most %d tags",
                       tags->count, TAG_COUNT_MAX);
}

/* Walk the detail's tags in order, each taking one of the summary's equal
 * tags: the first that finds none is reported. */
static void check_mismatch(lscv_state *v, const lscv_cert *x) {
    const lsc_tag_list *st = &x->c->tags, *dt = &x->d->tags;
    if (!st->m.ok || !dt->m.ok || !lscv_on(v, LSC_R_TAGS_MISMATCH))
        return;
    lscv_index *sum = &v->tag_pairs[0], *det = &v->tag_pairs[1];
    size_t ns = v->tag_objects[0], nd = v->tag_objects[1];
    const lscv_path *p = LSCV_PATH(x, LSCV_DETAIL "/tags");
    char qk[LSCV_QUOTE_SIZE], qv[LSCV_QUOTE_SIZE];
    for (size_t i = 0; i < v->detail_tags_len; i++) {
        const lscv_index_entry *d = &det->e[v->detail_tags[i]];
        const char *k = lscv_index_a(det, d), *val = lscv_index_b(det, d);
        int found, oom = 0;
        lscv_index_entry *e = lscv_index_find(sum, k, d->alen, val, d->blen, 0, 0, &found, &oom);
        if (!e || e->count == 0) {
            lscv_report_at(v, LSC_R_TAGS_MISMATCH, dt->m.at, p, NULL, 0,
                           "certificateDetail.tags holds the tag (key %s, value %s) %s the "
                           "summary's tags",
                           lscv_quote(qk, k, d->alen), lscv_quote(qv, val, d->blen),
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
    check_count(v, x, &x->c->tags, 0);
    if (!x->d)
        return;
    check_count(v, x, &x->d->tags, 1);
    check_mismatch(v, x);
}
