/* What every rule family of the validator uses: reporting a finding at a
 * path, quoting values, comparing names, and the two field checks shared
 * by all (blank values, values outside a set). Below validate.c and the
 * families, which call in; it calls none of them. */
#include "schema/validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/findings.h"
#include "schema/validate_int.h"
#include "schema/values.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

static void vreport(lscv_state *v, lsc_rule_id rule, lsc_pos pos, const char *pointer,
                    const char *value, size_t value_len, const char *fmt, va_list ap)
    LSCP_PRINTF(7, 0);

static void vreport(lscv_state *v, lsc_rule_id rule, lsc_pos pos, const char *pointer,
                    const char *value, size_t value_len, const char *fmt, va_list ap) {
    lscp_site site = {pos, pointer, strlen(pointer), value, value_len, NULL};
    if (lscp_vreport(v->findings, rule, &site, fmt, ap) < 0)
        v->failed = 1;
}

void lscv_report(lscv_state *v, lsc_rule_id rule, lsc_pos pos, const char *pointer,
                 const char *value, size_t value_len, const char *fmt, ...) {
    va_list ap;
    if (v->failed || !lscp_rule_on(v->findings, rule))
        return;
    va_start(ap, fmt);
    vreport(v, rule, pos, pointer, value, value_len, fmt, ap);
    va_end(ap);
}

void lscv_report_at(lscv_state *v, lsc_rule_id rule, lsc_pos pos, const lscv_path *path,
                    const char *value, size_t value_len, const char *fmt, ...) {
    char p[LSCV_PTR_SIZE];
    va_list ap;
    if (v->failed || !lscp_rule_on(v->findings, rule))
        return;
    va_start(ap, fmt);
    vreport(v, rule, pos, lscv_path_str(p, path), value, value_len, fmt, ap);
    va_end(ap);
}

static unsigned char ascii_lower(unsigned char c) {
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

int lscv_equal_fold(const char *a, size_t alen, const char *b, size_t blen) {
    if (alen != blen)
        return 0;
    if (memcmp(a, b, alen) == 0)
        return 1; /* the common case: the same spelling */
    for (size_t i = 0; i < alen; i++)
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return 0;
    return 1;
}

const char *lscv_path_str(char *buf, const lscv_path *path) {
    if (path->tail)
        snprintf(buf, LSCV_PTR_SIZE, "/certificates/%zu%s/%zu%s", path->cert, path->head,
                 path->index, path->tail);
    else
        snprintf(buf, LSCV_PTR_SIZE, "/certificates/%zu%s", path->cert, path->head);
    return buf;
}

const char *lscv_quote(char *buf, const char *s, size_t len) {
    return lscp_quote(buf, LSCV_QUOTE_SIZE, s, len, 60);
}

/* ------------------------------------------------------------------ */
/* Checks shared by the families                                      */
/* ------------------------------------------------------------------ */

void lscv_check_blank(lscv_state *v, lsc_rule_id rule, const lsc_string *s, const lscv_path *path,
                      const char *field) {
    if (!s->m.ok || !lscv_blank(s->s, s->len) || !lscv_on(v, rule))
        return;
    char q[LSCV_QUOTE_SIZE];
    if (s->len == 0)
        lscv_report_at(v, rule, s->m.at, path, s->s, s->len, "%s is empty", field);
    else
        lscv_report_at(v, rule, s->m.at, path, s->s, s->len, "%s is only white space: %s", field,
                       lscv_quote(q, s->s, s->len));
}

/* enum-value, documented-value or unfamiliar-value for one field. */
void lscv_check_value(lscv_state *v, lsc_rule_id rule, lscp_value_set set, const lsc_string *s,
                      const lscv_path *path) {
    if (!s->m.ok || !lscv_on(v, rule) || lscp_value_index(set, s->s, s->len) >= 0)
        return;
    char q[LSCV_QUOTE_SIZE], list[400];
    const char *field = lscp_value_set_field(set);
    const char *kind = rule == LSC_R_ENUM_VALUE         ? "a value of the model's enum"
                       : rule == LSC_R_DOCUMENTED_VALUE ? "a documented value"
                                                        : "a familiar value";
    const char *suggestion = lscp_value_suggest(set, s->s, s->len);
    lscv_quote(q, s->s, s->len);
    if (suggestion)
        lscv_report_at(v, rule, s->m.at, path, s->s, s->len,
                       "%s %s is not %s; did you mean \"%s\"?", field, q, kind, suggestion);
    else
        lscv_report_at(v, rule, s->m.at, path, s->s, s->len, "%s %s is not %s (%s)", field, q, kind,
                       lscp_value_list(set, list, sizeof list));
}
