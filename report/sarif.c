/* sarif: SARIF 2.1.0 as GitHub code scanning reads it (one run).
 *
 * rules[] is known from the configuration, so the head up to "results":[ is
 * written before the first result; results stream one per line; unreadable
 * inputs become toolExecutionNotifications in the closing invocations[]. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/internal.h"
#include "report/format.h"

typedef struct sarif_state {
    long *rule_to_sarif; /* catalog index -> index in rules[], -1 if absent */
    size_t written;      /* results written so far: comma placement */
    /* the last certificate (the certificate operation) */
    size_t cert_document, cert_index;
    int cert_known;
    char *cert_id;
    /* fingerprints of the current input and how often each came (open
     * addressing, 0 = empty slot) */
    uint64_t *fp_keys;
    size_t *fp_counts;
    size_t fp_cap, fp_used;
} sarif_state;

/* informationUri: the package's home page (AC_INIT's URL) when configured. */
#if defined(PACKAGE_URL)
#define LSCR_HOME_URL PACKAGE_URL
#else
#define LSCR_HOME_URL ""
#endif
#define LSCR_FALLBACK_URL "https://github.com/lscertlint/lscertlint"

static const char *sarif_level(lsc_severity sev) {
    switch (sev) {
    case LSC_ERROR:
        return "error";
    case LSC_WARNING:
        return "warning";
    case LSC_NOTE:
        return "note";
    default:
        return "none";
    }
}

static lsc_severity configured(const lsc_reporter *r, const lsc_rule *rule) {
    if (r->opts.config == NULL)
        return rule->opt_in ? LSC_OFF : rule->severity;
    return lsc_config_severity(r->opts.config, rule->id);
}

static int sarif_init(lsc_reporter *r) {
    sarif_state *s = r->state;
    s->rule_to_sarif = lscp_malloc((r->nrules + 1) * sizeof *s->rule_to_sarif);
    if (s->rule_to_sarif == NULL)
        return -1;
    long next = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        const lsc_rule *rule = lsc_rule_at(i);
        s->rule_to_sarif[i] = rule != NULL && configured(r, rule) != LSC_OFF ? next++ : -1;
    }
    return 0;
}

/* Fingerprints count per input. */
static void fingerprints_clear(sarif_state *s) {
    lscp_free(s->fp_keys);
    lscp_free(s->fp_counts);
    s->fp_keys = NULL;
    s->fp_counts = NULL;
    s->fp_cap = s->fp_used = 0;
}

static void sarif_release(lsc_reporter *r) {
    sarif_state *s = r->state;
    lscp_free(s->rule_to_sarif);
    lscp_free(s->cert_id);
    fingerprints_clear(s);
}

static int sarif_input_start(lsc_reporter *r) {
    sarif_state *s = r->state;
    s->cert_known = 0;
    if (s->fp_used > 0)
        fingerprints_clear(s);
    return 0;
}

/* The identity of a certificate for fingerprints: its ARN, else its name
 * (the summary's, else the detail's), else its index. */
static int sarif_certificate(lsc_reporter *r, const lsc_certificate *cert) {
    sarif_state *s = r->state;
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
    lscp_free(s->cert_id);
    s->cert_id = NULL;
    s->cert_known = 0;
    if (id != NULL) {
        s->cert_id = lscp_malloc(id->len + 2);
        if (s->cert_id != NULL) {
            s->cert_id[0] = id == &cert->certificate_arn || id == &cert->certificate_detail.arn
                                ? 'a'
                                : 'n'; /* an ARN and a name never meet */
            memcpy(s->cert_id + 1, id->s, id->len);
            s->cert_id[id->len + 1] = '\0';
        }
    } else {
        snprintf(buf, sizeof buf, "#%zu", cert->index);
        s->cert_id = lscr_strndup(buf, strlen(buf));
    }
    if (s->cert_id == NULL) {
        errno = ENOMEM;
        return -1;
    }
    s->cert_known = 1;
    s->cert_document = cert->document;
    s->cert_index = cert->index;
    return 0;
}

static void put_json_cstr(lscr_out *o, const char *s) {
    lscr_json_str(o, s, s != NULL ? strlen(s) : 0);
}

