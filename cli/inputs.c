#include "config.h"

#include "cli/inputs.h"

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

void cli_report_failed(cli_run *run, cli_report *report, int errnum) {
    size_t i, alive = 0;
    if (report->failed)
        return;
    report->failed = 1;
    run->io_error = 1;
    if (errnum == EPIPE) { /* the reader is gone (| head): not worth a word */
        run->quiet_stop = 1;
    } else {
        cli_progress_clear(&run->progress);
        cli_error_name(report->name, errnum ? errnum : EIO);
    }
    for (i = 0; i < run->nreports; i++)
        alive += !run->reports[i].failed;
    /* Nothing left to write: stop reading, unless standard output carries
     * the inputs' data, which goes on whatever happens to the reports. */
    if (alive == 0 && !run->opts->pass_through && !run->opts->normalize)
        run->stop = 1;
}

/* Call fn on every report still alive; a failure retires that report. */
#define EACH_REPORT(run, call)                                                                     \
    do {                                                                                           \
        size_t each_i_;                                                                            \
        for (each_i_ = 0; each_i_ < (run)->nreports; each_i_++) {                                  \
            cli_report *each_r_ = &(run)->reports[each_i_];                                        \
            rep_reporter *rep = each_r_->rep;                                                      \
            if (!each_r_->failed && (call) != 0)                                                   \
                cli_report_failed((run), each_r_, errno);                                          \
        }                                                                                          \
    } while (0)

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
    EACH_REPORT(run, rep_certificate(rep, cert));
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
    cli_progress_clear(&run->progress); /* the report may share the terminal */
    EACH_REPORT(run, rep_finding(rep, finding));
    return run->stop ? 1 : 0;
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
    EACH_REPORT(run, rep_input_start(rep, name) != 0 ||
                         rep_input_end(rep, &none, "unreadable", strerror(errnum)) != 0);
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

    EACH_REPORT(run, rep_input_start(rep, name));
    if (run->stop)
        return;
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
        EACH_REPORT(run, rep_input_end(rep, lsc_checker_stats(checker), "unreadable",
                                       strerror(read_errno)));
        goto out;
    }
    EACH_REPORT(run, rep_input_end(rep, lsc_checker_stats(checker),
                                   run->input_findings ? "findings" : "ok", NULL));
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

/* ---- the inputs ------------------------------------------------------ */

void cli_inputs_run(cli_run *run) {
    size_t i;
    for (i = 0; i < run->inputs->count && !run->stop; i++) {
        const cli_input *in = &run->inputs->items[i];
        switch (in->kind) {
        case CLI_INPUT_STDIN:
            check_stdin(run);
            break;
        case CLI_INPUT_UNREADABLE:
            input_unreadable(run, in->path, in->errnum);
            break;
        case CLI_INPUT_FILE:
        default:
            check_path(run, in->path);
            break;
        }
    }
}
