#include "config.h"

#include "cli/inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/gunzip.h"
#include "cli/output.h"

/* One buffer for every read: no allocation per chunk. Big chunks keep the
 * number of read(2) and feed calls low on multi-GB inputs. */
static unsigned char read_buf[256 * 1024];

void cli_output_failed(cli_run *run, const char *name, int errnum) {
    if (run->stop)
        return; /* only the first failure speaks */
    run->stop = 1;
    run->io_error = 1;
    if (errnum == EPIPE) { /* the reader is gone (| head): not worth a word */
        run->quiet_stop = 1;
        return;
    }
    cli_progress_clear(&run->progress);
    cli_error_name(name, errnum ? errnum : EIO);
}

static void report_failed(cli_run *run) {
    cli_output_failed(run, run->rep_name, errno);
}

/* ---- the checker's callbacks ----------------------------------------- */

static int on_document_start(void *user, const lsc_document *doc) {
    cli_run *run = user;
    if (run->norm && cli_normalize_document_start(run->norm, doc) != 0) {
        cli_output_failed(run, "standard output", errno);
        return 1;
    }
    return 0;
}

static int on_certificate(void *user, const lsc_certificate *cert) {
    cli_run *run = user;
    if (run->inv && cli_inventory_certificate(run->inv, cert) != 0) {
        cli_error("out of memory");
        run->io_error = 1;
        run->stop = 1;
        return 1;
    }
    if (run->norm && cli_normalize_certificate(run->norm, cert) != 0) {
        cli_output_failed(run, "standard output", errno);
        return 1;
    }
    return 0;
}

static int on_document_end(void *user, const lsc_document *doc) {
    cli_run *run = user;
    if (run->norm && cli_normalize_document_end(run->norm, doc) != 0) {
        cli_output_failed(run, "standard output", errno);
        return 1;
    }
    return 0;
}

static int on_finding(void *user, const lsc_finding *finding) {
    cli_run *run = user;
    run->input_findings++;
    if (run->opts->fail_on != LSC_OFF && finding->severity >= run->opts->fail_on)
        run->failing++;
    if (run->inv)
        cli_inventory_finding(run->inv, finding);
    if (run->rep) {
        cli_progress_clear(&run->progress); /* the report may share the terminal */
        if (rep_finding(run->rep, finding) != 0) {
            report_failed(run);
            return 1;
        }
    }
    return 0;
}

static const lsc_callbacks callbacks = {
    on_document_start,
    on_certificate,
    on_document_end,
    on_finding,
};

/* ---- one input -------------------------------------------------------- */

/* An input that could not be opened or read at all. */
static void input_unreadable(cli_run *run, const char *name, int errnum) {
    lsc_stats none;
    memset(&none, 0, sizeof none);
    cli_error_name(name, errnum);
    run->io_error = 1;
    if (run->rep && (rep_input_start(run->rep, name) != 0 ||
                     rep_input_end(run->rep, &none, "unreadable", strerror(errnum)) != 0))
        report_failed(run);
}

/* Read fd to its end, copying (-p) and feeding one checker. size is the
 * input's size when known (progress), else 0. */
static void check_fd(cli_run *run, int fd, const char *name, uint64_t size) {
    const int copy = run->opts->pass_through;
    lsc_checker *checker;
    lsc_error err;
    uint64_t done = 0;
    int state = 0; /* 0: feeding, 1: malformed (the rest is only copied), -1: stopped */
    int read_errno = 0;
    cli_feed feed; /* inflates gzip data (doc/cli.md §1) */

    if (run->rep && rep_input_start(run->rep, name) != 0) {
        report_failed(run);
        return;
    }
    run->input_findings = 0;
    if (run->inv && cli_inventory_input(run->inv, name) != 0) {
        cli_error("out of memory");
        run->io_error = 1;
        run->stop = 1;
        return;
    }
    memset(&err, 0, sizeof err);
    checker = lsc_checker_new(run->opts->config, name, &callbacks, run, &err);
    if (!checker) {
        cli_error("%s", err.text[0] ? err.text : "out of memory");
        run->io_error = 1;
        run->stop = 1;
        return;
    }
    cli_feed_init(&feed, checker, run->opts->config, name,
                  fd != STDIN_FILENO && cli_is_gzip_name(name), callbacks.finding, run);
    cli_progress_begin(&run->progress, run->progress_ok, name, size);
    for (;;) {
        ssize_t n = read(fd, read_buf, sizeof read_buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            read_errno = errno;
            break;
        }
        if (n == 0)
            break;
        done += (uint64_t)n;
        /* Copy first: the bytes go on even after the library found them
         * malformed, and before a finding about them is printed. */
        if (copy && cli_write_all(STDOUT_FILENO, read_buf, (size_t)n) != 0) {
            cli_output_failed(run, "standard output", errno);
            break;
        }
        if (state == 0) {
            lsc_status rc = cli_feed_bytes(&feed, read_buf, (size_t)n, &err);
            if (rc == LSC_MALFORMED) {
                state = 1;
            } else if (rc < 0) {
                state = -1;
                break;
            }
        }
        if (state != 0 && !copy)
            break; /* nothing more to learn from the rest */
        cli_progress_update(&run->progress, done);
    }
    cli_progress_clear(&run->progress);

    if (!run->stop && read_errno == 0 && state >= 0 && cli_feed_finish(&feed, &err) < LSC_OK)
        state = -1;
    if (state < 0 && !run->stop) { /* not our own stop: the library ran out of memory */
        cli_error("%s", err.text[0] ? err.text : "out of memory");
        run->io_error = 1;
        run->stop = 1;
    }
    if (!run->stop && run->norm && cli_normalize_input_end(run->norm) != 0)
        cli_output_failed(run, "standard output", errno);
    if (run->stop)
        goto out;
    if (read_errno) {
        cli_error_name(name, read_errno);
        run->io_error = 1;
        if (run->rep && rep_input_end(run->rep, lsc_checker_stats(checker), "unreadable",
                                      strerror(read_errno)) != 0)
            report_failed(run);
        goto out;
    }
    if (run->rep && rep_input_end(run->rep, lsc_checker_stats(checker),
                                  run->input_findings ? "findings" : "ok", NULL) != 0)
        report_failed(run);
out:
    cli_feed_release(&feed);
    lsc_checker_free(checker);
}

