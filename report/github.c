/* github: GitHub Actions workflow commands, one per finding:
 *   ::error file=F,line=L,col=C,title=RULE::MESSAGE (POINTER)
 * Every string is first text-escaped (no control character remains, so no
 * value can end the line and start ::add-mask:: or ::stop-commands::), then
 * escaped as @actions/core does. GitHub shows only 10 errors and 10
 * warnings per step, so the run ends with a ::notice:: of the totals and,
 * under Actions, a Markdown table appended to $GITHUB_STEP_SUMMARY. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/rep_internal.h"

/* Rows of the per-file table of the step summary, at most. */
#define REP_SUMMARY_MAX_FILES 200

/* text-escape s, then GitHub-escape it as a property value or as data */
static void put_gh(rep_reporter *r, rep_out *o, const char *s, size_t n, int raw, int property) {
    rep_out_reset(&r->scratch);
    rep_esc_text(&r->scratch, s, n, raw);
    if (rep_out_status(&r->scratch) < 0) {
        o->err = o->err != 0 ? o->err : r->scratch.err;
        return;
    }
    rep_esc_github(o, r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len, property);
}

static const char *command(lsc_severity sev) {
    return sev >= LSC_ERROR ? "::error" : sev == LSC_WARNING ? "::warning" : "::notice";
}

int rep_github_finding(rep_reporter *r, const lsc_finding *f) {
    rep_out *o = &r->out;
    const char *file = rep_finding_file(r, f);
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    const char *msg = f->message != NULL ? f->message : "";
    /* an expected finding is no alert: a notice that says what it is */
    rep_puts(o, r->mark == REP_MARK_EXPECTED ? "::notice" : command(f->severity));
    rep_puts(o, " file=");
    put_gh(r, o, file, strlen(file), 1, 1);
    rep_puts(o, ",line=");
    rep_putu(o, f->pos.line);
    rep_puts(o, ",col=");
    rep_putu(o, f->pos.column);
    rep_puts(o, ",title=");
    put_gh(r, o, rule, strlen(rule), 1, 1);
    rep_puts(o, "::");
    if (r->mark == REP_MARK_EXPECTED) {
        rep_puts(o, "expected ");
        rep_puts(o, lsc_severity_name(f->severity));
        rep_puts(o, ": ");
    }
    put_gh(r, o, msg, strlen(msg), 0, 0);
    rep_puts(o, " (");
    put_gh(r, o, f->pointer != NULL ? f->pointer : "", f->pointer != NULL ? f->pointer_len : 0, 1,
           0);
    rep_puts(o, ")\n");
    return rep_out_status(o);
}

int rep_github_input_end(rep_reporter *r) {
    const rep_input *in = rep_current(r);
    rep_out *o = &r->out;
    if (in->message == NULL)
        return rep_out_status(o);
    rep_puts(o, "::error file=");
    put_gh(r, o, in->file, strlen(in->file), 1, 1);
    rep_puts(o, ",title=lscertlint::cannot read the input: ");
    put_gh(r, o, in->message, strlen(in->message), 0, 0);
    rep_putc(o, '\n');
    return rep_out_status(o);
}

/* text-escape, then Markdown-escape (a table cell) */
static void put_md(rep_reporter *r, rep_out *o, const char *s, int raw) {
    rep_out_reset(&r->scratch);
    rep_esc_text(&r->scratch, s, strlen(s), raw);
    if (rep_out_status(&r->scratch) < 0) {
        o->err = o->err != 0 ? o->err : r->scratch.err;
        return;
    }
    rep_esc_markdown(o, r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len);
}

/* The Markdown job summary. */
static void write_step_summary(rep_reporter *r, rep_out *o, const char *line) {
    rep_puts(o, "\n### lscertlint\n\n");
    put_md(r, o, line, 0);
    rep_puts(o, "\n");
    if (r->counts[LSC_ERROR] + r->counts[LSC_WARNING] + r->counts[LSC_NOTE] == 0)
        return;

    rep_puts(o, "\n| Rule | Severity | Findings |\n| --- | --- | ---: |\n");
    for (size_t i = 0; i <= r->nrules; i++) {
        if (r->rule_counts[i] == 0)
            continue;
        const lsc_rule *rule = i < r->nrules ? lsc_rule_at(i) : NULL;
        lsc_severity sev = LSC_OFF;
        if (rule != NULL)
            sev = r->opts.config != NULL ? lsc_config_severity(r->opts.config, rule->id)
                                         : rule->severity;
        rep_puts(o, "| ");
        put_md(r, o, rule != NULL ? rule->id : "(other)", 1);
        rep_puts(o, " | ");
        rep_puts(o, sev != LSC_OFF ? lsc_severity_name(sev) : "");
        rep_puts(o, " | ");
        rep_putu(o, r->rule_counts[i]);
        rep_puts(o, " |\n");
    }

    rep_puts(o, "\n| File | Errors | Warnings | Notes |\n| --- | ---: | ---: | ---: |\n");
    size_t rows = 0, more = 0;
    for (size_t i = 0; i < r->ninputs; i++) {
        const rep_input *in = &r->inputs[i];
        if (in->counts[LSC_ERROR] + in->counts[LSC_WARNING] + in->counts[LSC_NOTE] == 0)
            continue;
        if (rows++ >= REP_SUMMARY_MAX_FILES) {
            more++;
            continue;
        }
        rep_puts(o, "| ");
        put_md(r, o, in->file, 1);
        rep_printf(o, " | %zu | %zu | %zu |\n", in->counts[LSC_ERROR], in->counts[LSC_WARNING],
                   in->counts[LSC_NOTE]);
    }
    if (more > 0)
        rep_printf(o, "\n…and %zu more files with findings.\n", more);
}

int rep_github_finish(rep_reporter *r) {
    char line[256];
    rep_summary_line(r, line, sizeof line);
    rep_puts(&r->out, "::notice::");
    put_gh(r, &r->out, line, strlen(line), 0, 0);
    rep_putc(&r->out, '\n');
    if (rep_out_status(&r->out) < 0)
        return -1;

    const char *path = getenv("GITHUB_STEP_SUMMARY");
    if (path == NULL || path[0] == '\0')
        return 0;
    FILE *fp = fopen(path, "a");
    if (fp == NULL)
        return -1;
    rep_out so;
    rep_out_init(&so, fp);
    write_step_summary(r, &so, line);
    if (fclose(fp) != 0 && so.err == 0)
        so.err = errno != 0 ? errno : EIO;
    return rep_out_status(&so);
}
