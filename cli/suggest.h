/* "Did you mean ...": the nearest of a list of words by edit distance
 * (Levenshtein, case-insensitive), for unknown rule ids, groups, formats
 * and options. */
#ifndef LSC_CLI_SUGGEST_H
#define LSC_CLI_SUGGEST_H

#include <stddef.h>

/* The candidate nearest to word, or NULL when none is near enough to be a
 * likely typo (more than max(2, strlen(word) / 3) edits away). Ties go to
 * the first candidate. */
const char *cli_nearest(const char *word, const char *const *candidates, size_t count);

#endif