static void check_path(cli_run *run, const char *path) {
    struct stat st;
    uint64_t size = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        input_unreadable(run, path, errno);
        return;
    }
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        size = (uint64_t)st.st_size;
    check_fd(run, fd, path, size);
    close(fd);
}

static void check_stdin(cli_run *run) {
    struct stat st;
    uint64_t size = 0;
    if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
        size = (uint64_t)st.st_size;
    check_fd(run, STDIN_FILENO, run->opts->stdin_name, size);
}

/* ---- directories ------------------------------------------------------ */

/* The directories being walked, innermost first: a bind mount back to one
 * of them would otherwise recurse forever. */
typedef struct dir_chain {
    dev_t dev;
    ino_t ino;
    const struct dir_chain *up;
} dir_chain;

static int has_json_suffix(const char *name) {
    static const char *const suffixes[] = {".json", ".jsonl", ".ndjson"};
    size_t len = strlen(name), i;
    if (cli_is_gzip_name(name)) /* and their .gz forms */
        len -= 3;
    for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t n = strlen(suffixes[i]);
        if (len > n && strncmp(name + len - n, suffixes[i], n) == 0)
            return 1;
    }
    return 0;
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

static void out_of_memory(cli_run *run) {
    cli_error("out of memory");
    run->io_error = 1;
    run->stop = 1;
}

/* The entries of a directory but . and .., sorted with strcmp. Returns
 * the count, or -1 (errno set) when it could not be read. */
static long read_sorted_entries(const char *path, char ***out) {
    DIR *d = opendir(path);
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    int saved;
    *out = NULL;
    if (!d)
        return -1;
    for (;;) {
        errno = 0;
        e = readdir(d);
        if (!e) {
            if (errno != 0)
                goto fail;
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **grown = realloc(names, ncap * sizeof *names);
            if (!grown)
                goto fail;
            names = grown;
            cap = ncap;
        }
        names[count] = strdup(e->d_name);
        if (!names[count])
            goto fail;
        count++;
    }
    closedir(d);
    if (count > 1) /* an empty directory has no array to sort */
        qsort(names, count, sizeof *names, compare_names);
    *out = names;
    return (long)count;
fail:
    saved = errno ? errno : ENOMEM;
    while (count > 0)
        free(names[--count]);
    free(names);
    closedir(d);
    errno = saved;
    return -1;
}

static void walk_dir(cli_run *run, const char *path, const struct stat *st, const dir_chain *up) {
    dir_chain here = {st->st_dev, st->st_ino, up};
    const dir_chain *c;
    char **names;
    long count, i;

    for (c = up; c; c = c->up)
        if (c->dev == st->st_dev && c->ino == st->st_ino)
            return; /* a loop through a symlink: already being walked */
    count = read_sorted_entries(path, &names);
    if (count < 0) {
        if (errno == ENOMEM)
            out_of_memory(run);
        else
            input_unreadable(run, path, errno);
        return;
    }
    for (i = 0; i < count && !run->stop; i++) {
        struct stat cst;
        char *child = join_path(path, names[i]);
        if (!child) {
            out_of_memory(run);
            break;
        }
        if (lstat(child, &cst) != 0) {
            if (has_json_suffix(names[i]))
                input_unreadable(run, child, errno);
        } else if (S_ISDIR(cst.st_mode)) {
            walk_dir(run, child, &cst, &here);
        } else if (has_json_suffix(names[i]) && S_ISLNK(cst.st_mode)) {
            /* As grep -r: a link to a file is checked, a link to a
             * directory is not walked (no loops, no inputs seen twice). */
            if (stat(child, &cst) != 0)
                input_unreadable(run, child, errno); /* dangling */
            else if (S_ISREG(cst.st_mode))
                check_path(run, child);
        } else if (S_ISREG(cst.st_mode) && has_json_suffix(names[i])) {
            check_path(run, child);
        }
        free(child);
    }
    for (i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* ---- operands --------------------------------------------------------- */

void cli_inputs_run(cli_run *run) {
    const cli_options *opts = run->opts;
    int i;
    if (opts->operand_count == 0) {
        check_stdin(run);
        return;
    }
    for (i = 0; i < opts->operand_count && !run->stop; i++) {
        const char *op = opts->operands[i];
        struct stat st;
        if (strcmp(op, "-") == 0)
            check_stdin(run);
        else if (stat(op, &st) != 0)
            input_unreadable(run, op, errno);
        else if (S_ISDIR(st.st_mode))
            walk_dir(run, op, &st, NULL);
        else
            check_path(run, op);
    }
}
