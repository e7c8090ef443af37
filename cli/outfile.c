#include "config.h"

#include "cli/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files that exist, for the signal handler: slots are set
 * before the file is created and cleared after it is renamed or removed,
 * so the handler unlinks at worst a name that no longer exists. */
#define CLI_MAX_TEMPS 64
static char *volatile temps[CLI_MAX_TEMPS];
static volatile sig_atomic_t ntemps;

static void remove_temps_and_die(int sig) {
    sig_atomic_t i;
    for (i = 0; i < ntemps; i++) {
        char *t = temps[i];
        if (t)
            unlink(t); /* async-signal-safe */
    }
    signal(sig, SIG_DFL);
    raise(sig); /* die of the signal: the parent sees 128+N */
}

/* Every asynchronous signal whose default action ends the process. Not
 * here: SIGKILL (cannot be caught); SIGSEGV, SIGBUS, SIGFPE, SIGILL,
 * SIGTRAP, SIGSYS and SIGABRT (a bug in this process: its memory is not
 * to be trusted, and sanitizers and core dumps need them untouched);
 * SIGPIPE (ignored by main(): a closed pipe is a write error). */
static const int fatal_signals[] = {
    SIGHUP,    SIGINT,    SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2,
    SIGALRM,   SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
#ifdef SIGPOLL
    SIGPOLL,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGLOST
    SIGLOST,
#endif
};

/* Install the handler for sig unless the caller ignores it (nohup). */
static void handle(int sig, const struct sigaction *sa) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        return;
    sigaction(sig, sa, NULL);
}

