/* Fuzz target: the baseline reader (cli/baseline.c over cli/config_json.c)
 * and the file names of its entries. The first byte picks:
 *
 *   even  the rest is a baseline file, read matching by file and by
 *         certificate
 *   odd   the rest is two names split at the first NUL: a baseline's path
 *         and an input's name, turned into the entry's file name
 *
 * Oracles besides the sanitizers: both matching modes accept and refuse
 * the same files with the same status; nothing is fixed before any file
 * was checked, and no more than the entries after; an entry's file name is
 * normalized (no "", "." or inner ".." segment, no trailing '/'). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/baseline.h"
#include "fuzz/oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fail(...) fuzz_fail("fuzz_baseline", __VA_ARGS__)

static void check_name(const char *name, const char *from) {
    const char *s = name;
    int leading = 1; /* ".." only before every other segment */
    if (name[0] == '<' || (name[0] == '\0' && from[0] == '\0'))
        return; /* standard input's name, or no name: kept as is */
    if (strcmp(name, ".") == 0)
        return;
    if (name[0] == '\0' || name[0] == '/')
        fail("'%s' (from '%s'): empty or absolute", name, from);
    for (;;) {
        const char *e = strchr(s, '/');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (n == 0 || (n == 1 && s[0] == '.'))
            fail("'%s' (from '%s'): an empty or '.' segment", name, from);
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (!leading)
                fail("'%s' (from '%s'): '..' after a name", name, from);
        } else {
            leading = 0;
        }
        if (!e)
            break;
        s = e + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    if (data[0] % 2 == 0) {
        cli_baseline *by_file = NULL, *by_cert = NULL;
        int st1 = 0, st2 = 0;
        int r1 =
            cli_baseline_parse("fuzz.json", (const char *)data + 1, size - 1, 0, &by_file, &st1);
        int r2 =
            cli_baseline_parse("fuzz.json", (const char *)data + 1, size - 1, 1, &by_cert, &st2);
        if (r1 != r2 || (r1 != 0 && st1 != st2))
            fail("by file: %d (status %d), by certificate: %d (status %d)", r1, st1, r2, st2);
        if (by_file) {
            size_t before = cli_baseline_each_fixed(by_file, NULL, NULL);
            if (before != 0)
                fail("%zu fixed before any file was checked", before);
            if (cli_baseline_checked(by_file, "a.json") == 0)
                (void)cli_baseline_each_fixed(by_file, NULL, NULL);
            (void)cli_baseline_take(by_file, "{}");
        }
        cli_baseline_free(by_file);
        cli_baseline_free(by_cert);
    } else {
        char *copy = malloc(size), *dir, *name;
        const char *path, *input;
        if (!copy)
            return 0;
        memcpy(copy, data + 1, size - 1);
        copy[size - 1] = '\0';
        path = copy;
        input = memchr(copy, '\0', size - 1) ? copy + strlen(copy) + 1 : "";
        if (input > copy + size - 1)
            input = "";
        dir = cli_baseline_dir(path[0] ? path : "b.json");
        name = dir ? cli_baseline_file(dir, input) : NULL;
        if (dir && name)
            check_name(name, input);
        free(name);
        free(dir);
        free(copy);
    }
    return 0;
}
