/* junit: JUnit XML as GitLab and Jenkins read it. One <testsuite> per input,
 * one <testcase> per finding (named RULE at LINE:COL, classname the file),
 * with a <failure> when the finding is at or above --fail-on (type = rule,
 * message = the text line) and the line in <system-out> otherwise; a
 * document without findings is one passing <testcase> ("document N"), so
 * tests counts every finding and every clean document and tests >=
 * failures. An input's findings are buffered (its testsuite's attributes
 * hold the counts) and written at the input's end: memory grows with the
 * findings of one input, as doc/contract.md states. Strings are
 * text-escaped (control characters become visible \u escapes), then
 * XML-escaped. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"
#include "report/format.h"

/* One buffered finding of the current input. */
typedef struct junit_entry {
    size_t document;
    size_t seq; /* arrival order, for a stable sort */
    int failure;
    uint64_t line, column;
    char *rule;
    char *line_text; /* the text line, text-escaped, no colour */
} junit_entry;

/* The current input's findings. */
typedef struct junit_state {
    junit_entry *entries;
    size_t n, cap;
} junit_state;

static void junit_clear(junit_state *s) {
    for (size_t i = 0; i < s->n; i++) {
        lscp_free(s->entries[i].rule);
        lscp_free(s->entries[i].line_text);
    }
    s->n = 0;
}

static void junit_release(lsc_reporter *r) {
    junit_state *s = r->state;
    junit_clear(s);
    lscp_free(s->entries);
}

static int junit_begin(lsc_reporter *r) {
    lscr_puts(&r->out,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lscertlint\">\n");
    return lscr_out_status(&r->out);
}

static int is_failure(const lsc_reporter *r, lsc_severity sev) {
    return r->opts.fail_on != LSC_OFF && sev >= r->opts.fail_on;
}

static int junit_finding(lsc_reporter *r, const lsc_finding *f) {
    junit_state *s = r->state;
    if (lscp_grow(&s->entries, &s->cap, s->n + 1, sizeof *s->entries) < 0) {
        errno = ENOMEM;
        return -1;
    }
    lscr_out_reset(&r->scratch);
    lscr_text_line(&r->scratch, f, lscr_finding_file(r, f), 0);
    if (r->mark == LSC_MARK_EXPECTED)
        lscr_puts(&r->scratch, " [expected]");
    if (lscr_out_status(&r->scratch) < 0)
        return -1;
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    junit_entry *e = &s->entries[s->n];
    e->document = f->document;
    e->seq = s->n;
    e->failure = r->mark != LSC_MARK_EXPECTED && is_failure(r, f->severity);
    e->line = f->pos.line;
    e->column = f->pos.column;
    e->rule = lscr_strndup(rule, strlen(rule));
    e->line_text = lscr_strndup(r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len);
    if (e->rule == NULL || e->line_text == NULL) {
        lscp_free(e->rule);
        lscp_free(e->line_text);
        errno = ENOMEM;
        return -1;
    }
    s->n++;
    return lscr_out_status(&r->out);
}

