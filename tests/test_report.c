/* Unit tests of the reporter (report/): every format's exact output for
 * synthetic findings, hostile strings in every field, parseability (yajl
 * for json/jsonl/sarif, xmllint for junit) and write errors (/dev/full). */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include "lscertlint.h"
#include "report/escape.h"
#include "report/rep_internal.h"
#include "report/report.h"

/* ------------------------------------------------------------------ */
/* Fixtures and helpers                                               */
/* ------------------------------------------------------------------ */

static lsc_config *cfg;
static char *out_buf;
static size_t out_len;
static FILE *out_fp;
static int have_xmllint; /* else the XML checks cannot run: the program skips (77) */

static void open_out(void) {
    out_buf = NULL;
    out_len = 0;
    out_fp = open_memstream(&out_buf, &out_len);
    ck_assert_ptr_nonnull(out_fp);
}

static void close_out(void) {
    if (out_fp != NULL)
        fclose(out_fp);
    out_fp = NULL;
    free(out_buf);
    out_buf = NULL;
}

/* A fresh, empty output stream. */
static void reset_out(void) {
    close_out();
    open_out();
}

static void setup(void) {
    cfg = lsc_config_new();
    ck_assert_ptr_nonnull(cfg);
    open_out();
}

static void teardown(void) {
    close_out();
    lsc_config_free(cfg);
    cfg = NULL;
}

static rep_reporter *open_rep(rep_format format, int color, lsc_severity fail_on) {
    rep_options o = {format, color, fail_on, cfg, "1.2.3"};
    rep_reporter *r = rep_new(&o, out_fp);
    ck_assert_ptr_nonnull(r);
    return r;
}

/* The output so far (the stream is flushed, the reporter kept). */
static const char *output(void) {
    fflush(out_fp);
    return out_buf != NULL ? out_buf : "";
}

