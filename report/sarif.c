/* sarif: SARIF 2.1.0 as GitHub code scanning reads it (one run).
 *
 * rules[] is known from the configuration, so the head up to "results":[ is
 * written before the first result; results stream one per line; unreadable
 * inputs become toolExecutionNotifications in the closing invocations[]. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report/rep_internal.h"

/* informationUri: the package's home page (AC_INIT's URL) when configured. */
#if defined(PACKAGE_URL)
#define REP_HOME_URL PACKAGE_URL
#else
#define REP_HOME_URL ""
#endif
#define REP_FALLBACK_URL "https://github.com/lscertlint/lscertlint"

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

static lsc_severity configured(const rep_reporter *r, const lsc_rule *rule) {
    if (r->opts.config == NULL)
        return rule->opt_in ? LSC_OFF : rule->severity;
    return lsc_config_severity(r->opts.config, rule->id);
}

int rep_sarif_init(rep_reporter *r) {
    r->rule_to_sarif = malloc((r->nrules + 1) * sizeof *r->rule_to_sarif);
    if (r->rule_to_sarif == NULL)
        return -1;
    long next = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        const lsc_rule *rule = lsc_rule_at(i);
        r->rule_to_sarif[i] = rule != NULL && configured(r, rule) != LSC_OFF ? next++ : -1;
    }
    return 0;
}

static void put_json_cstr(rep_out *o, const char *s) {
    rep_json_str(o, s, s != NULL ? strlen(s) : 0);
}

/* "tag-key-charset" -> "TagKeyCharset" (SARIF's reportingDescriptor.name). */
static void put_pascal(rep_out *o, const char *id) {
    int up = 1;
    rep_putc(o, '"');
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
            rep_putc(o, c);
    }
    rep_putc(o, '"');
}

static void put_rule(rep_out *o, const lsc_rule *rule, lsc_severity sev) {
    const char *summary = rule->summary != NULL ? rule->summary : rule->id;
    const char *expl =
        rule->explanation != NULL && rule->explanation[0] != '\0' ? rule->explanation : summary;
    /* fullDescription: the explanation's first paragraph; help: all of it */
    const char *para = strstr(expl, "\n\n");
    size_t para_len = para != NULL ? (size_t)(para - expl) : strlen(expl);

    rep_puts(o, "{\"id\":");
    put_json_cstr(o, rule->id);
    rep_puts(o, ",\"name\":");
    put_pascal(o, rule->id);
    rep_puts(o, ",\"shortDescription\":{\"text\":");
    put_json_cstr(o, summary);
    rep_puts(o, "},\"fullDescription\":{\"text\":");
    rep_json_str(o, expl, para_len);
    rep_puts(o, "},\"help\":{\"text\":");
    put_json_cstr(o, expl);
    rep_puts(o, "},\"defaultConfiguration\":{\"level\":\"");
    rep_puts(o, sarif_level(sev));
    rep_puts(o, "\"}");
    if (rule->group != NULL) {
        rep_puts(o, ",\"properties\":{\"tags\":[");
        put_json_cstr(o, rule->group);
        rep_puts(o, "]}");
    }
    rep_putc(o, '}');
}

int rep_sarif_head(rep_reporter *r) {
    rep_out *o = &r->out;
    const char *v = r->opts.tool_version != NULL && r->opts.tool_version[0] != '\0'
                        ? r->opts.tool_version
                        : "unknown";
    const char *url = REP_HOME_URL[0] != '\0' ? REP_HOME_URL : REP_FALLBACK_URL;
    rep_puts(o, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
                "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"lscertlint\","
                "\"version\":");
    put_json_cstr(o, v);
    rep_puts(o, ",\"informationUri\":");
    put_json_cstr(o, url);
    rep_puts(o, ",\"rules\":[");
    int first = 1;
    for (size_t i = 0; i < r->nrules; i++) {
        if (r->rule_to_sarif[i] < 0)
            continue;
        const lsc_rule *rule = lsc_rule_at(i);
        rep_puts(o, first ? "\n" : ",\n");
        first = 0;
        put_rule(o, rule, configured(r, rule));
    }
    rep_puts(o, first ? "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
                      : "\n]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[");
    return rep_out_status(o);
}

/* artifactLocation.uri: a relative URI reference for a relative path
 * (leading "./" dropped), a file:// URI for an absolute one, "stdin" for
 * standard input. */
static void put_uri(rep_out *o, const char *file) {
    rep_putc(o, '"');
    if (strcmp(file, "<stdin>") == 0 || file[0] == '\0') {
        rep_puts(o, "stdin");
    } else {
        if (file[0] == '/')
            rep_puts(o, "file://");
        while (file[0] == '.' && file[1] == '/') {
            file += 2;
            while (file[0] == '/')
                file++;
        }
        rep_esc_uri(o, file, strlen(file)); /* only unreserved chars: no JSON escape needed */
    }
    rep_putc(o, '"');
}