/* "tag-key-charset" -> "TagKeyCharset" (SARIF's reportingDescriptor.name). */
static void put_pascal(lscr_out *o, const char *id) {
    int up = 1;
    lscr_putc(o, '"');
    for (const char *p = id; *p != '\0'; p++) {
        char c = *p;
        if (c == '-' || c == '_') {
            up = 1;
            continue;
        }
        if (up && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        up = 0;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            lscr_putc(o, c);
    }
    lscr_putc(o, '"');
}

static void put_rule(lscr_out *o, const lsc_rule *rule, lsc_severity sev) {
    const char *summary = rule->summary != NULL ? rule->summary : rule->id;
    const char *expl =
        rule->explanation != NULL && rule->explanation[0] != '\0' ? rule->explanation : summary;
    /* fullDescription: the explanation's first paragraph; help: all of it */
    const char *para = strstr(expl, "\n\n");
    size_t para_len = para != NULL ? (size_t)(para - expl) : strlen(expl);

    lscr_puts(o, "{\"id\":");
    put_json_cstr(o, rule->id);
    lscr_puts(o, ",\"name\":");
    put_pascal(o, rule->id);
    lscr_puts(o, ",\"shortDescription\":{\"text\":");
    put_json_cstr(o, summary);
    lscr_puts(o, "},\"fullDescription\":{\"text\":");
    lscr_json_str(o, expl, para_len);
    lscr_puts(o, "},\"help\":{\"text\":");
    put_json_cstr(o, expl);
    lscr_puts(o, "},\"defaultConfiguration\":{\"level\":\"");
    lscr_puts(o, sarif_level(sev));
    lscr_puts(o, "\"}");
    if (rule->group != NULL) {
        lscr_puts(o, ",\"properties\":{\"tags\":[");
        put_json_cstr(o, rule->group);
        lscr_puts(o, "]}");
    }
    lscr_putc(o, '}');
}

static int sarif_begin(lsc_reporter *r) {
    lscr_out *o = &r->out;
    const sarif_state *s = r->state;
    const char *v = r->opts.tool_version != NULL && r->opts.tool_version[0] != '\0'
                        ? r->opts.tool_version
                        : "unknown";
    const char *url = LSCR_HOME_URL[0] != '\0' ? LSCR_HOME_URL : LSCR_FALLBACK_URL;
    lscr_puts(o, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
                 "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"lscertlint\","
                 "\"version\":");
    put_json_cstr(o, v);
    lscr_puts(o, ",\"informationUri\":");
    put_json_cstr(o, url);
    lscr_puts(o, ",\"rules\":[");
    int first = 1;
    for (size_t i = 0; i < r->nrules; i++) {
        if (s->rule_to_sarif[i] < 0)
            continue;
        const lsc_rule *rule = lsc_rule_at(i);
        lscr_puts(o, first ? "\n" : ",\n");
        first = 0;
        put_rule(o, rule, configured(r, rule));
    }
    lscr_puts(o, first ? "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
                       : "\n]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[");
    return lscr_out_status(o);
}

/* artifactLocation.uri: a relative URI reference for a relative path
 * (leading "./" dropped), a file:// URI for an absolute one, "stdin" for
 * standard input. */
static void put_uri(lscr_out *o, const char *file) {
    lscr_putc(o, '"');
    if (strcmp(file, "<stdin>") == 0 || file[0] == '\0') {
        lscr_puts(o, "stdin");
    } else {
        if (file[0] == '/')
            lscr_puts(o, "file://");
        while (file[0] == '.' && file[1] == '/') {
            file += 2;
            while (file[0] == '/')
                file++;
        }
        lscr_esc_uri(o, file, strlen(file)); /* only unreserved chars: no JSON escape needed */
    }
    lscr_putc(o, '"');
}

static void put_physical(lscr_out *o, const char *file, const lsc_pos *pos) {
    lscr_puts(o, "\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    put_uri(o, file);
    lscr_puts(o, "},\"region\":{\"startLine\":");
    lscr_putu(o, pos->line > 0 ? pos->line : 1);
    lscr_puts(o, ",\"startColumn\":");
    lscr_putu(o, pos->column > 0 ? pos->column : 1);
    lscr_puts(o, ",\"byteOffset\":");
    lscr_putu(o, pos->offset);
    lscr_puts(o, "}}");
}

/* The pointer, and the certificate by name when there is one: code
 * scanning shows a logical location's name where a path means little. */
static void put_logical(lscr_out *o, const char *pointer, size_t len, const char *cert,
                        size_t cert_len) {
    lscr_puts(o, "\"logicalLocations\":[{\"fullyQualifiedName\":");
    lscr_json_str(o, pointer, pointer != NULL ? len : 0);
    if (cert != NULL) {
        lscr_puts(o, "},{\"name\":");
        lscr_json_str(o, cert, cert_len);
        lscr_puts(o, ",\"kind\":\"object\"");
    }
    lscr_puts(o, "}]");
}

/* FNV-1a 64 over the parts, each followed by a 0 byte. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    h *= 0x100000001b3ULL; /* the separator: a 0 byte (h ^= 0 is a no-op) */
    return h;
}

static uint64_t fnv1a_u64(uint64_t h, uint64_t v) {
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    return fnv1a(h, digits, (size_t)n);
}

/* The message with every "N:M" (a line:column position, "first at 3:9")
 * as "#": reformatting moves them, and the pointer says where anyway. */
static uint64_t fnv1a_message(uint64_t h, const char *s) {
    while (*s != '\0') {
        const char *q = s;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q > s && q[0] == ':' && q[1] >= '0' && q[1] <= '9') {
            for (q++; *q >= '0' && *q <= '9'; q++)
                ;
            h = (h ^ (unsigned char)'#') * 0x100000001b3ULL;
            s = q;
            continue;
        }
        if (q == s)
            q++; /* not a digit: one byte */
        for (; s < q; s++)
            h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    }
    return h * 0x100000001b3ULL; /* the separator, as fnv1a() */
}

