/* The reporter: counts, per-input records and dispatch to the formats. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/rep_internal.h"

static const struct {
    const char *name;
    rep_format format;
} format_names[] = {
    {"text", REP_TEXT},   {"json", REP_JSON},     {"jsonl", REP_JSONL},
    {"sarif", REP_SARIF}, {"github", REP_GITHUB}, {"junit", REP_JUNIT},
};

int rep_format_parse(const char *name, rep_format *out) {
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (strcmp(name, format_names[i].name) == 0) {
            *out = format_names[i].format;
            return 0;
        }
    }
    return -1;
}

static char *dup_str(const char *s) {
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

rep_reporter *rep_new(const rep_options *opts, FILE *out) {
    rep_reporter *r = calloc(1, sizeof *r);
    if (r == NULL)
        return NULL;
    r->opts = *opts;
    rep_out_init(&r->out, out);
    rep_out_init(&r->scratch, NULL);
    rep_out_init(&r->spool, NULL);
    r->nrules = lsc_rule_count();
    r->rule_counts = calloc(r->nrules + 1, sizeof *r->rule_counts);
    if (r->rule_counts == NULL)
        goto error;
    if (opts->format == REP_SARIF && rep_sarif_init(r) < 0)
        goto error;
    return r;
error:
    rep_free(r);
    return NULL;
}

void rep_free(rep_reporter *r) {
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->ninputs; i++) {
        free(r->inputs[i].file);
        free(r->inputs[i].status);
        free(r->inputs[i].message);
    }
    free(r->inputs);
    rep_junit_clear(r);
    free(r->junit);
    free(r->rule_counts);
    free(r->rule_to_sarif);
    free(r->cert_id);
    rep_fingerprints_clear(r);
    if (r->spool_fp != NULL)
        fclose(r->spool_fp);
    rep_out_release(&r->spool);
    rep_out_release(&r->scratch);
    free(r);
}

long rep_rule_index(const rep_reporter *r, const lsc_rule *rule) {
    if (rule == NULL)
        return -1;
    /* findings point into the catalog: compare pointers, ids only as a fallback */
    for (size_t i = 0; i < r->nrules; i++)
        if (lsc_rule_at(i) == rule)
            return (long)i;
    for (size_t i = 0; i < r->nrules && rule->id != NULL; i++) {
        const lsc_rule *c = lsc_rule_at(i);
        if (c != NULL && strcmp(c->id, rule->id) == 0)
            return (long)i;
    }
    return -1;
}

rep_input *rep_current(rep_reporter *r) {
    return r->ninputs > 0 ? &r->inputs[r->ninputs - 1] : NULL;
}

const char *rep_finding_file(const rep_reporter *r, const lsc_finding *f) {
    if (f->file != NULL)
        return f->file;
    if (r->ninputs > 0 && r->inputs[r->ninputs - 1].file != NULL)
        return r->inputs[r->ninputs - 1].file;
    return "";
}

/* The opening part of the document formats, written once before anything else. */
static int ensure_head(rep_reporter *r) {
    if (r->head_written)
        return 0;
    r->head_written = 1;
    switch (r->opts.format) {
    case REP_JSON:
        return rep_json_head(r);
    case REP_SARIF:
        return rep_sarif_head(r);
    case REP_JUNIT:
        return rep_junit_head(r);
    default:
        return 0;
    }
}

int rep_input_start(rep_reporter *r, const char *file) {
    if (ensure_head(r) < 0)
        return -1;
    if (r->ninputs == r->inputs_cap) {
        size_t cap = r->inputs_cap != 0 ? r->inputs_cap * 2 : 16;
        rep_input *p = realloc(r->inputs, cap * sizeof *p);
        if (p == NULL) {
            errno = ENOMEM;
            return -1;
        }
        r->inputs = p;
        r->inputs_cap = cap;
    }
    rep_input *in = &r->inputs[r->ninputs];
    memset(in, 0, sizeof *in);
    in->file = dup_str(file != NULL ? file : "");
    if (in->file == NULL) {
        errno = ENOMEM;
        return -1;
    }
    r->ninputs++;
    r->in_input = 1;
    r->cert_known = 0;
    if (r->fp_used > 0) /* fingerprints count per input */
        rep_fingerprints_clear(r);
    return rep_out_status(&r->out);
}

void rep_mark_next(rep_reporter *r, rep_mark mark) {
    r->mark = mark;
}

size_t rep_expected_count(const rep_reporter *r) {
    return r->expected;
}

/* The identity of a certificate for fingerprints: its ARN, else its name
 * (the summary's, else the detail's), else its index. */
