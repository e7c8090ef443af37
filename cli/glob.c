#include "config.h"

#include "cli/glob.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

int glob_has_magic(const char *s) {
    return strpbrk(s, "*?[") != NULL;
}

int glob_match_segment(const char *seg, const char *name) {
    if (strcmp(seg, "**") == 0)
        return name[0] != '.';
    return fnmatch(seg, name, FNM_PERIOD) == 0;
}

/* The next segment of s at or after *pos (empty and "." skipped): its
 * start and length, or 0 at the end. */
static size_t next_segment(const char *s, size_t *pos, const char **start) {
    for (;;) {
        size_t b = *pos, e;
        while (s[b] == '/')
            b++;
        if (s[b] == '\0') {
            *pos = b;
            return 0;
        }
        e = b;
        while (s[e] != '\0' && s[e] != '/')
            e++;
        *pos = e;
        if (e - b == 1 && s[b] == '.')
            continue;
        *start = s + b;
        return e - b;
    }
}

/* Match the segments of pattern from *ppos on against those of path from
 * spos on. Segments are copied into small buffers for fnmatch(); a segment
 * longer than a file name can be (NAME_MAX) never matches. */
static int match_from(const char *pattern, size_t ppos, const char *path, size_t spos) {
    char pseg[256], sseg[256];
    const char *pstart, *sstart;
    size_t plen, slen, pnext = ppos, snext = spos;

    plen = next_segment(pattern, &pnext, &pstart);
    if (plen == 0) {
        size_t rest = spos;
        return next_segment(path, &rest, &sstart) == 0;
    }
    if (plen == 2 && pstart[0] == '*' && pstart[1] == '*') {
        /* "**": zero segments, or one more (not hidden) and try again */
        if (match_from(pattern, pnext, path, spos))
            return 1;
        slen = next_segment(path, &snext, &sstart);
        if (slen == 0 || sstart[0] == '.')
            return 0;
        return match_from(pattern, ppos, path, snext);
    }
    slen = next_segment(path, &snext, &sstart);
    if (slen == 0 || plen >= sizeof pseg || slen >= sizeof sseg)
        return 0;
    memcpy(pseg, pstart, plen);
    pseg[plen] = '\0';
    memcpy(sseg, sstart, slen);
    sseg[slen] = '\0';
    if (!glob_match_segment(pseg, sseg))
        return 0;
    return match_from(pattern, pnext, path, snext);
}

int glob_match(const char *pattern, const char *path) {
    /* An absolute pattern matches only an absolute path, and back. */
    if ((pattern[0] == '/') != (path[0] == '/'))
        return 0;
    return match_from(pattern, 0, path, 0);
}
