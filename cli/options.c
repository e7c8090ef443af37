#include "config.h"

#include "cli/options.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <time.h>

#include "cli/jobs.h"
#include "cli/now.h"
#include "cli/output.h"
#include "cli/suggest.h"

/* Long options without a short form. */
enum {
    OPT_NORMALIZE = 256,
    OPT_FAIL_ON,
    OPT_DISABLE,
    OPT_ENABLE,
    OPT_SEVERITY,
    OPT_EXPECT,
    OPT_EXPECT_STATUS,
    OPT_EXPECT_NAME,
    OPT_NOW,
    OPT_EXPIRY_DAYS,
    OPT_MAX_DEPTH,
    OPT_STDIN_FILENAME,
    OPT_COLOR,
    OPT_LIST_RULES,
    OPT_EXPLAIN,
    OPT_CONFIG,
    OPT_NO_CONFIG,
    OPT_PRINT_CONFIG,
    OPT_BASELINE,
    OPT_WRITE_BASELINE,
    OPT_ALLOW_EMPTY,
    OPT_EXCLUDE,
    OPT_INCLUDE,
    OPT_FILTER_OPERANDS,
    OPT_NO_WARN_IGNORED,
    OPT_NO_DEFAULT_EXCLUDES,
    OPT_SHOW,
    OPT_REPORT,
    OPT_ACCEPT_ARRAY,
    OPT_INVENTORY,
    OPT_BASELINE_MATCH,
    OPT_PRUNE_BASELINE
};

