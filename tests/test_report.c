/* Unit tests of the reporter through the public API only (lsc_reporter,
 * lscertlint.h), linked against the shared library: every format's exact
 * output for synthetic findings, hostile strings in every field,
 * parseability (yajl for json/jsonl/sarif, xmllint for junit), output
 * through a write callback, write errors (/dev/full, a failing callback)
 * and, in the fault-injection build (tests/test_report_inject), every
 * allocation failing in turn. The private escapes and the fingerprint are
 * tested in tests/test_escape.c. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yajl/yajl_tree.h>

#include <utf8proc.h>

#include "lscertlint.h"
#include "tests/finding_fixture.h"

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

static lsc_reporter_options options(lsc_format format, int color, lsc_severity fail_on) {
    lsc_reporter_options o;
    lsc_reporter_options_init(&o);
    o.format = format;
    o.color = color;
    o.fail_on = fail_on;
    o.config = cfg;
    o.tool_version = "1.2.3";
    return o;
}

static lsc_reporter *open_rep(lsc_format format, int color, lsc_severity fail_on) {
    lsc_reporter_options o = options(format, color, fail_on);
    lsc_reporter *r = lsc_reporter_new_file(&o, out_fp);
    ck_assert_ptr_nonnull(r);
    return r;
}

/* The output so far (the stream is flushed, the reporter kept). */
static const char *output(void) {
    fflush(out_fp);
    return out_buf != NULL ? out_buf : "";
}


static lsc_stats mkstats(size_t documents, size_t certificates) {
    lsc_stats s;
    memset(&s, 0, sizeof s);
    s.documents = documents;
    s.certificates = certificates;
    return s;
}

/* One input with the given findings, then the end of the run. */
static const char *run(lsc_format format, int color, const lsc_finding *fs, size_t n,
                       const char *file) {
    lsc_reporter *r = open_rep(format, color, LSC_ERROR);
    lsc_stats st = mkstats(1, 1);
    ck_assert_int_eq(lsc_reporter_input_start(r, file), 0);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(lsc_reporter_finding(r, &fs[i], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, &st, n > 0 ? "findings" : "ok", NULL), 0);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    lsc_reporter_free(r);
    return output();
}

/* Length of the valid UTF-8 sequence at s (utf8proc: no overlong forms,
 * surrogates or code points above U+10FFFF) with its code point; 0 if none. */
static size_t utf8_next(const char *s, size_t n, uint32_t *cp) {
    utf8proc_int32_t c;
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &c);
    if (len <= 0)
        return 0;
    *cp = (uint32_t)c;
    return (size_t)len;
}

