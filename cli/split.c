#include "config.h"

#include "cli/split.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "cli/config_file.h"
#include "cli/gunzip.h"

/* How far a cut looks back and ahead over white space for the brackets. */
#define CUT_LOOK 64

/* The input's first bytes, for the hints of a json-syntax finding. */
#define HEAD_SIZE 4096

#define NO_CUT UINT64_MAX

/* What the counting pass and the worker tell each other about a chunk
 * (under the lock). */
typedef struct chunk_sync {
    int counted;      /* lines and docs are known */
    uint64_t lines;   /* line feeds in the chunk */
    size_t docs;      /* documents begun in it (exact when it is JSON) */
    int origin_known; /* the chunk's line and document are set */
    int ready;        /* the worker is done with it */
} chunk_sync;

struct cli_split {
    int fd;
    uint64_t base, size, chunk;
    size_t nchunks;
    const char *name;
    const cli_options *opts;
    unsigned char head[HEAD_SIZE];
    size_t head_len;
    const lsc_config *config; /* for every chunk's checker (copied by each) */
    lsc_config *owned_config;
    lsc_severity fail_on, missing_severity;

    pthread_mutex_t lock;
    pthread_cond_t work; /* a chunk may be claimed, an origin is known, or cancel */
    pthread_cond_t done; /* a chunk became ready */
    size_t next;         /* the next chunk to claim */
    size_t released;     /* chunks the main thread is done with */
    size_t window;       /* claims stay below released + window */
    cli_chunk *slots;    /* chunk k lives in slots[k % window] */
    chunk_sync *sync;
    size_t folded; /* chunks whose counts are summed into the origins */
    uint64_t fold_lines;
    size_t fold_docs;
    atomic_int cancel;
    atomic_size_t resume_at; /* chunks below it need no checking */

    pthread_t *threads;
    unsigned nthreads;
    unsigned nbufs;
    unsigned char **bufs; /* one read buffer per thread */
};

uint64_t cli_split_chunk_size(void) {
    const char *env = getenv("LSC_JOBS_CHUNK");
    if (env && *env) {
        char *end;
        unsigned long long v = strtoull(env, &end, 10);
        if (*end == '\0' && v > 0)
            return (uint64_t)v;
    }
    return CLI_SPLIT_CHUNK;
}

/* ---- reading ---------------------------------------------------------- */

/* Read up to len bytes at off (of the input) into buf; *got says how many
 * (fewer only at the input's end: a file that shrank since it was
 * measured ends there, as it does for a sequential read). 0, or an errno
 * value. */