static lsc_finding mkf(const char *rule, lsc_severity sev, const char *file, const char *pointer,
                       const char *message) {
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

static lsc_stats mkstats(size_t documents, size_t certificates) {
    lsc_stats s;
    memset(&s, 0, sizeof s);
    s.documents = documents;
    s.certificates = certificates;
    return s;
}

/* One input with the given findings, then the end of the run. */
static const char *run(rep_format format, int color, const lsc_finding *fs, size_t n,
                       const char *file) {
    rep_reporter *r = open_rep(format, color, LSC_ERROR);
    lsc_stats st = mkstats(1, 1);
    ck_assert_int_eq(rep_input_start(r, file), 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(rep_finding(r, &fs[i]), 0);
    ck_assert_int_eq(rep_input_end(r, &st, n > 0 ? "findings" : "ok", NULL), 0);
    ck_assert_int_eq(rep_finish(r), 0);
    rep_free(r);
    return output();
}

/* Valid UTF-8 with no control byte but LF (and, if tab_ok, tab). */
static int clean_bytes(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = rep_utf8_next((const unsigned char *)s + i, n - i, &cp);
        if (len == 0 || (cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp <= 0x9f))
            return 0;
        i += len;
    }
    return 1;
}

static yajl_val parse_json(const char *text) {
    char err[256];
    yajl_val v = yajl_tree_parse(text, err, sizeof err);
    ck_assert_msg(v != NULL, "not JSON (%s): %s", err, text);
    return v;
}

static const char *json_get_str(yajl_val obj, const char *key) {
    const char *path[] = {key, NULL};
    yajl_val v = yajl_tree_get(obj, path, yajl_t_string);
    ck_assert_msg(v != NULL, "no string %s", key);
    return YAJL_GET_STRING(v);
}

/* xmllint --noout on text: 1 well-formed, 0 not, -1 xmllint missing. */
static int xml_well_formed(const char *text) {
    if (!have_xmllint)
        return -1;
    char path[] = "/tmp/test_report_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *fp = fdopen(fd, "w");
    fputs(text, fp);
    fclose(fp);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
    int rc = system(cmd);
    unlink(path);
    return rc == 0;
}

static void check_xml(const char *text) {
    int ok = xml_well_formed(text);
    if (ok < 0)
        return;
    ck_assert_msg(ok == 1, "not well-formed XML:\n%s", text);
}

#define MSG "tag key \"a\\u001b\" has a character outside the allowed set"
#define PTR "/certificates/0/tags/0/key"

/* ------------------------------------------------------------------ */
/* escape module                                                      */
/* ------------------------------------------------------------------ */

static const char *esc(void (*fn)(rep_out *, const char *, size_t), const char *s, size_t n) {
    static rep_out o;
    rep_out_release(&o);
    rep_out_init(&o, NULL);
    fn(&o, s, n);
    ck_assert_int_eq(rep_out_status(&o), 0);
    return o.buf != NULL ? o.buf : "";
}

static void text_raw(rep_out *o, const char *s, size_t n) {
    rep_esc_text(o, s, n, 1);
}
static void text_msg(rep_out *o, const char *s, size_t n) {
    rep_esc_text(o, s, n, 0);
}
static void xml_attr(rep_out *o, const char *s, size_t n) {
    rep_esc_xml(o, s, n, 1);
}
static void xml_data(rep_out *o, const char *s, size_t n) {
    rep_esc_xml(o, s, n, 0);
}
static void gh_prop(rep_out *o, const char *s, size_t n) {
    rep_esc_github(o, s, n, 1);
}
static void gh_data(rep_out *o, const char *s, size_t n) {
    rep_esc_github(o, s, n, 0);
}

START_TEST(escape_text) {
    ck_assert_str_eq(esc(text_raw, "a\\b\x1b\n\r\t\b\f\x7f", 10),
                     "a\\\\b\\u001b\\n\\r\\t\\b\\f\\u007f");
    ck_assert_str_eq(esc(text_msg, "a\\b\x1b", 4), "a\\b\\u001b");
    ck_assert_str_eq(esc(text_raw, "\xff\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80", 10),
                     "\\xff\\xc0\\xaf\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80");
    ck_assert_str_eq(esc(text_raw, "\xe2\x80\xae\xc2\x9b\xe2\x80\xa8\xe2\x81\xa6", 11),
                     "\\u202e\\u009b\\u2028\\u2066");
    ck_assert_str_eq(esc(text_raw, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x92\"", 10),
                     "\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x92\"");
    ck_assert_str_eq(esc(text_raw, "a\0b", 3), "a\\u0000b");
    ck_assert_str_eq(esc(text_raw, "\xe2\x82", 2), "\\xe2\\x82"); /* truncated */
}
END_TEST

START_TEST(escape_json) {
    ck_assert_str_eq(esc(rep_esc_json, "\"\\/\x01\xff", 5), "\\\"\\\\/\\u0001\\\\xff");
    ck_assert_str_eq(esc(rep_esc_json, "\xe2\x80\xa8\xc3\xa9", 5), "\\u2028\xc3\xa9");
}
END_TEST

START_TEST(escape_xml) {
    ck_assert_str_eq(esc(xml_attr, "<a&b>\"'\t\n\r\x01\xff", 13),
                     "&lt;a&amp;b&gt;&quot;&apos;&#9;&#10;&#13;\xef\xbf\xbd");
    ck_assert_str_eq(esc(xml_data, "a\tb\nc\x1b\xef\xbf\xbe", 9), "a\tb\nc");
}
END_TEST

START_TEST(escape_github) {
    ck_assert_str_eq(esc(gh_data, "50% a:b,c\r\nd", 13), "50%25 a:b,c%0D%0Ad");
    ck_assert_str_eq(esc(gh_prop, "50% a:b,c\r\nd", 13), "50%25 a%3Ab%2Cc%0D%0Ad");
}
END_TEST

START_TEST(escape_uri_markdown) {
    ck_assert_str_eq(esc(rep_esc_uri, "dir/a b~c_d.e-f:%\xc3\xa9", 19),
                     "dir/a%20b~c_d.e-f%3A%25%C3%A9");
    ck_assert_str_eq(esc(rep_esc_markdown, "a|b`c<d>&e*_[x]#~!\\", 19),
                     "a\\|b\\`c&lt;d&gt;&amp;e\\*\\_\\[x\\]\\#\\~\\!\\\\");
}
END_TEST

START_TEST(format_names) {
    rep_format f;
    const char *names[] = {"text", "json", "jsonl", "sarif", "github", "junit"};
    for (int i = 0; i < 6; i++) {
        ck_assert_int_eq(rep_format_parse(names[i], &f), 0);
        ck_assert_int_eq(f, i);
    }
    ck_assert_int_eq(rep_format_parse("xml", &f), -1);
    ck_assert_int_eq(rep_format_parse("", &f), -1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* text                                                               */
/* ------------------------------------------------------------------ */

START_TEST(text_plain) {
    lsc_finding f[2] = {mkf("tag-key-charset", LSC_ERROR, "samples/a.json", PTR, MSG),
                        mkf("empty-response", LSC_NOTE, "samples/a.json", "", "empty")};
    f[1].pos.line = 1, f[1].pos.column = 1, f[1].pos.offset = 0;
    ck_assert_str_eq(run(REP_TEXT, 0, f, 2, "samples/a.json"),
                     "samples/a.json:7:24: error: " MSG " [tag-key-charset] (" PTR ")\n"
                     "samples/a.json:1:1: note: empty [empty-response] ()\n");
}
END_TEST

START_TEST(text_color) {
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "m1"),
                        mkf("null-value", LSC_WARNING, "a.json", "/y", "m2"),
                        mkf("empty-response", LSC_NOTE, "a.json", "", "m3")};
    ck_assert_str_eq(
        run(REP_TEXT, 1, f, 3, "a.json"),
        "\033[1ma.json:7:24:\033[0m \033[1;31merror:\033[0m m1 [tag-key-charset] (/x)\n"
        "\033[1ma.json:7:24:\033[0m \033[1;33mwarning:\033[0m m2 [null-value] (/y)\n"
        "\033[1ma.json:7:24:\033[0m \033[1;36mnote:\033[0m m3 [empty-response] ()\n");
}
END_TEST

START_TEST(text_hostile_message) {
    /* the library escapes messages, but a raw control must not pass anyway;
     * its backslashes are already escapes and are not doubled */
    lsc_finding f = mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "a\x1b[31m\\n\nb\xff");
    ck_assert_str_eq(run(REP_TEXT, 0, &f, 1, "a.json"),
                     "a.json:7:24: error: a\\u001b\\x5b31m\\n\\nb\\xff [tag-key-charset] (/x)\n");
}
END_TEST

START_TEST(summary_line) {
    rep_reporter *r = open_rep(REP_TEXT, 0, LSC_ERROR);
    char line[200];
    rep_summary_line(r, line, sizeof line);
    ck_assert_str_eq(line, "0 files, 0 documents, 0 certificates: 0 errors, 0 warnings, 0 notes");
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "m"),
                        mkf("null-value", LSC_WARNING, "b.json", "/y", "m"),
                        mkf("null-value", LSC_WARNING, "b.json", "/z", "m")};
    lsc_stats s1 = mkstats(1, 1), s2 = mkstats(2, 5);
    ck_assert_int_eq(rep_input_start(r, "a.json"), 0);
    ck_assert_int_eq(rep_finding(r, &f[0]), 0);
    ck_assert_int_eq(rep_input_end(r, &s1, "findings", NULL), 0);
    ck_assert_int_eq(rep_input_start(r, "b.json"), 0);
    ck_assert_int_eq(rep_finding(r, &f[1]), 0);
    ck_assert_int_eq(rep_finding(r, &f[2]), 0);
    ck_assert_int_eq(rep_input_end(r, &s2, "findings", NULL), 0);
    ck_assert_int_eq(rep_input_start(r, "gone.json"), 0);
    ck_assert_int_eq(rep_input_end(r, NULL, "unreadable", "No such file or directory"), 0);
    ck_assert_int_eq(rep_finish(r), 0);
    rep_summary_line(r, line, sizeof line);
    ck_assert_str_eq(line, "3 files, 3 documents, 6 certificates: 1 error, 2 warnings, 0 notes");
    rep_free(r);
}
END_TEST