static const struct option long_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"pass-through", no_argument, NULL, 'p'},
    {"normalize", no_argument, NULL, OPT_NORMALIZE},
    {"fail-on", required_argument, NULL, OPT_FAIL_ON},
    {"disable", required_argument, NULL, OPT_DISABLE},
    {"enable", required_argument, NULL, OPT_ENABLE},
    {"severity", required_argument, NULL, OPT_SEVERITY},
    {"expect", required_argument, NULL, OPT_EXPECT},
    {"expect-status", required_argument, NULL, OPT_EXPECT_STATUS},
    {"expect-name", required_argument, NULL, OPT_EXPECT_NAME},
    {"now", required_argument, NULL, OPT_NOW},
    {"expiry-days", required_argument, NULL, OPT_EXPIRY_DAYS},
    {"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
    {"accept-array", no_argument, NULL, OPT_ACCEPT_ARRAY},
    {"inventory", optional_argument, NULL, OPT_INVENTORY},
    {"jobs", required_argument, NULL, 'j'},
    {"stdin-filename", required_argument, NULL, OPT_STDIN_FILENAME},
    {"color", optional_argument, NULL, OPT_COLOR},
    {"colour", optional_argument, NULL, OPT_COLOR},
    {"quiet", no_argument, NULL, 'q'},
    {"list-rules", optional_argument, NULL, OPT_LIST_RULES},
    {"explain", required_argument, NULL, OPT_EXPLAIN},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {"print-config", required_argument, NULL, OPT_PRINT_CONFIG},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
    {"baseline-match", required_argument, NULL, OPT_BASELINE_MATCH},
    {"prune-baseline", no_argument, NULL, OPT_PRUNE_BASELINE},
    {"allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY},
    {"show", required_argument, NULL, OPT_SHOW},
    {"report", required_argument, NULL, OPT_REPORT},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"include", required_argument, NULL, OPT_INCLUDE},
    {"filter-operands", no_argument, NULL, OPT_FILTER_OPERANDS},
    {"no-warn-ignored", no_argument, NULL, OPT_NO_WARN_IGNORED},
    {"no-default-excludes", no_argument, NULL, OPT_NO_DEFAULT_EXCLUDES},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static const char usage_text[] =
    "Usage: lscertlint [OPTION]... [FILE|DIR|-]...\n"
    "Check saved AWS Lightsail GetCertificates responses (raw API JSON, AWS CLI\n"
    "v1/v2 output, boto3 dumps) against the rule catalog and report findings.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input (no FILE and a\n"
    "terminal: a usage line and exit 2, '-' reads it anyway). A DIR is walked\n"
    "recursively for *.json, *.jsonl and *.ndjson files (any case, and their\n"
    ".gz forms) in sorted byte order, skipping .git, .hg, .svn and\n"
    "node_modules. A quoted GLOB ('fixtures/**/*.json') is expanded by\n"
    "lscertlint: ** is any depth. An operand that yields no input, or that\n"
    "does not exist, is an error (exit 2). A walk passes over the program's\n"
    "own baselines and reports. gzip data (a .gz name, or the bytes 1f 8b\n"
    "first) is inflated as it streams.\n"
    "An input may hold several documents (JSON Lines, or pretty-printed\n"
    "documents one after another).\n"
    "\n"
    "Output:\n"
    "  -f, --format=FMT          report format: text (default), json, jsonl,\n"
    "                              sarif, github, junit, gitlab\n"
    "  -o, --output=PATH         write the report to PATH instead of standard output\n"
    "                              (atomically: a temporary file renamed when done)\n"
    "      --report=FMT:PATH     also write a report in format FMT to PATH; may be\n"
    "                              repeated (e.g. --report=sarif:out.sarif)\n"
    "      --show=LEVEL          print only findings at or above LEVEL (error,\n"
    "                              warning, note); the summary counts them all\n"
    "  -p, --pass-through        copy every input byte to standard output unchanged,\n"
    "                              as it is read; the report goes to standard\n"
    "                              error unless -o names a file\n"
    "      --inventory[=FMT]     one row per certificate (file, name, domain, status,\n"
    "                              validity, days left, renewal, in use, findings)\n"
    "                              instead of the findings report, sorted by\n"
    "                              notAfter; FMT: text (default), csv, json, markdown;\n"
    "                              without --now, days left and the expiry rules\n"
    "                              are against the clock (as --now=now)\n"
    "      --normalize           write each document to standard output as\n"
    "                              canonical JSON, one per line: model key order,\n"
    "                              UTC RFC 3339 timestamps with milliseconds,\n"
    "                              unknown members and ResponseMetadata dropped;\n"
    "                              the report goes to standard error unless -o\n"
    "      --color[=WHEN]        colour the text report: auto (default), always,\n"
    "                              never; auto: only on a terminal and when\n"
    "                              NO_COLOR is unset\n"
    "  -q, --quiet               no summary line; -qq: print nothing, only the\n"
    "                              exit status\n"
    "      --stdin-filename=NAME the name of standard input in the report\n"
    "                              (default <stdin>)\n"    "\n"
    "Inputs:\n"
    "      --exclude=GLOB        skip what a walk or a glob finds that matches\n"
    "                              GLOB (a GLOB without '/' matches a name at any\n"
    "                              depth); may be repeated\n"
    "      --include=GLOB        a walk takes only what matches a GLOB (by name:\n"
    "                              any file; by a directory or a final '**': the\n"
    "                              JSON suffixes); replaces the configuration's\n"
    "                              include; may be repeated\n"
    "      --filter-operands     a FILE operand (from a hook, say) is ignored\n"
    "                              when a walk would skip it: --exclude, the\n"
    "                              configuration's include/exclude, a baseline or\n"
    "                              report of this program; each is named on\n"
    "                              standard error and counted in the summary\n"
    "      --no-warn-ignored     do not name the files --filter-operands ignores\n"
    "      --no-default-excludes walk .git, .hg, .svn and node_modules too\n"
    "      --allow-empty         an operand that yields no input is not an error\n"
    "\n"
    "Rules:\n"
    "      --fail-on=LEVEL       the lowest severity that makes the exit status 1:\n"
    "                              error (default), warning, note, never\n"
    "      --disable=ID[,ID]...  turn rules off; an ID may also be group:NAME (a\n"
    "                              group of --list-rules, e.g. group:tags) or all\n"
    "      --enable=ID[,ID]...   turn rules on at their default severity (same IDs)\n"
    "      --severity=ID=LEVEL   set a rule's severity: error, warning, note, or\n"
    "                              off (disables it); may be repeated. Levels,\n"
    "                              formats and rule ids are case-insensitive;\n"
    "                              warn = warning, info = note\n"
    "      --list-rules[=FMT]    print the rule catalog (id, default severity,\n"
    "                              summary) as text (default), json or markdown\n"
    "      --explain=ID          print a rule's full text: what, why, an example\n"
    "                              that fires, how to fix\n"
    "\n"
    "Request context and limits:\n"
    "      --expect=WHAT         what the request asked for: details or summary\n"
    "                              (includeCertificateDetails); enables\n"
    "                              expect-details or expect-summary\n"
    "      --expect-status=S[,S]...  the request's certificateStatuses; enables\n"
    "                              status-filter\n"
    "      --expect-name=NAME    the request's certificateName; enables name-filter\n"
    "      --now=TIME            reference time for expired-but-issued and\n"
    "                              expires-soon: 'now', an RFC 3339 date-time,\n"
    "                              YYYY-MM-DD (midnight UTC) or @SECONDS; default\n"
    "                              SOURCE_DATE_EPOCH, else the rules never fire\n"
    "      --expiry-days=N       window of expires-soon in days (default 30)\n"
    "      --max-depth=N         JSON nesting limit (default 64)\n"
    "      --accept-array        check a top-level array of certificate summaries\n"
    "                              (--query certificates) as the certificates list;\n"
    "                              pointers are then /0/...\n"
    "  -j, --jobs=N              check N files at once (threads; default, and 0:\n"
    "                              the CPUs available, also the most; -j1: one\n"
    "                              after another);\n"
    "                              the output is the same bytes whatever N.\n"
    "                              A file over 256 KiB is split among threads\n"
    "                              between documents; a pipe, gzip data, -p and\n"
    "                              --normalize are read by one thread\n"
    "\n"
    "Configuration and baseline:\n"
    "      --config=FILE         read settings from FILE instead of the\n"
    "                              .lscertlint.json found from the current\n"
    "                              directory up to the repository root\n"
    "      --no-config           read no configuration file\n"
    "      --print-config=FILE   print the settings in force for FILE as JSON\n"
    "      --baseline=FILE       report only findings not in the baseline FILE;\n"
    "                              the exit status counts those alone\n"
    "      --write-baseline=FILE write the findings of this run to FILE as a\n"
    "                              baseline (sorted JSON, one finding a line);\n"
    "                              exit status 0 once it is written\n"
    "      --baseline-match=HOW  file (default): an entry matches in its file;\n"
    "                              certificate: in any file, by the certificate's\n"
    "                              ARN or name (dated captures of one account)\n"
    "      --prune-baseline      rewrite the --baseline FILE without the entries\n"
    "                              that no longer occur in the files checked\n"
    "\n"
    "  -h, --help                display this help and exit\n"
    "  -V, --version             output version information and exit\n"
    "\n"
    "Exit status:\n"
    "  0  no finding at or above --fail-on\n"
    "  1  at least one finding at or above --fail-on (malformed JSON is a\n"
    "     json-syntax finding, so it lands here)\n"
    "  2  usage error: bad option, unknown rule id, bad value, an operand with no\n"
    "     input or that does not exist, an output that is also an input;\n"
    "     nothing was checked\n"
    "  3  I/O trouble: an input could not be opened or read, or the report or\n"
    "     output could not be written; wins over 1\n"
    "\n"
    "See lscertlint(1) for the formats and the rule catalog.\n";

static void usage_error(const char *fmt, ...) CLI_PRINTF(1, 2);

/* Set while a configuration file's setting is applied: usage messages
 * start with its place ("FILE:LINE:COLUMN: KEY: ") instead of ending with
 * the pointer to --help. */
static const char *cfg_error_path;
static const cli_setting *cfg_error_setting;

static void put_context(void) {
    fputs("lscertlint: ", stderr);
    if (cfg_error_setting) {
        cli_put_printable(stderr, cfg_error_path, strlen(cfg_error_path));
        fprintf(stderr, ":%lu:%lu: %s: ", cfg_error_setting->pos.line,
                cfg_error_setting->pos.column, cfg_error_setting->key);
    }
}

static void put_try_help(void) {
    fputs(cfg_error_setting ? "\n" : "\nTry 'lscertlint --help'.\n", stderr);
}

/* A usage error: the problem, then where to read more (always printed,
 * -qq included: it is about the command line, not the inputs). */
static void usage_error(const char *fmt, ...) {
    va_list ap;
    put_context();
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    put_try_help();
}

/* A user-given word in a usage message, made printable. */
static void usage_error_value(const char *what, const char *value, const char *hint) {
    put_context();
    fputs(what, stderr);
    fputs(" '", stderr);
    cli_put_printable(stderr, value, strlen(value));
    fputs("'", stderr);
    if (hint)
        fprintf(stderr, "; %s", hint);
    put_try_help();
}

/* An unknown word with the nearest known one: "WHAT 'WORD'; did you mean
 * 'NEAREST'?", or the fallback hint when none is near. */
static void usage_error_suggest(const char *what, const char *word, const char *const *known,
                                size_t count, const char *fallback) {
    const char *near = cli_nearest(word, known, count);
    char hint[160];
    if (near) {
        snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        usage_error_value(what, word, hint);
    } else {
        usage_error_value(what, word, fallback);
    }
}

/* Copy s lowercased into buf (size > 0); -1 if it does not fit. */
static int lowercase(const char *s, size_t len, char *buf, size_t size) {
    size_t i;
    if (len >= size)
        return -1;
    for (i = 0; i < len; i++)
        buf[i] = (char)tolower((unsigned char)s[i]);
    buf[len] = '\0';
    return 0;
}

/* The catalog's rule ids, for suggestions. */
static const char *const *rule_ids(size_t *count) {
    static const char *ids[256];
    size_t i, n = lsc_rule_count();
    if (n > sizeof ids / sizeof ids[0])
        n = sizeof ids / sizeof ids[0];
    for (i = 0; i < n; i++)
        ids[i] = lsc_rule_at(i)->id;
    *count = n;
    return ids;
}

static void unknown_rule(const char *option, const char *id) {
    char what[64];
    size_t n;
    const char *const *ids = rule_ids(&n);
    snprintf(what, sizeof what, "%s: unknown rule id", option);
    usage_error_suggest(what, id, ids, n, "see 'lscertlint --list-rules'");
}

/* A group name as --disable=group:NAME takes it: lowercase, '-' for ' '. */
static void group_key(const char *group, char *buf, size_t size) {
    size_t i;
    for (i = 0; group[i] && i + 1 < size; i++)
        buf[i] = group[i] == ' ' ? '-' : (char)tolower((unsigned char)group[i]);
    buf[i] = '\0';
}

/* An option value among fixed words (exact case, as getopt gives it). */
typedef struct word_value {
    const char *word;
    int value;
} word_value;

#define WORDS(t) (t), sizeof(t) / sizeof((t)[0])

static int lookup_word(const word_value *table, size_t n, const char *arg, int *out) {
    for (size_t i = 0; i < n; i++) {
        if (strcmp(arg, table[i].word) == 0) {
            *out = table[i].value;
            return 0;
        }
    }
    return -1;
}

static const word_value expect_words[] = {{"details", LSC_EXPECT_DETAILS},
                                          {"summary", LSC_EXPECT_SUMMARY}};
static const word_value color_words[] = {
    {"always", CLI_COLOR_ALWAYS}, {"auto", CLI_COLOR_AUTO}, {"never", CLI_COLOR_NEVER}};
static const word_value list_format_words[] = {
    {"text", CLI_LIST_TEXT}, {"json", CLI_LIST_JSON}, {"markdown", CLI_LIST_MARKDOWN}};

/* Severity names: error, warning (warn), note (info), off; any case. */
static int parse_level(const char *arg, lsc_severity *out) {
    static const struct {
        const char *name;
        lsc_severity level;
    } levels[] = {{"error", LSC_ERROR}, {"warning", LSC_WARNING}, {"warn", LSC_WARNING},
                  {"note", LSC_NOTE},   {"info", LSC_NOTE},       {"off", LSC_OFF}};
    size_t i;
    for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        if (strcasecmp(arg, levels[i].name) == 0) {
            *out = levels[i].level;
            return 0;
        }
    }
    return -1;
}

