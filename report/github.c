/* github: GitHub Actions workflow commands, one per finding:
 *   ::error file=F,line=L,col=C,title=RULE::MESSAGE (POINTER)
 * Every string is first text-escaped (no control character remains, so no
 * value can end the line and start ::add-mask:: or ::stop-commands::), then
 * escaped as @actions/core does. GitHub shows only 10 errors and 10
 * warnings per step, so the run ends with a ::notice:: of the totals and,
 * given a step summary file (the caller passes $GITHUB_STEP_SUMMARY's value:
 * the library reads no environment variable), a Markdown table appended to it. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/format.h"

/* Rows of the per-file table of the step summary, at most. */
#define LSCR_SUMMARY_MAX_FILES 200

/* text-escape s, then GitHub-escape it as a property value or as data */
static void put_gh(lsc_reporter *r, lscr_out *o, const char *s, size_t n, int raw, int property) {
    lscr_out_reset(&r->scratch);
    lscr_esc_text(&r->scratch, s, n, raw);
    if (lscr_out_status(&r->scratch) < 0) {
        o->err = o->err != 0 ? o->err : r->scratch.err;
        return;
    }
    lscr_esc_github(o, r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len, property);
}

static const char *command(lsc_severity sev) {
    return sev >= LSC_ERROR ? "::error" : sev == LSC_WARNING ? "::warning" : "::notice";
}

static int github_finding(lsc_reporter *r, const lsc_finding *f) {
    lscr_out *o = &r->out;
    const char *file = lscr_finding_file(r, f);
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    const char *msg = f->message != NULL ? f->message : "";
    /* an expected finding is no alert: a notice that says what it is */
    lscr_puts(o, r->mark == LSC_MARK_EXPECTED ? "::notice" : command(f->severity));
    lscr_puts(o, " file=");
    put_gh(r, o, file, strlen(file), 1, 1);
    lscr_puts(o, ",line=");
    lscr_putu(o, f->pos.line);
    lscr_puts(o, ",col=");
    lscr_putu(o, f->pos.column);
    lscr_puts(o, ",title=");
    put_gh(r, o, rule, strlen(rule), 1, 1);
    lscr_puts(o, "::");
    if (r->mark == LSC_MARK_EXPECTED) {
        lscr_puts(o, "expected ");
        lscr_puts(o, lsc_severity_name(f->severity));
        lscr_puts(o, ": ");
    }
    put_gh(r, o, msg, strlen(msg), 0, 0);
    lscr_puts(o, " (");
    put_gh(r, o, f->pointer != NULL ? f->pointer : "", f->pointer != NULL ? f->pointer_len : 0, 1,
           0);
    lscr_puts(o, ")\n");
    return lscr_out_status(o);
}

static int github_input_end(lsc_reporter *r) {
    const lscr_input *in = lscr_current(r);
    lscr_out *o = &r->out;
    if (in->message == NULL)
        return lscr_out_status(o);
    lscr_puts(o, "::error file=");
    put_gh(r, o, in->file, strlen(in->file), 1, 1);
    lscr_puts(o, ",title=lscertlint::cannot read the input: ");
    put_gh(r, o, in->message, strlen(in->message), 0, 0);
    lscr_putc(o, '\n');
    return lscr_out_status(o);
}

/* text-escape, then Markdown-escape (a table cell) */
static void put_md(lsc_reporter *r, lscr_out *o, const char *s, int raw) {
    lscr_out_reset(&r->scratch);
    lscr_esc_text(&r->scratch, s, strlen(s), raw);
    if (lscr_out_status(&r->scratch) < 0) {
        o->err = o->err != 0 ? o->err : r->scratch.err;
        return;
    }
    lscr_esc_markdown(o, r->scratch.buf != NULL ? r->scratch.buf : "", r->scratch.len);
}

/* The Markdown job summary. */
static void write_step_summary(lsc_reporter *r, lscr_out *o, const char *line) {
    lscr_puts(o, "\n### lscertlint\n\n");
    put_md(r, o, line, 0);
    lscr_puts(o, "\n");
    if (r->counts[LSC_ERROR] + r->counts[LSC_WARNING] + r->counts[LSC_NOTE] == 0)
        return;

    lscr_puts(o, "\n| Rule | Severity | Findings |\n| --- | --- | ---: |\n");
    for (size_t i = 0; i <= r->nrules; i++) {
        if (r->rule_counts[i] == 0)
            continue;
        const lsc_rule *rule = i < r->nrules ? lsc_rule_at(i) : NULL;
        lsc_severity sev = LSC_OFF;
        if (rule != NULL)
            sev = r->opts.config != NULL ? lsc_config_severity(r->opts.config, rule->id)
                                         : rule->severity;
        lscr_puts(o, "| ");
        put_md(r, o, rule != NULL ? rule->id : "(other)", 1);
        lscr_puts(o, " | ");
        lscr_puts(o, sev != LSC_OFF ? lsc_severity_name(sev) : "");
        lscr_puts(o, " | ");
        lscr_putu(o, r->rule_counts[i]);
        lscr_puts(o, " |\n");
    }

    lscr_puts(o, "\n| File | Errors | Warnings | Notes |\n| --- | ---: | ---: | ---: |\n");
    size_t rows = 0, more = 0;
    for (size_t i = 0; i < r->ninputs; i++) {
        const lscr_input *in = &r->inputs[i];
        if (in->counts[LSC_ERROR] + in->counts[LSC_WARNING] + in->counts[LSC_NOTE] == 0)
            continue;
        if (rows++ >= LSCR_SUMMARY_MAX_FILES) {
            more++;
            continue;
        }
        lscr_puts(o, "| ");
        put_md(r, o, in->file, 1);
        lscr_printf(o, " | %zu | %zu | %zu |\n", in->counts[LSC_ERROR], in->counts[LSC_WARNING],
                    in->counts[LSC_NOTE]);
    }
    if (more > 0)
        lscr_printf(o, "\n…and %zu more files with findings.\n", more);
}

static int github_finish(lsc_reporter *r) {
    char line[256];
    lscr_summary_line(r, line, sizeof line);
    lscr_puts(&r->out, "::notice::");
    put_gh(r, &r->out, line, strlen(line), 0, 0);
    lscr_putc(&r->out, '\n');
    if (lscr_out_status(&r->out) < 0)
        return -1;

    const char *path = r->opts.step_summary;
    if (path == NULL || path[0] == '\0')
        return 0;
    FILE *fp = fopen(path, "a");
    if (fp == NULL)
        return -1;
    lscr_out so;
    lscr_out_init(&so, fp);
    write_step_summary(r, &so, line);
    if (fclose(fp) != 0 && so.err == 0)
        so.err = errno != 0 ? errno : EIO;
    return lscr_out_status(&so);
}

const lscr_ops lscr_github_ops = {.name = "github",
                                  .finding = github_finding,
                                  .input_end = github_input_end,
                                  .finish = github_finish};