uint64_t lscr_fingerprint(const lsc_finding *f, const char *file, const char *cert_id) {
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    const char *ptr = f->pointer != NULL ? f->pointer : "";
    size_t plen = f->pointer != NULL ? f->pointer_len : 0;
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, rule, strlen(rule));
    h = fnv1a(h, file, strlen(file));
    h = fnv1a_u64(h, f->document);
    if (cert_id != NULL) {
        /* the pointer below the certificate: "/certificates/N" is its place */
        static const char prefix[] = "/certificates/";
        size_t i = sizeof prefix - 1;
        h = fnv1a(h, cert_id, strlen(cert_id));
        if (plen >= i && memcmp(ptr, prefix, i) == 0) {
            while (i < plen && ptr[i] >= '0' && ptr[i] <= '9')
                i++;
            ptr += i;
            plen -= i;
        }
    } else {
        h = fnv1a(h, "", 0);
    }
    h = fnv1a(h, ptr, plen);
    h = fnv1a(h, f->value != NULL ? f->value : "", f->value != NULL ? f->value_len : 0);
    h = fnv1a_message(h, f->message != NULL ? f->message : "");
    return h;
}

/* The slot of key in the table (its own, or the empty one it would take). */
static size_t fp_slot(const uint64_t *keys, size_t cap, uint64_t key) {
    size_t i = (size_t)(key ^ (key >> 29)) & (cap - 1);
    while (keys[i] != 0 && keys[i] != key)
        i = (i + 1) & (cap - 1);
    return i;
}

static int fp_grow(sarif_state *s) {
    size_t cap = s->fp_cap != 0 ? s->fp_cap * 2 : 64;
    uint64_t *keys = lscp_calloc(cap, sizeof *keys);
    size_t *counts = lscp_calloc(cap, sizeof *counts);
    if (keys == NULL || counts == NULL) {
        lscp_free(keys);
        lscp_free(counts);
        return -1;
    }
    for (size_t i = 0; i < s->fp_cap; i++) {
        if (s->fp_keys[i] == 0)
            continue;
        size_t j = fp_slot(keys, cap, s->fp_keys[i]);
        keys[j] = s->fp_keys[i];
        counts[j] = s->fp_counts[i];
    }
    lscp_free(s->fp_keys);
    lscp_free(s->fp_counts);
    s->fp_keys = keys;
    s->fp_counts = counts;
    s->fp_cap = cap;
    return 0;
}