static const char *const level_words[] = {"error", "warning", "warn", "note", "info", "off", "never"};
static const char *const format_words[] = {"text",  "json",  "jsonl", "sarif",
                                           "github", "junit", "gitlab"};

static int parse_format(const char *option, const char *arg, size_t len, lsc_format *out) {
    char name[16], copy[128];
    if (lowercase(arg, len, name, sizeof name) == 0 && lsc_format_parse(name, out) == 0)
        return 0;
    snprintf(copy, sizeof copy, "%.*s", (int)(len < 127 ? len : 127), arg);
    char what[64];
    snprintf(what, sizeof what, "%s: unknown format", option);
    usage_error_suggest(what, copy, format_words, 7,
                        "use text, json, jsonl, sarif, github, junit or gitlab");
    return -1;
}

static int print_to_stdout(const char *text) {
    fputs(text, stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error_name("standard output", errno);
        return CLI_EXIT_IO;
    }
    return CLI_EXIT_OK;
}

static int print_version(void) {
    char text[512];
    snprintf(text, sizeof text,
             "lscertlint %s\n"
             "liblscertlint %s\n"
             "License MIT: <https://opensource.org/licenses/MIT>.\n"
             "This is free software: you are free to change and redistribute it.\n"
             "There is NO WARRANTY, to the extent permitted by law.\n",
             PACKAGE_VERSION, lsc_version());
    return print_to_stdout(text);
}

