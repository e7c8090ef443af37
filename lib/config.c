/* Options of a check run: rule severities, the request's context (--now,
 * --expect, --expect-status, --expect-name) and limits. */
#include "config.h"

#include <string.h>

#include "lib/internal.h"
#include "schema/rules.h"
#include "schema/values.h" /* lscp_status_names: --expect-status bit i */

/* Rule ids and default severities, indexed by lsc_rule_id. */
static const struct {
    const char *id;
    lsc_severity severity;
} rule_defaults[LSC_R__COUNT] = {
#define LSC_RULE_DEFAULT(name, rid, sev) [LSC_R_##name] = {rid, sev},
    LSC_RULE_LIST(LSC_RULE_DEFAULT)
#undef LSC_RULE_DEFAULT
};

/* Beyond ~10020 years every instant of 0000..9999 is "soon": clamping keeps
 * now + days * 86400 far from int64 overflow. */
#define EXPIRY_DAYS_MAX INT64_C(3660000)

int lscp_rule_index(const char *id) {
    if (!id)
        return -1;
    for (int i = 0; i < LSC_R__COUNT; i++)
        if (strcmp(rule_defaults[i].id, id) == 0)
            return i;
    return -1;
}

lsc_config *lsc_config_new(void) {
    lsc_config *cfg = lscp_calloc(1, sizeof *cfg);
    if (!cfg)
        return NULL;
    /* opt-in rules (the registry says which) stay off until their option */
    for (int i = 0; i < LSC_R__COUNT; i++)
        cfg->severity[i] = lscp_rule((lsc_rule_id)i)->opt_in ? LSC_OFF : rule_defaults[i].severity;
    cfg->expect = LSC_EXPECT_ANY;
    cfg->expiry_days = 30;
    cfg->max_depth = 64;
    cfg->list_limit = LSCP_LIST_LIMIT_DEFAULT;
    return cfg;
}

void lsc_config_free(lsc_config *config) {
    if (!config)
        return;
    lscp_free(config->expect_name);
    lscp_free(config);
}

int lsc_config_set_severity(lsc_config *config, const char *rule_id, lsc_severity severity) {
    int i = lscp_rule_index(rule_id);
    if (!config || i < 0 || (int)severity < LSC_OFF || (int)severity > LSC_ERROR)
        return -1;
    config->severity[i] = severity;
    config->severity_set[i] = 1;
    return 0;
}

int lsc_config_enable(lsc_config *config, const char *rule_id) {
    int i = lscp_rule_index(rule_id);
    if (!config || i < 0)
        return -1;
    config->severity[i] = rule_defaults[i].severity;
    config->severity_set[i] = 1;
    return 0;
}

lsc_severity lsc_config_severity(const lsc_config *config, const char *rule_id) {
    int i = lscp_rule_index(rule_id);
    if (!config || i < 0)
        return LSC_OFF;
    return config->severity[i];
}

/* An option turns its rule on at the default severity, unless a severity
 * was set already (rule options given before it keep theirs). */
static void turn_on(lsc_config *config, lsc_rule_id rule) {
    if (!config->severity_set[rule] && config->severity[rule] == LSC_OFF)
        config->severity[rule] = rule_defaults[rule].severity;
}

void lsc_config_set_expect(lsc_config *config, lsc_expect expect) {
    if (!config)
        return;
    config->expect = expect;
    if (expect == LSC_EXPECT_DETAILS)
        turn_on(config, LSC_R_EXPECT_DETAILS);
    else if (expect == LSC_EXPECT_SUMMARY)
        turn_on(config, LSC_R_EXPECT_SUMMARY);
}

int lsc_config_set_expect_status(lsc_config *config, const char *statuses) {
    unsigned mask = 0;
    if (!config || !statuses)
        return -1;
    const char *p = statuses;
    for (;;) {
        size_t n = strcspn(p, ",");
        int found = -1;
        for (int i = 0; i < LSCP_STATUS_COUNT && found < 0; i++)
            if (strlen(lscp_status_names[i]) == n && memcmp(lscp_status_names[i], p, n) == 0)
                found = i;
        if (found < 0) /* an unknown status or an empty item */
            return -1;
        mask |= 1u << found;
        if (p[n] == '\0')
            break;
        p += n + 1;
    }
    config->expect_status_mask = mask;
    turn_on(config, LSC_R_STATUS_FILTER);
    return 0;
}

int lsc_config_set_expect_name(lsc_config *config, const char *name) {
    if (!config || !name)
        return -1;
    size_t len = strlen(name);
    char *copy = lscp_malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, name, len + 1);
    lscp_free(config->expect_name);
    config->expect_name = copy;
    config->expect_name_len = len;
    turn_on(config, LSC_R_NAME_FILTER);
    return 0;
}

void lsc_config_set_now(lsc_config *config, lsc_time now) {
    if (!config)
        return;
    config->has_now = 1;
    config->now = now;
    turn_on(config, LSC_R_EXPIRED_BUT_ISSUED);
    turn_on(config, LSC_R_EXPIRES_SOON);
}

int lsc_config_set_expiry_days(lsc_config *config, int64_t days) {
    if (!config || days < 0)
        return -1;
    config->expiry_days = days > EXPIRY_DAYS_MAX ? EXPIRY_DAYS_MAX : days;
    return 0;
}

void lsc_config_set_accept_array(lsc_config *config, int accept) {
    if (config)
        config->accept_array = accept != 0;
}

void lsc_config_set_list_limit(lsc_config *config, size_t limit) {
    config->list_limit = limit;
}

int lsc_config_set_max_depth(lsc_config *config, uint64_t depth) {
    if (!config || depth < 1)
        return -1;
    config->max_depth = depth;
    return 0;
}

const char *lsc_severity_name(lsc_severity severity) {
    static const char *const names[] = {"off", "note", "warning", "error"};
    if ((int)severity < LSC_OFF || (int)severity > LSC_ERROR)
        return "unknown";
    return names[severity];
}

int lsc_severity_parse(const char *name, lsc_severity *out) {
    if (!name || !out)
        return -1;
    for (int s = LSC_OFF; s <= LSC_ERROR; s++)
        if (strcmp(name, lsc_severity_name((lsc_severity)s)) == 0) {
            *out = (lsc_severity)s;
            return 0;
        }
    return -1;
}

const char *lsc_json_type_name(lsc_json_type type) {
    static const char *const names[] = {"absent", "null",   "boolean", "number",
                                        "string", "object", "array"};
    if ((int)type < LSC_JSON_ABSENT || (int)type > LSC_JSON_ARRAY)
        return "unknown";
    return names[type];
}
