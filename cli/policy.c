#include "config.h"

#include "cli/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config_file.h"
#include "cli/output.h"

void cli_policy_init(cli_policy *p, const cli_options *opts) {
    memset(p, 0, sizeof *p);
    p->opts = opts;
    p->writing = opts->write_baseline != NULL;
}

int cli_policy_load_baseline(cli_policy *p, int *status) {
    *status = 3;
    if (p->opts->write_baseline) {
        if (stat(p->opts->write_baseline, &p->own[p->nown]) == 0)
            p->nown++;
        /* entries name files relative to the baseline's directory */
        if (!(p->write_dir = cli_baseline_dir(p->opts->write_baseline)))
            goto oom;
    }
    if (!p->opts->baseline)
        return 0;
    if (stat(p->opts->baseline, &p->own[p->nown]) == 0)
        p->nown++;
    if (!(p->baseline_dir = cli_baseline_dir(p->opts->baseline)))
        goto oom;
    return cli_baseline_load(p->opts->baseline, p->opts->baseline_match == CLI_MATCH_CERTIFICATE,
                             &p->baseline, status);
oom:
    cli_error("out of memory");
    return -1;
}

int cli_policy_own_file(const cli_policy *p, const struct stat *st) {
    int i;
    for (i = 0; i < p->nown; i++)
        if (p->own[i].st_dev == st->st_dev && p->own[i].st_ino == st->st_ino)
            return 1;
    return 0;
}

static void forget_certificate(cli_policy *p) {
    free(p->cert_name);
    free(p->cert_arn);
    p->cert_name = p->cert_arn = NULL;
    p->cert_known = 0;
}

void cli_policy_release(cli_policy *p) {
    forget_certificate(p);
    free(p->baseline_dir);
    free(p->write_dir);
    free(p->baseline_file);
    free(p->write_file);
    p->baseline_dir = p->write_dir = p->baseline_file = p->write_file = NULL;
    free(p->rel);
    p->rel = NULL;
    free(p->seen);
    p->seen = NULL;
    free(p->applies);
    p->applies = NULL;
    cli_baseline_free(p->baseline);
    p->baseline = NULL;
    cli_baseline_writer_release(&p->writer);
}

/* Slots of an entry: one per rule, or one per (rule, pointer). */
static size_t entry_slots(const cfg_expect *e) {
    return e->nrules * (e->npointers ? e->npointers : 1);
}

int cli_policy_input_start(cli_policy *p, const char *name) {
    const cli_config *cfg = p->opts->cfg;
    size_t i, total = 0;
    forget_certificate(p);
    free(p->rel);
    p->rel = NULL;
    free(p->baseline_file);
    free(p->write_file);
    p->baseline_file = p->write_file = NULL;
    if (p->baseline && (!(p->baseline_file = cli_baseline_file(p->baseline_dir, name)) ||
                        cli_baseline_checked(p->baseline, p->baseline_file) != 0))
        return -1;
    if (p->writing && !(p->write_file = cli_baseline_file(p->write_dir, name)))
        return -1;
    if (!cfg)
        return 0;
    /* NULL rel: outside the configuration's tree (or no memory): no entry applies */
    p->rel = cli_config_relative(cfg, name);
    if (cfg->nexpects == 0)
        return 0;
    for (i = 0; i < cfg->nexpects; i++)
        total += entry_slots(&cfg->expects[i]);
    if (!p->applies) {
        p->applies = calloc(cfg->nexpects, 1);
        p->seen = calloc(total ? total : 1, 1);
        if (!p->applies || !p->seen)
            return -1;
        p->nseen = total;
    }
    memset(p->seen, 0, total);
    for (i = 0; i < cfg->nexpects; i++)
        p->applies[i] = (unsigned char)cli_config_globs_match(&cfg->expects[i].files, p->rel);
    return 0;
}

/* A name or ARN that can identify a certificate: decoded, without NUL. */
static int usable(const lsc_string *s) {
    return s->m.ok && s->s && !memchr(s->s, '\0', s->len);
}

