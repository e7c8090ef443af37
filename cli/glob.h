/* Glob patterns, shared by operands, --include, --exclude and the
 * configuration file: fnmatch(3) per path segment ('*', '?', '[...]' never
 * match '/'), plus "**" as a whole segment for any number of directories,
 * zero included. A '*', '?' or '[' never matches a leading '.' of a name
 * unless the pattern segment starts with '.' itself (as the shell, and
 * "**" does not descend into hidden directories). Matching is
 * case-sensitive; empty and "." segments are ignored on both sides, so
 * "./a//b" is "a/b". Matching is polynomial: the pattern's segments are
 * run as a set of states over the path's (consecutive "**" collapsed), at
 * most (pattern segments + 1) x path segments segment matches. */
#ifndef LSC_CLI_GLOB_H
#define LSC_CLI_GLOB_H

/* Segment matches done so far (tests count the work with it). */
extern unsigned long glob_match_steps;

/* Nonzero if s holds a glob character ('*', '?' or '['). */
int glob_has_magic(const char *s);

/* Nonzero if path matches pattern as a whole. */
int glob_match(const char *pattern, const char *path);

/* One segment (no '/'): nonzero if name matches seg, leading-'.' rule
 * included. seg may be "**" (matches any name but a hidden one). */
int glob_match_segment(const char *seg, const char *name);

/* How a filter pattern (--include, --exclude, the configuration's include
 * and exclude) selects a path. */
enum {
    GLOB_NO_MATCH = 0,
    GLOB_BY_DIR = 1, /* a directory above it matched, or a final "**" */
    GLOB_BY_NAME = 2 /* the path itself, by its own last segment */
};

/* The one reading of include and exclude globs, as gitignore's: a pattern
 * without '/' (a trailing '/' aside) matches a name at any depth; one with
 * '/' matches the path from its start ("a/x*.json" is a/x1.json, not
 * b/a/x1.json); a match on a leading directory covers what lies below it; a
 *  trailing '/' matches directories only; "dir/" + "**" matches everything below
 * dir. path is relative to the patterns' base, is_dir says whether it is a
 * directory. Returns GLOB_NO_MATCH, GLOB_BY_DIR or GLOB_BY_NAME (out of
 * memory: GLOB_NO_MATCH). */
int glob_filter_match(const char *pattern, const char *path, int is_dir);

#endif