static int read_upto(const cli_split *sp, unsigned char *buf, size_t len, uint64_t off,
                     size_t *got) {
    *got = 0;
    while (*got < len) {
        ssize_t n = pread(sp->fd, buf + *got, len - *got, (off_t)(sp->base + off + *got));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    return 0;
}

/* Read exactly len bytes at off: 0, or an errno value (EIO when the input
 * ended early). */
static int read_at(const cli_split *sp, unsigned char *buf, size_t len, uint64_t off) {
    size_t got;
    int e = read_upto(sp, buf, len, off, &got);
    return e ? e : got < len ? EIO : 0;
}

/* ---- where chunks start ------------------------------------------------- */

static int white(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Is the line feed at w[i] (w holds the input's bytes from w_off, n of
 * them) one between two documents: '}' or ']' before it and '{' or '['
 * after it, with only white space between, each within CUT_LOOK bytes?
 * The answer depends on the input's bytes alone, never on the window. */
static int cut_here(const cli_split *sp, const unsigned char *w, uint64_t w_off, size_t n,
                    size_t i) {
    uint64_t at = w_off + i;
    size_t b = i, f = i + 1;
    if (w[i] != '\n')
        return 0;
    while (b > 0 && at - (w_off + b - 1) <= CUT_LOOK && white(w[b - 1]))
        b--;
    if (b == 0 || at - (w_off + b - 1) > CUT_LOOK || (w[b - 1] != '}' && w[b - 1] != ']'))
        return 0;
    while (f < n && w_off + f - at <= CUT_LOOK && white(w[f]))
        f++;
    if (f >= n || w_off + f - at > CUT_LOOK || w_off + f >= sp->size)
        return 0;
    return w[f] == '{' || w[f] == '[';
}

/* The first chunk start in [q, q + chunk): the byte after a line feed
 * between two documents; NO_CUT if there is none (or a read failed: the
 * chunk before then simply goes on). buf holds CLI_SPLIT_READ bytes. */
static uint64_t find_cut(const cli_split *sp, uint64_t q, unsigned char *buf) {
    const size_t step = CLI_SPLIT_READ - 2 * CUT_LOOK - 1;
    uint64_t lim = q + sp->chunk < sp->size ? q + sp->chunk : sp->size;
    for (uint64_t from = q; from < lim; from += step) {
        uint64_t w_off = from >= CUT_LOOK ? from - CUT_LOOK : 0;
        uint64_t w_end = from + step + CUT_LOOK + 1;
        if (w_end > sp->size)
            w_end = sp->size;
        size_t n;
        if (read_upto(sp, buf, (size_t)(w_end - w_off), w_off, &n) != 0)
            return NO_CUT;
        if (w_off + n < w_end) /* the input shrank: it ends at w_off + n */
            lim = w_off + n < lim ? w_off + n : lim;
        if (from >= lim)
            return NO_CUT;
        uint64_t to = from + step < lim ? from + step : lim;
        for (uint64_t at = from; at < to; at++) {
            const unsigned char *nl = memchr(buf + (at - w_off), '\n', (size_t)(to - at));
            if (!nl)
                break;
            at = w_off + (uint64_t)(nl - buf);
            if (cut_here(sp, buf, w_off, n, (size_t)(at - w_off)))
                return at + 1;
        }
    }
    return NO_CUT;
}

/* Chunk j's start (j >= 1), NO_CUT when none of its range qualifies. */
static uint64_t chunk_start(const cli_split *sp, size_t j, unsigned char *buf) {
    return find_cut(sp, (uint64_t)j * sp->chunk, buf);
}

/* The first chunk from j on that has a start: its index in *k (nchunks
 * and the input's size when there is none). */
static uint64_t next_start(const cli_split *sp, size_t j, size_t *k, unsigned char *buf) {
    for (; j < sp->nchunks; j++) {
        uint64_t s = chunk_start(sp, j, buf);
        if (s != NO_CUT) {
            *k = j;
            return s;
        }
    }
    *k = sp->nchunks;
    return sp->size;
}

/* Whether a chunk other than the first starts within the first
 * CUT_PROBE_CHUNKS chunks: one document of many megabytes (the AWS CLI's
 * output of a whole listing) is left whole without reading it all. */
#define CUT_PROBE_CHUNKS 64
static int has_cut(const cli_split *sp, unsigned char *buf) {
    for (size_t j = 1; j < sp->nchunks && j <= CUT_PROBE_CHUNKS; j++)
        if (chunk_start(sp, j, buf) != NO_CUT)
            return 1;
    return 0;
}

/* ---- the counting pass ------------------------------------------------ */

/* Line feeds and documents begun, tracking only strings and brackets: the
 * document count is exact for JSON text, and whatever it is for anything
 * else, the main thread checks it against a checker's own count. */
typedef struct doc_counter {
    int in_string, escaped, in_scalar;
    size_t depth;
    uint64_t lines;
    size_t docs;
} doc_counter;

/* The index of the first '"' or '\\' in p[i..n), 16 bytes at a time where
 * SSE2 is there (strings are most of a capture's bytes). */
static size_t string_run_end(const unsigned char *p, size_t i, size_t n) {
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i < n && p[i] != '"' && p[i] != '\\')
        i++;
    return i;
}

static void count_bytes(doc_counter *k, const unsigned char *p, size_t n) {
    for (const unsigned char *nl = p; (nl = memchr(nl, '\n', (size_t)(p + n - nl))); nl++)
        k->lines++;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (k->in_string) {
            if (k->escaped) {
                k->escaped = 0;
                continue;
            }
            i = string_run_end(p, i, n);
            if (i == n)
                break;
            if (p[i] == '\\')
                k->escaped = 1;
            else
                k->in_string = 0;
            continue;
        }
        switch (c) {
        case '"':
            k->docs += k->depth == 0;
            k->in_string = 1;
            k->in_scalar = 0;
            break;
        case '{':
        case '[':
            k->docs += k->depth == 0;
            k->depth++;
            k->in_scalar = 0;
            break;
        case '}':
        case ']':
            if (k->depth)
                k->depth--;
            k->in_scalar = 0;
            break;
        case ' ':
        case '\t':
        case '\r':
        case '\n':
        case ',':
        case ':':
            k->in_scalar = 0;
            break;
        default: /* a number or a literal */
            if (k->depth == 0 && !k->in_scalar) {
                k->docs++;
                k->in_scalar = 1;
            }
            break;
        }
    }
}