/* The fingerprint of f as written: lscr_fingerprint(), then, for the n-th
 * finding of the current input with that same value (n > 0), mixed with n,
 * so two results never share one. 0, or -1 on out-of-memory. */
static int unique_fingerprint(sarif_state *s, const lsc_finding *f, const char *file,
                              uint64_t *out) {
    const char *cert_id = NULL;
    char buf[32];
    if (f->has_certificate) {
        if (s->cert_known && s->cert_document == f->document && s->cert_index == f->certificate) {
            cert_id = s->cert_id;
        } else {
            snprintf(buf, sizeof buf, "#%zu", f->certificate);
            cert_id = buf;
        }
    }
    uint64_t h = lscr_fingerprint(f, file, cert_id);
    if (h == 0)
        h = 1; /* 0 marks an empty slot */
    if ((s->fp_used + 1) * 2 > s->fp_cap && fp_grow(s) < 0) {
        errno = ENOMEM;
        return -1;
    }
    size_t i = fp_slot(s->fp_keys, s->fp_cap, h);
    size_t seen = s->fp_keys[i] != 0 ? s->fp_counts[i] : 0;
    if (s->fp_keys[i] == 0) {
        s->fp_keys[i] = h;
        s->fp_used++;
    }
    s->fp_counts[i] = seen + 1;
    *out = seen == 0 ? h : fnv1a_u64(h, seen);
    return 0;
}

static int sarif_finding(lsc_reporter *r, const lsc_finding *f) {
    lscr_out *o = &r->out;
    sarif_state *s = r->state;
    const char *file = lscr_finding_file(r, f);
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    long idx = lscr_rule_index(r, f->rule);
    long sidx = idx >= 0 ? s->rule_to_sarif[idx] : -1;

    lscr_puts(o, s->written > 0 ? ",\n{\"ruleId\":" : "\n{\"ruleId\":");
    put_json_cstr(o, rule);
    if (sidx >= 0) {
        lscr_puts(o, ",\"ruleIndex\":");
        lscr_putu(o, (uint64_t)sidx);
    }
    lscr_puts(o, ",\"level\":\"");
    lscr_puts(o, sarif_level(f->severity));
    lscr_puts(o, "\",\"message\":{\"text\":");
    put_json_cstr(o, f->message != NULL && f->message[0] != '\0' ? f->message : rule);
    lscr_puts(o, "},\"locations\":[{");
    put_physical(o, file, &f->pos);
    lscr_putc(o, ',');
    put_logical(o, f->pointer, f->pointer_len, f->has_certificate ? f->certificate_name : NULL,
                f->certificate_name_len);
    uint64_t fingerprint;
    if (unique_fingerprint(s, f, file, &fingerprint) < 0)
        return -1;
    lscr_puts(o, "}],\"partialFingerprints\":{\"lscertlint/v1\":");
    lscr_printf(o, "\"%016llx\"}", (unsigned long long)fingerprint);
    if (r->opts.baseline)
        lscr_puts(o, r->mark == LSC_MARK_UNCHANGED ? ",\"baselineState\":\"unchanged\""
                                                   : ",\"baselineState\":\"new\"");
    if (r->mark == LSC_MARK_EXPECTED) {
        /* declared in the configuration: in-source, as a suppression comment is */
        lscr_puts(o, ",\"suppressions\":[{\"kind\":\"inSource\",\"justification\":");
        lscr_out_reset(&r->scratch);
        lscr_puts(&r->scratch, "expected by expect-findings in ");
        lscr_puts(&r->scratch,
                  r->opts.expect_source != NULL ? r->opts.expect_source : "the configuration");
        if (lscr_out_status(&r->scratch) < 0)
            return -1;
        lscr_json_str(o, r->scratch.buf, r->scratch.len);
        lscr_puts(o, "}]");
    }
    if (f->related != NULL) {
        const lsc_related *rel = f->related;
        lscr_puts(o, ",\"relatedLocations\":[{\"id\":1,");
        put_physical(o, file, &rel->pos);
        lscr_putc(o, ',');
        put_logical(o, rel->pointer, rel->pointer_len, NULL, 0);
        if (rel->message != NULL && rel->message[0] != '\0') {
            lscr_puts(o, ",\"message\":{\"text\":");
            put_json_cstr(o, rel->message);
            lscr_putc(o, '}');
        }
        lscr_puts(o, "}]");
    }
    lscr_putc(o, '}');
    s->written++;
    return lscr_out_status(o);
}

