#include "config.h"

#include "cli/policy.h"

#include <stdlib.h>
#include <string.h>

#include "cli/config_file.h"

void cli_policy_init(cli_policy *p, const cli_options *opts) {
    memset(p, 0, sizeof *p);
    p->opts = opts;
}

static void forget_certificate(cli_policy *p) {
    free(p->cert_name);
    free(p->cert_arn);
    p->cert_name = p->cert_arn = NULL;
    p->cert_known = 0;
}

void cli_policy_release(cli_policy *p) {
    forget_certificate(p);
    free(p->rel);
    p->rel = NULL;
    free(p->seen);
    p->seen = NULL;
}

int cli_policy_input_start(cli_policy *p, const char *name) {
    forget_certificate(p);
    free(p->rel);
    p->rel = NULL;
    if (!p->opts->cfg)
        return 0;
    p->rel = cli_config_relative(p->opts->cfg, name);
    return 0; /* NULL rel: outside the configuration's tree, or no memory: no entry applies */
}

static char *dup_string(const lsc_string *s) {
    char *c;
    if (!s->m.ok || !s->s || memchr(s->s, '\0', s->len))
        return NULL;
    c = malloc(s->len + 1);
    if (c) {
        memcpy(c, s->s, s->len);
        c[s->len] = '\0';
    }
    return c;
}

int cli_policy_certificate(cli_policy *p, const lsc_certificate *cert) {
    const lsc_string *name = &cert->certificate_name, *arn = &cert->certificate_arn;
    forget_certificate(p);
    if (!name->m.ok)
        name = &cert->certificate_detail.name;
    if (!arn->m.ok)
        arn = &cert->certificate_detail.arn;
    p->cert_known = 1;
    p->cert_document = cert->document;
    p->cert_index = cert->index;
    if ((name->m.ok && !(p->cert_name = dup_string(name)) && !memchr(name->s, '\0', name->len)) ||
        (arn->m.ok && !(p->cert_arn = dup_string(arn)) && !memchr(arn->s, '\0', arn->len)))
        return -1;
    return 0;
}

/* The certificate of f when it is the one last seen. */
static int same_certificate(const cli_policy *p, const lsc_finding *f) {
    return f->has_certificate && p->cert_known && p->cert_document == f->document &&
           p->cert_index == f->certificate;
}

static int ignore_matches(const cli_policy *p, const cfg_ignore *ig, const lsc_finding *f) {
    if (ig->rule && ig->rule != f->rule && (!f->rule || strcmp(ig->rule->id, f->rule->id) != 0))
        return 0;
    if (ig->files.n > 0 && !cli_config_globs_match(&ig->files, p->rel))
        return 0;
    if (ig->pointer && !cli_pointer_match(ig->pointer, f->pointer ? f->pointer : "",
                                          f->pointer ? f->pointer_len : 0))
        return 0;
    if (ig->certificate) {
        if (!same_certificate(p, f))
            return 0;
        if (!(p->cert_name && strcmp(p->cert_name, ig->certificate) == 0) &&
            !(p->cert_arn && strcmp(p->cert_arn, ig->certificate) == 0))
            return 0;
    }
    return 1;
}

cli_verdict cli_policy_judge(cli_policy *p, const lsc_finding *f) {
    const cli_config *cfg = p->opts->cfg;
    size_t i;
    for (i = 0; cfg && i < cfg->nignores; i++) {
        if (ignore_matches(p, &cfg->ignores[i], f)) {
            p->ignored++;
            return CLI_IGNORED;
        }
    }
    return CLI_REPORT;
}
