/* The inventory: the certificates themselves, one row each, the question
 * an operator asks first (which expire when, in which status, with which
 * renewal state), with the count of findings of each severity on each.
 *
 * Rows are kept in memory until the end (they are sorted by notAfter), a
 * few hundred bytes per certificate. Every string from the input is
 * escaped as in the reports (lsc_escape()) before it is printed. */
#include "config.h"

#include "cli/inventory.h"
#include "cli/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>


#define DAY_SECONDS 86400
#define TEXT_WIDTH 80 /* when neither the terminal nor COLUMNS says */

typedef struct text {
    char *s; /* raw bytes from the input, NUL-terminated; NULL: absent */
    size_t len;
} text;

typedef struct row {
    size_t input; /* index into inv->inputs */
    size_t document, index, seq;
    text name, domain, status, renewal;
    int has_not_before, has_not_after, has_in_use;
    lsc_time not_before, not_after;
    int64_t in_use;
    size_t counts[4]; /* by lsc_severity */
} row;

struct cli_inventory {
    lsc_time now;
    char **inputs;
    size_t ninputs, inputs_cap;
    row *rows;
    size_t nrows, rows_cap;
};

cli_inventory *cli_inventory_new(lsc_time now) {
    cli_inventory *inv = calloc(1, sizeof *inv);
    if (inv)
        inv->now = now;
    return inv;
}

static void text_free(text *t) {
    free(t->s);
}

void cli_inventory_free(cli_inventory *inv) {
    if (!inv)
        return;
    for (size_t i = 0; i < inv->nrows; i++) {
        row *r = &inv->rows[i];
        text_free(&r->name);
        text_free(&r->domain);
        text_free(&r->status);
        text_free(&r->renewal);
    }
    for (size_t i = 0; i < inv->ninputs; i++)
        free(inv->inputs[i]);
    free(inv->inputs);
    free(inv->rows);
    free(inv);
}

int cli_inventory_input(cli_inventory *inv, const char *name) {
    if (cli_grow(&inv->inputs, &inv->inputs_cap, inv->ninputs + 1, sizeof *inv->inputs) != 0)
        return -1;
    if (!(inv->inputs[inv->ninputs] = strdup(name)))
        return -1;
    inv->ninputs++;
    return 0;
}

static int text_set(text *t, const char *s, size_t len) {
    t->s = malloc(len + 1);
    if (!t->s)
        return -1;
    if (len)
        memcpy(t->s, s, len);
    t->s[len] = '\0';
    t->len = len;
    return 0;
}

static int string_set(text *t, const lsc_string *s) {
    return s->m.ok ? text_set(t, s->s, s->len) : 0;
}

static int usable(const lsc_timestamp *t) {
    return t->m.ok && t->status == LSC_TIME_OK;
}

/* The certificate as findings name it: certificateName, else the detail's
 * name, else the last segment of the ARN, else #INDEX (lib/checker.c). */
static int identity(text *t, const lsc_certificate *c) {
    const lsc_certificate_detail *d = &c->certificate_detail;
    if (c->certificate_name.m.ok && c->certificate_name.len > 0)
        return string_set(t, &c->certificate_name);
    if (d->m.ok && d->name.m.ok && d->name.len > 0)
        return string_set(t, &d->name);
    const lsc_string *arn = c->certificate_arn.m.ok && c->certificate_arn.len > 0 ? &c->certificate_arn
                            : d->m.ok && d->arn.m.ok && d->arn.len > 0          ? &d->arn
                                                                                : NULL;
    if (arn) {
        size_t start = arn->len;
        while (start > 0 && arn->s[start - 1] != '/' && arn->s[start - 1] != ':')
            start--;
        if (start < arn->len)
            return text_set(t, arn->s + start, arn->len - start);
    }
    char idx[32];
    int n = snprintf(idx, sizeof idx, "#%zu", c->index);
    return text_set(t, idx, n < 0 ? 0 : (size_t)n);
}

