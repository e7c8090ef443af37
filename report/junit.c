/* junit: JUnit XML as GitLab and Jenkins read it. One <testsuite> per input,
 * one <testcase> per document, a <failure> per finding at or above
 * --fail-on (type = rule, message = the text line); findings below it go to
 * the testcase's <system-out>. An input's findings are few and arrive
 * before its end, so they are buffered and its testsuite (whose attributes
 * hold the counts) is written at rep_input_end. Strings are text-escaped
 * (control characters become visible \u escapes), then XML-escaped. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/rep_internal.h"

static char *dup_mem(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void rep_junit_clear(rep_reporter *r) {
    for (size_t i = 0; i < r->njunit; i++) {
        free(r->junit[i].rule);
        free(r->junit[i].line);
    }
    r->njunit = 0;
}

int rep_junit_head(rep_reporter *r) {
    rep_puts(&r->out,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lscertlint\">\n");
    return rep_out_status(&r->out);
}

static int is_failure(const rep_reporter *r, lsc_severity sev) {
    return r->opts.fail_on != LSC_OFF && sev >= r->opts.fail_on;
}

int rep_junit_finding(rep_reporter *r, const lsc_finding *f) {
    if (r->njunit == r->junit_cap) {
        size_t cap = r->junit_cap != 0 ? r->junit_cap * 2 : 16;
        rep_junit_entry *p = realloc(r->junit, cap * sizeof *p);
        if (p == NULL) {
            errno = ENOMEM;
            return -1;
        }
        r->junit = p;
        r->junit_cap = cap;
    }
    rep_out_reset(&r->scratch);
    rep_text_line(&r->scratch, f, rep_finding_file(r, f), 0);
    if (r->mark == REP_MARK_EXPECTED)
        rep_puts(&r->scratch, " [expected]");
    if (rep_out_status(&r->scratch) < 0)
        return -1;
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    rep_junit_entry *e = &r->junit[r->njunit];
    e->document = f->document;
    e->seq = r->njunit;
    e->failure = r->mark != REP_MARK_EXPECTED && is_failure(r, f->severity);
    e->rule = dup_mem(rule, strlen(rule));
    e->line = dup_mem(r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len);
    if (e->rule == NULL || e->line == NULL) {
        free(e->rule);
        free(e->line);
        errno = ENOMEM;
        return -1;
    }
    r->njunit++;
    return rep_out_status(&r->out);
}

static int entry_cmp(const void *a, const void *b) {
    const rep_junit_entry *x = a, *y = b;
    if (x->document != y->document)
        return x->document < y->document ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* text-escape s (raw input bytes), then XML-escape */
static void put_xml_raw(rep_reporter *r, rep_out *o, const char *s, int attribute) {
    rep_out_reset(&r->scratch);
    rep_esc_text(&r->scratch, s, strlen(s), 1);
    if (rep_out_status(&r->scratch) < 0) {
        o->err = o->err != 0 ? o->err : r->scratch.err;
        return;
    }
    rep_esc_xml(o, r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len, attribute);
}

static void put_xml(rep_out *o, const char *s, int attribute) {
    rep_esc_xml(o, s, strlen(s), attribute);
}

static void open_testcase(rep_reporter *r, rep_out *o, const char *name, const char *file) {
    rep_puts(o, "    <testcase name=\"");
    put_xml(o, name, 1);
    rep_puts(o, "\" classname=\"");
    put_xml_raw(r, o, file, 1);
    rep_putc(o, '"');
}

static int write_unreadable(rep_reporter *r, const rep_input *in) {
    rep_out *o = &r->out;
    rep_puts(o, "  <testsuite name=\"");
    put_xml_raw(r, o, in->file, 1);
    rep_puts(o, "\" tests=\"1\" failures=\"0\" errors=\"1\">\n");
    open_testcase(r, o, "input", in->file);
    rep_puts(o, ">\n      <error type=\"unreadable\" message=\"cannot read the input: ");
    rep_out_reset(&r->scratch);
    rep_esc_text(&r->scratch, in->message, strlen(in->message), 0);
    rep_esc_xml(o, r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len, 1);
    rep_puts(o, "\"/>\n    </testcase>\n  </testsuite>\n");
    return rep_out_status(o);
}

int rep_junit_input_end(rep_reporter *r) {
    const rep_input *in = rep_current(r);
    rep_out *o = &r->out;
    int rc;
    if (in->message != NULL) {
        rc = write_unreadable(r, in);
        goto out;
    }
    if (r->njunit > 1) /* no findings: no array */
        qsort(r->junit, r->njunit, sizeof *r->junit, entry_cmp);
    size_t docs = in->documents, failures = 0;
    for (size_t i = 0; i < r->njunit; i++) {
        if (r->junit[i].document + 1 > docs)
            docs = r->junit[i].document + 1;
        failures += r->junit[i].failure != 0;
    }
    rep_puts(o, "  <testsuite name=\"");
    put_xml_raw(r, o, in->file, 1);
    rep_printf(o, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", docs, failures);
    size_t k = 0;
    for (size_t d = 0; d < docs; d++) {
        char name[48];
        snprintf(name, sizeof name, "document %zu", d);
        open_testcase(r, o, name, in->file);
        size_t end = k;
        while (end < r->njunit && r->junit[end].document == d)
            end++;
        if (end == k) {
            rep_puts(o, "/>\n");
            continue;
        }
        rep_puts(o, ">\n");
        int out_open = 0;
        for (size_t i = k; i < end; i++) {
            const rep_junit_entry *e = &r->junit[i];
            if (!e->failure)
                continue;
            rep_puts(o, "      <failure type=\"");
            put_xml(o, e->rule, 1);
            rep_puts(o, "\" message=\"");
            put_xml(o, e->line, 1);
            rep_puts(o, "\">");
            put_xml(o, e->line, 0);
            rep_puts(o, "</failure>\n");
        }
        for (size_t i = k; i < end; i++) {
            const rep_junit_entry *e = &r->junit[i];
            if (e->failure)
                continue;
            if (!out_open)
                rep_puts(o, "      <system-out>");
            out_open = 1;
            put_xml(o, e->line, 0);
            rep_putc(o, '\n');
        }
        if (out_open)
            rep_puts(o, "</system-out>\n");
        rep_puts(o, "    </testcase>\n");
        k = end;
    }
    rep_puts(o, "  </testsuite>\n");
    rc = rep_out_status(o);
out:
    rep_junit_clear(r);
    return rc;
}

int rep_junit_finish(rep_reporter *r) {
    rep_puts(&r->out, "</testsuites>\n");
    return rep_out_status(&r->out);
}