/* Apply fn to every rule named by the comma-separated list: rule ids,
 * group:NAME (every rule of a catalog group) and all; any case. */
static int each_rule_id(const char *option, const char *list, lsc_config *config,
                        int (*fn)(lsc_config *, const char *)) {
    const char *p = list;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p), i, n = lsc_rule_count();
        char id[128]; /* longer than any rule id or group: too long is unknown */
        if (len == 0) {
            usage_error("%s: empty rule id in the list", option);
            return -1;
        }
        if (lowercase(p, len, id, sizeof id) != 0) {
            snprintf(id, sizeof id, "%.*s", (int)(sizeof id - 1), p);
            unknown_rule(option, id);
            return -1;
        }
        if (strcmp(id, "all") == 0) {
            for (i = 0; i < n; i++)
                fn(config, lsc_rule_at(i)->id);
        } else if (strncmp(id, "group:", 6) == 0) {
            const char *groups[64];
            char keys[64][64], want[128];
            size_t ngroups = 0, hits = 0;
            group_key(id + 6, want, sizeof want);
            for (i = 0; i < n; i++) {
                const lsc_rule *r = lsc_rule_at(i);
                char key[64];
                group_key(r->group, key, sizeof key);
                if (strcmp(key, want) == 0) {
                    fn(config, r->id);
                    hits++;
                }
                if (ngroups < 64 && (ngroups == 0 || strcmp(keys[ngroups - 1], key) != 0)) {
                    memcpy(keys[ngroups], key, sizeof key);
                    groups[ngroups] = keys[ngroups];
                    ngroups++;
                }
            }
            if (hits == 0) {
                char what[64];
                snprintf(what, sizeof what, "%s: unknown group", option);
                usage_error_suggest(what, id + 6, groups, ngroups,
                                    "see 'lscertlint --list-rules'");
                return -1;
            }
        } else if (fn(config, id) != 0) {
            unknown_rule(option, id);
            return -1;
        }
        if (!end)
            return 0;
        p = end + 1;
    }
}

static int disable_rule(lsc_config *config, const char *id) {
    return lsc_config_set_severity(config, id, LSC_OFF);
}

static int enable_rule(lsc_config *config, const char *id) {
    return lsc_config_enable(config, id);
}

/* --severity=ID=LEVEL */
static int set_severity(const char *arg, lsc_config *config) {
    const char *eq = strchr(arg, '=');
    char id[128];
    lsc_severity level;
    size_t len;
    if (!eq) {
        usage_error_value("--severity: expected ID=LEVEL, not", arg, NULL);
        return -1;
    }
    len = (size_t)(eq - arg);
    if (len == 0 || len >= sizeof id) {
        usage_error_value("--severity: bad rule id in", arg, NULL);
        return -1;
    }
    lowercase(arg, len, id, sizeof id);
    if (parse_level(eq + 1, &level) != 0) {
        usage_error_suggest("--severity: unknown level", eq + 1, level_words, 6,
                            "use error, warning, note or off");
        return -1;
    }
    if (lsc_config_set_severity(config, id, level) != 0) {
        unknown_rule("--severity", id);
        return -1;
    }
    return 0;
}