int cli_inventory_certificate(cli_inventory *inv, const lsc_certificate *c) {
    if (inv->ninputs == 0 && cli_inventory_input(inv, "<stdin>") != 0)
        return -1;
    if (cli_grow(&inv->rows, &inv->rows_cap, inv->nrows + 1, sizeof *inv->rows) != 0)
        return -1;
    row *r = &inv->rows[inv->nrows];
    memset(r, 0, sizeof *r);
    r->input = inv->ninputs - 1;
    r->document = c->document;
    r->index = c->index;
    r->seq = inv->nrows;
    inv->nrows++; /* counted now: a failure below leaves a row to free */
    const lsc_certificate_detail *d = &c->certificate_detail;
    if (identity(&r->name, c) != 0)
        return -1;
    if (c->domain_name.m.ok ? string_set(&r->domain, &c->domain_name)
                            : d->m.ok && string_set(&r->domain, &d->domain_name))
        return -1;
    if (!d->m.ok)
        return 0;
    if (string_set(&r->status, &d->status) != 0)
        return -1;
    if (d->renewal_summary.m.ok && string_set(&r->renewal, &d->renewal_summary.renewal_status) != 0)
        return -1;
    if ((r->has_not_before = usable(&d->not_before)))
        r->not_before = d->not_before.t;
    if ((r->has_not_after = usable(&d->not_after)))
        r->not_after = d->not_after.t;
    if ((r->has_in_use = d->in_use_resource_count.m.ok))
        r->in_use = d->in_use_resource_count.v;
    return 0;
}

void cli_inventory_finding(cli_inventory *inv, const lsc_finding *f) {
    if (!f->has_certificate || inv->ninputs == 0)
        return;
    /* the certificate's findings come right after it: search from the end */
    for (size_t i = inv->nrows; i-- > 0;) {
        row *r = &inv->rows[i];
        if (r->input != inv->ninputs - 1)
            return;
        if (r->document == f->document && r->index == f->certificate) {
            r->counts[f->severity]++;
            return;
        }
    }
}

/* ---- values as printed ------------------------------------------------- */

/* Days from now until t, rounded down: -1 is "expired less than a day ago". */
static int64_t days_left(lsc_time now, lsc_time t) {
    int64_t s = t.sec - now.sec - (t.nsec < now.nsec);
    int64_t d = s / DAY_SECONDS;
    if (s % DAY_SECONDS < 0)
        d--;
    return d;
}

/* UTC RFC 3339, whole seconds unless there is a fraction; date_only: the
 * date alone. */
static void time_text(char *buf, size_t size, lsc_time t, int date_only) {
    char full[40], frac[16] = "";
    lsc_time_format(t, full, sizeof full);
    if (date_only) {
        snprintf(buf, size, "%.10s", full);
        return;
    }
    if (t.nsec > 0) {
        int n = snprintf(frac, sizeof frac, ".%09d", (int)t.nsec);
        while (n > 2 && frac[n - 1] == '0')
            frac[--n] = '\0';
    }
    snprintf(buf, size, "%.19s%sZ", full, frac);
}

