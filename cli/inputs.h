/* The inputs of a run, as cli/discover.c listed them: each read in big
 * chunks with read(2) and fed to its own lsc_checker; pass-through copying
 * and --normalize output happen as the bytes and the structs go by, and
 * every finding goes to every report of the run. */
#ifndef LSC_CLI_INPUTS_H
#define LSC_CLI_INPUTS_H

#include <stdio.h>

#include "cli/inventory.h"
#include "cli/discover.h"
#include "cli/normalize.h"
#include "cli/options.h"
#include "cli/policy.h"
#include "cli/outfile.h"
#include "cli/progress.h"
#include "lscertlint.h"

/* One report of the run: -f/-o, or a --report=FORMAT:FILE. */
typedef struct cli_report {
    lsc_reporter *rep;
    FILE *fp;         /* where it goes */
    const char *name; /* its name for messages */
    cli_outfile file; /* the atomic file behind fp (file.fp == fp), if any */
    int is_file;      /* fp belongs to file */
    int failed;       /* writing it failed: no more writes, exit status 3 */
} cli_report;

/* The state of one run, shared by main.c (wiring, exit status) and inputs.c. */
typedef struct cli_run {
    const cli_options *opts;
    const cli_input_list *inputs;
    cli_report *reports; /* reports[0]: -f/-o unless -qq without -o */
    size_t nreports;
    cli_normalizer *norm; /* NULL without --normalize */
    const char *step_summary; /* $GITHUB_STEP_SUMMARY, NULL if unset */
    cli_progress progress;
    int progress_ok; /* stderr is a terminal and messages are on */

    size_t failing;        /* findings at or above --fail-on, all inputs */
    size_t input_findings; /* findings of the current input */
    int io_error;          /* exit status 3 */
    int stop;              /* stop reading inputs (the data output failed, or memory) */
    int quiet_stop;        /* a reader closed a pipe: end without a word */
    cli_inventory *inv;    /* NULL without --inventory or a step summary */

    cli_policy policy;    /* ignore, expect-findings, baseline */
    lsc_severity fail_on; /* --fail-on for the current input (overrides) */
} cli_run;

/* Check every input of run->inputs. Failures are recorded in run
 * (io_error, stop, quiet_stop); returns nothing. A report that fails is
 * written no more, but the inputs are still read to their end when
 * standard output carries their data (-p, --normalize): that output never
 * depends on a report. */
void cli_inputs_run(cli_run *run);

/* A report failed with errnum: no more writes to it; EPIPE quietly,
 * anything else reported. */
void cli_report_failed(cli_run *run, cli_report *report, int errnum);

/* An output of the run failed with errno: EPIPE ends the run quietly,
 * anything else is reported ("lscertlint: NAME: strerror") and gives 3. */
void cli_output_failed(cli_run *run, const char *name, int errnum);

/* Standard output was closed when the program started (cli/main.c opened
 * it on /dev/null): data that -p or --normalize writes there would be
 * lost, so such a run fails (3) naming standard output. */
extern int cli_stdout_closed;

#endif