/* ---- the pool ----------------------------------------------------------- */

/* Publish chunk k's counts and sum every counted chunk, in order, into
 * the origins of the chunks after it (lock held). */
static void publish_counts(cli_split *sp, size_t k, uint64_t lines, size_t docs) {
    chunk_sync *sy = &sp->sync[k % sp->window];
    sy->counted = 1;
    sy->lines = lines;
    sy->docs = docs;
    while (sp->folded < sp->next && sp->sync[sp->folded % sp->window].counted &&
           !sp->sync[sp->folded % sp->window].origin_known) {
        chunk_sync *f = &sp->sync[sp->folded % sp->window];
        cli_chunk *ch = &sp->slots[sp->folded % sp->window];
        ch->line = 1 + sp->fold_lines;
        ch->document = sp->fold_docs;
        f->origin_known = 1;
        sp->fold_lines += f->lines;
        sp->fold_docs += f->docs;
        sp->folded++;
    }
    pthread_cond_broadcast(&sp->work);
}

/* Feed bytes to chunk k's checker: through cli_feed for the chunk at the
 * input's start (as the sequential path), else straight. */
static lsc_status feed(lsc_checker *checker, cli_feed *f, size_t k, const unsigned char *p,
                       size_t n, lsc_error *err) {
    return k == 0 ? cli_feed_bytes(f, p, n, err) : lsc_checker_feed(checker, p, n, err);
}

static lsc_status finish(lsc_checker *checker, cli_feed *f, size_t k, lsc_error *err) {
    return k == 0 ? cli_feed_finish(f, err) : lsc_checker_finish(checker, err);
}

/* Check chunk k from its start, in reads that end where the sequential
 * path's do (multiples of CLI_SPLIT_READ) or at a chunk start, until a
 * chunk start finds the checker between documents or the input ends. */
