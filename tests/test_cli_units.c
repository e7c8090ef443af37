/* Units of the program's -j path that need no input: the cgroup CPU quota
 * parsers (cli/cpus.c) and the listing's ARN set (cli/listing.c) under a
 * flood of ARNs crafted against the unkeyed hash it had. With --crafted N,
 * prints N such ARNs, one a line (tests/cli-jobs-bounds.sh). */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cpus.h"
#include "cli/listing.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- cgroup quotas -------------------------------------------------- */

static const struct {
    const char *text;
    unsigned cpus;
} v2_cases[] = {
    {"max 100000\n", 0},
    {"max\n", 0},
    {"100000 100000\n", 1},
    {"150000 100000\n", 2},
    {"200000 100000", 2},
    {"200001 100000\n", 3},
    {"50000 100000\n", 1},
    {"1000 100000\n", 1},
    {"400000 50000\n", 8},
    {"0 100000\n", 0},
    {"100000 0\n", 0},
    {"", 0},
    {"garbage\n", 0},
    {"100000\n", 0},
    {"-1 100000\n", 0},
    {"100000 100000x\n", 0},
    {"99999999999999999999 1\n", 0},
};

START_TEST(cgroup2_quota) {
    ck_assert_msg(cli_cgroup2_quota(v2_cases[_i].text) == v2_cases[_i].cpus, "\"%s\": %u, not %u",
                  v2_cases[_i].text, cli_cgroup2_quota(v2_cases[_i].text), v2_cases[_i].cpus);
}
END_TEST

static const struct {
    const char *quota, *period;
    unsigned cpus;
} v1_cases[] = {
    {"-1\n", "100000\n", 0},    {"100000\n", "100000\n", 1}, {"250000\n", "100000\n", 3},
    {"50000\n", "100000\n", 1}, {"300000", "100000", 3},     {"100000\n", "0\n", 0},
    {"", "100000\n", 0},        {"100000\n", "", 0},
};

START_TEST(cgroup1_quota) {
    ck_assert_uint_eq(cli_cgroup1_quota(v1_cases[_i].quota, v1_cases[_i].period),
                      v1_cases[_i].cpus);
}
END_TEST

static void put(const char *dir, const char *rel, const char *text) {
    char path[1024], cmd[1200];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", path);
    ck_assert_int_eq(system(cmd), 0);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* The files found from /proc/self/cgroup's text, on a fake tree. */
START_TEST(cgroup_tree) {
    char root[] = "/tmp/test_cli_units.XXXXXX", cmd[128];
    ck_assert_ptr_nonnull(mkdtemp(root));
    /* v2: the lowest quota on the way up wins; the root has no cpu.max */
    put(root, "a/cpu.max", "300000 100000\n");
    put(root, "a/b/cpu.max", "max 100000\n");
    put(root, "a/b/c/cpu.max", "max 100000\n");
    ck_assert_uint_eq(cli_cgroup_quota("0::/a/b/c\n", root), 3);
    put(root, "a/b/cpu.max", "120000 100000\n");
    ck_assert_uint_eq(cli_cgroup_quota("0::/a/b/c\n", root), 2);
    ck_assert_uint_eq(cli_cgroup_quota("0::/\n", root), 0);
    ck_assert_uint_eq(cli_cgroup_quota("0::/missing\n", root), 0);
    /* v1: the cpu controller's group, else the mount's own files */
    put(root, "cpu,cpuacct/g/cpu.cfs_quota_us", "250000\n");
    put(root, "cpu,cpuacct/g/cpu.cfs_period_us", "100000\n");
    ck_assert_uint_eq(cli_cgroup_quota("4:memory:/x\n3:cpu,cpuacct:/g\n", root), 3);
    put(root, "cpu/cpu.cfs_quota_us", "100000\n");
    put(root, "cpu/cpu.cfs_period_us", "100000\n");
    ck_assert_uint_eq(cli_cgroup_quota("3:cpu:/not/here\n", root), 1);
    ck_assert_uint_eq(cli_cgroup_quota("3:cpuacct:/g\n", root), 0); /* not the cpu controller */
    ck_assert_uint_eq(cli_cgroup_quota("", root), 0);
    ck_assert_uint_eq(cli_cgroup_quota("garbage", root), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    ck_assert_int_eq(system(cmd), 0);
    /* whatever the machine: at least 1, at most the bound */
    ck_assert_uint_ge(cli_cpus_available(1024), 1);
    ck_assert_uint_eq(cli_cpus_available(1), 1);
}
END_TEST

/* ---- the listing under crafted ARNs ----------------------------------- */

/* The hash the listing used before it was keyed (fixed multipliers): ARNs
 * that share its low bits can be found offline by anyone. */
static size_t unkeyed_hash(const char *s, size_t len) {
    uint64_t h = 0x9E3779B97F4A7C15u ^ len, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    for (; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3u;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53u;
    return (size_t)(h ^ (h >> 29));
}

/* The next crafted ARN after *counter: its unkeyed hash falls in the
 * first 1024 of 65,536 slots, so 20,000 of them make one cluster. */
static size_t crafted_arn(char *out, size_t size, unsigned long *counter) {
    for (;;) {
        int n = snprintf(out, size, "arn:aws:lightsail:us-east-1:123456789012:Certificate/%010lu",
                         (*counter)++);
        if ((unkeyed_hash(out, (size_t)n) & 0xFFFF) < 1024)
            return (size_t)n;
    }
}

#define FLOOD 20000

START_TEST(listing_flood_linear) {
    cli_listing *l = cli_listing_new();
    ck_assert_ptr_nonnull(l);
    char arn[128];
    unsigned long counter = 0;
    for (int i = 0; i < FLOOD; i++) {
        size_t n = crafted_arn(arn, sizeof arn, &counter);
        ck_assert_int_eq(cli_listing_add(l, arn, n, 0, (size_t)i), 0);
    }
    counter = 0;
    for (int i = 0; i < FLOOD; i++) {
        size_t n = crafted_arn(arn, sizeof arn, &counter);
        ck_assert(cli_listing_has(l, arn, n));
    }
    ck_assert(!cli_listing_has(l, "arn:x", 5));
    size_t probes = cli_listing_probes(l);
    printf("listing: %d crafted ARNs added and looked up: %zu probes\n", FLOOD, probes);
    /* keyed: about 2.5 probes an operation at load <= 1/2, the rehashes
     * included; unkeyed, this flood took about n^2/2 (2e8) */
    ck_assert_uint_le(probes, (size_t)16 * FLOOD);
    cli_listing_clear(l);
    ck_assert(!cli_listing_has(l, "arn:x", 5));
    cli_listing_free(l);
    cli_listing_free(NULL);
}
END_TEST

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--crafted") == 0) {
        long n = atol(argv[2]);
        char arn[128];
        unsigned long counter = 0;
        for (long i = 0; i < n; i++) {
            crafted_arn(arn, sizeof arn, &counter);
            puts(arn);
        }
        return 0;
    }
    Suite *s = suite_create("cli_units");
    TCase *tc = tcase_create("cpus");
    tcase_add_loop_test(tc, cgroup2_quota, 0, N(v2_cases));
    tcase_add_loop_test(tc, cgroup1_quota, 0, N(v1_cases));
    tcase_add_test(tc, cgroup_tree);
    suite_add_tcase(s, tc);
    tc = tcase_create("listing");
    tcase_add_test(tc, listing_flood_linear);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
