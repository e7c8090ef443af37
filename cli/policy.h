/* What happens to each finding between the library and the report: the
 * configuration's ignore entries drop it, its expect-findings entries mark
 * it expected (and report what did not occur), a baseline marks it
 * unchanged. Holds the state of the current input. */
#ifndef LSC_CLI_POLICY_H
#define LSC_CLI_POLICY_H

#include <stddef.h>
#include <sys/stat.h>

#include "cli/baseline.h"
#include "cli/options.h"
#include "lscertlint.h"

typedef enum cli_verdict {
    CLI_REPORT = 0, /* a finding as usual */
    CLI_IGNORED,    /* dropped by an ignore entry */
    CLI_EXPECTED,   /* declared by expect-findings: reported, never failing */
    CLI_UNCHANGED   /* in the baseline: not reported (sarif: unchanged) */
} cli_verdict;

typedef struct cli_policy {
    const cli_options *opts;
    char *rel; /* the current input relative to the configuration, or NULL */
    /* the certificate whose findings come next (callbacks: certificate first) */
    int cert_known;
    size_t cert_document, cert_index;
    char *cert_name, *cert_arn;
    /* expect-findings of the current input: one flag per (entry, rule,
     * pointer) that a finding satisfied */
    unsigned char *seen;
    size_t nseen;
    unsigned char *applies;           /* per expect-findings entry: its files match */
    size_t ignored, expected;         /* totals of the run */
    cli_baseline *baseline;           /* --baseline, NULL without */
    char *baseline_dir, *write_dir;   /* where --baseline, --write-baseline are */
    char *baseline_file, *write_file; /* the current input as each names it */
    size_t unchanged;                 /* findings found in the baseline */
    int writing;                      /* --write-baseline: keep every key */
    cli_baseline_writer writer;
    int failed; /* out of memory while judging */
    /* the baseline files (--baseline, --write-baseline when it exists):
     * never inputs of a walk */
    struct stat own[2];
    int nown;
} cli_policy;

void cli_policy_init(cli_policy *p, const cli_options *opts);
/* Read --baseline (if any). 0, or -1 after a message (*status 2 or 3). */
int cli_policy_load_baseline(cli_policy *p, int *status);
void cli_policy_release(cli_policy *p);

/* Nonzero if st is one of the run's baseline files. */
int cli_policy_own_file(const cli_policy *p, const struct stat *st);

/* An input starts. Returns 0 or -1 (out of memory). */
int cli_policy_input_start(cli_policy *p, const char *name);
/* A certificate summary closed (its findings follow). -1: out of memory. */
int cli_policy_certificate(cli_policy *p, const lsc_certificate *cert);
/* What to do with a finding of the current input. */
cli_verdict cli_policy_judge(cli_policy *p, const lsc_finding *f);

/* The input ended: call fn for each expected finding that did not occur
 * (pointer NULL when the entry has none), with the message to report.
 * Stops when fn returns nonzero and returns that. */
int cli_policy_each_missing(cli_policy *p, int (*fn)(void *user, const char *message), void *user);

#endif