/* Valid UTF-8 with no control byte but LF (and, if tab_ok, tab). */
static int clean_bytes(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_next(s + i, n - i, &cp);
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

/* two_input_run()'s bytes, per format: the reporter before it moved into
 * the library wrote these (sarif: from "results" on; its rules[] head is
 * tests/golden's and sarif_rules's). */
#define TWO_TEXT                                                                                   \
    "a.json:7:24: error: tag key \"a\\u001b\" has a character outside the allowed set "            \
    "[tag-key-charset] (/certificates/0/tags/0/key)\n"                                             \
    "a.json:7:24: warning: m2 [null-value] (/certificates/0/x) [expected]\n"
#define TWO_JSON                                                                                   \
    "{\"tool\":{\"name\":\"lscertlint\",\"version\":\"1.2.3\"},\"inputs\":[\n"                     \
    "{\"file\":\"a.json\",\"documents\":1,\"certificates\":1,\"status\":\"findings\"},\n"          \
    "{\"file\":\"b.json\",\"documents\":0,\"certificates\":0,\"status\":\"unreadable\","           \
    "\"message\":\"No such file or directory\"}\n"                                                 \
    "],\"findings\":[\n"                                                                           \
    "{\"file\":\"a.json\",\"document\":0,\"line\":7,\"column\":24,\"offset\":120,\"pointer\":\"/"  \
    "certificates/0/tags/0/"                                                                       \
    "key\",\"rule\":\"tag-key-charset\",\"severity\":\"error\",\"message\":\"tag key "             \
    "\\\"a\\\\u001b\\\" has a character outside the allowed set\",\"certificate\":\"www\"},\n"     \
    "{\"file\":\"a.json\",\"document\":0,\"line\":7,\"column\":24,\"offset\":120,\"pointer\":\"/"  \
    "certificates/0/"                                                                              \
    "x\",\"rule\":\"null-value\",\"severity\":\"warning\",\"message\":\"m2\",\"certificate\":"     \
    "\"www\",\"expected\":true}\n"                                                                 \
    "],\"summary\":{\"errors\":1,\"warnings\":0,\"notes\":0,\"expected\":1}}\n"
#define TWO_JSONL                                                                                  \
    "{\"file\":\"a.json\",\"document\":0,\"line\":7,\"column\":24,\"offset\":120,\"pointer\":\"/"  \
    "certificates/0/tags/0/"                                                                       \
    "key\",\"rule\":\"tag-key-charset\",\"severity\":\"error\",\"message\":\"tag key "             \
    "\\\"a\\\\u001b\\\" has a character outside the allowed set\",\"certificate\":\"www\"}\n"      \
    "{\"file\":\"a.json\",\"document\":0,\"line\":7,\"column\":24,\"offset\":120,\"pointer\":\"/"  \
    "certificates/0/"                                                                              \
    "x\",\"rule\":\"null-value\",\"severity\":\"warning\",\"message\":\"m2\",\"certificate\":"     \
    "\"www\",\"expected\":true}\n"
#define TWO_SARIF                                                                                  \
    "\"results\":[\n"                                                                              \
    "{\"ruleId\":\"tag-key-charset\",\"ruleIndex\":20,\"level\":\"error\",\"message\":{\"text\":"  \
    "\"tag key \\\"a\\\\u001b\\\" has a character outside the allowed "                            \
    "set\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"a.json\"},"      \
    "\"region\":{\"startLine\":7,\"startColumn\":24,\"byteOffset\":120}},\"logicalLocations\":[{"  \
    "\"fullyQualifiedName\":\"/certificates/0/tags/0/"                                             \
    "key\"},{\"name\":\"www\",\"kind\":\"object\"}]}],\"partialFingerprints\":{\"lscertlint/"      \
    "v1\":\"0dfa892ab8134ae1\"},\"baselineState\":\"new\"},\n"                                     \
    "{\"ruleId\":\"null-value\",\"ruleIndex\":9,\"level\":\"warning\",\"message\":{\"text\":"      \
    "\"m2\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"a.json\"},"     \
    "\"region\":{\"startLine\":7,\"startColumn\":24,\"byteOffset\":120}},\"logicalLocations\":[{"  \
    "\"fullyQualifiedName\":\"/certificates/0/"                                                    \
    "x\"},{\"name\":\"www\",\"kind\":\"object\"}]}],\"partialFingerprints\":{\"lscertlint/"        \
    "v1\":\"bfb1729a990c8634\"},\"baselineState\":\"new\",\"suppressions\":[{\"kind\":"            \
    "\"inSource\",\"justification\":\"expected by expect-findings in lscertlint.json\"}]},\n"      \
    "{\"ruleId\":\"empty-response\",\"ruleIndex\":6,\"level\":\"note\",\"message\":{\"text\":"     \
    "\"m3\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"a.json\"},"     \
    "\"region\":{\"startLine\":7,\"startColumn\":24,\"byteOffset\":120}},\"logicalLocations\":[{"  \
    "\"fullyQualifiedName\":\"\"}]}],\"partialFingerprints\":{\"lscertlint/"                       \
    "v1\":\"1958447ee21a3375\"},\"baselineState\":\"unchanged\"},\n"                               \
    "{\"ruleId\":\"null-value\",\"ruleIndex\":9,\"level\":\"none\",\"message\":{\"text\":\"fixed " \
    "since the baseline: "                                                                         \
    "null-value\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"a."       \
    "json\"},\"region\":{\"startLine\":1,\"startColumn\":1,\"byteOffset\":0}},"                    \
    "\"logicalLocations\":[{\"fullyQualifiedName\":\"/certificates/0/"                             \
    "y\"}]}],\"baselineState\":\"absent\"}\n"                                                      \
    "],\"invocations\":[{\"executionSuccessful\":false,\"toolExecutionNotifications\":[\n"         \
    "{\"level\":\"error\",\"message\":{\"text\":\"cannot read the input: No such file or "         \
    "directory\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"b.json\"}" \
    "}}]}\n"                                                                                       \
    "]}]}]}\n"
#define TWO_GITHUB                                                                                 \
    "::error file=a.json,line=7,col=24,title=tag-key-charset::tag key \"a\\u001b\" has a "         \
    "character outside the allowed set (/certificates/0/tags/0/key)\n"                             \
    "::notice file=a.json,line=7,col=24,title=null-value::expected warning: m2 "                   \
    "(/certificates/0/x)\n"                                                                        \
    "::error file=b.json,title=lscertlint::cannot read the input: No such file or directory\n"     \
    "::notice::2 files, 1 document, 1 certificate: 1 error, 0 warnings, 0 notes\n"
#define TWO_JUNIT                                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<testsuites name=\"lscertlint\">\n"                                                           \
    "  <testsuite name=\"a.json\" tests=\"2\" failures=\"1\" errors=\"0\">\n"                      \
    "    <testcase name=\"tag-key-charset at 7:24\" classname=\"a.json\">\n"                       \
    "      <failure type=\"tag-key-charset\" message=\"a.json:7:24: error: tag key "               \
    "&quot;a\\u001b&quot; has a character outside the allowed set [tag-key-charset] "              \
    "(/certificates/0/tags/0/key)\">a.json:7:24: error: tag key &quot;a\\u001b&quot; has a "       \
    "character outside the allowed set [tag-key-charset] (/certificates/0/tags/0/key)</failure>\n" \
    "    </testcase>\n"                                                                            \
    "    <testcase name=\"null-value at 7:24\" classname=\"a.json\">\n"                            \
    "      <system-out>a.json:7:24: warning: m2 [null-value] (/certificates/0/x) [expected]\n"     \
    "</system-out>\n"                                                                              \
    "    </testcase>\n"                                                                            \
    "  </testsuite>\n"                                                                             \
    "  <testsuite name=\"b.json\" tests=\"1\" failures=\"0\" errors=\"1\">\n"                      \
    "    <testcase name=\"input\" classname=\"b.json\">\n"                                         \
    "      <error type=\"unreadable\" message=\"cannot read the input: No such file or "           \
    "directory\"/>\n"                                                                              \
    "    </testcase>\n"                                                                            \
    "  </testsuite>\n"                                                                             \
    "</testsuites>\n"

#define MSG "tag key \"a\\u001b\" has a character outside the allowed set"
#define PTR "/certificates/0/tags/0/key"

START_TEST(format_names) {
    lsc_format f;
    const char *names[] = {"text", "json", "jsonl", "sarif", "github", "junit", "gitlab"};
    for (int i = 0; i < 7; i++) {
        ck_assert_int_eq(lsc_format_parse(names[i], &f), 0);
        ck_assert_int_eq(f, i);
        ck_assert_str_eq(lsc_format_name(f), names[i]);
    }
    errno = 0;
    ck_assert_int_eq(lsc_format_parse("xml", &f), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(lsc_format_parse("", &f), -1);
    ck_assert_int_eq(lsc_format_parse("SARIF", &f), -1); /* the CLI lowercases first */
    ck_assert_ptr_null(lsc_format_name((lsc_format)7));
}
END_TEST

/* ------------------------------------------------------------------ */
/* text                                                               */
/* ------------------------------------------------------------------ */

START_TEST(text_plain) {
    lsc_finding f[2] = {mkf("tag-key-charset", LSC_ERROR, "samples/a.json", PTR, MSG),
                        mkf("empty-response", LSC_NOTE, "samples/a.json", "", "empty")};
    f[1].pos.line = 1, f[1].pos.column = 1, f[1].pos.offset = 0;
    ck_assert_str_eq(run(LSC_FORMAT_TEXT, 0, f, 2, "samples/a.json"),
                     "samples/a.json:7:24: error: " MSG " [tag-key-charset] (" PTR ")\n"
                     "samples/a.json:1:1: note: empty [empty-response]\n");
}
END_TEST

START_TEST(text_color) {
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "m1"),
                        mkf("null-value", LSC_WARNING, "a.json", "/y", "m2"),
                        mkf("empty-response", LSC_NOTE, "a.json", "", "m3")};
    ck_assert_str_eq(
        run(LSC_FORMAT_TEXT, 1, f, 3, "a.json"),
        "\033[1ma.json:7:24:\033[0m \033[1;31merror:\033[0m m1 [tag-key-charset] (/x)\n"
        "\033[1ma.json:7:24:\033[0m \033[1;33mwarning:\033[0m m2 [null-value] (/y)\n"
        "\033[1ma.json:7:24:\033[0m \033[1;36mnote:\033[0m m3 [empty-response]\n");
}
END_TEST

