/* bench/gen: a deterministic generator of realistic, clean GetCertificates
 * responses for the benchmarks.
 *
 * Every field of doc/contract.md §2 is filled, statuses are mixed but
 * consistent (ISSUED has its validity fields, REVOKED its revokedAt and
 * revocationReason, ...), so lscertlint gives no error and no warning on
 * the output; with --per-page each page but the last carries nextPageToken,
 * which is a partial-page note. The output is streamed through a small
 * buffer: --bytes 1e9 never holds the document in memory.
 *
 * Usage: gen [--certs N] [--bytes N] [--per-page N] [--pretty] [--epoch]
 *            [--seed N] [--files N --dir DIR]
 *
 *   --certs N     stop after N certificates (default 1000; unlimited with
 *                 --bytes unless given too)
 *   --bytes N     stop after the certificate that brings the output to about
 *                 N bytes (N may be written 1e9, 100e6); the documents are
 *                 closed properly
 *   --per-page N  JSON Lines: one document per N certificates, each but the
 *                 last with nextPageToken (default: one document)
 *   --pretty      4-space indent and ": " like the AWS CLI
 *   --epoch       timestamps as epoch-second numbers (AWS CLI v1 style);
 *                 default ISO 8601 strings in -07:00 (AWS CLI v2 style)
 *   --seed N      PRNG seed (default fixed): the same options give the same
 *                 bytes on every machine
 *   --files N --dir DIR
 *                 write N captures DIR/capture-00001.json ... instead of
 *                 standard output, each holding --certs certificates (all
 *                 different); DIR must exist
 *
 *   --flood KIND N  instead: one document of N keys for the hash-flood
 *                 case, KIND one of keys-fnv, keys-fnv-old, keys-random
 *                 (N unknown members of one object: the duplicate-key
 *                 registry) or sans-fnv, sans-fnv-old, sans-random (N
 *                 subjectAlternativeNames: the validator's set); -fnv keys
 *                 share the low 16 bits of their FNV-1a hash (-fnv-old: with
 *                 the mistyped offset basis the registry once used)
 *
 * Exit: 0 ok, 2 usage error, 3 write error (a closed pipe ends quietly). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- output: a fixed buffer over write(2), counting every byte ---------- */

static char obuf[1 << 16];
static size_t olen;
static int out_fd = STDOUT_FILENO;
static uint64_t ototal; /* bytes handed to write(2) plus those in obuf */

static void out_flush(void) {
    size_t off = 0;
    while (off < olen) {
        ssize_t n = write(out_fd, obuf + off, olen - off);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EPIPE)
                exit(0); /* the reader has seen enough */
            perror("gen: write");
            exit(3);
        }
        off += (size_t)n;
    }
    olen = 0;
}

static void put(const char *s, size_t n) {
    if (olen + n > sizeof obuf)
        out_flush();
    memcpy(obuf + olen, s, n);
    olen += n;
    ototal += n;
}

static void puts_(const char *s) {
    put(s, strlen(s));
}

/* ---- a JSON writer: compact, or indented by 4 like the AWS CLI --------- */

static int pretty;
static int depth;
static unsigned count[16]; /* members or elements written at each depth */

static void newline_indent(int d) {
    static const char spaces[] = "                                                                ";
    put("\n", 1);
    put(spaces, (size_t)d * 4);
}

/* Before a member or an element: the comma and, when pretty, the indent. */
static void sep(void) {
    if (count[depth]++)
        put(",", 1);
    if (pretty)
        newline_indent(depth);
}

static void open_(char c) {
    put(&c, 1);
    count[++depth] = 0;
}

static void close_(char c) {
    if (pretty && count[depth])
        newline_indent(depth - 1);
    depth--;
    put(&c, 1);
}

static void key(const char *k) {
    sep();
    put("\"", 1);
    puts_(k);
    if (pretty)
        put("\": ", 3);
    else
        put("\":", 2);
}

/* The generated strings never need escaping: no quote, backslash or control. */
static void str(const char *s) {
    put("\"", 1);
    puts_(s);
    put("\"", 1);
}

static void kstr(const char *k, const char *v) {
    key(k);
    str(v);
}

static void estr(const char *v) {
    sep();
    str(v);
}

