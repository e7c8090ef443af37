/* The reporter: turns findings into one of the output formats. Part of the
 * CLI; it sees the library only through lscertlint.h. Ownership: the caller
 * owns the FILE and the reporter; rep_free() does not close the FILE.
 *
 * Output safety: every string from the input (file name, pointer, message,
 * value) goes through report/escape.c. Control characters (C0, DEL, C1),
 * U+2028/U+2029 and the bidi controls become JSON-style escapes (\n,
 * \u001b, \u202e) and bytes that are not UTF-8 become \xHH, in every
 * format: in json/jsonl/sarif the decoded JSON string holds the text \xHH
 * (JSON "\\xHH"), so the output is always valid UTF-8. In text, github and
 * junit, '\' of file names and pointers is doubled; messages are already
 * escaped by the library, so theirs is kept (never escaped twice).
 *
 * Formats (doc/cli.md §3):
 * - text: FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (POINTER); related
 *   locations are not printed (one line per finding).
 * - jsonl: one object per finding per line.
 * - json: {"tool","inputs","findings","summary"} in that order: the head and
 *   each input's record are written as they are known, findings are spooled
 *   to a tmpfile() (memory if none) and copied out by rep_finish(). An
 *   unreadable input's record has an extra "message".
 * - sarif: the head (with rules[], known from the configuration) is
 *   written at the first call, results stream one per line; unreadable
 *   inputs become invocations[0].toolExecutionNotifications (and
 *   executionSuccessful false). "<stdin>" has the uri "stdin".
 * - github: one workflow command per finding, a closing ::notice:: with the
 *   totals, and a Markdown summary appended to $GITHUB_STEP_SUMMARY when set.
 *   An unreadable input is an ::error:: too.
 * - junit: one testsuite per input written at rep_input_end(), findings below
 *   fail_on go to the testcase's <system-out>.
 * Output is deterministic: no timestamps, no paths but those given. */
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
    int baseline;             /* a baseline is in use: sarif results carry baselineState */
    const char *expect_source; /* the configuration declaring expected findings (sarif) */
    lsc_severity show;        /* findings below are counted, not written (LSC_OFF: all) */
} rep_options;

/* How the next finding stands (rep_mark_next), beyond its severity:
 * - EXPECTED: declared by the configuration's expect-findings. Counted apart
 *   from the severities, never a junit failure; text and junit lines end
 *   with " [expected]", json/jsonl objects have "expected":true, sarif
 *   results a suppression of kind inSource, github a ::notice.
 * - UNCHANGED: in the baseline. Only sarif shows it (baselineState
 *   "unchanged"); it counts nowhere. */
typedef enum rep_mark { REP_MARK_NONE = 0, REP_MARK_EXPECTED, REP_MARK_UNCHANGED } rep_mark;

typedef struct rep_reporter rep_reporter;

/* A reporter writing to out. NULL on out-of-memory. */
rep_reporter *rep_new(const rep_options *opts, FILE *out);
void rep_free(rep_reporter *r);

/* An input starts (file as it is printed, e.g. "<stdin>" or "samples/a.json"). */
int rep_input_start(rep_reporter *r, const char *file);
/* One finding of the current input, in the order the library delivers them. */
int rep_finding(rep_reporter *r, const lsc_finding *f);
/* The mark of the next rep_finding() call only. */
void rep_mark_next(rep_reporter *r, rep_mark mark);
/* A finding of the baseline that no longer occurs: a sarif result with
 * baselineState "absent" (at line 1, column 1 of file); nothing in the
 * other formats. Call before rep_finish(). */
int rep_absent(rep_reporter *r, const char *file, const char *rule_id, const char *pointer);
/* Findings marked EXPECTED so far. */
size_t rep_expected_count(const rep_reporter *r);
/* The current input ended. status: "ok", "findings", or "unreadable" (then
 * message says why, e.g. "No such file or directory"). */
int rep_input_end(rep_reporter *r, const lsc_stats *stats, const char *status, const char *message);
/* A certificate summary closed (the checker's certificate callback, which
 * comes before its findings): its identity (ARN, else name, else index)
 * goes into the sarif fingerprints of those findings. */
int rep_certificate(rep_reporter *r, const lsc_certificate *cert);
/* The run ended: write closing parts (json summary, sarif tail, junit
 * tail, github totals notice and $GITHUB_STEP_SUMMARY). */
int rep_finish(rep_reporter *r);

/* Each returns 0, or -1 when writing failed (errno set; errors are sticky:
 * every later call fails with the same errno). rep_finish() flushes the
 * FILE, so a full disk shows there at the latest. */

/* The summary line for stderr ("N files, N documents, N certificates: N
 * errors, N warnings, N notes"), from the totals the reporter counted, in
 * the singular for 1 ("1 file, 1 document, 1 certificate: 1 error, ...").
 * files counts every rep_input_start(), unreadable inputs included. */
void rep_summary_line(const rep_reporter *r, char *buf, size_t size);

#endif
