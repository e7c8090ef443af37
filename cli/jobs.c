#include "config.h"

#include "cli/jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/config_file.h"
#include "cli/cpus.h"
#include "cli/gunzip.h"

/* The size of a worker's read buffer (as the sequential path's). */
#define JOB_READ_SIZE (256 * 1024)

/* An arena block holds many small copies; a bigger copy gets its own. */
#define ARENA_BLOCK_SIZE (16 * 1024)

unsigned cli_jobs_available(void) {
    const char *env = getenv("LSC_JOBS_CPUS"); /* for the tests: as many CPUs as -jN */
    if (env && *env) {
        char *end;
        unsigned long v = strtoul(env, &end, 10);
        if (*end == '\0' && v > 0)
            return v > CLI_JOBS_MAX ? CLI_JOBS_MAX : (unsigned)v;
    }
    return cli_cpus_available(CLI_JOBS_MAX);
}

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;

int cli_jobs_config_for_file(const cli_options *opts, const char *path, const lsc_config **config,
                             lsc_severity *fail_on, lsc_config **owned) {
    int rc;
    if (!opts->cfg || opts->cfg->noverrides == 0) { /* the run's own: nothing to replay */
        *config = opts->config;
        *fail_on = opts->fail_on;
        *owned = NULL;
        return 0;
    }
    pthread_mutex_lock(&config_lock);
    rc = cli_config_for_file(opts, path, config, fail_on, owned);
    pthread_mutex_unlock(&config_lock);
    return rc;
}

/* ---- a record's memory: one arena, freed as a whole ----------------- */

struct cli_arena_block {
    cli_arena_block *next;
    size_t used, size;
    max_align_t data[]; /* size bytes */
};

/* Standard blocks freed by the main thread go back to the workers through
 * this list instead of free(): a block freed in another thread's malloc
 * arena made glibc trim that arena over and over (madvise storms, system
 * time above user time at -j2). At most SPARE_MAX blocks wait (4 MiB). */
#define SPARE_MAX 256
static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static cli_arena_block *spare;
static size_t spare_len;

static cli_arena_block *block_new(size_t size) {
    cli_arena_block *b = NULL;
    if (size == ARENA_BLOCK_SIZE) {
        pthread_mutex_lock(&spare_lock);
        if ((b = spare) != NULL) {
            spare = b->next;
            spare_len--;
        }
        pthread_mutex_unlock(&spare_lock);
    }
    return b ? b : malloc(sizeof *b + size);
}

static void block_free(cli_arena_block *b) {
    if (b->size == ARENA_BLOCK_SIZE) {
        pthread_mutex_lock(&spare_lock);
        if (spare_len < SPARE_MAX) {
            b->next = spare;
            spare = b;
            spare_len++;
            b = NULL;
        }
        pthread_mutex_unlock(&spare_lock);
    }
    free(b);
}