static void kint(const char *k, long long v) {
    char b[32];
    key(k);
    put(b, (size_t)snprintf(b, sizeof b, "%lld", v));
}

/* ---- PRNG: splitmix64, so the bytes do not depend on the libc ------------ */

static uint64_t rng_state = UINT64_C(0x6c73636572746c69); /* "lscertli" */

static uint64_t rnd(void) {
    uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static unsigned below(unsigned n) {
    return (unsigned)(rnd() % n);
}

static void hex(char *dst, size_t n) {
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++)
        dst[i] = digits[below(16)];
    dst[n] = '\0';
}

static void uuid(char *dst) {
    hex(dst, 36);
    dst[8] = dst[13] = dst[18] = dst[23] = '-';
    dst[14] = '4';
    dst[19] = "89ab"[below(4)];
}

/* ---- timestamps --------------------------------------------------------- */

static int epoch_style;

/* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
static void civil(int64_t days, int *y, unsigned *m, unsigned *d) {
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    unsigned doe = (unsigned)(days - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A timestamp member: t in milliseconds since the epoch. ISO strings are
 * what AWS CLI v2 prints on a machine at -07:00 (6 fraction digits or none);
 * numbers what AWS CLI v1 prints (Python's repr of the float). */
static void ktime(const char *k, int64_t t) {
    char b[64];
    int64_t secs = t / 1000;
    int ms = (int)(t % 1000);
    key(k);
    if (epoch_style) {
        int n = snprintf(b, sizeof b, "%" PRId64 ".%0*d", secs, ms ? 3 : 1, ms);
        while (ms && b[n - 1] == '0') /* repr drops trailing zeros: 1687200434.56 */
            n--;
        put(b, (size_t)n);
        return;
    }
    int64_t local = secs - 7 * 3600;
    int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int64_t sod = local - days * 86400;
    int y;
    unsigned mo, d;
    civil(days, &y, &mo, &d);
    int n = snprintf(b, sizeof b, "\"%04d-%02u-%02uT%02d:%02d:%02d", y, mo, d, (int)(sod / 3600),
                     (int)(sod / 60 % 60), (int)(sod % 60));
    if (ms)
        n += snprintf(b + n, sizeof b - (size_t)n, ".%03d000", ms);
    n += snprintf(b + n, sizeof b - (size_t)n, "-07:00\"");
    put(b, (size_t)n);
}

/* ---- the certificates --------------------------------------------------- */

static const char *const subs[] = {"www",  "api",  "app", "static", "cdn",   "mail",
                                   "shop", "blog", "img", "login",  "admin", "m"};
#define NSUBS (sizeof subs / sizeof *subs)
static const char *const words[] = {"example", "acme",     "contoso",   "globex",
                                    "initech", "umbrella", "hooli",     "piedpiper",
                                    "wayne",   "stark",    "cyberdyne", "soylent"};
static const char *const tlds[] = {"com", "net", "org", "io", "de", "fr", "co.jp", "dev"};

/* Tag keys and values: letters (some not ASCII), digits, spaces and
 * + - = . _ : / @ only, never the reserved aws: prefix. */
static const char *const tag_keys[] = {"équipe",
                                       "チーム",
                                       "Größe",
                                       "owner",
                                       "env",
                                       "cost-center",
                                       "project",
                                       "app:tier",
                                       "Kostenstelle",
                                       "負責者",
                                       "data.classification",
                                       "backup"};
#define NTAGKEYS (sizeof tag_keys / sizeof *tag_keys)
static const char *const tag_values[] = {
    "plateforme",    "インフラ", "groß", "ops@example.com", "prod", "CC-1042",
    "web front",     "tier/1",   "",     "Équipe réseau",   "開発", "confidential",
    "nightly+weekly"};
#define NTAGVALUES (sizeof tag_values / sizeof *tag_values)

enum status {
    ISSUED,
    PENDING_VALIDATION,
    INACTIVE,
    EXPIRED,
    VALIDATION_TIMED_OUT,
    REVOKED,
    FAILED
};
static const char *const status_names[] = {"ISSUED",  "PENDING_VALIDATION",   "INACTIVE",
                                           "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED",
                                           "FAILED"};
