/* text: FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (POINTER), the line gcc
 * prints and compilers' error matchers read. */
#include "config.h"

#include <string.h>

#include "report/rep_internal.h"

#define SGR_BOLD "\033[1m"
#define SGR_RESET "\033[0m"

static const char *severity_colour(lsc_severity sev) {
    switch (sev) {
    case LSC_ERROR:
        return "\033[1;31m";
    case LSC_WARNING:
        return "\033[1;33m";
    default:
        return "\033[1;36m";
    }
}

void rep_text_line(rep_out *o, const lsc_finding *f, const char *file, int color) {
    const char *sev = lsc_severity_name(f->severity);
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    const char *msg = f->message != NULL ? f->message : "";

    if (color)
        rep_puts(o, SGR_BOLD);
    rep_esc_text(o, file, strlen(file), 1);
    rep_putc(o, ':');
    rep_putu(o, f->pos.line);
    rep_putc(o, ':');
    rep_putu(o, f->pos.column);
    rep_putc(o, ':');
    if (color)
        rep_puts(o, SGR_RESET);
    rep_putc(o, ' ');
    if (color)
        rep_puts(o, severity_colour(f->severity));
    rep_puts(o, sev != NULL ? sev : "error");
    rep_putc(o, ':');
    if (color)
        rep_puts(o, SGR_RESET);
    rep_putc(o, ' ');
    rep_esc_text(o, msg, strlen(msg), 0);
    rep_puts(o, " [");
    rep_esc_text(o, rule, strlen(rule), 1);
    rep_puts(o, "] (");
    if (f->pointer != NULL)
        rep_esc_text(o, f->pointer, f->pointer_len, 1);
    rep_putc(o, ')');
}

int rep_text_finding(rep_reporter *r, const lsc_finding *f) {
    rep_text_line(&r->out, f, rep_finding_file(r, f), r->opts.color);
    if (r->mark == REP_MARK_EXPECTED)
        rep_puts(&r->out, " [expected]");
    rep_putc(&r->out, '\n');
    return rep_out_status(&r->out);
}
