/* The command line (CLI.md "Options"): parsed into an lsc_config, set
 * through the library's setters, and the settings only the CLI uses. The
 * caller owns the cli_options and releases it with cli_options_free(). */
#ifndef LSC_CLI_OPTIONS_H
#define LSC_CLI_OPTIONS_H

#include "cli/inventory.h"
#include "lscertlint.h"
#include "report/report.h"

/* What the run does. */
typedef enum cli_action {
    CLI_CHECK = 0,  /* check the operands */
    CLI_LIST_RULES, /* --list-rules */
    CLI_EXPLAIN     /* --explain=ID */
} cli_action;

/* --list-rules[=FMT] */
typedef enum cli_list_format {
    CLI_LIST_TEXT = 0,
    CLI_LIST_JSON,
    CLI_LIST_MARKDOWN
} cli_list_format;

/* --color=WHEN */
typedef enum cli_color { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } cli_color;

/* Exit statuses (CLI.md "Exit status"). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FINDINGS = 1, CLI_EXIT_USAGE = 2, CLI_EXIT_IO = 3 };

/* --report=FORMAT:FILE */
typedef struct cli_report_spec {
    rep_format format;
    const char *path; /* points into argv */
} cli_report_spec;

typedef struct cli_options {
    lsc_config *config; /* rules, request context, limits (owned) */
    cli_action action;
    rep_format format;      /* -f */
    const char *output;     /* -o PATH (NULL or "-": standard output) */
    int pass_through;       /* -p */
    int normalize;          /* --normalize */
    lsc_severity fail_on;   /* --fail-on; LSC_OFF: never */
    cli_color color;        /* --color */
    int quiet;              /* number of -q */
    const char *stdin_name; /* --stdin-filename, default "<stdin>" */
    cli_list_format list_format;
    const lsc_rule *explain; /* --explain */
    char **operands;         /* FILE|DIR|GLOB|- (points into argv) */
    int operand_count;
    int has_now;  /* --now, or SOURCE_DATE_EPOCH without it */
    lsc_time now; /* the reference time when has_now */
    cli_inventory_format inventory; /* --inventory[=FMT]; NONE: the findings report */
    /* Discovery (cli/discover.h). The configuration file adds its own
     * exclude globs to this list: it is owned (the array, not the strings). */
    const char **excludes; /* --exclude=GLOB, repeatable */
    size_t n_excludes;
    int default_excludes; /* skip .git, .hg, .svn, node_modules (default 1) */
    int allow_empty;      /* --allow-empty */
    lsc_severity show;    /* --show: findings below are not printed; LSC_OFF: all */
    cli_report_spec *reports; /* --report=FORMAT:FILE, repeatable (owned array) */
    size_t n_reports;
} cli_options;

/* Append a glob to opts->excludes (the string is not copied and must
 * outlive opts). Returns 0, or -1 on out-of-memory. */
int cli_options_add_exclude(cli_options *opts, const char *glob);

/* What cli_options_parse() decided. */
typedef enum cli_parse_result {
    CLI_PARSE_RUN = 0, /* go on with opts */
    CLI_PARSE_EXIT     /* --help or --version was printed, or a usage error was
                        * reported: exit with *status */
} cli_parse_result;

/* Parse argv (getopt_long, GNU style). On a usage error, print what is wrong
 * and "Try 'lscertlint --help'." on stderr and set *status to 2; --help and
 * --version print to stdout and set *status to 0 (3 if stdout failed). */
cli_parse_result cli_options_parse(int argc, char **argv, cli_options *opts, int *status);

/* Release what cli_options_parse() allocated (NULL is a no-op). */
void cli_options_free(cli_options *opts);

#endif