static int sarif_absent(lsc_reporter *r, const char *file, const char *rule_id,
                        const char *pointer) {
    lscr_out *o = &r->out;
    sarif_state *s = r->state;
    const lsc_rule *rule = lsc_rule_find(rule_id);
    long idx = lscr_rule_index(r, rule);
    long sidx = idx >= 0 ? s->rule_to_sarif[idx] : -1;
    lsc_pos start = {0, 1, 1};

    lscr_puts(o, s->written > 0 ? ",\n{\"ruleId\":" : "\n{\"ruleId\":");
    put_json_cstr(o, rule_id);
    if (sidx >= 0) {
        lscr_puts(o, ",\"ruleIndex\":");
        lscr_putu(o, (uint64_t)sidx);
    }
    lscr_puts(o, ",\"level\":\"none\",\"message\":{\"text\":");
    lscr_out_reset(&r->scratch);
    lscr_puts(&r->scratch, "fixed since the baseline: ");
    lscr_puts(&r->scratch, rule_id);
    if (lscr_out_status(&r->scratch) < 0)
        return -1;
    lscr_json_str(o, r->scratch.buf, r->scratch.len);
    lscr_puts(o, "},\"locations\":[{");
    put_physical(o, file, &start);
    lscr_putc(o, ',');
    put_logical(o, pointer, strlen(pointer), NULL, 0);
    lscr_puts(o, "}],\"baselineState\":\"absent\"}");
    s->written++;
    return lscr_out_status(o);
}