static const char *const failure_reasons[] = {
    "NO_AVAILABLE_CONTACTS", "ADDITIONAL_VERIFICATION_REQUIRED", "DOMAIN_NOT_ALLOWED",
    "INVALID_PUBLIC_DOMAIN", "OTHER"};
static const char *const revocation_reasons[] = {
    "UNSPECIFIED", "KEY_COMPROMISE", "AFFILIATION_CHANGED", "SUPERCEDED", "CESSATION_OF_OPERATION"};

#define MAXSANS 5

typedef struct record {
    char hexname[33], hexvalue[33], letters[11];
} record;

typedef struct cert {
    char arn[128], name[96], domain[96], uuid2[37];
    char sans[MAXSANS][96];
    record rec[MAXSANS];
    unsigned nsans;
    enum status status;
    int64_t created, issued, not_before, not_after, revoked, updated;
    unsigned tag_key[4], tag_value[4], ntags;
    char serial[48];
} cert;

static enum status pick_status(void) {
    unsigned r = below(100);
    if (r < 70)
        return ISSUED;
    if (r < 78)
        return PENDING_VALIDATION;
    if (r < 83)
        return INACTIVE;
    if (r < 90)
        return EXPIRED;
    if (r < 93)
        return VALIDATION_TIMED_OUT;
    if (r < 97)
        return REVOKED;
    return FAILED;
}

static void make_cert(cert *c, uint64_t index) {
    char id[37];
    uuid(id);
    snprintf(c->arn, sizeof c->arn, "arn:aws:lightsail:us-east-1:123456789012:Certificate/%s", id);
    uuid(c->uuid2);
    char zone[64];
    snprintf(zone, sizeof zone, "%s%" PRIu64 ".%s", words[below(sizeof words / sizeof *words)],
             index, tlds[below(sizeof tlds / sizeof *tlds)]);
    /* distinct subdomains: a random start and step through the table */
    unsigned first = below(NSUBS);
    /* most certificates name one or two hosts */
    static const unsigned char nsans_of[20] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 2,
                                               2, 2, 2, 2, 2, 3, 3, 3, 4, 5};
    c->nsans = nsans_of[below(20)];
    for (unsigned i = 0; i < c->nsans; i++) {
        snprintf(c->sans[i], sizeof c->sans[i], "%s.%s", subs[(first + i) % NSUBS], zone);
        hex(c->rec[i].hexname, 32);
        hex(c->rec[i].hexvalue, 32);
        for (int j = 0; j < 10; j++)
            c->rec[i].letters[j] = (char)('a' + below(26));
        c->rec[i].letters[10] = '\0';
    }
    strcpy(c->domain, c->sans[0]);
    size_t i;
    for (i = 0; c->domain[i]; i++)
        c->name[i] = c->domain[i] == '.' ? '-' : c->domain[i];
    c->name[i] = '\0';
    c->status = pick_status();

    /* 2021-01-01 .. 2025-01-01, milliseconds */
    c->created =
        (INT64_C(1609459200) + (int64_t)(rnd() % (4 * 365 * 86400))) * 1000 + (int64_t)below(1000);
    c->issued = c->created + (30 + (int64_t)below(600)) * 1000 + (int64_t)below(1000);
    c->not_before = c->issued / 86400000 * 86400000; /* midnight UTC of the issue day */
    c->not_after = c->not_before + (int64_t)396 * 86400000 - 1000;
    c->revoked = c->issued + (1 + (int64_t)below(200)) * 86400000 + (int64_t)below(86400000);
    c->updated = c->not_after - (int64_t)60 * 86400000 + (int64_t)below(86400000);
    for (int b = 0; b < 16; b++) {
        static const char digits[] = "0123456789abcdef";
        unsigned v = below(256);
        c->serial[b * 3] = digits[v >> 4];
        c->serial[b * 3 + 1] = digits[v & 15];
        c->serial[b * 3 + 2] = b < 15 ? ':' : '\0';
    }

    /* 0..4 tags with distinct keys */
    c->ntags = below(5);
    unsigned k0 = below(NTAGKEYS);
    for (unsigned t = 0; t < c->ntags; t++) {
        c->tag_key[t] = (k0 + t * 5) % NTAGKEYS; /* 5 is prime to 12: distinct */
        c->tag_value[t] = below(NTAGVALUES);
    }
}

