/* sarif_report: check saved GetCertificates responses and write the
 * findings as SARIF 2.1.0 on standard output, with the installed
 * liblscertlint alone (no lscertlint program):
 *
 *   cc sarif_report.c $(pkg-config --cflags --libs lscertlint) -o sarif_report
 *   ./sarif_report page1.json page2.json > findings.sarif
 *
 * The output is the bytes `lscertlint --no-config -f sarif FILE...` writes.
 * Exits 0 without error findings, 1 with some, 3 when reading or writing
 * failed. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <lscertlint.h>

/* The reporter's output: here standard output, through a callback (a
 * service would append to a buffer or a socket instead). */
static int write_stdout(void *user, const char *data, size_t len) {
    (void)user;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

struct run {
    lsc_reporter *reporter;
    size_t findings; /* of the current input */
    int failed;      /* the reporter failed: stop */
};

/* Each certificate first: its ARN identifies its findings' fingerprints. */
static int on_certificate(void *user, const lsc_certificate *cert) {
    struct run *run = user;
    if (lsc_reporter_certificate(run->reporter, cert) != 0) {
        run->failed = 1;
        return 1; /* stop the checker */
    }
    return 0;
}

static int on_finding(void *user, const lsc_finding *finding) {
    struct run *run = user;
    run->findings++;
    if (lsc_reporter_finding(run->reporter, finding, LSC_MARK_NONE) != 0) {
        run->failed = 1;
        return 1;
    }
    return 0;
}

/* One input: checked and reported. 0, or -1 when it could not be read or
 * the report could not be written. */
static int check_file(const lsc_config *config, const char *name, struct run *run) {
    lsc_callbacks cb = {NULL, on_certificate, NULL, on_finding};
    lsc_error err;
    char buf[65536];
    size_t n;
    lsc_status rc = LSC_OK;
    int read_errno = 0;
    lsc_checker *checker = NULL;
    FILE *in = fopen(name, "rb");
    if (lsc_reporter_input_start(run->reporter, name) != 0)
        goto write_failed;
    if (in == NULL) {
        read_errno = errno;
        if (lsc_reporter_input_end(run->reporter, NULL, "unreadable", strerror(read_errno)) != 0)
            goto write_failed;
        return -1;
    }
    run->findings = 0;
    checker = lsc_checker_new(config, name, &cb, run, &err);
    if (checker == NULL) {
        fprintf(stderr, "sarif_report: %s: %s\n", name, err.text);
        fclose(in);
        return -1;
    }
    while (rc != LSC_STOPPED && rc != LSC_NOMEM && (n = fread(buf, 1, sizeof buf, in)) > 0)
        rc = lsc_checker_feed(checker, buf, n, &err);
    if (ferror(in))
        read_errno = errno != 0 ? errno : EIO;
    else if (rc != LSC_STOPPED && rc != LSC_NOMEM)
        rc = lsc_checker_finish(checker, &err);
    fclose(in);
    if (rc == LSC_NOMEM || (rc == LSC_STOPPED && !run->failed))
        fprintf(stderr, "sarif_report: %s: %s\n", name, err.text);
    int end = run->failed ? -1
              : read_errno != 0
                  ? lsc_reporter_input_end(run->reporter, lsc_checker_stats(checker), "unreadable",
                                           strerror(read_errno))
                  : lsc_reporter_input_end(run->reporter, lsc_checker_stats(checker),
                                           run->findings > 0 ? "findings" : "ok", NULL);
    lsc_checker_free(checker);
    if (end != 0)
        goto write_failed;
    return read_errno != 0 || rc == LSC_NOMEM ? -1 : 0;
write_failed:
    run->failed = 1;
    if (in != NULL)
        fclose(in);
    return -1;
}

int main(int argc, char **argv) {
    lsc_reporter_options opts;
    struct run run = {NULL, 0, 0};
    int status = 0;
    lsc_config *config = lsc_config_new(); /* every rule at its default severity */
    if (config == NULL) {
        fputs("sarif_report: out of memory\n", stderr);
        return 3;
    }
    lsc_reporter_options_init(&opts);
    opts.format = LSC_FORMAT_SARIF;
    opts.config = config; /* rules[]: the enabled rules */
    run.reporter = lsc_reporter_new(&opts, write_stdout, NULL);
    if (run.reporter == NULL) {
        fprintf(stderr, "sarif_report: %s\n", strerror(errno));
        lsc_config_free(config);
        return 3;
    }
    for (int i = 1; i < argc && !run.failed; i++)
        if (check_file(config, argv[i], &run) != 0)
            status = 3;
    if (run.failed || lsc_reporter_finish(run.reporter) != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "sarif_report: standard output: %s\n", strerror(errno));
        status = 3;
    } else if (status == 0 && lsc_reporter_count(run.reporter, LSC_COUNT_ERRORS) > 0) {
        status = 1;
    }
    lsc_reporter_free(run.reporter);
    lsc_config_free(config);
    return status;
}
