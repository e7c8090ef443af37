/* lscertlint: the command-line program (CLI.md). It reaches the library
 * only through lscertlint.h, the way curl's tool reaches libcurl. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/catalog.h"
#include "cli/inputs.h"
#include "cli/normalize.h"
#include "cli/options.h"
#include "cli/output.h"
#include "lscertlint.h"
#include "report/report.h"

/* --list-rules and --explain: print to stdout, check the write. */
static int run_catalog(const cli_options *opts) {
    int rc = opts->action == CLI_LIST_RULES ? cli_list_rules(stdout, opts->list_format)
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
    if (opts->format != REP_TEXT)
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

/* The summary line goes to stderr unless -q, and not after a json, sarif,
 * ... report on stderr itself (it would spoil `2>report.json`). */
static void print_summary(const cli_run *run) {
    char line[256];
    if (run->opts->quiet > 0 || !run->rep || run->quiet_stop)
        return;
    if (run->rep_out == stderr && run->opts->format != REP_TEXT)
        return;
    rep_summary_line(run->rep, line, sizeof line);
    fprintf(stderr, "%s\n", line);
}

static int check_inputs(const cli_options *opts) {
    cli_run run;
    rep_options ropts;
    FILE *out_file = NULL;
    int status;

    memset(&run, 0, sizeof run);
    run.opts = opts;
    if (opts->output && strcmp(opts->output, "-") != 0) {
        out_file = fopen(opts->output, "w");
        if (!out_file) {
            cli_error_name(opts->output, errno);
            return CLI_EXIT_IO;
        }
        run.rep_out = out_file;
        run.rep_name = opts->output;
    } else if (opts->pass_through || opts->normalize) {
        run.rep_out = stderr; /* stdout carries the data */
        run.rep_name = "standard error";
    } else {
        run.rep_out = stdout;
        run.rep_name = "standard output";
    }

    const char *step_summary = getenv("GITHUB_STEP_SUMMARY");
    if (step_summary && !step_summary[0])
        step_summary = NULL;
    if ((opts->quiet < 2 || out_file) && /* -qq: no report, but -o FILE is still written */
        opts->inventory == CLI_INVENTORY_NONE) { /* the inventory takes the report's place */
        memset(&ropts, 0, sizeof ropts);
        ropts.format = opts->format;
        ropts.color = use_color(opts, run.rep_out);
        ropts.fail_on = opts->fail_on;
        ropts.config = opts->config;
        ropts.tool_version = lsc_version();
        run.rep = rep_new(&ropts, run.rep_out);
        if (!run.rep)
            goto oom;
    }
    if (opts->normalize) {
        run.norm = cli_normalizer_new(STDOUT_FILENO);
        if (!run.norm)
            goto oom;
    }
    if ((opts->inventory != CLI_INVENTORY_NONE && (opts->quiet < 2 || out_file)) ||
        (run.rep && opts->format == REP_GITHUB && step_summary)) {
        lsc_time now = opts->now;
        if (!opts->has_now) { /* days left: against the clock by default */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            now.sec = (int64_t)ts.tv_sec;
            now.nsec = 0;
        }
        run.inv = cli_inventory_new(now);
        if (!run.inv)
            goto oom;
    }
    run.progress_ok = opts->quiet < 2 && isatty(STDERR_FILENO);

    cli_inputs_run(&run);

    if (run.rep && !run.stop && rep_finish(run.rep) != 0)
        cli_output_failed(&run, run.rep_name, errno);
    if (run.inv && !run.stop && opts->inventory != CLI_INVENTORY_NONE &&
        cli_inventory_write(run.inv, run.rep_out, opts->inventory) != 0)
        cli_output_failed(&run, run.rep_name, errno);
    /* -f github: the step summary gains the inventory (capped) */
    if (run.inv && !run.stop && run.rep && opts->format == REP_GITHUB && step_summary &&
        cli_inventory_append_summary(run.inv, step_summary, 100) != 0)
        cli_output_failed(&run, step_summary, errno);
    /* Buffered write errors (a full disk) show only now. */
    if (out_file) {
        int rc = fclose(out_file);
        out_file = NULL;
        if (rc != 0)
            cli_output_failed(&run, run.rep_name, errno);
    } else if (fflush(run.rep_out) != 0 || ferror(run.rep_out)) {
        cli_output_failed(&run, run.rep_name, errno ? errno : EIO);
    }
    print_summary(&run);
    status = run.io_error ? CLI_EXIT_IO : run.failing ? CLI_EXIT_FINDINGS : CLI_EXIT_OK;
    goto out;
oom:
    cli_error("out of memory");
    status = CLI_EXIT_IO;
out:
    if (out_file)
        fclose(out_file);
    rep_free(run.rep);
    cli_normalizer_free(run.norm);
    cli_inventory_free(run.inv);
    return status;
}

int main(int argc, char **argv) {
    cli_options opts;
    int status;

    /* A closed pipe is an EPIPE write error we end on quietly, not a signal. */
    signal(SIGPIPE, SIG_IGN);
    if (cli_options_parse(argc, argv, &opts, &status) == CLI_PARSE_RUN) {
        if (opts.quiet >= 2)
            cli_messages_off = 1;
        if (opts.action == CLI_CHECK && opts.operand_count == 0 && isatty(STDIN_FILENO)) {
            /* nobody types a GetCertificates response: say what is expected
             * instead of waiting silently ('-' still reads a terminal) */
            fputs("lscertlint: no input: give FILE, DIR or - (standard input is a terminal)\n"
                  "Usage: lscertlint [OPTION]... [FILE|DIR|-]...; try 'lscertlint --help'.\n",
                  stderr);
            cli_options_free(&opts);
            return CLI_EXIT_USAGE;
        }
        status = opts.action == CLI_CHECK ? check_inputs(&opts) : run_catalog(&opts);
    }
    cli_options_free(&opts);
    return status;
}
