/* Baselines: the findings a team has accepted, as a reviewable JSON file
 * (sorted, one finding a line). An entry names a finding by what survives
 * reformatting and reordering: rule, file, the certificate's identity (ARN,
 * else name, else document and index), the pointer below the certificate
 * and the value; never line, column or the certificate's list index. */
#ifndef LSC_CLI_BASELINE_H
#define LSC_CLI_BASELINE_H

#include <stddef.h>

#include "lscertlint.h"

/* Who a finding's certificate is, as the CLI saw it go by. */
typedef struct cli_cert_identity {
    const char *arn;  /* NULL if absent */
    const char *name; /* NULL if absent */
} cli_cert_identity;

/* The entry of a finding: one line of JSON, malloc'd; NULL: no memory.
 * file: the input as cli_baseline_file() names it. by_certificate: the
 * file is left out when the certificate has an ARN or a name
 * (--baseline-match=certificate). Rules whose pointer does not name the
 * member their message is about (missing-field, issued-missing-field,
 * revoked-missing-field) get a "member". */
char *cli_baseline_key(const lsc_finding *f, const cli_cert_identity *cert, const char *file,
                       int by_certificate);

/* The absolute, normalized directory of a baseline file named as given
 * (relative to the current directory); malloc'd, NULL: no memory. */
char *cli_baseline_dir(const char *baseline_path);
/* An input's name as a baseline entry names it: relative to dir (from
 * cli_baseline_dir()), lexically normalized; "<stdin>" as is. malloc'd. */
char *cli_baseline_file(const char *dir, const char *name);

typedef struct cli_baseline cli_baseline;

/* Read a baseline. Returns 0, or -1 after a message with *status 2 (not a
 * baseline) or 3 (I/O trouble, no memory). */
int cli_baseline_load(const char *path, int by_certificate, cli_baseline **out, int *status);
/* The same from len bytes in memory (path names them in messages). */
int cli_baseline_parse(const char *path, const char *data, size_t len, int by_certificate,
                       cli_baseline **out, int *status);
void cli_baseline_free(cli_baseline *b);

/* Nonzero if the baseline holds key and it was not used up yet (uses it). */
int cli_baseline_take(cli_baseline *b, const char *key);
/* An input of the run (named as cli_baseline_file() names it): its
 * entries left over are fixed. -1: no memory. */
int cli_baseline_checked(cli_baseline *b, const char *file);
/* Call fn for each entry not taken whose file was checked; returns how
 * many (fn may be NULL). */
size_t cli_baseline_each_fixed(cli_baseline *b,
                               int (*fn)(void *user, const char *file, const char *rule,
                                         const char *pointer),
                               void *user);

/* --prune-baseline: rewrite the baseline file (atomically) without the
 * entries of checked files that did not occur. 0, or -1 with errno. */
int cli_baseline_prune(cli_baseline *b);

/* The findings of this run, for --write-baseline. */
typedef struct cli_baseline_writer {
    char **keys;
    size_t n, cap;
} cli_baseline_writer;

int cli_baseline_writer_add(cli_baseline_writer *w, const char *key);
/* Write the sorted file atomically (cli/outfile.h: a temporary file in
 * the target's directory, renamed over it). 0, or -1 with errno. */
int cli_baseline_writer_save(cli_baseline_writer *w, const char *path);
void cli_baseline_writer_release(cli_baseline_writer *w);

#endif
