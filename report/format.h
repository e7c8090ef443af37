/* Private to report/: what the formats share with the reporter core
 * (report/report.c, the public lsc_reporter_* calls). Each format is one
 * file that fills a table of operations (lscr_ops) and keeps its own state;
 * the core counts, keeps the per-input records and calls the table. The
 * formats include only this header; the core has no header of its own (its
 * interface is lscertlint.h). Calls go one way: the core calls the
 * formats, which call the helpers of report/format.c and report/escape.c,
 * never the core. Nothing here is exported: the library exports only lsc_
 * symbols. */
#ifndef LSC_REPORT_FORMAT_H
#define LSC_REPORT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "lscertlint.h"
#include "report/escape.h"

/* What is kept of each input for the closing parts (json inputs[], sarif
 * notifications, github step summary): small, one per input. */
typedef struct lscr_input {
    char *file;
    size_t documents, certificates;
    size_t counts[4]; /* findings by lsc_severity */
    char *status;
    char *message; /* NULL unless unreadable */
} lscr_input;

/* One format. Every operation but init and release returns 0, or -1 with
 * errno set (a failed write is sticky in r->out); a NULL operation does
 * nothing. The state (state_size bytes, zeroed) is r->state. */
typedef struct lscr_ops {
    const char *name; /* as lsc_format_parse() reads it */
    size_t state_size;
    /* After the state is allocated; -1 on out-of-memory. */
    int (*init)(lsc_reporter *r);
    /* Free what the state owns (not the state itself); also after a failed init. */
    void (*release)(lsc_reporter *r);
    /* The opening part, before anything else is written. */
    int (*begin)(lsc_reporter *r);
    /* An input starts: its record is lscr_current(r) already. */
    int (*input_start)(lsc_reporter *r);
    /* A certificate summary closed (before its findings). */
    int (*certificate)(lsc_reporter *r, const lsc_certificate *cert);
    /* A finding to write, its mark in r->mark (never UNCHANGED unless
     * shows_unchanged). */
    int (*finding)(lsc_reporter *r, const lsc_finding *f);
    /* A baseline finding that no longer occurs. */
    int (*absent)(lsc_reporter *r, const char *file, const char *rule_id, const char *pointer);
    /* The current input ended: its record is complete. */
    int (*input_end)(lsc_reporter *r);
    /* The run ended: the closing parts. */
    int (*finish)(lsc_reporter *r);
    /* Nonzero: findings marked UNCHANGED are written too (sarif). */
    int shows_unchanged;
} lscr_ops;

extern const lscr_ops lscr_text_ops, lscr_json_ops, lscr_jsonl_ops, lscr_sarif_ops, lscr_github_ops,
    lscr_junit_ops, lscr_gitlab_ops;

/* The reporter's options, complete (lsc_reporter_options of any size is
 * copied into this, missing fields defaulted). */
typedef struct lscr_options {
    lsc_format format;
    int color;
    lsc_severity fail_on;
    lsc_severity show;
    const lsc_config *config;
    char *tool_version; /* the strings are copies, owned */
    int baseline;
    char *expect_source;
    char *step_summary;
    char *workspace;
} lscr_options;

struct lsc_reporter {
    lscr_options opts; /* strings copied: owned */
    const lscr_ops *ops;
    void *state; /* the format's, ops->state_size bytes */
    lscr_out out;
    int began;    /* ops->begin ran */
    int in_input; /* between input_start and input_end */
    int finished; /* lsc_reporter_finish ran: every later call is LSC_MISUSE */

    size_t nrules;       /* lsc_rule_count() */
    size_t *rule_counts; /* findings per catalog rule, [nrules]: other */

    size_t counts[4]; /* every finding so far, by severity */
    lsc_mark mark;    /* of the finding being written */
    size_t expected;  /* findings marked EXPECTED */
    size_t documents, certificates;

    lscr_input *inputs; /* inputs[ninputs - 1] is the current one while in_input */
    size_t ninputs, inputs_cap;

    lscr_out scratch; /* memory: composing escapes */
};

/* Catalog index of a rule, or -1. */
long lscr_rule_index(const lsc_reporter *r, const lsc_rule *rule);
/* The file a finding names: f->file, else the current input's. */
const char *lscr_finding_file(const lsc_reporter *r, const lsc_finding *f);
/* The current input's record (NULL before the first input). */
lscr_input *lscr_current(lsc_reporter *r);
/* Record an error (sticky) and return -1 with errno = err. */
int lscr_fail(lsc_reporter *r, int err);
/* Copy of n bytes of s, NUL-terminated (lscp_malloc); NULL on out-of-memory. */
char *lscr_strndup(const char *s, size_t n);
/* lsc_reporter_summary_line(). */
int lscr_summary_line(const lsc_reporter *r, char *buf, size_t size);

/* FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (POINTER), escaped, no newline
 * (text.c; junit's lines too). */
void lscr_text_line(lscr_out *o, const lsc_finding *f, const char *file, int color);
/* The finding as a JSON object (json.c: json, jsonl), no newline; expected
 * adds "expected":true. */
void lscr_json_object(lscr_out *o, const lsc_finding *f, const char *file, int expected);

/* sarif partialFingerprints: FNV-1a 64 of rule, file, document index,
 * certificate identity (cert_id: ARN, else name, else "#INDEX"; NULL
 * outside a certificate), the pointer below the certificate, the value and
 * the message with its line:column positions taken out. Nothing that
 * moves when the file is reformatted or a certificate changes place. */
uint64_t lscr_fingerprint(const lsc_finding *f, const char *file, const char *cert_id);

#endif
