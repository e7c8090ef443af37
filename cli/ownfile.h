/* The program's own files, recognised by their first bytes (at most
 * CLI_OWN_SNIFF bytes are read), so a walk never lints them as responses
 * and a report may replace them. Recognised, strictly:
 * - a baseline: '{', then "lscertlint-baseline" as the first key;
 * - a json report: {"tool":{"name":"lscertlint", ...
 * - a sarif report: {"$schema": ... "runs":[{"tool":{"driver":
 *   {"name":"lscertlint" in the first bytes;
 * - a junit report: the XML declaration, then <testsuites name="lscertlint">;
 * - a jsonl report: every complete line {"file": ... "rule":" ...
 *   "severity":" ... };
 * - a text report: every complete line FILE:LINE:COLUMN: error|warning|note:
 *   MESSAGE [RULE-ID], optionally followed by " (POINTER)";
 * - a github report: every complete line a ::error, ::warning or ::notice
 *   workflow command;
 * - a gitlab (Code Climate) report: '[' first, then issues with
 *   "description", "check_name" and "fingerprint" members;
 * - an inventory: the header of its text, csv or markdown form, or the
 *   first row of its json form ([ then {"file": ... "certificate":).
 * An empty file is what a text report with no finding leaves: it is
 * "empty", not "own"; the caller decides. */
#ifndef LSC_CLI_OWNFILE_H
#define LSC_CLI_OWNFILE_H

#include <stddef.h>

#define CLI_OWN_SNIFF 4096

typedef enum cli_own_kind {
    CLI_OWN_NONE = 0, /* not recognised (or not readable) */
    CLI_OWN_EMPTY,    /* zero bytes */
    CLI_OWN_BASELINE,
    CLI_OWN_REPORT, /* a report of any format, or an inventory */
} cli_own_kind;

/* What the first bytes of buf (len bytes, the whole file when
 * complete is nonzero) are. */
cli_own_kind cli_own_sniff(const unsigned char *buf, size_t len, int complete);

/* cli_own_sniff() on the first bytes of the file at path. */
cli_own_kind cli_own_file(const char *path);

#endif