int rep_certificate(rep_reporter *r, const lsc_certificate *cert) {
    const lsc_string *id = NULL;
    char buf[32];
    if (cert->certificate_arn.m.ok && cert->certificate_arn.len > 0)
        id = &cert->certificate_arn;
    else if (cert->certificate_detail.arn.m.ok && cert->certificate_detail.arn.len > 0)
        id = &cert->certificate_detail.arn;
    else if (cert->certificate_name.m.ok && cert->certificate_name.len > 0)
        id = &cert->certificate_name;
    else if (cert->certificate_detail.name.m.ok && cert->certificate_detail.name.len > 0)
        id = &cert->certificate_detail.name;
    free(r->cert_id);
    r->cert_id = NULL;
    r->cert_known = 0;
    if (id != NULL) {
        r->cert_id = malloc(id->len + 2);
        if (r->cert_id != NULL) {
            r->cert_id[0] = id == &cert->certificate_arn || id == &cert->certificate_detail.arn
                                ? 'a'
                                : 'n'; /* an ARN and a name never meet */
            memcpy(r->cert_id + 1, id->s, id->len);
            r->cert_id[id->len + 1] = '\0';
        }
    } else {
        snprintf(buf, sizeof buf, "#%zu", cert->index);
        r->cert_id = dup_str(buf);
    }
    if (r->cert_id == NULL) {
        errno = ENOMEM;
        return -1;
    }
    r->cert_known = 1;
    r->cert_document = cert->document;
    r->cert_index = cert->index;
    return 0;
}

int rep_absent(rep_reporter *r, const char *file, const char *rule_id, const char *pointer) {
    if (ensure_head(r) < 0)
        return -1;
    if (r->opts.format != REP_SARIF)
        return rep_out_status(&r->out);
    return rep_sarif_absent(r, file, rule_id, pointer);
}

static int write_finding(rep_reporter *r, const lsc_finding *f) {
    switch (r->opts.format) {
    case REP_TEXT:
        return rep_text_finding(r, f);
    case REP_JSONL:
        return rep_jsonl_finding(r, f);
    case REP_JSON:
        return rep_json_finding(r, f);
    case REP_SARIF:
        return rep_sarif_finding(r, f);
    case REP_GITHUB:
        return rep_github_finding(r, f);
    case REP_JUNIT:
        return rep_junit_finding(r, f);
    }
    return 0;
}

int rep_finding(rep_reporter *r, const lsc_finding *f) {
    int rc;
    if (ensure_head(r) < 0)
        return -1;
    if (r->mark == REP_MARK_UNCHANGED) { /* in the baseline: sarif alone shows it */
        rc = r->opts.format == REP_SARIF ? rep_sarif_finding(r, f) : rep_out_status(&r->out);
        r->mark = REP_MARK_NONE;
        return rc;
    }
    unsigned sev = f->severity <= LSC_ERROR ? (unsigned)f->severity : LSC_ERROR;
    rep_input *in = rep_current(r);
    if (r->mark == REP_MARK_EXPECTED) {
        r->expected++;
    } else {
        r->counts[sev]++;
        if (in != NULL)
            in->counts[sev]++;
        long idx = rep_rule_index(r, f->rule);
        r->rule_counts[idx >= 0 ? (size_t)idx : r->nrules]++;
    }
    if (f->severity < r->opts.show) /* --show: counted above, not written */
        rc = rep_out_status(&r->out);
    else
        rc = write_finding(r, f);
    r->mark = REP_MARK_NONE;
    return rc;
}

int rep_input_end(rep_reporter *r, const lsc_stats *stats, const char *status,
                  const char *message) {
    rep_input *in = rep_current(r);
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
    in->status = dup_str(status != NULL ? status : "ok");
    if (in->status == NULL || (message != NULL && (in->message = dup_str(message)) == NULL)) {
        errno = ENOMEM;
        return -1;
    }
    switch (r->opts.format) {
    case REP_JSON:
        return rep_json_input_end(r);
    case REP_GITHUB:
        return rep_github_input_end(r);
    case REP_JUNIT:
        return rep_junit_input_end(r);
    default:
        return rep_out_status(&r->out);
    }
}

int rep_finish(rep_reporter *r) {
    if (ensure_head(r) < 0)
        return -1;
    int rc = 0;
    switch (r->opts.format) {
    case REP_JSON:
        rc = rep_json_finish(r);
        break;
    case REP_SARIF:
        rc = rep_sarif_finish(r);
        break;
    case REP_GITHUB:
        rc = rep_github_finish(r);
        break;
    case REP_JUNIT:
        rc = rep_junit_finish(r);
        break;
    default:
        break;
    }
    if (rc < 0)
        return -1;
    /* the data may still sit in the FILE's buffer: a full disk shows here */
    if (r->out.fp != NULL && r->out.err == 0 && fflush(r->out.fp) != 0)
        r->out.err = errno != 0 ? errno : EIO;
    return rep_out_status(&r->out);
}

static const char *plural(size_t n, const char *one, const char *many) {
    return n == 1 ? one : many;
}

void rep_summary_line(const rep_reporter *r, char *buf, size_t size) {
    snprintf(buf, size, "%zu %s, %zu %s, %zu %s: %zu %s, %zu %s, %zu %s", r->ninputs,
             plural(r->ninputs, "file", "files"), r->documents,
             plural(r->documents, "document", "documents"), r->certificates,
             plural(r->certificates, "certificate", "certificates"), r->counts[LSC_ERROR],
             plural(r->counts[LSC_ERROR], "error", "errors"), r->counts[LSC_WARNING],
             plural(r->counts[LSC_WARNING], "warning", "warnings"), r->counts[LSC_NOTE],
             plural(r->counts[LSC_NOTE], "note", "notes"));
}
