/* The reporter core (lsc_reporter_*, lscertlint.h): options, counts,
 * per-input records, the order of calls and sticky errors; what is written
 * is the format's (one lscr_ops table per format, report/format.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"
#include "report/format.h"

/* Indexed by lsc_format. */
static const lscr_ops *const formats[] = {
    [LSC_FORMAT_TEXT] = &lscr_text_ops,     [LSC_FORMAT_JSON] = &lscr_json_ops,
    [LSC_FORMAT_JSONL] = &lscr_jsonl_ops,   [LSC_FORMAT_SARIF] = &lscr_sarif_ops,
    [LSC_FORMAT_GITHUB] = &lscr_github_ops, [LSC_FORMAT_JUNIT] = &lscr_junit_ops,
    [LSC_FORMAT_GITLAB] = &lscr_gitlab_ops,
};
#define NFORMATS (sizeof formats / sizeof formats[0])

int lsc_format_parse(const char *name, lsc_format *out) {
    for (size_t i = 0; name != NULL && i < NFORMATS; i++) {
        if (strcmp(name, formats[i]->name) == 0) {
            *out = (lsc_format)i;
            return 0;
        }
    }
    errno = EINVAL;
    return -1;
}

const char *lsc_format_name(lsc_format format) {
    return (unsigned)format < NFORMATS ? formats[format]->name : NULL;
}

void lsc_reporter_options_init(lsc_reporter_options *opts) {
    memset(opts, 0, sizeof *opts);
    opts->size = sizeof *opts;
    opts->format = LSC_FORMAT_TEXT;
    opts->fail_on = LSC_ERROR;
    opts->show = LSC_OFF;
}

/* A copy of an optional string into *dst: 0, or -1 on out-of-memory. */
static int copy_opt(char **dst, const char *s) {
    char *p = NULL;
    if (s != NULL && (p = lscr_strndup(s, strlen(s))) == NULL)
        return -1;
    *dst = p;
    return 0;
}

/* The options as given, for a caller built against any version of the
 * header: fields beyond opts->size keep their defaults. */
static int take_options(lsc_reporter *r, const lsc_reporter_options *given) {
    lsc_reporter_options o;
    lsc_reporter_options_init(&o);
    if (given == NULL || given->size < offsetof(lsc_reporter_options, format) + sizeof o.format ||
        (unsigned)given->format >= NFORMATS) {
        errno = EINVAL;
        return -1;
    }
    memcpy(&o, given, given->size < sizeof o ? given->size : sizeof o);
    r->opts.format = o.format;
    r->opts.color = o.color;
    r->opts.fail_on = o.fail_on;
    r->opts.show = o.show;
    r->opts.config = o.config;
    r->opts.baseline = o.baseline;
    if (copy_opt(&r->opts.tool_version, o.tool_version != NULL ? o.tool_version : lsc_version()) <
            0 ||
        copy_opt(&r->opts.expect_source, o.expect_source) < 0 ||
        copy_opt(&r->opts.step_summary, o.step_summary) < 0 ||
        copy_opt(&r->opts.workspace, o.workspace) < 0) {
        errno = ENOMEM;
        return -1;
    }
    r->ops = formats[o.format];
    return 0;
}

