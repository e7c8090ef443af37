/* Feeding one input to its checker, inflating a gzip stream on the way
 * (doc/cli.md §1): positions, pointers and --normalize then refer to the
 * decompressed text, while -p still copies the bytes as read. */
#ifndef LSC_CLI_GUNZIP_H
#define LSC_CLI_GUNZIP_H

#include <stdint.h>
#define ZLIB_CONST /* next_in is const: the input is only read */
#include <zlib.h>

#include "lscertlint.h"

/* Where a finding of the feeder goes (the run's finding callback). */
typedef int (*cli_feed_report)(void *user, const lsc_finding *finding);

typedef struct cli_feed {
    lsc_checker *checker;
    const lsc_config *config;
    const char *name;
    cli_feed_report report;
    void *user;
    int mode;                /* 0 undecided, 1 plain, 2 gzip */
    unsigned char head[2];   /* the first bytes, until the magic is decided */
    size_t head_len;
    int zinit;               /* z is initialised */
    int member_open;         /* inside a gzip member (its end not seen) */
    int failed;              /* corrupt gzip data was reported */
    int members;             /* gzip members ended */
    uint64_t padding;        /* zero bytes after the last member, skipped (as gzip(1) does) */
    z_stream z;
    uint64_t consumed;       /* compressed bytes inflate has taken */
    lsc_pos pos;             /* the end of the decompressed text so far */
} cli_feed;

/* Start feeding checker. gzip: the name ends in .gz (any case), so the
 * bytes must be gzip; otherwise the first two bytes decide (1f 8b). */
void cli_feed_init(cli_feed *f, lsc_checker *checker, const lsc_config *config, const char *name,
                   int gzip, cli_feed_report report, void *user);

/* Feed bytes as read. Returns as lsc_checker_feed(): LSC_OK go on,
 * LSC_MALFORMED the input is malformed (corrupt gzip data included: a
 * json-syntax finding was reported), below 0 the run ended (err says why). */
lsc_status cli_feed_bytes(cli_feed *f, const unsigned char *data, size_t len, lsc_error *err);

/* The input ended. Returns as lsc_checker_finish(); a gzip stream that
 * ends early is a json-syntax finding (LSC_MALFORMED). */
lsc_status cli_feed_finish(cli_feed *f, lsc_error *err);

/* Release zlib's state (the checker is the caller's). */
void cli_feed_release(cli_feed *f);

/* Whether a file name ends in ".gz", in any case. */
int cli_is_gzip_name(const char *name);

#endif
