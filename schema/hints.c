/* Recognising the saved forms that are not a GetCertificates response in
 * JSON. Each test looks at the start of the input (or of the document) the
 * way a person would at a glance; the sentences name the form and the way
 * to save it as JSON. */
#include "schema/hints.h"

#include <stdio.h>
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
static const char hint_utf16le[] =
    "this is UTF-16 text (byte-order mark FF FE, as PowerShell 5's > and Out-File write), "
    "not UTF-8: save it as UTF-8 (| Out-File -Encoding utf8, or > in PowerShell 7 or cmd)";
static const char hint_utf16be[] =
    "this is UTF-16 text (byte-order mark FE FF), not UTF-8: save it as UTF-8";
static const char hint_empty[] =
    "the input holds no JSON at all: the aws command that saved it probably failed; check "
    "its exit status and error output, then save it again";
static const char hint_html[] =
    "this looks like an HTML page (a proxy's error or a login page), not a GetCertificates "
    "response: the request did not reach AWS; save the aws command's --output json instead";
/* %.*s: the error code */
static const char hint_cli_error[] =
    "this is the AWS CLI's error message (saved with 2>&1), not a response: the call failed "
    "with \"%.*s\"; fix that, then save only the standard output";
static const char hint_cli_error_nocode[] =
    "this is the AWS CLI's error message (saved with 2>&1), not a response: the call failed; "
    "fix that, then save only the standard output";
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

/* What a test knows from the bytes so far. */
enum { NO = 0, YES = 1, MORE = 2 };

/* lit at s[i]: YES, NO, or MORE when the known bytes agree but end first. */
static int prefix3(const unsigned char *s, size_t len, size_t i, const char *lit, int complete) {
    size_t n = strlen(lit);
    for (size_t k = 0; k < n; k++) {
        if (i + k >= len)
            return complete ? NO : MORE;
        if (s[i + k] != (unsigned char)lit[k])
            return NO;
    }
    return YES;
}

static int contains(const unsigned char *s, size_t len, const char *lit) {
    size_t n = strlen(lit);
    for (size_t i = 0; i + n <= len; i++)
        if (s[i] == (unsigned char)lit[0] && memcmp(s + i, lit, n) == 0)
            return 1;
    return 0;
}

/* The table output: a rule of dashes, then a line starting with '|'. */
static int cli_table(const unsigned char *s, size_t len, size_t i, int complete) {
    size_t dashes = 0;
    while (i < len && s[i] == '-') {
        i++;
        dashes++;
    }
    while (i < len && (s[i] == ' ' || s[i] == '\r'))
        i++;
    if (i + 1 >= len) /* the line or the next one's first byte is not known yet */
        return complete || (i < len && s[i] != '\n') ? NO : MORE;
    return dashes >= 3 && s[i] == '\n' && s[i + 1] == '|' ? YES : NO;
}

/* The text output: lines of tab-separated values, each starting with the
 * upper-case name of its structure (CERTIFICATES, CERTIFICATEDETAIL, ...). */
static int cli_text(const unsigned char *s, size_t len, size_t i, int complete) {
    size_t start = i;
    while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_'))
        i++;
    if (i >= len)
        return complete ? NO : MORE;
    return i - start >= 3 && s[i] == '\t' ? YES : NO;
}

/* An HTML page: "<!DOCTYPE html" or "<html", any case. */
static int html_page(const unsigned char *s, size_t len, size_t i, int complete) {
    static const char *const starts[] = {"<!doctype html", "<html"};
    int answer = NO;
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        const char *lit = starts[k];
        size_t n = strlen(lit), j = 0;
        while (j < n && i + j < len && (s[i + j] | 0x20) == (unsigned char)lit[j])
            j++;
        if (j == n)
            return YES;
        if (i + j >= len && !complete)
            answer = MORE;
    }
    return answer;
}

static int code_char(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

/* The AWS CLI's error text: "An error occurred (CODE) when calling ...";
 * YES with the code at s[*code], *code_len bytes (0: none found). */
static int cli_error(const unsigned char *s, size_t len, size_t i, int complete, size_t *code,
                     size_t *code_len) {
    static const char lit[] = "An error occurred (";
    int r = prefix3(s, len, i, lit, complete);
    if (r != YES)
        return r;
    size_t j = i + sizeof lit - 1, start = j;
    while (j < len && j - start <= 128 && code_char(s[j]))
        j++;
    if (j >= len && !complete)
        return MORE;
    *code = start;
    *code_len = j < len && s[j] == ')' && j > start && j - start <= 128 ? j - start : 0;
    return YES;
}

/* The first answer of the tests, in order, that is YES; MORE when one
 * before it could still say YES. */
static int first(const int *answers, size_t n, size_t *which) {
    for (size_t k = 0; k < n; k++) {
        if (answers[k] == MORE)
            return MORE;
        if (answers[k] == YES) {
            *which = k;
            return YES;
        }
    }
    return NO;
}

int lscp_hint_syntax(const unsigned char *s, size_t len, int complete, uint64_t error_at,
                     const char **hint, char *buf, size_t size) {
    *hint = NULL;
    /* UTF-16's byte-order mark, where the input starts */
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        *hint = s[0] == 0xFF ? hint_utf16le : hint_utf16be;
        return 1;
    }
    if (len == 1 && (s[0] == 0xFF || s[0] == 0xFE) && !complete)
        return 0;
    size_t i = skip_space(s, len, 0);
    if (i >= len && !complete)
        return 0;
    if (i >= len) { /* empty, or white space alone */
        *hint = hint_empty;
        return 1;
    }
    size_t code = 0, code_len = 0;
    int answer = cli_error(s, len, i, complete, &code, &code_len);
    if (answer == MORE)
        return 0;
    if (answer == YES) {
        if (code_len == 0 || size == 0) {
            *hint = hint_cli_error_nocode;
        } else {
            snprintf(buf, size, hint_cli_error, (int)code_len, (const char *)s + code);
            *hint = buf;
        }
        return 1;
    }
    answer = html_page(s, len, i, complete);
    if (answer == MORE)
        return 0;
    if (answer == YES) {
        *hint = hint_html;
        return 1;
    }
    /* Python's repr: single-quoted keys first, or a datetime object where
     * the JSON stopped; the forms of YAML, table and text at the start */
    int python_start = prefix3(s, len, i, "{'", complete);
    if (python_start == NO)
        python_start = prefix3(s, len, i, "[{'", complete);
    int at_datetime = error_at < LSCP_HINT_HEAD
                          ? prefix3(s, len, (size_t)error_at, "datetime.datetime(", complete)
                          : NO;
    int yaml = prefix3(s, len, i, "certificates:", complete);
    if (yaml == NO)
        yaml = prefix3(s, len, i, "- certificateArn:", complete);
    const int answers[] = {python_start, at_datetime, yaml, cli_table(s, len, i, complete),
                           cli_text(s, len, i, complete)};
    size_t which = 0;
    int r = first(answers, sizeof answers / sizeof answers[0], &which);
    if (r == MORE)
        return 0;
    if (r == NO)
        return 1;
    switch (which) {
    case 0:
    case 1:
        /* boto3's print(resp) ends with ResponseMetadata: seen in the head
         * or not, which only the whole head can say */
        if (contains(s, len, "'ResponseMetadata'")) {
            *hint = hint_boto3_print;
            return 1;
        }
        if (!complete)
            return 0;
        *hint = hint_python;
        return 1;
    case 2:
        *hint = hint_yaml;
        return 1;
    case 3:
        *hint = hint_table;
        return 1;
    default:
        *hint = hint_text;
        return 1;
    }
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