START_TEST(text_hostile_message) {
    /* the library escapes messages, but a raw control must not pass anyway;
     * its backslashes are already escapes and are not doubled */
    lsc_finding f = mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "a\x1b[31m\\n\nb\xff");
    ck_assert_str_eq(run(LSC_FORMAT_TEXT, 0, &f, 1, "a.json"),
                     "a.json:7:24: error: a\\u001b\\x5b31m\\n\\nb\\xff [tag-key-charset] (/x)\n");
}
END_TEST

/* A file name's ':' is escaped only where it would start a location or
 * severity shape: a timestamped name stays one clickable FILE:LINE:COL. */
static const struct {
    const char *file, *want;
} file_names[] = {
    {"certs-2025-05-01T12:00:00Z.json", "certs-2025-05-01T12:00:00Z.json"},
    {"c-2025-05-01T12:00:00+00:00.json", "c-2025-05-01T12:00:00+00:00.json"},
    {"urn:aws:x.json", "urn:aws:x.json"},
    {"a:1:2:b.json", "a\\x3a1\\x3a2:b.json"},
    {"a:1:b.json", "a\\x3a1:b.json"},
    {"a:12", "a\\x3a12"},
    {"a:1:2", "a\\x3a1\\x3a2"},
    {"a:1 b", "a\\x3a1 b"},
    {"ok.json: error: x", "ok.json\\x3a error\\x3a x"},
};

START_TEST(text_file_colons) {
    char want[256];
    lsc_finding f = mkf("tag-key-charset", LSC_ERROR, file_names[_i].file, "/x", "m");
    snprintf(want, sizeof want, "%s:7:24: error: m [tag-key-charset] (/x)\n", file_names[_i].want);
    ck_assert_str_eq(run(LSC_FORMAT_TEXT, 0, &f, 1, file_names[_i].file), want);
}
END_TEST

/* A finding at the document root (empty pointer) has no "()" in text,
 * github and junit lines. */
START_TEST(root_pointer_no_parens) {
    lsc_finding f = mkf("empty-response", LSC_NOTE, "a.json", "", "m");
    ck_assert_str_eq(run(LSC_FORMAT_TEXT, 0, &f, 1, "a.json"),
                     "a.json:7:24: note: m [empty-response]\n");
    reset_out();
    ck_assert_str_eq(run(LSC_FORMAT_GITHUB, 0, &f, 1, "a.json"),
                     "::notice file=a.json,line=7,col=24,title=empty-response::m\n"
                     "::notice::1 file, 1 document, 1 certificate: 0 errors, 0 warnings, 1 "
                     "note\n");
}
END_TEST

START_TEST(summary_line) {
    lsc_reporter *r = open_rep(LSC_FORMAT_TEXT, 0, LSC_ERROR);
    char line[200];
    lsc_reporter_summary_line(r, line, sizeof line);
    ck_assert_str_eq(line, "0 files, 0 documents, 0 certificates: 0 errors, 0 warnings, 0 notes");
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "m"),
                        mkf("null-value", LSC_WARNING, "b.json", "/y", "m"),
                        mkf("null-value", LSC_WARNING, "b.json", "/z", "m")};
    lsc_stats s1 = mkstats(1, 1), s2 = mkstats(2, 5);
    ck_assert_int_eq(lsc_reporter_input_start(r, "a.json"), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f[0], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, &s1, "findings", NULL), 0);
    ck_assert_int_eq(lsc_reporter_input_start(r, "b.json"), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f[1], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f[2], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, &s2, "findings", NULL), 0);
    ck_assert_int_eq(lsc_reporter_input_start(r, "gone.json"), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "unreadable", "No such file or directory"), 0);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    lsc_reporter_summary_line(r, line, sizeof line);
    ck_assert_str_eq(line, "3 files, 3 documents, 6 certificates: 1 error, 2 warnings, 0 notes");
    lsc_reporter_free(r);
}
END_TEST

START_TEST(input_end_without_start) {
    lsc_reporter *r = open_rep(LSC_FORMAT_JSON, 0, LSC_ERROR);
    errno = 0;
    ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "ok", NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    lsc_reporter_free(r);
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
    const char *out = run(LSC_FORMAT_JSONL, 0, f, 2, "samples/a.json");
    ck_assert_str_eq(out, JSON_F1 "\n" JSON_F2 "\n");
    /* each line parses, and the message decodes to the library's text */
    yajl_val v = parse_json(JSON_F1);
    ck_assert_str_eq(json_get_str(v, "message"), MSG);
    yajl_tree_free(v);
}
END_TEST

