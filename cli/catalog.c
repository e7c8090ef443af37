#include "config.h"

#include "cli/catalog.h"

#include <string.h>
#include <yajl/yajl_gen.h>

static void print_to_file(void *ctx, const char *s, size_t len) {
    fwrite(s, 1, len, ctx);
}

static void gen_pair(yajl_gen g, const char *key, const char *value) {
    yajl_gen_string(g, (const unsigned char *)key, strlen(key));
    yajl_gen_string(g, (const unsigned char *)value, strlen(value));
}

static int list_json(FILE *out) {
    size_t i, n = lsc_rule_count();
    yajl_gen g = yajl_gen_alloc(NULL);
    if (!g)
        return -1;
    yajl_gen_config(g, yajl_gen_print_callback, print_to_file, out);
    yajl_gen_config(g, yajl_gen_beautify, 1);
    yajl_gen_config(g, yajl_gen_indent_string, "  ");
    yajl_gen_array_open(g);
    for (i = 0; i < n; i++) {
        const lsc_rule *r = lsc_rule_at(i);
        yajl_gen_map_open(g);
        gen_pair(g, "id", r->id);
        gen_pair(g, "severity", lsc_severity_name(r->severity));
        gen_pair(g, "group", r->group);
        gen_pair(g, "summary", r->summary);
        yajl_gen_string(g, (const unsigned char *)"optIn", 5);
        yajl_gen_bool(g, r->opt_in != 0);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
    yajl_gen_free(g);
    fputc('\n', out); /* beautify ends the array without a newline */
    return 0;
}

/* A table cell: '|' would end it early. */
static void markdown_cell(FILE *out, const char *s) {
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else
            fputc(*s, out);
    }
}

static void list_markdown(FILE *out) {
    size_t i, n = lsc_rule_count();
    const char *group = NULL;
    for (i = 0; i < n; i++) {
        const lsc_rule *r = lsc_rule_at(i);
        if (!group || strcmp(group, r->group) != 0) {
            group = r->group;
            fprintf(out, "%s## %s\n\n| id | severity | summary |\n|---|---|---|\n", i ? "\n" : "",
                    group);
        }
        fprintf(out, "| `%s` | %s | ", r->id, lsc_severity_name(r->severity));
        markdown_cell(out, r->summary);
        fputs(r->opt_in ? " (opt-in) |\n" : " |\n", out);
    }
}

static void list_text(FILE *out) {
    size_t i, n = lsc_rule_count(), width = 0;
    for (i = 0; i < n; i++) {
        size_t len = strlen(lsc_rule_at(i)->id);
        if (len > width)
            width = len;
    }
    for (i = 0; i < n; i++) {
        const lsc_rule *r = lsc_rule_at(i);
        fprintf(out, "%-*s  %-7s  %s%s\n", (int)width, r->id, lsc_severity_name(r->severity),
                r->summary, r->opt_in ? " (opt-in)" : "");
    }
}

int cli_list_rules(FILE *out, cli_list_format format) {
    switch (format) {
    case CLI_LIST_JSON:
        if (list_json(out) != 0)
            return -1;
        break;
    case CLI_LIST_MARKDOWN:
        list_markdown(out);
        break;
    case CLI_LIST_TEXT:
    default:
        list_text(out);
        break;
    }
    return ferror(out) ? -1 : 0;
}

int cli_explain_rule(FILE *out, const lsc_rule *rule) {
    size_t len;
    fprintf(out, "%s (%s, %s%s)\n\n%s\n\n", rule->id, lsc_severity_name(rule->severity),
            rule->group, rule->opt_in ? ", opt-in" : "", rule->summary);
    fputs(rule->explanation, out);
    len = strlen(rule->explanation);
    if (len == 0 || rule->explanation[len - 1] != '\n')
        fputc('\n', out);
    return ferror(out) ? -1 : 0;
}
