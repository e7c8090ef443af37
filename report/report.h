/* The reporter: turns findings into one of the output formats. Part of the
 * CLI; it sees the library only through lscertlint.h. Ownership: the caller
 * owns the FILE and the reporter; rep_free() does not close the FILE. */
#ifndef LSC_REPORT_H
#define LSC_REPORT_H

#include <stdio.h>

#include "lscertlint.h"

typedef enum rep_format {
    REP_TEXT = 0,
    REP_JSON,
    REP_JSONL,
    REP_SARIF,
    REP_GITHUB,
    REP_JUNIT
} rep_format;

/* "text", "json", ... -> format; -1 for an unknown name. */
int rep_format_parse(const char *name, rep_format *out);

typedef struct rep_options {
    rep_format format;
    int color;                /* text only: nonzero for ANSI colour */
    lsc_severity fail_on;     /* junit failures: findings at or above this; LSC_OFF = never */
    const lsc_config *config; /* the enabled rules and their severities (sarif rules[]) */
    const char *tool_version; /* lsc_version() */
} rep_options;

typedef struct rep_reporter rep_reporter;

/* A reporter writing to out. NULL on out-of-memory. */
rep_reporter *rep_new(const rep_options *opts, FILE *out);
void rep_free(rep_reporter *r);

/* An input starts (file as it is printed, e.g. "<stdin>" or "samples/a.json"). */
int rep_input_start(rep_reporter *r, const char *file);
/* One finding of the current input, in the order the library delivers them. */
int rep_finding(rep_reporter *r, const lsc_finding *f);
/* The current input ended. status: "ok", "findings", or "unreadable" (then
 * message says why, e.g. "No such file or directory"). */
int rep_input_end(rep_reporter *r, const lsc_stats *stats, const char *status, const char *message);
/* The run ended: write closing parts (json summary, sarif tail, junit
 * tail, github totals notice and $GITHUB_STEP_SUMMARY). */
int rep_finish(rep_reporter *r);

/* Each returns 0, or -1 when writing failed (errno set). */

/* The summary line for stderr ("N files, N documents, N certificates: N
 * errors, N warnings, N notes"), from the totals the reporter counted. */
void rep_summary_line(const rep_reporter *r, char *buf, size_t size);

#endif
