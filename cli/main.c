/* lscertlint: the command-line program (doc/cli.md). It reaches the library
 * only through lscertlint.h, the way curl's tool reaches libcurl. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/catalog.h"
#include "cli/config_file.h"
#include "cli/glob.h"
#include "cli/inputs.h"
#include "cli/normalize.h"
#include "cli/options.h"
#include "cli/output.h"
#include "lscertlint.h"

/* --list-rules and --explain: print to stdout, check the write. */
static int run_catalog(const cli_options *opts) {
    int rc = opts->action == CLI_LIST_RULES     ? cli_list_rules(stdout, opts->list_format)
             : opts->action == CLI_PRINT_CONFIG ? cli_config_print(opts, opts->print_config, stdout)
                                                : cli_explain_rule(stdout, opts->explain);
    if (rc != 0 || fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            cli_error_name("standard output", errno);
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

static int use_color(const cli_options *opts, FILE *out) {
    const char *no_color;
    if (opts->format != LSC_FORMAT_TEXT)
        return 0;
    switch (opts->color) {
    case CLI_COLOR_ALWAYS:
        return 1;
    case CLI_COLOR_NEVER:
        return 0;
    case CLI_COLOR_AUTO:
    default:
        no_color = getenv("NO_COLOR"); /* no-color.org: set and not empty */
        return isatty(fileno(out)) && !(no_color && *no_color);
    }
}

/* --filter-operands: the operands ignored (the summary counts them). */
static size_t operands_ignored;

/* The summary line goes to stderr unless -q, and not after a json, sarif,
 * ... report on stderr itself (it would spoil `2>report.json`). */
static void print_summary(const cli_run *run) {
    char line[256];
    if (run->opts->quiet > 0 || run->nreports == 0 || run->quiet_stop)
        return;
    if (run->reports[0].fp == stderr && run->opts->format != LSC_FORMAT_TEXT)
        return;
    lsc_reporter_summary_line(run->reports[0].rep, line, sizeof line);
    fputs(line, stderr);
    /* what the configuration and the baseline took out of the counts */
    if (run->policy.expected)
        fprintf(stderr, "; %zu expected", run->policy.expected);
    if (run->policy.ignored)
        fprintf(stderr, "; %zu ignored", run->policy.ignored);
    if (run->policy.baseline)
        fprintf(stderr, "; %zu unchanged, %zu fixed since the baseline", run->policy.unchanged,
                cli_baseline_each_fixed(run->policy.baseline, NULL, NULL));
    if (operands_ignored)
        fprintf(stderr, "; %zu file%s ignored", operands_ignored, operands_ignored == 1 ? "" : "s");
    fputc('\n', stderr);
}

/* A finding of the baseline that no longer occurs (sarif: absent). */
static int report_absent(void *user, const char *file, const char *rule, const char *pointer) {
    return lsc_reporter_absent(user, file, rule, pointer);
}

/* Does the run write standard output? */
static int writes_stdout(const cli_options *opts) {
    if (opts->pass_through || opts->normalize)
        return 1;
    if (opts->output && strcmp(opts->output, "-") != 0)
        return 0;
    return opts->quiet < 2;
}

/* Record the file at path as an output of the run if it exists. */
static void add_output(cli_file_id *outputs, size_t *n, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0)
        return; /* not there yet: nothing to protect */
    outputs[*n].dev = st.st_dev;
    outputs[*n].ino = st.st_ino;
    outputs[*n].name = path;
    (*n)++;
}

/* The files the run will write that exist already: never read as inputs.
 * step_summary: the GitHub job summary the run appends to, or NULL. */
static size_t find_outputs(const cli_options *opts, const char *step_summary,
                           cli_file_id *outputs) {
    struct stat st;
    size_t n = 0, i;
    if (writes_stdout(opts) && fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
        outputs[n].dev = st.st_dev;
        outputs[n].ino = st.st_ino;
        outputs[n].name = NULL;
        n++;
    }
    if (opts->output && strcmp(opts->output, "-") != 0)
        add_output(outputs, &n, opts->output);
    if (opts->write_baseline)
        add_output(outputs, &n, opts->write_baseline);
    for (i = 0; i < opts->n_reports; i++)
        add_output(outputs, &n, opts->reports[i].path);
    if (step_summary)
        add_output(outputs, &n, step_summary); /* appended to, never an input */
    return n;
}

/* Open a report to path ("-" or NULL: the stream the mode gives). */
static int open_report(cli_run *run, cli_report *report, lsc_format format, const char *path,
                       int primary) {
    const cli_options *opts = run->opts;
    lsc_reporter_options ropts;
    memset(report, 0, sizeof *report);
    if (path && strcmp(path, "-") != 0) {
        if (cli_outfile_open(&report->file, path) != 0) {
            cli_error_name(path, errno);
            return -1;
        }
        report->is_file = 1;
        report->fp = report->file.fp;
        report->name = path;
    } else if (opts->pass_through || opts->normalize) {
        report->fp = stderr; /* stdout carries the data */
        report->name = "standard error";
    } else {
        report->fp = stdout;
        report->name = "standard output";
    }
    lsc_reporter_options_init(&ropts);
    ropts.format = format;
    ropts.color = primary && format == LSC_FORMAT_TEXT && use_color(opts, report->fp);
    ropts.fail_on = opts->fail_on;
    ropts.config = opts->config;
    ropts.tool_version = lsc_version();
    ropts.expect_source = opts->cfg ? opts->cfg->path : NULL;
    ropts.baseline = opts->baseline != NULL;
    ropts.show = opts->show;
    ropts.step_summary = run->step_summary;
    ropts.workspace = getenv("GITHUB_WORKSPACE"); /* -f github: names relative to it */
    report->rep = lsc_reporter_new_file(&ropts, report->fp);
    if (!report->rep) {
        cli_error("out of memory");
        return -1;
    }
    return 0;
}

/* The GitHub job summary the run appends to (-f github, or a github
 * --report, with $GITHUB_STEP_SUMMARY set), else NULL. */
static const char *summary_path(const cli_run *run) {
    const cli_options *opts = run->opts;
    size_t i;
    int github = opts->format == LSC_FORMAT_GITHUB;
    if (!run->step_summary || !run->step_summary[0])
        return NULL;
    for (i = 0; i < opts->n_reports; i++)
        github |= opts->reports[i].format == LSC_FORMAT_GITHUB;
    return github ? run->step_summary : NULL;
}

/* End a report: its closing parts, then the file renamed into place, or
 * removed (the previous report kept) when anything failed. format: the
 * report's. */
static void close_report(cli_run *run, cli_report *report, lsc_format format) {
    if (!report->failed && !run->stop && lsc_reporter_finish(report->rep) != 0) {
        int errnum = errno;
        /* github's finish appends the job summary last: when the report's
         * own stream is fine, the summary file is what failed */
        if (format == LSC_FORMAT_GITHUB && summary_path(run) && !ferror(report->fp) &&
            fflush(report->fp) == 0)
            cli_output_failed(run, run->step_summary, errnum);
        else
            cli_report_failed(run, report, errnum);
    }
    if (report->is_file) {
        if (report->failed || run->stop) {
            cli_outfile_discard(&report->file);
        } else if (cli_outfile_commit(&report->file) != 0) {
            cli_report_failed(run, report, errno);
        }
        report->fp = NULL;
    } else if (!report->failed && (fflush(report->fp) != 0 || ferror(report->fp))) {
        /* Buffered write errors (a full disk) show only now. */
        cli_report_failed(run, report, errno ? errno : EIO);
    }
}

/* --inventory: open where the primary report would go (as open_report). */
static int open_inventory(cli_run *run, cli_report *out, const char *path) {
    memset(out, 0, sizeof *out);
    if (path && strcmp(path, "-") != 0) {
        if (cli_outfile_open(&out->file, path) != 0) {
            cli_error_name(path, errno);
            return -1;
        }
        out->is_file = 1;
        out->fp = out->file.fp;
        out->name = path;
    } else if (run->opts->pass_through || run->opts->normalize) {
        out->fp = stderr; /* stdout carries the data */
        out->name = "standard error";
    } else {
        out->fp = stdout;
        out->name = "standard output";
    }
    return 0;
}

/* Write the inventory, then rename its file into place (as close_report). */
static void close_inventory(cli_run *run, cli_report *out, cli_inventory_format format) {
    int failed = run->stop;
    if (!failed && cli_inventory_write(run->inv, out->fp, format) != 0) {
        cli_output_failed(run, out->name, errno);
        failed = 1;
    }
    if (out->is_file) {
        if (failed)
            cli_outfile_discard(&out->file);
        else if (cli_outfile_commit(&out->file) != 0)
            cli_output_failed(run, out->name, errno);
        out->fp = NULL;
    } else if (!failed && (fflush(out->fp) != 0 || ferror(out->fp))) {
        cli_output_failed(run, out->name, errno ? errno : EIO);
    }
}

/* Nonzero if path names the same file as other (NULL: never). */
static int same_file(const char *path, const char *other) {
    struct stat a, b;
    return other && stat(path, &a) == 0 && stat(other, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

/* The strongest match of a glob list: GLOB_NO_MATCH, GLOB_BY_DIR or
 * GLOB_BY_NAME (cli/glob.h). */
static int globs_match(const char *const *globs, size_t n, const char *path, int is_dir) {
    int best = GLOB_NO_MATCH;
    size_t i;
    for (i = 0; i < n && best != GLOB_BY_NAME; i++) {
        int m = glob_filter_match(globs[i], path, is_dir);
        if (m > best)
            best = m;
    }
    return best;
}

/* The configuration's include/exclude, --include, the configuration files
 * and the baseline read, in walks (and for --filter-operands: is_dir -1).
 * One reading for every list (glob_filter_match()): the configuration's
 * globs relative to its directory, --include's to the path as walked, as
 * --exclude's. --include replaces the configuration's include. */
static int walk_filter(void *ctx, const char *path, int is_dir) {
    const cli_run *run = ctx;
    const cli_options *opts = run->opts;
    const cli_config *cfg = opts->cfg;
    const char *base = strrchr(path, '/');
    char *rel = NULL;
    int verdict = -1, m = GLOB_NO_MATCH;
    size_t i;

    base = base ? base + 1 : path;
    if (is_dir != 1) {
        /* a configuration is not a capture: never an input of a walk */
        if (strcmp(base, CLI_CONFIG_NAME) == 0 || strcmp(base, ".lscertlint.jsonc") == 0 ||
            (cfg && same_file(path, cfg->path)))
            return 0;
        /* the baseline read (the one written is an output: cli/discover.h) */
        if (same_file(path, opts->baseline) && !same_file(path, opts->write_baseline))
            return 0;
    }
    if (cfg && (cfg->exclude.n > 0 || (cfg->include.n > 0 && opts->n_includes == 0)))
        rel = cli_config_relative(cfg, path);
    if (rel && cfg) {
        for (i = 0; i < cfg->exclude.n; i++)
            if (glob_filter_match(cfg->exclude.v[i], rel, is_dir == 1) != GLOB_NO_MATCH) {
                free(rel);
                return 0;
            }
    }
    if (is_dir == 1) {
        free(rel);
        return -1; /* includes do not prune: a directory may hold what they name */
    }
    if (opts->n_includes > 0)
        m = globs_match(opts->includes, opts->n_includes, path, 0);
    else if (cfg && cfg->include.n > 0)
        m = rel ? globs_match((const char *const *)cfg->include.v, cfg->include.n, rel, 0)
                : GLOB_NO_MATCH;
    else
        m = -1; /* no include list */
    free(rel);
    if (m == GLOB_NO_MATCH)
        verdict = 0;
    else if (m == GLOB_BY_NAME || (m == GLOB_BY_DIR && is_dir < 0))
        verdict = 1; /* named by an include (or an operand inside one) */
    return verdict;  /* by a directory or "**": the suffix rule */
}

static int check_inputs(const cli_options *opts) {
    cli_run run;
    cli_file_id *outputs;
    cli_input_list inputs;
    cli_discovery disc;
    cli_report *reports;
    lsc_format *formats;      /* each report's */
    cli_report inventory_out; /* --inventory: where the report would go */
    int inventory_open = 0;
    size_t i;
    int status;

    memset(&run, 0, sizeof run);
    memset(&inputs, 0, sizeof inputs);
    /* stdout, -o, every --report */
    /* + stdout, -o, --write-baseline, the step summary */
    outputs = calloc(opts->n_reports + 4, sizeof *outputs);
    reports = calloc(opts->n_reports + 1, sizeof *reports);
    formats = calloc(opts->n_reports + 1, sizeof *formats);
    if (!outputs || !reports || !formats) {
        cli_error("out of memory");
        status = CLI_EXIT_IO;
        goto out;
    }
    run.opts = opts;
    /* -f github: where GitHub Actions wants the job summary (the library
     * reads no environment variable: it is given the path) */
    run.step_summary = getenv("GITHUB_STEP_SUMMARY");
    run.fail_on = opts->fail_on;
    cli_policy_init(&run.policy, opts);
    if (cli_policy_load_baseline(&run.policy, &status) != 0)
        goto out;
    run.inputs = &inputs;
    run.reports = reports;

    /* Everything that can refuse the run does so before any input is read
     * or any output written. */
    memset(&disc, 0, sizeof disc);
    disc.excludes = opts->excludes;
    disc.n_excludes = opts->n_excludes;
    disc.default_excludes = opts->default_excludes;
    disc.allow_empty = opts->allow_empty;
    disc.outputs = outputs;
    disc.n_outputs = find_outputs(opts, summary_path(&run), outputs);
    disc.walk_filter = walk_filter;
    disc.walk_ctx = &run;
    disc.filter_operands = opts->filter_operands;
    disc.warn_ignored = !opts->no_warn_ignored;
    disc.n_ignored = &operands_ignored;
    status = cli_discover(&disc, opts->operands, opts->operand_count, &inputs);
    if (status != 0)
        goto out;

    cli_outfile_handle_signals();
    status = CLI_EXIT_IO;
    if (opts->quiet < 2 || (opts->output && strcmp(opts->output, "-") != 0)) {
        /* -qq: no report, but -o FILE is still written */
        if (opts->inventory != CLI_INVENTORY_NONE) { /* in the report's place */
            if (open_inventory(&run, &inventory_out, opts->output) != 0)
                goto out;
            inventory_open = 1;
        } else {
            if (open_report(&run, &reports[run.nreports], opts->format, opts->output, 1) != 0)
                goto out;
            formats[run.nreports++] = opts->format;
        }
    }
    for (i = 0; i < opts->n_reports; i++) {
        if (open_report(&run, &reports[run.nreports], opts->reports[i].format,
                        opts->reports[i].path, 0) != 0)
            goto out;
        formats[run.nreports++] = opts->reports[i].format;
    }
    if (opts->normalize) {
        run.norm = cli_normalizer_new(STDOUT_FILENO);
        if (!run.norm) {
            cli_error("out of memory");
            goto out;
        }
    }
    /* -f github: the step summary gains the inventory */
    const char *step_summary = run.step_summary;
    int summary_inventory = step_summary && step_summary[0] && opts->format == LSC_FORMAT_GITHUB &&
                            opts->inventory == CLI_INVENTORY_NONE && run.nreports > 0;
    if (inventory_open || summary_inventory) {
        lsc_time now = opts->now;
        if (!opts->has_now) { /* days left: against the clock by default */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            now.sec = (int64_t)ts.tv_sec;
            now.nsec = 0;
        }
        run.inv = cli_inventory_new(now);
        if (!run.inv) {
            cli_error("out of memory");
            goto out;
        }
    }
    run.progress_ok = opts->quiet < 2 && isatty(STDERR_FILENO);

    cli_inputs_run(&run);

    /* a failed write is sticky: close_report() below reports it */
    for (i = 0; run.policy.baseline && !run.stop && i < run.nreports; i++)
        if (!run.reports[i].failed)
            cli_baseline_each_fixed(run.policy.baseline, report_absent, run.reports[i].rep);
    if (!run.stop && opts->write_baseline &&
        cli_baseline_writer_save(&run.policy.writer, opts->write_baseline) != 0) {
        cli_error_name(opts->write_baseline, errno);
        run.io_error = 1;
    }
    if (!run.stop && opts->prune_baseline && run.policy.baseline &&
        cli_baseline_prune(run.policy.baseline) != 0) {
        cli_error_name(opts->baseline, errno);
        run.io_error = 1;
    }
    for (i = 0; i < run.nreports; i++)
        close_report(&run, &run.reports[i], formats[i]);
    if (inventory_open)
        close_inventory(&run, &inventory_out, opts->inventory);
    if (summary_inventory && !run.stop &&
        cli_inventory_append_summary(run.inv, step_summary, 100) != 0)
        cli_output_failed(&run, step_summary, errno);
    print_summary(&run);
    status = run.io_error ? CLI_EXIT_IO : run.failing ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
    /* the findings were accepted into the baseline just written
     * (`--write-baseline=b.json . && git add b.json`) */
    if (status == CLI_EXIT_FINDINGS && opts->write_baseline && !run.stop)
        status = CLI_EXIT_OK;
out:
    for (i = 0; i < run.nreports; i++) {
        if (run.reports[i].is_file)
            cli_outfile_discard(&run.reports[i].file);
        lsc_reporter_free(run.reports[i].rep);
    }
    cli_normalizer_free(run.norm);
    if (inventory_open)
        cli_outfile_discard(&inventory_out.file);
    cli_inventory_free(run.inv);
    cli_policy_release(&run.policy);
    cli_input_list_free(&inputs);
    free(reports);
    free(formats);
    free(outputs);
    return status;
}

/* Standard descriptors closed at start are opened on /dev/null before
 * anything else is opened (as coreutils does): a report file must never
 * become fd 1 and receive the pass-through, nor fd 2 and the messages. */
static int reopen_std_fds(void) {
    int fd;
    for (fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        if (fd == STDOUT_FILENO)
            cli_stdout_closed = 1; /* -p and --normalize refuse to write there */
        int got = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (got != fd) { /* the lowest free descriptor is fd itself */
            if (got >= 0)
                close(got);
            return -1;
        }
    }
    return 0;
}

/* The run's options: the command line, the configuration file it points
 * to (or finds), then both applied in that order of precedence. */
static cli_parse_result read_options(int argc, char **argv, cli_options *opts, int *status) {
    if (cli_options_parse(argc, argv, opts, status) != CLI_PARSE_RUN)
        return CLI_PARSE_EXIT;
    if (cli_config_load(opts, &opts->cfg, status) != 0)
        return CLI_PARSE_EXIT;
    const cli_config *cfg = opts->cfg;
    return cli_options_resolve(opts, cfg ? cfg->settings : NULL, cfg ? cfg->nsettings : 0,
                               cfg ? cfg->path : NULL, status);
}

int main(int argc, char **argv) {
    cli_options opts;
    int status;

    /* A closed pipe is an EPIPE write error we end on quietly, not a signal. */
    signal(SIGPIPE, SIG_IGN);
    if (reopen_std_fds() != 0)
        return CLI_EXIT_IO; /* no stderr to say it on */
    if (read_options(argc, argv, &opts, &status) == CLI_PARSE_RUN) {
        if (opts.quiet >= 2)
            cli_messages_off = 1;
        if (opts.action == CLI_CHECK && opts.operand_count == 0 && isatty(STDIN_FILENO)) {
            /* nobody types a GetCertificates response: say what is expected
             * instead of waiting silently ('-' still reads a terminal) */
            fputs("lscertlint: no input: give FILE, DIR or - (standard input is a terminal)\n"
                  "Usage: lscertlint [OPTION]... [FILE|DIR|-]...; try 'lscertlint --help'.\n",
                  stderr);
            cli_config_free(opts.cfg);
            cli_options_free(&opts);
            return CLI_EXIT_USAGE;
        }
        status = opts.action == CLI_CHECK ? check_inputs(&opts) : run_catalog(&opts);
    }
    cli_config_free(opts.cfg);
    cli_options_free(&opts);
    return status;
}
