/* Writing: whole buffers to a file descriptor (pass-through, --normalize),
 * and the program's own messages on stderr with names made printable. */
#ifndef LSC_CLI_OUTPUT_H
#define LSC_CLI_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lscertlint.h"

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

/* Write s to f escaped as the reports print file names (lsc_escape(),
 * LSC_ESCAPE_NAME): control characters (C0, DEL, C1, U+2028/9, bidi
 * controls) and '\' as a JSON string would (\n, \u001b, \u202e), bytes
 * that are not UTF-8 as \xhh: a name from a directory cannot move the
 * cursor or forge a line. */
void cli_put_printable(FILE *f, const char *s, size_t len);

/* A writer to a stdio FILE or (fp == NULL) to a growable memory buffer,
 * for the CLI's own documents (baseline, inventory, print-config). Errors
 * are sticky: after the first failed write every later one is skipped and
 * cli_out_status() reports the first errno. Strings from inputs go through
 * cli_put_escaped(), the library's escaping. */
typedef struct cli_out {
    FILE *fp;   /* NULL: write to buf */
    char *buf;  /* memory: always NUL-terminated when non-NULL */
    size_t len; /* bytes in buf */
    size_t cap;
    int err; /* first errno of a failed write, 0 if none */
} cli_out;

void cli_out_init(cli_out *o, FILE *fp);
/* Free a memory writer's buffer (a FILE writer: no-op). */
void cli_out_release(cli_out *o);
/* Empty a memory writer, keeping its buffer. */
void cli_out_reset(cli_out *o);
/* 0, or -1 with errno set to the first write error. */
int cli_out_status(const cli_out *o);
void cli_put(cli_out *o, const char *s, size_t n);
void cli_puts(cli_out *o, const char *s);
void cli_putc(cli_out *o, char c);
void cli_putu(cli_out *o, uint64_t v);
void cli_printf(cli_out *o, const char *fmt, ...) CLI_PRINTF(2, 3);
/* s escaped by lsc_escape() (kind: LSC_ESCAPE_JSON for a quoted JSON
 * string, LSC_ESCAPE_NAME for a printable name, ...). */
void cli_put_escaped(cli_out *o, lsc_escape_kind kind, const char *s, size_t n);

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
