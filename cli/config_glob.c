#include "config.h"

#include "cli/config_glob.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

const char *cfg_glob_check(const char *pattern) {
    const char *p = pattern, *seg = pattern;
    if (*p == '\0')
        return "an empty glob";
    if (*p == '/')
        return "an absolute glob: globs are relative to the configuration file";
    for (; *p; p++) {
        if (*p == '\\') {
            if (p[1] == '\0')
                return "a '\\' ends the glob";
            p++;
        } else if (*p == '[') {
            const char *q = p + 1;
            if (*q == '!' || *q == '^')
                q++;
            if (*q == ']')
                q++;
            while (*q && *q != ']' && *q != '/')
                q++;
            if (*q != ']')
                return "a '[' without its ']'";
            p = q;
        } else if (*p == '*' && p[1] == '*') {
            const char *end = p + 2;
            if (p != seg || (*end != '\0' && *end != '/'))
                return "'**' must be a whole path segment";
        }
        if (*p == '/')
            seg = p + 1;
    }
    return NULL;
}

/* Match segment arrays: pat[0..np) against path[0..nq). */
static int match_segments(char **pat, size_t np, char **path, size_t nq) {
    size_t skip;
    if (np == 0)
        return nq == 0;
    if (strcmp(pat[0], "**") == 0) {
        for (skip = 0; skip <= nq; skip++)
            if (match_segments(pat + 1, np - 1, path + skip, nq - skip))
                return 1;
        return 0;
    }
    if (nq == 0 || fnmatch(pat[0], path[0], FNM_PATHNAME) != 0)
        return 0;
    return match_segments(pat + 1, np - 1, path + 1, nq - 1);
}

/* Split s in place at each '/' (empty segments dropped); returns the count. */
static size_t split(char *s, char **out) {
    size_t n = 0;
    char *p = s;
    while (*p) {
        while (*p == '/')
            *p++ = '\0';
        if (!*p)
            break;
        out[n++] = p;
        while (*p && *p != '/')
            p++;
    }
    return n;
}

int cfg_glob_match(const char *pattern, const char *path) {
    size_t plen = strlen(pattern) + 1, qlen = strlen(path) + 1, np, nq, i;
    char *pbuf = malloc(plen), *qbuf = malloc(qlen);
    char **pat = malloc((plen / 2 + 1) * sizeof *pat), **seg = malloc((qlen / 2 + 1) * sizeof *seg);
    int found = 0;
    if (!pbuf || !qbuf || !pat || !seg)
        goto out; /* out of memory: no match, the safe side for a filter */
    memcpy(pbuf, pattern, plen);
    memcpy(qbuf, path, qlen);
    np = split(pbuf, pat);
    nq = split(qbuf, seg);
    /* the path itself, then each of its leading directories */
    for (i = nq; i > 0 && !found; i--)
        found = match_segments(pat, np, seg, i);
out:
    free(pbuf);
    free(qbuf);
    free(pat);
    free(seg);
    return found;
}