static int entry_cmp(const void *a, const void *b) {
    const junit_entry *x = a, *y = b;
    if (x->document != y->document)
        return x->document < y->document ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* text-escape s (raw input bytes), then XML-escape */
static void put_xml_raw(lsc_reporter *r, lscr_out *o, const char *s, int attribute) {
    lscr_out_reset(&r->scratch);
    lscr_esc_text(&r->scratch, s, strlen(s), 1);
    if (lscr_out_status(&r->scratch) < 0) {
        o->err = o->err != 0 ? o->err : r->scratch.err;
        return;
    }
    lscr_esc_xml(o, r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len, attribute);
}

static void put_xml(lscr_out *o, const char *s, int attribute) {
    lscr_esc_xml(o, s, strlen(s), attribute);
}

static void open_testcase(lsc_reporter *r, lscr_out *o, const char *name, const char *file) {
    lscr_puts(o, "    <testcase name=\"");
    put_xml(o, name, 1);
    lscr_puts(o, "\" classname=\"");
    put_xml_raw(r, o, file, 1);
    lscr_putc(o, '"');
}

static int write_unreadable(lsc_reporter *r, const lscr_input *in) {
    lscr_out *o = &r->out;
    lscr_puts(o, "  <testsuite name=\"");
    put_xml_raw(r, o, in->file, 1);
    lscr_puts(o, "\" tests=\"1\" failures=\"0\" errors=\"1\">\n");
    open_testcase(r, o, "input", in->file);
    lscr_puts(o, ">\n      <error type=\"unreadable\" message=\"cannot read the input: ");
    lscr_out_reset(&r->scratch);
    lscr_esc_text(&r->scratch, in->message, strlen(in->message), 0);
    lscr_esc_xml(o, r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len, 1);
    lscr_puts(o, "\"/>\n    </testcase>\n  </testsuite>\n");
    return lscr_out_status(o);
}

static int junit_input_end(lsc_reporter *r) {
    junit_state *s = r->state;
    const lscr_input *in = lscr_current(r);
    lscr_out *o = &r->out;
    int rc;
    if (in->message != NULL) {
        rc = write_unreadable(r, in);
        goto out;
    }
    if (s->n > 1) /* no findings: no array */
        qsort(s->entries, s->n, sizeof *s->entries, entry_cmp);
    size_t docs = in->documents, failures = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->entries[i].document + 1 > docs)
            docs = s->entries[i].document + 1;
        failures += s->entries[i].failure != 0;
    }
    /* a testcase per finding, and per document without findings */
    size_t clean = 0, k = 0;
    for (size_t d = 0; d < docs; d++) {
        if (k < s->n && s->entries[k].document == d)
            while (k < s->n && s->entries[k].document == d)
                k++;
        else
            clean++;
    }
    lscr_puts(o, "  <testsuite name=\"");
    put_xml_raw(r, o, in->file, 1);
    lscr_printf(o, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", s->n + clean, failures);
    k = 0;
    for (size_t d = 0; d < docs; d++) {
        char name[128];
        if (k >= s->n || s->entries[k].document != d) {
            snprintf(name, sizeof name, "document %zu", d);
            open_testcase(r, o, name, in->file);
            lscr_puts(o, "/>\n");
            continue;
        }
        for (; k < s->n && s->entries[k].document == d; k++) {
            const junit_entry *e = &s->entries[k];
            lscr_puts(o, "    <testcase name=\"");
            put_xml(o, e->rule, 1);
            lscr_printf(o, " at %llu:%llu\" classname=\"", (unsigned long long)e->line,
                        (unsigned long long)e->column);
            put_xml_raw(r, o, in->file, 1);
            lscr_puts(o, "\">\n");
            if (e->failure) {
                lscr_puts(o, "      <failure type=\"");
                put_xml(o, e->rule, 1);
                lscr_puts(o, "\" message=\"");
                put_xml(o, e->line_text, 1);
                lscr_puts(o, "\">");
                put_xml(o, e->line_text, 0);
                lscr_puts(o, "</failure>\n");
            } else {
                lscr_puts(o, "      <system-out>");
                put_xml(o, e->line_text, 0);
                lscr_puts(o, "\n</system-out>\n");
            }
            lscr_puts(o, "    </testcase>\n");
        }
    }
    lscr_puts(o, "  </testsuite>\n");
    rc = lscr_out_status(o);
out:
    junit_clear(s);
    return rc;
}

static int junit_finish(lsc_reporter *r) {
    lscr_puts(&r->out, "</testsuites>\n");
    return lscr_out_status(&r->out);
}

const lscr_ops lscr_junit_ops = {.name = "junit",
                                 .state_size = sizeof(junit_state),
                                 .release = junit_release,
                                 .begin = junit_begin,
                                 .finding = junit_finding,
                                 .input_end = junit_input_end,
                                 .finish = junit_finish};