static void check_chunk(cli_split *sp, size_t k, cli_chunk *ch, uint64_t end, size_t end_chunk,
                        unsigned char *buf) {
    cli_recorder r = {&ch->rec, 0};
    lsc_error err;
    cli_feed f;
    uint64_t pos = ch->start, err_end = 0, eof_at = sp->size;
    int shrunk = 0;
    memset(&err, 0, sizeof err);
    lsc_checker *checker = lsc_checker_new(sp->config, sp->name, cli_recording, &r, &err);
    if (!checker) {
        ch->rec.new_failed = 1;
        snprintf(ch->rec.text, sizeof ch->rec.text, "%s", err.text[0] ? err.text : "out of memory");
        ch->ended = 1;
        return;
    }
    if (k == 0) {
        cli_feed_init(&f, checker, sp->opts->config, sp->name, 0, cli_recording->finding, &r);
    } else {
        lsc_pos at = {ch->start, ch->line, 1};
        lsc_checker_set_origin(checker, at, ch->document, NULL);
        lsc_checker_set_head(checker, sp->head, sp->head_len);
    }
    for (;;) {
        if (atomic_load(&sp->cancel) || atomic_load(&sp->resume_at) > k) {
            ch->skipped = 1; /* nobody will replay it */
            break;
        }
        uint64_t to = (pos / CLI_SPLIT_READ + 1) * CLI_SPLIT_READ;
        if (to > end)
            to = end;
        size_t got;
        int e = read_upto(sp, buf, (size_t)(to - pos), pos, &got);
        if (e) {
            ch->rec.read_errno = e;
            ch->ended = 1;
            break;
        }
        if (got < to - pos) { /* the input shrank: it ends here, as for one thread */
            to = pos + got;
            shrunk = 1;
        }
        lsc_status rc = feed(checker, &f, k, buf, got, &err);
        pos = to;
        if (rc == LSC_MALFORMED) {
            ch->rec.state = 1;
            err_end = pos;
            ch->ended = 1;
            break;
        } else if (rc < 0) {
            ch->rec.state = -1;
            ch->ended = 1;
            break;
        }
        if (pos == sp->size || shrunk) {
            eof_at = pos;
            rc = finish(checker, &f, k, &err);
            if (rc == LSC_MALFORMED)
                ch->rec.state = 1;
            else if (rc < 0)
                ch->rec.state = -1;
            ch->ended = 1;
            break;
        }
        if (pos == end) {
            if (lsc_checker_between_documents(checker)) {
                ch->stop = pos;
                ch->next = end_chunk;
                break;
            }
            end = next_start(sp, end_chunk + 1, &end_chunk, buf);
        }
    }
    if (ch->ended) {
        ch->stop = pos;
        ch->next = sp->nchunks;
    }
    if (ch->rec.state < 0)
        snprintf(ch->rec.text, sizeof ch->rec.text, "%s",
                 r.nomem || !err.text[0] ? "out of memory" : err.text);
    ch->rec.stats = *lsc_checker_stats(checker);
    if (ch->rec.state == 1 && err_end) { /* what one thread had read by then */
        uint64_t read_to = (err_end + CLI_SPLIT_READ - 1) / CLI_SPLIT_READ * CLI_SPLIT_READ;
        ch->rec.stats.bytes = read_to < eof_at ? read_to : eof_at;
    }
    if (k == 0)
        cli_feed_release(&f);
    lsc_checker_free(checker);
}

