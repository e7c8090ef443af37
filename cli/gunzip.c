/* gzip inputs, inflated with zlib as they stream: memory stays at zlib's
 * window and state plus one output buffer, whatever the input's size.
 *
 * Corrupt or truncated gzip data is a json-syntax finding and exit status 1,
 * not an I/O error (3): the bytes were read without trouble, they are the
 * saved capture and they are damaged, just as a JSON text cut short is a
 * json-syntax finding. The finding points at the end of the decompressed
 * text and names the byte of the compressed input where inflating failed.
 * Findings of a certificate that the damage cut short are not delivered:
 * its closing brace never came. */
#include "config.h"

#include "cli/gunzip.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The decompressed text, one buffer for every input of a thread (-j:
 * each worker inflates its own inputs). */
static _Thread_local unsigned char out_buf[64 * 1024];

static const unsigned char gzip_magic[2] = {0x1f, 0x8b};

int cli_is_gzip_name(const char *name) {
    size_t len = strlen(name);
    return len > 3 && strcasecmp(name + len - 3, ".gz") == 0;
}

void cli_feed_init(cli_feed *f, lsc_checker *checker, const lsc_config *config, const char *name,
                   int gzip, cli_feed_report report, void *user) {
    memset(f, 0, sizeof *f);
    f->checker = checker;
    f->config = config;
    f->name = name;
    f->report = report;
    f->user = user;
    f->mode = gzip ? 2 : 0;
    f->pos.line = 1;
    f->pos.column = 1;
}

void cli_feed_release(cli_feed *f) {
    if (f->zinit)
        inflateEnd(&f->z);
    f->zinit = 0;
}

static lsc_status fail_with(lsc_error *err, lsc_status code, const char *text) {
    if (err) {
        memset(err, 0, sizeof *err);
        err->code = code;
        snprintf(err->text, sizeof err->text, "%s", text);
    }
    return code;
}

/* Line and column (code points since the last LF) after n more bytes. */
static void advance(lsc_pos *p, const unsigned char *d, size_t n) {
    p->offset += n;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '\n') {
            p->line++;
            p->column = 1;
        } else if ((d[i] & 0xC0) != 0x80) {
            p->column++;
        }
    }
}

/* The json-syntax finding of damaged gzip data at byte `at` (0-based) of
 * the compressed input; returns LSC_MALFORMED, or LSC_STOPPED when the
 * report callback stopped the run. */
static lsc_status corrupt(cli_feed *f, uint64_t at, const char *why, lsc_error *err) {
    char msg[300];
    const lsc_stats *st = lsc_checker_stats(f->checker);
    lsc_finding fd;
    f->failed = 1;
    memset(&fd, 0, sizeof fd);
    fd.rule = lsc_rule_find("json-syntax");
    fd.severity = lsc_config_severity(f->config, "json-syntax");
    if (fd.rule == NULL || fd.severity == LSC_OFF)
        return LSC_MALFORMED;
    snprintf(msg, sizeof msg, "gzip data is corrupt at byte %llu of the compressed input: %s",
             (unsigned long long)at, why);
    fd.file = f->name;
    fd.document = st->documents > 0 ? st->documents - 1 : 0;
    fd.pos = f->pos;
    fd.pointer = "";
    fd.message = msg;
    if (f->report && f->report(f->user, &fd) != 0)
        return fail_with(err, LSC_STOPPED, "stopped by a callback");
    return LSC_MALFORMED;
}

static lsc_status feed_checker(cli_feed *f, const unsigned char *data, size_t len, lsc_error *err) {
    if (f->mode == 2)
        advance(&f->pos, data, len);
    return lsc_checker_feed(f->checker, data, len, err);
}

