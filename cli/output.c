#include "config.h"

#include "cli/output.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lscertlint.h"

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

/* lsc_write_fn to a stdio FILE. */
static int write_file(void *user, const char *data, size_t len) {
    return fwrite(data, 1, len, user) == len ? 0 : -1;
}

void cli_put_printable(FILE *f, const char *s, size_t len) {
    /* the reports' escaping (lsc_escape): one policy for every name printed;
     * errno stays the caller's, who may still need it */
    int saved = errno;
    (void)lsc_escape(LSC_ESCAPE_NAME, s, len, write_file, f);
    errno = saved;
}

void cli_out_init(cli_out *o, FILE *fp) {
    memset(o, 0, sizeof *o);
    o->fp = fp;
}

void cli_out_release(cli_out *o) {
    if (o->fp == NULL) {
        free(o->buf);
        o->buf = NULL;
        o->len = o->cap = 0;
    }
}

void cli_out_reset(cli_out *o) {
    o->len = 0;
    if (o->buf != NULL)
        o->buf[0] = '\0';
}

int cli_out_status(const cli_out *o) {
    if (o->err != 0) {
        errno = o->err;
        return -1;
    }
    return 0;
}

static void out_fail(cli_out *o, int e) {
    if (o->err == 0)
        o->err = e != 0 ? e : EIO;
}

void cli_put(cli_out *o, const char *s, size_t n) {
    if (o->err != 0 || n == 0)
        return;
    if (o->fp != NULL) {
        if (fwrite(s, 1, n, o->fp) != n)
            out_fail(o, errno);
        return;
    }
    /* room for n bytes and the NUL that keeps buf a string */
    if (cli_grow(&o->buf, &o->cap, o->len + n + 1, 1) != 0) {
        out_fail(o, ENOMEM);
        return;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

void cli_puts(cli_out *o, const char *s) {
    cli_put(o, s, strlen(s));
}

void cli_putc(cli_out *o, char c) {
    cli_put(o, &c, 1);
}

void cli_putu(cli_out *o, uint64_t v) {
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%" PRIu64, v);
    cli_put(o, tmp, (size_t)n);
}

void cli_printf(cli_out *o, const char *fmt, ...) {
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        out_fail(o, errno);
        return;
    }
    if ((size_t)n < sizeof tmp) {
        cli_put(o, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        out_fail(o, ENOMEM);
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    cli_put(o, big, (size_t)n);
    free(big);
}

/* lsc_write_fn into a cli_out. */
static int write_out(void *user, const char *data, size_t len) {
    cli_out *o = user;
    cli_put(o, data, len);
    return cli_out_status(o);
}

void cli_put_escaped(cli_out *o, lsc_escape_kind kind, const char *s, size_t n) {
    if (o->err == 0 && lsc_escape(kind, s, n, write_out, o) != 0)
        out_fail(o, errno);
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
