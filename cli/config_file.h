/* The configuration file .lscertlint.json: found from the current directory
 * up to the repository root (or named by --config), parsed with positions,
 * checked as a whole before anything runs, then queried per input file:
 * which overrides, ignore entries and expected findings apply to it, and
 * whether a walk takes or skips it. */
#ifndef LSC_CLI_CONFIG_FILE_H
#define LSC_CLI_CONFIG_FILE_H

#include <stddef.h>

#include "cli/config_json.h"
#include "cli/options.h"
#include "lscertlint.h"

#define CLI_CONFIG_NAME ".lscertlint.json"
/* the same, for tools that check .json files as strict JSON */
#define CLI_CONFIG_NAME_JSONC ".lscertlint.jsonc"

/* A list of path globs, relative to the configuration file. */
typedef struct cfg_globs {
    char **v;
    size_t n;
} cfg_globs;

/* overrides[]: option settings for the files matched. */
typedef struct cfg_override {
    cfg_globs files;
    cli_setting *settings;
    size_t nsettings;
} cfg_override;

/* ignore[]: findings dropped; a NULL/empty member matches anything. */
typedef struct cfg_ignore {
    const lsc_rule *rule;
    cfg_globs files;
    char *pointer;     /* segments, '*' for any one */
    char *certificate; /* a certificate's name or ARN */
} cfg_ignore;

/* expect-findings[]: what must occur in the files matched. */
typedef struct cfg_expect {
    cfg_globs files;
    const lsc_rule **rules;
    size_t nrules;
    char **pointers; /* NULL when any pointer will do */
    size_t npointers;
    cj_pos pos; /* the entry in the configuration file */
} cfg_expect;

struct cli_config {
    char *path;     /* as shown in messages */
    char *dir;      /* absolute, lexically normalized */
    char *root_dir; /* the repository's root (.git), else dir: paths stay inside */
    char *cwd;      /* the current directory, for relative inputs */
    cj_node *root;
    cli_setting *settings; /* option keys at the top level, file order */
    size_t nsettings;
    cfg_globs include, exclude;
    cfg_override *overrides;
    size_t noverrides;
    cfg_ignore *ignores;
    size_t nignores;
    cfg_expect *expects;
    size_t nexpects;
};

/* Find and load the configuration for opts (--config, --no-config, or the
 * lookup). *out is NULL when there is none. Returns 0, or -1 after a
 * message: *status is 2 for a bad configuration, 3 for I/O trouble. */
int cli_config_load(const cli_options *opts, cli_config **out, int *status);

void cli_config_free(cli_config *cfg);

/* Parse and check len bytes as cfg's text (cfg->path, dir, root_dir and
 * cwd set; the rest zero): 0, 2 after a message (a bad configuration), 3
 * out of memory. cli_config_load() reads the file and calls it; the fuzz
 * target calls it directly. */
int cli_config_parse_text(cli_config *cfg, const char *data, size_t len);

/* path (as given on the command line or found in a walk) relative to the
 * configuration's directory, lexically normalized; NULL when it lies
 * outside or memory ran out. The caller frees it. */
char *cli_config_relative(const cli_config *cfg, const char *path);

/* Nonzero if any glob of list matches rel (NULL rel: never). */
int cli_config_globs_match(const cfg_globs *list, const char *rel);

/* A walk met path: 0 skip it, 1 take it, -1 no opinion (the default
 * suffix rule decides). is_dir: skip only by exclude. */
int cli_config_walk_filter(const cli_config *cfg, const char *path, int is_dir);

/* Nonzero if a JSON Pointer pattern ('*' segments) matches pointer. */
int cli_pointer_match(const char *pattern, const char *pointer, size_t len);

/* The options in force for one input: the top-level keys, the overrides
 * whose files match, then the command line. *config is opts->config when no
 * override applies, else a new one stored in *owned for the caller to free.
 * Returns 0 or -1 (out of memory). */
int cli_config_for_file(const cli_options *opts, const char *path, const lsc_config **config,
                        lsc_severity *fail_on, lsc_config **owned);

/* --print-config=FILE: the effective settings for FILE as JSON on out. */
int cli_config_print(const cli_options *opts, const char *file, FILE *out);

#endif
