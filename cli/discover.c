#include "config.h"

#include "cli/discover.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/glob.h"
#include "cli/output.h"
#include "cli/ownfile.h"

/* The state of one cli_discover() call. */
typedef struct discover_state {
    const cli_discovery *d;
    cli_input_list *list;
    int oom;
    int status; /* 2 once a usage error was printed */
} discover_state;

/* The directories being walked, innermost first: a bind mount back to one
 * of them would otherwise recurse forever. */
typedef struct dir_chain {
    dev_t dev;
    ino_t ino;
    const struct dir_chain *up;
} dir_chain;

int cli_has_json_suffix(const char *name) {
    static const char *const suffixes[] = {".json", ".jsonl", ".ndjson"};
    size_t len = strlen(name), i;
    if (len > 3 && strcasecmp(name + len - 3, ".gz") == 0)
        len -= 3; /* their gzip forms too (cli/gunzip.h) */
    for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t n = strlen(suffixes[i]);
        if (len > n && strncasecmp(name + len - n, suffixes[i], n) == 0)
            return 1;
    }
    return 0;
}

void cli_input_list_free(cli_input_list *list) {
    size_t i;
    if (!list)
        return;
    for (i = 0; i < list->count; i++)
        free(list->items[i].path);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* Append an input; path is copied (NULL for standard input). */
static void add_input(discover_state *s, cli_input_kind kind, const char *path, int errnum) {
    cli_input_list *l = s->list;
    if (s->oom)
        return;
    if (cli_grow(&l->items, &l->cap, l->count + 1, sizeof *l->items) != 0) {
        s->oom = 1;
        return;
    }
    l->items[l->count].kind = kind;
    l->items[l->count].errnum = errnum;
    l->items[l->count].path = NULL;
    if (path && !(l->items[l->count].path = strdup(path))) {
        s->oom = 1;
        return;
    }
    l->count++;
}

/* The output st is, or NULL. */
static const cli_file_id *output_of(const discover_state *s, const struct stat *st) {
    size_t i;
    for (i = 0; i < s->d->n_outputs; i++)
        if (s->d->outputs[i].dev == st->st_dev && s->d->outputs[i].ino == st->st_ino)
            return &s->d->outputs[i];
    return NULL;
}

/* A walk or a glob found name (at path): is it excluded? --exclude reads
 * its globs as the configuration reads its own (glob_filter_match()). */
static int excluded(const discover_state *s, const char *name, const char *path, int is_dir) {
    static const char *const defaults[] = {".git", ".hg", ".svn", "node_modules"};
    size_t i;
    if (s->d->default_excludes)
        for (i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
            if (strcmp(name, defaults[i]) == 0)
                return 1;
    for (i = 0; i < s->d->n_excludes; i++)
        if (glob_filter_match(s->d->excludes[i], path, is_dir) != GLOB_NO_MATCH)
            return 1;
    return 0;
}

/* why: NULL, or what to add in parentheses. */
static void same_file_error(const cli_file_id *out, const char *input, const char *why) {
    fputs("lscertlint: ", stderr);
    if (out->name) {
        fputs("the report file is also an input: ", stderr);
        cli_put_printable(stderr, out->name, strlen(out->name));
    } else {
        fputs("standard output is also an input: ", stderr);
        cli_put_printable(stderr, input, strlen(input));
    }
    if (why)
        fprintf(stderr, " (%s)", why);
    fputc('\n', stderr);
}

/* A file a walk, a glob or the configuration's include would check (st:
 * its stat()): nonzero to take it. The program's own files (a baseline, an
 * earlier report: cli/ownfile.h) are not responses and are passed over. A
 * file the run is about to write over is passed over only when it is such
 * a file (or empty); otherwise overwriting it would destroy a capture: a
 * usage error naming it, before anything is read or written. */
static int takes_found_file(discover_state *s, const char *path, const struct stat *st) {
    const cli_file_id *out = output_of(s, st);
    cli_own_kind kind = cli_own_file(path);
    if (out) {
        if (kind != CLI_OWN_NONE)
            return 0; /* the run's own earlier output: replaced, not read */
        same_file_error(out, path,
                        "a response found by a walk, a glob or an include, "
                        "not a report or baseline this program wrote");
        s->status = 2;
        return 0;
    }
    return kind != CLI_OWN_BASELINE && kind != CLI_OWN_REPORT;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name) {
    size_t dlen = strlen(dir), nlen = strlen(name);
    int slash = dlen > 0 && dir[dlen - 1] != '/';
    char *p = malloc(dlen + (size_t)slash + nlen + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dlen);
    if (slash)
        p[dlen] = '/';
    memcpy(p + dlen + slash, name, nlen + 1);
    return p;
}

static void free_names(char **names, long count) {
    while (count > 0)
        free(names[--count]);
    free(names);
}

/* The entries of a directory but . and .., sorted with strcmp. Returns
 * the count, or -1 (errno set) when it could not be read. path "" is the
 * current directory. */
static long read_sorted_entries(const char *path, char ***out) {
    DIR *dir = opendir(path[0] ? path : ".");
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    int saved;
    *out = NULL;
    if (!dir)
        return -1;
    for (;;) {
        errno = 0;
        e = readdir(dir);
        if (!e) {
            if (errno != 0)
                goto fail;
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (cli_grow(&names, &cap, count + 1, sizeof *names) != 0)
            goto fail;
        names[count] = strdup(e->d_name);
        if (!names[count])
            goto fail;
        count++;
    }
    closedir(dir);
    if (count > 1) /* an empty directory has no array to sort */
        qsort(names, count, sizeof *names, compare_names);
    *out = names;
    return (long)count;
fail:
    saved = errno ? errno : ENOMEM;
    free_names(names, (long)count);
    closedir(dir);
    errno = saved;
    return -1;
}

/* A directory that could not be read: out of memory stops discovery,
 * anything else is an unreadable input naming it. */
static void dir_unreadable(discover_state *s, const char *path, int errnum) {
    if (errnum == ENOMEM)
        s->oom = 1;
    else
        add_input(s, CLI_INPUT_UNREADABLE, path[0] ? path : ".", errnum);
}

static int walk_verdict(const discover_state *s, const char *path, int is_dir) {
    return s->d->walk_filter ? s->d->walk_filter(s->d->walk_ctx, path, is_dir) : -1;
}

/* A file a walk met: the filter's verdict, else the suffix rule. */
static int walk_takes(const discover_state *s, const char *name, const char *path) {
    int v = walk_verdict(s, path, 0);
    return v >= 0 ? v : cli_has_json_suffix(name);
}

static void walk_dir(discover_state *s, const char *path, const struct stat *st,
                     const dir_chain *up) {
    dir_chain here = {st->st_dev, st->st_ino, up};
    const dir_chain *c;
    char **names;
    long count, i;

    for (c = up; c; c = c->up)
        if (c->dev == st->st_dev && c->ino == st->st_ino)
            return; /* a loop through a bind mount: already being walked */
    count = read_sorted_entries(path, &names);
    if (count < 0) {
        dir_unreadable(s, path, errno);
        return;
    }
    for (i = 0; i < count && !s->oom; i++) {
        struct stat cst;
        char *child = join_path(path, names[i]);
        if (!child) {
            s->oom = 1;
            break;
        }
        if (lstat(child, &cst) != 0) {
            if (errno != ENOENT) /* ENOENT: it vanished since readdir */
                add_input(s, CLI_INPUT_UNREADABLE, child, errno);
        } else if (excluded(s, names[i], child, S_ISDIR(cst.st_mode))) {
            /* skipped: excluded */
        } else if (S_ISDIR(cst.st_mode)) {
            if (walk_verdict(s, child, 1) != 0)
                walk_dir(s, child, &cst, &here);
        } else if (!walk_takes(s, names[i], child)) {
            /* not a capture */
        } else if (S_ISLNK(cst.st_mode)) {
            /* As grep -r: a link to a file is checked, a link to a
             * directory is not walked (no loops, no inputs seen twice). */
            if (stat(child, &cst) != 0)
                add_input(s, CLI_INPUT_UNREADABLE, child, errno); /* dangling */
            else if (S_ISREG(cst.st_mode) && takes_found_file(s, child, &cst))
                add_input(s, CLI_INPUT_FILE, child, 0);
        } else if (S_ISREG(cst.st_mode) && takes_found_file(s, child, &cst)) {
            add_input(s, CLI_INPUT_FILE, child, 0);
        }
        free(child);
    }
    free_names(names, count);
}

/* ---- globs ------------------------------------------------------------ */

/* The paths a glob matched (and the directories it could not read), sorted
 * once it is expanded. */
typedef struct glob_hits {
    cli_input *items;
    size_t count, cap;
} glob_hits;

static void add_hit(discover_state *s, glob_hits *h, const char *path, int errnum) {
    if (s->oom)
        return;
    if (cli_grow(&h->items, &h->cap, h->count + 1, sizeof *h->items) != 0) {
        s->oom = 1;
        return;
    }
    h->items[h->count].kind = errnum ? CLI_INPUT_UNREADABLE : CLI_INPUT_FILE;
    h->items[h->count].errnum = errnum;
    h->items[h->count].path = strdup(path[0] ? path : ".");
    if (!h->items[h->count].path) {
        s->oom = 1;
        return;
    }
    h->count++;
}

/* The next segment of pattern at or after *pos, copied into seg (empty and
 * "." segments skipped); 0 at the end, -1 if it is too long to be a name. */
static int pattern_segment(const char *pattern, size_t *pos, char *seg, size_t size) {
    for (;;) {
        size_t b = *pos, e;
        while (pattern[b] == '/')
            b++;
        if (pattern[b] == '\0') {
            *pos = b;
            return 0;
        }
        for (e = b; pattern[e] != '\0' && pattern[e] != '/'; e++)
            ;
        *pos = e;
        if (e - b == 1 && pattern[b] == '.')
            continue;
        if (e - b >= size)
            return -1;
        memcpy(seg, pattern + b, e - b);
        seg[e - b] = '\0';
        return 1;
    }
}

/* Expand the segments of pattern from pos on below prefix ("" for the
 * current directory). */
static void expand(discover_state *s, glob_hits *h, const char *prefix, const char *pattern,
                   size_t pos, const dir_chain *up) {
    char seg[256];
    size_t next = pos;
    struct stat st;
    char **names;
    long count, i;
    int rc = pattern_segment(pattern, &next, seg, sizeof seg);
    int recursive;
    dir_chain here;
    const dir_chain *c;

    if (rc < 0 || s->oom)
        return;
    if (rc == 0) { /* the whole pattern matched: files only */
        if (prefix[0] == '\0')
            return; /* "**" as zero directories of the current one */
        if (stat(prefix, &st) != 0)
            add_hit(s, h, prefix, errno); /* a dangling link */
        else if (!S_ISDIR(st.st_mode))
            add_hit(s, h, prefix, 0); /* judged once sorted (expand_glob) */
        return;
    }
    if (!glob_has_magic(seg)) { /* a literal segment: no directory to read */
        char *child = join_path(prefix, seg);
        if (!child) {
            s->oom = 1;
            return;
        }
        if (lstat(child, &st) == 0)
            expand(s, h, child, pattern, next, up);
        else if (errno != ENOENT && errno != ENOTDIR)
            add_hit(s, h, child, errno);
        free(child);
        return;
    }
    if (stat(prefix[0] ? prefix : ".", &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    for (c = up; c; c = c->up)
        if (c->dev == st.st_dev && c->ino == st.st_ino)
            return;
    here.dev = st.st_dev;
    here.ino = st.st_ino;
    here.up = up;
    recursive = strcmp(seg, "**") == 0;
    if (recursive)
        expand(s, h, prefix, pattern, next, up); /* "**" as zero directories */
    count = read_sorted_entries(prefix, &names);
    if (count < 0) {
        if (errno == ENOMEM)
            s->oom = 1;
        else
            add_hit(s, h, prefix, errno);
        return;
    }
    for (i = 0; i < count && !s->oom; i++) {
        char *child;
        if (!glob_match_segment(seg, names[i]))
            continue;
        child = join_path(prefix, names[i]);
        if (!child) {
            s->oom = 1;
            break;
        }
        if (lstat(child, &st) != 0) {
            if (errno != ENOENT)
                add_hit(s, h, child, errno);
        } else if (excluded(s, names[i], child, S_ISDIR(st.st_mode))) {
            /* skipped */
        } else if (recursive) {
            if (S_ISDIR(st.st_mode)) /* real directories only: no link loops */
                expand(s, h, child, pattern, pos, &here);
            else /* "**" as this one name: a final "**" takes files too */
                expand(s, h, child, pattern, next, &here);
        } else {
            expand(s, h, child, pattern, next, &here);
        }
        free(child);
    }
    free_names(names, count);
}

static int compare_hits(const void *a, const void *b) {
    return strcmp(((const cli_input *)a)->path, ((const cli_input *)b)->path);
}

static void expand_glob(discover_state *s, const char *pattern) {
    glob_hits h = {NULL, 0, 0};
    size_t i;
    expand(s, &h, pattern[0] == '/' ? "/" : "", pattern, 0, NULL);
    if (h.count > 1)
        qsort(h.items, h.count, sizeof *h.items, compare_hits);
    for (i = 0; i < h.count; i++) {
        /* "**" can reach a file twice (a pattern with two of them) */
        struct stat st;
        if (i > 0 && strcmp(h.items[i].path, h.items[i - 1].path) == 0)
            continue;
        if (h.items[i].kind == CLI_INPUT_FILE &&
            (stat(h.items[i].path, &st) != 0 || !takes_found_file(s, h.items[i].path, &st)))
            continue;
        add_input(s, h.items[i].kind, h.items[i].path, h.items[i].errnum);
    }
    for (i = 0; i < h.count; i++)
        free(h.items[i].path);
    free(h.items);
}

/* ---- operands --------------------------------------------------------- */

/* --filter-operands: a file named on the command line (by a hook, say)
 * passes the filters a walk applies: --exclude, the configuration's
 * include and exclude (walk_filter; a match of either kind suffices, the
 * suffix rule aside: the file was named), and the program's own files.
 * Nonzero if it is ignored; then a note says so, unless silenced. */
static int operand_ignored(discover_state *s, const char *op) {
    const char *base = strrchr(op, '/');
    const char *why = NULL;
    cli_own_kind kind;
    base = base ? base + 1 : op;
    if (excluded(s, base, op, 0))
        why = "because of a matching exclude pattern";
    else if (walk_verdict(s, op, -1) == 0)
        why = "because of the configuration's include or exclude patterns";
    else if ((kind = cli_own_file(op)) == CLI_OWN_BASELINE || kind == CLI_OWN_REPORT)
        why = "because it is a baseline or a report this program wrote";
    if (!why)
        return 0;
    if (s->d->n_ignored)
        (*s->d->n_ignored)++;
    if (s->d->warn_ignored && !cli_messages_off) {
        fputs("lscertlint: ", stderr);
        cli_put_printable(stderr, op, strlen(op));
        fprintf(stderr, ": file ignored %s\n", why);
    }
    return 1;
}

/* One operand; returns 0, or 2 after a usage error was printed. */
static int discover_operand(discover_state *s, const char *op) {
    struct stat st;
    const cli_file_id *out;
    size_t before = s->list->count;

    if (strcmp(op, "-") == 0) {
        if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) && (out = output_of(s, &st))) {
            same_file_error(out, "standard input", NULL);
            return 2;
        }
        add_input(s, CLI_INPUT_STDIN, NULL, 0);
        return 0;
    }
    if (stat(op, &st) != 0) {
        int errnum = errno;
        if (errnum == ENOENT && glob_has_magic(op)) {
            expand_glob(s, op);
        } else if (errnum == ENOENT || errnum == ENOTDIR) {
            /* a typo, not an input that failed: a usage error, not counted */
            if (!cli_messages_off) {
                fputs("lscertlint: no such file or directory: ", stderr);
                cli_put_printable(stderr, op, strlen(op));
                fputc('\n', stderr);
            }
            return 2;
        } else {
            add_input(s, CLI_INPUT_UNREADABLE, op, errnum);
        }
    } else if (S_ISDIR(st.st_mode)) {
        walk_dir(s, op, &st, NULL);
    } else if ((out = output_of(s, &st))) {
        same_file_error(out, op, NULL);
        return 2;
    } else if (s->d->filter_operands && operand_ignored(s, op)) {
        return 0;
    } else {
        add_input(s, CLI_INPUT_FILE, op, 0);
    }
    if (s->status != 0)
        return 2;
    if (s->list->count == before && !s->oom && !s->d->allow_empty) {
        fputs("lscertlint: no input found in ", stderr);
        cli_put_printable(stderr, op, strlen(op));
        fputc('\n', stderr);
        return 2;
    }
    return 0;
}

int cli_discover(const cli_discovery *d, char *const *operands, int count, cli_input_list *list) {
    discover_state s;
    int i, status = 0;
    s.d = d;
    s.list = list;
    s.oom = 0;
    s.status = 0;
    if (count == 0)
        status = discover_operand(&s, "-");
    for (i = 0; i < count && !s.oom; i++)
        if (discover_operand(&s, operands[i]) != 0) {
            status = 2; /* go on: every usage error in one go */
            s.status = 0;
        }
    if (s.oom) {
        cli_error("out of memory");
        return 3;
    }
    return status;
}