/* A decimal number made only of digits (no sign, no blanks), at most max. */
static int parse_count(const char *option, const char *arg, uint64_t max, uint64_t *out) {
    uint64_t v = 0;
    const char *p = arg;
    if (*p == '\0')
        goto bad;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            goto bad;
        if (v > (max - (uint64_t)(*p - '0')) / 10)
            goto bad;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    *out = v;
    return 0;
bad : {
    char what[64];
    snprintf(what, sizeof what, "%s: not a whole number in range:", option);
    usage_error_value(what, arg, NULL);
    return -1;
}
}

static int parse_now(const char *arg, cli_options *opts) {
    lsc_time t;
    int r = cli_now_parse(arg, &t);
    if (r == -2) {
        usage_error("--now: cannot read the clock: %s", strerror(errno));
        return -1;
    }
    if (r != 0) {
        char forms[512];
        snprintf(forms, sizeof forms, "use %s", cli_now_forms);
        usage_error_value("--now: not a time lscertlint reads:", arg, forms);
        return -1;
    }
    lsc_config_set_now(opts->config, t);
    opts->has_now = 1;
    opts->now = t;
    return 0;
}

/* SOURCE_DATE_EPOCH stands for --now when that is not given, so a CI run
 * is reproducible (reproducible-builds.org); a malformed one is refused. */
static int now_from_environment(cli_options *opts) {
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (opts->has_now || env == NULL || env[0] == '\0')
        return 0;
    lsc_time t;
    if (cli_now_from_epoch_env(env, &t) != 0) {
        usage_error_value("SOURCE_DATE_EPOCH: not a whole number of seconds since 1970:", env,
                          "unset it or give --now");
        return -1;
    }
    lsc_config_set_now(opts->config, t);
    opts->has_now = 1;
    opts->now = t;
    return 0;
}

static int parse_fail_on(const char *arg, lsc_severity *out) {
    static const char *const words[] = {"error", "warning", "warn", "note", "info", "never"};
    if (strcasecmp(arg, "never") == 0) {
        *out = LSC_OFF;
        return 0;
    }
    if (parse_level(arg, out) == 0 && *out != LSC_OFF)
        return 0;
    usage_error_suggest("--fail-on: unknown level", arg, words, 6,
                        "use error, warning, note or never");
    return -1;
}

/* --show=LEVEL */
static int parse_show(const char *arg, lsc_severity *out) {
    if (parse_level(arg, out) == 0 && *out != LSC_OFF)
        return 0;
    usage_error_suggest("--show: unknown level", arg, level_words, 5, "use error, warning or note");
    return -1;
}

/* --report=FORMAT:FILE */
static int add_report(cli_options *opts, const char *arg) {
    const char *colon = strchr(arg, ':');
    cli_report_spec *grown;
    lsc_format format;
    if (!colon || colon == arg || colon[1] == '\0') {
        usage_error_value("--report: expected FORMAT:FILE, not", arg, "e.g. --report=sarif:out.sarif");
        return -1;
    }
    if (parse_format("--report", arg, (size_t)(colon - arg), &format) != 0)
        return -1;
    grown = realloc(opts->reports, (opts->n_reports + 1) * sizeof *grown);
    if (!grown)
        return -2;
    grown[opts->n_reports].format = format;
    grown[opts->n_reports].path = colon + 1;
    opts->reports = grown;
    opts->n_reports++;
    return 0;
}

/* getopt_long failed on a "--name[=value]" word: say which way, as GNU
 * getopt would (our own words: opterr is off). */
static void report_long_option_error(int c, const char *word) {
    const char *name = word + 2;
    size_t len = strcspn(name, "=");
    const struct option *o, *exact = NULL;
    int matches = 0;
    for (o = long_options; o->name; o++) {
        if (strncmp(o->name, name, len) != 0)
            continue;
        if (strlen(o->name) == len)
            exact = o;
        matches++;
    }
    if (c == ':') {
        usage_error_value("option requires an argument:", word, NULL);
    } else if (exact || matches == 1) {
        usage_error_value("option does not take an argument:", word, NULL);
    } else if (matches > 1) {
        usage_error_value("ambiguous option:", word, "give more of its name");
    } else {
        const char *names[sizeof long_options / sizeof long_options[0]];
        char given[64];
        size_t n = 0;
        for (o = long_options; o->name; o++)
            names[n++] = o->name;
        snprintf(given, sizeof given, "%.*s", (int)(len < 63 ? len : 63), name);
        const char *near = cli_nearest(given, names, n);
        if (near) {
            char hint[96];
            snprintf(hint, sizeof hint, "did you mean '--%s'?", near);
            usage_error_value("unrecognized option", word, hint);
        } else {
            usage_error_value("unrecognized option", word, NULL);
        }
    }
}

static void report_getopt_error(int c, int argc, char **argv) {
    const char *word = (optind > 0 && optind - 1 < argc) ? argv[optind - 1] : "";
    if (strncmp(word, "--", 2) == 0 && word[2] != '\0')
        report_long_option_error(c, word);
    else if (c == ':')
        usage_error("option requires an argument -- '%c'", optopt);
    else if (optopt > 32 && optopt < 127)
        usage_error("invalid option -- '%c'", optopt);
    else
        usage_error("invalid option");
}

