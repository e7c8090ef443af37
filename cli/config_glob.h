/* Path globs of the configuration file: the syntax and matching of
 * cli/glob.h (fnmatch(3) per segment, "**" for any number of segments, a
 * leading '.' matched only by a pattern segment starting with '.'), checked
 * when the file is read, and read as --include and --exclude read theirs
 * (glob_filter_match(): a glob without '/' names a name at any depth, a
 * match on a directory covers what lies below it). */
#ifndef LSC_CLI_CONFIG_GLOB_H
#define LSC_CLI_CONFIG_GLOB_H

/* NULL if pattern is a usable glob, else why it is not. */
const char *cfg_glob_check(const char *pattern);

/* Nonzero if path (relative, '/'-separated, no "." or ".." segments)
 * matches pattern as glob_filter_match() reads it (so "fixtures" covers
 * everything below a fixtures directory at any depth). */
int cfg_glob_match(const char *pattern, const char *path);

#endif
