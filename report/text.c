/* text: FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (POINTER), the line gcc
 * prints and compilers' error matchers read; " (POINTER)" is left out at
 * the document root (an empty pointer). */
#include "config.h"

#include <string.h>

#include "report/format.h"

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

/* What a line's structure is made of, escaped out of the parts that come
 * from the input, so no file name or value can make the line parse with
 * another file, line, column, severity or rule, whatever the matcher (gcc
 * style, greedy or not):
 * - in the file name a ':' that starts ":N:M:", ":N:", ":N:M ", ":N " or
 *   ": " (a forged ":LINE:COL:" or ": error:"), or ":N" or ":N:M" at its end
 *   (the real ":LINE:COL:" follows); a timestamped name such as
 *   certs-2025-05-01T12:00:00Z.json keeps its ':' and stays clickable;
 * - in the message and the pointer a ':' that starts ":N:M: ", ":N: " or
 *   ":N " (a forged ":LINE:COL: error:"; timestamps and ARNs keep theirs);
 * - everywhere '[' and ']' (the only bracketed word is the rule).
 * They become \x3a, \x5b and \x5d: unambiguous, since a '\' of the input
 * is doubled (file names, pointers) or already escaped (messages). */
static size_t skip_digits(const char *s, size_t j, size_t n) {
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++;
    return j;
}

/* Does the ':' at s[i] start ":N:M: ", ":N: " or ":N " (":N:M:" of a
 * timestamp such as 23:59:59+00:00 does not)? */
static int forges_location(const char *s, size_t i, size_t n) {
    size_t j = i + 1, k = skip_digits(s, j, n);
    if (k == j)
        return 0;
    if (k < n && s[k] == ':')
        k = skip_digits(s, k + 1, n);
    if (k < n && s[k] == ':')
        k++;
    return k < n && s[k] == ' ';
}

/* Does the ':' at s[i] of a file name start a location or severity shape
 * (see above)? */
static int file_forges(const char *s, size_t i, size_t n) {
    size_t j = i + 1, k = skip_digits(s, j, n);
    if (k == j) /* no digits: ": error:" and the like */
        return j < n && s[j] == ' ';
    if (k == n || s[k] == ' ')
        return 1;
    if (s[k] != ':')
        return 0;
    size_t m = skip_digits(s, k + 1, n);
    if (m == k + 1) /* ":N:" then no digit: a "FILE:LINE:" of grep -n */
        return 1;
    return m == n || s[m] == ':' || s[m] == ' ';
}

static void put_structural_escaped(lscr_out *o, const char *s, size_t n, int is_file) {
    size_t i, start = 0;
    for (i = 0; i < n; i++) {
        const char *esc = NULL;
        if (s[i] == '[')
            esc = "\\x5b";
        else if (s[i] == ']')
            esc = "\\x5d";
        else if (s[i] == ':' && (is_file ? file_forges(s, i, n) : forges_location(s, i, n)))
            esc = "\\x3a";
        if (!esc)
            continue;
        lscr_put(o, s + start, i - start);
        lscr_puts(o, esc);
        start = i + 1;
    }
    lscr_put(o, s + start, n - start);
}

/* Text-escape s (raw: see lscr_esc_text), then escape its structure. */
static void put_text_part(lscr_out *o, lscr_out *scratch, const char *s, size_t n, int raw,
                          int is_file) {
    lscr_out_reset(scratch);
    lscr_esc_text(scratch, s, n, raw);
    if (lscr_out_status(scratch) < 0) {
        o->err = o->err != 0 ? o->err : scratch->err;
        return;
    }
    put_structural_escaped(o, scratch->buf != NULL ? scratch->buf : "", scratch->len, is_file);
}

void lscr_text_line(lscr_out *o, const lsc_finding *f, const char *file, int color) {
    const char *sev = lsc_severity_name(f->severity);
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    const char *msg = f->message != NULL ? f->message : "";
    lscr_out scratch;

    lscr_out_init(&scratch, NULL);
    if (color)
        lscr_puts(o, SGR_BOLD);
    put_text_part(o, &scratch, file, strlen(file), 1, 1);
    lscr_putc(o, ':');
    lscr_putu(o, f->pos.line);
    lscr_putc(o, ':');
    lscr_putu(o, f->pos.column);
    lscr_putc(o, ':');
    if (color)
        lscr_puts(o, SGR_RESET);
    lscr_putc(o, ' ');
    if (color)
        lscr_puts(o, severity_colour(f->severity));
    lscr_puts(o, sev != NULL ? sev : "error");
    lscr_putc(o, ':');
    if (color)
        lscr_puts(o, SGR_RESET);
    lscr_putc(o, ' ');
    put_text_part(o, &scratch, msg, strlen(msg), 0, 0);
    lscr_puts(o, " [");
    lscr_esc_text(o, rule, strlen(rule), 1);
    lscr_putc(o, ']');
    if (f->pointer != NULL && f->pointer_len > 0) { /* the root: no empty "()" */
        lscr_puts(o, " (");
        put_text_part(o, &scratch, f->pointer, f->pointer_len, 1, 0);
        lscr_putc(o, ')');
    }
    lscr_out_release(&scratch);
}

static int text_finding(lsc_reporter *r, const lsc_finding *f) {
    lscr_text_line(&r->out, f, lscr_finding_file(r, f), r->opts.color);
    if (r->mark == LSC_MARK_EXPECTED)
        lscr_puts(&r->out, " [expected]");
    lscr_putc(&r->out, '\n');
    return lscr_out_status(&r->out);
}

const lscr_ops lscr_text_ops = {.name = "text", .finding = text_finding};
