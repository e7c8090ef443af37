/* What both fuzz targets check with: a failure report and an independent
 * strict UTF-8 reader (not the library's, so it can catch the library). */
#ifndef LSC_FUZZ_ORACLE_H
#define LSC_FUZZ_ORACLE_H

#include <stddef.h>

/* Print "TARGET: message" on stderr and abort: the fuzzer (or the replay
 * driver) reports it. */
void fuzz_fail(const char *target, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* Length of the strict UTF-8 sequence (RFC 3629) at s, 0 if it is not one. */
size_t fuzz_utf8_seq(const unsigned char *s, size_t n);

#endif
