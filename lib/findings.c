/* The buffer of findings (see findings.h). */
#include "config.h"

#include "lib/findings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/rules.h"

void lscp_findings_init(lscp_findings *f, const lsc_severity *severity) {
    memset(f, 0, sizeof *f);
    f->severity = severity;
}

void lscp_findings_release(lscp_findings *f) {
    lscp_free(f->pending);
    lscp_free(f->bytes);
    f->pending = NULL;
    f->bytes = NULL;
    f->pending_cap = f->bytes_cap = 0;
}

int lscp_rule_on(const lscp_findings *f, lsc_rule_id rule) {
    return f->severity[rule] != LSC_OFF;
}

/* Append n bytes and a NUL to the bytes buffer; their offset in *off. */
static int bytes_append(lscp_findings *f, const char *p, size_t n, size_t *off) {
    if (lscp_grow(&f->bytes, &f->bytes_cap, f->bytes_len + n + 1, 1) < 0)
        return -1;
    *off = f->bytes_len;
    if (n)
        memcpy(f->bytes + f->bytes_len, p, n);
    f->bytes[f->bytes_len + n] = '\0';
    f->bytes_len += n + 1;
    return 0;
}

int lscp_vreport(lscp_findings *f, lsc_rule_id rule, const lscp_site *site, const char *fmt,
                 va_list ap) {
    if (f->severity[rule] == LSC_OFF)
        return 0;
    if (f->kept[rule] >= LSCP_FINDINGS_PER_RULE) {
        f->dropped[rule]++;
        if (f->provisional) {
            f->dropped_provisional[f->provisional - 1][rule]++;
            f->any_dropped_provisional = 1;
        }
        return 0;
    }
    char msg[1024];
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    if (n < 0)
        n = 0;
    if ((size_t)n >= sizeof msg)
        n = sizeof msg - 1;
    if (lscp_grow(&f->pending, &f->pending_cap, f->pending_len + 1, sizeof *f->pending) < 0)
        goto oom;
    lscp_pending *p = &f->pending[f->pending_len];
    memset(p, 0, sizeof *p);
    p->rule = rule;
    p->severity = f->severity[rule];
    p->pos = site->pos;
    p->document = f->document;
    const char *ptr = site->pointer ? site->pointer : "";
    size_t ptr_len = site->pointer ? site->pointer_len : 0;
    /* --accept-array: the validator's "/certificates/N/..." is "/N/..." in
     * an array document (the decoder's pointers are already) */
    static const char list_head[] = "/certificates/";
    if (f->array_document && ptr_len >= sizeof list_head - 1 &&
        memcmp(ptr, list_head, sizeof list_head - 1) == 0) {
        ptr += sizeof list_head - 2;
        ptr_len -= sizeof list_head - 2;
    }
    if (bytes_append(f, ptr, ptr_len, &p->ptr_off) < 0 ||
        bytes_append(f, msg, (size_t)n, &p->msg_off) < 0)
        goto oom;
    p->ptr_len = ptr_len;
    if (site->value) {
        if (bytes_append(f, site->value, site->value_len, &p->val_off) < 0)
            goto oom;
        p->val_len = site->value_len;
        p->has_value = 1;
    }
    if (site->related) {
        const lsc_related *r = site->related;
        const char *rptr = r->pointer ? r->pointer : "";
        size_t rptr_len = r->pointer ? r->pointer_len : 0;
        if (f->array_document && rptr_len >= sizeof list_head - 1 &&
            memcmp(rptr, list_head, sizeof list_head - 1) == 0) {
            rptr += sizeof list_head - 2;
            rptr_len -= sizeof list_head - 2;
        }
        p->has_related = 1;
        p->rel_pos = r->pos;
        if (bytes_append(f, rptr, rptr_len, &p->rel_ptr_off) < 0 ||
            bytes_append(f, r->message ? r->message : "", r->message ? strlen(r->message) : 0,
                         &p->rel_msg_off) < 0)
            goto oom;
        p->rel_ptr_len = rptr_len;
    }
    if (f->in_cert) {
        p->has_cert = 1;
        p->cert_index = f->cert_index;
        p->cert_at = f->cert_at;
    }
    p->seq = f->seq++;
    p->provisional = f->provisional;
    f->pending_len++;
    f->kept[rule]++;
    return 0;
oom:
    f->oom = 1;
    return -1;
}

int lscp_findings_append(lscp_findings *f, lsc_rule_id rule, const char *suffix) {
    for (size_t i = 0; i < f->pending_len; i++) {
        lscp_pending *p = &f->pending[i];
        if (p->rule != rule)
            continue;
        char msg[1024];
        snprintf(msg, sizeof msg, "%s; %s", f->bytes + p->msg_off, suffix);
        if (bytes_append(f, msg, strlen(msg), &p->msg_off) < 0) {
            f->oom = 1;
            return -1;
        }
    }
    return 0;
}

