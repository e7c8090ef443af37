/* --now and SOURCE_DATE_EPOCH. Only the forms listed in cli_now_forms are
 * read: the library's lsc_time_parse() also takes a bare epoch number, which
 * turned --now=2025 and --now=20250601 into instants of 1970, so a value is
 * matched against its form first and parsed second. */
#include "config.h"

#include "cli/now.h"

#include <errno.h>
#include <string.h>
#include <time.h>

const char cli_now_forms[] =
    "'now', an RFC 3339 date-time (2025-06-01T12:00:00Z, 2025-06-01T14:00:00+02:00), "
    "a date (2025-06-01, midnight UTC) or @SECONDS (@1748736000)";

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* n digits at s. */
static int digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

/* YYYY-MM-DD */
static int date_shape(const char *s, size_t len) {
    return len >= 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
           digits(s + 8, 2);
}

/* YYYY-MM-DD[Tt ]HH:MM:SS[.F+](Z|z|+HH:MM|-HH:MM): RFC 3339 section 5.6
 * (the space its note allows too). */
static int date_time_shape(const char *s, size_t len) {
    if (len < 20 || !date_shape(s, len) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
        !digits(s + 17, 2))
        return 0;
    size_t i = 19;
    if (s[i] == '.') {
        size_t start = ++i;
        while (i < len && is_digit(s[i]))
            i++;
        if (i == start)
            return 0;
    }
    if (i + 1 == len && (s[i] == 'Z' || s[i] == 'z'))
        return 1;
    return i + 6 == len && (s[i] == '+' || s[i] == '-') && digits(s + i + 1, 2) &&
           s[i + 3] == ':' && digits(s + i + 4, 2);
}

/* [0-9]+ or [0-9]+.[0-9]+ */
static int seconds_shape(const char *s, size_t len) {
    size_t i = 0;
    while (i < len && is_digit(s[i]))
        i++;
    if (i == 0)
        return 0;
    if (i == len)
        return 1;
    if (s[i] != '.' || i + 1 == len)
        return 0;
    return digits(s + i + 1, len - i - 1);
}

int cli_now_parse(const char *text, lsc_time *out) {
    size_t len = strlen(text);
    if (strcmp(text, "now") == 0) {
        struct timespec ts;
        if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
            return -2;
        /* whole seconds: what messages print stays readable, and a
         * validity period is counted in seconds anyway */
        out->sec = (int64_t)ts.tv_sec;
        out->nsec = 0;
        return 0;
    }
    if (len == 10 && date_shape(text, len)) {
        char full[32];
        memcpy(full, text, 10);
        memcpy(full + 10, "T00:00:00Z", 11);
        return lsc_time_parse(full, 20, out) == 0 ? 0 : -1;
    }
    if (date_time_shape(text, len))
        return lsc_time_parse(text, len, out) == 0 ? 0 : -1;
    if (text[0] == '@' && seconds_shape(text + 1, len - 1))
        return lsc_time_parse(text + 1, len - 1, out) == 0 ? 0 : -1;
    return -1;
}

int cli_now_from_epoch_env(const char *text, lsc_time *out) {
    size_t len = strlen(text);
    if (len == 0 || !digits(text, len))
        return -1;
    return lsc_time_parse(text, len, out) == 0 ? 0 : -1;
}
