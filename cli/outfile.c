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

void cli_outfile_handle_signals(void) {
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    size_t i;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = remove_temps_and_die;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaddset(&sa.sa_mask, sigs[i]); /* one cleanup at a time */
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old;
        /* A signal the caller ignores (nohup) stays ignored. */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
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
    int fd = -1, saved;
    mode_t mode;

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
            of->final = realpath(path, NULL);
            if (!of->final)
                return -1;
        }
        if (stat(path, &st) == 0)
            mode = st.st_mode & 07777; /* keep the report's permissions */
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
    if (fchmod(fd, mode) != 0)
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