void lscp_findings_drop_provisional(lscp_findings *f, int tag) {
    size_t out = 0;
    for (size_t i = 0; i < f->pending_len; i++) {
        lscp_pending *p = &f->pending[i];
        if (p->provisional && (tag == 0 || p->provisional == tag)) {
            f->kept[p->rule]--; /* its bytes stay until the flush */
            continue;
        }
        f->pending[out++] = *p;
    }
    f->pending_len = out;
    if (!f->any_dropped_provisional)
        return;
    for (int t = 1; t <= LSCP_PROVISIONAL_TAGS; t++) {
        if (tag && t != tag)
            continue;
        for (size_t r = 0; r < LSC_R__COUNT; r++) {
            f->dropped[r] -= f->dropped_provisional[t - 1][r];
            f->dropped_provisional[t - 1][r] = 0;
        }
    }
}

void lscp_findings_not_shown(lscp_findings *f, lsc_rule_id rule, size_t n) {
    f->dropped[rule] += n;
}

int lscp_report(lscp_findings *f, lsc_rule_id rule, const lscp_site *site, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = lscp_vreport(f, rule, site, fmt, ap);
    va_end(ap);
    return r;
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
static const char *cert_identity(const lsc_certificate *c, const lscp_pending *p, char *idx,
                                 size_t idx_size, size_t *len) {
    if (c && c->index == p->cert_index && c->document == p->document) {
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

int lscp_findings_flush(lscp_findings *fs, const lscp_delivery *to) {
    int r = 0;
    char idx[32], quoted[400], message[1024 + sizeof quoted + 200];
    if (fs->pending_len > 1)
        qsort(fs->pending, fs->pending_len, sizeof *fs->pending, pending_cmp);
    /* the last finding of each rule that went over the cap carries the note */
    size_t last[LSC_R__COUNT];
    for (size_t i = 0; i < fs->pending_len; i++)
        last[fs->pending[i].rule] = i;
    for (size_t i = 0; i < fs->pending_len; i++) {
        const lscp_pending *p = &fs->pending[i];
        lsc_finding f;
        lsc_related rel;
        memset(&f, 0, sizeof f);
        f.rule = lscp_rule(p->rule);
        f.severity = p->severity;
        f.file = to->file;
        f.document = p->document;
        f.pos = p->pos;
        f.pointer = fs->bytes + p->ptr_off;
        f.pointer_len = p->ptr_len;
        f.message = fs->bytes + p->msg_off;
        if (p->has_value) {
            f.value = fs->bytes + p->val_off;
            f.value_len = p->val_len;
        }
        f.has_certificate = p->has_cert;
        f.certificate = p->cert_index;
        f.certificate_at = p->cert_at;
        if (p->has_cert) {
            /* named here, where every finding inside a certificate passes,
             * rather than in each rule's message */
            f.certificate_name =
                cert_identity(to->current, p, idx, sizeof idx, &f.certificate_name_len);
            if (f.certificate_name == idx)
                snprintf(quoted, sizeof quoted, "%s", idx);
            else
                lscp_quote(quoted, sizeof quoted, f.certificate_name, f.certificate_name_len, 60);
            snprintf(message, sizeof message, "certificate %s: %s", quoted, f.message);
            f.message = message;
        }
        size_t dropped = fs->dropped[p->rule];
        if (dropped && last[p->rule] == i) {
            if (f.message != message) {
                snprintf(message, sizeof message, "%s", f.message);
                f.message = message;
            }
            size_t n = strlen(message);
            snprintf(message + n, sizeof message - n,
                     " (and %zu more %s findings here, not shown: at most %d of one rule are "
                     "reported per certificate or document)",
                     dropped, f.rule->id, LSCP_FINDINGS_PER_RULE);
        }
        if (p->has_related) {
            rel.pos = p->rel_pos;
            rel.pointer = fs->bytes + p->rel_ptr_off;
            rel.pointer_len = p->rel_ptr_len;
            rel.message = fs->bytes + p->rel_msg_off;
            f.related = &rel;
        }
        to->stats->findings[p->severity]++;
        if (!r && to->finding && to->finding(to->user, &f))
            r = -1;
    }
    fs->pending_len = 0;
    fs->bytes_len = 0;
    memset(fs->kept, 0, sizeof fs->kept);
    memset(fs->dropped, 0, sizeof fs->dropped);
    if (fs->any_dropped_provisional)
        memset(fs->dropped_provisional, 0, sizeof fs->dropped_provisional);
    fs->any_dropped_provisional = 0;
    return r;
}
