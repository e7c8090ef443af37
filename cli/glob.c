#include "config.h"

#include "cli/glob.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

unsigned long glob_match_steps;

int glob_has_magic(const char *s) {
    return strpbrk(s, "*?[") != NULL;
}

int glob_match_segment(const char *seg, const char *name) {
    glob_match_steps++;
    if (strcmp(seg, "**") == 0)
        return name[0] != '.';
    return fnmatch(seg, name, FNM_PERIOD) == 0;
}

/* One segment of a pattern or a path: where it starts and its length. */
typedef struct glob_seg {
    const char *s;
    size_t len;
} glob_seg;

/* The segments of s (empty and "." skipped) in a new array; *n their
 * count. NULL when memory ran out. collapse: consecutive "**" become one
 * (they match the same paths, and a run of them would only add states). */
static glob_seg *split_segments(const char *s, size_t *n, int collapse) {
    size_t cap = 1, count = 0, i;
    glob_seg *v;
    for (i = 0; s[i]; i++)
        cap += s[i] == '/';
    v = malloc(cap * sizeof *v);
    if (!v)
        return NULL;
    for (i = 0;;) {
        size_t b, e;
        while (s[i] == '/')
            i++;
        if (s[i] == '\0')
            break;
        b = i;
        for (e = b; s[e] != '\0' && s[e] != '/'; e++)
            ;
        i = e;
        if (e - b == 1 && s[b] == '.')
            continue;
        if (collapse && e - b == 2 && s[b] == '*' && s[b + 1] == '*' && count > 0 &&
            v[count - 1].len == 2 && memcmp(v[count - 1].s, "**", 2) == 0)
            continue;
        v[count].s = s + b;
        v[count].len = e - b;
        count++;
    }
    *n = count;
    return v;
}

static int is_globstar(const glob_seg *g) {
    return g->len == 2 && g->s[0] == '*' && g->s[1] == '*';
}

/* Does pattern segment p match path segment t? Segments are copied into
 * small buffers for fnmatch(); one longer than a file name can be
 * (NAME_MAX) never matches. */
static int segment_matches(const glob_seg *p, const glob_seg *t) {
    char pseg[256], tseg[256];
    if (p->len >= sizeof pseg || t->len >= sizeof tseg)
        return 0;
    memcpy(pseg, p->s, p->len);
    pseg[p->len] = '\0';
    memcpy(tseg, t->s, t->len);
    tseg[t->len] = '\0';
    return glob_match_segment(pseg, tseg);
}

/* Add pattern position i to the state set, and every position a "**"
 * there lets through (it may match zero segments). */
static void add_state(unsigned char *set, const glob_seg *pat, size_t np, size_t i) {
    while (i <= np && !set[i]) {
        set[i] = 1;
        if (i == np || !is_globstar(&pat[i]))
            break;
        i++;
    }
}

/* The pattern as a set of positions stepped over the path's segments (the
 * NFA of the segments, "**" a loop): at most (pattern segments + 1) x path
 * segments segment matches, however many "**" the pattern holds. Returns
 * a mask of the path lengths the pattern matches as a whole: bit k set
 * means the first k segments; only the lengths in [0, npath] are filled
 * into lens (NULL: only the full path is asked for, the result 0 or 1). */
static int run_nfa(const glob_seg *pat, size_t np, const glob_seg *path, size_t nt,
                   unsigned char *lens) {
    unsigned char *cur = calloc(2 * (np + 1), 1), *next;
    size_t k, i;
    int any;
    if (!cur)
        return -1;
    next = cur + np + 1;
    add_state(cur, pat, np, 0);
    if (lens)
        lens[0] = cur[np];
    for (k = 0; k < nt; k++) {
        memset(next, 0, np + 1);
        any = 0;
        for (i = 0; i < np; i++) {
            if (!cur[i])
                continue;
            if (is_globstar(&pat[i])) {
                if (path[k].s[0] != '.') { /* "**" enters no hidden name */
                    glob_match_steps++;
                    add_state(next, pat, np, i);
                    any = 1;
                }
            } else if (segment_matches(&pat[i], &path[k])) {
                add_state(next, pat, np, i + 1);
                any = 1;
            }
        }
        memcpy(cur, next, np + 1);
        if (lens)
            lens[k + 1] = cur[np];
        if (!any) {
            for (k++; lens && k < nt; k++)
                lens[k + 1] = 0;
            break;
        }
    }
    any = cur[np] && k >= nt;
    free(cur);
    return any;
}

int glob_match(const char *pattern, const char *path) {
    glob_seg *pat, *segs;
    size_t np, nt;
    int r = 0;
    /* An absolute pattern matches only an absolute path, and back. */
    if ((pattern[0] == '/') != (path[0] == '/'))
        return 0;
    pat = split_segments(pattern, &np, 1);
    segs = split_segments(path, &nt, 0);
    if (pat && segs)
        r = run_nfa(pat, np, segs, nt, NULL) == 1;
    free(pat);
    free(segs);
    return r;
}

int glob_filter_match(const char *pattern, const char *path, int is_dir) {
    glob_seg *pat = NULL, *segs = NULL;
    unsigned char *lens = NULL;
    size_t np, nt, k, plen = strlen(pattern);
    int r = GLOB_NO_MATCH, dir_only = 0, anchored;

    /* gitignore's reading: a trailing '/' means directories only, and does
     * not anchor; any other '/' anchors the pattern to the base. */
    while (plen > 1 && pattern[plen - 1] == '/') {
        plen--;
        dir_only = 1;
    }
    anchored = memchr(pattern, '/', plen) != NULL;
    if (anchored && (pattern[0] == '/') != (path[0] == '/'))
        return GLOB_NO_MATCH;
    pat = split_segments(pattern, &np, 1);
    segs = split_segments(path, &nt, 0);
    if (!pat || !segs)
        goto out;
    /* split_segments() stops at the trailing slashes by itself */
    if (np == 0)
        goto out;
    if (!anchored) {
        /* a name at any depth: the file's own name, else a directory's */
        for (k = nt; k-- > 0;) {
            if (dir_only && !is_dir && k == nt - 1)
                continue;
            if (segment_matches(&pat[0], &segs[k])) {
                r = k == nt - 1 ? GLOB_BY_NAME : GLOB_BY_DIR;
                break;
            }
        }
        goto out;
    }
    lens = calloc(nt + 1, 1);
    if (!lens)
        goto out;
    run_nfa(pat, np, segs, nt, lens);
    if (lens[nt] && (!dir_only || is_dir))
        r = is_globstar(&pat[np - 1]) ? GLOB_BY_DIR : GLOB_BY_NAME;
    else
        for (k = 1; k < nt; k++)
            if (lens[k]) {
                r = GLOB_BY_DIR;
                break;
            }
out:
    free(lens);
    free(pat);
    free(segs);
    return r;
}
