/* count_certificates: how many certificates of each status the saved
 * GetCertificates responses hold, using the installed liblscertlint.
 *
 *   cc count_certificates.c $(pkg-config --cflags --libs lscertlint) -o count_certificates
 *   ./count_certificates page1.json page2.json   (no FILE: standard input)
 *
 * Prints "STATUS COUNT" lines in the model's order, then the summaries
 * without a certificateDetail ("(no detail)") and with another status
 * ("(other)"); exits 1 when an input had an error finding. */
#include <stdio.h>
#include <string.h>

#include <lscertlint.h>

static const char *const statuses[] = {
    "PENDING_VALIDATION",   "ISSUED",  "INACTIVE", "EXPIRED",
    "VALIDATION_TIMED_OUT", "REVOKED", "FAILED",
};
#define NSTATUS (sizeof statuses / sizeof statuses[0])

struct counts {
    size_t by_status[NSTATUS];
    size_t no_detail;
    size_t other;
    size_t errors;
};

/* Called once per certificate summary, as soon as its '}' is read. */
static int on_certificate(void *user, const lsc_certificate *cert) {
    struct counts *c = user;
    const lsc_string *status = &cert->certificate_detail.status;
    size_t i;
    if (!cert->certificate_detail.m.ok || !status->m.ok) {
        c->no_detail++;
        return 0;
    }
    for (i = 0; i < NSTATUS; i++) {
        if (status->len == strlen(statuses[i]) &&
            memcmp(status->s, statuses[i], status->len) == 0) {
            c->by_status[i]++;
            return 0;
        }
    }
    c->other++;
    return 0;
}

static int on_finding(void *user, const lsc_finding *f) {
    struct counts *c = user;
    if (f->severity == LSC_ERROR) {
        c->errors++;
        fprintf(stderr, "%s:%llu:%llu: %s [%s]\n", f->file, (unsigned long long)f->pos.line,
                (unsigned long long)f->pos.column, f->message, f->rule->id);
    }
    return 0;
}

static int count_file(const lsc_config *config, const char *name, FILE *in, struct counts *c) {
    lsc_callbacks cb = {NULL, on_certificate, NULL, on_finding};
    lsc_error err;
    char buf[65536];
    size_t n;
    lsc_status rc = LSC_OK;
    lsc_checker *checker = lsc_checker_new(config, name, &cb, c, &err);
    if (!checker) {
        fprintf(stderr, "%s: %s\n", name, err.text);
        return -1;
    }
    while (rc == LSC_OK && (n = fread(buf, 1, sizeof buf, in)) > 0)
        rc = lsc_checker_feed(checker, buf, n, &err);
    if (rc == LSC_OK)
        rc = lsc_checker_finish(checker, &err);
    if (ferror(in)) {
        perror(name);
        rc = LSC_STOPPED;
    } else if (rc < LSC_OK) { /* stopped, out of memory: not a finding */
        fprintf(stderr, "%s: %s\n", name, err.text);
    }
    lsc_checker_free(checker);
    return rc < 0 ? -1 : 0;
}

int main(int argc, char **argv) {
    struct counts c;
    lsc_config *config = lsc_config_new();
    int i, failed = 0;
    size_t k;
    if (!config)
        return 2;
    memset(&c, 0, sizeof c);
    if (argc < 2) {
        failed |= count_file(config, "<stdin>", stdin, &c) != 0;
    }
    for (i = 1; i < argc; i++) {
        FILE *in = fopen(argv[i], "rb");
        if (!in) {
            perror(argv[i]);
            failed = 1;
            continue;
        }
        failed |= count_file(config, argv[i], in, &c) != 0;
        fclose(in);
    }
    lsc_config_free(config);
    for (k = 0; k < NSTATUS; k++)
        printf("%s %zu\n", statuses[k], c.by_status[k]);
    printf("(no detail) %zu\n(other) %zu\n", c.no_detail, c.other);
    return failed ? 2 : c.errors ? 1 : 0;
}
