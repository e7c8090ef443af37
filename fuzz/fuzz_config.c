/* Fuzz target: the configuration file reader, from bytes to a checked
 * cli_config: cli/config_json.c (the tree with positions, JSONC trailing
 * commas, NUL and UTF-16 refusal) and cli/config_file.c (keys, option
 * values replayed through the option parser, globs, paths kept inside the
 * repository, overrides, ignore, expect-findings).
 *
 * Oracles besides the sanitizers: the tree's every position is a real
 * place (line and column >= 1, no further than the input allows); a bad
 * input names a place inside the input (or none); a configuration that
 * loads answers the walk and relative-path questions without failing,
 * and every path it keeps from a path key lies inside its root. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config_file.h"
#include "cli/config_json.h"
#include "fuzz/oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fail(...) fuzz_fail("fuzz_config", __VA_ARGS__)

#define ROOT "/nonexistent-lscertlint-fuzz/repo"

static void check_pos(cj_pos p, unsigned long lines, size_t size, const char *what) {
    if (p.line < 1 || p.column < 1 || p.line > lines || p.column > size + 1)
        fail("%s at %lu:%lu (input %zu bytes, %lu lines)", what, p.line, p.column, size, lines);
}

static void check_tree(const cj_node *n, unsigned long lines, size_t size, int depth) {
    size_t i;
    if (depth > 64)
        fail("nested deeper than the limit");
    check_pos(n->pos, lines, size, "a value");
    for (i = 0; i < n->count; i++) {
        if (n->type == CJ_OBJECT) {
            check_pos(n->members[i].key_pos, lines, size, "a key");
            if (!n->members[i].key)
                fail("a member without a key");
            check_tree(n->members[i].value, lines, size, depth + 1);
        } else if (n->type == CJ_ARRAY) {
            check_tree(n->items[i], lines, size, depth + 1);
        } else {
            fail("a scalar with children");
        }
    }
    if (n->count > n->cap && n->count > 0)
        fail("count %zu above the room %zu", n->count, n->cap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    unsigned long lines = 1;
    char err[160];
    cj_pos at;
    cj_node *root;
    cli_config *cfg;
    size_t i;
    int rc;

    for (i = 0; i < size; i++)
        lines += data[i] == '\n';
    root = cj_parse(text, size, err, sizeof err, &at);
    if (root) {
        check_tree(root, lines, size, 0);
        cj_free(root);
    } else {
        if (!err[0])
            fail("no tree and no message");
        if (at.line != 0 && strcmp(err, "out of memory") != 0)
            check_pos(at, lines, size, err);
    }

    /* the whole reader, as cli_config_load() runs it after reading */
    cfg = calloc(1, sizeof *cfg);
    if (!cfg)
        return 0;
    cfg->path = strdup("fuzz.json");
    cfg->dir = strdup(ROOT);
    cfg->root_dir = strdup(ROOT);
    cfg->cwd = strdup(ROOT "/sub");
    if (cfg->path && cfg->dir && cfg->root_dir && cfg->cwd) {
        rc = cli_config_parse_text(cfg, text, size);
        if (rc != 0 && rc != 2 && rc != 3)
            fail("cli_config_parse_text returned %d", rc);
        if (rc == 0) {
            static const char *const probes[] = {"a.json", "../x/b.json", ROOT "/c/d.json",
                                                 "/elsewhere/e.json", "."};
            for (i = 0; i < sizeof probes / sizeof probes[0]; i++) {
                char *rel = cli_config_relative(cfg, probes[i]);
                int v = cli_config_walk_filter(cfg, probes[i], 0);
                if (v < -1 || v > 1)
                    fail("walk filter %d", v);
                (void)cli_config_walk_filter(cfg, probes[i], 1);
                free(rel);
            }
            for (i = 0; i < cfg->nsettings; i++) {
                const cli_setting *s = &cfg->settings[i];
                const char *arg = s->arg;
                if (!arg || (strcmp(s->key, "output") != 0 && strcmp(s->key, "baseline") != 0 &&
                             strcmp(s->key, "write-baseline") != 0))
                    continue;
                if (strcmp(s->key, "output") == 0 && strcmp(arg, "-") == 0)
                    continue;
                if (strncmp(arg, ROOT "/", sizeof ROOT) != 0)
                    fail("%s: '%s' outside the repository", s->key, arg);
            }
        }
    }
    cli_config_free(cfg);
    return 0;
}
