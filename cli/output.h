/* Writing: whole buffers to a file descriptor (pass-through, --normalize),
 * and the program's own messages on stderr with names made printable. */
#ifndef LSC_CLI_OUTPUT_H
#define LSC_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__)
#define CLI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CLI_PRINTF(a, b)
#endif

/* Write all len bytes to fd, retrying on EINTR and short writes. Returns 0,
 * or -1 with errno set (EPIPE when the reader went away). */
int cli_write_all(int fd, const void *data, size_t len);

/* Read a whole small file (a configuration, a baseline) into *data
 * (malloc'd, the caller frees it; not NUL-terminated). Returns 0, or -1
 * with errno set: EFBIG when it holds more than max bytes. */
int cli_read_file(const char *path, size_t max, char **data, size_t *len);

/* Make room for need elements of elem bytes in the array *buf (a pointer
 * to the array's pointer) of capacity *cap, doubling it. 0, or -1 when
 * memory ran out (*buf and *cap left as they were). */
int cli_grow(void *buf, size_t *cap, size_t need, size_t elem);

/* Nonzero: cli_error() and friends print nothing (-qq). */
extern int cli_messages_off;

/* "lscertlint: MESSAGE\n" on stderr. */
void cli_error(const char *fmt, ...) CLI_PRINTF(1, 2);

/* "lscertlint: NAME: strerror(errnum)\n" on stderr, NAME made printable. */
void cli_error_name(const char *name, int errnum);

/* Write s to f with control characters (C0, DEL, C1, U+2028/9, bidi
 * controls) and '\' escaped as a JSON string would (\n, \u001b, \u202e)
 * and bytes that are not UTF-8 as \xhh, as report/ prints file names: a
 * name from a directory cannot move the cursor or forge a line. */
void cli_put_printable(FILE *f, const char *s, size_t len);

/* A buffered writer to a file descriptor (--normalize output). */
typedef struct cli_writer {
    int fd;
    int failed; /* errno of the first failed write, 0 if none */
    size_t used;
    char buf[64 * 1024];
} cli_writer;

void cli_writer_init(cli_writer *w, int fd);
/* Append; flushes when the buffer is full. Returns -1 once a write failed. */
int cli_writer_put(cli_writer *w, const void *data, size_t len);
/* Write what is buffered. Returns 0 or -1 (errno in w->failed). */
int cli_writer_flush(cli_writer *w);

#endif