static void *arena_alloc(cli_record *rec, size_t n) {
    cli_arena_block *b = rec->arena;
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK_SIZE / 4 ? n : ARENA_BLOCK_SIZE;
        b = block_new(size);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = size;
        if (size == ARENA_BLOCK_SIZE || !rec->arena) {
            b->next = rec->arena; /* the new current block */
            rec->arena = b;
        } else { /* a big copy: keep filling the current block */
            b->next = rec->arena->next;
            rec->arena->next = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

static void arena_free(cli_record *rec) {
    cli_arena_block *b = rec->arena;
    while (b) {
        cli_arena_block *next = b->next;
        block_free(b);
        b = next;
    }
    rec->arena = NULL;
}

/* ---- deep copies of what the library lends to its callbacks --------- */

/* Copy len bytes and a NUL (the library's strings are NUL-terminated and
 * may hold NUL bytes); NULL stays NULL. Returns -1 on out-of-memory. */
static int copy_bytes(cli_record *rec, const char **s, size_t len) {
    char *p;
    if (!*s)
        return 0;
    p = arena_alloc(rec, len + 1);
    if (!p)
        return -1;
    memcpy(p, *s, len);
    p[len] = '\0';
    *s = p;
    return 0;
}

static int copy_cstr(cli_record *rec, const char **s) {
    return *s ? copy_bytes(rec, s, strlen(*s)) : 0;
}

static int copy_string(cli_record *rec, lsc_string *s) {
    return copy_bytes(rec, &s->s, s->len);
}

static int copy_timestamp(cli_record *rec, lsc_timestamp *t) {
    return copy_bytes(rec, &t->raw, t->raw_len);
}

static int copy_tags(cli_record *rec, lsc_tag_list *list) {
    lsc_tag **link = &list->first;
    for (; *link; link = &(*link)->next) {
        lsc_tag *t = arena_alloc(rec, sizeof *t);
        if (!t)
            return -1;
        *t = **link;
        *link = t;
        if (copy_string(rec, &t->key) || copy_string(rec, &t->value))
            return -1;
    }
    return 0;
}

static int copy_names(cli_record *rec, lsc_name_list *list) {
    lsc_name **link = &list->first;
    for (; *link; link = &(*link)->next) {
        lsc_name *n = arena_alloc(rec, sizeof *n);
        if (!n)
            return -1;
        *n = **link;
        *link = n;
        if (copy_bytes(rec, &n->s, n->len))
            return -1;
    }
    return 0;
}

static int copy_records(cli_record *rec, lsc_validation_record_list *list) {
    lsc_validation_record **link = &list->first;
    for (; *link; link = &(*link)->next) {
        lsc_validation_record *v = arena_alloc(rec, sizeof *v);
        if (!v)
            return -1;
        *v = **link;
        *link = v;
        if (copy_string(rec, &v->domain_name) || copy_string(rec, &v->resource_record.name) ||
            copy_string(rec, &v->resource_record.type) ||
            copy_string(rec, &v->resource_record.value) ||
            copy_string(rec, &v->dns_record_creation_state.code) ||
            copy_string(rec, &v->dns_record_creation_state.message) ||
            copy_string(rec, &v->validation_status))
            return -1;
    }
    return 0;
}

static int copy_detail(cli_record *rec, lsc_certificate_detail *d) {
    lsc_renewal_summary *r = &d->renewal_summary;
    lsc_string *strings[] = {
        &d->arn,
        &d->name,
        &d->domain_name,
        &d->status,
        &d->serial_number,
        &d->request_failure_reason,
        &d->key_algorithm,
        &d->issuer_ca,
        &d->eligible_to_renew,
        &d->revocation_reason,
        &d->support_code,
        &r->renewal_status,
        &r->renewal_status_reason,
    };
    lsc_timestamp *times[] = {&d->created_at, &d->issued_at,  &d->not_before,
                              &d->not_after,  &d->revoked_at, &r->updated_at};
    size_t i;
    for (i = 0; i < sizeof strings / sizeof *strings; i++)
        if (copy_string(rec, strings[i]))
            return -1;
    for (i = 0; i < sizeof times / sizeof *times; i++)
        if (copy_timestamp(rec, times[i]))
            return -1;
    return copy_names(rec, &d->subject_alternative_names) ||
                   copy_records(rec, &d->domain_validation_records) ||
                   copy_records(rec, &r->domain_validation_records) || copy_tags(rec, &d->tags)
               ? -1
               : 0;
}

static lsc_certificate *copy_certificate(cli_record *rec, const lsc_certificate *from) {
    lsc_certificate *c = arena_alloc(rec, sizeof *c);
    if (!c)
        return NULL;
    *c = *from;
    if (copy_string(rec, &c->certificate_arn) || copy_string(rec, &c->certificate_name) ||
        copy_string(rec, &c->domain_name) || copy_detail(rec, &c->certificate_detail) ||
        copy_tags(rec, &c->tags))
        return NULL;
    return c;
}

static lsc_document *copy_document(cli_record *rec, const lsc_document *from) {
    lsc_document *d = arena_alloc(rec, sizeof *d);
    if (!d)
        return NULL;
    *d = *from;
    if (copy_string(rec, &d->next_page_token) || copy_string(rec, &d->error_type) ||
        copy_string(rec, &d->error_message) || copy_string(rec, &d->error_code) ||
        copy_string(rec, &d->error_text))
        return NULL;
    return d;
}

static lsc_finding *copy_finding(cli_record *rec, const lsc_finding *from) {
    lsc_finding *f = arena_alloc(rec, sizeof *f);
    if (!f)
        return NULL;
    *f = *from;
    if (copy_cstr(rec, &f->file) || copy_bytes(rec, &f->pointer, f->pointer_len) ||
        copy_cstr(rec, &f->message) || copy_bytes(rec, &f->value, f->value_len) ||
        copy_bytes(rec, &f->certificate_name, f->certificate_name_len))
        return NULL;
    if (from->related) {
        lsc_related *r = arena_alloc(rec, sizeof *r);
        if (!r)
            return NULL;
        *r = *from->related;
        if (copy_bytes(rec, &r->pointer, r->pointer_len) || copy_cstr(rec, &r->message))
            return NULL;
        f->related = r;
    }
    return f;
}

/* ---- recording: the worker's callbacks ------------------------------ */

typedef enum event_kind {
    EV_DOCUMENT_START,
    EV_CERTIFICATE,
    EV_DOCUMENT_END,
    EV_FINDING
} event_kind;

struct cli_event {
    cli_event *next;
    event_kind kind;
    const void *what; /* lsc_document, lsc_certificate or lsc_finding */
};

typedef cli_recorder recorder;

static int record(recorder *r, event_kind kind, const void *what) {
    cli_event *e;
    if (!what)
        goto nomem;
    e = arena_alloc(r->rec, sizeof *e);
    if (!e)
        goto nomem;
    e->next = NULL;
    e->kind = kind;
    e->what = what;
    if (r->rec->last)
        r->rec->last->next = e;
    else
        r->rec->first = e;
    r->rec->last = e;
    return 0;
nomem:
    r->nomem = 1;
    return 1; /* stops the checker: the main thread says "out of memory" */
}

static int rec_document_start(void *user, const lsc_document *doc) {
    recorder *r = user;
    return record(r, EV_DOCUMENT_START, copy_document(r->rec, doc));
}

static int rec_certificate(void *user, const lsc_certificate *cert) {
    recorder *r = user;
    return record(r, EV_CERTIFICATE, copy_certificate(r->rec, cert));
}

static int rec_document_end(void *user, const lsc_document *doc) {
    recorder *r = user;
    return record(r, EV_DOCUMENT_END, copy_document(r->rec, doc));
}

static int rec_finding(void *user, const lsc_finding *finding) {
    recorder *r = user;
    return record(r, EV_FINDING, copy_finding(r->rec, finding));
}

static const lsc_callbacks recording = {
    rec_document_start,
    rec_certificate,
    rec_document_end,
    rec_finding,
    NULL,
};

const lsc_callbacks *const cli_recording = &recording;

void cli_record_free(cli_record *rec) {
    arena_free(rec);
    rec->first = rec->last = NULL;
}

int cli_record_replay(const cli_record *rec, const lsc_callbacks *cb, void *user) {
    const cli_event *e;
    for (e = rec->first; e; e = e->next) {
        int rc = 0;
        switch (e->kind) {
        case EV_DOCUMENT_START:
            rc = cb->document_start ? cb->document_start(user, e->what) : 0;
            break;
        case EV_CERTIFICATE:
            rc = cb->certificate ? cb->certificate(user, e->what) : 0;
            break;
        case EV_DOCUMENT_END:
            rc = cb->document_end ? cb->document_end(user, e->what) : 0;
            break;
        case EV_FINDING:
        default:
            rc = cb->finding ? cb->finding(user, e->what) : 0;
            break;
        }
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* ---- the pool --------------------------------------------------------- */

struct cli_jobs {
    const cli_input_list *inputs;
    const cli_options *opts; /* read only, shared by the workers */
    pthread_mutex_t lock;
    pthread_cond_t work; /* a worker may claim further (or must quit) */
    pthread_cond_t done; /* a record became ready */
    size_t next;         /* the next input to claim */
    size_t released;     /* inputs the main thread is done with */
    size_t window;       /* a worker claims only below released + window */
    int main_waits;      /* the main thread sleeps on done */
    cli_record *slots;   /* input i's record is slots[i % window] */
    atomic_int cancel;   /* the run ends: stop reading */
    pthread_t *threads;
    unsigned nthreads;       /* threads made */
    unsigned nworkers;       /* threads asked for */
    struct worker_arg *args; /* one per worker */
};

typedef struct worker_arg {
    cli_jobs *jobs;
    unsigned char *buf; /* its read buffer */
} worker_arg;

/* Check one file into rec, as check_fd does, without its side effects:
 * no message, no output, only the events and how the input ended. */
static void run_input(cli_jobs *jobs, const char *path, cli_record *rec, unsigned char *buf) {
    recorder r = {rec, 0};
    const lsc_config *config;
    lsc_config *owned_config = NULL;
    lsc_checker *checker;
    lsc_error err;
    cli_feed feed;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        rec->open_errno = errno;
        return;
    }
    memset(&err, 0, sizeof err);
    if (cli_jobs_config_for_file(jobs->opts, path, &config, &rec->fail_on, &owned_config) != 0) {
        rec->config_failed = 1;
        close(fd);
        return;
    }
    rec->missing_severity = lsc_config_severity(config, "expected-finding-missing");
    checker = lsc_checker_new(config, path, &recording, &r, &err);
    lsc_config_free(owned_config); /* copied by the checker */
    if (!checker) {
        rec->new_failed = 1;
        snprintf(rec->text, sizeof rec->text, "%s", err.text[0] ? err.text : "out of memory");
        close(fd);
        return;
    }
    /* the run's configuration, as check_fd gives it */
    cli_feed_init(&feed, checker, jobs->opts->config, path, cli_is_gzip_name(path), rec_finding,
                  &r);
    for (;;) {
        ssize_t n;
        if (atomic_load(&jobs->cancel)) { /* nobody will replay it */
            rec->state = -1;
            break;
        }
        n = read(fd, buf, JOB_READ_SIZE);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rec->read_errno = errno;
            break;
        }
        if (n == 0)
            break;
        int rc = cli_feed_bytes(&feed, buf, (size_t)n, &err);
        if (rc == LSC_MALFORMED) {
            rec->state = 1;
            break; /* nothing more to learn from the rest */
        } else if (rc < 0) {
            rec->state = -1;
            break;
        }
    }
    if (rec->read_errno == 0 && rec->state >= 0 && cli_feed_finish(&feed, &err) < LSC_OK)
        rec->state = -1;
    rec->gzip_padding = feed.failed ? 0 : feed.padding;
    if (rec->state < 0)
        snprintf(rec->text, sizeof rec->text, "%s",
                 r.nomem || !err.text[0] ? "out of memory" : err.text);
    rec->stats = *lsc_checker_stats(checker);
    cli_feed_release(&feed);
    lsc_checker_free(checker);
    close(fd);
}

/* Whether an input is left to claim within the window (lock held). */
static int can_claim(const cli_jobs *jobs) {
    return !atomic_load(&jobs->cancel) && jobs->next < jobs->inputs->count &&
           jobs->next < jobs->released + jobs->window;
}

/* Claim the next input and check it into its slot, with buf (lock held on
 * entry and on return, released while checking). */
static void claim_and_run(cli_jobs *jobs, unsigned char *buf) {
    size_t i = jobs->next++;
    cli_record *rec = &jobs->slots[i % jobs->window];
    memset(rec, 0, sizeof *rec); /* the slot is this thread's until ready */
    pthread_mutex_unlock(&jobs->lock);
    if (jobs->inputs->items[i].kind == CLI_INPUT_FILE)
        run_input(jobs, jobs->inputs->items[i].path, rec, buf);
    pthread_mutex_lock(&jobs->lock);
    rec->ready = 1;
    if (jobs->main_waits) /* only the main thread waits on done */
        pthread_cond_broadcast(&jobs->done);
}

static void *worker(void *p) {
    worker_arg *arg = p;
    cli_jobs *jobs = arg->jobs;
    pthread_mutex_lock(&jobs->lock);
    for (;;) {
        while (!can_claim(jobs) && !atomic_load(&jobs->cancel) && jobs->next < jobs->inputs->count)
            pthread_cond_wait(&jobs->work, &jobs->lock);
        if (!can_claim(jobs))
            break; /* cancelled, or nothing left */
        claim_and_run(jobs, arg->buf);
    }
    pthread_mutex_unlock(&jobs->lock);
    return NULL;
}

static void free_pool(cli_jobs *jobs) {
    unsigned i;
    if (jobs->args)
        for (i = 0; i < jobs->nworkers; i++)
            free(jobs->args[i].buf);
    free(jobs->args);
    free(jobs->threads);
    free(jobs->slots);
    free(jobs);
}

cli_jobs *cli_jobs_start(const cli_input_list *inputs, const cli_options *opts, unsigned workers) {
    cli_jobs *jobs;
    unsigned i;
    if (workers < 2)
        return NULL;
    jobs = calloc(1, sizeof *jobs);
    if (!jobs)
        return NULL;
    jobs->inputs = inputs;
    jobs->opts = opts;
    jobs->nworkers = workers;
    jobs->window = (size_t)workers * CLI_JOBS_AHEAD;
    atomic_init(&jobs->cancel, 0);
    jobs->slots = calloc(jobs->window, sizeof *jobs->slots);
    jobs->threads = calloc(workers, sizeof *jobs->threads);
    jobs->args = calloc(workers, sizeof *jobs->args);
    if (!jobs->slots || !jobs->threads || !jobs->args)
        goto fail;
    for (i = 0; i < workers; i++) {
        jobs->args[i].jobs = jobs;
        if (!(jobs->args[i].buf = malloc(JOB_READ_SIZE)))
            goto fail;
    }
    if (pthread_mutex_init(&jobs->lock, NULL) != 0)
        goto fail;
    if (pthread_cond_init(&jobs->work, NULL) != 0) {
        pthread_mutex_destroy(&jobs->lock);
        goto fail;
    }
    if (pthread_cond_init(&jobs->done, NULL) != 0) {
        pthread_cond_destroy(&jobs->work);
        pthread_mutex_destroy(&jobs->lock);
        goto fail;
    }
    /* The main thread is the first worker (args[0]): while the record it
     * needs is not ready, it checks the next input itself rather than
     * sleep, so N workers are N busy threads and a run of small files is
     * not a train of wake-ups. */
    for (i = 1; i < workers; i++)
        if (pthread_create(&jobs->threads[i - 1], NULL, worker, &jobs->args[i]) != 0)
            break;
    jobs->nthreads = i - 1;
    return jobs; /* fewer threads than asked (even none) still do the work */
fail:
    free_pool(jobs);
    return NULL;
}

/* The main thread waits for input i's record: it checks unclaimed inputs
 * itself meanwhile (input i first if nobody took it). */
static void wait_ready(cli_jobs *jobs, const cli_record *rec) {
    pthread_mutex_lock(&jobs->lock);
    while (!rec->ready) {
        if (can_claim(jobs))
            claim_and_run(jobs, jobs->args[0].buf);
        else {
            jobs->main_waits = 1;
            pthread_cond_wait(&jobs->done, &jobs->lock);
            jobs->main_waits = 0;
        }
    }
    pthread_mutex_unlock(&jobs->lock);
}

const cli_record *cli_jobs_wait(cli_jobs *jobs, size_t i) {
    cli_record *rec = &jobs->slots[i % jobs->window];
    wait_ready(jobs, rec);
    return rec;
}

void cli_jobs_release(cli_jobs *jobs, size_t i) {
    cli_record *rec = &jobs->slots[i % jobs->window];
    /* input i may not be a file (never waited for): it is claimed and
     * marked ready all the same; a worker claims the slot again only after
     * released moves past i */
    wait_ready(jobs, rec);
    arena_free(rec);
    pthread_mutex_lock(&jobs->lock);
    rec->ready = 0;
    jobs->released = i + 1;
    /* A worker that ran a window ahead waits until half of it is free: a
     * wake-up per released input made a context switch per small file. */
    if (jobs->next >= jobs->inputs->count ||
        jobs->released + jobs->window - jobs->next >= (jobs->window + 1) / 2)
        pthread_cond_broadcast(&jobs->work);
    pthread_mutex_unlock(&jobs->lock);
}

void cli_jobs_free(cli_jobs *jobs) {
    unsigned i;
    size_t k;
    if (!jobs)
        return;
    pthread_mutex_lock(&jobs->lock);
    atomic_store(&jobs->cancel, 1);
    pthread_cond_broadcast(&jobs->work);
    pthread_mutex_unlock(&jobs->lock);
    for (i = 0; i < jobs->nthreads; i++)
        pthread_join(jobs->threads[i], NULL);
    for (k = 0; k < jobs->window; k++)
        arena_free(&jobs->slots[k]);
    pthread_cond_destroy(&jobs->done);
    pthread_cond_destroy(&jobs->work);
    pthread_mutex_destroy(&jobs->lock);
    free_pool(jobs);
}