static int row_cmp(const void *a, const void *b) {
    const row *x = a, *y = b;
    if (x->has_not_after != y->has_not_after)
        return x->has_not_after ? -1 : 1;
    if (x->has_not_after) {
        if (x->not_after.sec != y->not_after.sec)
            return x->not_after.sec < y->not_after.sec ? -1 : 1;
        if (x->not_after.nsec != y->not_after.nsec)
            return x->not_after.nsec < y->not_after.nsec ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void sort_rows(cli_inventory *inv) {
    if (inv->nrows > 1)
        qsort(inv->rows, inv->nrows, sizeof *inv->rows, row_cmp);
}

/* The columns, in order. */
enum {
    C_FILE,
    C_DOCUMENT,
    C_NAME,
    C_DOMAIN,
    C_STATUS,
    C_NOT_BEFORE,
    C_NOT_AFTER,
    C_DAYS,
    C_RENEWAL,
    C_IN_USE,
    C_ERRORS,
    C_WARNINGS,
    C_NOTES,
    C_COUNT
};

static const char *const csv_names[C_COUNT] = {
    "file",    "document",      "certificate",   "domain",  "status",
    "notBefore", "notAfter",    "daysLeft",      "renewalStatus", "inUseResourceCount",
    "errors",  "warnings",      "notes"};
static const char *const text_names[C_COUNT] = {
    "FILE",       "DOC",  "CERTIFICATE", "DOMAIN", "STATUS", "NOT-BEFORE", "NOT-AFTER",
    "DAYS",       "RENEWAL", "USE", "E/W/N", "", ""};
static const char *const markdown_names[C_COUNT] = {
    "File",      "Doc",  "Certificate", "Domain", "Status", "Not before", "Not after",
    "Days left", "Renewal", "In use", "Errors", "Warnings", "Notes"};

static int numeric(int c) {
    return c == C_DOCUMENT || c == C_DAYS || c == C_IN_USE || c >= C_ERRORS;
}

/* One cell as printable text (escaped as in the text report) into o; the
 * empty string for an absent value. date_only: dates without the time. */
static void cell(cli_out *o, const cli_inventory *inv, const row *r, int c, int date_only) {
    char buf[64];
    const text *t = NULL;
    switch (c) {
    case C_FILE:
        cli_put_escaped(o, LSC_ESCAPE_NAME, inv->inputs[r->input], strlen(inv->inputs[r->input]));
        return;
    case C_DOCUMENT:
        cli_putu(o, r->document);
        return;
    case C_NAME:
        t = &r->name;
        break;
    case C_DOMAIN:
        t = &r->domain;
        break;
    case C_STATUS:
        t = &r->status;
        break;
    case C_RENEWAL:
        t = &r->renewal;
        break;
    case C_NOT_BEFORE:
    case C_NOT_AFTER: {
        int has = c == C_NOT_BEFORE ? r->has_not_before : r->has_not_after;
        if (has) {
            time_text(buf, sizeof buf, c == C_NOT_BEFORE ? r->not_before : r->not_after,
                      date_only);
            cli_puts(o, buf);
        }
        return;
    }
    case C_DAYS:
        if (r->has_not_after)
            cli_printf(o, "%lld", (long long)days_left(inv->now, r->not_after));
        return;
    case C_IN_USE:
        if (r->has_in_use)
            cli_printf(o, "%lld", (long long)r->in_use);
        return;
    default:
        cli_putu(o, r->counts[c == C_ERRORS ? LSC_ERROR : c == C_WARNINGS ? LSC_WARNING : LSC_NOTE]);
        return;
    }
    if (t->s)
        cli_put_escaped(o, LSC_ESCAPE_NAME, t->s, t->len);
}

/* Code points of UTF-8 text (escaped cells are valid UTF-8). */
static size_t width(const char *s) {
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* The byte length of the first n code points of s. */
static size_t prefix_bytes(const char *s, size_t n) {
    size_t i = 0;
    while (s[i] && n > 0) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

/* ---- text: aligned columns --------------------------------------------- */

/* The width to fit: the terminal's (TIOCGWINSZ) when out is one, else
 * COLUMNS when it is a number from 20 to 10000 (as shells export it), else
 * TEXT_WIDTH. */
static size_t text_width(FILE *out) {
    struct winsize ws;
    if (out != NULL && isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col >= 20)
        return ws.ws_col;
    const char *env = getenv("COLUMNS");
    if (env != NULL && *env != '\0') {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v >= 20 && v <= 10000)
            return (size_t)v;
    }
    return TEXT_WIDTH;
}

/* The columns a row too wide for the width narrows, and how far. */
static const int narrowable[] = {C_FILE, C_NAME, C_DOMAIN, C_STATUS, C_RENEWAL};
static size_t narrowest(int c) { return c == C_STATUS || c == C_RENEWAL ? 10 : 12; }

static int write_text(cli_inventory *inv, cli_out *o, size_t width_limit) {
    size_t n = inv->nrows;
    char **cells = calloc(n * C_COUNT + 1, sizeof *cells);
    size_t w[C_COUNT];
    int shown[C_COUNT];
    int rc = -1;
    if (!cells)
        return -1;
    cli_out scratch;
    cli_out_init(&scratch, NULL);
    for (int c = 0; c < C_COUNT; c++) {
        w[c] = strlen(text_names[c]);
        shown[c] = c != C_WARNINGS && c != C_NOTES; /* one column: errors/warnings/notes */
    }
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < C_COUNT; c++) {
            const row *r = &inv->rows[i];
            cli_out_reset(&scratch);
            if (c == C_ERRORS)
                cli_printf(&scratch, "%zu/%zu/%zu", r->counts[LSC_ERROR], r->counts[LSC_WARNING],
                           r->counts[LSC_NOTE]);
            else
                cell(&scratch, inv, r, c, 1);
            if (cli_out_status(&scratch) < 0)
                goto out;
            if (!(cells[i * C_COUNT + c] = strdup(scratch.len ? scratch.buf : "-")))
                goto out;
            size_t cw = width(cells[i * C_COUNT + c]);
            if (cw > w[c])
                w[c] = cw;
        }
    /* fit the width when that is possible: drop notBefore and the document
     * index, then narrow the widest of file, certificate and domain (down to
     * 12, with "...") and of the status and renewal status (down to 10:
     * PENDING_VALIDATION is PENDING...); when even that is too wide, show
     * everything whole */
    size_t total = 0;
    for (int c = 0; c < C_COUNT; c++)
        if (shown[c])
            total += w[c] + 2;
    total -= 2;
    if (total > width_limit) {
        shown[C_NOT_BEFORE] = shown[C_DOCUMENT] = 0;
        total -= w[C_NOT_BEFORE] + w[C_DOCUMENT] + 4;
        if (inv->ninputs == 1) { /* one file: the column says nothing */
            shown[C_FILE] = 0;
            total -= w[C_FILE] + 2;
        }
    }
    size_t least = total;
    for (size_t k = 0; k < sizeof narrowable / sizeof narrowable[0]; k++) {
        int c = narrowable[k];
        if (shown[c] && w[c] > narrowest(c))
            least -= w[c] - narrowest(c);
    }
    if (least > width_limit) { /* it cannot fit: everything, whole */
        for (int c = 0; c < C_COUNT; c++)
            shown[c] = c != C_WARNINGS && c != C_NOTES;
        total = width_limit;
    }
    while (total > width_limit) { /* least <= width_limit: one is always found */
        int widest = -1;
        for (size_t k = 0; k < sizeof narrowable / sizeof narrowable[0]; k++) {
            int c = narrowable[k];
            if (shown[c] && w[c] > narrowest(c) && (widest < 0 || w[c] > w[widest]))
                widest = c;
        }
        w[widest]--;
        total--;
    }
    for (size_t i = 0; i <= n; i++) {
        int first = 1;
        for (int c = 0; c < C_COUNT; c++) {
            if (!shown[c])
                continue;
            const char *s = i == 0 ? text_names[c] : cells[(i - 1) * C_COUNT + c];
            size_t sw = width(s);
            int last = 1;
            for (int k = c + 1; k < C_COUNT; k++)
                if (shown[k])
                    last = 0;
            if (!first)
                cli_puts(o, "  ");
            first = 0;
            if (sw > w[c]) { /* cut: keep a file name's end, a name's start */
                if (c == C_FILE) {
                    cli_puts(o, "...");
                    const char *tail = s + prefix_bytes(s, sw - (w[c] - 3));
                    cli_puts(o, tail);
                } else {
                    cli_put(o, s, prefix_bytes(s, w[c] - 3));
                    cli_puts(o, "...");
                }
                continue;
            }
            if (numeric(c))
                for (size_t k = sw; k < w[c]; k++)
                    cli_putc(o, ' ');
            cli_puts(o, s);
            if (!numeric(c) && !last)
                for (size_t k = sw; k < w[c]; k++)
                    cli_putc(o, ' ');
        }
        cli_putc(o, '\n');
    }
    rc = 0;
out:
    for (size_t i = 0; i < n * C_COUNT; i++)
        free(cells[i]);
    free(cells);
    if (cli_out_status(&scratch) < 0)
        rc = -1;
    cli_out_release(&scratch);
    return rc;
}

/* ---- csv: RFC 4180 ----------------------------------------------------- */
/* (also the formula guard the markdown table shares) */

static void csv_field(cli_out *o, const char *s, size_t n) {
    int quote = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            quote = 1;
    if (!quote) {
        cli_put(o, s, n);
        return;
    }
    cli_putc(o, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            cli_putc(o, '"');
        cli_putc(o, s[i]);
    }
    cli_putc(o, '"');
}

/* A cell from the input (file, certificate, domain, status, renewal) that
 * a spreadsheet would run as a formula: it starts with '=', '+', '-', '@',
 * a tab or a CR (OWASP's list). The numeric columns are computed, never
 * guarded (a negative DAYS stays a number). */
static int formula_like(int c, const char *s, size_t n) {
    if (n == 0 || numeric(c) || c == C_NOT_BEFORE || c == C_NOT_AFTER)
        return 0;
    return strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';
}

/* The cell in scratch, with a leading "'" when formula_like(): the
 * spreadsheet shows the text and runs nothing. */
static void guard_formula(cli_out *scratch, int c) {
    if (!formula_like(c, scratch->buf ? scratch->buf : "", scratch->len))
        return;
    char *copy = strdup(scratch->buf);
    if (!copy) {
        scratch->err = scratch->err ? scratch->err : ENOMEM;
        return;
    }
    cli_out_reset(scratch);
    cli_putc(scratch, '\'');
    cli_puts(scratch, copy);
    free(copy);
}

static int write_csv(cli_inventory *inv, cli_out *o) {
    cli_out scratch;
    cli_out_init(&scratch, NULL);
    for (int c = 0; c < C_COUNT; c++) {
        cli_puts(o, c ? "," : "");
        cli_puts(o, csv_names[c]);
    }
    cli_puts(o, "\r\n");
    for (size_t i = 0; i < inv->nrows; i++) {
        for (int c = 0; c < C_COUNT; c++) {
            cli_out_reset(&scratch);
            cell(&scratch, inv, &inv->rows[i], c, 0);
            guard_formula(&scratch, c);
            if (c)
                cli_putc(o, ',');
            csv_field(o, scratch.buf ? scratch.buf : "", scratch.len);
        }
        cli_puts(o, "\r\n");
    }
    int rc = cli_out_status(&scratch);
    cli_out_release(&scratch);
    return rc;
}

/* ---- json: an array of objects with typed values ----------------------- */

static void json_text(cli_out *o, const text *t) {
    if (t->s)
        cli_put_escaped(o, LSC_ESCAPE_JSON, t->s, t->len);
    else
        cli_puts(o, "null");
}

static int write_json(cli_inventory *inv, cli_out *o) {
    char buf[64];
    cli_putc(o, '[');
    for (size_t i = 0; i < inv->nrows; i++) {
        const row *r = &inv->rows[i];
        const char *file = inv->inputs[r->input];
        cli_puts(o, i ? ",\n{\"file\":" : "\n{\"file\":");
        cli_put_escaped(o, LSC_ESCAPE_JSON, file, strlen(file));
        cli_puts(o, ",\"document\":");
        cli_putu(o, r->document);
        cli_puts(o, ",\"certificate\":");
        json_text(o, &r->name);
        cli_puts(o, ",\"domain\":");
        json_text(o, &r->domain);
        cli_puts(o, ",\"status\":");
        json_text(o, &r->status);
        cli_puts(o, ",\"notBefore\":");
        if (r->has_not_before) {
            time_text(buf, sizeof buf, r->not_before, 0);
            cli_printf(o, "\"%s\"", buf);
        } else {
            cli_puts(o, "null");
        }
        cli_puts(o, ",\"notAfter\":");
        if (r->has_not_after) {
            time_text(buf, sizeof buf, r->not_after, 0);
            cli_printf(o, "\"%s\",\"daysLeft\":%lld", buf,
                       (long long)days_left(inv->now, r->not_after));
        } else {
            cli_puts(o, "null,\"daysLeft\":null");
        }
        cli_puts(o, ",\"renewalStatus\":");
        json_text(o, &r->renewal);
        cli_puts(o, ",\"inUseResourceCount\":");
        if (r->has_in_use)
            cli_printf(o, "%lld", (long long)r->in_use);
        else
            cli_puts(o, "null");
        cli_printf(o, ",\"errors\":%zu,\"warnings\":%zu,\"notes\":%zu}", r->counts[LSC_ERROR],
                   r->counts[LSC_WARNING], r->counts[LSC_NOTE]);
    }
    cli_puts(o, inv->nrows ? "\n]\n" : "]\n");
    return 0;
}

/* ---- markdown ---------------------------------------------------------- */

static int write_markdown(cli_inventory *inv, cli_out *o, size_t max) {
    cli_out scratch;
    cli_out_init(&scratch, NULL);
    for (int c = 0; c < C_COUNT; c++)
        cli_printf(o, "| %s ", markdown_names[c]);
    cli_puts(o, "|\n");
    for (int c = 0; c < C_COUNT; c++)
        cli_puts(o, numeric(c) ? "| ---: " : "| --- ");
    cli_puts(o, "|\n");
    size_t shown = inv->nrows < max ? inv->nrows : max;
    for (size_t i = 0; i < shown; i++) {
        for (int c = 0; c < C_COUNT; c++) {
            cli_out_reset(&scratch);
            cell(&scratch, inv, &inv->rows[i], c, 0);
            guard_formula(&scratch, c);
            cli_puts(o, "| ");
            cli_put_escaped(o, LSC_ESCAPE_MARKDOWN, scratch.buf ? scratch.buf : "", scratch.len);
            cli_putc(o, ' ');
        }
        cli_puts(o, "|\n");
    }
    if (shown < inv->nrows)
        cli_printf(o, "\n…and %zu more certificates.\n", inv->nrows - shown);
    int rc = cli_out_status(&scratch);
    cli_out_release(&scratch);
    return rc;
}

int cli_inventory_write(cli_inventory *inv, FILE *out, cli_inventory_format format) {
    cli_out o;
    int rc;
    cli_out_init(&o, out);
    sort_rows(inv);
    switch (format) {
    case CLI_INVENTORY_CSV:
        rc = write_csv(inv, &o);
        break;
    case CLI_INVENTORY_JSON:
        rc = write_json(inv, &o);
        break;
    case CLI_INVENTORY_MARKDOWN:
        rc = write_markdown(inv, &o, (size_t)-1);
        break;
    default:
        rc = write_text(inv, &o, text_width(out));
        break;
    }
    if (cli_out_status(&o) < 0) {
        errno = o.err;
        rc = -1;
    } else if (rc < 0) {
        errno = ENOMEM;
    }
    cli_out_release(&o);
    return rc;
}

int cli_inventory_append_summary(cli_inventory *inv, const char *path, size_t max) {
    FILE *fp = fopen(path, "a");
    if (!fp)
        return -1;
    cli_out o;
    cli_out_init(&o, fp);
    sort_rows(inv);
    cli_puts(&o, "\n#### Certificates\n\n");
    int rc = write_markdown(inv, &o, max);
    int err = cli_out_status(&o) < 0 ? o.err : 0;
    cli_out_release(&o);
    if (fclose(fp) != 0 && err == 0)
        err = errno ? errno : EIO;
    if (err) {
        errno = err;
        return -1;
    }
    return rc;
}

int cli_inventory_format_parse(const char *name, cli_inventory_format *out) {
    static const char *const names[] = {"text", "csv", "json", "markdown"};
    for (int i = 0; i < 4; i++)
        if (strcasecmp(name, names[i]) == 0) {
            *out = (cli_inventory_format)(i + 1);
            return 0;
        }
    return -1;
}
