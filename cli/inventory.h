/* --inventory: one row per certificate instead of the findings report, and
 * the same rows in the $GITHUB_STEP_SUMMARY of -f github (doc/cli.md). */
#ifndef LSC_CLI_INVENTORY_H
#define LSC_CLI_INVENTORY_H

#include <stdio.h>

#include "lscertlint.h"

typedef enum cli_inventory_format {
    CLI_INVENTORY_NONE = 0,
    CLI_INVENTORY_TEXT,
    CLI_INVENTORY_CSV,
    CLI_INVENTORY_JSON,
    CLI_INVENTORY_MARKDOWN
} cli_inventory_format;

typedef struct cli_inventory cli_inventory;

/* Rows will count days left against now. NULL on out-of-memory. */
cli_inventory *cli_inventory_new(lsc_time now);
void cli_inventory_free(cli_inventory *inv);

/* The next input's name (copied); its certificates follow. -1 on OOM. */
int cli_inventory_input(cli_inventory *inv, const char *name);
/* A certificate summary closed (the checker's callback). -1 on OOM. */
int cli_inventory_certificate(cli_inventory *inv, const lsc_certificate *cert);
/* A finding: counted on its certificate's row, if it has one. */
void cli_inventory_finding(cli_inventory *inv, const lsc_finding *finding);

/* Write every row, sorted by notAfter (oldest first; none last). Returns
 * 0, or -1 with errno when the write failed. */
int cli_inventory_write(cli_inventory *inv, FILE *out, cli_inventory_format format);

/* Append the rows as a Markdown table (at most max rows, then how many more)
 * to the file at path. 0, or -1 with errno. */
int cli_inventory_append_summary(cli_inventory *inv, const char *path, size_t max);

/* Parse "text", "csv", "json", "markdown" (any case); -1 if none. */
int cli_inventory_format_parse(const char *name, cli_inventory_format *out);

#endif
