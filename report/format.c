/* What the formats share with the core (report/format.h): the current
 * input, a finding's file and rule, the summary line, sticky errors. The
 * core (report.c) calls the formats through their tables; the formats call
 * only these, never the core. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/internal.h"
#include "report/format.h"

char *lscr_strndup(const char *s, size_t n) {
    char *p = lscp_malloc(n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

int lscr_fail(lsc_reporter *r, int err) {
    if (r->out.err == 0)
        r->out.err = err != 0 ? err : EIO;
    errno = r->out.err;
    return -1;
}

long lscr_rule_index(const lsc_reporter *r, const lsc_rule *rule) {
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

lscr_input *lscr_current(lsc_reporter *r) {
    return r->ninputs > 0 ? &r->inputs[r->ninputs - 1] : NULL;
}

const char *lscr_finding_file(const lsc_reporter *r, const lsc_finding *f) {
    if (f->file != NULL)
        return f->file;
    if (r->ninputs > 0 && r->inputs[r->ninputs - 1].file != NULL)
        return r->inputs[r->ninputs - 1].file;
    return "";
}

static const char *plural(size_t n, const char *one, const char *many) {
    return n == 1 ? one : many;
}

int lscr_summary_line(const lsc_reporter *r, char *buf, size_t size) {
    return snprintf(buf, size, "%zu %s, %zu %s, %zu %s: %zu %s, %zu %s, %zu %s", r->ninputs,
                    plural(r->ninputs, "file", "files"), r->documents,
                    plural(r->documents, "document", "documents"), r->certificates,
                    plural(r->certificates, "certificate", "certificates"), r->counts[LSC_ERROR],
                    plural(r->counts[LSC_ERROR], "error", "errors"), r->counts[LSC_WARNING],
                    plural(r->counts[LSC_WARNING], "warning", "warnings"), r->counts[LSC_NOTE],
                    plural(r->counts[LSC_NOTE], "note", "notes"));
}
