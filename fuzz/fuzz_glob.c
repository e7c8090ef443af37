/* Fuzz target for the glob matcher (cli/glob.c), the configuration's glob
 * check (cli/config_glob.c) and the own-file sniffer (cli/ownfile.c).
 * Input: PATTERN '\n' PATH (the rest; no newline: the pattern alone
 * against itself). Oracles: glob_match() agrees with a plain recursive
 * matcher (the one it replaced) when that is cheap enough to run; its work
 * stays within (pattern segments + 1) x (path segments + 1) segment
 * matches; glob_filter_match() and cfg_glob_match() agree. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config_glob.h"
#include "cli/glob.h"
#include "cli/ownfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next segment of s at or after *pos ("" and "." skipped). */
static size_t next_segment(const char *s, size_t *pos, const char **start) {
    for (;;) {
        size_t b = *pos, e;
        while (s[b] == '/')
            b++;
        if (s[b] == '\0') {
            *pos = b;
            return 0;
        }
        for (e = b; s[e] != '\0' && s[e] != '/'; e++)
            ;
        *pos = e;
        if (e - b == 1 && s[b] == '.')
            continue;
        *start = s + b;
        return e - b;
    }
}

static size_t count_segments(const char *s) {
    size_t pos = 0, n = 0;
    const char *start;
    while (next_segment(s, &pos, &start) > 0)
        n++;
    return n;
}

/* The reference: backtracking over the segments (exponential in "**"). */
static int ref_match(const char *pattern, size_t ppos, const char *path, size_t spos) {
    char pseg[256], sseg[256];
    const char *pstart, *sstart;
    size_t plen, slen, pnext = ppos, snext = spos;
    unsigned long saved = glob_match_steps;
    int r;

    plen = next_segment(pattern, &pnext, &pstart);
    if (plen == 0) {
        size_t rest = spos;
        return next_segment(path, &rest, &sstart) == 0;
    }
    if (plen == 2 && pstart[0] == '*' && pstart[1] == '*') {
        if (ref_match(pattern, pnext, path, spos))
            return 1;
        slen = next_segment(path, &snext, &sstart);
        if (slen == 0 || sstart[0] == '.')
            return 0;
        return ref_match(pattern, ppos, path, snext);
    }
    slen = next_segment(path, &snext, &sstart);
    if (slen == 0 || plen >= sizeof pseg || slen >= sizeof sseg)
        return 0;
    memcpy(pseg, pstart, plen);
    pseg[plen] = '\0';
    memcpy(sseg, sstart, slen);
    sseg[slen] = '\0';
    r = glob_match_segment(pseg, sseg);
    glob_match_steps = saved; /* the reference's work is not counted */
    return r && ref_match(pattern, pnext, path, snext);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *buf = malloc(size + 1), *pattern, *path, *nl;
    size_t np, nt, stars = 0, i;
    unsigned long before;
    int got;

    if (!buf)
        return 0;
    (void)cli_own_sniff(data, size, 1);
    (void)cli_own_sniff(data, size, 0);
    memcpy(buf, data, size);
    buf[size] = '\0'; /* a NUL inside ends both strings early: fine */
    pattern = buf;
    nl = strchr(buf, '\n');
    if (nl) {
        *nl = '\0';
        path = nl + 1;
    } else {
        path = buf;
    }
    np = count_segments(pattern);
    nt = count_segments(path);

    before = glob_match_steps;
    got = glob_match(pattern, path);
    if (glob_match_steps - before > (np + 1) * (nt + 1))
        abort(); /* more work than the state set allows */
    for (i = 0; pattern[i]; i++)
        stars += pattern[i] == '*';
    /* the reference only where its backtracking stays small */
    if (stars <= 8 && nt <= 12 && (pattern[0] == '/') == (path[0] == '/') &&
        ref_match(pattern, 0, path, 0) != got)
        abort();

    (void)glob_filter_match(pattern, path, 0);
    (void)glob_filter_match(pattern, path, 1);
    if (cfg_glob_check(pattern) == NULL &&
        cfg_glob_match(pattern, path) != (glob_filter_match(pattern, path, 0) != GLOB_NO_MATCH))
        abort();
    free(buf);
    return 0;
}