static lsc_status inflate_bytes(cli_feed *f, const unsigned char *data, size_t len, lsc_error *err) {
    if (!f->zinit) {
        memset(&f->z, 0, sizeof f->z);
        if (inflateInit2(&f->z, 16 + MAX_WBITS) != Z_OK) /* 16: gzip wrapper only */
            return fail_with(err, LSC_NOMEM, "out of memory");
        f->zinit = 1;
    }
    f->z.next_in = data;
    f->z.avail_in = (uInt)len;
    for (;;) {
        /* zero bytes after a member: padding to the end, as gzip(1) reads it */
        if (!f->member_open && f->members > 0 && f->z.avail_in > 0 &&
            (f->padding > 0 || f->z.next_in[0] == 0)) {
            while (f->z.avail_in > 0 && f->z.next_in[0] == 0) {
                f->z.next_in++;
                f->z.avail_in--;
                f->consumed++;
                f->padding++;
            }
            if (f->z.avail_in == 0)
                return LSC_OK;
            return corrupt(f, f->consumed,
                           "a byte other than zero in the zero padding after the last member", err);
        }
        if (f->z.avail_in > 0 && !f->member_open)
            f->member_open = 1; /* a member starts (or trailing bytes: zlib judges them) */
        uInt before = f->z.avail_in;
        f->z.next_out = out_buf;
        f->z.avail_out = sizeof out_buf;
        int zr = inflate(&f->z, Z_NO_FLUSH);
        f->consumed += before - f->z.avail_in;
        size_t produced = sizeof out_buf - f->z.avail_out;
        if (produced > 0) {
            lsc_status r = feed_checker(f, out_buf, produced, err);
            if (r != LSC_OK)
                return r;
        }
        switch (zr) {
        case Z_STREAM_END: /* a member ended; another may follow (gzip -c a b) */
            f->member_open = 0;
            f->members++;
            if (inflateReset(&f->z) != Z_OK)
                return corrupt(f, f->consumed, "zlib could not start the next member", err);
            break;
        case Z_OK:
            break;
        case Z_BUF_ERROR: /* no progress possible: it needs more input */
            if (f->z.avail_in == 0)
                return LSC_OK;
            return corrupt(f, f->consumed, "zlib made no progress", err);
        case Z_MEM_ERROR:
            return fail_with(err, LSC_NOMEM, "out of memory");
        default: /* Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR */
            /* the last byte inflate took is the one it found wrong */
            return corrupt(f, f->consumed > 0 ? f->consumed - 1 : 0,
                           f->z.msg ? f->z.msg : "invalid compressed data", err);
        }
        if (f->z.avail_in == 0 && f->z.avail_out != 0)
            return LSC_OK; /* all input taken and no output pending */
    }
}

lsc_status cli_feed_bytes(cli_feed *f, const unsigned char *data, size_t len, lsc_error *err) {
    if (f->failed)
        return LSC_MALFORMED;
    if (f->mode == 0) { /* the magic may arrive one byte at a time */
        while (f->head_len < 2 && len > 0) {
            f->head[f->head_len++] = *data++;
            len--;
        }
        if (f->head_len < 2)
            return LSC_OK;
        f->mode = memcmp(f->head, gzip_magic, 2) == 0 ? 2 : 1;
        lsc_status r = f->mode == 2 ? inflate_bytes(f, f->head, 2, err)
                                    : lsc_checker_feed(f->checker, f->head, 2, err);
        if (r != LSC_OK)
            return r;
    }
    if (len == 0)
        return LSC_OK;
    return f->mode == 2 ? inflate_bytes(f, data, len, err)
                        : lsc_checker_feed(f->checker, data, len, err);
}

lsc_status cli_feed_finish(cli_feed *f, lsc_error *err) {
    if (f->failed)
        return LSC_MALFORMED;
    if (f->mode == 0) { /* fewer than two bytes: not gzip */
        f->mode = 1;
        if (f->head_len > 0) {
            lsc_status r = lsc_checker_feed(f->checker, f->head, f->head_len, err);
            if (r != LSC_OK)
                return r;
        }
    }
    if (f->mode == 2 && (f->member_open || f->consumed == 0))
        return corrupt(f, f->consumed, /* the end of the input */
                       f->consumed == 0 ? "the input is empty"
                                        : "it ends before the end of the compressed stream",
                       err);
    return lsc_checker_finish(f->checker, err);
}
