/* json and jsonl.
 *
 * jsonl: one object per finding per line.
 * json: one object, keys in the order of doc/cli.md §3: tool, inputs, findings, summary.
 * An input's record is complete only at its end, while its findings come
 * before that; to keep the documented order and still stream, the head and
 * each input's record are written as they become known, and findings are
 * spooled to a tmpfile() (memory if that fails) that is copied out at
 * lsc_reporter_finish(). One record or finding per line, so the output diffs well. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "report/format.h"

/* json: findings spooled until the inputs[] array is closed */
typedef struct json_state {
    FILE *spool_fp; /* NULL: a memory spool */
    lscr_out spool;
    size_t written; /* findings spooled: comma placement */
} json_state;

/* "line":N,"column":N,"offset":N,"pointer":"..." of a finding or of its
 * related location. */
static void put_place(lscr_out *o, lsc_pos pos, const char *pointer, size_t pointer_len) {
    lscr_puts(o, "\"line\":");
    lscr_putu(o, pos.line);
    lscr_puts(o, ",\"column\":");
    lscr_putu(o, pos.column);
    lscr_puts(o, ",\"offset\":");
    lscr_putu(o, pos.offset);
    lscr_puts(o, ",\"pointer\":");
    lscr_json_str(o, pointer, pointer != NULL ? pointer_len : 0);
}

void lscr_json_object(lscr_out *o, const lsc_finding *f, const char *file, int expected) {
    const char *sev = lsc_severity_name(f->severity);
    const char *rule = f->rule != NULL ? f->rule->id : NULL;
    lscr_puts(o, "{\"file\":");
    lscr_json_str(o, file, strlen(file));
    lscr_puts(o, ",\"document\":");
    lscr_putu(o, f->document);
    lscr_putc(o, ',');
    put_place(o, f->pos, f->pointer, f->pointer_len);
    lscr_puts(o, ",\"rule\":");
    lscr_json_str(o, rule, rule != NULL ? strlen(rule) : 0);
    lscr_puts(o, ",\"severity\":");
    lscr_json_str(o, sev, sev != NULL ? strlen(sev) : 0);
    lscr_puts(o, ",\"message\":");
    lscr_json_str(o, f->message, f->message != NULL ? strlen(f->message) : 0);
    if (f->has_certificate && f->certificate_name != NULL) {
        lscr_puts(o, ",\"certificate\":");
        lscr_json_str(o, f->certificate_name, f->certificate_name_len);
    }
    if (f->related != NULL) {
        const lsc_related *rel = f->related;
        lscr_puts(o, ",\"related\":[{");
        put_place(o, rel->pos, rel->pointer, rel->pointer_len);
        lscr_puts(o, ",\"message\":");
        lscr_json_str(o, rel->message, rel->message != NULL ? strlen(rel->message) : 0);
        lscr_puts(o, "}]");
    }
    if (expected)
        lscr_puts(o, ",\"expected\":true");
    lscr_putc(o, '}');
}

static int jsonl_finding(lsc_reporter *r, const lsc_finding *f) {
    lscr_json_object(&r->out, f, lscr_finding_file(r, f), r->mark == LSC_MARK_EXPECTED);
    lscr_putc(&r->out, '\n');
    return lscr_out_status(&r->out);
}

static int json_begin(lsc_reporter *r) {
    const char *v = r->opts.tool_version != NULL ? r->opts.tool_version : "";
    lscr_puts(&r->out, "{\"tool\":{\"name\":\"lscertlint\",\"version\":");
    lscr_json_str(&r->out, v, strlen(v));
    lscr_puts(&r->out, "},\"inputs\":[");
    return lscr_out_status(&r->out);
}

static int json_input_end(lsc_reporter *r) {
    const lscr_input *in = lscr_current(r);
    lscr_out *o = &r->out;
    lscr_puts(o, r->ninputs > 1 ? ",\n{\"file\":" : "\n{\"file\":");
    lscr_json_str(o, in->file, strlen(in->file));
    lscr_puts(o, ",\"documents\":");
    lscr_putu(o, in->documents);
    lscr_puts(o, ",\"certificates\":");
    lscr_putu(o, in->certificates);
    lscr_puts(o, ",\"status\":");
    lscr_json_str(o, in->status, strlen(in->status));
    if (in->message != NULL) {
        lscr_puts(o, ",\"message\":");
        lscr_json_str(o, in->message, strlen(in->message));
    }
    lscr_putc(o, '}');
    return lscr_out_status(o);
}

static int json_init(lsc_reporter *r) {
    json_state *s = r->state;
    lscr_out_init(&s->spool, NULL);
    return 0;
}

static void json_release(lsc_reporter *r) {
    json_state *s = r->state;
    if (s->spool_fp != NULL)
        fclose(s->spool_fp);
    lscr_out_release(&s->spool);
}

static int json_finding(lsc_reporter *r, const lsc_finding *f) {
    json_state *s = r->state;
    if (s->written == 0 && s->spool_fp == NULL) {
        s->spool_fp = tmpfile();
        lscr_out_init(&s->spool, s->spool_fp); /* NULL: a memory spool */
    }
    lscr_puts(&s->spool, s->written > 0 ? ",\n" : "\n");
    lscr_json_object(&s->spool, f, lscr_finding_file(r, f), r->mark == LSC_MARK_EXPECTED);
    s->written++;
    if (lscr_out_status(&s->spool) < 0)
        return -1;
    return lscr_out_status(&r->out);
}

/* Copy the spooled findings to the output. */
static int copy_spool(lsc_reporter *r) {
    json_state *s = r->state;
    if (lscr_out_status(&s->spool) < 0)
        return -1;
    if (s->spool_fp == NULL) {
        lscr_put(&r->out, s->spool.buf, s->spool.len);
        return lscr_out_status(&r->out);
    }
    if (fflush(s->spool_fp) != 0 || fseek(s->spool_fp, 0, SEEK_SET) != 0)
        return -1;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, s->spool_fp)) > 0)
        lscr_put(&r->out, buf, n);
    if (ferror(s->spool_fp)) {
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    return lscr_out_status(&r->out);
}

static int json_finish(lsc_reporter *r) {
    lscr_out *o = &r->out;
    lscr_puts(o, r->ninputs > 0 ? "\n],\"findings\":[" : "],\"findings\":[");
    if (copy_spool(r) < 0)
        return -1;
    lscr_puts(o, ((json_state *)r->state)->written > 0 ? "\n],\"summary\":{\"errors\":"
                                                       : "],\"summary\":{\"errors\":");
    lscr_putu(o, r->counts[LSC_ERROR]);
    lscr_puts(o, ",\"warnings\":");
    lscr_putu(o, r->counts[LSC_WARNING]);
    lscr_puts(o, ",\"notes\":");
    lscr_putu(o, r->counts[LSC_NOTE]);
    if (r->expected > 0) { /* expect-findings: counted apart from the severities */
        lscr_puts(o, ",\"expected\":");
        lscr_putu(o, r->expected);
    }
    lscr_puts(o, "}}\n");
    return lscr_out_status(o);
}

const lscr_ops lscr_json_ops = {.name = "json",
                                .state_size = sizeof(json_state),
                                .init = json_init,
                                .release = json_release,
                                .begin = json_begin,
                                .finding = json_finding,
                                .input_end = json_input_end,
                                .finish = json_finish};

const lscr_ops lscr_jsonl_ops = {.name = "jsonl", .finding = jsonl_finding};
