#include "config.h"

#include "cli/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_messages_off = 0;

int cli_write_all(int fd, const void *data, size_t len) {
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0) { /* should not happen for a regular fd; avoid spinning */
            errno = EIO;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int cli_grow(void *buf, size_t *cap, size_t need, size_t elem) {
    void **p = buf;
    size_t ncap = *cap ? *cap : 16;
    void *grown;
    if (need <= *cap)
        return 0;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (elem && ncap > SIZE_MAX / elem)
        return -1;
    grown = realloc(*p, ncap * elem);
    if (!grown)
        return -1;
    *p = grown;
    *cap = ncap;
    return 0;
}

int cli_read_file(const char *path, size_t max, char **data, size_t *len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY), saved;
    size_t cap = 8192, used = 0;
    char *buf = NULL;
    if (fd < 0)
        return -1;
    for (;;) {
        ssize_t n;
        if (!buf || used == cap) {
            char *grown;
            if (buf && cap >= max) {
                errno = EFBIG;
                goto fail;
            }
            if (buf)
                cap *= 2;
            grown = realloc(buf, cap);
            if (!grown) {
                errno = ENOMEM;
                goto fail;
            }
            buf = grown;
        }
        n = read(fd, buf + used, cap - used);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    close(fd);
    *data = buf;
    *len = used;
    return 0;
fail:
    saved = errno;
    free(buf);
    close(fd);
    errno = saved;
    return -1;
}

void cli_error(const char *fmt, ...) {
    va_list ap;
    if (cli_messages_off)
        return;
    fputs("lscertlint: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_error_name(const char *name, int errnum) {
    if (cli_messages_off)
        return;
    fputs("lscertlint: ", stderr);
    cli_put_printable(stderr, name, strlen(name));
    fprintf(stderr, ": %s\n", strerror(errnum));
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), 0 if it is not one. */
static size_t utf8_sequence(const unsigned char *s, size_t len, uint32_t *cp) {
    size_t n, i;
    uint32_t c, min;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        n = 2, c = s[0] & 0x1f, min = 0x80;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        n = 3, c = s[0] & 0x0f, min = 0x800;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        n = 4, c = s[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

/* Code points that must not reach a terminal raw (the set report/ uses):
 * C0, DEL, C1, the line and paragraph separators, bidirectional controls. */
static int unsafe_codepoint(uint32_t cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

void cli_put_printable(FILE *f, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_sequence(p + i, len - i, &cp);
        if (n == 0) {
            fprintf(f, "\\x%02x", p[i]);
            i++;
            continue;
        }
        switch (cp) {
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\b':
            fputs("\\b", f);
            break;
        case '\f':
            fputs("\\f", f);
            break;
        default:
            if (unsafe_codepoint(cp))
                fprintf(f, "\\u%04x", (unsigned)cp);
            else
                fwrite(p + i, 1, n, f);
        }
        i += n;
    }
}

void cli_writer_init(cli_writer *w, int fd) {
    w->fd = fd;
    w->failed = 0;
    w->used = 0;
}

int cli_writer_flush(cli_writer *w) {
    if (w->failed)
        return -1;
    if (w->used > 0 && cli_write_all(w->fd, w->buf, w->used) != 0) {
        w->failed = errno;
        return -1;
    }
    w->used = 0;
    return 0;
}

int cli_writer_put(cli_writer *w, const void *data, size_t len) {
    if (w->failed)
        return -1;
    if (w->used + len > sizeof w->buf) {
        if (cli_writer_flush(w) != 0)
            return -1;
        if (len > sizeof w->buf) { /* too big to buffer: straight through */
            if (cli_write_all(w->fd, data, len) != 0) {
                w->failed = errno;
                return -1;
            }
            return 0;
        }
    }
    memcpy(w->buf + w->used, data, len);
    w->used += len;
    return 0;
}
