/* Private to report/: the reporter's state and the per-format entry points
 * that report.c dispatches to (one file per format). */
#ifndef LSC_REPORT_INTERNAL_H
#define LSC_REPORT_INTERNAL_H

#include "report/escape.h"
#include "report/report.h"

/* What is kept of each input for the closing parts (json inputs[], sarif
 * notifications, github step summary): small, one per input. */
typedef struct rep_input {
    char *file;
    size_t documents, certificates;
    size_t counts[4]; /* findings by lsc_severity */
    char *status;
    char *message; /* NULL unless unreadable */
} rep_input;

/* One buffered finding of the current input (junit). */
typedef struct rep_junit_entry {
    size_t document;
    size_t seq; /* arrival order, for a stable sort */
    int failure;
    char *rule;
    char *line; /* the text line, text-escaped, no colour */
} rep_junit_entry;

struct rep_reporter {
    rep_options opts;
    rep_out out;
    int head_written;
    int in_input; /* between rep_input_start and rep_input_end */

    size_t nrules;       /* lsc_rule_count() */
    size_t *rule_counts; /* findings per catalog rule (github summary) */
    long *rule_to_sarif; /* catalog index -> index in sarif rules[], -1 if absent */

    size_t counts[4]; /* every finding so far, by severity */
    rep_mark mark;    /* of the finding being written */
    size_t expected;  /* findings marked EXPECTED */
    size_t documents, certificates;

    rep_input *inputs; /* inputs[ninputs - 1] is the current one while in_input */
    size_t ninputs, inputs_cap;

    size_t written; /* findings (results) written so far: comma placement */

    /* json: findings spooled until the inputs[] array is closed */
    FILE *spool_fp;
    rep_out spool;

    /* sarif: unreadable inputs are notifications written at the end */
    /* junit: the current input's findings */
    rep_junit_entry *junit;
    size_t njunit, junit_cap;

    rep_out scratch; /* memory: composing escapes */

    /* sarif: the last certificate (rep_certificate) */
    size_t cert_document, cert_index;
    int cert_known;
    char *cert_id;
    /* sarif: fingerprints of the current input and how often each came
     * (open addressing, 0 = empty slot) */
    uint64_t *fp_keys;
    size_t *fp_counts;
    size_t fp_cap, fp_used;
};

/* Catalog index of a rule, or -1. */
long rep_rule_index(const rep_reporter *r, const lsc_rule *rule);
/* The file a finding names: f->file, else the current input's. */
const char *rep_finding_file(const rep_reporter *r, const lsc_finding *f);
/* The current input's record (NULL before the first input). */
rep_input *rep_current(rep_reporter *r);

/* FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (POINTER), escaped, no newline. */
void rep_text_line(rep_out *o, const lsc_finding *f, const char *file, int color);
/* The finding as a JSON object (json, jsonl), no newline; expected adds
 * "expected":true. */
void rep_json_object(rep_out *o, const lsc_finding *f, const char *file, int expected);

int rep_text_finding(rep_reporter *r, const lsc_finding *f);

int rep_jsonl_finding(rep_reporter *r, const lsc_finding *f);
int rep_json_head(rep_reporter *r);
int rep_json_finding(rep_reporter *r, const lsc_finding *f);
int rep_json_input_end(rep_reporter *r);
int rep_json_finish(rep_reporter *r);

/* sarif partialFingerprints: FNV-1a 64 of rule, file, document index,
 * certificate identity (cert_id: ARN, else name, else "#INDEX"; NULL
 * outside a certificate), the pointer below the certificate, the value and
 * the message with its line:column positions taken out. Nothing that
 * moves when the file is reformatted or a certificate changes place. */
uint64_t rep_fingerprint(const lsc_finding *f, const char *file, const char *cert_id);
/* The fingerprint of f as written: rep_fingerprint(), then, for the n-th
 * finding of the current input with that same value (n > 0), mixed with n,
 * so two results never share one. */
uint64_t rep_unique_fingerprint(rep_reporter *r, const lsc_finding *f, const char *file);
void rep_fingerprints_clear(rep_reporter *r);
int rep_sarif_init(rep_reporter *r);
int rep_sarif_head(rep_reporter *r);
int rep_sarif_finding(rep_reporter *r, const lsc_finding *f);
int rep_sarif_finish(rep_reporter *r);
int rep_sarif_absent(rep_reporter *r, const char *file, const char *rule_id, const char *pointer);

int rep_github_finding(rep_reporter *r, const lsc_finding *f);
int rep_github_input_end(rep_reporter *r);
int rep_github_finish(rep_reporter *r);

int rep_junit_head(rep_reporter *r);
int rep_junit_finding(rep_reporter *r, const lsc_finding *f);
int rep_junit_input_end(rep_reporter *r);
int rep_junit_finish(rep_reporter *r);
void rep_junit_clear(rep_reporter *r);

#endif
