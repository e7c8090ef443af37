/* The inputs of a run: operands (files, directories walked in sorted byte
 * order, "-" for standard input), each read in big chunks with read(2) and
 * fed to its own lsc_checker; pass-through copying and --normalize output
 * happen as the bytes and the structs go by. */
#ifndef LSC_CLI_INPUTS_H
#define LSC_CLI_INPUTS_H

#include <stdio.h>

#include "cli/inventory.h"
#include "cli/normalize.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "lscertlint.h"
#include "report/report.h"

/* The state of one run, shared by main.c (wiring, exit status) and inputs.c. */
typedef struct cli_run {
    const cli_options *opts;
    rep_reporter *rep;    /* NULL: no report (-qq without -o) */
    FILE *rep_out;        /* where the report goes */
    const char *rep_name; /* its name for messages */
    cli_normalizer *norm; /* NULL without --normalize */
    cli_progress progress;
    int progress_ok; /* stderr is a terminal and messages are on */

    size_t failing;        /* findings at or above --fail-on, all inputs */
    size_t input_findings; /* findings of the current input */
    int io_error;          /* exit status 3 */
    int stop;              /* stop reading inputs (an output failed) */
    int quiet_stop;        /* a reader closed a pipe: end without a word */
    cli_inventory *inv;    /* NULL without --inventory or a step summary */
} cli_run;

/* Check every operand (standard input when there is none). Failures are
 * recorded in run (io_error, stop, quiet_stop); returns nothing. */
void cli_inputs_run(cli_run *run);

/* An output of the run failed with errno: EPIPE ends the run quietly,
 * anything else is reported ("lscertlint: NAME: strerror") and gives 3. */
void cli_output_failed(cli_run *run, const char *name, int errnum);

#endif
