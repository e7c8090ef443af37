/* Recognising the saved forms that are not a GetCertificates response in
 * JSON. Each test looks at the start of the input (or of the document) the
 * way a person would at a glance; the sentences name the form and the way
 * to save it as JSON. */
#include "schema/hints.h"

#include <string.h>

static const char hint_boto3_print[] =
    "this looks like a boto3 response printed with print(resp) (a Python dict with "
    "ResponseMetadata), not JSON: save it with json.dumps(resp, default=str)";
static const char hint_python[] =
    "this looks like a Python dict printed with print() or repr(), not JSON: save it with "
    "json.dumps(resp, default=str)";
static const char hint_yaml[] =
    "this looks like YAML (aws lightsail get-certificates --output yaml), not JSON: save it "
    "with --output json";
static const char hint_table[] =
    "this looks like the AWS CLI's table output (--output table), not JSON: save it with "
    "--output json";
static const char hint_text[] =
    "this looks like the AWS CLI's text output (--output text), not JSON: save it with "
    "--output json";
static const char hint_list[] =
    "this looks like the certificates list alone (aws lightsail get-certificates --query "
    "certificates): save the whole response with --output json, or check the list with "
    "--accept-array";
const char lscp_hint_one_certificate[] =
    "this looks like one certificate summary, not a GetCertificates response: save the "
    "whole response (aws lightsail get-certificates --output json)";

static int space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The index of the first byte after a UTF-8 byte-order mark and white
 * space, from i. */
static size_t skip_space(const unsigned char *s, size_t len, size_t i) {
    if (i == 0 && len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < len && space(s[i]))
        i++;
    return i;
}

static int has_prefix(const unsigned char *s, size_t len, size_t i, const char *lit) {
    size_t n = strlen(lit);
    return i <= len && len - i >= n && memcmp(s + i, lit, n) == 0;
}

static int contains(const unsigned char *s, size_t len, const char *lit) {
    size_t n = strlen(lit);
    for (size_t i = 0; i + n <= len; i++)
        if (s[i] == (unsigned char)lit[0] && memcmp(s + i, lit, n) == 0)
            return 1;
    return 0;
}

/* lit at the start of a line of the head (white space before it allowed). */
static int line_starts_with(const unsigned char *s, size_t len, const char *lit) {
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && s[i - 1] != '\n')
            continue;
        size_t j = i;
        while (j < len && (s[j] == ' ' || s[j] == '\t'))
            j++;
        if (has_prefix(s, len, j, lit))
            return 1;
    }
    return 0;
}

/* Python's repr of a dict or a list of dicts: single-quoted keys first, or a
 * datetime object anywhere in the head. */
static int python_repr(const unsigned char *s, size_t len, size_t i) {
    if (has_prefix(s, len, i, "{'") || has_prefix(s, len, i, "[{'"))
        return 1;
    return contains(s, len, "datetime.datetime(");
}

/* The table output: a rule of dashes, then a line starting with '|'. */
static int cli_table(const unsigned char *s, size_t len, size_t i) {
    size_t dashes = 0;
    while (i < len && s[i] == '-') {
        i++;
        dashes++;
    }
    if (dashes < 3)
        return 0;
    while (i < len && (s[i] == ' ' || s[i] == '\r'))
        i++;
    return i + 1 < len && s[i] == '\n' && s[i + 1] == '|';
}

/* The text output: lines of tab-separated values, each starting with the
 * upper-case name of its structure (CERTIFICATES, CERTIFICATEDETAIL, ...). */
static int cli_text(const unsigned char *s, size_t len, size_t i) {
    size_t start = i;
    while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_'))
        i++;
    return i - start >= 3 && i < len && s[i] == '\t';
}

const char *lscp_hint_syntax(const unsigned char *s, size_t len) {
    size_t i = skip_space(s, len, 0);
    if (python_repr(s, len, i))
        return contains(s, len, "'ResponseMetadata'") ? hint_boto3_print : hint_python;
    if (line_starts_with(s, len, "certificates:") || line_starts_with(s, len, "- certificateArn:"))
        return hint_yaml;
    if (cli_table(s, len, i))
        return hint_table;
    if (cli_text(s, len, i))
        return hint_text;
    return NULL;
}

const char *lscp_hint_array(const unsigned char *s, size_t len, size_t at) {
    if (at >= len || s[at] != '[')
        return NULL;
    size_t i = skip_space(s, len, at + 1);
    if (i < len && s[i] == ']')
        return hint_list; /* an empty list: what --query certificates saves too */
    if (i >= len || s[i] != '{')
        return NULL;
    i = skip_space(s, len, i + 1);
    if (has_prefix(s, len, i, "\"certificateArn\"") ||
        has_prefix(s, len, i, "\"certificateName\"") || has_prefix(s, len, i, "\"domainName\"") ||
        has_prefix(s, len, i, "\"certificateDetail\"") || has_prefix(s, len, i, "\"tags\""))
        return hint_list;
    return NULL;
}

int lscp_hint_summary_key(const char *key, size_t len) {
    static const char *const keys[] = {"certificateArn", "certificateName", "certificateDetail"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (len == strlen(keys[i]) && memcmp(key, keys[i], len) == 0)
            return 1;
    return 0;
}
