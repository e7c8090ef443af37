/* Discovery: the operands turned into the list of inputs of a run, before
 * any input is read.
 * - FILE operands are inputs whatever their name; "-" is standard input.
 * - A DIR is walked recursively, in sorted byte order (strcmp), for files
 *   whose name ends in .json, .jsonl or .ndjson in any case. Symlinks to
 *   files are followed, symlinks to directories are not (as grep -r).
 *   Directories named .git, .hg, .svn and node_modules are skipped unless
 *   default_excludes is off; so is anything an exclude glob matches (read
 *   as glob_filter_match() reads it: a glob without '/' matches a name at
 *   any depth, one with '/' the path as walked, a directory covering what
 *   lies below it; see cli/glob.h).
 * - The program's own files (cli/ownfile.h: a baseline, an earlier report
 *   of any format, an inventory) are never inputs of a walk or a glob:
 *   they are recognised by their first bytes and passed over.
 * - An operand that does not exist but holds a glob character is expanded
 *   here (cli/glob.h: "**" for any depth), so a quoted pattern works the
 *   same in every shell; it selects files (any name), in sorted order, the
 *   excludes applying to what its wildcards match.
 * - The run's own outputs (the outputs list: report files that exist
 *   already, standard output when it is a regular file) are never inputs.
 *   A walk, a glob or the configuration's include that meets one passes
 *   over it when it is one of the program's own files or empty (it will be
 *   replaced); any other file would be a capture lost: a usage error ("the
 *   report file is also an input: FILE"). So is an operand naming an
 *   output, whatever it holds, and standard input being one.
 * - An operand that does not exist (and holds no glob character) is a
 *   usage error ("no such file or directory: NAME").
 * - filter_operands: a FILE operand passes the filters of a walk too
 *   (excludes, walk_filter, the program's own files); one that does not is
 *   "ignored": counted in *n_ignored and named on stderr unless
 *   !warn_ignored.
 * - An operand that yields no input at all is a usage error ("no input
 *   found in OPERAND") unless allow_empty.
 * - A file or directory that cannot be examined (lstat or opendir failing
 *   with anything but ENOENT of an entry that vanished meanwhile) becomes
 *   an unreadable input, in its place in the order: the run names it and
 *   exits 3. */
#ifndef LSC_CLI_DISCOVER_H
#define LSC_CLI_DISCOVER_H

#include <stddef.h>
#include <sys/types.h>

/* A file the run writes. */
typedef struct cli_file_id {
    dev_t dev;
    ino_t ino;
    const char *name; /* as the user named it; NULL: standard output */
} cli_file_id;

typedef enum cli_input_kind {
    CLI_INPUT_FILE = 0,
    CLI_INPUT_STDIN,
    CLI_INPUT_UNREADABLE /* errnum says why */
} cli_input_kind;

typedef struct cli_input {
    cli_input_kind kind;
    char *path; /* NULL for standard input */
    int errnum;
} cli_input;

typedef struct cli_input_list {
    cli_input *items;
    size_t count, cap;
} cli_input_list;

typedef struct cli_discovery {
    const char *const *excludes; /* --exclude globs */
    size_t n_excludes;
    int default_excludes; /* skip .git, .hg, .svn, node_modules */
    int allow_empty;      /* an operand may yield nothing */
    const cli_file_id *outputs;
    size_t n_outputs;
    /* The configuration file's say on a path a walk meets (its include and
     * exclude globs, the run's baseline files): 0 skip it, 1 take it, -1
     * leave it to the rules above. is_dir: 1 a directory, 0 a file, -1 a
     * FILE operand (filter_operands). NULL: none. */
    int (*walk_filter)(void *ctx, const char *path, int is_dir);
    void *walk_ctx;
    int filter_operands; /* --filter-operands */
    int warn_ignored;    /* name each ignored operand on stderr */
    size_t *n_ignored;   /* counts the ignored operands; may be NULL */
} cli_discovery;

/* Fill list (which must be zeroed) from the operands (standard input when
 * there is none). Returns 0, 2 after printing the usage errors found (the
 * list is then incomplete), or 3 when memory ran out (message printed). */
int cli_discover(const cli_discovery *d, char *const *operands, int count, cli_input_list *list);

/* Release the list's contents (a zeroed list is a no-op). */
void cli_input_list_free(cli_input_list *list);

/* Nonzero if name (a file name without directory) ends in .json, .jsonl
 * or .ndjson, in any case. */
int cli_has_json_suffix(const char *name);

#endif
