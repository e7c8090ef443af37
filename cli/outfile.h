/* Report files written atomically: the report goes to a temporary file in
 * the target's directory ("DIR/.NAME.XXXXXX": hidden, and no .json suffix
 * a walk would pick up) that is renamed over the target only when it is
 * complete. Every asynchronous signal whose default action ends the
 * process (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1/2, SIGALRM, ..., the
 * real-time ones) removes the temporary files before the program dies of
 * it; a write error removes them too. So an interrupted or failed run
 * leaves the previous report intact and nothing behind. Not handled:
 * SIGKILL (cannot be), and the signals of a bug (SIGSEGV, SIGBUS, SIGABRT,
 * ...: see outfile.c). The new file keeps the old report's mode without
 * its set-id bits, and its owner and group where permitted (install -p).
 * A symlink is followed to the file it names, which is replaced (a
 * dangling one creates its target, as '>' does); a hard link keeps the
 * previous report under its other names. A target that exists and is not
 * a regular file (/dev/null, a FIFO, a terminal) is written directly: it
 * cannot be replaced; so is a writable file in a directory where no file
 * may be created (EACCES). */
#ifndef LSC_CLI_OUTFILE_H
#define LSC_CLI_OUTFILE_H

#include <stdio.h>

typedef struct cli_outfile {
    const char *target; /* the path as given (messages) */
    char *final;        /* where the rename goes: target, symlinks resolved */
    char *temp;         /* the temporary file; NULL when writing target directly */
    int slot;           /* its place in the signal handler's list, -1 if none */
    FILE *fp;           /* the stream to write the report to */
} cli_outfile;

/* Install the signal handlers that remove temporary files (once, before
 * the first cli_outfile_open()). */
void cli_outfile_handle_signals(void);

/* Create the temporary file for path (or open path itself when it is not
 * a regular file). Returns 0, or -1 with errno set (nothing left behind). */
int cli_outfile_open(cli_outfile *of, const char *path);

/* Close the stream and rename the temporary file over the target. Returns
 * 0, or -1 with errno set: then the temporary file is removed and the
 * target untouched. */
int cli_outfile_commit(cli_outfile *of);

/* Close the stream and remove the temporary file: the target is untouched.
 * A cli_outfile that was never opened (all zero) is a no-op. */
void cli_outfile_discard(cli_outfile *of);

#endif
