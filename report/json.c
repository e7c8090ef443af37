/* json and jsonl.
 *
 * jsonl: one object per finding per line.
 * json: one object, keys in the order of doc/cli.md §3: tool, inputs, findings, summary.
 * An input's record is complete only at its end, while its findings come
 * before that; to keep the documented order and still stream, the head and
 * each input's record are written as they become known, and findings are
 * spooled to a tmpfile() (memory if that fails) that is copied out at
 * rep_finish. One record or finding per line, so the output diffs well. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "report/rep_internal.h"

void rep_json_object(rep_out *o, const lsc_finding *f, const char *file, int expected) {
    const char *sev = lsc_severity_name(f->severity);
    const char *rule = f->rule != NULL ? f->rule->id : NULL;
    rep_puts(o, "{\"file\":");
    rep_json_str(o, file, strlen(file));
    rep_puts(o, ",\"document\":");
    rep_putu(o, f->document);
    rep_puts(o, ",\"line\":");
    rep_putu(o, f->pos.line);
    rep_puts(o, ",\"column\":");
    rep_putu(o, f->pos.column);
    rep_puts(o, ",\"offset\":");
    rep_putu(o, f->pos.offset);
    rep_puts(o, ",\"pointer\":");
    rep_json_str(o, f->pointer, f->pointer != NULL ? f->pointer_len : 0);
    rep_puts(o, ",\"rule\":");
    rep_json_str(o, rule, rule != NULL ? strlen(rule) : 0);
    rep_puts(o, ",\"severity\":");
    rep_json_str(o, sev, sev != NULL ? strlen(sev) : 0);
    rep_puts(o, ",\"message\":");
    rep_json_str(o, f->message, f->message != NULL ? strlen(f->message) : 0);
    if (f->has_certificate && f->certificate_name != NULL) {
        rep_puts(o, ",\"certificate\":");
        rep_json_str(o, f->certificate_name, f->certificate_name_len);
    }
    if (f->related != NULL) {
        const lsc_related *rel = f->related;
        rep_puts(o, ",\"related\":[{\"line\":");
        rep_putu(o, rel->pos.line);
        rep_puts(o, ",\"column\":");
        rep_putu(o, rel->pos.column);
        rep_puts(o, ",\"offset\":");
        rep_putu(o, rel->pos.offset);
        rep_puts(o, ",\"pointer\":");
        rep_json_str(o, rel->pointer, rel->pointer != NULL ? rel->pointer_len : 0);
        rep_puts(o, ",\"message\":");
        rep_json_str(o, rel->message, rel->message != NULL ? strlen(rel->message) : 0);
        rep_puts(o, "}]");
    }
    if (expected)
        rep_puts(o, ",\"expected\":true");
    rep_putc(o, '}');
}

int rep_jsonl_finding(rep_reporter *r, const lsc_finding *f) {
    rep_json_object(&r->out, f, rep_finding_file(r, f), r->mark == REP_MARK_EXPECTED);
    rep_putc(&r->out, '\n');
    return rep_out_status(&r->out);
}

int rep_json_head(rep_reporter *r) {
    const char *v = r->opts.tool_version != NULL ? r->opts.tool_version : "";
    rep_puts(&r->out, "{\"tool\":{\"name\":\"lscertlint\",\"version\":");
    rep_json_str(&r->out, v, strlen(v));
    rep_puts(&r->out, "},\"inputs\":[");
    return rep_out_status(&r->out);
}

int rep_json_input_end(rep_reporter *r) {
    const rep_input *in = rep_current(r);
    rep_out *o = &r->out;
    rep_puts(o, r->ninputs > 1 ? ",\n{\"file\":" : "\n{\"file\":");
    rep_json_str(o, in->file, strlen(in->file));
    rep_puts(o, ",\"documents\":");
    rep_putu(o, in->documents);
    rep_puts(o, ",\"certificates\":");
    rep_putu(o, in->certificates);
    rep_puts(o, ",\"status\":");
    rep_json_str(o, in->status, strlen(in->status));
    if (in->message != NULL) {
        rep_puts(o, ",\"message\":");
        rep_json_str(o, in->message, strlen(in->message));
    }
    rep_putc(o, '}');
    return rep_out_status(o);
}

int rep_json_finding(rep_reporter *r, const lsc_finding *f) {
    if (r->written == 0 && r->spool_fp == NULL) {
        r->spool_fp = tmpfile();
        rep_out_init(&r->spool, r->spool_fp); /* NULL: a memory spool */
    }
    rep_puts(&r->spool, r->written > 0 ? ",\n" : "\n");
    rep_json_object(&r->spool, f, rep_finding_file(r, f), r->mark == REP_MARK_EXPECTED);
    r->written++;
    if (rep_out_status(&r->spool) < 0)
        return -1;
    return rep_out_status(&r->out);
}

/* Copy the spooled findings to the output. */
static int copy_spool(rep_reporter *r) {
    if (rep_out_status(&r->spool) < 0)
        return -1;
    if (r->spool_fp == NULL) {
        rep_put(&r->out, r->spool.buf, r->spool.len);
        return rep_out_status(&r->out);
    }
    if (fflush(r->spool_fp) != 0 || fseek(r->spool_fp, 0, SEEK_SET) != 0)
        return -1;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, r->spool_fp)) > 0)
        rep_put(&r->out, buf, n);
    if (ferror(r->spool_fp)) {
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    return rep_out_status(&r->out);
}

int rep_json_finish(rep_reporter *r) {
    rep_out *o = &r->out;
    rep_puts(o, r->ninputs > 0 ? "\n],\"findings\":[" : "],\"findings\":[");
    if (copy_spool(r) < 0)
        return -1;
    rep_puts(o, r->written > 0 ? "\n],\"summary\":{\"errors\":" : "],\"summary\":{\"errors\":");
    rep_putu(o, r->counts[LSC_ERROR]);
    rep_puts(o, ",\"warnings\":");
    rep_putu(o, r->counts[LSC_WARNING]);
    rep_puts(o, ",\"notes\":");
    rep_putu(o, r->counts[LSC_NOTE]);
    if (r->expected > 0) { /* expect-findings: counted apart from the severities */
        rep_puts(o, ",\"expected\":");
        rep_putu(o, r->expected);
    }
    rep_puts(o, "}}\n");
    return rep_out_status(o);
}