void cli_outfile_handle_signals(void) {
    struct sigaction sa;
    size_t i;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = remove_temps_and_die;
    sigfillset(&sa.sa_mask); /* one cleanup at a time */
    for (i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
        handle(fatal_signals[i], &sa);
#if defined(SIGRTMIN) && defined(SIGRTMAX)
    { /* real-time signals end the process too by default */
        int sig;
        for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
            handle(sig, &sa);
    }
#endif
}

static void forget_temp(cli_outfile *of) {
    if (of->slot >= 0)
        temps[of->slot] = NULL;
    of->slot = -1;
}

/* The mode a new file would get from fopen(): 0666 minus the umask. */
static mode_t default_mode(void) {
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

/* The file a chain of symlinks at path ends on, existing or not (a
 * dangling link as -o creates its target, as the shell's '>' does).
 * NULL with errno set (ELOOP after 40 links). */
static char *link_target(const char *path) {
    char *cur = strdup(path);
    int hops;
    for (hops = 0; cur && hops < 40; hops++) {
        struct stat st;
        char buf[PATH_MAX], *next;
        const char *slash;
        ssize_t n;
        size_t dirlen;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur; /* the end of the chain (ENOENT: to be created) */
        n = readlink(cur, buf, sizeof buf - 1);
        if (n < 0) {
            free(cur);
            return NULL;
        }
        buf[n] = '\0';
        slash = strrchr(cur, '/');
        dirlen = buf[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
        next = malloc(dirlen + (size_t)n + 1);
        if (next) {
            memcpy(next, cur, dirlen); /* relative: from the link's directory */
            memcpy(next + dirlen, buf, (size_t)n + 1);
        }
        free(cur);
        cur = next;
    }
    if (cur) {
        free(cur);
        errno = ELOOP;
    }
    return NULL;
}

/* "DIR/.BASE.XXXXXX" for final = "DIR/BASE" (or "BASE"). */
static char *temp_template(const char *final) {
    const char *slash = strrchr(final, '/');
    size_t dirlen = slash ? (size_t)(slash - final) + 1 : 0;
    const char *base = final + dirlen;
    size_t len = dirlen + 1 + strlen(base) + 8;
    char *t = malloc(len);
    if (!t)
        return NULL;
    memcpy(t, final, dirlen);
    snprintf(t + dirlen, len - dirlen, ".%s.XXXXXX", base);
    return t;
}

int cli_outfile_open(cli_outfile *of, const char *path) {
    struct stat st;
    int fd = -1, saved, keep_owner = 0;
    mode_t mode;
    uid_t uid = 0;
    gid_t gid = 0;

    memset(of, 0, sizeof *of);
    of->target = path;
    of->slot = -1;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        of->fp = fopen(path, "w"); /* /dev/null, a FIFO, a terminal */
        return of->fp ? 0 : -1;
    }
    mode = default_mode();
    if (lstat(path, &st) == 0) {
        if (S_ISLNK(st.st_mode)) {
            /* Replace the file the link names, not the link. */
            of->final = link_target(path);
            if (!of->final)
                return -1;
        }
        if (stat(path, &st) == 0) {
            /* keep the report's permissions, never its set-id bits (a
             * report is not a program), and its owner and group where
             * permitted, as install -p and editors do */
            mode = st.st_mode & 0777;
            keep_owner = 1;
            uid = st.st_uid;
            gid = st.st_gid;
        }
    }
    if (!of->final)
        of->final = strdup(path);
    if (!of->final)
        goto fail;
    of->temp = temp_template(of->final);
    if (!of->temp)
        goto fail;
    if (ntemps >= CLI_MAX_TEMPS) {
        errno = EMFILE;
        goto fail;
    }
    of->slot = ntemps;
    temps[of->slot] = of->temp;
    ntemps++;
    fd = mkstemp(of->temp);
    if (fd < 0 && (errno == EACCES || errno == EPERM) && access(path, W_OK) == 0) {
        /* A writable report in a directory we may not create files in:
         * written in place, as before (not atomic, but not refused). */
        forget_temp(of);
        free(of->temp);
        free(of->final);
        of->temp = of->final = NULL;
        of->fp = fopen(path, "w");
        return of->fp ? 0 : -1;
    }
    if (fd < 0)
        goto fail;
    /* owner, else group only; not permitted is fine (the file is ours) */
    if (keep_owner && fchown(fd, uid, gid) != 0)
        (void)(fchown(fd, (uid_t)-1, gid) == 0);
    if (fchmod(fd, mode) != 0) /* after fchown, which may clear bits */
        goto fail;
    of->fp = fdopen(fd, "w");
    if (!of->fp)
        goto fail;
    return 0;
fail:
    saved = errno ? errno : ENOMEM;
    if (fd >= 0) {
        close(fd);
        unlink(of->temp);
    }
    forget_temp(of);
    free(of->temp);
    free(of->final);
    of->temp = of->final = NULL;
    errno = saved;
    return -1;
}

int cli_outfile_commit(cli_outfile *of) {
    int failed = 0, saved = 0;
    if (!of->fp)
        return 0;
    if (fflush(of->fp) != 0 || ferror(of->fp)) {
        failed = 1;
        saved = errno ? errno : EIO;
    } else if (of->temp && fsync(fileno(of->fp)) != 0 && errno != EINVAL) {
        failed = 1; /* EINVAL: a file system without fsync, nothing to lose */
        saved = errno;
    }
    if (fclose(of->fp) != 0 && !failed) {
        failed = 1;
        saved = errno ? errno : EIO;
    }
    of->fp = NULL;
    if (of->temp) {
        if (!failed && rename(of->temp, of->final) != 0) {
            failed = 1;
            saved = errno;
        }
        if (failed)
            unlink(of->temp);
        forget_temp(of);
    }
    free(of->temp);
    free(of->final);
    of->temp = of->final = NULL;
    errno = saved;
    return failed ? -1 : 0;
}

void cli_outfile_discard(cli_outfile *of) {
    if (of->fp)
        fclose(of->fp);
    of->fp = NULL;
    if (of->temp) {
        unlink(of->temp);
        forget_temp(of);
    }
    free(of->temp);
    free(of->final);
    of->temp = of->final = NULL;
}