/* The reporter without its output. */
static lsc_reporter *reporter_new(const lsc_reporter_options *opts) {
    lsc_reporter *r = lscp_calloc(1, sizeof *r);
    if (r == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    lscr_out_init(&r->scratch, NULL);
    if (take_options(r, opts) < 0)
        goto error;
    r->nrules = lsc_rule_count();
    r->rule_counts = lscp_calloc(r->nrules + 1, sizeof *r->rule_counts);
    if (r->rule_counts == NULL ||
        (r->ops->state_size > 0 && (r->state = lscp_calloc(1, r->ops->state_size)) == NULL)) {
        errno = ENOMEM;
        goto error;
    }
    if (r->ops->init != NULL && r->ops->init(r) < 0) {
        errno = ENOMEM;
        goto error;
    }
    return r;
error:
    lsc_reporter_free(r);
    return NULL;
}

lsc_reporter *lsc_reporter_new(const lsc_reporter_options *opts, lsc_write_fn write, void *user) {
    if (write == NULL) {
        errno = EINVAL;
        return NULL;
    }
    lsc_reporter *r = reporter_new(opts);
    if (r != NULL)
        lscr_out_init_write(&r->out, write, user);
    return r;
}

lsc_reporter *lsc_reporter_new_file(const lsc_reporter_options *opts, FILE *out) {
    if (out == NULL) {
        errno = EINVAL;
        return NULL;
    }
    lsc_reporter *r = reporter_new(opts);
    if (r != NULL)
        lscr_out_init(&r->out, out);
    return r;
}

void lsc_reporter_free(lsc_reporter *r) {
    if (r == NULL)
        return;
    if (r->state != NULL && r->ops->release != NULL)
        r->ops->release(r);
    lscp_free(r->state);
    for (size_t i = 0; i < r->ninputs; i++) {
        lscp_free(r->inputs[i].file);
        lscp_free(r->inputs[i].status);
        lscp_free(r->inputs[i].message);
    }
    lscp_free(r->inputs);
    lscp_free(r->rule_counts);
    lscp_free(r->opts.tool_version);
    lscp_free(r->opts.expect_source);
    lscp_free(r->opts.step_summary);
    lscp_free(r->opts.workspace);
    lscr_out_release(&r->scratch);
    lscp_free(r);
}

/* Every call starts here: a sticky error ends it, a call after finish is
 * LSC_MISUSE (the tail is written once), and (begin != 0) the format's
 * opening part is written once before anything else. */
static int enter(lsc_reporter *r, int begin) {
    if (r->out.err != 0) {
        errno = r->out.err;
        return -1;
    }
    if (r->finished) {
        errno = EINVAL;
        return LSC_MISUSE;
    }
    if (r->began || !begin)
        return 0;
    r->began = 1;
    return r->ops->begin != NULL ? r->ops->begin(r) : 0;
}

/* What an operation returned: its error, or a write error, made sticky. */
static int leave(lsc_reporter *r, int rc) {
    if (rc < 0)
        return lscr_fail(r, errno);
    return lscr_out_status(&r->out);
}

int lsc_reporter_input_start(lsc_reporter *r, const char *file) {
    int entered = enter(r, 1);
    if (entered < 0)
        return entered;
    if (r->in_input) {
        errno = EINVAL;
        return -1;
    }
    if (lscp_grow(&r->inputs, &r->inputs_cap, r->ninputs + 1, sizeof *r->inputs) < 0)
        return lscr_fail(r, ENOMEM);
    lscr_input *in = &r->inputs[r->ninputs];
    memset(in, 0, sizeof *in);
    if (file == NULL)
        file = "";
    in->file = lscr_strndup(file, strlen(file));
    if (in->file == NULL)
        return lscr_fail(r, ENOMEM);
    r->ninputs++;
    r->in_input = 1;
    return leave(r, r->ops->input_start != NULL ? r->ops->input_start(r) : 0);
}

int lsc_reporter_certificate(lsc_reporter *r, const lsc_certificate *cert) {
    int entered = enter(r, 1);
    if (entered < 0)
        return entered;
    if (!r->in_input || cert == NULL) {
        errno = EINVAL;
        return -1;
    }
    return leave(r, r->ops->certificate != NULL ? r->ops->certificate(r, cert) : 0);
}

int lsc_reporter_absent(lsc_reporter *r, const char *file, const char *rule_id,
                        const char *pointer) {
    int entered = enter(r, 1);
    if (entered < 0)
        return entered;
    if (r->in_input || file == NULL || rule_id == NULL || pointer == NULL) {
        errno = EINVAL;
        return -1;
    }
    return leave(r, r->ops->absent != NULL ? r->ops->absent(r, file, rule_id, pointer) : 0);
}

int lsc_reporter_finding(lsc_reporter *r, const lsc_finding *f, lsc_mark mark) {
    int rc = 0;
    int entered = enter(r, 1);
    if (entered < 0)
        return entered;
    if (!r->in_input || f == NULL || (unsigned)mark > LSC_MARK_UNCHANGED) {
        errno = EINVAL;
        return -1;
    }
    r->mark = mark;
    if (mark == LSC_MARK_UNCHANGED) { /* in the baseline: counted nowhere */
        if (r->ops->shows_unchanged)
            rc = r->ops->finding(r, f);
        r->mark = LSC_MARK_NONE;
        return leave(r, rc);
    }
    unsigned sev = f->severity <= LSC_ERROR ? (unsigned)f->severity : LSC_ERROR;
    lscr_input *in = lscr_current(r);
    if (mark == LSC_MARK_EXPECTED) {
        r->expected++;
    } else {
        r->counts[sev]++;
        in->counts[sev]++;
        long idx = lscr_rule_index(r, f->rule);
        r->rule_counts[idx >= 0 ? (size_t)idx : r->nrules]++;
    }
    if (f->severity >= r->opts.show) /* below --show: counted above, not written */
        rc = r->ops->finding(r, f);
    r->mark = LSC_MARK_NONE;
    return leave(r, rc);
}

int lsc_reporter_input_end(lsc_reporter *r, const lsc_stats *stats, const char *status,
                           const char *message) {
    int entered = enter(r, 0);
    if (entered < 0)
        return entered;
    lscr_input *in = lscr_current(r);
    if (!r->in_input || in == NULL) {
        errno = EINVAL;
        return -1;
    }
    r->in_input = 0;
    if (stats != NULL) {
        in->documents = stats->documents;
        in->certificates = stats->certificates;
        r->documents += stats->documents;
        r->certificates += stats->certificates;
    }
    if (status == NULL)
        status = "ok";
    in->status = lscr_strndup(status, strlen(status));
    if (in->status == NULL ||
        (message != NULL && (in->message = lscr_strndup(message, strlen(message))) == NULL))
        return lscr_fail(r, ENOMEM);
    return leave(r, r->ops->input_end != NULL ? r->ops->input_end(r) : 0);
}

int lsc_reporter_finish(lsc_reporter *r) {
    int entered = enter(r, 1);
    if (entered < 0)
        return entered;
    if (r->in_input) {
        errno = EINVAL;
        return -1;
    }
    r->finished = 1;
    if (r->ops->finish != NULL && r->ops->finish(r) < 0)
        return lscr_fail(r, errno);
    /* the data may still sit in the FILE's buffer: a full disk shows here */
    if (r->out.fp != NULL && r->out.err == 0 && fflush(r->out.fp) != 0)
        return lscr_fail(r, errno);
    return lscr_out_status(&r->out);
}

size_t lsc_reporter_count(const lsc_reporter *r, lsc_report_counter counter) {
    switch (counter) {
    case LSC_COUNT_FILES:
        return r->ninputs;
    case LSC_COUNT_DOCUMENTS:
        return r->documents;
    case LSC_COUNT_CERTIFICATES:
        return r->certificates;
    case LSC_COUNT_ERRORS:
        return r->counts[LSC_ERROR];
    case LSC_COUNT_WARNINGS:
        return r->counts[LSC_WARNING];
    case LSC_COUNT_NOTES:
        return r->counts[LSC_NOTE];
    case LSC_COUNT_EXPECTED:
        return r->expected;
    }
    return 0;
}

int lsc_reporter_summary_line(const lsc_reporter *r, char *buf, size_t size) {
    return lscr_summary_line(r, buf, size);
}
