/* Output and escaping shared by every report format. Nothing read from an
 * input reaches the output except through one of the rep_esc_* functions
 * below, so a hostile file name, pointer or message can neither colour a
 * terminal, nor start a new line, a field or a workflow command.
 *
 * A rep_out writes either to a stdio FILE or to a growable memory buffer (to
 * compose escapes: e.g. text-escape into a buffer, then GitHub-escape that).
 * Errors are sticky: after the first failed write every later one is skipped,
 * and rep_out_status() reports the first errno. */
#ifndef LSC_REPORT_ESCAPE_H
#define LSC_REPORT_ESCAPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define REP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define REP_PRINTF(a, b)
#endif

typedef struct rep_out {
    FILE *fp;   /* NULL: write to buf */
    char *buf;  /* memory sink, always NUL-terminated when non-NULL */
    size_t len; /* bytes in buf */
    size_t cap;
    int err; /* first errno of a failed write, 0 if none */
} rep_out;

/* A writer to fp (fp == NULL: to memory). */
void rep_out_init(rep_out *o, FILE *fp);
/* Release a memory writer's buffer (a FILE writer: no-op). */
void rep_out_release(rep_out *o);
/* Empty a memory writer, keeping its buffer. */
void rep_out_reset(rep_out *o);
/* 0, or -1 with errno set to the first write error. */
int rep_out_status(const rep_out *o);

void rep_put(rep_out *o, const char *s, size_t n);
void rep_puts(rep_out *o, const char *s);
void rep_putc(rep_out *o, char c);
void rep_putu(rep_out *o, uint64_t v);
void rep_printf(rep_out *o, const char *fmt, ...) REP_PRINTF(2, 3);

/* Length of the valid UTF-8 sequence (strict RFC 3629) at s, with its code
 * point in *cp; 0 if the bytes at s are not one. n > 0. */
size_t rep_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);

/* A code point that must not reach a terminal raw: C0, DEL, C1, U+2028,
 * U+2029 and the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069). */
int rep_unsafe_codepoint(uint32_t cp);

/* Text (and the basis of github/junit/markdown). Unsafe code points as JSON
 * escapes (\n, \r, \t, \b, \f, \u001b, \u202e), bytes that are not UTF-8 as
 * \xHH. raw != 0 (file names, pointers: raw input bytes) also doubles '\',
 * as doc/contract.md §7 asks; raw == 0 (messages, already escaped by the library)
 * leaves '\' alone so escapes are not escaped twice. */
void rep_esc_text(rep_out *o, const char *s, size_t n, int raw);

/* The inside of a JSON string (no quotes): '"', '\', unsafe code points as
 * escapes; bytes that are not UTF-8 as the six characters \\xHH (the decoded
 * string holds the text \xHH, as doc/contract.md §7 says), so the output is valid UTF-8. */
void rep_esc_json(rep_out *o, const char *s, size_t n);
/* A JSON string with its quotes; NULL gives "". */
void rep_json_str(rep_out *o, const char *s, size_t n);

/* XML 1.0 character data or attribute value: < > & " ' as entities; C0
 * controls other than tab, LF, CR (and in attributes those too, as
 * character references), U+FFFE/U+FFFF removed; bytes that are not UTF-8
 * replaced by U+FFFD. */
void rep_esc_xml(rep_out *o, const char *s, size_t n, int attribute);

/* GitHub Actions workflow command escapes, as @actions/core does: '%', CR,
 * LF as %25 %0D %0A; property != 0 also ':' and ',' as %3A %2C. Apply to
 * text already passed through rep_esc_text (no other control remains). */
void rep_esc_github(rep_out *o, const char *s, size_t n, int property);

/* URI path: unreserved characters (RFC 3986) and '/' kept, every other byte
 * percent-encoded (%20, UTF-8 bytes one by one). */
void rep_esc_uri(rep_out *o, const char *s, size_t n);

/* Markdown table cell: '\' ` * _ [ ] | # ~ ! backslash-escaped, < > & as
 * entities. Apply to text already passed through rep_esc_text. */
void rep_esc_markdown(rep_out *o, const char *s, size_t n);

#endif
