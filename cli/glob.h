/* Glob patterns, shared by operands, --exclude and the configuration
 * file: fnmatch(3) per path segment ('*', '?', '[...]' never match '/'),
 * plus "**" as a whole segment for any number of directories, zero
 * included. A '*', '?' or '[' never matches a leading '.' of a name
 * unless the pattern segment starts with '.' itself (as the shell, and
 * "**" does not descend into hidden directories). Matching is
 * case-sensitive; empty and "." segments are ignored on both sides, so
 * "./a//b" is "a/b". */
#ifndef LSC_CLI_GLOB_H
#define LSC_CLI_GLOB_H

/* Nonzero if s holds a glob character ('*', '?' or '['). */
int glob_has_magic(const char *s);

/* Nonzero if path matches pattern as a whole. */
int glob_match(const char *pattern, const char *path);

/* One segment (no '/'): nonzero if name matches seg, leading-'.' rule
 * included. seg may be "**" (matches any name but a hidden one). */
int glob_match_segment(const char *seg, const char *name);

#endif