/* Handle one option; returns 0, or -1 after a usage error was printed. */
static int apply_option(int c, const char *arg, cli_options *opts, int *status, int *done) {
    switch (c) {
    case 'f':
        return parse_format("--format", arg, strlen(arg), &opts->format);
    case OPT_SHOW:
        return parse_show(arg, &opts->show);
    case OPT_REPORT: {
        int rc = add_report(opts, arg);
        if (rc == -2) {
            cli_error("out of memory");
            *status = CLI_EXIT_IO;
        }
        return rc < 0 ? -1 : 0;
    }
    case 'o':
        if (*arg == '\0') {
            usage_error("--output: empty file name");
            return -1;
        }
        opts->output = arg; /* "-": standard output */
        return 0;
    case 'p':
        opts->pass_through = 1;
        return 0;
    case OPT_NORMALIZE:
        opts->normalize = 1;
        /* it writes whole lists: the certificates keep every element */
        lsc_config_set_list_limit(opts->config, SIZE_MAX);
        return 0;
    case 'q':
        opts->quiet++;
        return 0;
    case 'j': {
        uint64_t jobs;
        if (parse_count("--jobs", arg, CLI_JOBS_MAX, &jobs) != 0)
            return -1;
        opts->jobs = (unsigned)jobs;
        return 0;
    }
    case OPT_FAIL_ON:
        return parse_fail_on(arg, &opts->fail_on);
    case OPT_DISABLE:
        return each_rule_id("--disable", arg, opts->config, disable_rule);
    case OPT_ENABLE:
        return each_rule_id("--enable", arg, opts->config, enable_rule);
    case OPT_SEVERITY:
        return set_severity(arg, opts->config);
    case OPT_EXPECT: {
        int expect;
        if (lookup_word(WORDS(expect_words), arg, &expect) != 0) {
            usage_error_value("--expect: unknown value", arg, "use details or summary");
            return -1;
        }
        lsc_config_set_expect(opts->config, (lsc_expect)expect);
        return 0;
    }
    case OPT_EXPECT_STATUS:
        if (lsc_config_set_expect_status(opts->config, arg) != 0) {
            usage_error_value("--expect-status: not a comma-separated list of statuses:", arg,
                              "e.g. ISSUED,PENDING_VALIDATION");
            return -1;
        }
        return 0;
    case OPT_EXPECT_NAME:
        if (lsc_config_set_expect_name(opts->config, arg) != 0) {
            cli_error("out of memory"); /* not a usage error: exit 3 */
            *status = CLI_EXIT_IO;
            return -1;
        }
        return 0;
    case OPT_NOW:
        return parse_now(arg, opts);
    case OPT_EXPIRY_DAYS: {
        uint64_t days;
        if (parse_count("--expiry-days", arg, INT64_MAX, &days) != 0)
            return -1;
        if (lsc_config_set_expiry_days(opts->config, (int64_t)days) != 0) {
            usage_error_value("--expiry-days: bad value", arg, NULL);
            return -1;
        }
        return 0;
    }
    case OPT_ACCEPT_ARRAY:
        lsc_config_set_accept_array(opts->config, 1);
        return 0;
    case OPT_INVENTORY:
        opts->inventory = CLI_INVENTORY_TEXT;
        if (arg && cli_inventory_format_parse(arg, &opts->inventory) != 0) {
            usage_error_value("--inventory: unknown format", arg,
                              "use text, csv, json or markdown");
            return -1;
        }
        return 0;
    case OPT_MAX_DEPTH: {
        uint64_t depth;
        if (parse_count("--max-depth", arg, UINT64_MAX, &depth) != 0)
            return -1;
        if (lsc_config_set_max_depth(opts->config, depth) != 0) {
            usage_error_value("--max-depth: must be at least 1, not", arg, NULL);
            return -1;
        }
        return 0;
    }
    case OPT_STDIN_FILENAME:
        opts->stdin_name = arg;
        return 0;
    case OPT_COLOR: {
        int color = CLI_COLOR_ALWAYS; /* --color alone */
        if (arg && lookup_word(WORDS(color_words), arg, &color) != 0) {
            usage_error_value("--color: unknown value", arg, "use auto, always or never");
            return -1;
        }
        opts->color = color;
        return 0;
    }
    case OPT_LIST_RULES:
        opts->action = CLI_LIST_RULES;
        {
            int list_format = CLI_LIST_TEXT;
            if (arg && lookup_word(WORDS(list_format_words), arg, &list_format) != 0) {
                usage_error_value("--list-rules: unknown format", arg,
                                  "use text, json or markdown");
                return -1;
            }
            opts->list_format = list_format;
        }
        return 0;
    case OPT_EXPLAIN:
        opts->action = CLI_EXPLAIN;
        {
            char id[128];
            opts->explain = lowercase(arg, strlen(arg), id, sizeof id) == 0 ? lsc_rule_find(id) : NULL;
        }
        if (!opts->explain) {
            unknown_rule("--explain", arg);
            return -1;
        }
        return 0;
    case OPT_BASELINE:
    case OPT_WRITE_BASELINE:
        if (*arg == '\0') {
            usage_error(c == OPT_BASELINE ? "--baseline: empty file name"
                                          : "--write-baseline: empty file name");
            return -1;
        }
        if (c == OPT_BASELINE)
            opts->baseline = arg;
        else
            opts->write_baseline = arg;
        return 0;
    case OPT_BASELINE_MATCH:
        if (strcmp(arg, "file") == 0) {
            opts->baseline_match = CLI_MATCH_FILE;
        } else if (strcmp(arg, "certificate") == 0) {
            opts->baseline_match = CLI_MATCH_CERTIFICATE;
        } else {
            usage_error_value("--baseline-match: unknown way", arg, "use file or certificate");
            return -1;
        }
        return 0;
    case OPT_PRUNE_BASELINE:
        opts->prune_baseline = 1;
        return 0;
    case OPT_ALLOW_EMPTY:
        opts->allow_empty = 1;
        return 0;
    case OPT_EXCLUDE:
        if (*arg == '\0') {
            usage_error("--exclude: empty glob");
            return -1;
        }
        if (cli_options_add_exclude(opts, arg) != 0) {
            cli_error("out of memory");
            *status = CLI_EXIT_IO;
            return -1;
        }
        return 0;
    case OPT_INCLUDE:
        if (*arg == '\0') {
            usage_error("--include: empty glob");
            return -1;
        }
        if (cli_options_add_include(opts, arg) != 0) {
            cli_error("out of memory");
            *status = CLI_EXIT_IO;
            return -1;
        }
        return 0;
    case OPT_FILTER_OPERANDS:
        opts->filter_operands = 1;
        return 0;
    case OPT_NO_WARN_IGNORED:
        opts->no_warn_ignored = 1;
        return 0;
    case OPT_NO_DEFAULT_EXCLUDES:
        opts->default_excludes = 0;
        return 0;
    case 'h':
        *status = print_to_stdout(usage_text);
        *done = 1;
        return 0;
    case 'V':
        *status = print_version();
        *done = 1;
        return 0;
    default:
        return -1; /* not reached: getopt errors are handled by the caller */
    }
}

