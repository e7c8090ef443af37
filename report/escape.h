/* Output and escaping shared by every report format, and by lsc_escape().
 * Nothing read from an input reaches the output except through one of the
 * lscr_esc_* functions
 * below, so a hostile file name, pointer or message can neither colour a
 * terminal, nor start a new line, a field or a workflow command.
 *
 * An lscr_out writes to a stdio FILE, to a write callback (lsc_write_fn), or
 * to a growable memory buffer (to compose escapes: e.g. text-escape into a
 * buffer, then GitHub-escape that).
 * Errors are sticky: after the first failed write every later one is skipped,
 * and lscr_out_status() reports the first errno. */
#ifndef LSC_REPORT_ESCAPE_H
#define LSC_REPORT_ESCAPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lscertlint.h"

#if defined(__GNUC__)
#define LSCR_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define LSCR_PRINTF(a, b)
#endif

typedef struct lscr_out {
    FILE *fp;           /* NULL: write through write, else to buf */
    lsc_write_fn write; /* with user, when fp is NULL */
    void *user;
    char *buf;  /* memory sink, always NUL-terminated when non-NULL */
    size_t len; /* bytes in buf */
    size_t cap;
    int err; /* first errno of a failed write, 0 if none */
} lscr_out;

/* A writer to fp (fp == NULL: to memory). */
void lscr_out_init(lscr_out *o, FILE *fp);
/* A writer through write(user, ...). */
void lscr_out_init_write(lscr_out *o, lsc_write_fn write, void *user);
/* Release a memory writer's buffer (a FILE or callback writer: no-op). */
void lscr_out_release(lscr_out *o);
/* Empty a memory writer, keeping its buffer. */
void lscr_out_reset(lscr_out *o);
/* 0, or -1 with errno set to the first write error. */
int lscr_out_status(const lscr_out *o);

void lscr_put(lscr_out *o, const char *s, size_t n);
void lscr_puts(lscr_out *o, const char *s);
void lscr_putc(lscr_out *o, char c);
void lscr_putu(lscr_out *o, uint64_t v);
void lscr_printf(lscr_out *o, const char *fmt, ...) LSCR_PRINTF(2, 3);

/* Length of the valid UTF-8 sequence (strict RFC 3629) at s, with its code
 * point in *cp; 0 if the bytes at s are not one. n > 0. */
size_t lscr_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);

/* A code point that must not reach a terminal raw: C0, DEL, C1, U+2028,
 * U+2029 and the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069). */
int lscr_unsafe_codepoint(uint32_t cp);

/* Text (and the basis of github/junit/markdown). Unsafe code points as JSON
 * escapes (\n, \r, \t, \b, \f, \u001b, \u202e), bytes that are not UTF-8 as
 * \xHH. raw != 0 (file names, pointers: raw input bytes) also doubles '\',
 * as doc/contract.md §7 asks; raw == 0 (messages, already escaped by the library)
 * leaves '\' alone so escapes are not escaped twice. */
void lscr_esc_text(lscr_out *o, const char *s, size_t n, int raw);

/* The inside of a JSON string (no quotes): '"', '\', unsafe code points as
 * escapes; bytes that are not UTF-8 as the six characters \\xHH (the decoded
 * string holds the text \xHH, as doc/contract.md §7 says), so the output is valid UTF-8. */
void lscr_esc_json(lscr_out *o, const char *s, size_t n);
/* A JSON string with its quotes; NULL gives "". */
void lscr_json_str(lscr_out *o, const char *s, size_t n);

/* XML 1.0 character data or attribute value: < > & " ' as entities; C0
 * controls other than tab, LF, CR (and in attributes those too, as
 * character references), U+FFFE/U+FFFF removed; bytes that are not UTF-8
 * replaced by U+FFFD. */
void lscr_esc_xml(lscr_out *o, const char *s, size_t n, int attribute);

/* GitHub Actions workflow command escapes, as @actions/core does: '%', CR,
 * LF as %25 %0D %0A; property != 0 also ':' and ',' as %3A %2C. Apply to
 * text already passed through lscr_esc_text (no other control remains). */
void lscr_esc_github(lscr_out *o, const char *s, size_t n, int property);

/* URI path: unreserved characters (RFC 3986) and '/' kept, every other byte
 * percent-encoded (%20, UTF-8 bytes one by one). */
void lscr_esc_uri(lscr_out *o, const char *s, size_t n);

/* Markdown table cell: '\' ` * _ [ ] | # ~ ! backslash-escaped, < > & as
 * entities. Apply to text already passed through lscr_esc_text. */
void lscr_esc_markdown(lscr_out *o, const char *s, size_t n);

#endif