START_TEST(input_end_without_start) {
    rep_reporter *r = open_rep(REP_JSON, 0, LSC_ERROR);
    errno = 0;
    ck_assert_int_eq(rep_input_end(r, NULL, "ok", NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    rep_free(r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* json, jsonl                                                        */
/* ------------------------------------------------------------------ */

#define JSON_F1                                                                                    \
    "{\"file\":\"samples/a.json\",\"document\":0,\"line\":7,\"column\":24,\"offset\":120,"         \
    "\"pointer\":\"" PTR "\",\"rule\":\"tag-key-charset\",\"severity\":\"error\","                 \
    "\"message\":\"tag key \\\"a\\\\u001b\\\" has a character outside the allowed set\"}"
#define JSON_F2                                                                                    \
    "{\"file\":\"samples/a.json\",\"document\":1,\"line\":9,\"column\":3,\"offset\":200,"          \
    "\"pointer\":\"/certificates/0/certificateName\",\"rule\":\"json-duplicate-key\","             \
    "\"severity\":\"error\",\"message\":\"duplicate key\",\"related\":[{\"line\":8,\"column\":3,"  \
    "\"offset\":170,\"pointer\":\"/certificates/0/certificateName\",\"message\":\"first\"}]}"

static lsc_related rel = {{170, 8, 3}, "/certificates/0/certificateName", 31, "first"};

static void two_findings(lsc_finding f[2], const char *file) {
    f[0] = mkf("tag-key-charset", LSC_ERROR, file, PTR, MSG);
    f[1] = mkf("json-duplicate-key", LSC_ERROR, file, "/certificates/0/certificateName",
               "duplicate key");
    f[1].document = 1;
    f[1].pos.line = 9, f[1].pos.column = 3, f[1].pos.offset = 200;
    f[1].related = &rel;
}

START_TEST(jsonl_exact) {
    lsc_finding f[2];
    two_findings(f, "samples/a.json");
    const char *out = run(REP_JSONL, 0, f, 2, "samples/a.json");
    ck_assert_str_eq(out, JSON_F1 "\n" JSON_F2 "\n");
    /* each line parses, and the message decodes to the library's text */
    yajl_val v = parse_json(JSON_F1);
    ck_assert_str_eq(json_get_str(v, "message"), MSG);
    yajl_tree_free(v);
}
END_TEST

START_TEST(json_exact) {
    rep_reporter *r = open_rep(REP_JSON, 0, LSC_ERROR);
    lsc_finding f[2];
    two_findings(f, "samples/a.json");
    lsc_stats st = mkstats(2, 1);
    ck_assert_int_eq(rep_input_start(r, "samples/a.json"), 0);
    ck_assert_int_eq(rep_finding(r, &f[0]), 0);
    ck_assert_int_eq(rep_finding(r, &f[1]), 0);
    ck_assert_int_eq(rep_input_end(r, &st, "findings", NULL), 0);
    ck_assert_int_eq(rep_input_start(r, "missing.json"), 0);
    ck_assert_int_eq(rep_input_end(r, NULL, "unreadable", "No such file or directory"), 0);
    ck_assert_int_eq(rep_finish(r), 0);
    rep_free(r);
    const char *expect =
        "{\"tool\":{\"name\":\"lscertlint\",\"version\":\"1.2.3\"},\"inputs\":[\n"
        "{\"file\":\"samples/"
        "a.json\",\"documents\":2,\"certificates\":1,\"status\":\"findings\"},\n"
        "{\"file\":\"missing.json\",\"documents\":0,\"certificates\":0,\"status\":\"unreadable\","
        "\"message\":\"No such file or directory\"}\n"
        "],\"findings\":[\n" JSON_F1 ",\n" JSON_F2 "\n"
        "],\"summary\":{\"errors\":2,\"warnings\":0,\"notes\":0}}\n";
    ck_assert_str_eq(output(), expect);
    yajl_tree_free(parse_json(output()));
}
END_TEST

START_TEST(json_empty) {
    rep_reporter *r = open_rep(REP_JSON, 0, LSC_ERROR);
    ck_assert_int_eq(rep_finish(r), 0);
    rep_free(r);
    ck_assert_str_eq(output(), "{\"tool\":{\"name\":\"lscertlint\",\"version\":\"1.2.3\"},"
                               "\"inputs\":[],\"findings\":[],\"summary\":{\"errors\":0,"
                               "\"warnings\":0,\"notes\":0}}\n");
    yajl_tree_free(parse_json(output()));
}
END_TEST

/* ------------------------------------------------------------------ */
/* sarif                                                              */
/* ------------------------------------------------------------------ */

/* Index of a rule in the SARIF rules[] of cfg: enabled rules, catalog order. */
static long sarif_index(const char *id) {
    long k = 0;
    for (size_t i = 0; i < lsc_rule_count(); i++) {
        const lsc_rule *rule = lsc_rule_at(i);
        if (lsc_config_severity(cfg, rule->id) == LSC_OFF)
            continue;
        if (strcmp(rule->id, id) == 0)
            return k;
        k++;
    }
    return -1;
}

START_TEST(sarif_result_exact) {
    lsc_finding f[2];
    two_findings(f, "samples/a b.json");
    f[0].value = "a\x1b";
    f[0].value_len = 2;
    const char *out = run(REP_SARIF, 0, f, 2, "samples/a b.json");
    char expect[2048];
    snprintf(expect, sizeof expect,
             "\n{\"ruleId\":\"tag-key-charset\",\"ruleIndex\":%ld,\"level\":\"error\",\"message\":"
             "{\"text\":\"tag key \\\"a\\\\u001b\\\" has a character outside the allowed set\"},"
             "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":"
             "\"samples/a%%20b.json\"},\"region\":{\"startLine\":7,\"startColumn\":24,"
             "\"byteOffset\":120}},\"logicalLocations\":[{\"fullyQualifiedName\":\"" PTR "\"}]}],"
             "\"partialFingerprints\":{\"lscertlint/v1\":\"37d6ff73fe548c70\"}},\n"
             "{\"ruleId\":\"json-duplicate-key\",\"ruleIndex\":%ld,\"level\":\"error\",\"message\":"
             "{\"text\":\"duplicate key\"},\"locations\":[{\"physicalLocation\":{"
             "\"artifactLocation\":{\"uri\":\"samples/a%%20b.json\"},\"region\":{\"startLine\":9,"
             "\"startColumn\":3,\"byteOffset\":200}},\"logicalLocations\":[{\"fullyQualifiedName\":"
             "\"/certificates/0/certificateName\"}]}],\"partialFingerprints\":{\"lscertlint/v1\":"
             "\"6ac08b68958525ae\"},\"relatedLocations\":[{\"id\":1,\"physicalLocation\":{"
             "\"artifactLocation\":{\"uri\":\"samples/a%%20b.json\"},\"region\":{\"startLine\":8,"
             "\"startColumn\":3,\"byteOffset\":170}},\"logicalLocations\":[{\"fullyQualifiedName\":"
             "\"/certificates/0/certificateName\"}],\"message\":{\"text\":\"first\"}}]}\n"
             "],\"invocations\":[{\"executionSuccessful\":true}]}]}\n",
             sarif_index("tag-key-charset"), sarif_index("json-duplicate-key"));
    const char *results = strstr(out, "\"results\":[");
    ck_assert_ptr_nonnull(results);
    ck_assert_str_eq(results + strlen("\"results\":["), expect);
    const char *head = "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
                       "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":"
                       "\"lscertlint\",\"version\":\"1.2.3\",\"informationUri\":\"https://";
    ck_assert(strncmp(out, head, strlen(head)) == 0);
    yajl_tree_free(parse_json(out));
}
END_TEST

START_TEST(sarif_rules) {
    ck_assert_int_eq(lsc_config_set_severity(cfg, "json-bom", LSC_OFF), 0);
    ck_assert_int_eq(lsc_config_set_severity(cfg, "empty-response", LSC_ERROR), 0);
    ck_assert_int_eq(lsc_config_enable(cfg, "expires-soon"), 0);
    lsc_finding f = mkf("empty-response", LSC_ERROR, "a.json", "", "empty");
    const char *out = run(REP_SARIF, 0, &f, 1, "a.json");
    yajl_val doc = parse_json(out);
    const char *rules_path[] = {"runs", NULL};
    yajl_val runs = yajl_tree_get(doc, rules_path, yajl_t_array);
    ck_assert_ptr_nonnull(runs);
    ck_assert_uint_eq(YAJL_GET_ARRAY(runs)->len, 1);
    yajl_val run0 = YAJL_GET_ARRAY(runs)->values[0];
    const char *rp[] = {"tool", "driver", "rules", NULL};
    yajl_val rules = yajl_tree_get(run0, rp, yajl_t_array);
    ck_assert_ptr_nonnull(rules);
    size_t k = 0;
    for (size_t i = 0; i < lsc_rule_count(); i++) {
        const lsc_rule *rule = lsc_rule_at(i);
        lsc_severity sev = lsc_config_severity(cfg, rule->id);
        if (sev == LSC_OFF)
            continue;
        ck_assert_uint_lt(k, YAJL_GET_ARRAY(rules)->len);
        yajl_val r = YAJL_GET_ARRAY(rules)->values[k++];
        ck_assert_str_eq(json_get_str(r, "id"), rule->id);
        const char *sd[] = {"shortDescription", "text", NULL};
        const char *lv[] = {"defaultConfiguration", "level", NULL};
        const char *ht[] = {"help", "text", NULL};
        const char *fd[] = {"fullDescription", "text", NULL};
        ck_assert_str_eq(YAJL_GET_STRING(yajl_tree_get(r, sd, yajl_t_string)), rule->summary);
        ck_assert_str_eq(YAJL_GET_STRING(yajl_tree_get(r, lv, yajl_t_string)),
                         lsc_severity_name(sev));
        ck_assert_str_eq(YAJL_GET_STRING(yajl_tree_get(r, ht, yajl_t_string)), rule->explanation);
        const char *full = YAJL_GET_STRING(yajl_tree_get(r, fd, yajl_t_string));
        ck_assert(strncmp(full, rule->explanation, strlen(full)) == 0);
        ck_assert_ptr_null(strstr(full, "\n\n"));
    }
    ck_assert_uint_eq(k, YAJL_GET_ARRAY(rules)->len);
    ck_assert_int_eq(sarif_index("json-bom"), -1);
    ck_assert_int_ge(sarif_index("expires-soon"), 0);
    /* names: PascalCase ids */
    yajl_val r0 = YAJL_GET_ARRAY(rules)->values[0];
    ck_assert_str_eq(json_get_str(r0, "name"), "JsonSyntax");
    /* the result's ruleIndex names its rule, at the configured level */
    const char *resp[] = {"results", NULL};
    yajl_val results = yajl_tree_get(run0, resp, yajl_t_array);
    ck_assert_uint_eq(YAJL_GET_ARRAY(results)->len, 1);
    yajl_val res = YAJL_GET_ARRAY(results)->values[0];
    const char *ip[] = {"ruleIndex", NULL};
    yajl_val idx = yajl_tree_get(res, ip, yajl_t_number);
    yajl_val named = YAJL_GET_ARRAY(rules)->values[YAJL_GET_INTEGER(idx)];
    ck_assert_str_eq(json_get_str(named, "id"), "empty-response");
    ck_assert_str_eq(json_get_str(named, "name"), "EmptyResponse");
    ck_assert_str_eq(json_get_str(res, "level"), "error");
    const char *uri[] = {"locations", NULL};
    ck_assert_ptr_nonnull(yajl_tree_get(res, uri, yajl_t_array));
    yajl_tree_free(doc);
}
END_TEST

START_TEST(sarif_uris) {
    const char *files[][2] = {
        {"<stdin>", "stdin"},
        {"./samples/x.json", "samples/x.json"},
        {"/abs/x y.json", "file:///abs/x%20y.json"},
        {"d\xc3\xa9j\xc3\xa0/caf\xc3\xa9.json", "d%C3%A9j%C3%A0/caf%C3%A9.json"},
        {"a:b#c?d.json", "a%3Ab%23c%3Fd.json"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        reset_out();
        lsc_finding f = mkf("empty-response", LSC_NOTE, files[i][0], "", "empty");
        rep_reporter *r = open_rep(REP_SARIF, 0, LSC_ERROR);
        ck_assert_int_eq(rep_input_start(r, files[i][0]), 0);
        ck_assert_int_eq(rep_finding(r, &f), 0);
        ck_assert_int_eq(rep_input_end(r, NULL, "findings", NULL), 0);
        ck_assert_int_eq(rep_finish(r), 0);
        rep_free(r);
        char want[200];
        snprintf(want, sizeof want, "\"artifactLocation\":{\"uri\":\"%s\"}", files[i][1]);
        ck_assert_msg(strstr(output(), want) != NULL, "%s not in %s", want, output());
        ck_assert(strstr(output(), "\"level\":\"note\"") != NULL);
    }
}
END_TEST

START_TEST(sarif_unreadable) {
    rep_reporter *r = open_rep(REP_SARIF, 0, LSC_ERROR);
    ck_assert_int_eq(rep_input_start(r, "gone.json"), 0);
    ck_assert_int_eq(rep_input_end(r, NULL, "unreadable", "Permission denied"), 0);
    ck_assert_int_eq(rep_finish(r), 0);
    rep_free(r);
    const char *tail = strstr(output(), "\"results\":[");
    ck_assert_ptr_nonnull(tail);
    ck_assert_str_eq(tail,
                     "\"results\":[],\"invocations\":[{\"executionSuccessful\":false,"
                     "\"toolExecutionNotifications\":[\n{\"level\":\"error\",\"message\":"
                     "{\"text\":\"cannot read the input: Permission denied\"},\"locations\":"
                     "[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"gone.json\"}}}]}"
                     "\n]}]}]}\n");
    yajl_tree_free(parse_json(output()));
}
END_TEST

START_TEST(sarif_fingerprint_stable) {
    lsc_finding a = mkf("tag-key-charset", LSC_ERROR, "a.json", PTR, "m at 3:9");
    lsc_finding b = a;
    /* positions move when a file is reformatted: not part of it */
    b.pos.line = 99, b.pos.offset = 9999, b.message = "m at 12:1";
    ck_assert_uint_eq(rep_fingerprint(&a, "a.json", NULL), rep_fingerprint(&b, "a.json", NULL));
    b.message = "other";
    ck_assert_uint_ne(rep_fingerprint(&a, "a.json", NULL), rep_fingerprint(&b, "a.json", NULL));
    b = a, b.document = 4;
    ck_assert_uint_ne(rep_fingerprint(&a, "a.json", NULL), rep_fingerprint(&b, "a.json", NULL));
    b = a, b.value = "v", b.value_len = 1;
    ck_assert_uint_ne(rep_fingerprint(&a, "a.json", NULL), rep_fingerprint(&b, "a.json", NULL));
    ck_assert_uint_ne(rep_fingerprint(&a, "a.json", NULL), rep_fingerprint(&a, "b.json", NULL));
    /* inside a certificate: its identity, not its index in the list */
    b = a, b.pointer = "/certificates/7/tags/0/key", b.pointer_len = 26;
    a.pointer = "/certificates/0/tags/0/key", a.pointer_len = 26;
    ck_assert_uint_eq(rep_fingerprint(&a, "a.json", "aarn:1"), rep_fingerprint(&b, "a.json", "aarn:1"));
    ck_assert_uint_ne(rep_fingerprint(&a, "a.json", "aarn:1"), rep_fingerprint(&a, "a.json", "aarn:2"));
    ck_assert_uint_ne(rep_fingerprint(&a, "a.json", "aarn:1"), rep_fingerprint(&a, "a.json", NULL));
    /* the parts are separated: ("ab","c") differs from ("a","bc") */
    lsc_finding c = a, d = a;
    c.pointer = "/ab", c.pointer_len = 3, c.value = "c", c.value_len = 1;
    d.pointer = "/a", d.pointer_len = 2, d.value = "bc", d.value_len = 2;
    ck_assert_uint_ne(rep_fingerprint(&c, "a.json", NULL), rep_fingerprint(&d, "a.json", NULL));
}
END_TEST

/* ------------------------------------------------------------------ */
/* github                                                             */
/* ------------------------------------------------------------------ */

START_TEST(github_exact) {
    unsetenv("GITHUB_STEP_SUMMARY");
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, "dir/a,b.json", PTR, "50% bad: x"),
                        mkf("null-value", LSC_WARNING, "dir/a,b.json", "/y", "m2"),
                        mkf("empty-response", LSC_NOTE, "dir/a,b.json", "", "m3")};
    ck_assert_str_eq(
        run(REP_GITHUB, 0, f, 3, "dir/a,b.json"),
        "::error file=dir/a%2Cb.json,line=7,col=24,title=tag-key-charset::50%25 bad: x (" PTR ")\n"
        "::warning file=dir/a%2Cb.json,line=7,col=24,title=null-value::m2 (/y)\n"
        "::notice file=dir/a%2Cb.json,line=7,col=24,title=empty-response::m3 ()\n"
        "::notice::1 file, 1 document, 1 certificate: 1 error, 1 warning, "
        "1 note\n");
}
END_TEST

START_TEST(github_step_summary) {
    char path[] = "/tmp/test_report_summary_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "before\n", 7), 7);
    close(fd);
    setenv("GITHUB_STEP_SUMMARY", path, 1);
    rep_reporter *r = open_rep(REP_GITHUB, 0, LSC_ERROR);
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, "a|`<b>.json", PTR, "m"),
                        mkf("tag-key-charset", LSC_ERROR, "a|`<b>.json", PTR, "m"),
                        mkf("null-value", LSC_WARNING, "c\x1b.json", "/y", "m")};
    lsc_stats st = mkstats(1, 2);
    ck_assert_int_eq(rep_input_start(r, "a|`<b>.json"), 0);
    ck_assert_int_eq(rep_finding(r, &f[0]), 0);
    ck_assert_int_eq(rep_finding(r, &f[1]), 0);
    ck_assert_int_eq(rep_input_end(r, &st, "findings", NULL), 0);
    ck_assert_int_eq(rep_input_start(r, "ok.json"), 0);
    ck_assert_int_eq(rep_input_end(r, &st, "ok", NULL), 0);
    ck_assert_int_eq(rep_input_start(r, "c\x1b.json"), 0);
    ck_assert_int_eq(rep_finding(r, &f[2]), 0);
    ck_assert_int_eq(rep_input_end(r, &st, "findings", NULL), 0);
    ck_assert_int_eq(rep_input_start(r, "gone:x.json"), 0);
    ck_assert_int_eq(rep_input_end(r, NULL, "unreadable", "No such file or directory"), 0);
    ck_assert_int_eq(rep_finish(r), 0);
    rep_free(r);
    unsetenv("GITHUB_STEP_SUMMARY");
    ck_assert_str_eq(
        output(),
        "::error file=a|`<b>.json,line=7,col=24,title=tag-key-charset::m (" PTR ")\n"
        "::error file=a|`<b>.json,line=7,col=24,title=tag-key-charset::m (" PTR ")\n"
        "::warning file=c\\u001b.json,line=7,col=24,title=null-value::m (/y)\n"
        "::error file=gone%3Ax.json,title=lscertlint::cannot read the input: No such file or "
        "directory\n"
        "::notice::4 files, 3 documents, 6 certificates: 2 errors, 1 warning, 0 "
        "notes\n");
    FILE *fp = fopen(path, "r");
    ck_assert_ptr_nonnull(fp);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    unlink(path);
    ck_assert_str_eq(buf, "before\n"
                          "\n### lscertlint\n\n"
                          "4 files, 3 documents, 6 certificates: 2 errors, 1 warning, 0 notes\n"
                          "\n| Rule | Severity | Findings |\n| --- | --- | ---: |\n"
                          "| null-value | warning | 1 |\n" /* catalog order */
                          "| tag-key-charset | error | 2 |\n"
                          "\n| File | Errors | Warnings | Notes |\n| --- | ---: | ---: | ---: |\n"
                          "| a\\|\\`&lt;b&gt;.json | 2 | 0 | 0 |\n"
                          "| c\\\\u001b.json | 0 | 1 | 0 |\n");
}
END_TEST

/* ------------------------------------------------------------------ */
/* junit                                                              */
/* ------------------------------------------------------------------ */

START_TEST(junit_exact) {
    rep_reporter *r = open_rep(REP_JUNIT, 0, LSC_WARNING);
    lsc_finding f[4] = {mkf("tag-key-charset", LSC_ERROR, "a&b.json", PTR, "bad \"<x>\""),
                        mkf("null-value", LSC_WARNING, "a&b.json", "/y", "m2"),
                        mkf("empty-response", LSC_NOTE, "a&b.json", "", "m3"),
                        mkf("empty-response", LSC_NOTE, "a&b.json", "", "m4")};
    f[1].document = 2;
    f[3].document = 2;
    lsc_stats st = mkstats(3, 1);
    ck_assert_int_eq(rep_input_start(r, "a&b.json"), 0);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(rep_finding(r, &f[i]), 0);
    ck_assert_int_eq(rep_input_end(r, &st, "findings", NULL), 0);
    ck_assert_int_eq(rep_input_start(r, "gone\x01.json"), 0);
    ck_assert_int_eq(rep_input_end(r, NULL, "unreadable", "No such file or directory"), 0);
    ck_assert_int_eq(rep_finish(r), 0);
    rep_free(r);
    const char *expect =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lscertlint\">\n"
        "  <testsuite name=\"a&amp;b.json\" tests=\"3\" failures=\"2\" errors=\"0\">\n"
        "    <testcase name=\"document 0\" classname=\"a&amp;b.json\">\n"
        "      <failure type=\"tag-key-charset\" message=\"a&amp;b.json:7:24: error: bad "
        "&quot;&lt;x&gt;&quot; [tag-key-charset] (" PTR ")\">a&amp;b.json:7:24: error: bad "
        "&quot;&lt;x&gt;&quot; [tag-key-charset] (" PTR ")</failure>\n"
        "      <system-out>a&amp;b.json:7:24: note: m3 [empty-response] ()\n</system-out>\n"
        "    </testcase>\n"
        "    <testcase name=\"document 1\" classname=\"a&amp;b.json\"/>\n"
        "    <testcase name=\"document 2\" classname=\"a&amp;b.json\">\n"
        "      <failure type=\"null-value\" message=\"a&amp;b.json:7:24: warning: m2 [null-value] "
        "(/y)\">a&amp;b.json:7:24: warning: m2 [null-value] (/y)</failure>\n"
        "      <system-out>a&amp;b.json:7:24: note: m4 [empty-response] ()\n</system-out>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "  <testsuite name=\"gone\\u0001.json\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
        "    <testcase name=\"input\" classname=\"gone\\u0001.json\">\n"
        "      <error type=\"unreadable\" message=\"cannot read the input: No such file or "
        "directory\"/>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n";
    ck_assert_str_eq(output(), expect);
    check_xml(output());
}
END_TEST

START_TEST(junit_fail_never) {
    rep_reporter *r = open_rep(REP_JUNIT, 0, LSC_OFF);
    lsc_finding f = mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "m");
    ck_assert_int_eq(rep_input_start(r, "a.json"), 0);
    ck_assert_int_eq(rep_finding(r, &f), 0);
    ck_assert_int_eq(rep_input_end(r, NULL, "findings", NULL), 0);
    ck_assert_int_eq(rep_finish(r), 0);
    rep_free(r);
    ck_assert_str_eq(
        output(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lscertlint\">\n"
                  "  <testsuite name=\"a.json\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
                  "    <testcase name=\"document 0\" classname=\"a.json\">\n"
                  "      <system-out>a.json:7:24: error: m [tag-key-charset] (/x)\n"
                  "</system-out>\n"
                  "    </testcase>\n"
                  "  </testsuite>\n"
                  "</testsuites>\n");
    check_xml(output());
}
END_TEST

/* ------------------------------------------------------------------ */
/* hostile strings in file and pointer, every format                  */
/* ------------------------------------------------------------------ */

typedef struct hostile {
    const char *raw;
    size_t len;
    const char *text;   /* rep_esc_text raw mode */
    const char *json;   /* inside a JSON string */
    const char *ghprop; /* text, then the property escapes */
    const char *ghdata; /* text, then the data escapes */
    const char *xml;    /* text, then XML attribute escapes */
    const char *uri;    /* SARIF artifactLocation.uri */
} hostile;

#define H(s) s, sizeof s - 1
static const hostile hostiles[] = {
    {H("\x1b[31m"), "\\u001b[31m", "\\u001b[31m", "\\u001b[31m", "\\u001b[31m", "\\u001b[31m",
     "%1B%5B31m"},
    {H("a\rb"), "a\\rb", "a\\rb", "a\\rb", "a\\rb", "a\\rb", "a%0Db"},
    {H("a\nb"), "a\\nb", "a\\nb", "a\\nb", "a\\nb", "a\\nb", "a%0Ab"},
    {H("a\r\n::error::x"), "a\\r\\n::error::x", "a\\r\\n::error::x", "a\\r\\n%3A%3Aerror%3A%3Ax",
     "a\\r\\n::error::x", "a\\r\\n::error::x", "a%0D%0A%3A%3Aerror%3A%3Ax"},
    {H("a\0b"), "a\\u0000b", "a\\u0000b", "a\\u0000b", "a\\u0000b", "a\\u0000b", "a%00b"},
    {H("::error::x"), "::error::x", "::error::x", "%3A%3Aerror%3A%3Ax", "::error::x", "::error::x",
     "%3A%3Aerror%3A%3Ax"},
    {H("%0A"), "%0A", "%0A", "%250A", "%250A", "%0A", "%250A"},
    {H("\n::add-mask::s"), "\\n::add-mask::s", "\\n::add-mask::s", "\\n%3A%3Aadd-mask%3A%3As",
     "\\n::add-mask::s", "\\n::add-mask::s", "%0A%3A%3Aadd-mask%3A%3As"},
    {H("\xff\xfe"), "\\xff\\xfe", "\\\\xff\\\\xfe", "\\xff\\xfe", "\\xff\\xfe", "\\xff\\xfe",
     "%FF%FE"},
    {H("<&\"'>"), "<&\"'>", "<&\\\"'>", "<&\"'>", "<&\"'>", "&lt;&amp;&quot;&apos;&gt;",
     "%3C%26%22%27%3E"},
    {H("a\\b"), "a\\\\b", "a\\\\b", "a\\\\b", "a\\\\b", "a\\\\b", "a%5Cb"},
    {H("\xc2\x9b"
       "2J"),
     "\\u009b2J", "\\u009b2J", "\\u009b2J", "\\u009b2J", "\\u009b2J", "%C2%9B2J"},
    {H("\xe2\x80\xae"), "\\u202e", "\\u202e", "\\u202e", "\\u202e", "\\u202e", "%E2%80%AE"},
    {H("a,b:c"), "a,b:c", "a,b:c", "a%2Cb%3Ac", "a,b:c", "a,b:c", "a%2Cb%3Ac"},
    {H("\xc3\xa9"), "\xc3\xa9", "\xc3\xa9", "\xc3\xa9", "\xc3\xa9", "\xc3\xa9", "%C3%A9"},
};

/* The structural escapes of a text line applied to s: ':' (file names
 * only), '[' and ']' as \x3a, \x5b, \x5d. */
static void text_structure(const char *s, int is_file, char *out, size_t size) {
    size_t n = 0;
    for (; *s != '\0' && n + 5 < size; s++) {
        const char *esc = *s == '[' ? "\\x5b" : *s == ']' ? "\\x5d" : NULL;
        if (is_file && *s == ':')
            esc = "\\x3a";
        if (esc != NULL) {
            memcpy(out + n, esc, 4);
            n += 4;
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
}

/* Runs one format over a finding whose file and pointer hold the hostile
 * string; returns the output. */
static const char *run_hostile(rep_format fmt, const hostile *h, char *file, char *ptr) {
    memcpy(file, h->raw, h->len);
    file[h->len] = '\0';
    memcpy(ptr, "/a/", 3);
    memcpy(ptr + 3, h->raw, h->len);
    lsc_finding f = mkf("tag-key-charset", LSC_ERROR, file, "", "msg");
    f.pointer = ptr;
    f.pointer_len = h->len + 3;
    f.pos.line = 1, f.pos.column = 2, f.pos.offset = 3;
    f.value = h->raw, f.value_len = h->len;
    reset_out();
    /* a C string file name ends at a NUL; the pointer has a length and keeps it */
    return run(fmt, 0, &f, 1, file);
}

START_TEST(hostile_all_formats) {
    const hostile *h = &hostiles[_i];
    char file[64], ptr[64], want[1024];
    /* a NUL cuts the file name (a C string): what remains is escaped */
    size_t flen = strnlen(h->raw, h->len);
    const char *ftext = flen == h->len ? h->text : "a";
    const char *fjson = flen == h->len ? h->json : "a";
    const char *fprop = flen == h->len ? h->ghprop : "a";
    const char *fxml = flen == h->len ? h->xml : "a";
    const char *furi = flen == h->len ? h->uri : "a";

    char ftext_s[256], ptext_s[256];
    const char *out = run_hostile(REP_TEXT, h, file, ptr);
    /* text lines also escape what could forge their structure: every ':'
     * of a file name, '[' and ']' anywhere (none of these strings holds a
     * forged ":LINE:COL: " in a pointer) */
    text_structure(ftext, 1, ftext_s, sizeof ftext_s);
    text_structure(h->text, 0, ptext_s, sizeof ptext_s);
    snprintf(want, sizeof want, "%s:1:2: error: msg [tag-key-charset] (/a/%s)\n", ftext_s,
             ptext_s);
    ck_assert_str_eq(out, want);
    ck_assert(clean_bytes(out, strlen(out)));

    out = run_hostile(REP_JSONL, h, file, ptr);
    snprintf(want, sizeof want,
             "{\"file\":\"%s\",\"document\":0,\"line\":1,\"column\":2,\"offset\":3,\"pointer\":"
             "\"/a/%s\",\"rule\":\"tag-key-charset\",\"severity\":\"error\",\"message\":\"msg\"}\n",
             fjson, h->json);
    ck_assert_str_eq(out, want);
    ck_assert(clean_bytes(out, strlen(out)));
    yajl_val v = parse_json(out);
    /* valid UTF-8 without NUL round-trips exactly through the JSON string */
    int valid = flen == h->len;
    for (size_t i = 0, n; valid && i < h->len; i += n) {
        uint32_t cp;
        n = rep_utf8_next((const unsigned char *)h->raw + i, h->len - i, &cp);
        valid = n != 0;
    }
    if (valid) {
        const char *p = json_get_str(v, "pointer");
        ck_assert_uint_eq(strlen(p), h->len + 3);
        ck_assert(memcmp(p + 3, h->raw, h->len) == 0);
        ck_assert_str_eq(json_get_str(v, "file"), h->raw);
    }
    yajl_tree_free(v);

    out = run_hostile(REP_JSON, h, file, ptr);
    ck_assert(clean_bytes(out, strlen(out)));
    yajl_tree_free(parse_json(out));

    out = run_hostile(REP_GITHUB, h, file, ptr);
    snprintf(want, sizeof want,
             "::error file=%s,line=1,col=2,title=tag-key-charset::msg (/a/%s)\n"
             "::notice::1 file, 1 document, 1 certificate: 1 error, 0 "
             "warnings, 0 notes\n",
             fprop, h->ghdata);
    ck_assert_str_eq(out, want);
    ck_assert(clean_bytes(out, strlen(out)));

    /* the failure message is the text line: its structural escapes too */
    char xml_line_file[256], xml_line_ptr[256];
    text_structure(fxml, 1, xml_line_file, sizeof xml_line_file);
    text_structure(h->xml, 0, xml_line_ptr, sizeof xml_line_ptr);
    out = run_hostile(REP_JUNIT, h, file, ptr);
    ck_assert(clean_bytes(out, strlen(out)));
    snprintf(want, sizeof want,
             "<testsuite name=\"%s\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
             "    <testcase name=\"document 0\" classname=\"%s\">\n"
             "      <failure type=\"tag-key-charset\" message=\"%s:1:2: error: msg "
             "[tag-key-charset] (/a/%s)\">",
             fxml, fxml, xml_line_file, xml_line_ptr);
    ck_assert_msg(strstr(out, want) != NULL, "%s\nnot in\n%s", want, out);
    check_xml(out);

    out = run_hostile(REP_SARIF, h, file, ptr);
    ck_assert(clean_bytes(out, strlen(out)));
    snprintf(want, sizeof want,
             "\"artifactLocation\":{\"uri\":\"%s\"},\"region\":{\"startLine\":1,\"startColumn\":2,"
             "\"byteOffset\":3}},\"logicalLocations\":[{\"fullyQualifiedName\":\"/a/%s\"}]",
             furi, h->json);
    ck_assert_msg(strstr(out, want) != NULL, "%s\nnot in\n%s", want, out);
    yajl_tree_free(parse_json(out));
}
END_TEST

/* ------------------------------------------------------------------ */
/* write errors                                                       */
/* ------------------------------------------------------------------ */

START_TEST(write_error_dev_full) {
    FILE *full = fopen("/dev/full", "w");
    if (full == NULL)
        return; /* no /dev/full here: nothing to test against */
    rep_options o = {(rep_format)_i, 0, LSC_ERROR, cfg, "1.2.3"};
    rep_reporter *r = rep_new(&o, full);
    ck_assert_ptr_nonnull(r);
    lsc_finding f = mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "m");
    /* the error shows where stdio's buffer is flushed: at the latest in rep_finish */
    errno = 0;
    int rc = rep_input_start(r, "a.json");
    for (int i = 0; i < 100 && rc == 0; i++)
        rc = rep_finding(r, &f);
    if (rc == 0)
        rc = rep_input_end(r, NULL, "findings", NULL);
    if (rc == 0)
        rc = rep_finish(r);
    ck_assert_int_eq(rc, -1);
    ck_assert_int_eq(errno, ENOSPC);
    /* and it sticks: later calls fail too */
    errno = 0;
    ck_assert_int_eq(rep_finish(r), -1);
    ck_assert_int_eq(errno, ENOSPC);
    rep_free(r);
    fclose(full);
}
END_TEST

static TCase *new_case(Suite *s, const char *name) {
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, setup, teardown);
    suite_add_tcase(s, tc);
    return tc;
}

static Suite *report_suite(void) {
    Suite *s = suite_create("report");
    TCase *tc = new_case(s, "escape");
    tcase_add_test(tc, escape_text);
    tcase_add_test(tc, escape_json);
    tcase_add_test(tc, escape_xml);
    tcase_add_test(tc, escape_github);
    tcase_add_test(tc, escape_uri_markdown);
    tcase_add_test(tc, format_names);
    tc = new_case(s, "text");
    tcase_add_test(tc, text_plain);
    tcase_add_test(tc, text_color);
    tcase_add_test(tc, text_hostile_message);
    tcase_add_test(tc, summary_line);
    tcase_add_test(tc, input_end_without_start);
    tc = new_case(s, "json");
    tcase_add_test(tc, jsonl_exact);
    tcase_add_test(tc, json_exact);
    tcase_add_test(tc, json_empty);
    tc = new_case(s, "sarif");
    tcase_add_test(tc, sarif_result_exact);
    tcase_add_test(tc, sarif_rules);
    tcase_add_test(tc, sarif_uris);
    tcase_add_test(tc, sarif_unreadable);
    tcase_add_test(tc, sarif_fingerprint_stable);
    tc = new_case(s, "github");
    tcase_add_test(tc, github_exact);
    tcase_add_test(tc, github_step_summary);
    tc = new_case(s, "junit");
    tcase_add_test(tc, junit_exact);
    tcase_add_test(tc, junit_fail_never);
    tc = new_case(s, "hostile");
    tcase_add_loop_test(tc, hostile_all_formats, 0, (int)(sizeof hostiles / sizeof hostiles[0]));
    tc = new_case(s, "write-errors");
    tcase_add_loop_test(tc, write_error_dev_full, REP_TEXT, REP_JUNIT + 1);
    return s;
}

int main(void) {
    have_xmllint = system("command -v xmllint >/dev/null 2>&1") == 0;
    SRunner *sr = srunner_create(report_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (failed != 0)
        return EXIT_FAILURE;
    if (!have_xmllint) {
        fprintf(stderr, "SKIP: xmllint not found: the junit output was not parsed as XML\n");
        return 77;
    }
    return EXIT_SUCCESS;
}
