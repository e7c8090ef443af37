/* A finding for the reporter's tests: rule, severity, file, pointer and
 * message as given, at 7:24 (offset 120) of document 0. */
#ifndef LSC_TESTS_FINDING_FIXTURE_H
#define LSC_TESTS_FINDING_FIXTURE_H

#include <check.h>
#include <string.h>

#include "lscertlint.h"

static inline lsc_finding mkf(const char *rule, lsc_severity sev, const char *file,
                              const char *pointer, const char *message) {
    lsc_finding f;
    memset(&f, 0, sizeof f);
    f.rule = lsc_rule_find(rule);
    ck_assert_msg(f.rule != NULL, "no rule %s", rule);
    f.severity = sev;
    f.file = file;
    f.document = 0;
    f.pos.line = 7;
    f.pos.column = 24;
    f.pos.offset = 120;
    f.pointer = pointer;
    f.pointer_len = strlen(pointer);
    f.message = message;
    return f;
}

#endif
