#include "config.h"

#include "cli/progress.h"

#include <stdio.h>
#include <string.h>

#include "cli/output.h"

static double seconds_between(const struct timespec *a, const struct timespec *b) {
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void cli_progress_begin(cli_progress *p, int enabled, const char *name, uint64_t total) {
    memset(p, 0, sizeof *p);
    p->enabled = enabled;
    p->name = name;
    p->total = total;
    if (enabled)
        clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
}

void cli_progress_update(cli_progress *p, uint64_t done) {
    struct timespec now;
    double elapsed;
    if (!p->enabled)
        return;
    if ((p->total ? p->total : done) <= CLI_PROGRESS_MIN)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (p->shown && seconds_between(&p->last, &now) < 0.25)
        return;
    if (!p->shown && seconds_between(&p->start, &now) < 0.25)
        return; /* a fast run never flashes a line */
    p->last = now;
    elapsed = seconds_between(&p->start, &now);
    fputs("\r\033[Klscertlint: ", stderr);
    cli_put_printable(stderr, p->name, strlen(p->name));
    fprintf(stderr, ": %.1f MB", (double)done / 1e6);
    if (p->total)
        fprintf(stderr, " of %.1f MB (%d%%)", (double)p->total / 1e6,
                (int)((double)done * 100.0 / (double)p->total));
    if (elapsed > 0)
        fprintf(stderr, ", %.1f MB/s", (double)done / 1e6 / elapsed);
    fflush(stderr);
    p->shown = 1;
}

void cli_progress_clear(cli_progress *p) {
    if (!p->shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = 0;
}
