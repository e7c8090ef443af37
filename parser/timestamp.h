/* Timestamps in every saved form (doc/contract.md §3) to one UTC instant. */
#ifndef LSC_TIMESTAMP_H
#define LSC_TIMESTAMP_H

#include <stddef.h>

#include "lscertlint.h"

/* A JSON number's text (as yajl_number gives it: integer, fraction or
 * exponent, e.g. "1.6871328E9") as epoch seconds. */
lsc_time_status lscp_time_from_number(const char *s, size_t len, lsc_time *out);

/* An ISO 8601 / RFC 3339 date-time: 'T' or a space between date and time,
 * 0-9 fraction digits, 'Z' or +-hh:mm. A leap second :60 is allowed. */
lsc_time_status lscp_time_from_string(const char *s, size_t len, lsc_time *out);

#endif
