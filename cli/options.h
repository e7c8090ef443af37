/* The command line (doc/cli.md §2): parsed into an lsc_config, set
 * through the library's setters, and the settings only the CLI uses. The
 * caller owns the cli_options and releases it with cli_options_free(). */
#ifndef LSC_CLI_OPTIONS_H
#define LSC_CLI_OPTIONS_H

#include "cli/inventory.h"
#include "cli/config_json.h"
#include "lscertlint.h"

/* What the run does. */
typedef enum cli_action {
    CLI_CHECK = 0,  /* check the operands */
    CLI_LIST_RULES, /* --list-rules */
    CLI_EXPLAIN,    /* --explain=ID */
    CLI_PRINT_CONFIG /* --print-config=FILE */
} cli_action;

/* --list-rules[=FMT] */
typedef enum cli_list_format {
    CLI_LIST_TEXT = 0,
    CLI_LIST_JSON,
    CLI_LIST_MARKDOWN
} cli_list_format;

/* --baseline-match=HOW */
typedef enum cli_baseline_match { CLI_MATCH_FILE = 0, CLI_MATCH_CERTIFICATE } cli_baseline_match;

/* --color=WHEN */
typedef enum cli_color { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } cli_color;

/* Exit statuses (doc/cli.md §4). */
enum { CLI_EXIT_OK = 0, CLI_EXIT_FINDINGS = 1, CLI_EXIT_USAGE = 2, CLI_EXIT_IO = 3 };

/* One option setting, from the command line or a configuration key; kept
 * so the settings can be replayed for each input (overrides). */
typedef struct cli_setting {
    int code;          /* the getopt code */
    const char *key;   /* the long option name */
    const char *arg;   /* its argument, NULL for a flag */
    cj_pos pos;        /* in the configuration file; line 0: command line */
} cli_setting;

typedef struct cli_config cli_config;
/* --report=FORMAT:FILE */
typedef struct cli_report_spec {
    lsc_format format;
    const char *path; /* points into argv */
} cli_report_spec;

typedef struct cli_options {
    lsc_config *config; /* rules, request context, limits (owned) */
    cli_action action;
    lsc_format format;      /* -f */
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
    const char **includes; /* --include=GLOB, repeatable (owned array) */
    size_t n_includes;
    int filter_operands; /* --filter-operands */
    int no_warn_ignored; /* --no-warn-ignored */

    const char *config_file;   /* --config=FILE */
    int no_config;             /* --no-config */
    const char *print_config;  /* --print-config=FILE */
    const char *baseline;      /* --baseline=FILE */
    const char *write_baseline; /* --write-baseline=FILE */
    cli_baseline_match baseline_match; /* --baseline-match */
    int prune_baseline;                /* --prune-baseline */
    struct cli_config *cfg;    /* the configuration file, NULL if none (freed by its loader's caller) */
    cli_setting *cmdline;      /* the command line's options, in order (owned) */
    size_t ncmdline;
    lsc_severity show;    /* --show: findings below are not printed; LSC_OFF: all */
    cli_report_spec *reports; /* --report=FORMAT:FILE, repeatable (owned array) */
    size_t n_reports;
    unsigned jobs; /* -j N: worker threads; 0: the CPUs available */
} cli_options;

/* Append a glob to opts->excludes (the string is not copied and must
 * outlive opts). Returns 0, or -1 on out-of-memory. */
int cli_options_add_exclude(cli_options *opts, const char *glob);

/* Append a glob to opts->includes (as cli_options_add_exclude()). */
int cli_options_add_include(cli_options *opts, const char *glob);

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

/* Second step, once the configuration file (if any) is read: apply its
 * settings (file_path names it in messages), then the command line's, which
 * win, and check what the combination allows. Same results as
 * cli_options_parse(). */
cli_parse_result cli_options_resolve(cli_options *opts, const cli_setting *file_settings,
                                     size_t nfile_settings, const char *file_path, int *status);

/* For the configuration file: the code of the long option name, -1 for
 * none, and whether it takes an argument (getopt's has_arg). */
int cli_option_code(const char *name, int *has_arg);

/* The long option names that are configuration keys, at most max of them
 * into out; returns how many. */
size_t cli_option_keys(const char **out, size_t max);

/* Nonzero for an option that can differ between inputs (overrides). */
int cli_option_per_file(int code);

/* Apply one setting to opts as the command line would; messages name the
 * setting's place when it comes from a configuration file (cfg_path).
 * Returns 0, or -1 after a message (*status set). */
int cli_option_apply(cli_options *opts, const cli_setting *s, const char *cfg_path, int *status);

/* Release what cli_options_parse() allocated (NULL is a no-op); not cfg. */
void cli_options_free(cli_options *opts);

#endif