START_TEST(json_exact) {
    lsc_reporter *r = open_rep(LSC_FORMAT_JSON, 0, LSC_ERROR);
    lsc_finding f[2];
    two_findings(f, "samples/a.json");
    lsc_stats st = mkstats(2, 1);
    ck_assert_int_eq(lsc_reporter_input_start(r, "samples/a.json"), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f[0], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f[1], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, &st, "findings", NULL), 0);
    ck_assert_int_eq(lsc_reporter_input_start(r, "missing.json"), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "unreadable", "No such file or directory"), 0);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    lsc_reporter_free(r);
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
    lsc_reporter *r = open_rep(LSC_FORMAT_JSON, 0, LSC_ERROR);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    lsc_reporter_free(r);
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
    const char *out = run(LSC_FORMAT_SARIF, 0, f, 2, "samples/a b.json");
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
    const char *out = run(LSC_FORMAT_SARIF, 0, &f, 1, "a.json");
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
        lsc_reporter *r = open_rep(LSC_FORMAT_SARIF, 0, LSC_ERROR);
        ck_assert_int_eq(lsc_reporter_input_start(r, files[i][0]), 0);
        ck_assert_int_eq(lsc_reporter_finding(r, &f, LSC_MARK_NONE), 0);
        ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "findings", NULL), 0);
        ck_assert_int_eq(lsc_reporter_finish(r), 0);
        lsc_reporter_free(r);
        char want[200];
        snprintf(want, sizeof want, "\"artifactLocation\":{\"uri\":\"%s\"}", files[i][1]);
        ck_assert_msg(strstr(output(), want) != NULL, "%s not in %s", want, output());
        ck_assert(strstr(output(), "\"level\":\"note\"") != NULL);
    }
}
END_TEST

START_TEST(sarif_unreadable) {
    lsc_reporter *r = open_rep(LSC_FORMAT_SARIF, 0, LSC_ERROR);
    ck_assert_int_eq(lsc_reporter_input_start(r, "gone.json"), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "unreadable", "Permission denied"), 0);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    lsc_reporter_free(r);
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

/* ------------------------------------------------------------------ */
/* github                                                             */
/* ------------------------------------------------------------------ */