/* Options that act on the command line only: no configuration key. */
static int command_line_only(int code) {
    switch (code) {
    case OPT_CONFIG:
    case OPT_NO_CONFIG:
    case OPT_PRINT_CONFIG:
    case OPT_LIST_RULES:
    case OPT_EXPLAIN:
    case 'h':
    case 'V':
        return 1;
    default:
        return 0;
    }
}

int cli_option_code(const char *name, int *has_arg) {
    const struct option *o;
    if (strcmp(name, "colour") == 0) /* one spelling in the file */
        return -1;
    for (o = long_options; o->name; o++) {
        if (strcmp(o->name, name) == 0 && !command_line_only(o->val)) {
            *has_arg = o->has_arg;
            return o->val;
        }
    }
    return -1;
}

size_t cli_option_keys(const char **out, size_t max) {
    const struct option *o;
    size_t n = 0;
    for (o = long_options; o->name && n < max; o++)
        if (!command_line_only(o->val) && strcmp(o->name, "colour") != 0)
            out[n++] = o->name;
    return n;
}

int cli_option_per_file(int code) {
    switch (code) {
    case OPT_FAIL_ON:
    case OPT_DISABLE:
    case OPT_ENABLE:
    case OPT_SEVERITY:
    case OPT_EXPECT:
    case OPT_EXPECT_STATUS:
    case OPT_EXPECT_NAME:
    case OPT_NOW:
    case OPT_EXPIRY_DAYS:
    case OPT_MAX_DEPTH:
        return 1;
    default:
        return 0;
    }
}

int cli_option_apply(cli_options *opts, const cli_setting *s, const char *cfg_path, int *status) {
    int done = 0, rc;
    *status = CLI_EXIT_USAGE;
    if (s->pos.line > 0) {
        cfg_error_path = cfg_path;
        cfg_error_setting = s;
    }
    rc = apply_option(s->code, s->arg, opts, status, &done);
    cfg_error_path = NULL;
    cfg_error_setting = NULL;
    return rc;
}

static int record_setting(cli_options *opts, int code, const char *arg) {
    const struct option *o;
    cli_setting *grown = realloc(opts->cmdline, (opts->ncmdline + 1) * sizeof *grown);
    if (!grown)
        return -1;
    opts->cmdline = grown;
    memset(&grown[opts->ncmdline], 0, sizeof *grown);
    grown[opts->ncmdline].code = code;
    grown[opts->ncmdline].arg = arg;
    grown[opts->ncmdline].key = "";
    for (o = long_options; o->name; o++) {
        if (o->val == code) {
            grown[opts->ncmdline].key = o->name;
            break;
        }
    }
    opts->ncmdline++;
    return 0;
}

