/* -j N: the files of a run checked by N worker threads, the output the
 * same bytes as one thread's. A worker runs the library over one input and
 * records every callback event (documents, certificates and findings,
 * deep-copied) in that input's own record; the main thread takes the
 * records strictly in input order and replays them into the run's own
 * callbacks, so reports, summaries and exit statuses never know. Messages
 * (an unreadable file, out of memory) are the main thread's, at replay.
 *
 * Memory is bounded: workers claim inputs at most CLI_JOBS_AHEAD times N
 * ahead of the one being replayed (a worker that runs too far ahead
 * waits), and each record is freed once replayed. The main thread is one
 * of the N: while the record it needs is not ready, it checks the next
 * inputs itself. Inputs that are not
 * files (standard input, inputs discovery found unreadable) are left to
 * the main thread, in their place. */
#ifndef LSC_CLI_JOBS_H
#define LSC_CLI_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include "cli/discover.h"
#include "cli/options.h"
#include "lscertlint.h"

/* How many inputs a worker may run ahead of the replay, per worker. */
#define CLI_JOBS_AHEAD 4

/* The most workers -j accepts. */
#define CLI_JOBS_MAX 1024

/* The CPUs this process may run on (affinity and cgroup quota: cli/cpus.c),
 * at least 1; LSC_JOBS_CPUS replaces it, for tests that need -jN threads
 * on a machine with fewer CPUs. -j is capped to it. */
unsigned cli_jobs_available(void);

typedef struct cli_event cli_event;
typedef struct cli_arena_block cli_arena_block;

/* What a worker learned of one input, in the order check_fd would have. */
typedef struct cli_record {
    int ready;                     /* the worker is done with it (under the pool's lock) */
    int open_errno;                /* the file could not be opened: nothing else is set */
    int config_failed;             /* its configuration could not be made (out of memory) */
    lsc_severity fail_on;          /* --fail-on in force for it (overrides) */
    lsc_severity missing_severity; /* expected-finding-missing in force for it */
    int new_failed;                /* lsc_checker_new failed: text says why */
    int state;                     /* 0 read to its end, 1 malformed, -1 stopped: text says why */
    int read_errno;                /* a read failed after the events recorded */
    uint64_t gzip_padding;         /* zero bytes after the gzip data, skipped */
    char text[200];                /* the error text when new_failed or state < 0 */
    lsc_stats stats;               /* the checker's counters at the end */
    cli_event *first;              /* the callback events, in order */
    cli_event *last;
    cli_arena_block *arena; /* where the events and their copies live */
} cli_record;

/* cli_config_for_file(), one caller at a time: it replays options through
 * code with a global error context. Every thread of a run (the main thread
 * too) goes through here while workers may be running. */
int cli_jobs_config_for_file(const cli_options *opts, const char *path, const lsc_config **config,
                             lsc_severity *fail_on, lsc_config **owned);

/* Callbacks that record every event into a record (deep copies): their
 * user is a cli_recorder; nomem says a copy ran out of memory (the
 * callback then stopped the checker). */
typedef struct cli_recorder {
    cli_record *rec;
    int nomem;
} cli_recorder;
extern const lsc_callbacks *const cli_recording;

/* Free a record's events (the rest of it is the caller's). */
void cli_record_free(cli_record *rec);

/* Deliver a record's events to callbacks, in order; stops at the first
 * callback that returns nonzero and returns that value (0: all delivered). */
int cli_record_replay(const cli_record *rec, const lsc_callbacks *callbacks, void *user);

typedef struct cli_jobs cli_jobs;

/* Start workers (2 or more) on the file inputs of inputs, each checked
 * as opts say (opts is only read, by every worker). NULL when memory or threads ran out: the caller
 * then checks the inputs itself, one after another. */
cli_jobs *cli_jobs_start(const cli_input_list *inputs, const cli_options *opts, unsigned workers);

/* The record of input i (a CLI_INPUT_FILE), once its worker is done. The
 * inputs must be taken in order, each released with cli_jobs_release(). */
const cli_record *cli_jobs_wait(cli_jobs *jobs, size_t i);

/* The main thread is done with input i (whatever its kind): its record is
 * freed and a worker may claim a further input. */
void cli_jobs_release(cli_jobs *jobs, size_t i);

/* Cancel what is left, join the workers, free everything (NULL: no-op). */
void cli_jobs_free(cli_jobs *jobs);

#endif