/* Count chunk k, wait for its origin, check it (lock not held). */
static void run_chunk(cli_split *sp, size_t k, cli_chunk *ch, unsigned char *buf) {
    doc_counter count;
    size_t end_chunk = sp->nchunks;
    uint64_t start = k == 0 ? 0 : chunk_start(sp, k, buf), end = sp->size;
    memset(&count, 0, sizeof count);
    ch->rec.fail_on = sp->fail_on;
    ch->rec.missing_severity = sp->missing_severity;
    ch->start = start;
    if (start == NO_CUT) {
        ch->empty = 1;
    } else {
        end = next_start(sp, k + 1, &end_chunk, buf);
        for (uint64_t pos = start; pos < end;) {
            size_t n = end - pos < CLI_SPLIT_READ ? (size_t)(end - pos) : CLI_SPLIT_READ, skip = 0;
            if (read_at(sp, buf, n, pos) != 0)
                break; /* the checking pass meets the error again */
            if (pos == 0 && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                skip = 3; /* a byte-order mark is no document */
            count_bytes(&count, buf + skip, n - skip);
            pos += n;
        }
    }
    pthread_mutex_lock(&sp->lock);
    publish_counts(sp, k, count.lines, count.docs);
    while (!sp->sync[k % sp->window].origin_known && !atomic_load(&sp->cancel))
        pthread_cond_wait(&sp->work, &sp->lock);
    pthread_mutex_unlock(&sp->lock);
    if (ch->empty)
        return;
    if (atomic_load(&sp->resume_at) > k || atomic_load(&sp->cancel)) {
        ch->skipped = 1;
        return;
    }
    check_chunk(sp, k, ch, end, end_chunk, buf);
}

static int can_claim(const cli_split *sp) {
    return !atomic_load(&sp->cancel) && sp->next < sp->nchunks &&
           sp->next < sp->released + sp->window;
}

typedef struct worker_arg {
    cli_split *sp;
    unsigned char *buf;
} worker_arg;

static void *worker(void *p) {
    cli_split *sp = ((worker_arg *)p)->sp;
    unsigned char *buf = ((worker_arg *)p)->buf;
    free(p);
    pthread_mutex_lock(&sp->lock);
    for (;;) {
        while (!can_claim(sp) && !atomic_load(&sp->cancel) && sp->next < sp->nchunks)
            pthread_cond_wait(&sp->work, &sp->lock);
        if (!can_claim(sp))
            break;
        size_t k = sp->next++;
        cli_chunk *ch = &sp->slots[k % sp->window];
        memset(ch, 0, sizeof *ch); /* the slot is this thread's until ready */
        memset(&sp->sync[k % sp->window], 0, sizeof sp->sync[0]);
        pthread_mutex_unlock(&sp->lock);
        run_chunk(sp, k, ch, buf);
        pthread_mutex_lock(&sp->lock);
        sp->sync[k % sp->window].ready = 1;
        pthread_cond_broadcast(&sp->done);
    }
    pthread_mutex_unlock(&sp->lock);
    return NULL;
}

static void free_split(cli_split *sp) {
    unsigned i;
    if (sp->bufs)
        for (i = 0; i < sp->nbufs; i++)
            free(sp->bufs[i]);
    free(sp->bufs);
    free(sp->threads);
    free(sp->slots);
    free(sp->sync);
    lsc_config_free(sp->owned_config);
    free(sp);
}

cli_split *cli_split_start(int fd, const char *name, uint64_t base, uint64_t size,
                           const cli_options *opts, unsigned workers) {
    cli_split *sp;
    unsigned i;
    uint64_t chunk = cli_split_chunk_size();
    if (workers < 2 || size <= chunk)
        return NULL;
    sp = calloc(1, sizeof *sp);
    if (!sp)
        return NULL;
    sp->fd = fd;
    sp->base = base;
    sp->size = size;
    sp->chunk = chunk;
    sp->nchunks = (size_t)((size + chunk - 1) / chunk);
    if (workers > sp->nchunks) /* a worker without a chunk only costs its buffer */
        workers = (unsigned)sp->nchunks;
    sp->name = name;
    sp->opts = opts;
    sp->window = 2 * (size_t)workers + 1;
    atomic_init(&sp->cancel, 0);
    atomic_init(&sp->resume_at, 0);
    sp->head_len = size < HEAD_SIZE ? (size_t)size : HEAD_SIZE;
    sp->slots = calloc(sp->window, sizeof *sp->slots);
    sp->sync = calloc(sp->window, sizeof *sp->sync);
    sp->threads = calloc(workers, sizeof *sp->threads);
    sp->bufs = calloc(workers, sizeof *sp->bufs);
    if (!sp->slots || !sp->sync || !sp->threads || !sp->bufs)
        goto fail;
    sp->nbufs = workers;
    for (i = 0; i < workers; i++)
        if (!(sp->bufs[i] = malloc(CLI_SPLIT_READ)))
            goto fail;
    /* gzip data is inflated as one stream: it stays whole */
    if (read_at(sp, sp->head, sp->head_len, 0) != 0 ||
        (sp->head[0] == 0x1f && sp->head[1] == 0x8b) || !has_cut(sp, sp->bufs[0]))
        goto fail;
    if (cli_jobs_config_for_file(opts, name, &sp->config, &sp->fail_on, &sp->owned_config) != 0)
        goto fail; /* the sequential path says it */
    sp->missing_severity = lsc_config_severity(sp->config, "expected-finding-missing");
    if (pthread_mutex_init(&sp->lock, NULL) != 0)
        goto fail;
    if (pthread_cond_init(&sp->work, NULL) != 0) {
        pthread_mutex_destroy(&sp->lock);
        goto fail;
    }
    if (pthread_cond_init(&sp->done, NULL) != 0) {
        pthread_cond_destroy(&sp->work);
        pthread_mutex_destroy(&sp->lock);
        goto fail;
    }
    for (i = 0; i < workers; i++) {
        worker_arg *arg = malloc(sizeof *arg);
        if (!arg)
            break;
        arg->sp = sp;
        arg->buf = sp->bufs[i];
        if (pthread_create(&sp->threads[i], NULL, worker, arg) != 0) {
            free(arg);
            break;
        }
    }
    sp->nthreads = i;
    if (sp->nthreads == 0) {
        cli_split_free(sp);
        return NULL;
    }
    return sp;
fail:
    free_split(sp);
    return NULL;
}

size_t cli_split_count(const cli_split *sp) {
    return sp->nchunks;
}

unsigned cli_split_workers(const cli_split *sp) {
    return sp->nthreads;
}

uint64_t cli_split_size(const cli_split *sp) {
    return sp->size;
}

const unsigned char *cli_split_head(const cli_split *sp, size_t *len) {
    *len = sp->head_len;
    return sp->head;
}

int cli_split_fd(const cli_split *sp, uint64_t *base) {
    *base = sp->base;
    return sp->fd;
}

const lsc_config *cli_split_config(const cli_split *sp) {
    return sp->config;
}

void cli_split_cancel(cli_split *sp) {
    pthread_mutex_lock(&sp->lock);
    atomic_store(&sp->cancel, 1);
    pthread_cond_broadcast(&sp->work);
    pthread_mutex_unlock(&sp->lock);
}

const cli_chunk *cli_split_wait(cli_split *sp, size_t k) {
    pthread_mutex_lock(&sp->lock);
    while (k >= sp->next || !sp->sync[k % sp->window].ready)
        pthread_cond_wait(&sp->done, &sp->lock);
    pthread_mutex_unlock(&sp->lock);
    return &sp->slots[k % sp->window];
}

void cli_split_release_below(cli_split *sp, size_t k) {
    if (k > sp->nchunks)
        k = sp->nchunks;
    atomic_store(&sp->resume_at, k); /* never lowered: k only grows */
    pthread_mutex_lock(&sp->lock);
    while (sp->released < k) {
        size_t i = sp->released;
        while (i >= sp->next || !sp->sync[i % sp->window].ready)
            pthread_cond_wait(&sp->done, &sp->lock);
        cli_record_free(&sp->slots[i % sp->window].rec);
        sp->sync[i % sp->window].ready = 0;
        sp->released = i + 1;
        pthread_cond_broadcast(&sp->work);
    }
    pthread_mutex_unlock(&sp->lock);
}

void cli_split_free(cli_split *sp) {
    unsigned i;
    size_t k;
    if (!sp)
        return;
    pthread_mutex_lock(&sp->lock);
    atomic_store(&sp->cancel, 1);
    pthread_cond_broadcast(&sp->work);
    pthread_mutex_unlock(&sp->lock);
    for (i = 0; i < sp->nthreads; i++)
        pthread_join(sp->threads[i], NULL);
    for (k = 0; k < sp->window; k++)
        cli_record_free(&sp->slots[k].rec);
    pthread_cond_destroy(&sp->done);
    pthread_cond_destroy(&sp->work);
    pthread_mutex_destroy(&sp->lock);
    free_split(sp);
}
