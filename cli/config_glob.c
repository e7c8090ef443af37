#include "config.h"

#include "cli/config_glob.h"

#include "cli/glob.h"

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

int cfg_glob_match(const char *pattern, const char *path) {
    size_t len = strlen(path);
    char *prefix = malloc(len + 1);
    int found = 0;
    if (!prefix)
        return 0; /* out of memory: no match, the safe side for a filter */
    memcpy(prefix, path, len + 1);
    /* the path itself, then each of its leading directories */
    for (;;) {
        char *slash;
        if (prefix[0] != '\0' && glob_match(pattern, prefix)) {
            found = 1;
            break;
        }
        slash = strrchr(prefix, '/');
        if (!slash)
            break;
        *slash = '\0';
    }
    free(prefix);
    return found;
}
