/* github: GitHub Actions workflow commands, one per finding:
 *   ::error file=F,line=L,col=C,title=RULE::MESSAGE (POINTER)
 * (no " (POINTER)" at the document root).
 * Every string is first text-escaped (no control character remains, so no
 * value can end the line and start ::add-mask:: or ::stop-commands::), then
 * escaped as @actions/core does. GitHub shows only 10 errors and 10
 * warnings per step, so the run ends with a ::notice:: of the totals and,
 * given a step summary file (the caller passes $GITHUB_STEP_SUMMARY's value:
 * the library reads no environment variable), a Markdown table appended to it.
 * File names are written without a leading "./" (GitHub drops such paths
 * from a pull request's diff view) and, given the workspace (the caller
 * passes $GITHUB_WORKSPACE's value), relative to it. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/internal.h"
#include "report/format.h"

/* Where file names are made relative to: the workspace's real path, and
 * the current directory's path below it ("sub/", "" at the top) or NULL
 * when the current directory is outside it (relative names stay as given). */
typedef struct github_state {
    char *workspace;
    char *cwd_prefix;
} github_state;

/* A copy of the real path of dir (lscp_malloc), else of dir as given;
 * NULL on out-of-memory. */
static char *real_dir(const char *dir) {
    char *rp = realpath(dir, NULL);
    const char *use = rp != NULL ? rp : dir;
    size_t n = strlen(use);
    while (n > 1 && use[n - 1] == '/')
        n--;
    char *copy = lscr_strndup(use, n);
    free(rp);
    return copy;
}

/* The part of path below dir ("" for dir itself), or NULL. */
static const char *below(const char *path, const char *dir) {
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return path[0] == '/' ? path + 1 : NULL;
    if (strncmp(path, dir, n) != 0 || (path[n] != '/' && path[n] != '\0'))
        return NULL;
    return path[n] == '/' ? path + n + 1 : path + n;
}

static int github_init(lsc_reporter *r) {
    github_state *s = r->state;
    if (r->opts.workspace == NULL || r->opts.workspace[0] != '/')
        return 0; /* no workspace, or one that is not a path: names as given */
    if ((s->workspace = real_dir(r->opts.workspace)) == NULL)
        return -1;
    char *cwd = getcwd(NULL, 0);
    const char *rel = cwd != NULL ? below(cwd, s->workspace) : NULL;
    if (rel != NULL) {
        size_t n = strlen(rel);
        s->cwd_prefix = lscp_malloc(n + 2);
        if (s->cwd_prefix == NULL) {
            free(cwd);
            return -1;
        }
        memcpy(s->cwd_prefix, rel, n);
        s->cwd_prefix[n] = '/';
        s->cwd_prefix[n > 0 ? n + 1 : 0] = '\0';
    }
    free(cwd);
    return 0;
}

static void github_release(lsc_reporter *r) {
    github_state *s = r->state;
    lscp_free(s->workspace);
    lscp_free(s->cwd_prefix);
}

/* Append the segments of path to o (a path being built in memory), "."
 * dropped and ".." taking back the previous segment while there is one. */
static void put_segments(lscr_out *o, const char *path) {
    while (*path != '\0') {
        const char *end = strchr(path, '/');
        size_t n = end != NULL ? (size_t)(end - path) : strlen(path);
        if (n == 2 && path[0] == '.' && path[1] == '.' && o->len > 0 &&
            !(o->len >= 2 && memcmp(o->buf + o->len - 2, "..", 2) == 0 &&
              (o->len == 2 || o->buf[o->len - 3] == '/'))) {
            char *slash = memrchr(o->buf, '/', o->len);
            o->len = slash != NULL ? (size_t)(slash - o->buf) : 0;
            o->buf[o->len] = '\0';
        } else if (n > 0 && !(n == 1 && path[0] == '.')) {
            if (o->len > 0 && o->buf[o->len - 1] != '/')
                lscr_putc(o, '/');
            lscr_put(o, path, n);
        }
        path += n;
        while (*path == '/')
            path++;
    }
}

/* The name GitHub matches against the repository: below the workspace
 * when known, never with a leading "./"; composed in r->scratch. */
static void compose_file(lsc_reporter *r, const char *file) {
    const github_state *s = r->state;
    lscr_out_reset(&r->scratch);
    if (strcmp(file, "<stdin>") == 0) {
        lscr_puts(&r->scratch, file);
        return;
    }
    const char *rel = file[0] == '/' && s->workspace != NULL ? below(file, s->workspace) : NULL;
    if (rel != NULL) {
        put_segments(&r->scratch, rel);
        return;
    }
    if (file[0] == '/') {
        lscr_putc(&r->scratch, '/');
        put_segments(&r->scratch, file);
        return;
    }
    if (s->cwd_prefix != NULL)
        put_segments(&r->scratch, s->cwd_prefix);
    put_segments(&r->scratch, file);
}

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

/* A file property: compose_file(), then escaped as put_gh() does. */
static void put_file(lsc_reporter *r, lscr_out *o, const char *file) {
    compose_file(r, file);
    if (lscr_out_status(&r->scratch) < 0) {
        o->err = o->err != 0 ? o->err : r->scratch.err;
        return;
    }
    size_t n = r->scratch.len;
    char *name = lscr_strndup(r->scratch.buf != NULL ? r->scratch.buf : "", n);
    if (name == NULL) {
        o->err = o->err != 0 ? o->err : ENOMEM;
        return;
    }
    put_gh(r, o, name, n, 1, 1);
    lscp_free(name);
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
    put_file(r, o, file);
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
    if (f->pointer != NULL && f->pointer_len > 0) { /* the root: no empty "()" */
        lscr_puts(o, " (");
        put_gh(r, o, f->pointer, f->pointer_len, 1, 0);
        lscr_putc(o, ')');
    }
    lscr_putc(o, '\n');
    return lscr_out_status(o);
}

static int github_input_end(lsc_reporter *r) {
    const lscr_input *in = lscr_current(r);
    lscr_out *o = &r->out;
    if (in->message == NULL)
        return lscr_out_status(o);
    lscr_puts(o, "::error file=");
    put_file(r, o, in->file);
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
                                  .state_size = sizeof(github_state),
                                  .init = github_init,
                                  .release = github_release,
                                  .finding = github_finding,
                                  .input_end = github_input_end,
                                  .finish = github_finish};