static void tags(const cert *c) {
    key("tags");
    open_('[');
    for (unsigned t = 0; t < c->ntags; t++) {
        sep();
        open_('{');
        kstr("key", tag_keys[c->tag_key[t]]);
        kstr("value", tag_values[c->tag_value[t]]);
        close_('}');
    }
    close_(']');
}

/* validation records; renewal: those of renewalSummary */
static void records(const cert *c, int renewal) {
    char b[192];
    key("domainValidationRecords");
    open_('[');
    for (unsigned i = 0; i < c->nsans; i++) {
        const record *r = &c->rec[i];
        const char *code = "SUCCEEDED", *vstatus = "SUCCESS", *message = NULL;
        if (renewal) {
            vstatus = "PENDING_VALIDATION";
        } else {
            switch (c->status) {
            case PENDING_VALIDATION:
                code = i % 2 ? "STARTED" : "SUCCEEDED";
                vstatus = "PENDING_VALIDATION";
                break;
            case VALIDATION_TIMED_OUT:
            case FAILED:
                code = "FAILED";
                message = "The DNS record could not be created in the hosted zone";
                vstatus = "FAILED";
                break;
            default:
                break;
            }
        }
        sep();
        open_('{');
        kstr("domainName", c->sans[i]);
        key("resourceRecord");
        open_('{');
        snprintf(b, sizeof b, "_%s.%s.", r->hexname, c->sans[i]);
        kstr("name", b);
        kstr("type", "CNAME");
        snprintf(b, sizeof b, "_%s.%s.acm-validations.aws.", r->hexvalue, r->letters);
        kstr("value", b);
        close_('}');
        key("dnsRecordCreationState");
        open_('{');
        kstr("code", code);
        if (message)
            kstr("message", message);
        close_('}');
        kstr("validationStatus", vstatus);
        close_('}');
    }
    close_(']');
}

static void detail(const cert *c) {
    char b[160];
    int validity = c->status == ISSUED || c->status == INACTIVE || c->status == EXPIRED ||
                   c->status == REVOKED;
    key("certificateDetail");
    open_('{');
    kstr("arn", c->arn);
    kstr("name", c->name);
    kstr("domainName", c->domain);
    kstr("status", status_names[c->status]);
    if (validity)
        kstr("serialNumber", c->serial);
    key("subjectAlternativeNames");
    open_('[');
    for (unsigned i = 0; i < c->nsans; i++)
        estr(c->sans[i]);
    close_(']');
    records(c, 0);
    if (c->status == FAILED)
        kstr("requestFailureReason", failure_reasons[c->created % 5]);
    kint("inUseResourceCount", c->status == ISSUED ? (long long)(c->created % 4) : 0);
    kstr("keyAlgorithm", c->created % 8 ? "RSA-2048" : "EC-prime256v1");
    ktime("createdAt", c->created);
    if (validity)
        ktime("issuedAt", c->issued);
    kstr("issuerCA", "Amazon");
    if (validity) {
        ktime("notBefore", c->not_before);
        ktime("notAfter", c->not_after);
    }
    kstr("eligibleToRenew", c->status == ISSUED ? "ELIGIBLE" : "INELIGIBLE");
    if (c->status == ISSUED || c->status == EXPIRED) {
        key("renewalSummary");
        open_('{');
        records(c, 1);
        if (c->status == ISSUED) {
            kstr("renewalStatus", "PendingAutoRenewal");
            kstr("renewalStatusReason", "The certificate is pending automatic renewal");
        } else {
            kstr("renewalStatus", "Failed");
            kstr("renewalStatusReason", "The certificate is not in use");
        }
        ktime("updatedAt", c->updated);
        close_('}');
    }
    if (c->status == REVOKED) {
        ktime("revokedAt", c->revoked);
        kstr("revocationReason", revocation_reasons[c->created % 5]);
    }
    tags(c);
    snprintf(b, sizeof b, "621291663362/arn:aws:acm:us-east-1:444455556666:certificate/%s",
             c->uuid2);
    kstr("supportCode", b);
    close_('}');
}

static void certificate(const cert *c) {
    sep();
    open_('{');
    kstr("certificateArn", c->arn);
    kstr("certificateName", c->name);
    kstr("domainName", c->domain);
    detail(c);
    tags(c);
    close_('}');
}

