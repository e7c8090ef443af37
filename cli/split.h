/* -j N on one large input: its documents checked by N workers, the output
 * the same bytes as one thread's (doc/cli.md, README "Performance").
 *
 * The input (a regular file, standard input redirected from one included)
 * is cut into chunks of about CLI_SPLIT_CHUNK bytes, each starting at the
 * first place at or after k * CLI_SPLIT_CHUNK that can only lie between two
 * documents when the input is JSON: right after a line feed that follows
 * '}' or ']' (and white space) and precedes white space then '{' or '['. A
 * raw line feed is never inside a JSON string, and outside strings a
 * closing bracket followed by an opening one can only end a top-level
 * value. A worker first counts the line feeds and the documents of its
 * chunk (a light pass that only tracks strings and brackets), so that
 * every chunk knows its line and document index from the chunks before
 * it; then it checks the chunk with a checker set to that origin
 * (lsc_checker_set_origin) and the input's first bytes, recording every
 * event as cli/jobs.c does for whole files.
 *
 * A chunk whose bytes do not end between two documents (the cut was a
 * guess, and the input is not JSON there) is not handed over: its worker
 * reads on into the next chunks until a chunk start finds it between
 * documents, or to the end of the input; the chunks it read are skipped.
 * A chunk is checked with the line ending at the start of the next chunk
 * it stops at, and the main thread checks at replay what the counting
 * pass could have got wrong (the document index) and what spans chunks
 * (the ARNs of a listing chained by nextPageToken): see cli/inputs.c. */
#ifndef LSC_CLI_SPLIT_H
#define LSC_CLI_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "cli/jobs.h"
#include "cli/listing.h"
#include "cli/options.h"
#include "lscertlint.h"

/* The chunk size; LSC_JOBS_CHUNK (bytes) replaces it, for tests that
 * need many chunks from small inputs. */
#define CLI_SPLIT_CHUNK (256 * 1024)

/* The size of a read, as the sequential path's: a malformed input's byte
 * count is what one thread had read when it found the error. */
#define CLI_SPLIT_READ (256 * 1024)

/* What a worker learned of one chunk. */
typedef struct cli_chunk {
    cli_record rec;  /* events, state, stats (bytes and documents from the input's start) */
    int empty;       /* no chunk starts in its range: nothing was checked */
    int skipped;     /* an earlier chunk's worker read its bytes: not checked */
    uint64_t start;  /* its first byte */
    uint64_t line;   /* the line of its first byte */
    size_t document; /* the documents before it, as the counting pass saw them */
    uint64_t stop;   /* where its checker stopped: a chunk start, or the input's end */
    size_t next;     /* the chunk starting at stop (nchunks when ended) */
    int ended;       /* the input ended in it: finished, malformed or failed */
} cli_chunk;

typedef struct cli_split cli_split;

/* The chunk size in force (LSC_JOBS_CHUNK, else CLI_SPLIT_CHUNK). */
uint64_t cli_split_chunk_size(void);

/* Start workers on the input open at fd (its bytes from base to base +
 * size), named name, checked as opts say. NULL when the input is not worth
 * splitting (not larger than one chunk, gzip data, no cut in its first
 * chunks) or memory or threads ran out: the caller checks it whole. */
cli_split *cli_split_start(int fd, const char *name, uint64_t base, uint64_t size,
                           const cli_options *opts, unsigned workers);

/* The number of chunks (some may be empty or skipped). */
size_t cli_split_count(const cli_split *split);

/* The input's size, its first bytes (at most 4 KiB) and fd and base. */
uint64_t cli_split_size(const cli_split *split);
const unsigned char *cli_split_head(const cli_split *split, size_t *len);
int cli_split_fd(const cli_split *split, uint64_t *base);

/* The configuration every chunk is checked with. */
const lsc_config *cli_split_config(const cli_split *split);

/* Stop the workers (the main thread checks the rest itself). */
void cli_split_cancel(cli_split *split);

/* Chunk k once its worker is done. Chunks are taken in order. */
const cli_chunk *cli_split_wait(cli_split *split, size_t k);

/* The main thread is done with chunks before k (their records are freed):
 * chunks below k not yet checked are skipped, and workers move on. */
void cli_split_release_below(cli_split *split, size_t k);

/* The worker threads started (at most the chunks). */
unsigned cli_split_workers(const cli_split *split);

/* Cancel, join, free (NULL: no-op). */
void cli_split_free(cli_split *split);

#endif
