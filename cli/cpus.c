#include "config.h"

#include "cli/cpus.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_SCHED_GETAFFINITY
#include <sched.h>
#endif

/* A decimal number at *p (leading blanks skipped), moved past it; -1 when
 * there is none or it is out of range. */
static long long number(const char **p) {
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    long long v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (LLONG_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    *p = s;
    return v;
}

/* ceil(quota / period), at least 1; 0 when either is not positive. */
static unsigned ratio(long long quota, long long period) {
    if (quota <= 0 || period <= 0)
        return 0;
    long long n = quota / period + (quota % period != 0);
    if (n < 1)
        n = 1;
    return n > 65536 ? 65536 : (unsigned)n;
}

unsigned cli_cgroup2_quota(const char *text) {
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncmp(p, "max", 3) == 0)
        return 0;
    long long quota = number(&p);
    if (quota < 0 || (*p != ' ' && *p != '\t'))
        return 0;
    long long period = number(&p);
    if (period < 0 || (*p != '\0' && *p != '\n' && *p != ' '))
        return 0;
    return ratio(quota, period);
}

unsigned cli_cgroup1_quota(const char *quota_text, const char *period_text) {
    const char *q = quota_text, *pe = period_text;
    long long quota = number(&q); /* "-1" (no limit) is not a number here */
    long long period = number(&pe);
    if (quota < 0 || period < 0)
        return 0;
    return ratio(quota, period);
}

/* A small file's text (its first size - 1 bytes), or NULL. */
static char *read_small(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    ssize_t n;
    do
        n = read(fd, buf, size - 1);
    while (n < 0 && errno == EINTR);
    close(fd);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return buf;
}

/* The lowest quota of dir and its parents up to root (v2). */
static unsigned v2_quota(const char *root, const char *path) {
    char file[4096], buf[128], dir[4096];
    unsigned best = 0;
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return 0;
    for (;;) {
        size_t n = strlen(dir);
        while (n > 1 && dir[n - 1] == '/')
            dir[--n] = '\0';
        if (snprintf(file, sizeof file, "%s%s/cpu.max", root, strcmp(dir, "/") ? dir : "") <
                (int)sizeof file &&
            read_small(file, buf, sizeof buf)) {
            unsigned q = cli_cgroup2_quota(buf);
            if (q && (!best || q < best))
                best = q;
        }
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            break;
        *slash = '\0';
    }
    return best;
}

static unsigned v1_quota_in(const char *dir) {
    char file[4096], quota[64], period[64];
    if (snprintf(file, sizeof file, "%s/cpu.cfs_quota_us", dir) >= (int)sizeof file ||
        !read_small(file, quota, sizeof quota))
        return 0;
    if (snprintf(file, sizeof file, "%s/cpu.cfs_period_us", dir) >= (int)sizeof file ||
        !read_small(file, period, sizeof period))
        return 0;
    return cli_cgroup1_quota(quota, period);
}

/* v1: the cpu controller's group under its mount (cpu or cpu,cpuacct),
 * else the mount's own files (a container sees its group there). */
static unsigned v1_quota(const char *root, const char *path) {
    static const char *const mounts[] = {"cpu", "cpu,cpuacct", "cpuacct,cpu"};
    char dir[4096];
    for (size_t i = 0; i < sizeof mounts / sizeof *mounts; i++) {
        unsigned q = 0;
        if (snprintf(dir, sizeof dir, "%s/%s%s", root, mounts[i], strcmp(path, "/") ? path : "") <
            (int)sizeof dir)
            q = v1_quota_in(dir);
        if (!q && snprintf(dir, sizeof dir, "%s/%s", root, mounts[i]) < (int)sizeof dir)
            q = v1_quota_in(dir);
        if (q)
            return q;
    }
    return 0;
}

/* Does the comma-separated list name the cpu controller? */
static int names_cpu(const char *list, size_t len) {
    const char *p = list, *end = list + len;
    while (p < end) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        size_t n = c ? (size_t)(c - p) : (size_t)(end - p);
        if (n == 3 && memcmp(p, "cpu", 3) == 0)
            return 1;
        p += n + 1;
    }
    return 0;
}

unsigned cli_cgroup_quota(const char *text, const char *root) {
    char path[4096];
    const char *line = text;
    unsigned v1 = 0;
    while (line && *line) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        /* hierarchy-id:controllers:path */
        const char *c1 = memchr(line, ':', len);
        const char *c2 = c1 ? memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - line)) : NULL;
        if (c2 && (size_t)(line + len - (c2 + 1)) < sizeof path) {
            size_t plen = (size_t)(line + len - (c2 + 1));
            memcpy(path, c2 + 1, plen);
            path[plen] = '\0';
            if (c1 - line == 1 && line[0] == '0' && c2 == c1 + 1 && path[0] == '/') {
                unsigned q = v2_quota(root, path);
                if (q)
                    return q;
            } else if (!v1 && path[0] == '/' && names_cpu(c1 + 1, (size_t)(c2 - c1 - 1))) {
                v1 = v1_quota(root, path);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    return v1;
}

unsigned cli_cpus_available(unsigned max) {
    long n = -1;
#ifdef HAVE_SCHED_GETAFFINITY
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        n = CPU_COUNT(&set);
#endif
    if (n < 1)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    char buf[8192];
    if (read_small("/proc/self/cgroup", buf, sizeof buf)) {
        unsigned q = cli_cgroup_quota(buf, "/sys/fs/cgroup");
        if (q && q < (unsigned long)n)
            n = (long)q;
    }
    return (unsigned long)n > max ? max : (unsigned)n;
}
