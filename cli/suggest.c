#include "config.h"

#include "cli/suggest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Levenshtein distance of a and b, case-insensitive; words longer than 64
 * bytes are too far from any option or rule id to matter. */
static size_t edit_distance(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t row[65];
    if (la > 64 || lb > 64)
        return (size_t)-1;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *cli_nearest(const char *word, const char *const *candidates, size_t count) {
    size_t i, best = (size_t)-1, limit = strlen(word) / 3;
    const char *found = NULL;
    if (limit < 2)
        limit = 2;
    for (i = 0; i < count; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best) {
            best = d;
            found = candidates[i];
        }
    }
    return best <= limit ? found : NULL;
}
