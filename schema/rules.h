/* The rule registry (schema/rules.c): the catalog of doc/rules.md as a table in
 * LSC_RULE_LIST order, indexed by lsc_rule_id. */
#ifndef LSC_RULES_H
#define LSC_RULES_H

#include "lib/internal.h"

/* The registry entry of a rule id (never NULL for a valid id). */
const lsc_rule *lscp_rule(lsc_rule_id id);

#endif
