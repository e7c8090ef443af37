/* --list-rules and --explain: the rule catalog printed from the library's
 * lsc_rule_count() / lsc_rule_at() / lsc_rule_find(). */
#ifndef LSC_CLI_CATALOG_H
#define LSC_CLI_CATALOG_H

#include <stdio.h>

#include "cli/options.h"
#include "lscertlint.h"

/* Print the catalog: text (aligned columns: id, default severity, summary),
 * json (an array of {"id","severity","group","summary","optIn"}) or
 * markdown (a table). Returns 0, or -1 when writing failed. */
int cli_list_rules(FILE *out, cli_list_format format);

/* Print one rule's full text. Returns 0, or -1 when writing failed. */
int cli_explain_rule(FILE *out, const lsc_rule *rule);

#endif