static char *dup_string(const lsc_string *s) {
    char *c;
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
    if (usable(name) && !(p->cert_name = dup_string(name)))
        return -1;
    if (usable(arn) && !(p->cert_arn = dup_string(arn)))
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

static int same_rule(const lsc_rule *a, const lsc_rule *b) {
    return a == b || (a && b && strcmp(a->id, b->id) == 0);
}

/* Mark the slots of expected findings f satisfies; nonzero if any. */
static int mark_expected(cli_policy *p, const lsc_finding *f) {
    const cli_config *cfg = p->opts->cfg;
    const char *ptr = f->pointer ? f->pointer : "";
    size_t len = f->pointer ? f->pointer_len : 0, base = 0, i, r, k;
    int hit = 0;
    for (i = 0; p->applies && i < cfg->nexpects; base += entry_slots(&cfg->expects[i]), i++) {
        const cfg_expect *e = &cfg->expects[i];
        if (!p->applies[i])
            continue;
        for (r = 0; r < e->nrules; r++) {
            if (!same_rule(e->rules[r], f->rule))
                continue;
            if (e->npointers == 0) {
                p->seen[base + r] = 1;
                hit = 1;
                continue;
            }
            for (k = 0; k < e->npointers; k++) {
                if (cli_pointer_match(e->pointers[k], ptr, len)) {
                    p->seen[base + r * e->npointers + k] = 1;
                    hit = 1;
                }
            }
        }
    }
    return hit;
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
    if (cfg && strcmp(f->rule->id, "expected-finding-missing") != 0 && mark_expected(p, f)) {
        p->expected++;
        return CLI_EXPECTED;
    }
    if (p->baseline || p->writing) {
        cli_cert_identity id = {NULL, NULL};
        cli_verdict verdict = CLI_REPORT;
        char *key;
        if (same_certificate(p, f)) {
            id.arn = p->cert_arn;
            id.name = p->cert_name;
        }
        if (p->writing) {
            key = cli_baseline_key(f, &id, p->write_file ? p->write_file : "", 0);
            if (!key || cli_baseline_writer_add(&p->writer, key) != 0) {
                free(key);
                p->failed = 1;
                return CLI_REPORT;
            }
            free(key);
        }
        if (p->baseline) {
            key = cli_baseline_key(f, &id, p->baseline_file ? p->baseline_file : "",
                                   p->opts->baseline_match == CLI_MATCH_CERTIFICATE);
            if (!key) {
                p->failed = 1;
                return CLI_REPORT;
            }
            if (cli_baseline_take(p->baseline, key)) {
                p->unchanged++;
                verdict = CLI_UNCHANGED;
            }
            free(key);
        }
        return verdict;
    }
    return CLI_REPORT;
}

/* At most max bytes of s, never cut inside a UTF-8 character; "…" marks a
 * cut. */
static void put_shortened(cli_out *o, const char *s, size_t max) {
    size_t len = strlen(s), n = len;
    if (len <= max) {
        cli_put(o, s, len);
        return;
    }
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--; /* s[n] is a continuation byte: the character starts before */
    cli_put(o, s, n);
    cli_puts(o, "\xe2\x80\xa6");
}

/* A pointer of an expect-findings entry is shown up to this many bytes; the
 * rest of the message (the entry's place) always follows whole. */
#define MISSING_POINTER_MAX 256

int cli_policy_each_missing(cli_policy *p, int (*fn)(void *user, const char *message), void *user) {
    const cli_config *cfg = p->opts->cfg;
    size_t base = 0, i, r, k;
    int rc;
    for (i = 0; cfg && p->applies && i < cfg->nexpects;
         base += entry_slots(&cfg->expects[i]), i++) {
        const cfg_expect *e = &cfg->expects[i];
        size_t np = e->npointers ? e->npointers : 1;
        if (!p->applies[i])
            continue;
        for (r = 0; r < e->nrules; r++) {
            for (k = 0; k < np; k++) {
                cli_out o;
                if (p->seen[base + r * np + k])
                    continue;
                cli_out_init(&o, NULL);
                cli_puts(&o, "expected a finding of ");
                cli_puts(&o, e->rules[r]->id);
                if (e->npointers) {
                    cli_puts(&o, " at ");
                    put_shortened(&o, e->pointers[k], MISSING_POINTER_MAX);
                }
                cli_puts(&o, " (expect-findings, ");
                cli_puts(&o, cfg->path);
                cli_printf(&o, ":%lu:%lu); none occurred", e->pos.line, e->pos.column);
                if (cli_out_status(&o) < 0) { /* fn's judging sees failed: out of memory */
                    cli_out_release(&o);
                    p->failed = 1;
                    return fn(user, "expected a finding; none occurred");
                }
                rc = fn(user, o.buf);
                cli_out_release(&o);
                if (rc != 0)
                    return rc;
            }
        }
    }
    return 0;
}
