#include "config.h"

#include "cli/ownfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* A text cursor over the sniffed bytes. */
typedef struct sniff {
    const unsigned char *p, *end;
} sniff;

static int starts(const unsigned char *p, const unsigned char *end, const char *lit) {
    size_t n = strlen(lit);
    return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

/* Does lit occur in [p, end)? */
static int contains(const unsigned char *p, const unsigned char *end, const char *lit) {
    size_t n = strlen(lit);
    for (; (size_t)(end - p) >= n; p++)
        if (memcmp(p, lit, n) == 0)
            return 1;
    return 0;
}

static void skip_ws(sniff *s) {
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        s->p++;
}

/* {"lscertlint-baseline": ... with any JSON whitespace (a hand-edited
 * baseline is still a baseline). */
static int is_baseline(const unsigned char *buf, size_t len) {
    sniff s = {buf, buf + len};
    skip_ws(&s);
    if (s.p >= s.end || *s.p != '{')
        return 0;
    s.p++;
    skip_ws(&s);
    if (!starts(s.p, s.end, "\"lscertlint-baseline\""))
        return 0;
    s.p += strlen("\"lscertlint-baseline\"");
    skip_ws(&s);
    return s.p < s.end && *s.p == ':';
}

static int is_digits(const unsigned char **p, const unsigned char *end) {
    const unsigned char *q = *p;
    while (q < end && *q >= '0' && *q <= '9')
        q++;
    if (q == *p)
        return 0;
    *p = q;
    return 1;
}

/* FILE:L:C: SEVERITY: MESSAGE [RULE] ... (text format). */
static int is_text_line(const unsigned char *p, const unsigned char *end) {
    static const char *const sevs[] = {" error: ", " warning: ", " note: "};
    const unsigned char *q;
    size_t i;
    if (end > p && end[-1] != ']' && end[-1] != ')')
        return 0;
    for (; p < end; p++) {
        if (*p != ':')
            continue;
        q = p + 1;
        if (!is_digits(&q, end) || q >= end || *q != ':')
            continue;
        q++;
        if (!is_digits(&q, end) || q >= end || *q != ':')
            continue;
        q++;
        for (i = 0; i < sizeof sevs / sizeof sevs[0]; i++)
            if (starts(q, end, sevs[i]))
                break;
        if (i == sizeof sevs / sizeof sevs[0])
            continue;
        /* " [rule-id]" after the message */
        for (q += strlen(sevs[i]); q < end; q++) {
            const unsigned char *r;
            if (*q != '[' || q[-1] != ' ')
                continue;
            for (r = q + 1;
                 r < end && ((*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9') || *r == '-');
                 r++)
                ;
            if (r > q + 1 && r < end && *r == ']')
                return 1;
        }
        return 0;
    }
    return 0;
}

static int is_jsonl_line(const unsigned char *p, const unsigned char *end) {
    return starts(p, end, "{\"file\":") && end[-1] == '}' && contains(p, end, ",\"rule\":\"") &&
           contains(p, end, ",\"severity\":\"");
}

static int is_github_line(const unsigned char *p, const unsigned char *end) {
    return starts(p, end, "::error ") || starts(p, end, "::warning ") ||
           starts(p, end, "::notice ") || starts(p, end, "::notice::");
}

/* Every complete line (and the last one when the file is complete) of
 * the kind; at least one line. */
static int all_lines(const unsigned char *buf, size_t len, int complete,
                     int (*is_line)(const unsigned char *, const unsigned char *)) {
    const unsigned char *p = buf, *end = buf + len;
    int lines = 0;
    while (p < end) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl && !complete)
            break; /* cut by the sniff window: not judged */
        if (!nl)
            nl = end;
        if (nl == p || !is_line(p, nl))
            return 0;
        lines++;
        p = nl + 1;
    }
    return lines > 0;
}

cli_own_kind cli_own_sniff(const unsigned char *buf, size_t len, int complete) {
    const unsigned char *end = buf + len, *first_line_end;
    if (len == 0)
        return complete ? CLI_OWN_EMPTY : CLI_OWN_NONE;
    if (is_baseline(buf, len))
        return CLI_OWN_BASELINE;
    first_line_end = memchr(buf, '\n', len);
    if (!first_line_end)
        first_line_end = end;
    if (starts(buf, end, "{\"tool\":{\"name\":\"lscertlint\","))
        return CLI_OWN_REPORT; /* json */
    if (starts(buf, end, "{\"$schema\":") &&
        contains(buf, end, "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"lscertlint\","))
        return CLI_OWN_REPORT; /* sarif */
    if (starts(buf, end,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lscertlint\""))
        return CLI_OWN_REPORT; /* junit */
    /* inventories: text, csv, markdown headers, the json form's first row */
    if (starts(buf, end, "FILE ") && contains(buf, first_line_end, " CERTIFICATE "))
        return CLI_OWN_REPORT;
    /* a text inventory fitted to the width drops FILE and DOC */
    if (starts(buf, end, "CERTIFICATE ") && contains(buf, first_line_end, " NOT-AFTER ") &&
        contains(buf, first_line_end, " E/W/N"))
        return CLI_OWN_REPORT;
    if (starts(buf, end, "file,document,certificate,domain,status,"))
        return CLI_OWN_REPORT;
    if (starts(buf, end, "| File | Doc | Certificate | Domain | Status |"))
        return CLI_OWN_REPORT;
    if (starts(buf, end, "[\n{\"file\":") && contains(buf, end, ",\"certificate\":"))
        return CLI_OWN_REPORT;
    /* gitlab (Code Climate): an array of issues with these members */
    if (buf[0] == '[' && contains(buf, end, "{\"description\":\"") &&
        contains(buf, end, "\"check_name\":\"") && contains(buf, end, "\"fingerprint\":\""))
        return CLI_OWN_REPORT;
    if (all_lines(buf, len, complete, is_jsonl_line) ||
        all_lines(buf, len, complete, is_text_line) ||
        all_lines(buf, len, complete, is_github_line))
        return CLI_OWN_REPORT;
    return CLI_OWN_NONE;
}

cli_own_kind cli_own_file(const char *path) {
    unsigned char buf[CLI_OWN_SNIFF];
    size_t len = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY), complete = 0;
    if (fd < 0)
        return CLI_OWN_NONE;
    while (len < sizeof buf) {
        ssize_t n = read(fd, buf + len, sizeof buf - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            close(fd);
            return CLI_OWN_NONE;
        }
        if (n == 0) {
            complete = 1;
            break;
        }
        len += (size_t)n;
    }
    if (!complete) { /* exactly the window's size: is there more? */
        unsigned char more;
        ssize_t n;
        do
            n = read(fd, &more, 1);
        while (n < 0 && errno == EINTR);
        complete = n == 0;
    }
    close(fd);
    return cli_own_sniff(buf, len, complete);
}
