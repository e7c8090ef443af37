/* Fuzz target: gzip input through the program's reader (cli/gunzip.c),
 * which inflates as the bytes stream and feeds the checker. The first byte
 * is a header: bits 0-6 the feed size (0: the whole input at once), bit 7
 * the input's name ends in .gz (gzip expected) instead of deciding from
 * the magic bytes. The rest is the input.
 *
 * Oracles besides the sanitizers: a run ends LSC_OK, LSC_MALFORMED or
 * LSC_STOPPED-free (no callback stops), never out of memory; an independent
 * inflate of the same bytes (zlib in one pass, members in sequence, zero
 * padding after the last one skipped) decides what the reader must say:
 * gzip data it accepts gives exactly the findings (rule, document, line,
 * column, offset, pointer) of the inflated text fed plain; data it rejects
 * gives one "gzip data is corrupt" json-syntax finding (or the json-syntax
 * finding of the inflated text, when it stopped being JSON first). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/gunzip.h"
#include "fuzz/oracle.h"
#include "lscertlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fail(...) fuzz_fail("fuzz_gzip", __VA_ARGS__)

/* Inflated text above this is not compared (a bomb only costs time). */
#define REF_MAX (4u << 20)

typedef struct log_buf {
    char *p;
    size_t len, cap;
    int corrupt; /* a "gzip data is corrupt" finding */
} log_buf;

static void log_add(log_buf *l, const char *s, size_t n) {
    if (l->len + n + 1 > l->cap) {
        size_t cap = l->cap ? l->cap : 4096;
        while (cap < l->len + n + 1)
            cap *= 2;
        char *np = realloc(l->p, cap);
        if (!np)
            fail("out of memory in the oracle");
        l->p = np;
        l->cap = cap;
    }
    memcpy(l->p + l->len, s, n);
    l->len += n;
    l->p[l->len] = '\0';
}

static int on_finding(void *user, const lsc_finding *f) {
    log_buf *l = user;
    char line[256];
    if (strncmp(f->message, "gzip data is corrupt", 20) == 0) {
        l->corrupt++;
        return 0; /* not in the comparison: the plain text has no such finding */
    }
    int n = snprintf(line, sizeof line, "%s doc %zu %llu:%llu @%llu ", f->rule->id, f->document,
                     (unsigned long long)f->pos.line, (unsigned long long)f->pos.column,
                     (unsigned long long)f->pos.offset);
    log_add(l, line, (size_t)n);
    log_add(l, f->pointer, f->pointer_len);
    log_add(l, "\n", 1);
    return 0;
}

static const lsc_callbacks callbacks = {NULL, NULL, NULL, on_finding, NULL};

/* The reference inflate: 1 the bytes are gzip data gzip(1) accepts (out
 * holds the text), 0 they are not, -1 the text is too large to compare. */
static int reference(const uint8_t *in, size_t n, unsigned char **out, size_t *out_len) {
    z_stream z;
    size_t cap = 65536, len = 0, pos = 0;
    int members = 0, ok = 1;
    unsigned char *buf = malloc(cap);
    if (!buf)
        fail("out of memory in the oracle");
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
        fail("inflateInit2");
    while (pos < n) {
        if (members > 0 && in[pos] == 0) { /* zero padding: to the end, or damage */
            while (pos < n && in[pos] == 0)
                pos++;
            ok = pos == n;
            break;
        }
        z.next_in = in + pos;
        z.avail_in = (uInt)(n - pos);
        int zr;
        do {
            if (len == cap) {
                if (cap >= REF_MAX) {
                    inflateEnd(&z);
                    free(buf);
                    return -1;
                }
                cap *= 2;
                unsigned char *nb = realloc(buf, cap);
                if (!nb)
                    fail("out of memory in the oracle");
                buf = nb;
            }
            z.next_out = buf + len;
            z.avail_out = (uInt)(cap - len);
            zr = inflate(&z, Z_NO_FLUSH);
            len = cap - z.avail_out;
        } while (zr == Z_OK && (z.avail_out == 0 || z.avail_in > 0));
        pos = n - z.avail_in;
        if (zr != Z_STREAM_END) {
            ok = 0; /* damaged, or cut short */
            break;
        }
        members++;
        inflateReset(&z);
    }
    inflateEnd(&z);
    if (members == 0)
        ok = 0;
    *out = buf;
    *out_len = len;
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    size_t step = data[0] & 0x7f;
    int gz_name = data[0] >> 7;
    data++;
    size--;
    if (step == 0)
        step = size ? size : 1;

    log_buf got = {0}, want = {0};
    lsc_error err;
    lsc_config *config = lsc_config_new(); /* the defaults, as the program's */
    if (!config)
        fail("lsc_config_new");
    lsc_checker *ck = lsc_checker_new(config, "in.json", &callbacks, &got, &err);
    if (!ck)
        fail("lsc_checker_new: %s", err.text);
    cli_feed feed;
    cli_feed_init(&feed, ck, config, "in.json", gz_name, on_finding, &got);
    lsc_status st = LSC_OK;
    for (size_t at = 0; at < size && st == LSC_OK; at += step) {
        size_t n = size - at < step ? size - at : step;
        st = cli_feed_bytes(&feed, data + at, n, &err);
    }
    if (st == LSC_OK)
        st = cli_feed_finish(&feed, &err);
    int gzip = feed.mode == 2;
    uint64_t padding = feed.padding;
    cli_feed_release(&feed);
    lsc_checker_free(ck);
    if (st != LSC_OK && st != LSC_MALFORMED)
        fail("the run ended %d (%s)", (int)st, err.text);
    if (got.corrupt > 1)
        fail("%d corrupt-gzip findings", got.corrupt);

    if (gzip) {
        unsigned char *text = NULL;
        size_t text_len = 0;
        int ok = reference(data, size, &text, &text_len);
        /* the text inflated before the damage may stop being JSON first:
         * the reading ends there, with that json-syntax finding */
        if (ok == 0 && !got.corrupt && st != LSC_MALFORMED)
            fail("damaged gzip data (%zu bytes) was not reported", size);
        if (ok == 1 && got.corrupt)
            fail("gzip data that gzip accepts was called corrupt");
        if (ok != 1 && padding && !got.corrupt)
            fail("zero padding noted on damaged data");
        if (ok == 1) {
            /* the inflated text fed plain: the same findings */
            ck = lsc_checker_new(config, "in.json", &callbacks, &want, &err);
            if (!ck)
                fail("lsc_checker_new: %s", err.text);
            lsc_status pst = lsc_checker_feed(ck, text, text_len, &err);
            if (pst == LSC_OK)
                pst = lsc_checker_finish(ck, &err);
            lsc_checker_free(ck);
            if (pst != st)
                fail("status %d through gzip, %d plain", (int)st, (int)pst);
            if (strcmp(got.p ? got.p : "", want.p ? want.p : "") != 0)
                fail("other findings through gzip:\n%s\nplain:\n%s", got.p ? got.p : "",
                     want.p ? want.p : "");
        }
        free(text);
    } else if (got.corrupt) {
        fail("a corrupt-gzip finding on plain input");
    }
    lsc_config_free(config);
    free(got.p);
    free(want.p);
    return 0;
}
