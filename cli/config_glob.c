#include "config.h"

#include "cli/config_glob.h"

#include "cli/glob.h"

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
    /* the reading of --exclude (cli/glob.h), so both sides agree */
    return glob_filter_match(pattern, path, 0) != GLOB_NO_MATCH;
}