static int sarif_finish(lsc_reporter *r) {
    lscr_out *o = &r->out;
    const sarif_state *s = r->state;
    size_t unreadable = 0;
    for (size_t i = 0; i < r->ninputs; i++)
        unreadable += r->inputs[i].message != NULL;
    lscr_puts(o, s->written > 0 ? "\n],\"invocations\":[{\"executionSuccessful\":"
                                : "],\"invocations\":[{\"executionSuccessful\":");
    lscr_puts(o, unreadable > 0 ? "false" : "true");
    if (unreadable > 0) {
        lscr_puts(o, ",\"toolExecutionNotifications\":[");
        int first = 1;
        for (size_t i = 0; i < r->ninputs; i++) {
            const lscr_input *in = &r->inputs[i];
            if (in->message == NULL)
                continue;
            lscr_puts(o, first ? "\n{\"level\":\"error\",\"message\":{\"text\":"
                               : ",\n{\"level\":\"error\",\"message\":{\"text\":");
            first = 0;
            lscr_out_reset(&r->scratch);
            lscr_puts(&r->scratch, "cannot read the input: ");
            lscr_puts(&r->scratch, in->message);
            lscr_json_str(o, r->scratch.buf, r->scratch.len);
            if (lscr_out_status(&r->scratch) < 0)
                return -1;
            lscr_puts(o, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
            put_uri(o, in->file);
            lscr_puts(o, "}}}]}");
        }
        lscr_puts(o, "\n]");
    }
    lscr_puts(o, "}]}]}\n");
    return lscr_out_status(o);
}

const lscr_ops lscr_sarif_ops = {.name = "sarif",
                                 .state_size = sizeof(sarif_state),
                                 .init = sarif_init,
                                 .release = sarif_release,
                                 .begin = sarif_begin,
                                 .input_start = sarif_input_start,
                                 .certificate = sarif_certificate,
                                 .finding = sarif_finding,
                                 .absent = sarif_absent,
                                 .finish = sarif_finish,
                                 .shows_unchanged = 1};

/* ---- gitlab: GitLab Code Quality ---------------------------------------
 * The Code Climate JSON subset GitLab documents for
 * artifacts:reports:codequality: an array of issues, each with
 * description, check_name, fingerprint, severity and location.path,
 * location.lines.begin. It shares sarif's state so that its fingerprints
 * are sarif's partialFingerprints (same certificate identity, same count
 * of equal findings): a finding keeps its fingerprint from run to run and
 * across the two formats. Expected findings are no issue and not written;
 * an unreadable input is one issue at line 1. */

static const char *gitlab_severity(lsc_severity sev) {
    return sev >= LSC_ERROR ? "major" : sev == LSC_WARNING ? "minor" : "info";
}

/* location.path: relative to the project as written, no leading "./". */
static void put_gitlab_path(lscr_out *o, const char *file) {
    while (file[0] == '.' && file[1] == '/') {
        file += 2;
        while (file[0] == '/')
            file++;
    }
    lscr_json_str(o, file, strlen(file));
}

/* description: text already escaped (no control character), JSON-escaped
 * here; file: a raw name. */
static void gitlab_issue(lsc_reporter *r, const char *description, const char *check,
                         uint64_t fingerprint, const char *severity, const char *file,
                         uint64_t line) {
    lscr_out *o = &r->out;
    sarif_state *s = r->state;
    lscr_puts(o, s->written++ > 0 ? ",\n{\"description\":" : "\n{\"description\":");
    put_json_cstr(o, description);
    lscr_puts(o, ",\"check_name\":");
    put_json_cstr(o, check);
    lscr_printf(o, ",\"fingerprint\":\"%016llx\",\"severity\":\"%s\",\"location\":{\"path\":",
                (unsigned long long)fingerprint, severity);
    put_gitlab_path(o, file);
    lscr_puts(o, ",\"lines\":{\"begin\":");
    lscr_putu(o, line > 0 ? line : 1);
    lscr_puts(o, "}}}");
}

static int gitlab_begin(lsc_reporter *r) {
    lscr_putc(&r->out, '[');
    return lscr_out_status(&r->out);
}

static int gitlab_finding(lsc_reporter *r, const lsc_finding *f) {
    sarif_state *s = r->state;
    const char *file = lscr_finding_file(r, f);
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    uint64_t fingerprint;
    if (r->mark == LSC_MARK_EXPECTED)
        return 0;
    if (unique_fingerprint(s, f, file, &fingerprint) < 0)
        return -1;
    /* the message, and the pointer GitLab has no field for */
    lscr_out_reset(&r->scratch);
    lscr_puts(&r->scratch, f->message != NULL && f->message[0] != '\0' ? f->message : rule);
    if (f->pointer != NULL && f->pointer_len > 0) {
        lscr_puts(&r->scratch, " (");
        lscr_esc_text(&r->scratch, f->pointer, f->pointer_len, 1); /* raw bytes: escaped */
        lscr_putc(&r->scratch, ')');
    }
    if (lscr_out_status(&r->scratch) < 0)
        return -1;
    gitlab_issue(r, r->scratch.buf != NULL ? r->scratch.buf : "", rule, fingerprint,
                 gitlab_severity(f->severity), file, f->pos.line);
    return lscr_out_status(&r->out);
}

static int gitlab_input_end(lsc_reporter *r) {
    const lscr_input *in = lscr_current(r);
    if (in->message == NULL)
        return 0;
    lsc_finding f;
    memset(&f, 0, sizeof f);
    f.message = in->message;
    lscr_out_reset(&r->scratch);
    lscr_puts(&r->scratch, "cannot read the input: ");
    lscr_esc_text(&r->scratch, in->message, strlen(in->message), 0);
    if (lscr_out_status(&r->scratch) < 0)
        return -1;
    gitlab_issue(r, r->scratch.buf, "unreadable", lscr_fingerprint(&f, in->file, NULL), "blocker",
                 in->file, 1);
    return lscr_out_status(&r->out);
}

static int gitlab_finish(lsc_reporter *r) {
    sarif_state *s = r->state;
    lscr_puts(&r->out, s->written > 0 ? "\n]\n" : "]\n");
    return lscr_out_status(&r->out);
}

const lscr_ops lscr_gitlab_ops = {.name = "gitlab",
                                  .state_size = sizeof(sarif_state),
                                  .init = sarif_init,
                                  .release = sarif_release,
                                  .begin = gitlab_begin,
                                  .input_start = sarif_input_start,
                                  .certificate = sarif_certificate,
                                  .finding = gitlab_finding,
                                  .input_end = gitlab_input_end,
                                  .finish = gitlab_finish};