START_TEST(github_exact) {
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, "dir/a,b.json", PTR, "50% bad: x"),
                        mkf("null-value", LSC_WARNING, "dir/a,b.json", "/y", "m2"),
                        mkf("empty-response", LSC_NOTE, "dir/a,b.json", "", "m3")};
    ck_assert_str_eq(
        run(LSC_FORMAT_GITHUB, 0, f, 3, "dir/a,b.json"),
        "::error file=dir/a%2Cb.json,line=7,col=24,title=tag-key-charset::50%25 bad: x (" PTR ")\n"
        "::warning file=dir/a%2Cb.json,line=7,col=24,title=null-value::m2 (/y)\n"
        "::notice file=dir/a%2Cb.json,line=7,col=24,title=empty-response::m3\n"
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
    /* the destination is an option: the library reads no environment
     * variable, so GITHUB_STEP_SUMMARY naming another file changes nothing */
    char decoy[] = "/tmp/test_report_decoy_XXXXXX";
    fd = mkstemp(decoy);
    ck_assert_int_ge(fd, 0);
    close(fd);
    setenv("GITHUB_STEP_SUMMARY", decoy, 1);
    lsc_reporter_options o = options(LSC_FORMAT_GITHUB, 0, LSC_ERROR);
    o.step_summary = path;
    lsc_reporter *r = lsc_reporter_new_file(&o, out_fp);
    ck_assert_ptr_nonnull(r);
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, "a|`<b>.json", PTR, "m"),
                        mkf("tag-key-charset", LSC_ERROR, "a|`<b>.json", PTR, "m"),
                        mkf("null-value", LSC_WARNING, "c\x1b.json", "/y", "m")};
    lsc_stats st = mkstats(1, 2);
    ck_assert_int_eq(lsc_reporter_input_start(r, "a|`<b>.json"), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f[0], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f[1], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, &st, "findings", NULL), 0);
    ck_assert_int_eq(lsc_reporter_input_start(r, "ok.json"), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, &st, "ok", NULL), 0);
    ck_assert_int_eq(lsc_reporter_input_start(r, "c\x1b.json"), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f[2], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, &st, "findings", NULL), 0);
    ck_assert_int_eq(lsc_reporter_input_start(r, "gone:x.json"), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "unreadable", "No such file or directory"), 0);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    lsc_reporter_free(r);
    unsetenv("GITHUB_STEP_SUMMARY");
    struct stat st_decoy;
    ck_assert_int_eq(stat(decoy, &st_decoy), 0);
    ck_assert_int_eq(st_decoy.st_size, 0);
    unlink(decoy);
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
    lsc_reporter *r = open_rep(LSC_FORMAT_JUNIT, 0, LSC_WARNING);
    lsc_finding f[4] = {mkf("tag-key-charset", LSC_ERROR, "a&b.json", PTR, "bad \"<x>\""),
                        mkf("null-value", LSC_WARNING, "a&b.json", "/y", "m2"),
                        mkf("empty-response", LSC_NOTE, "a&b.json", "", "m3"),
                        mkf("empty-response", LSC_NOTE, "a&b.json", "", "m4")};
    f[1].document = 2;
    f[3].document = 2;
    lsc_stats st = mkstats(3, 1);
    ck_assert_int_eq(lsc_reporter_input_start(r, "a&b.json"), 0);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(lsc_reporter_finding(r, &f[i], LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, &st, "findings", NULL), 0);
    ck_assert_int_eq(lsc_reporter_input_start(r, "gone\x01.json"), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "unreadable", "No such file or directory"), 0);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    lsc_reporter_free(r);
    const char *expect =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lscertlint\">\n"
        /* a testcase per finding, one per clean document: tests >= failures */
        "  <testsuite name=\"a&amp;b.json\" tests=\"5\" failures=\"2\" errors=\"0\">\n"
        "    <testcase name=\"tag-key-charset at 7:24\" classname=\"a&amp;b.json\">\n"
        "      <failure type=\"tag-key-charset\" message=\"a&amp;b.json:7:24: error: bad "
        "&quot;&lt;x&gt;&quot; [tag-key-charset] (" PTR ")\">a&amp;b.json:7:24: error: bad "
        "&quot;&lt;x&gt;&quot; [tag-key-charset] (" PTR ")</failure>\n"
        "    </testcase>\n"
        "    <testcase name=\"empty-response at 7:24\" classname=\"a&amp;b.json\">\n"
        "      <system-out>a&amp;b.json:7:24: note: m3 [empty-response]\n</system-out>\n"
        "    </testcase>\n"
        "    <testcase name=\"document 1\" classname=\"a&amp;b.json\"/>\n"
        "    <testcase name=\"null-value at 7:24\" classname=\"a&amp;b.json\">\n"
        "      <failure type=\"null-value\" message=\"a&amp;b.json:7:24: warning: m2 [null-value] "
        "(/y)\">a&amp;b.json:7:24: warning: m2 [null-value] (/y)</failure>\n"
        "    </testcase>\n"
        "    <testcase name=\"empty-response at 7:24\" classname=\"a&amp;b.json\">\n"
        "      <system-out>a&amp;b.json:7:24: note: m4 [empty-response]\n</system-out>\n"
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
    lsc_reporter *r = open_rep(LSC_FORMAT_JUNIT, 0, LSC_OFF);
    lsc_finding f = mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "m");
    ck_assert_int_eq(lsc_reporter_input_start(r, "a.json"), 0);
    ck_assert_int_eq(lsc_reporter_finding(r, &f, LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "findings", NULL), 0);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    lsc_reporter_free(r);
    ck_assert_str_eq(
        output(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lscertlint\">\n"
                  "  <testsuite name=\"a.json\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
                  "    <testcase name=\"tag-key-charset at 7:24\" classname=\"a.json\">\n"
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
    const char *text;   /* LSC_ESCAPE_NAME */
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

/* The structural escapes of a text line applied to s: '[' and ']' as
 * \x5b, \x5d; in a file name a ':' followed by a digit or a space as \x3a
 * (what report/text.c escapes, for the strings of this table). */
static void text_structure(const char *s, int is_file, char *out, size_t size) {
    size_t n = 0;
    for (; *s != '\0' && n + 5 < size; s++) {
        const char *esc = *s == '[' ? "\\x5b" : *s == ']' ? "\\x5d" : NULL;
        if (is_file && *s == ':' && ((s[1] >= '0' && s[1] <= '9') || s[1] == ' '))
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
static const char *run_hostile(lsc_format fmt, const hostile *h, char *file, char *ptr) {
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
    const char *out = run_hostile(LSC_FORMAT_TEXT, h, file, ptr);
    /* text lines also escape what could forge their structure: a ':' of a
     * file name that starts a location shape, '[' and ']' anywhere (none of these strings holds a
     * forged ":LINE:COL: " in a pointer) */
    text_structure(ftext, 1, ftext_s, sizeof ftext_s);
    text_structure(h->text, 0, ptext_s, sizeof ptext_s);
    snprintf(want, sizeof want, "%s:1:2: error: msg [tag-key-charset] (/a/%s)\n", ftext_s, ptext_s);
    ck_assert_str_eq(out, want);
    ck_assert(clean_bytes(out, strlen(out)));

    out = run_hostile(LSC_FORMAT_JSONL, h, file, ptr);
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
        n = utf8_next(h->raw + i, h->len - i, &cp);
        valid = n != 0;
    }
    if (valid) {
        const char *p = json_get_str(v, "pointer");
        ck_assert_uint_eq(strlen(p), h->len + 3);
        ck_assert(memcmp(p + 3, h->raw, h->len) == 0);
        ck_assert_str_eq(json_get_str(v, "file"), h->raw);
    }
    yajl_tree_free(v);

    out = run_hostile(LSC_FORMAT_JSON, h, file, ptr);
    ck_assert(clean_bytes(out, strlen(out)));
    yajl_tree_free(parse_json(out));

    out = run_hostile(LSC_FORMAT_GITHUB, h, file, ptr);
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
    out = run_hostile(LSC_FORMAT_JUNIT, h, file, ptr);
    ck_assert(clean_bytes(out, strlen(out)));
    snprintf(want, sizeof want,
             "<testsuite name=\"%s\" tests=\"1\" failures=\"1\" errors=\"0\">\n"
             "    <testcase name=\"tag-key-charset at 1:2\" classname=\"%s\">\n"
             "      <failure type=\"tag-key-charset\" message=\"%s:1:2: error: msg "
             "[tag-key-charset] (/a/%s)\">",
             fxml, fxml, xml_line_file, xml_line_ptr);
    ck_assert_msg(strstr(out, want) != NULL, "%s\nnot in\n%s", want, out);
    check_xml(out);

    out = run_hostile(LSC_FORMAT_SARIF, h, file, ptr);
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
    lsc_reporter_options o = options((lsc_format)_i, 0, LSC_ERROR);
    lsc_reporter *r = lsc_reporter_new_file(&o, full);
    ck_assert_ptr_nonnull(r);
    lsc_finding f = mkf("tag-key-charset", LSC_ERROR, "a.json", "/x", "m");
    /* the error shows where stdio's buffer is flushed: at the latest in lsc_reporter_finish */
    errno = 0;
    int rc = lsc_reporter_input_start(r, "a.json");
    for (int i = 0; i < 100 && rc == 0; i++)
        rc = lsc_reporter_finding(r, &f, LSC_MARK_NONE);
    if (rc == 0)
        rc = lsc_reporter_input_end(r, NULL, "findings", NULL);
    if (rc == 0)
        rc = lsc_reporter_finish(r);
    ck_assert_int_eq(rc, -1);
    ck_assert_int_eq(errno, ENOSPC);
    /* and it sticks: later calls fail too */
    errno = 0;
    ck_assert_int_eq(lsc_reporter_finish(r), -1);
    ck_assert_int_eq(errno, ENOSPC);
    lsc_reporter_free(r);
    fclose(full);
}
END_TEST

/* ------------------------------------------------------------------ */
/* a run of two inputs with marks, through a write callback           */
/* ------------------------------------------------------------------ */

/* A growing buffer behind an lsc_write_fn; fail_after >= 0: the write that
 * would pass that many bytes fails with EPIPE, and so does every later one. */
typedef struct sink {
    char *buf;
    size_t len, cap;
    long fail_after;
    size_t calls_after_failure;
    int failed;
} sink;

static int sink_write(void *user, const char *data, size_t len) {
    sink *k = user;
    if (k->failed) {
        k->calls_after_failure++;
        errno = EPIPE;
        return -1;
    }
    if (k->fail_after >= 0 && k->len + len > (size_t)k->fail_after) {
        k->failed = 1;
        errno = EPIPE;
        return -1;
    }
    if (k->len + len + 1 > k->cap) {
        size_t cap = k->cap ? k->cap : 256;
        while (cap < k->len + len + 1)
            cap *= 2;
        char *p = realloc(k->buf, cap);
        if (p == NULL)
            return -1;
        k->buf = p;
        k->cap = cap;
    }
    memcpy(k->buf + k->len, data, len);
    k->len += len;
    k->buf[k->len] = '\0';
    return 0;
}

/* Two inputs: a.json (a certificate with an ARN; a plain error in it, an
 * expected warning, a note unchanged since the baseline) and b.json,
 * unreadable; then a baseline finding that is gone. Returns 0, or the
 * first call's -1 (errno kept). */
static int two_input_run(lsc_reporter *r) {
    static lsc_certificate cert;
    static const char arn[] = "arn:aws:lightsail:us-east-1:1:Certificate/x";
    memset(&cert, 0, sizeof cert);
    cert.certificate_arn.m.ok = 1;
    cert.certificate_arn.s = arn;
    cert.certificate_arn.len = sizeof arn - 1;
    lsc_finding f[3] = {mkf("tag-key-charset", LSC_ERROR, NULL, PTR, MSG),
                        mkf("null-value", LSC_WARNING, NULL, "/certificates/0/x", "m2"),
                        mkf("empty-response", LSC_NOTE, NULL, "", "m3")};
    for (int i = 0; i < 2; i++) {
        f[i].has_certificate = 1;
        f[i].certificate_name = "www";
        f[i].certificate_name_len = 3;
    }
    lsc_stats st = mkstats(1, 1);
    if (lsc_reporter_input_start(r, "a.json") != 0 || lsc_reporter_certificate(r, &cert) != 0 ||
        lsc_reporter_finding(r, &f[0], LSC_MARK_NONE) != 0 ||
        lsc_reporter_finding(r, &f[1], LSC_MARK_EXPECTED) != 0 ||
        lsc_reporter_finding(r, &f[2], LSC_MARK_UNCHANGED) != 0 ||
        lsc_reporter_input_end(r, &st, "findings", NULL) != 0 ||
        lsc_reporter_input_start(r, "b.json") != 0 ||
        lsc_reporter_input_end(r, NULL, "unreadable", "No such file or directory") != 0 ||
        lsc_reporter_absent(r, "a.json", "null-value", "/certificates/0/y") != 0 ||
        lsc_reporter_finish(r) != 0)
        return -1;
    return 0;
}

static lsc_reporter_options two_input_options(lsc_format format) {
    lsc_reporter_options o = options(format, 0, LSC_WARNING);
    o.baseline = 1;
    o.expect_source = "lscertlint.json";
    return o;
}

/* The bytes of each format for two_input_run(). */
static const char *const two_input_want[] = {
    [LSC_FORMAT_TEXT] = TWO_TEXT,     [LSC_FORMAT_JSON] = TWO_JSON,
    [LSC_FORMAT_JSONL] = TWO_JSONL,   [LSC_FORMAT_SARIF] = TWO_SARIF,
    [LSC_FORMAT_GITHUB] = TWO_GITHUB, [LSC_FORMAT_JUNIT] = TWO_JUNIT,
};

START_TEST(marks_every_format) {
    lsc_reporter_options o = two_input_options((lsc_format)_i);
    lsc_reporter *r = lsc_reporter_new_file(&o, out_fp);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(two_input_run(r), 0);
    ck_assert_uint_eq(lsc_reporter_count(r, LSC_COUNT_FILES), 2);
    ck_assert_uint_eq(lsc_reporter_count(r, LSC_COUNT_DOCUMENTS), 1);
    ck_assert_uint_eq(lsc_reporter_count(r, LSC_COUNT_CERTIFICATES), 1);
    ck_assert_uint_eq(lsc_reporter_count(r, LSC_COUNT_ERRORS), 1);
    ck_assert_uint_eq(lsc_reporter_count(r, LSC_COUNT_WARNINGS), 0);
    ck_assert_uint_eq(lsc_reporter_count(r, LSC_COUNT_NOTES), 0); /* unchanged: nowhere */
    ck_assert_uint_eq(lsc_reporter_count(r, LSC_COUNT_EXPECTED), 1);
    lsc_reporter_free(r);
    const char *out = output();
    if (_i == LSC_FORMAT_SARIF)
        out = strstr(out, "\"results\":[");
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, two_input_want[_i]);
    if (_i == LSC_FORMAT_JUNIT)
        check_xml(output());
    else if (_i == LSC_FORMAT_JSON || _i == LSC_FORMAT_SARIF)
        yajl_tree_free(parse_json(output()));
}
END_TEST

START_TEST(callback_equals_file) {
    lsc_reporter_options o = two_input_options((lsc_format)_i);
    sink k = {NULL, 0, 0, -1, 0, 0};
    lsc_reporter *r = lsc_reporter_new(&o, sink_write, &k);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(two_input_run(r), 0);
    lsc_reporter_free(r);
    r = lsc_reporter_new_file(&o, out_fp);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(two_input_run(r), 0);
    lsc_reporter_free(r);
    ck_assert_ptr_nonnull(k.buf);
    ck_assert_str_eq(k.buf, output());
    free(k.buf);
}
END_TEST

/* A callback failing at every possible byte: the call that hit it returns
 * -1 with the callback's errno, every later call fails the same way
 * without calling it again, and the reporter frees cleanly. */
START_TEST(callback_failure_sticky) {
    lsc_reporter_options o = two_input_options((lsc_format)_i);
    sink whole = {NULL, 0, 0, -1, 0, 0};
    lsc_reporter *r = lsc_reporter_new(&o, sink_write, &whole);
    ck_assert_int_eq(two_input_run(r), 0);
    lsc_reporter_free(r);
    /* every byte of the first 4 KiB, then 1000 places spread over the rest
     * (sarif's rules[] alone is 40 KiB) and the last byte */
    long step = whole.len > 4096 ? (long)(whole.len - 4096) / 1000 + 1 : 1;
    for (long at = 0; at < (long)whole.len;
         at = at < 4096 || at + step >= (long)whole.len - 1 ? at + 1 : at + step) {
        sink k = {NULL, 0, 0, at, 0, 0};
        r = lsc_reporter_new(&o, sink_write, &k);
        ck_assert_ptr_nonnull(r);
        errno = 0;
        ck_assert_int_eq(two_input_run(r), -1);
        ck_assert_int_eq(errno, EPIPE);
        ck_assert_int_eq(k.failed, 1);
        /* sticky: every call fails, nothing more is written */
        errno = 0;
        ck_assert_int_eq(lsc_reporter_input_start(r, "c.json"), -1);
        ck_assert_int_eq(errno, EPIPE);
        errno = 0;
        ck_assert_int_eq(lsc_reporter_finish(r), -1);
        ck_assert_int_eq(errno, EPIPE);
        ck_assert_uint_eq(k.calls_after_failure, 0);
        ck_assert_uint_le(k.len, (size_t)at);
        ck_assert_int_eq(memcmp(k.buf != NULL ? k.buf : "", whole.buf, k.len), 0);
        lsc_reporter_free(r);
        free(k.buf);
    }
    free(whole.buf);
}
END_TEST

START_TEST(misuse) {
    lsc_reporter_options o;
    lsc_reporter_options_init(&o);
    sink k = {NULL, 0, 0, -1, 0, 0};
    errno = 0;
    ck_assert_ptr_null(lsc_reporter_new(&o, NULL, NULL));
    ck_assert_int_eq(errno, EINVAL);
    o.format = (lsc_format)(LSC_FORMAT_GITLAB + 1);
    errno = 0;
    ck_assert_ptr_null(lsc_reporter_new(&o, sink_write, &k));
    ck_assert_int_eq(errno, EINVAL);
    lsc_reporter_options_init(&o);
    o.size = 4; /* older than any header: refused */
    ck_assert_ptr_null(lsc_reporter_new(&o, sink_write, &k));
    /* a caller built against a shorter struct: the missing fields default */
    lsc_reporter_options_init(&o);
    o.format = LSC_FORMAT_JSONL;
    o.size = offsetof(lsc_reporter_options, color);
    o.show = LSC_ERROR; /* beyond size: not read */
    lsc_reporter *r = lsc_reporter_new(&o, sink_write, &k);
    ck_assert_ptr_nonnull(r);
    lsc_finding f = mkf("null-value", LSC_WARNING, "a.json", "/x", "m");
    /* out of order: EINVAL, and not sticky */
    errno = 0;
    ck_assert_int_eq(lsc_reporter_finding(r, &f, LSC_MARK_NONE), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(lsc_reporter_input_start(r, "a.json"), 0);
    ck_assert_int_eq(lsc_reporter_input_start(r, "b.json"), -1);
    ck_assert_int_eq(lsc_reporter_finding(r, &f, (lsc_mark)7), -1);
    ck_assert_int_eq(lsc_reporter_finish(r), -1);
    ck_assert_int_eq(lsc_reporter_finding(r, &f, LSC_MARK_NONE), 0);
    ck_assert_int_eq(lsc_reporter_input_end(r, NULL, "findings", NULL), 0);
    ck_assert_int_eq(lsc_reporter_finish(r), 0);
    ck_assert_ptr_nonnull(k.buf);
    ck_assert_ptr_nonnull(strstr(k.buf, "\"rule\":\"null-value\"")); /* show defaulted: written */
    lsc_reporter_free(r);
    lsc_reporter_free(NULL);
    free(k.buf);
}
END_TEST

/* gitlab: Code Climate issues, sarif's fingerprints, no expected finding,
 * an unreadable input as a blocker. */
START_TEST(gitlab_exact) {
    lsc_reporter_options o = two_input_options(LSC_FORMAT_GITLAB);
    lsc_reporter *r = lsc_reporter_new_file(&o, out_fp);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(two_input_run(r), 0);
    lsc_reporter_free(r);
    const char *out = output();
    char fp[2][17];
    const char *at = out;
    for (int i = 0; i < 2; i++) {
        at = strstr(at, "\"fingerprint\":\"");
        ck_assert_ptr_nonnull(at);
        at += 15;
        memcpy(fp[i], at, 16);
        fp[i][16] = '\0';
    }
    char want[2048];
    snprintf(want, sizeof want,
             "[\n{\"description\":\"tag key \\\"a\\\\u001b\\\" has a character outside the "
             "allowed set (" PTR ")\",\"check_name\":\"tag-key-charset\",\"fingerprint\":\"%s\","
             "\"severity\":\"major\",\"location\":{\"path\":\"a.json\",\"lines\":{\"begin\":7}}},"
             "\n{\"description\":\"cannot read the input: No such file or directory\","
             "\"check_name\":\"unreadable\",\"fingerprint\":\"%s\",\"severity\":\"blocker\","
             "\"location\":{\"path\":\"b.json\",\"lines\":{\"begin\":1}}}\n]\n",
             fp[0], fp[1]);
    ck_assert_str_eq(out, want);
    yajl_tree_free(parse_json(out));
    /* the same run as sarif: the same fingerprint */
    reset_out();
    o = two_input_options(LSC_FORMAT_SARIF);
    r = lsc_reporter_new_file(&o, out_fp);
    ck_assert_int_eq(two_input_run(r), 0);
    lsc_reporter_free(r);
    char sarif_fp[64];
    snprintf(sarif_fp, sizeof sarif_fp, "\"lscertlint/v1\":\"%s\"", fp[0]);
    ck_assert_ptr_nonnull(strstr(output(), sarif_fp));
}
END_TEST

/* After lsc_reporter_finish() every call is LSC_MISUSE and writes nothing:
 * the tail is written once (issue: finish twice wrote it again). */
START_TEST(misuse_after_finish) {
    lsc_reporter_options o = two_input_options((lsc_format)_i);
    sink k = {NULL, 0, 0, -1, 0, 0};
    lsc_reporter *r = lsc_reporter_new(&o, sink_write, &k);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(two_input_run(r), 0);
    size_t len = k.len;
    lsc_finding f = mkf("null-value", LSC_WARNING, "c.json", "/x", "m");
    lsc_stats st = mkstats(1, 0);
    ck_assert_int_eq(lsc_reporter_finish(r), LSC_MISUSE);
    ck_assert_int_eq(lsc_reporter_input_start(r, "c.json"), LSC_MISUSE);
    ck_assert_int_eq(lsc_reporter_finding(r, &f, LSC_MARK_NONE), LSC_MISUSE);
    ck_assert_int_eq(lsc_reporter_input_end(r, &st, "ok", NULL), LSC_MISUSE);
    ck_assert_int_eq(lsc_reporter_absent(r, "a.json", "null-value", "/y"), LSC_MISUSE);
    ck_assert_int_eq(lsc_reporter_finish(r), LSC_MISUSE);
    ck_assert_uint_eq(k.len, len);
    ck_assert_uint_eq(lsc_reporter_count(r, LSC_COUNT_FILES), 2);
    lsc_reporter_free(r);
    free(k.buf);
}
END_TEST

#ifdef LSC_FAULT_INJECTION
/* lib/alloc.c in its test build (liblscinject). */
void lscp_alloc_fail_at(long k, int persistent);
long lscp_alloc_count(void);
long lscp_alloc_live(void);

/* Allocation k of a reporter's whole life fails, for every k: new returns
 * NULL with ENOMEM, or a later call returns -1 with ENOMEM (and every call
 * after it), and nothing is left allocated after lsc_reporter_free(). */
START_TEST(out_of_memory_every_allocation) {
    lsc_reporter_options o = two_input_options((lsc_format)_i);
    long k, total = -1;
    for (k = 0;; k++) {
        sink out = {NULL, 0, 0, -1, 0, 0};
        long live = lscp_alloc_live();
        lscp_alloc_fail_at(k, 0);
        errno = 0;
        lsc_reporter *r = lsc_reporter_new(&o, sink_write, &out);
        int rc = r != NULL ? two_input_run(r) : -1;
        int err = errno;
        long count = lscp_alloc_count();
        if (r != NULL && rc != 0) {
            errno = 0;
            ck_assert_int_eq(lsc_reporter_finish(r), -1);
            ck_assert_int_eq(errno, ENOMEM);
        }
        lsc_reporter_free(r);
        lscp_alloc_fail_at(-1, 0);
        ck_assert_int_eq(lscp_alloc_live(), live);
        free(out.buf);
        if (count <= k) { /* allocation k never came: the run is whole */
            ck_assert_int_eq(rc, 0);
            total = count;
            break;
        }
        ck_assert_msg(rc == -1 && err == ENOMEM, "allocation %ld failed: rc %d, errno %d", k, rc,
                      err);
    }
    ck_assert_int_gt(total, 3); /* the loop did test something */
}
END_TEST
#endif

static TCase *new_case(Suite *s, const char *name) {
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, setup, teardown);
    suite_add_tcase(s, tc);
    return tc;
}

static Suite *report_suite(void) {
    Suite *s = suite_create("report");
    TCase *tc = new_case(s, "formats");
    tcase_add_test(tc, format_names);
    tc = new_case(s, "text");
    tcase_add_test(tc, text_plain);
    tcase_add_test(tc, text_color);
    tcase_add_test(tc, text_hostile_message);
    tcase_add_loop_test(tc, text_file_colons, 0, (int)(sizeof file_names / sizeof file_names[0]));
    tcase_add_test(tc, root_pointer_no_parens);
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
    tc = new_case(s, "github");
    tcase_add_test(tc, github_exact);
    tcase_add_test(tc, github_step_summary);
    tc = new_case(s, "junit");
    tcase_add_test(tc, junit_exact);
    tcase_add_test(tc, gitlab_exact);
    tcase_add_test(tc, junit_fail_never);
    tc = new_case(s, "hostile");
    tcase_add_loop_test(tc, hostile_all_formats, 0, (int)(sizeof hostiles / sizeof hostiles[0]));
    tc = new_case(s, "write-errors");
    tcase_add_loop_test(tc, write_error_dev_full, LSC_FORMAT_TEXT, LSC_FORMAT_GITLAB + 1);
    tc = new_case(s, "two-inputs");
    tcase_add_loop_test(tc, marks_every_format, LSC_FORMAT_TEXT, LSC_FORMAT_JUNIT + 1);
    tcase_add_loop_test(tc, callback_equals_file, LSC_FORMAT_TEXT, LSC_FORMAT_GITLAB + 1);
    tcase_add_loop_test(tc, callback_failure_sticky, LSC_FORMAT_TEXT, LSC_FORMAT_GITLAB + 1);
    tcase_add_test(tc, misuse);
    tcase_add_loop_test(tc, misuse_after_finish, LSC_FORMAT_TEXT, LSC_FORMAT_GITLAB + 1);
#ifdef LSC_FAULT_INJECTION
    tc = new_case(s, "out-of-memory");
    tcase_add_loop_test(tc, out_of_memory_every_allocation, LSC_FORMAT_TEXT, LSC_FORMAT_GITLAB + 1);
#endif
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
