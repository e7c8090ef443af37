/* Path globs of the configuration file: fnmatch(3) patterns per path
 * segment ('*', '?', '[...]' never cross a '/'), and a segment "**" for
 * any number of segments, none included. */
#ifndef LSC_CLI_CONFIG_GLOB_H
#define LSC_CLI_CONFIG_GLOB_H

/* NULL if pattern is a usable glob, else why it is not. */
const char *cfg_glob_check(const char *pattern);

/* Nonzero if path (relative, '/'-separated, no "." or ".." segments)
 * matches pattern, or one of path's leading directories does (so "fixtures"
 * covers everything below it). */
int cfg_glob_match(const char *pattern, const char *path);

#endif