static void page_token(void) {
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char t[97];
    for (int i = 0; i < 94; i++)
        t[i] = b64[below(64)];
    t[94] = t[95] = '=';
    t[96] = '\0';
    kstr("nextPageToken", t);
}

/* ---- main ---------------------------------------------------------------- */

static int parse_count(const char *opt, const char *s, uint64_t *out) {
    char *end;
    errno = 0;
    double v = strtod(s, &end); /* accepts 1e9 and 100e6 */
    if (errno || end == s || *end || v < 0 || v > 1e18) {
        fprintf(stderr, "gen: %s: bad number '%s'\n", opt, s);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

static void usage(FILE *f) {
    fputs("Usage: gen [--certs N] [--bytes N] [--per-page N] [--snapshots] [--pretty] [--epoch] "
          "[--seed N]\n"
          "           [--files N --dir DIR]\n"
          "       gen --flood keys-fnv|keys-fnv-old|keys-random|sans-fnv|sans-fnv-old|sans-random N\n",
          f);
}

/* ---- the hash-flood case ------------------------------------------------ */

#define FNV_PRIME UINT64_C(0x100000001b3)
static const char flood_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";

/* Key i: 6 characters from i, then 4 chosen so that FNV-1a(basis) ends in
 * 0x5a5a (the same construction as tests/test_hash.c: multiplying by the
 * odd prime is a bijection modulo 2^16, so three characters are searched
 * until the last one can bring the state to 0x5a5a * prime^-1). */
static void flood_key(char out[11], uint64_t i, uint64_t basis) {
    if (!basis) { /* random-looking, distinct */
        uint64_t x = i * UINT64_C(0x9e3779b97f4a7c15);
        x ^= x >> 29;
        for (int d = 0; d < 6; d++, x /= 36)
            out[d] = flood_chars[x % 36];
        for (int d = 9; d >= 6; d--, i /= 36)
            out[d] = flood_chars[i % 36];
        out[10] = '\0';
        return;
    }
    uint64_t inv = 1;
    for (int r = 0; r < 6; r++)
        inv *= 2 - FNV_PRIME * inv;
    const uint64_t u = (UINT64_C(0x5a5a) * inv) & 0xffff;
    for (uint64_t salt = 0;; salt++) {
        uint64_t v = i + salt * 1000003u, h0 = basis;
        for (int d = 5; d >= 0; d--, v /= 36)
            out[d] = flood_chars[v % 36];
        for (int d = 0; d < 6; d++)
            h0 = (h0 ^ (unsigned char)out[d]) * FNV_PRIME;
        for (int a = 0; a < 36; a++) {
            uint64_t h1 = (h0 ^ (unsigned char)flood_chars[a]) * FNV_PRIME;
            for (int b = 0; b < 36; b++) {
                uint64_t h2 = (h1 ^ (unsigned char)flood_chars[b]) * FNV_PRIME;
                for (int c = 0; c < 36; c++) {
                    uint64_t h3 = (h2 ^ (unsigned char)flood_chars[c]) * FNV_PRIME;
                    char last = (char)((h3 ^ u) & 0xff);
                    if (((h3 ^ u) & 0xff00) || !last || !strchr(flood_chars, last))
                        continue;
                    out[6] = flood_chars[a];
                    out[7] = flood_chars[b];
                    out[8] = flood_chars[c];
                    out[9] = last;
                    out[10] = '\0';
                    return;
                }
            }
        }
    }
}

static int flood(const char *kind, uint64_t n) {
    int sans = !strncmp(kind, "sans-", 5);
    const char *hash = kind + 5; /* after "keys-" or "sans-" */
    uint64_t basis;
    if (strncmp(kind, "keys-", 5) && !sans)
        return -1;
    if (!strcmp(hash, "fnv"))
        basis = UINT64_C(14695981039346656037);
    else if (!strcmp(hash, "fnv-old"))
        basis = UINT64_C(1469598103934665603);
    else if (!strcmp(hash, "random"))
        basis = 0;
    else
        return -1;
    puts_(sans ? "{\"certificates\":[{\"certificateDetail\":{\"subjectAlternativeNames\":["
               : "{\"x\":{");
    for (uint64_t i = 0; i < n; i++) {
        char k[11];
        flood_key(k, i, basis);
        if (i)
            put(",", 1);
        put("\"", 1);
        put(k, 10);
        put(sans ? "\"" : "\":0", sans ? 1 : 3);
    }
    puts_(sans ? "]}}]}\n" : "}}\n");
    out_flush();
    fprintf(stderr, "gen: %" PRIu64 " %s keys, %" PRIu64 " bytes\n", n, kind, ototal);
    return 0;
}

/* One capture: ncerts certificates (or about nbytes) numbered from *n on,
 * in pages of per_page; *n is moved on. */
static void capture(uint64_t *n, uint64_t ncerts, uint64_t nbytes, uint64_t per_page,
                    int snapshots) {
    cert c;
    uint64_t first = *n, start_bytes = ototal;
    int done = ncerts == 0;
    do {
        depth = 0;
        open_('{');
        key("certificates");
        open_('[');
        uint64_t in_page = 0;
        while (!done && (!per_page || in_page < per_page)) {
            make_cert(&c, *n);
            certificate(&c);
            ++*n;
            in_page++;
            done = *n - first >= ncerts || (nbytes && ototal - start_bytes >= nbytes);
        }
        close_(']');
        if (!done && !snapshots)
            page_token();
        close_('}');
        put("\n", 1);
    } while (!done);
    out_flush();
}

int main(int argc, char **argv) {
    uint64_t ncerts = 1000, nbytes = 0, per_page = 0, seed = 0, nfiles = 0;
    int certs_given = 0, snapshots = 0;
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        uint64_t *target = NULL;
        if (!strcmp(a, "--pretty")) {
            pretty = 1;
        } else if (!strcmp(a, "--epoch")) {
            epoch_style = 1;
        } else if (!strcmp(a, "--snapshots")) {
            snapshots = 1; /* pages are separate listings: no nextPageToken */
        } else if (!strcmp(a, "--flood")) {
            uint64_t n;
            if (i + 2 >= argc || parse_count(a, argv[i + 2], &n) < 0) {
                usage(stderr);
                return 2;
            }
            signal(SIGPIPE, SIG_IGN);
            if (flood(argv[i + 1], n) < 0) {
                usage(stderr);
                return 2;
            }
            return 0;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--certs")) {
            target = &ncerts;
            certs_given = 1;
        } else if (!strcmp(a, "--bytes")) {
            target = &nbytes;
        } else if (!strcmp(a, "--per-page")) {
            target = &per_page;
        } else if (!strcmp(a, "--seed")) {
            target = &seed;
        } else if (!strcmp(a, "--files")) {
            target = &nfiles;
        } else if (!strcmp(a, "--dir")) {
            if (++i == argc) {
                usage(stderr);
                return 2;
            }
            dir = argv[i];
        } else {
            usage(stderr);
            return 2;
        }
        if (target) {
            if (++i == argc || parse_count(a, argv[i], target) < 0) {
                usage(stderr);
                return 2;
            }
            if (target == &seed)
                rng_state = seed;
        }
    }
    if ((nfiles != 0) != (dir != NULL)) {
        fputs("gen: --files and --dir go together\n", stderr);
        return 2;
    }
    if (nbytes && !certs_given)
        ncerts = UINT64_MAX;
    signal(SIGPIPE, SIG_IGN); /* see EPIPE in out_flush */

    uint64_t n = 0;
    if (!dir) {
        capture(&n, ncerts, nbytes, per_page, snapshots);
        fprintf(stderr, "gen: %" PRIu64 " certificates, %" PRIu64 " bytes\n", n, ototal);
        return 0;
    }
    for (uint64_t f = 1; f <= nfiles; f++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/capture-%05" PRIu64 ".json", dir, f) >=
            sizeof path) {
            fputs("gen: --dir: path too long\n", stderr);
            return 2;
        }
        out_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out_fd < 0) {
            fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
            return 3;
        }
        capture(&n, ncerts, nbytes, per_page, snapshots);
        if (close(out_fd) < 0) {
            fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
            return 3;
        }
    }
    fprintf(stderr, "gen: %" PRIu64 " files, %" PRIu64 " certificates, %" PRIu64 " bytes\n", nfiles,
            n, ototal);
    return 0;
}
