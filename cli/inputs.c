#include "config.h"

#include "cli/inputs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/config_file.h"
#include "cli/gunzip.h"
#include "cli/jobs.h"
#include "cli/output.h"
#include "cli/split.h"

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
    } else if (errnum == ENOMEM) { /* the reporter's memory: the run ends as on the checker's */
        if (!run->stop) {
            cli_progress_clear(&run->progress);
            cli_error("out of memory");
        }
        run->stop = 1;
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
            lsc_reporter *rep = each_r_->rep;                                                      \
            if (!each_r_->failed && (call) != 0)                                                   \
                cli_report_failed((run), each_r_, errno);                                          \
        }                                                                                          \
    } while (0)

/* ---- the checker's callbacks ----------------------------------------- */

static void out_of_memory(cli_run *run) {
    cli_error("out of memory");
    run->io_error = 1;
    run->stop = 1;
}

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
    if (cli_policy_certificate(&run->policy, cert) != 0 ||
        (run->inv && cli_inventory_certificate(run->inv, cert) != 0)) {
        cli_error("out of memory");
        run->io_error = 1;
        run->stop = 1;
        return 1;
    }
    EACH_REPORT(run, lsc_reporter_certificate(rep, cert));
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
    cli_verdict verdict = cli_policy_judge(&run->policy, finding);
    if (run->policy.failed) {
        out_of_memory(run);
        return 1;
    }
    if (verdict == CLI_IGNORED)
        return 0;
    if (verdict == CLI_UNCHANGED) { /* accepted in the baseline: sarif alone shows it */
        EACH_REPORT(run, lsc_reporter_finding(rep, finding, LSC_MARK_UNCHANGED));
        return run->stop ? 1 : 0;
    }
    run->input_findings++;
    if (verdict == CLI_REPORT && run->fail_on != LSC_OFF && finding->severity >= run->fail_on)
        run->failing++;
    if (run->inv)
        cli_inventory_finding(run->inv, finding);
    cli_progress_clear(&run->progress); /* the report may share the terminal */
    EACH_REPORT(run,
                lsc_reporter_finding(rep, finding,
                                     verdict == CLI_EXPECTED ? LSC_MARK_EXPECTED : LSC_MARK_NONE));
    return run->stop ? 1 : 0;
}

/* An expected finding that did not occur: an error at the file itself. */
typedef struct missing_ctx {
    cli_run *run;
    const char *file;
    lsc_severity severity; /* of expected-finding-missing for this file */
} missing_ctx;

static int on_missing(void *user, const char *message) {
    missing_ctx *m = user;
    lsc_finding f;
    if (m->severity == LSC_OFF) /* --disable=expected-finding-missing */
        return 0;
    memset(&f, 0, sizeof f);
    f.rule = lsc_rule_find("expected-finding-missing");
    f.severity = m->severity;
    f.file = m->file;
    f.pos.line = 1;
    f.pos.column = 1;
    f.pointer = "";
    f.message = message;
    return on_finding(m->run, &f);
}

static const lsc_callbacks callbacks = {
    on_document_start,
    on_certificate,
    on_document_end,
    on_finding,
    NULL,
};

/* ---- one input -------------------------------------------------------- */

/* An input that could not be opened or read at all. */
static void input_unreadable(cli_run *run, const char *name, int errnum) {
    lsc_stats none;
    memset(&none, 0, sizeof none);
    cli_error_name(name, errnum);
    run->io_error = 1;
    EACH_REPORT(run, lsc_reporter_input_start(rep, name) != 0 ||
                         lsc_reporter_input_end(rep, &none, "unreadable", strerror(errnum)) != 0);
}

/* Read fd to its end, copying (-p) and feeding one checker. size is the
 * input's size when known (progress), else 0. */
/* Zero bytes after a gzip stream were skipped: said once, as gzip(1) does. */
static void note_padding(const char *name, uint64_t padding) {
    if (padding == 0 || cli_messages_off)
        return;
    fputs("lscertlint: ", stderr);
    cli_put_printable(stderr, name, strlen(name));
    fprintf(stderr, ": %llu zero bytes after the gzip data ignored\n", (unsigned long long)padding);
}

