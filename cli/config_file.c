#include "config.h"

#include "cli/config_file.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/config_glob.h"
#include "cli/output.h"
#include "cli/suggest.h"

/* A configuration is a few kilobytes; this only stops a wrong --config
 * (a capture, /dev/zero) from being read whole. */
#define CFG_MAX_BYTES (4u * 1024 * 1024)

/* ---- messages ------------------------------------------------------------ */

static void cfg_error(const cli_config *cfg, cj_pos pos, const char *fmt, ...) CLI_PRINTF(3, 4);

/* "lscertlint: FILE:LINE:COLUMN: MESSAGE" (the place omitted when unknown). */
static void cfg_error(const cli_config *cfg, cj_pos pos, const char *fmt, ...) {
    va_list ap;
    fputs("lscertlint: ", stderr);
    cli_put_printable(stderr, cfg->path, strlen(cfg->path));
    if (pos.line > 0)
        fprintf(stderr, ":%lu:%lu", pos.line, pos.column);
    fputs(": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* ---- paths --------------------------------------------------------------- */

/* Lexically normalize an absolute path: no "", "." or ".." segments. */
static char *normalize_abs(const char *path) {
    size_t len = strlen(path), out = 0, i = 0;
    char *res = malloc(len + 2);
    if (!res)
        return NULL;
    while (i < len) {
        size_t j = i, n;
        while (j < len && path[j] != '/')
            j++;
        n = j - i;
        if (n == 0 || (n == 1 && path[i] == '.')) {
            /* nothing */
        } else if (n == 2 && path[i] == '.' && path[i + 1] == '.') {
            while (out > 0 && res[out - 1] != '/')
                out--;
            if (out > 0)
                out--; /* the '/' before the dropped segment */
        } else {
            res[out++] = '/';
            memcpy(res + out, path + i, n);
            out += n;
        }
        i = j + 1;
    }
    if (out == 0)
        res[out++] = '/';
    res[out] = '\0';
    return res;
}

/* base + "/" + rel, normalized (rel absolute: rel alone). */
static char *absolute_from(const char *base, const char *rel) {
    char *joined, *res;
    size_t bl, rl;
    if (rel[0] == '/')
        return normalize_abs(rel);
    bl = strlen(base);
    rl = strlen(rel);
    joined = malloc(bl + rl + 2);
    if (!joined)
        return NULL;
    memcpy(joined, base, bl);
    joined[bl] = '/';
    memcpy(joined + bl + 1, rel, rl + 1);
    res = normalize_abs(joined);
    free(joined);
    return res;
}

char *cli_config_relative(const cli_config *cfg, const char *path) {
    char *abs = absolute_from(cfg->cwd, path), *rel = NULL;
    size_t dl = strlen(cfg->dir);
    if (!abs)
        return NULL;
    if (strcmp(cfg->dir, "/") == 0)
        rel = strdup(abs + 1);
    else if (strcmp(abs, cfg->dir) == 0)
        rel = strdup("");
    else if (strncmp(abs, cfg->dir, dl) == 0 && abs[dl] == '/')
        rel = strdup(abs + dl + 1);
    free(abs);
    return rel;
}

int cli_config_globs_match(const cfg_globs *list, const char *rel) {
    size_t i;
    if (!rel)
        return 0;
    for (i = 0; i < list->n; i++)
        if (cfg_glob_match(list->v[i], rel))
            return 1;
    return 0;
}

int cli_config_walk_filter(const cli_config *cfg, const char *path, int is_dir) {
    const char *base = strrchr(path, '/');
    char *rel;
    int verdict = -1;
    /* a configuration is not a capture: never an input of a walk */
    if (!is_dir && (strcmp(base ? base + 1 : path, CLI_CONFIG_NAME) == 0 ||
                    strcmp(base ? base + 1 : path, CLI_CONFIG_NAME_JSONC) == 0))
        return 0;
    if (!cfg || (cfg->exclude.n == 0 && cfg->include.n == 0))
        return -1;
    rel = cli_config_relative(cfg, path);
    if (rel && cli_config_globs_match(&cfg->exclude, rel))
        verdict = 0;
    else if (!is_dir && cfg->include.n > 0)
        verdict = cli_config_globs_match(&cfg->include, rel);
    free(rel);
    return verdict;
}

int cli_pointer_match(const char *pattern, const char *pointer, size_t len) {
    const char *p = pattern, *q = pointer, *qend = pointer + len;
    for (;;) {
        const char *pe = strchr(p, '/'), *qe = memchr(q, '/', (size_t)(qend - q));
        size_t pl = pe ? (size_t)(pe - p) : strlen(p);
        size_t ql = qe ? (size_t)(qe - q) : (size_t)(qend - q);
        if (!(pl == 1 && p[0] == '*') && (pl != ql || memcmp(p, q, pl) != 0))
            return 0;
        if (!pe || !qe)
            return !pe && !qe;
        p = pe + 1;
        q = qe + 1;
    }
}

/* ---- finding the file ---------------------------------------------------- */

static int is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

static int exists(const char *path) {
    struct stat st;
    return lstat(path, &st) == 0;
}

/* The repository's root above dir (absolute, normalized): the first
 * directory holding .git; dir itself outside a repository. */
static char *repository_root(const char *dir) {
    size_t len = strlen(dir);
    char *d = strdup(dir), *probe = malloc(len + sizeof "/.git"), *slash;
    if (!d || !probe)
        goto fail;
    for (;;) {
        snprintf(probe, len + sizeof "/.git", "%s/.git", strcmp(d, "/") == 0 ? "" : d);
        if (exists(probe)) {
            free(probe);
            return d;
        }
        if (strcmp(d, "/") == 0)
            break;
        slash = strrchr(d, '/');
        if (slash == d)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(d);
    free(probe);
    return strdup(dir);
fail:
    free(d);
    free(probe);
    return NULL;
}

/* The nearest .lscertlint.json or .lscertlint.jsonc from the current
 * directory up to the repository root (the first directory holding .git);
 * outside a repository, only the current directory's. NULL: none (or no
 * memory: *oom set; or both names in one directory: *both set, the
 * message printed). The result is shown relative: "../../.lscertlint.json". */
static char *discover(const char *cwd, int *oom, int *both) {
    static const char *const names[] = {CLI_CONFIG_NAME, CLI_CONFIG_NAME_JSONC};
    size_t len = strlen(cwd), ups = 0, top = 0, i, k, size = len + sizeof "/" CLI_CONFIG_NAME_JSONC;
    char *dir = strdup(cwd), *probe = malloc(size), *found = NULL;
    int in_repo = 0, hit[2];
    *oom = *both = 0;
    if (!dir || !probe) {
        *oom = 1;
        goto out;
    }
    /* how many levels up the repository root is */
    for (;;) {
        snprintf(probe, size, "%s/.git", strcmp(dir, "/") == 0 ? "" : dir);
        if (exists(probe)) {
            in_repo = 1;
            top = ups;
            break;
        }
        if (strcmp(dir, "/") == 0)
            break;
        *strrchr(dir, '/') = '\0';
        if (dir[0] == '\0')
            strcpy(dir, "/");
        ups++;
    }
    if (!in_repo)
        top = 0;
    strcpy(dir, cwd);
    for (ups = 0; ups <= top; ups++) {
        for (k = 0; k < 2; k++) {
            snprintf(probe, size, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, names[k]);
            hit[k] = is_file(probe);
        }
        if (hit[0] && hit[1]) {
            /* which one is meant is not ours to guess: a tool reading one
             * and an editor the other would disagree silently */
            fputs("lscertlint: ", stderr);
            cli_put_printable(stderr, dir, strlen(dir));
            fputs(": both " CLI_CONFIG_NAME " and " CLI_CONFIG_NAME_JSONC
                  " exist; keep one (or name it with --config)\n",
                  stderr);
            *both = 1;
            goto out;
        }
        if (hit[0] || hit[1]) {
            const char *name = names[hit[0] ? 0 : 1];
            found = malloc(ups * 3 + strlen(name) + 1);
            if (!found) {
                *oom = 1;
                goto out;
            }
            found[0] = '\0';
            for (i = 0; i < ups; i++)
                strcat(found, "../");
            strcat(found, name);
            goto out;
        }
        if (strcmp(dir, "/") == 0)
            break;
        *strrchr(dir, '/') = '\0';
        if (dir[0] == '\0')
            strcpy(dir, "/");
    }
out:
    free(dir);
    free(probe);
    return found;
}

/* ---- interpreting the tree ----------------------------------------------- */

static void free_globs(cfg_globs *g) {
    size_t i;
    for (i = 0; i < g->n; i++)
        free(g->v[i]);
    free(g->v);
    g->v = NULL;
    g->n = 0;
}

static void free_settings(cli_setting *s, size_t n) {
    size_t i;
    for (i = 0; i < n; i++)
        free((void *)(uintptr_t)s[i].arg); /* the configuration owns its copies */
    free(s);
}

void cli_config_free(cli_config *cfg) {
    size_t i;
    if (!cfg)
        return;
    free_settings(cfg->settings, cfg->nsettings);
    free_globs(&cfg->include);
    free_globs(&cfg->exclude);
    for (i = 0; i < cfg->noverrides; i++) {
        free_globs(&cfg->overrides[i].files);
        free_settings(cfg->overrides[i].settings, cfg->overrides[i].nsettings);
    }
    free(cfg->overrides);
    for (i = 0; i < cfg->nignores; i++) {
        free_globs(&cfg->ignores[i].files);
        free(cfg->ignores[i].pointer);
        free(cfg->ignores[i].certificate);
    }
    free(cfg->ignores);
    for (i = 0; i < cfg->nexpects; i++) {
        size_t j;
        free_globs(&cfg->expects[i].files);
        free(cfg->expects[i].rules);
        for (j = 0; j < cfg->expects[i].npointers; j++)
            free(cfg->expects[i].pointers[j]);
        free(cfg->expects[i].pointers);
    }
    free(cfg->expects);
    cj_free(cfg->root);
    free(cfg->path);
    free(cfg->dir);
    free(cfg->root_dir);
    free(cfg->cwd);
    free(cfg);
}

/* "unknown key 'K'[ in WHERE]; did you mean 'N'?" among extra keys and, when
 * with_options, the option keys. */
static void unknown_key(const cli_config *cfg, cj_pos pos, const char *key, const char *where,
                        const char *const *extra, size_t nextra, int with_options) {
    const char *cands[128];
    size_t n = 0, i;
    const char *near;
    for (i = 0; i < nextra && n < 64; i++)
        cands[n++] = extra[i];
    if (with_options)
        n += cli_option_keys(cands + n, sizeof cands / sizeof cands[0] - n);
    near = cli_nearest(key, cands, n);
    if (near)
        cfg_error(cfg, pos, "unknown key '%s'%s%s; did you mean '%s'?", key, where ? " in " : "",
                  where ? where : "", near);
    else
        cfg_error(cfg, pos, "unknown key '%s'%s%s", key, where ? " in " : "", where ? where : "");
}

static const char *const top_keys[] = {"include", "exclude",         "overrides",
                                       "ignore",  "expect-findings", "$schema"};
static const char *const ignore_keys[] = {"rule", "files", "pointer", "certificate"};
static const char *const expect_keys[] = {"files", "rules", "pointers"};

/* Interpretation errors: 2 bad configuration (message printed), 3 no memory. */
enum { CFG_OK = 0, CFG_BAD = 2, CFG_OOM = 3 };

static int expect_type(const cli_config *cfg, const char *key, const cj_node *v, cj_type want) {
    if (v->type == want)
        return CFG_OK;
    cfg_error(cfg, v->pos, "%s: expected %s %s, not %s %s", key, want == CJ_ARRAY ? "an" : "a",
              cj_type_name(want), v->type == CJ_ARRAY || v->type == CJ_OBJECT ? "an" : "a",
              cj_type_name(v->type));
    return CFG_BAD;
}

static int check_string(const cli_config *cfg, const char *key, const cj_node *v) {
    int rc = expect_type(cfg, key, v, CJ_STRING);
    if (rc == CFG_OK && memchr(v->text, '\0', v->len)) {
        cfg_error(cfg, v->pos, "%s: a string holding a NUL byte", key);
        return CFG_BAD;
    }
    return rc;
}

/* A glob or a list of globs. */
static int read_globs(const cli_config *cfg, const char *key, const cj_node *v, cfg_globs *out) {
    const cj_node *one = v;
    size_t n = v->type == CJ_ARRAY ? v->count : 1, i;
    if (v->type != CJ_STRING && v->type != CJ_ARRAY) {
        cfg_error(cfg, v->pos, "%s: expected a glob or an array of globs, not %s %s", key,
                  v->type == CJ_OBJECT ? "an" : "a", cj_type_name(v->type));
        return CFG_BAD;
    }
    if (v->type == CJ_ARRAY && v->count == 0) {
        cfg_error(cfg, v->pos, "%s: an empty list of globs", key);
        return CFG_BAD;
    }
    out->v = calloc(n, sizeof *out->v);
    if (!out->v)
        return CFG_OOM;
    for (i = 0; i < n; i++) {
        const char *why;
        int rc;
        if (v->type == CJ_ARRAY)
            one = v->items[i];
        if ((rc = check_string(cfg, key, one)) != CFG_OK)
            return rc;
        if ((why = cfg_glob_check(one->text)) != NULL) {
            cfg_error(cfg, one->pos, "%s: bad glob '%s': %s", key, one->text, why);
            return CFG_BAD;
        }
        out->v[i] = strdup(one->text);
        if (!out->v[i])
            return CFG_OOM;
        out->n++;
    }
    return CFG_OK;
}

static const lsc_rule *read_rule(const cli_config *cfg, const char *key, const cj_node *v,
                                 int *rc) {
    const lsc_rule *rule;
    if ((*rc = check_string(cfg, key, v)) != CFG_OK)
        return NULL;
    rule = lsc_rule_find(v->text);
    if (!rule && v->len < 128) { /* rule ids are case-insensitive, as on the command line */
        char lower[128];
        size_t i;
        for (i = 0; i <= v->len; i++)
            lower[i] = (char)tolower((unsigned char)v->text[i]);
        rule = lsc_rule_find(lower);
    }
    if (!rule) {
        const char *ids[256];
        size_t n = 0, i;
        const char *near;
        for (i = 0; i < lsc_rule_count() && n < 256; i++)
            ids[n++] = lsc_rule_at(i)->id;
        near = cli_nearest(v->text, ids, n);
        if (near)
            cfg_error(cfg, v->pos, "%s: unknown rule id '%s'; did you mean '%s'?", key, v->text,
                      near);
        else
            cfg_error(cfg, v->pos, "%s: unknown rule id '%s'; see 'lscertlint --list-rules'", key,
                      v->text);
        *rc = CFG_BAD;
    }
    return rule;
}

static int read_pointer(const cli_config *cfg, const char *key, const cj_node *v, char **out) {
    int rc = check_string(cfg, key, v);
    if (rc != CFG_OK)
        return rc;
    if (v->len > 0 && v->text[0] != '/') {
        cfg_error(cfg, v->pos, "%s: a JSON Pointer is empty or starts with '/', not '%s'", key,
                  v->text);
        return CFG_BAD;
    }
    *out = strdup(v->text);
    return *out ? CFG_OK : CFG_OOM;
}

static int push_setting(cli_setting **list, size_t *n, int code, const char *key, const char *arg,
                        size_t arg_len, cj_pos pos) {
    cli_setting *grown = realloc(*list, (*n + 1) * sizeof *grown);
    char *copy = NULL;
    if (!grown)
        return CFG_OOM;
    *list = grown;
    if (arg) {
        copy = malloc(arg_len + 1);
        if (!copy)
            return CFG_OOM;
        memcpy(copy, arg, arg_len);
        copy[arg_len] = '\0';
    }
    grown[*n].code = code;
    grown[*n].key = key;
    grown[*n].arg = copy;
    grown[*n].pos = pos;
    (*n)++;
    return CFG_OK;
}

/* Options whose value names a file: relative to the configuration file.
 * report's value is FORMAT:FILE. */
static int is_path_key(const char *key) {
    return strcmp(key, "output") == 0 || strcmp(key, "baseline") == 0 ||
           strcmp(key, "write-baseline") == 0 || strcmp(key, "report") == 0;
}

/* Options that take a list: an array adds each element in turn (those
 * the command line repeats or splits at commas). */
static int is_list_key(const char *key) {
    return strcmp(key, "disable") == 0 || strcmp(key, "enable") == 0 ||
           strcmp(key, "severity") == 0 || strcmp(key, "expect-status") == 0 ||
           strcmp(key, "report") == 0;
}

/* The real path of abs, or of its deepest ancestor that exists (what does
 * not exist yet holds no symbolic link). NULL: a link that cannot be
 * resolved (dangling, a loop), or no memory (*oom). */
static char *real_prefix(const char *abs, int *oom) {
    char *probe = strdup(abs), *real = NULL, *slash;
    struct stat st;
    *oom = !probe;
    while (probe) {
        real = realpath(probe, NULL);
        if (real)
            break;
        if (errno == ENOMEM) {
            *oom = 1;
            break;
        }
        if (lstat(probe, &st) == 0) /* there, yet not resolvable */
            break;
        slash = strrchr(probe, '/');
        if (!slash || slash == probe)
            break;
        *slash = '\0';
    }
    free(probe);
    return real;
}

static int inside(const char *root, const char *path) {
    size_t rl = strlen(root);
    if (strcmp(root, "/") == 0)
        return 1;
    return strncmp(path, root, rl) == 0 && (path[rl] == '/' || path[rl] == '\0');
}

/* A path from the configuration: relative to its directory, and inside
 * the repository, lexically and through symbolic links, so that a
 * repository's configuration (a pull request from a fork) cannot write or
 * read elsewhere. The command line may still name any path. *abs: the
 * path to use (malloc'd). */
static int confined_path(const cli_config *cfg, const char *key, const cj_node *v, const char *path,
                         char **abs) {
    char *real = NULL, *real_root = NULL;
    int oom = 0, ok;
    *abs = NULL;
    if (path[0] == '/') {
        cfg_error(cfg, v->pos,
                  "%s: an absolute path; paths in a configuration are relative to it and stay "
                  "in the repository (name it on the command line instead)",
                  key);
        return CFG_BAD;
    }
    if (path[0] == '\0') {
        cfg_error(cfg, v->pos, "%s: an empty file name", key);
        return CFG_BAD;
    }
    *abs = absolute_from(cfg->dir, path);
    if (!*abs)
        return CFG_OOM;
    if (!inside(cfg->root_dir, *abs)) {
        cfg_error(cfg, v->pos,
                  "%s: '%s' leaves the repository (paths in a configuration stay in it)", key,
                  path);
        return CFG_BAD;
    }
    real_root = realpath(cfg->root_dir, NULL);
    real = real_prefix(*abs, &oom);
    if (oom) {
        free(real_root);
        return CFG_OOM;
    }
    /* a root that cannot be resolved checks lexically only (it holds nothing) */
    ok = !real_root || (real && inside(real_root, real));
    free(real_root);
    free(real);
    if (!ok) {
        cfg_error(cfg, v->pos,
                  "%s: '%s' leads out of the repository through a symbolic link (paths in a "
                  "configuration stay in it)",
                  key, path);
        return CFG_BAD;
    }
    return CFG_OK;
}

/* One string setting; path keys resolved and confined. */
static int string_setting(const cli_config *cfg, const char *key, int code, const cj_node *v,
                          cli_setting **list, size_t *n) {
    const char *file = v->text, *colon;
    char *abs = NULL, *arg;
    size_t prefix = 0;
    int rc;
    if ((rc = check_string(cfg, key, v)) != CFG_OK)
        return rc;
    if (!is_path_key(key) || (strcmp(key, "output") == 0 && strcmp(v->text, "-") == 0))
        return push_setting(list, n, code, key, v->text, v->len, v->pos);
    if (strcmp(key, "report") == 0) {
        colon = strchr(v->text, ':');
        if (!colon) /* --report's own message says what is expected */
            return push_setting(list, n, code, key, v->text, v->len, v->pos);
        prefix = (size_t)(colon - v->text) + 1;
        file = colon + 1;
    }
    if ((rc = confined_path(cfg, key, v, file, &abs)) != CFG_OK) {
        free(abs);
        return rc;
    }
    arg = malloc(prefix + strlen(abs) + 1);
    if (!arg) {
        free(abs);
        return CFG_OOM;
    }
    memcpy(arg, v->text, prefix);
    strcpy(arg + prefix, abs);
    rc = push_setting(list, n, code, key, arg, strlen(arg), v->pos);
    free(arg);
    free(abs);
    return rc;
}

/* An option key's value as settings, in the command line's words. key
 * points into the tree (it lives as long as cfg). */
static int option_settings(const cli_config *cfg, const char *key, const cj_node *v,
                           cli_setting **list, size_t *n) {
    int has_arg, rc;
    int code = cli_option_code(key, &has_arg);
    size_t i;
    if (code < 0) {
        cfg_error(cfg, v->pos, "unknown key '%s'", key); /* caller passes the key's place */
        return CFG_BAD;
    }
    if (code == 'q') { /* quiet: a count, as -q -q */
        long times = 0;
        if (v->type == CJ_BOOL) {
            times = v->boolean;
        } else if (v->type == CJ_NUMBER &&
                   (strcmp(v->text, "0") == 0 || strcmp(v->text, "1") == 0 ||
                    strcmp(v->text, "2") == 0)) {
            times = v->text[0] - '0';
        } else {
            cfg_error(cfg, v->pos, "%s: expected true, false, 0, 1 or 2", key);
            return CFG_BAD;
        }
        for (; times > 0; times--)
            if ((rc = push_setting(list, n, code, key, NULL, 0, v->pos)) != CFG_OK)
                return rc;
        return CFG_OK;
    }
    if (has_arg == no_argument) {
        if ((rc = expect_type(cfg, key, v, CJ_BOOL)) != CFG_OK)
            return rc;
        return v->boolean ? push_setting(list, n, code, key, NULL, 0, v->pos) : CFG_OK;
    }
    if (v->type == CJ_NUMBER)
        return push_setting(list, n, code, key, v->text, v->len, v->pos);
    if (v->type == CJ_STRING)
        return string_setting(cfg, key, code, v, list, n);
    if (v->type == CJ_ARRAY && is_list_key(key)) {
        for (i = 0; i < v->count; i++)
            if ((rc = string_setting(cfg, key, code, v->items[i], list, n)) != CFG_OK)
                return rc;
        return CFG_OK;
    }
    if (v->type == CJ_OBJECT && strcmp(key, "severity") == 0) { /* {"rule-id": "level"} */
        for (i = 0; i < v->count; i++) {
            const cj_member *m = &v->members[i];
            size_t kl = strlen(m->key);
            char *pair;
            if ((rc = check_string(cfg, key, m->value)) != CFG_OK)
                return rc;
            pair = malloc(kl + m->value->len + 2);
            if (!pair)
                return CFG_OOM;
            memcpy(pair, m->key, kl);
            pair[kl] = '=';
            memcpy(pair + kl + 1, m->value->text, m->value->len + 1);
            rc = push_setting(list, n, code, key, pair, kl + 1 + m->value->len, m->key_pos);
            free(pair);
            if (rc != CFG_OK)
                return rc;
        }
        return CFG_OK;
    }
    cfg_error(cfg, v->pos, "%s: expected %s, not %s %s", key,
              strcmp(key, "severity") == 0 ? "a string, an array or an object"
              : is_list_key(key)           ? "a string or an array of strings"
                                           : "a string",
              v->type == CJ_ARRAY || v->type == CJ_OBJECT ? "an" : "a", cj_type_name(v->type));
    return CFG_BAD;
}

/* Check settings by applying them to a scratch set of options. */
static int try_settings(const cli_config *cfg, const cli_setting *s, size_t n) {
    cli_options scratch;
    int status = CLI_EXIT_OK, rc = CFG_OK;
    size_t i;
    memset(&scratch, 0, sizeof scratch);
    scratch.config = lsc_config_new();
    if (!scratch.config)
        return CFG_OOM;
    for (i = 0; i < n && rc == CFG_OK; i++)
        if (cli_option_apply(&scratch, &s[i], cfg->path, &status) != 0)
            rc = status == CLI_EXIT_IO ? CFG_OOM : CFG_BAD;
    lsc_config_free(scratch.config);
    return rc;
}

static const cj_member *find_member(const cj_node *obj, const char *key) {
    size_t i;
    for (i = 0; i < obj->count; i++)
        if (strcmp(obj->members[i].key, key) == 0)
            return &obj->members[i];
    return NULL;
}

static int read_override(cli_config *cfg, const cj_node *v, cfg_override *o) {
    const cj_member *files;
    size_t i;
    int rc;
    if ((rc = expect_type(cfg, "overrides[]", v, CJ_OBJECT)) != CFG_OK)
        return rc;
    files = find_member(v, "files");
    if (!files) {
        cfg_error(cfg, v->pos, "overrides: an entry needs \"files\"");
        return CFG_BAD;
    }
    if ((rc = read_globs(cfg, "files", files->value, &o->files)) != CFG_OK)
        return rc;
    for (i = 0; i < v->count; i++) {
        const cj_member *m = &v->members[i];
        int has_arg, code;
        if (m == files)
            continue;
        code = cli_option_code(m->key, &has_arg);
        if (code < 0) {
            unknown_key(cfg, m->key_pos, m->key, "overrides", NULL, 0, 1);
            return CFG_BAD;
        }
        if (!cli_option_per_file(code)) {
            cfg_error(cfg, m->key_pos,
                      "%s: not a per-file setting; overrides take rule and request keys", m->key);
            return CFG_BAD;
        }
        if ((rc = option_settings(cfg, m->key, m->value, &o->settings, &o->nsettings)) != CFG_OK)
            return rc;
    }
    return try_settings(cfg, o->settings, o->nsettings);
}

static int read_ignore(cli_config *cfg, const cj_node *v, cfg_ignore *ig) {
    size_t i;
    int rc = CFG_OK;
    if ((rc = expect_type(cfg, "ignore[]", v, CJ_OBJECT)) != CFG_OK)
        return rc;
    if (v->count == 0) {
        cfg_error(cfg, v->pos,
                  "ignore: an entry needs at least one of rule, files, pointer, "
                  "certificate");
        return CFG_BAD;
    }
    for (i = 0; i < v->count && rc == CFG_OK; i++) {
        const cj_member *m = &v->members[i];
        if (strcmp(m->key, "rule") == 0) {
            ig->rule = read_rule(cfg, "rule", m->value, &rc);
        } else if (strcmp(m->key, "files") == 0) {
            rc = read_globs(cfg, "files", m->value, &ig->files);
        } else if (strcmp(m->key, "pointer") == 0) {
            rc = read_pointer(cfg, "pointer", m->value, &ig->pointer);
        } else if (strcmp(m->key, "certificate") == 0) {
            if ((rc = check_string(cfg, "certificate", m->value)) == CFG_OK)
                rc = (ig->certificate = strdup(m->value->text)) ? CFG_OK : CFG_OOM;
        } else {
            unknown_key(cfg, m->key_pos, m->key, "ignore (rule, files, pointer, certificate)",
                        ignore_keys, sizeof ignore_keys / sizeof ignore_keys[0], 0);
            rc = CFG_BAD;
        }
    }
    return rc;
}

static int read_expect(cli_config *cfg, const cj_node *v, cfg_expect *e) {
    const cj_member *files, *rules, *pointers;
    size_t i;
    int rc;
    if ((rc = expect_type(cfg, "expect-findings[]", v, CJ_OBJECT)) != CFG_OK)
        return rc;
    e->pos = v->pos;
    for (i = 0; i < v->count; i++) {
        const char *k = v->members[i].key;
        if (strcmp(k, "files") != 0 && strcmp(k, "rules") != 0 && strcmp(k, "pointers") != 0) {
            unknown_key(cfg, v->members[i].key_pos, k, "expect-findings (files, rules, pointers)",
                        expect_keys, sizeof expect_keys / sizeof expect_keys[0], 0);
            return CFG_BAD;
        }
    }
    files = find_member(v, "files");
    rules = find_member(v, "rules");
    pointers = find_member(v, "pointers");
    if (!files || !rules) {
        cfg_error(cfg, v->pos, "expect-findings: an entry needs \"files\" and \"rules\"");
        return CFG_BAD;
    }
    if ((rc = read_globs(cfg, "files", files->value, &e->files)) != CFG_OK)
        return rc;
    if ((rc = expect_type(cfg, "rules", rules->value, CJ_ARRAY)) != CFG_OK)
        return rc;
    if (rules->value->count == 0) {
        cfg_error(cfg, rules->value->pos, "rules: an empty list");
        return CFG_BAD;
    }
    e->rules = calloc(rules->value->count, sizeof *e->rules);
    if (!e->rules)
        return CFG_OOM;
    for (i = 0; i < rules->value->count; i++) {
        e->rules[i] = read_rule(cfg, "rules", rules->value->items[i], &rc);
        if (rc != CFG_OK)
            return rc;
        e->nrules++;
    }
    if (!pointers)
        return CFG_OK;
    if ((rc = expect_type(cfg, "pointers", pointers->value, CJ_ARRAY)) != CFG_OK)
        return rc;
    if (pointers->value->count == 0) {
        cfg_error(cfg, pointers->value->pos, "pointers: an empty list (leave it out for any)");
        return CFG_BAD;
    }
    e->pointers = calloc(pointers->value->count, sizeof *e->pointers);
    if (!e->pointers)
        return CFG_OOM;
    for (i = 0; i < pointers->value->count; i++) {
        if ((rc = read_pointer(cfg, "pointers", pointers->value->items[i], &e->pointers[i])) !=
            CFG_OK)
            return rc;
        e->npointers++;
    }
    return CFG_OK;
}

/* A top-level list of entries: allocate the array and read each. */
#define READ_ENTRIES(cfg, m, arr, nentries, reader)                                                \
    do {                                                                                           \
        size_t j_;                                                                                 \
        if ((rc = expect_type(cfg, (m)->key, (m)->value, CJ_ARRAY)) != CFG_OK)                     \
            return rc;                                                                             \
        if ((m)->value->count == 0)                                                                \
            break;                                                                                 \
        arr = calloc((m)->value->count, sizeof *(arr));                                            \
        if (!(arr))                                                                                \
            return CFG_OOM;                                                                        \
        for (j_ = 0; j_ < (m)->value->count; j_++) {                                               \
            nentries++;                                                                            \
            if ((rc = reader(cfg, (m)->value->items[j_], &(arr)[j_])) != CFG_OK)                   \
                return rc;                                                                         \
        }                                                                                          \
    } while (0)

static int interpret(cli_config *cfg) {
    const cj_node *root = cfg->root;
    size_t i;
    int rc;
    if (root->type != CJ_OBJECT) {
        cfg_error(cfg, root->pos, "expected an object at the top, not %s %s",
                  root->type == CJ_ARRAY ? "an" : "a", cj_type_name(root->type));
        return CFG_BAD;
    }
    for (i = 0; i < root->count; i++) {
        const cj_member *m = &root->members[i];
        int has_arg;
        if (strcmp(m->key, "$schema") == 0) {
            /* for editors (JSON Schema validation); nothing for us */
            rc = check_string(cfg, m->key, m->value);
        } else if (strcmp(m->key, "include") == 0) {
            rc = read_globs(cfg, m->key, m->value, &cfg->include);
        } else if (strcmp(m->key, "exclude") == 0) {
            rc = read_globs(cfg, m->key, m->value, &cfg->exclude);
        } else if (strcmp(m->key, "overrides") == 0) {
            READ_ENTRIES(cfg, m, cfg->overrides, cfg->noverrides, read_override);
            rc = CFG_OK;
        } else if (strcmp(m->key, "ignore") == 0) {
            READ_ENTRIES(cfg, m, cfg->ignores, cfg->nignores, read_ignore);
            rc = CFG_OK;
        } else if (strcmp(m->key, "expect-findings") == 0) {
            READ_ENTRIES(cfg, m, cfg->expects, cfg->nexpects, read_expect);
            rc = CFG_OK;
        } else if (cli_option_code(m->key, &has_arg) < 0) {
            unknown_key(cfg, m->key_pos, m->key, NULL, top_keys,
                        sizeof top_keys / sizeof top_keys[0], 1);
            rc = CFG_BAD;
        } else {
            rc = option_settings(cfg, m->key, m->value, &cfg->settings, &cfg->nsettings);
        }
        if (rc != CFG_OK)
            return rc;
    }
    return CFG_OK;
}

int cli_config_parse_text(cli_config *cfg, const char *data, size_t len) {
    char err[160];
    cj_pos err_pos;
    cfg->root = cj_parse(data, len, err, sizeof err, &err_pos);
    if (!cfg->root) {
        if (strcmp(err, "out of memory") == 0)
            return CFG_OOM;
        cfg_error(cfg, err_pos, "%s", err);
        return CFG_BAD;
    }
    return interpret(cfg);
}

int cli_config_load(const cli_options *opts, cli_config **out, int *status) {
    cli_config *cfg = NULL;
    char *data = NULL, *dirpart, *slash;
    size_t len = 0, cwd_size = 256;
    int rc, oom = 0, both = 0;

    *out = NULL;
    *status = CLI_EXIT_USAGE;
    if (opts->no_config)
        return 0;
    cfg = calloc(1, sizeof *cfg);
    if (!cfg)
        goto oom;
    for (;;) { /* getcwd with a buffer that grows */
        cfg->cwd = malloc(cwd_size);
        if (!cfg->cwd)
            goto oom;
        if (getcwd(cfg->cwd, cwd_size))
            break;
        free(cfg->cwd);
        cfg->cwd = NULL;
        if (errno != ERANGE) {
            cli_error_name("the current directory", errno);
            *status = CLI_EXIT_IO;
            goto fail;
        }
        cwd_size *= 2;
    }
    if (opts->config_file) {
        cfg->path = strdup(opts->config_file);
    } else {
        cfg->path = discover(cfg->cwd, &oom, &both);
        if (!cfg->path) {
            if (oom)
                goto oom;
            if (both)
                goto fail;
            cli_config_free(cfg);
            return 0; /* none: the defaults */
        }
    }
    if (!cfg->path)
        goto oom;
    dirpart = absolute_from(cfg->cwd, cfg->path);
    if (!dirpart)
        goto oom;
    slash = strrchr(dirpart, '/');
    if (slash == dirpart)
        slash[1] = '\0';
    else
        *slash = '\0';
    cfg->dir = dirpart;
    cfg->root_dir = repository_root(cfg->dir);
    if (!cfg->root_dir)
        goto oom;

    if (cli_read_file(cfg->path, CFG_MAX_BYTES, &data, &len) != 0) {
        if (errno == ENOMEM)
            goto oom;
        cli_error_name(cfg->path, errno);
        *status = opts->config_file && errno == ENOENT ? CLI_EXIT_USAGE : CLI_EXIT_IO;
        goto fail;
    }
    rc = cli_config_parse_text(cfg, data, len);
    free(data);
    if (rc == CFG_OOM)
        goto oom;
    if (rc != CFG_OK)
        goto fail;
    *out = cfg;
    return 0;
oom:
    cli_error("out of memory");
    *status = CLI_EXIT_IO;
fail:
    cli_config_free(cfg);
    return -1;
}

/* ---- per input ----------------------------------------------------------- */

static int replay(cli_options *o, const cli_setting *s, size_t n, int per_file_only) {
    size_t i;
    int status;
    for (i = 0; i < n; i++) {
        if (per_file_only && !cli_option_per_file(s[i].code))
            continue;
        if (cli_option_apply(o, &s[i], "", &status) != 0)
            return -1;
    }
    return 0;
}

/* Build the options in force for rel into o (o->config new). */
static int effective(const cli_options *opts, const char *rel, cli_options *o, int *any) {
    const cli_config *cfg = opts->cfg;
    size_t i;
    *any = 0;
    memset(o, 0, sizeof *o);
    o->format = LSC_FORMAT_TEXT;
    o->fail_on = LSC_ERROR;
    o->config = lsc_config_new();
    if (!o->config)
        return -1;
    if (replay(o, cfg->settings, cfg->nsettings, 0) != 0)
        return -1;
    for (i = 0; i < cfg->noverrides; i++) {
        if (!cli_config_globs_match(&cfg->overrides[i].files, rel))
            continue;
        *any = 1;
        if (replay(o, cfg->overrides[i].settings, cfg->overrides[i].nsettings, 0) != 0)
            return -1;
    }
    if (replay(o, opts->cmdline, opts->ncmdline, 0) != 0)
        return -1;
    if (!o->has_now && opts->has_now) /* SOURCE_DATE_EPOCH, read once for the run */
        lsc_config_set_now(o->config, opts->now);
    return 0;
}

int cli_config_for_file(const cli_options *opts, const char *path, const lsc_config **config,
                        lsc_severity *fail_on, lsc_config **owned) {
    cli_options o;
    char *rel;
    int any = 0, rc;
    size_t i;
    *config = opts->config;
    *fail_on = opts->fail_on;
    *owned = NULL;
    if (!opts->cfg || opts->cfg->noverrides == 0)
        return 0;
    rel = cli_config_relative(opts->cfg, path);
    for (i = 0; rel && i < opts->cfg->noverrides && !any; i++)
        any = cli_config_globs_match(&opts->cfg->overrides[i].files, rel);
    if (!any) {
        free(rel);
        return 0;
    }
    /* the messages of a replay were all printed at load time: none here */
    rc = effective(opts, rel, &o, &any);
    free(rel);
    free(o.excludes); /* a replayed --exclude: discovery is over */
    free(o.includes); /* and --include */
    free(o.reports);  /* a replayed --report: the run's reports are open */
    if (rc != 0) {
        lsc_config_free(o.config);
        return -1;
    }
    *config = *owned = o.config;
    *fail_on = o.fail_on;
    return 0;
}

/* ---- --print-config ------------------------------------------------------ */

/* The last value each option key received, in key order. */
typedef struct shown {
    const char *key;
    const char *arg;         /* NULL: a flag */
    size_t count;            /* quiet: how many */
    const cli_setting *from; /* the last setting: its place (line 0: the command line) */
    long override;           /* its overrides[] entry, -1: none */
} shown;

/* Where every option key's value comes from, for --print-config. */
typedef struct origin {
    const char *key;
    const cli_setting *from; /* NULL: the default */
    long override;
} origin;

static void note_origins(origin *v, size_t n, const cli_setting *s, size_t count, long override) {
    size_t i, j;
    for (i = 0; i < count; i++) {
        for (j = 0; j < n; j++) {
            if (strcmp(v[j].key, s[i].key) == 0) {
                v[j].from = &s[i];
                v[j].override = override;
                break;
            }
        }
    }
}

static int compare_origins(const void *a, const void *b) {
    return strcmp(((const origin *)a)->key, ((const origin *)b)->key);
}

static int compare_shown(const void *a, const void *b) {
    return strcmp(((const shown *)a)->key, ((const shown *)b)->key);
}

static void note_settings(shown *v, size_t *n, const cli_setting *s, size_t count) {
    size_t i, j;
    for (i = 0; i < count; i++) {
        if (strcmp(s[i].key, "disable") == 0 || strcmp(s[i].key, "enable") == 0 ||
            strcmp(s[i].key, "severity") == 0)
            continue; /* shown as "rules" */
        for (j = 0; j < *n && strcmp(v[j].key, s[i].key) != 0; j++)
            ;
        if (j == *n) {
            v[j].key = s[i].key;
            v[j].count = 0;
            (*n)++;
        }
        v[j].arg = s[i].arg;
        v[j].count++;
    }
}

static void put_str(cli_out *o, const char *s) {
    cli_put_escaped(o, LSC_ESCAPE_JSON, s, strlen(s));
}

int cli_config_print(const cli_options *opts, const char *file, FILE *fp) {
    const cli_config *cfg = opts->cfg;
    cli_options eff;
    cli_out o, w;
    shown *keys = NULL;
    origin *origins = NULL;
    const char *names[128];
    size_t norigins = 0;
    char *rel = NULL;
    size_t nkeys = 0, total, i, j;
    int any, rc = -1, first;

    memset(&eff, 0, sizeof eff);
    total = opts->ncmdline + (cfg ? cfg->nsettings : 0);
    for (i = 0; cfg && i < cfg->noverrides; i++)
        total += cfg->overrides[i].nsettings;
    keys = calloc(total + 1, sizeof *keys);
    norigins = cli_option_keys(names, sizeof names / sizeof names[0]);
    origins = calloc(norigins + 1, sizeof *origins);
    if (!keys || !origins)
        goto out;
    for (i = 0; i < norigins; i++) {
        origins[i].key = names[i];
        origins[i].override = -1;
    }
    if (norigins > 1)
        qsort(origins, norigins, sizeof *origins, compare_origins);
    if (cfg) {
        rel = cli_config_relative(cfg, file);
        if (effective(opts, rel, &eff, &any) != 0)
            goto out;
        note_settings(keys, &nkeys, cfg->settings, cfg->nsettings);
        note_origins(origins, norigins, cfg->settings, cfg->nsettings, -1);
        for (i = 0; i < cfg->noverrides; i++) {
            if (!cli_config_globs_match(&cfg->overrides[i].files, rel))
                continue;
            note_settings(keys, &nkeys, cfg->overrides[i].settings, cfg->overrides[i].nsettings);
            note_origins(origins, norigins, cfg->overrides[i].settings, cfg->overrides[i].nsettings,
                         (long)i);
        }
    }
    note_settings(keys, &nkeys, opts->cmdline, opts->ncmdline);
    note_origins(origins, norigins, opts->cmdline, opts->ncmdline, -1);
    if (nkeys > 1)
        qsort(keys, nkeys, sizeof *keys, compare_shown);

    cli_out_init(&o, fp);
    cli_puts(&o, "{\n  \"file\": ");
    put_str(&o, file);
    cli_puts(&o, ",\n  \"config\": ");
    if (cfg)
        put_str(&o, cfg->path);
    else
        cli_puts(&o, "null");
    cli_puts(&o, ",\n  \"excluded\": ");
    cli_puts(&o, cfg && rel && cli_config_globs_match(&cfg->exclude, rel) ? "true" : "false");
    cli_puts(&o, ",\n  \"overrides\": [");
    for (i = 0, first = 1; cfg && i < cfg->noverrides; i++) {
        if (!cli_config_globs_match(&cfg->overrides[i].files, rel))
            continue;
        cli_printf(&o, "%s%zu", first ? "" : ", ", i);
        first = 0;
    }
    cli_puts(&o, "],\n  \"options\": {");
    for (i = 0; i < nkeys; i++) {
        cli_puts(&o, i ? ",\n    " : "\n    ");
        put_str(&o, keys[i].key);
        cli_puts(&o, ": ");
        if (strcmp(keys[i].key, "quiet") == 0)
            cli_printf(&o, "%zu", keys[i].count);
        else if (keys[i].arg)
            put_str(&o, keys[i].arg);
        else
            cli_puts(&o, "true");
    }
    cli_puts(&o, nkeys ? "\n  },\n  \"fail-on\": " : "},\n  \"fail-on\": ");
    {
        lsc_severity fo = cfg ? eff.fail_on : opts->fail_on;
        put_str(&o, fo == LSC_OFF ? "never" : lsc_severity_name(fo));
    }
    cli_puts(&o, ",\n  \"rules\": {");
    for (i = 0; i < lsc_rule_count(); i++) {
        const lsc_rule *r = lsc_rule_at(i);
        lsc_severity sev = lsc_config_severity(cfg ? eff.config : opts->config, r->id);
        cli_puts(&o, i ? ",\n    " : "\n    ");
        put_str(&o, r->id);
        cli_puts(&o, ": ");
        put_str(&o, lsc_severity_name(sev));
    }
    cli_puts(&o, "\n  },\n  \"ignore\": [");
    for (i = 0, first = 1; cfg && i < cfg->nignores; i++) {
        const cfg_ignore *ig = &cfg->ignores[i];
        if (ig->files.n > 0 && !cli_config_globs_match(&ig->files, rel))
            continue;
        cli_printf(&o, "%s%zu", first ? "" : ", ", i);
        first = 0;
    }
    cli_puts(&o, "],\n  \"expect-findings\": [");
    for (i = 0, first = 1; cfg && i < cfg->nexpects; i++) {
        const cfg_expect *e = &cfg->expects[i];
        if (!cli_config_globs_match(&e->files, rel))
            continue;
        cli_puts(&o, first ? "\n    {\"rules\": [" : ",\n    {\"rules\": [");
        first = 0;
        for (j = 0; j < e->nrules; j++) {
            cli_puts(&o, j ? ", " : "");
            put_str(&o, e->rules[j]->id);
        }
        cli_puts(&o, "]");
        if (e->npointers) {
            cli_puts(&o, ", \"pointers\": [");
            for (j = 0; j < e->npointers; j++) {
                cli_puts(&o, j ? ", " : "");
                put_str(&o, e->pointers[j]);
            }
            cli_puts(&o, "]");
        }
        cli_puts(&o, "}");
    }
    /* "from": every option key's source: the command line, the
     * configuration file's place (and overrides entry), or the default */
    cli_puts(&o, first ? "],\n  \"from\": {" : "\n  ],\n  \"from\": {");
    for (i = 0; i < norigins; i++) {
        const origin *g = &origins[i];
        cli_puts(&o, i ? ",\n    " : "\n    ");
        put_str(&o, g->key);
        cli_puts(&o, ": ");
        if (!g->from) {
            put_str(&o, "default");
        } else if (g->from->pos.line == 0) {
            put_str(&o, "command line");
        } else {
            char where[64];
            cli_out_init(&w, NULL);
            cli_puts(&w, cfg->path);
            snprintf(where, sizeof where, ":%lu:%lu", g->from->pos.line, g->from->pos.column);
            cli_puts(&w, where);
            if (g->override >= 0) {
                snprintf(where, sizeof where, " (overrides[%ld])", g->override);
                cli_puts(&w, where);
            }
            if (cli_out_status(&w) < 0) {
                cli_out_release(&w);
                goto out;
            }
            put_str(&o, w.buf);
            cli_out_release(&w);
        }
    }
    cli_puts(&o, "\n  }\n}\n");
    rc = cli_out_status(&o);
    if (rc == 0 && fflush(fp) != 0)
        rc = -1;
out:
    lsc_config_free(eff.config);
    free(eff.excludes);
    free(eff.includes);
    free(rel);
    free(keys);
    free(origins);
    return rc;
}