cli_parse_result cli_options_parse(int argc, char **argv, cli_options *opts, int *status) {
    int c, done = 0;
    memset(opts, 0, sizeof *opts);
    opts->format = LSC_FORMAT_TEXT;
    opts->fail_on = LSC_ERROR;
    opts->stdin_name = "<stdin>";
    opts->default_excludes = 1;
    *status = CLI_EXIT_USAGE;
    opts->config = lsc_config_new();
    if (!opts->config) {
        cli_error("out of memory");
        *status = CLI_EXIT_IO;
        return CLI_PARSE_EXIT;
    }
    opterr = 0; /* our own messages: getopt's would name the libtool wrapper */
    optind = 1;
    /* First pass: check the words and keep the settings; the configuration
     * file (which --config and --no-config choose) is applied before them,
     * so the command line wins. */
    while ((c = getopt_long(argc, argv, ":f:o:pqj:hV", long_options, NULL)) != -1) {
        if (c == '?' || c == ':') {
            report_getopt_error(c, argc, argv);
            return CLI_PARSE_EXIT;
        }
        if (c == OPT_CONFIG) {
            if (*optarg == '\0') {
                usage_error("--config: empty file name");
                return CLI_PARSE_EXIT;
            }
            opts->config_file = optarg;
            continue;
        }
        if (c == OPT_NO_CONFIG) {
            opts->no_config = 1;
            continue;
        }
        if (c == OPT_PRINT_CONFIG) {
            opts->action = CLI_PRINT_CONFIG;
            opts->print_config = optarg;
            continue;
        }
        if (c == 'h' || c == 'V') {
            /* GNU style: --help and --version act at once */
            apply_option(c, optarg, opts, status, &done);
            return CLI_PARSE_EXIT;
        }
        if (record_setting(opts, c, optarg) != 0) {
            cli_error("out of memory");
            *status = CLI_EXIT_IO;
            return CLI_PARSE_EXIT;
        }
    }
    if (opts->config_file && opts->no_config) {
        usage_error("--config and --no-config contradict each other; choose one");
        return CLI_PARSE_EXIT;
    }
    opts->operands = argv + optind;
    opts->operand_count = argc - optind;
    return CLI_PARSE_RUN;
}

cli_parse_result cli_options_resolve(cli_options *opts, const cli_setting *file_settings,
                                     size_t nfile_settings, const char *file_path, int *status) {
    size_t i;
    for (i = 0; i < nfile_settings; i++)
        if (cli_option_apply(opts, &file_settings[i], file_path, status) != 0)
            return CLI_PARSE_EXIT;
    for (i = 0; i < opts->ncmdline; i++)
        if (cli_option_apply(opts, &opts->cmdline[i], NULL, status) != 0)
            return CLI_PARSE_EXIT;
    if (opts->pass_through && opts->normalize) {
        usage_error("--pass-through and --normalize both write standard output; choose one");
        return CLI_PARSE_EXIT;
    }
    if ((opts->pass_through || opts->normalize) && opts->output && strcmp(opts->output, "-") == 0) {
        usage_error("-o -: standard output carries the %s data; send the report elsewhere",
                    opts->pass_through ? "--pass-through" : "--normalize");
        return CLI_PARSE_EXIT;
    }
    if (opts->prune_baseline && (!opts->baseline || opts->write_baseline)) {
        usage_error(opts->write_baseline
                        ? "--prune-baseline and --write-baseline both write a baseline; choose one"
                        : "--prune-baseline needs --baseline=FILE");
        return CLI_PARSE_EXIT;
    }
    if ((opts->action == CLI_CHECK || opts->action == CLI_PRINT_CONFIG) &&
        now_from_environment(opts) != 0)
        return CLI_PARSE_EXIT;
    /* --inventory shows days left: without --now it reads the clock once,
     * and the expiry rules take that same reference time, so what DAYS shows
     * as expired or near is also what the findings say */
    if (opts->action == CLI_CHECK && opts->inventory != CLI_INVENTORY_NONE && !opts->has_now &&
        parse_now("now", opts) != 0)
        return CLI_PARSE_EXIT;
    if (opts->action != CLI_CHECK && opts->operand_count > 0) {
        usage_error_value(opts->action == CLI_LIST_RULES  ? "--list-rules takes no operand, got"
                          : opts->action == CLI_EXPLAIN ? "--explain takes no operand, got"
                                                          : "--print-config takes no operand, got",
                          opts->operands[0], NULL);
        return CLI_PARSE_EXIT;
    }
    *status = CLI_EXIT_OK;
    return CLI_PARSE_RUN;
}

int cli_options_add_exclude(cli_options *opts, const char *glob) {
    const char **grown = realloc(opts->excludes, (opts->n_excludes + 1) * sizeof *grown);
    if (!grown)
        return -1;
    grown[opts->n_excludes++] = glob;
    opts->excludes = grown;
    return 0;
}

int cli_options_add_include(cli_options *opts, const char *glob) {
    const char **grown = realloc(opts->includes, (opts->n_includes + 1) * sizeof *grown);
    if (!grown)
        return -1;
    grown[opts->n_includes++] = glob;
    opts->includes = grown;
    return 0;
}

void cli_options_free(cli_options *opts) {
    if (!opts)
        return;
    free(opts->excludes);
    opts->excludes = NULL;
    free(opts->includes);
    opts->includes = NULL;
    opts->n_includes = 0;
    free(opts->reports);
    opts->reports = NULL;
    opts->n_reports = 0;
    opts->n_excludes = 0;
    lsc_config_free(opts->config);
    opts->config = NULL;
    free(opts->cmdline);
    opts->cmdline = NULL;
}
