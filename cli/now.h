/* The reference time of --now and SOURCE_DATE_EPOCH (doc/cli.md §2.3). */
#ifndef LSC_CLI_NOW_H
#define LSC_CLI_NOW_H

#include "lscertlint.h"

/* The accepted forms, for a usage message. */
extern const char cli_now_forms[];

/* Parse a --now value: "now" (the clock), an RFC 3339 date-time with a zone,
 * a date YYYY-MM-DD (midnight UTC) or @SECONDS (epoch seconds, a fraction
 * allowed). 0 ok; -1 not one of these forms; -2 the clock failed (errno). */
int cli_now_parse(const char *text, lsc_time *out);

/* Parse SOURCE_DATE_EPOCH: decimal digits only (reproducible-builds.org).
 * 0 ok, -1 malformed or beyond year 9999. */
int cli_now_from_epoch_env(const char *text, lsc_time *out);

#endif