static void check_fd(cli_run *run, int fd, const char *name, uint64_t size) {
    const int copy = run->opts->pass_through;
    const lsc_config *config;
    lsc_config *owned_config = NULL;
    lsc_checker *checker;
    lsc_error err;
    uint64_t done = 0;
    int state = 0; /* 0: feeding, 1: malformed (the rest is only copied), -1: stopped */
    int read_errno = 0;
    cli_feed feed; /* inflates gzip data (doc/cli.md §1) */
    lsc_severity missing_severity;

    EACH_REPORT(run, lsc_reporter_input_start(rep, name));
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
    if (cli_policy_input_start(&run->policy, name) != 0 ||
        cli_jobs_config_for_file(run->opts, name, &config, &run->fail_on, &owned_config) != 0) {
        out_of_memory(run);
        return;
    }
    missing_severity = lsc_config_severity(config, "expected-finding-missing");
    checker = lsc_checker_new(config, name, &callbacks, run, &err);
    lsc_config_free(owned_config); /* copied by the checker */
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
    if (!run->stop && read_errno == 0 && state >= 0)
        note_padding(name, feed.failed ? 0 : feed.padding);
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
        EACH_REPORT(run, lsc_reporter_input_end(rep, lsc_checker_stats(checker), "unreadable",
                                                strerror(read_errno)));
        goto out;
    }
    {
        missing_ctx m = {run, name, missing_severity};
        if (cli_policy_each_missing(&run->policy, on_missing, &m) != 0)
            goto out;
    }
    EACH_REPORT(run, lsc_reporter_input_end(rep, lsc_checker_stats(checker),
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

/* ---- an input a worker checked (-j) ------------------------------------ */

/* What check_fd does with one input, from the worker's record: the same
 * callbacks in the same order, then the same messages and the same end. */
static void check_recorded(cli_run *run, const char *name, const cli_record *rec) {
    if (rec->open_errno) {
        input_unreadable(run, name, rec->open_errno);
        return;
    }
    EACH_REPORT(run, lsc_reporter_input_start(rep, name));
    if (run->stop)
        return;
    run->input_findings = 0;
    if (run->inv && cli_inventory_input(run->inv, name) != 0) {
        out_of_memory(run);
        return;
    }
    if (cli_policy_input_start(&run->policy, name) != 0 || rec->config_failed) {
        out_of_memory(run);
        return;
    }
    run->fail_on = rec->fail_on;
    if (rec->new_failed) {
        cli_error("%s", rec->text);
        run->io_error = 1;
        run->stop = 1;
        return;
    }
    if (cli_record_replay(rec, &callbacks, run) != 0 && run->stop)
        return; /* a callback stopped the run, as it would have stopped the checker */
    if (!run->stop && rec->state >= 0 && rec->read_errno == 0)
        note_padding(name, rec->gzip_padding);
    if (rec->state < 0 && !run->stop) { /* the worker ran out of memory */
        cli_error("%s", rec->text);
        run->io_error = 1;
        run->stop = 1;
    }
    if (!run->stop && run->norm && cli_normalize_input_end(run->norm) != 0)
        cli_output_failed(run, "standard output", errno);
    if (run->stop)
        return;
    if (rec->read_errno) {
        cli_error_name(name, rec->read_errno);
        run->io_error = 1;
        EACH_REPORT(
            run, lsc_reporter_input_end(rep, &rec->stats, "unreadable", strerror(rec->read_errno)));
        return;
    }
    {
        missing_ctx m = {run, name, rec->missing_severity};
        if (cli_policy_each_missing(&run->policy, on_missing, &m) != 0)
            return;
    }
    EACH_REPORT(run, lsc_reporter_input_end(rep, &rec->stats,
                                            run->input_findings ? "findings" : "ok", NULL));
}

/* ---- one input split across workers (-j, cli/split.h) ----------------- */

/* The run's callbacks, keeping the ARNs of the open listing on the way. */
typedef struct split_replay {
    cli_run *run;
    cli_listing *listing;
} split_replay;

static int sr_document_start(void *user, const lsc_document *doc) {
    return on_document_start(((split_replay *)user)->run, doc);
}

static int sr_certificate(void *user, const lsc_certificate *cert) {
    split_replay *sr = user;
    const lsc_string *arn = &cert->certificate_arn;
    if (arn->m.ok &&
        cli_listing_add(sr->listing, arn->s, arn->len, cert->document, cert->index) != 0) {
        out_of_memory(sr->run);
        return 1;
    }
    return on_certificate(sr->run, cert);
}

static int sr_document_end(void *user, const lsc_document *doc) {
    split_replay *sr = user;
    if (!doc->next_page_token.m.ok) /* as duplicate-certificate's listing ends */
        cli_listing_clear(sr->listing);
    return on_document_end(sr->run, doc);
}

static int sr_finding(void *user, const lsc_finding *finding) {
    return on_finding(((split_replay *)user)->run, finding);
}

static const lsc_callbacks split_callbacks = {
    sr_document_start,
    sr_certificate,
    sr_document_end,
    sr_finding,
    NULL,
};

/* Whether a chunk's checker, which began with no listing open, named a
 * certificate that the open listing already holds: only then may its
 * duplicate-certificate findings differ from one thread's. Looked at until
 * the listing ends in the chunk. */
static int lc_certificate(void *user, const lsc_certificate *cert) {
    const lsc_string *arn = &cert->certificate_arn;
    return arn->m.ok && cli_listing_has(user, arn->s, arn->len) ? 2 : 0;
}

static int lc_document_end(void *user, const lsc_document *doc) {
    (void)user;
    return doc->next_page_token.m.ok ? 0 : 1;
}

static int listing_conflict(const cli_record *rec, cli_listing *listing) {
    static const lsc_callbacks look = {NULL, lc_certificate, lc_document_end, NULL, NULL};
    return cli_record_replay(rec, &look, listing) == 2;
}

static int preload_arn(void *user, const char *arn, size_t len, size_t document, size_t index) {
    return lsc_checker_listing_add(user, arn, len, document, index) != 0;
}

/* Check the input from start (line, document) to its end on this thread,
 * with the open listing's ARNs: what the chunks cannot give exactly. Adds
 * to total; returns the read error, if any. */
static int check_rest(cli_run *run, const char *name, cli_split *sp, uint64_t start, uint64_t line,
                      size_t document, cli_listing *listing, lsc_stats *total) {
    lsc_error err;
    size_t head_len;
    const unsigned char *head = cli_split_head(sp, &head_len);
    uint64_t base, size = cli_split_size(sp), pos = start;
    int fd = cli_split_fd(sp, &base), state = 0, read_errno = 0;
    lsc_pos at = {start, line, 1};
    split_replay sr = {run, listing};
    memset(&err, 0, sizeof err);
    cli_split_cancel(sp);
    lsc_checker *checker = lsc_checker_new(cli_split_config(sp), name, &split_callbacks, &sr, &err);
    if (!checker || lsc_checker_set_origin(checker, at, document, &err) != LSC_OK ||
        lsc_checker_set_head(checker, head, head_len) != 0 ||
        cli_listing_each(listing, preload_arn, checker) != 0) {
        lsc_checker_free(checker);
        out_of_memory(run);
        return 0;
    }
    while (pos < size && !run->stop) {
        uint64_t to = (pos / CLI_SPLIT_READ + 1) * CLI_SPLIT_READ;
        if (to > size)
            to = size;
        ssize_t n = pread(fd, read_buf, (size_t)(to - pos), (off_t)(base + pos));
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            break; /* the file shrank: it ends here, as for one thread */
        if (n < 0) {
            read_errno = errno;
            break;
        }
        pos += (uint64_t)n;
        lsc_status rc = lsc_checker_feed(checker, read_buf, (size_t)n, &err);
        if (rc == LSC_MALFORMED) {
            state = 1;
            break;
        } else if (rc < 0) {
            state = -1;
            break;
        }
    }
    if (!run->stop && !read_errno && state == 0 && lsc_checker_finish(checker, &err) < LSC_OK)
        state = -1;
    if (state < 0 && !run->stop) {
        cli_error("%s", err.text[0] ? err.text : "out of memory");
        run->io_error = 1;
        run->stop = 1;
    }
    const lsc_stats *st = lsc_checker_stats(checker);
    total->bytes = st->bytes;
    total->documents = st->documents;
    total->certificates += st->certificates;
    for (int i = 0; i < 4; i++)
        total->findings[i] += st->findings[i];
    lsc_checker_free(checker);
    return read_errno;
}

/* What check_recorded does for one input, from the chunks' records in
 * order: a chunk hands over to the chunk where its checker stopped; one
 * whose document index the counting pass got wrong, or that names an ARN
 * the open listing already holds, is checked again from its start on this
 * thread, with the listing, to the end of the input. */
static void check_split(cli_run *run, const char *name, cli_split *sp) {
    const cli_chunk *ch = cli_split_wait(sp, 0);
    cli_listing *listing = cli_listing_new();
    split_replay sr = {run, listing};
    lsc_stats total;
    size_t k = 0, documents = 0, replayed = 0, rest_at = 0;
    int read_errno = 0;
    memset(&total, 0, sizeof total);
    EACH_REPORT(run, lsc_reporter_input_start(rep, name));
    if (run->stop)
        goto out;
    run->input_findings = 0;
    if (!listing || (run->inv && cli_inventory_input(run->inv, name) != 0) ||
        cli_policy_input_start(&run->policy, name) != 0) {
        out_of_memory(run);
        goto out;
    }
    run->fail_on = ch->rec.fail_on;
    for (;;) {
        ch = cli_split_wait(sp, k);
        if (ch->rec.new_failed) {
            cli_error("%s", ch->rec.text);
            run->io_error = 1;
            run->stop = 1;
            goto out;
        }
        if (k > 0 && (ch->document != documents || listing_conflict(&ch->rec, listing))) {
            rest_at = k;
            read_errno = check_rest(run, name, sp, ch->start, ch->line, documents, listing, &total);
            break;
        }
        replayed++;
        if (cli_record_replay(&ch->rec, &split_callbacks, &sr) != 0 && run->stop)
            goto out;
        total.certificates += ch->rec.stats.certificates;
        for (int i = 0; i < 4; i++)
            total.findings[i] += ch->rec.stats.findings[i];
        if (ch->rec.state < 0 && !run->stop) { /* the worker ran out of memory */
            cli_error("%s", ch->rec.text);
            run->io_error = 1;
            run->stop = 1;
        }
        if (run->stop)
            goto out;
        documents = ch->rec.stats.documents;
        if (ch->ended) {
            total.bytes = ch->rec.stats.bytes;
            total.documents = documents;
            read_errno = ch->rec.read_errno;
            break;
        }
        k = ch->next;
        cli_split_release_below(sp, k);
    }
    if (run->stop)
        goto out;
    if (read_errno) {
        cli_error_name(name, read_errno);
        run->io_error = 1;
        EACH_REPORT(run, lsc_reporter_input_end(rep, &total, "unreadable", strerror(read_errno)));
        goto out;
    }
    {
        missing_ctx m = {run, name, ch->rec.missing_severity};
        if (cli_policy_each_missing(&run->policy, on_missing, &m) != 0)
            goto out;
    }
    EACH_REPORT(run,
                lsc_reporter_input_end(rep, &total, run->input_findings ? "findings" : "ok", NULL));
out:
    if (getenv("LSC_JOBS_TRACE")) /* for the tests: which paths the run took */
        fprintf(stderr,
                "lscertlint: split: %zu chunks, %zu replayed, rest from chunk %zu, "
                "%u workers, %zu listing probes\n",
                cli_split_count(sp), replayed, rest_at, cli_split_workers(sp),
                cli_listing_probes(listing));
    cli_listing_free(listing);
}

/* -j N, or the CPUs for 0, at most the CPUs: threads beyond them only add
 * memory (a read buffer and a window of results each) and switching. */
static unsigned capped_workers(unsigned asked) {
    unsigned cpus = cli_jobs_available();
    return asked == 0 || asked > cpus ? cpus : asked;
}

/* The input's size as the split takes it; LSC_JOBS_SIZE replaces it, for
 * tests of a file that shrinks after it was measured. */
static uint64_t measured_size(const struct stat *st, off_t base) {
    const char *env = getenv("LSC_JOBS_SIZE");
    if (env && *env) {
        char *end;
        unsigned long long v = strtoull(env, &end, 10);
        if (*end == '\0' && v > 0)
            return (uint64_t)v;
    }
    return (uint64_t)(st->st_size - base);
}

/* The one input of a run split across workers, when -j allows and it is
 * worth it (cli_split_start); 0 when it is left to the other paths. */
static int run_split(cli_run *run) {
    const cli_input *in = &run->inputs->items[0];
    struct stat st;
    const char *name;
    int fd;
    off_t base = 0;
    unsigned workers = run->opts->jobs;
    if (run->inputs->count != 1 || workers == 1)
        return 0;
    if (in->kind == CLI_INPUT_FILE) {
        if (cli_is_gzip_name(in->path))
            return 0;
        name = in->path;
        /* only a regular file is opened here: a FIFO's writer must meet
         * the one open of the path that reads it */
        if (stat(in->path, &st) != 0 || !S_ISREG(st.st_mode) ||
            (uint64_t)st.st_size <= cli_split_chunk_size())
            return 0;
        fd = open(in->path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
            return 0; /* the sequential path says why */
    } else if (in->kind == CLI_INPUT_STDIN) {
        name = run->opts->stdin_name;
        fd = STDIN_FILENO;
        base = lseek(fd, 0, SEEK_CUR); /* one thread reads from there */
        if (base < 0)
            return 0;
    } else {
        return 0;
    }
    cli_split *sp = NULL;
    /* the CPUs are asked for only when the input may be split: a small
     * input starts faster without */
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)(st.st_size - base) > cli_split_chunk_size() &&
        (workers = capped_workers(workers)) > 1)
        sp =
            cli_split_start(fd, name, (uint64_t)base, measured_size(&st, base), run->opts, workers);
    if (sp) {
        check_split(run, name, sp);
        cli_split_free(sp);
    }
    if (fd != STDIN_FILENO)
        close(fd);
    return sp != NULL;
}

/* The workers -j asks for, or 0 when the run stays on this thread: one
 * input, -j1, or standard output carrying the inputs' data in order (-p,
 * --normalize). */
static unsigned workers_for(const cli_run *run) {
    unsigned n = run->opts->jobs;
    size_t i, files = 0;
    if (n == 1 || run->opts->pass_through || run->opts->normalize || run->norm)
        return 0;
    for (i = 0; i < run->inputs->count; i++)
        files += run->inputs->items[i].kind == CLI_INPUT_FILE;
    if (files < 2)
        return 0; /* one file starts faster without asking for the CPUs */
    if ((n = capped_workers(n)) < 2)
        return 0;
    return files < n ? (unsigned)files : n;
}

/* ---- the inputs ------------------------------------------------------ */

static void check_input(cli_run *run, size_t i, cli_jobs *jobs) {
    const cli_input *in = &run->inputs->items[i];
    switch (in->kind) {
    case CLI_INPUT_STDIN:
        check_stdin(run); /* read here, in its place: a worker never reads it */
        break;
    case CLI_INPUT_UNREADABLE:
        input_unreadable(run, in->path, in->errnum);
        break;
    case CLI_INPUT_FILE:
    default:
        if (jobs)
            check_recorded(run, in->path, cli_jobs_wait(jobs, i));
        else
            check_path(run, in->path);
        break;
    }
}

int cli_stdout_closed;

void cli_inputs_run(cli_run *run) {
    size_t i;
    if (run->inputs->count == 1 && !run->opts->pass_through && !run->opts->normalize &&
        !run->norm && run_split(run))
        return;
    unsigned workers = workers_for(run);
    /* No pool (memory or threads ran out): the same run on this thread. */
    cli_jobs *jobs = workers ? cli_jobs_start(run->inputs, run->opts, workers) : NULL;
    for (i = 0; i < run->inputs->count && !run->stop; i++) {
        check_input(run, i, jobs);
        if (jobs)
            cli_jobs_release(jobs, i);
    }
    cli_jobs_free(jobs);
    /* the inputs were checked and the reports are whole, but the data
     * that -p or --normalize wrote went nowhere: the run failed */
    if (cli_stdout_closed && !run->stop &&
        (run->opts->pass_through || run->opts->normalize || run->norm)) {
        cli_progress_clear(&run->progress);
        cli_error_name("standard output", EBADF);
        run->io_error = 1;
    }
}