static void put_physical(rep_out *o, const char *file, const lsc_pos *pos) {
    rep_puts(o, "\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    put_uri(o, file);
    rep_puts(o, "},\"region\":{\"startLine\":");
    rep_putu(o, pos->line > 0 ? pos->line : 1);
    rep_puts(o, ",\"startColumn\":");
    rep_putu(o, pos->column > 0 ? pos->column : 1);
    rep_puts(o, ",\"byteOffset\":");
    rep_putu(o, pos->offset);
    rep_puts(o, "}}");
}

/* The pointer, and the certificate by name when there is one: code
 * scanning shows a logical location's name where a path means little. */
static void put_logical(rep_out *o, const char *pointer, size_t len, const char *cert,
                        size_t cert_len) {
    rep_puts(o, "\"logicalLocations\":[{\"fullyQualifiedName\":");
    rep_json_str(o, pointer, pointer != NULL ? len : 0);
    if (cert != NULL) {
        rep_puts(o, "},{\"name\":");
        rep_json_str(o, cert, cert_len);
        rep_puts(o, ",\"kind\":\"object\"");
    }
    rep_puts(o, "}]");
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

uint64_t rep_fingerprint(const lsc_finding *f, const char *file, const char *cert_id) {
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

void rep_fingerprints_clear(rep_reporter *r) {
    free(r->fp_keys);
    free(r->fp_counts);
    r->fp_keys = NULL;
    r->fp_counts = NULL;
    r->fp_cap = r->fp_used = 0;
}

/* The slot of key in the table (its own, or the empty one it would take). */
static size_t fp_slot(const uint64_t *keys, size_t cap, uint64_t key) {
    size_t i = (size_t)(key ^ (key >> 29)) & (cap - 1);
    while (keys[i] != 0 && keys[i] != key)
        i = (i + 1) & (cap - 1);
    return i;
}

static int fp_grow(rep_reporter *r) {
    size_t cap = r->fp_cap != 0 ? r->fp_cap * 2 : 64;
    uint64_t *keys = calloc(cap, sizeof *keys);
    size_t *counts = calloc(cap, sizeof *counts);
    if (keys == NULL || counts == NULL) {
        free(keys);
        free(counts);
        return -1;
    }
    for (size_t i = 0; i < r->fp_cap; i++) {
        if (r->fp_keys[i] == 0)
            continue;
        size_t j = fp_slot(keys, cap, r->fp_keys[i]);
        keys[j] = r->fp_keys[i];
        counts[j] = r->fp_counts[i];
    }
    free(r->fp_keys);
    free(r->fp_counts);
    r->fp_keys = keys;
    r->fp_counts = counts;
    r->fp_cap = cap;
    return 0;
}

uint64_t rep_unique_fingerprint(rep_reporter *r, const lsc_finding *f, const char *file) {
    const char *cert_id = NULL;
    char buf[32];
    if (f->has_certificate) {
        if (r->cert_known && r->cert_document == f->document && r->cert_index == f->certificate) {
            cert_id = r->cert_id;
        } else {
            snprintf(buf, sizeof buf, "#%zu", f->certificate);
            cert_id = buf;
        }
    }
    uint64_t h = rep_fingerprint(f, file, cert_id);
    if (h == 0)
        h = 1; /* 0 marks an empty slot */
    if ((r->fp_used + 1) * 2 > r->fp_cap && fp_grow(r) < 0)
        return h; /* no memory to count: the plain fingerprint */
    size_t i = fp_slot(r->fp_keys, r->fp_cap, h);
    size_t seen = r->fp_keys[i] != 0 ? r->fp_counts[i] : 0;
    if (r->fp_keys[i] == 0) {
        r->fp_keys[i] = h;
        r->fp_used++;
    }
    r->fp_counts[i] = seen + 1;
    return seen == 0 ? h : fnv1a_u64(h, seen);
}

int rep_sarif_finding(rep_reporter *r, const lsc_finding *f) {
    rep_out *o = &r->out;
    const char *file = rep_finding_file(r, f);
    const char *rule = f->rule != NULL && f->rule->id != NULL ? f->rule->id : "";
    long idx = rep_rule_index(r, f->rule);
    long sidx = idx >= 0 ? r->rule_to_sarif[idx] : -1;

    rep_puts(o, r->written > 0 ? ",\n{\"ruleId\":" : "\n{\"ruleId\":");
    put_json_cstr(o, rule);
    if (sidx >= 0) {
        rep_puts(o, ",\"ruleIndex\":");
        rep_putu(o, (uint64_t)sidx);
    }
    rep_puts(o, ",\"level\":\"");
    rep_puts(o, sarif_level(f->severity));
    rep_puts(o, "\",\"message\":{\"text\":");
    put_json_cstr(o, f->message != NULL && f->message[0] != '\0' ? f->message : rule);
    rep_puts(o, "},\"locations\":[{");
    put_physical(o, file, &f->pos);
    rep_putc(o, ',');
    put_logical(o, f->pointer, f->pointer_len,
                f->has_certificate ? f->certificate_name : NULL, f->certificate_name_len);
    rep_puts(o, "}],\"partialFingerprints\":{\"lscertlint/v1\":");
    rep_printf(o, "\"%016llx\"}", (unsigned long long)rep_unique_fingerprint(r, f, file));
    if (r->opts.baseline)
        rep_puts(o, r->mark == REP_MARK_UNCHANGED ? ",\"baselineState\":\"unchanged\""
                                                  : ",\"baselineState\":\"new\"");
    if (r->mark == REP_MARK_EXPECTED) {
        /* declared in the configuration: in-source, as a suppression comment is */
        rep_puts(o, ",\"suppressions\":[{\"kind\":\"inSource\",\"justification\":");
        rep_out_reset(&r->scratch);
        rep_puts(&r->scratch, "expected by expect-findings in ");
        rep_puts(&r->scratch, r->opts.expect_source != NULL ? r->opts.expect_source
                                                              : "the configuration");
        if (rep_out_status(&r->scratch) < 0)
            return -1;
        rep_json_str(o, r->scratch.buf, r->scratch.len);
        rep_puts(o, "}]");
    }
    if (f->related != NULL) {
        const lsc_related *rel = f->related;
        rep_puts(o, ",\"relatedLocations\":[{\"id\":1,");
        put_physical(o, file, &rel->pos);
        rep_putc(o, ',');
        put_logical(o, rel->pointer, rel->pointer_len, NULL, 0);
        if (rel->message != NULL && rel->message[0] != '\0') {
            rep_puts(o, ",\"message\":{\"text\":");
            put_json_cstr(o, rel->message);
            rep_putc(o, '}');
        }
        rep_puts(o, "}]");
    }
    rep_putc(o, '}');
    r->written++;
    return rep_out_status(o);
}

int rep_sarif_absent(rep_reporter *r, const char *file, const char *rule_id, const char *pointer) {
    rep_out *o = &r->out;
    const lsc_rule *rule = lsc_rule_find(rule_id);
    long idx = rep_rule_index(r, rule);
    long sidx = idx >= 0 ? r->rule_to_sarif[idx] : -1;
    lsc_pos start = {0, 1, 1};

    rep_puts(o, r->written > 0 ? ",\n{\"ruleId\":" : "\n{\"ruleId\":");
    put_json_cstr(o, rule_id);
    if (sidx >= 0) {
        rep_puts(o, ",\"ruleIndex\":");
        rep_putu(o, (uint64_t)sidx);
    }
    rep_puts(o, ",\"level\":\"none\",\"message\":{\"text\":");
    rep_out_reset(&r->scratch);
    rep_puts(&r->scratch, "fixed since the baseline: ");
    rep_puts(&r->scratch, rule_id);
    if (rep_out_status(&r->scratch) < 0)
        return -1;
    rep_json_str(o, r->scratch.buf, r->scratch.len);
    rep_puts(o, "},\"locations\":[{");
    put_physical(o, file, &start);
    rep_putc(o, ',');
    put_logical(o, pointer, strlen(pointer), NULL, 0);
    rep_puts(o, "}],\"baselineState\":\"absent\"}");
    r->written++;
    return rep_out_status(o);
}

int rep_sarif_finish(rep_reporter *r) {
    rep_out *o = &r->out;
    size_t unreadable = 0;
    for (size_t i = 0; i < r->ninputs; i++)
        unreadable += r->inputs[i].message != NULL;
    rep_puts(o, r->written > 0 ? "\n],\"invocations\":[{\"executionSuccessful\":"
                               : "],\"invocations\":[{\"executionSuccessful\":");
    rep_puts(o, unreadable > 0 ? "false" : "true");
    if (unreadable > 0) {
        rep_puts(o, ",\"toolExecutionNotifications\":[");
        int first = 1;
        for (size_t i = 0; i < r->ninputs; i++) {
            const rep_input *in = &r->inputs[i];
            if (in->message == NULL)
                continue;
            rep_puts(o, first ? "\n{\"level\":\"error\",\"message\":{\"text\":"
                              : ",\n{\"level\":\"error\",\"message\":{\"text\":");
            first = 0;
            rep_out_reset(&r->scratch);
            rep_puts(&r->scratch, "cannot read the input: ");
            rep_puts(&r->scratch, in->message);
            rep_json_str(o, r->scratch.buf, r->scratch.len);
            if (rep_out_status(&r->scratch) < 0)
                return -1;
            rep_puts(o, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
            put_uri(o, in->file);
            rep_puts(o, "}}}]}");
        }
        rep_puts(o, "\n]");
    }
    rep_puts(o, "}]}]}\n");
    return rep_out_status(o);
}
