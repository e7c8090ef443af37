/* A progress line on stderr for big inputs: only when stderr is a terminal
 * and the input is larger than CLI_PROGRESS_MIN bytes (known size) or has
 * given that many (a pipe); "\r"-updated at most 4 times a second and
 * erased when the input ends, so it never lands in a log. */
#ifndef LSC_CLI_PROGRESS_H
#define LSC_CLI_PROGRESS_H

#include <stdint.h>
#include <time.h>

#define CLI_PROGRESS_MIN (64ull * 1024 * 1024)

typedef struct cli_progress {
    int enabled; /* stderr is a terminal and messages are on */
    int shown;   /* the line is on the screen */
    const char *name;
    uint64_t total; /* 0: unknown */
    struct timespec start, last;
} cli_progress;

/* A new input (total: its size, 0 if unknown). */
void cli_progress_begin(cli_progress *p, int enabled, const char *name, uint64_t total);
/* done bytes have been read so far. */
void cli_progress_update(cli_progress *p, uint64_t done);
/* Erase the line (before a report line goes to the terminal, and at the end). */
void cli_progress_clear(cli_progress *p);

#endif
