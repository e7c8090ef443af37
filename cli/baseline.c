#include "config.h"

#include "cli/baseline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/config_json.h"
#include "cli/outfile.h"
#include "cli/output.h"

#define BASELINE_MAX_BYTES (512u * 1024 * 1024)

/* ---- the key -------------------------------------------------------------- */

/* The pointer below the certificate: "/certificates/N" dropped. */
static void pointer_below(const lsc_finding *f, const char **p, size_t *len) {
    const char *s = f->pointer ? f->pointer : "";
    size_t n = f->pointer ? f->pointer_len : 0;
    char prefix[64];
    int pl;
    *p = s;
    *len = n;
    if (!f->has_certificate)
        return;
    pl = snprintf(prefix, sizeof prefix, "/certificates/%zu", f->certificate);
    if (pl > 0 && (size_t)pl <= n && memcmp(s, prefix, (size_t)pl) == 0 &&
        ((size_t)pl == n || s[pl] == '/')) {
        *p = s + pl;
        *len = n - (size_t)pl;
    }
}

static char *finish_key(cli_out *o) {
    char *key;
    if (cli_out_status(o) < 0) {
        cli_out_release(o);
        return NULL;
    }
    key = o->buf; /* the memory sink's buffer, NUL-terminated: ours now */
    o->buf = NULL;
    return key;
}

/* Length-bounded check of the JSON number grammar. */
static int is_json_number(const char *s, size_t n) {
    size_t i = 0, digits;
    if (i < n && s[i] == '-')
        i++;
    for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (digits == 0 || (digits > 1 && s[i - digits] == '0'))
        return 0;
    if (i < n && s[i] == '.') {
        for (i++, digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
        if (digits == 0)
            return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
        if (digits == 0)
            return 0;
    }
    return i == n && n < 64;
}

/* A value: a number by its double ("1.6872004345E9" and "1687200434.5",
 * as a pretty-printer rewrites it, are one value), anything else as is. */
static void put_value(cli_out *o, const char *value, size_t len) {
    char text[64], num[40];
    if (is_json_number(value, len)) {
        memcpy(text, value, len);
        text[len] = '\0';
        snprintf(num, sizeof num, "%.17g", strtod(text, NULL));
        cli_put_escaped(o, LSC_ESCAPE_JSON, num, strlen(num));
        return;
    }
    cli_put_escaped(o, LSC_ESCAPE_JSON, value, len);
}

/* The canonical line; the members, in this order, as the loader rebuilds it. */
static void put_key(cli_out *o, const char *rule, const char *file, const char *arn,
                    const char *name, const char *cert_index, const char *document,
                    const char *pointer, size_t pointer_len, const char *member, size_t member_len,
                    const char *value, size_t value_len, int has_value) {
    cli_puts(o, "{\"rule\":");
    cli_put_escaped(o, LSC_ESCAPE_JSON, rule, strlen(rule));
    if (file) { /* NULL: the key matches by certificate, whatever the file */
        cli_puts(o, ",\"file\":");
        cli_put_escaped(o, LSC_ESCAPE_JSON, file, strlen(file));
    }
    if (arn) {
        cli_puts(o, ",\"arn\":");
        cli_put_escaped(o, LSC_ESCAPE_JSON, arn, strlen(arn));
    } else if (name) {
        cli_puts(o, ",\"name\":");
        cli_put_escaped(o, LSC_ESCAPE_JSON, name, strlen(name));
    } else {
        if (document) {
            cli_puts(o, ",\"document\":");
            cli_puts(o, document);
        }
        if (cert_index) {
            cli_puts(o, ",\"index\":");
            cli_puts(o, cert_index);
        }
    }
    cli_puts(o, ",\"pointer\":");
    cli_put_escaped(o, LSC_ESCAPE_JSON, pointer, pointer_len);
    if (member) {
        cli_puts(o, ",\"member\":");
        cli_put_escaped(o, LSC_ESCAPE_JSON, member, member_len);
    }
    if (has_value) {
        cli_puts(o, ",\"value\":");
        put_value(o, value, value_len);
    }
    cli_putc(o, '}');
}

/* Rules whose pointer names the object or the status, not the member the
 * message is about: the member goes into the key, from the message (else a
 * new "domainName is missing" would pass as a baselined "certificateName is
 * missing"). */
static const struct {
    const char *rule, *before, *after;
} member_rules[] = {
    {"missing-field", " has no \"", "\" member"},
    {"issued-missing-field", " but ", " is absent"},
    {"revoked-missing-field", " but ", " is absent"},
};

static int finding_member(const lsc_finding *f, const char **member, size_t *len) {
    size_t i;
    const char *m = f->message, *a, *b;
    if (!f->rule || !f->rule->id || !m)
        return 0;
    for (i = 0; i < sizeof member_rules / sizeof member_rules[0]; i++) {
        if (strcmp(f->rule->id, member_rules[i].rule) != 0)
            continue;
        a = strstr(m, member_rules[i].before);
        if (!a)
            return 0;
        a += strlen(member_rules[i].before);
        b = strstr(a, member_rules[i].after);
        if (!b)
            return 0;
        *member = a;
        *len = (size_t)(b - a);
        return 1;
    }
    return 0;
}

char *cli_baseline_key(const lsc_finding *f, const cli_cert_identity *cert, const char *file,
                       int by_certificate) {
    cli_out o;
    const char *ptr, *member = NULL;
    size_t ptr_len, member_len = 0;
    char doc[32], idx[32];
    int by_identity = f->has_certificate && cert && (cert->arn || cert->name);
    cli_out_init(&o, NULL);
    pointer_below(f, &ptr, &ptr_len);
    snprintf(doc, sizeof doc, "%zu", f->document);
    snprintf(idx, sizeof idx, "%zu", f->certificate);
    if (!finding_member(f, &member, &member_len))
        member = NULL;
    put_key(&o, f->rule && f->rule->id ? f->rule->id : "",
            by_certificate && by_identity ? NULL : file, by_identity ? cert->arn : NULL,
            by_identity ? cert->name : NULL, !by_identity && f->has_certificate ? idx : NULL,
            by_identity ? NULL : doc, ptr, ptr_len, member, member_len, f->value,
            f->value ? f->value_len : 0, f->value != NULL);
    return finish_key(&o);
}

/* ---- file names ------------------------------------------------------------
 * An entry's file is relative to the baseline's directory, lexically
 * normalized: "caps", "caps//a.json", "$PWD/caps" and "../caps" from a
 * subdirectory all name caps/a.json alike. */

/* Lexically normalized: no "", "." segments; ".." drops the segment before
 * it when there is one (kept at the start of a relative path). */
static char *normalize(const char *path) {
    size_t len = strlen(path), out = 0, i = 0, kept = 0; /* kept: segments not ".." */
    int absolute = path[0] == '/';
    char *res = malloc(len + 2);
    if (!res)
        return NULL;
    if (absolute)
        res[out++] = '/';
    while (i <= len) {
        size_t j = i, n;
        while (j < len && path[j] != '/')
            j++;
        n = j - i;
        if (n == 0 || (n == 1 && path[i] == '.')) {
            /* nothing */
        } else if (n == 2 && path[i] == '.' && path[i + 1] == '.' && (kept > 0 || absolute)) {
            if (kept > 0) {
                while (out > (size_t)absolute && res[out - 1] != '/')
                    out--;
                if (out > (size_t)absolute)
                    out--;
                kept--;
            }
        } else {
            if (out > (size_t)absolute)
                res[out++] = '/';
            memcpy(res + out, path + i, n);
            out += n;
            if (!(n == 2 && path[i] == '.' && path[i + 1] == '.'))
                kept++;
        }
        i = j + 1;
    }
    if (out == 0)
        res[out++] = '.';
    res[out] = '\0';
    return res;
}

/* base + "/" + rel, normalized (rel absolute: rel alone). */
static char *absolute(const char *base, const char *rel) {
    size_t bl = strlen(base), rl = strlen(rel);
    char *joined, *res;
    if (rel[0] == '/')
        return normalize(rel);
    joined = malloc(bl + rl + 2);
    if (!joined)
        return NULL;
    memcpy(joined, base, bl);
    joined[bl] = '/';
    memcpy(joined + bl + 1, rel, rl + 1);
    res = normalize(joined);
    free(joined);
    return res;
}

/* abs (normalized, absolute) relative to dir (the same): "../x" when it
 * lies outside. */
static char *relative_to(const char *dir, const char *abs) {
    size_t common = 0, i, ups = 0, dl = strlen(dir), rest_len;
    const char *rest;
    char *res;
    if (strcmp(dir, "/") == 0) {
        common = 0;
    } else {
        /* the longest prefix of whole segments */
        for (i = 0; dir[i] && dir[i] == abs[i]; i++)
            if (dir[i] == '/')
                common = i;
        if (dir[i] == '\0' && (abs[i] == '/' || abs[i] == '\0'))
            common = i;
    }
    for (i = common; i < dl; i++)
        if (dir[i] == '/')
            ups++;
    rest = abs + common;
    while (*rest == '/')
        rest++;
    rest_len = strlen(rest);
    res = malloc(ups * 3 + rest_len + 2);
    if (!res)
        return NULL;
    for (i = 0; i < ups; i++)
        memcpy(res + i * 3, "../", 3);
    memcpy(res + ups * 3, rest, rest_len + 1);
    if (ups * 3 + rest_len == 0)
        strcpy(res, ".");
    else if (rest_len == 0)
        res[ups * 3 - 1] = '\0'; /* no trailing '/' */
    return res;
}

char *cli_baseline_dir(const char *baseline_path) {
    char *cwd = NULL, *abs = NULL, *slash;
    size_t size = 256;
    for (;;) { /* getcwd with a buffer that grows */
        char *grown = realloc(cwd, size);
        if (!grown)
            goto out;
        cwd = grown;
        if (getcwd(cwd, size))
            break;
        if (errno != ERANGE)
            goto out;
        size *= 2;
    }
    abs = absolute(cwd, baseline_path);
    if (abs) {
        slash = strrchr(abs, '/');
        if (slash == abs)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
    }
out:
    free(cwd);
    return abs;
}

char *cli_baseline_file(const char *dir, const char *name) {
    char *cwd_rel, *abs, *res;
    /* standard input's default name is no path */
    if (!dir || name[0] == '<' || name[0] == '\0')
        return strdup(name);
    if (name[0] == '/') {
        abs = normalize(name);
    } else {
        cwd_rel = cli_baseline_dir("x"); /* the current directory */
        abs = cwd_rel ? absolute(cwd_rel, name) : NULL;
        free(cwd_rel);
    }
    if (!abs)
        return NULL;
    res = relative_to(dir, abs);
    free(abs);
    return res;
}

/* ---- loading -------------------------------------------------------------- */

typedef struct entry {
    char *key;                   /* what a finding's key is matched against */
    char *line;                  /* the entry as written (--prune-baseline keeps it) */
    char *file, *rule, *pointer; /* for the fixed ones */
    size_t count, taken;
} entry;

struct cli_baseline {
    char *path;
    entry *v;
    size_t n;
    int by_certificate;
    char **checked; /* files of the run */
    size_t nchecked, checked_cap;
    int checked_sorted;
};

static void entry_release(entry *e) {
    if (e->key != e->line) /* one string when matching by file */
        free(e->key);
    free(e->line);
    free(e->file);
    free(e->rule);
    free(e->pointer);
}

void cli_baseline_free(cli_baseline *b) {
    size_t i;
    if (!b)
        return;
    for (i = 0; i < b->n; i++)
        entry_release(&b->v[i]);
    free(b->v);
    for (i = 0; i < b->nchecked; i++)
        free(b->checked[i]);
    free(b->checked);
    free(b->path);
    free(b);
}

static int compare_entries(const void *a, const void *b) {
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

static void bad(const char *path, cj_pos pos, const char *what) {
    fputs("lscertlint: ", stderr);
    cli_put_printable(stderr, path, strlen(path));
    if (pos.line)
        fprintf(stderr, ":%lu:%lu", pos.line, pos.column);
    fprintf(stderr, ": not a baseline: %s\n", what);
}

static const cj_node *member(const cj_node *obj, const char *key, cj_type type, int *wrong) {
    size_t i;
    for (i = 0; i < obj->count; i++) {
        if (strcmp(obj->members[i].key, key) == 0) {
            if (obj->members[i].value->type != type)
                *wrong = 1;
            return obj->members[i].value;
        }
    }
    return NULL;
}

/* One entry of the file, rebuilt as the canonical line and the key. */
static int read_entry(const char *path, const cj_node *e, int by_certificate, entry *out) {
    const cj_node *rule, *file, *arn, *name, *doc, *idx, *ptr, *val, *mem;
    int wrong = 0;
    char *norm;
    cli_out o;
    if (e->type != CJ_OBJECT) {
        bad(path, e->pos, "an entry is not an object");
        return 2;
    }
    rule = member(e, "rule", CJ_STRING, &wrong);
    file = member(e, "file", CJ_STRING, &wrong);
    arn = member(e, "arn", CJ_STRING, &wrong);
    name = member(e, "name", CJ_STRING, &wrong);
    doc = member(e, "document", CJ_NUMBER, &wrong);
    idx = member(e, "index", CJ_NUMBER, &wrong);
    ptr = member(e, "pointer", CJ_STRING, &wrong);
    mem = member(e, "member", CJ_STRING, &wrong);
    val = member(e, "value", CJ_STRING, &wrong);
    if (wrong || !rule || !file || !ptr) {
        bad(path, e->pos, "an entry needs the strings rule, file and pointer");
        return 2;
    }
    /* "./caps//a.json", as earlier versions kept the operand's spelling */
    norm = file->text[0] == '<' ? strdup(file->text) : normalize(file->text);
    if (!norm)
        return 3;
    out->file = norm;
    out->count = 1;
    cli_out_init(&o, NULL);
    put_key(&o, rule->text, norm, arn ? arn->text : NULL, name ? name->text : NULL,
            idx ? idx->text : NULL, doc ? doc->text : NULL, ptr->text, ptr->len,
            mem ? mem->text : NULL, mem ? mem->len : 0, val ? val->text : NULL, val ? val->len : 0,
            val != NULL);
    out->line = finish_key(&o);
    if (by_certificate && (arn || name)) {
        cli_out_init(&o, NULL);
        put_key(&o, rule->text, NULL, arn ? arn->text : NULL, name ? name->text : NULL, NULL, NULL,
                ptr->text, ptr->len, mem ? mem->text : NULL, mem ? mem->len : 0,
                val ? val->text : NULL, val ? val->len : 0, val != NULL);
        out->key = finish_key(&o);
    } else {
        out->key = out->line;
    }
    out->rule = strdup(rule->text);
    out->pointer = strdup(ptr->text);
    return out->key && out->line && out->rule && out->pointer ? 0 : 3;
}

int cli_baseline_load(const char *path, int by_certificate, cli_baseline **out, int *status) {
    char *data = NULL;
    size_t len;
    int rc;

    *out = NULL;
    *status = 3;
    if (cli_read_file(path, BASELINE_MAX_BYTES, &data, &len) != 0) {
        cli_error_name(path, errno);
        return -1;
    }
    rc = cli_baseline_parse(path, data, len, by_certificate, out, status);
    free(data);
    return rc;
}

/* The reader's state while the entries stream by (cj_parse_items). */
typedef struct reading {
    const char *path;
    cli_baseline *b;
    size_t cap;
    int status; /* of a failed entry: 2 bad, 3 no memory */
} reading;

static int take_entry(reading *r, const cj_node *e) {
    int rc;
    if (cli_grow(&r->b->v, &r->cap, r->b->n + 1, sizeof *r->b->v) != 0) {
        r->status = 3;
        return -1;
    }
    memset(&r->b->v[r->b->n], 0, sizeof *r->b->v);
    rc = read_entry(r->path, e, r->b->by_certificate, &r->b->v[r->b->n]);
    r->b->n++; /* released with the rest, whole or not */
    if (rc != 0) {
        r->status = rc;
        return -1;
    }
    return 0;
}

static int on_item(void *user, const char *key, const cj_node *item) {
    reading *r = user;
    if (strcmp(key, "findings") != 0)
        return 0;
    return take_entry(r, item) == 0 ? 1 : -1;
}

int cli_baseline_parse(const char *path, const char *data, size_t len, int by_certificate,
                       cli_baseline **out, int *status) {
    reading r;
    cj_node *root = NULL;
    const cj_node *list, *version;
    char err[160];
    size_t i, kept;
    cj_pos pos;
    int wrong = 0;

    *out = NULL;
    *status = 3;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.b = calloc(1, sizeof *r.b);
    if (!r.b || !(r.b->path = strdup(path)))
        goto oom;
    r.b->by_certificate = by_certificate;
    /* entries are read as they close, the tree never holds them all */
    root = cj_parse_items(data, len, err, sizeof err, &pos, on_item, &r);
    if (!root) {
        if (r.status == 3 || strcmp(err, "out of memory") == 0)
            goto oom;
        if (r.status != 2) /* an entry's message is printed already */
            bad(path, pos, err);
        *status = 2;
        goto fail;
    }
    *status = 2;
    if (root->type != CJ_OBJECT) {
        bad(path, root->pos, "expected an object at the top");
        goto fail;
    }
    version = member(root, "lscertlint-baseline", CJ_NUMBER, &wrong);
    list = member(root, "findings", CJ_ARRAY, &wrong);
    if (wrong || !version || strcmp(version->text, "1") != 0 || !list) {
        bad(path, root->pos, "expected {\"lscertlint-baseline\": 1, \"findings\": [...]}");
        goto fail;
    }
    for (i = 0; i < list->count; i++) { /* what was not streamed: scalars */
        if (take_entry(&r, list->items[i]) != 0) {
            *status = r.status;
            if (r.status == 3)
                goto oom;
            goto fail;
        }
    }
    /* sorted, equal keys merged into one counted entry */
    if (r.b->n > 1)
        qsort(r.b->v, r.b->n, sizeof *r.b->v, compare_entries);
    for (i = 0, kept = 0; i < r.b->n; i++) {
        if (kept > 0 && strcmp(r.b->v[kept - 1].key, r.b->v[i].key) == 0 &&
            strcmp(r.b->v[kept - 1].line, r.b->v[i].line) == 0) {
            r.b->v[kept - 1].count++;
            entry_release(&r.b->v[i]);
            continue;
        }
        r.b->v[kept++] = r.b->v[i];
    }
    r.b->n = kept;
    cj_free(root);
    *out = r.b;
    return 0;
oom:
    cli_error("out of memory");
    *status = 3;
fail:
    cj_free(root);
    cli_baseline_free(r.b);
    return -1;
}

int cli_baseline_take(cli_baseline *b, const char *key) {
    entry probe, *e;
    size_t lo = 0, hi = b->n, mid;
    probe.key = (char *)(uintptr_t)key; /* the search key: read only */
    /* the first of the equal keys (by certificate, several files may hold one) */
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (compare_entries(&b->v[mid], &probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < b->n && strcmp(b->v[lo].key, key) == 0; lo++) {
        e = &b->v[lo];
        if (e->taken < e->count) {
            e->taken++;
            return 1;
        }
    }
    return 0;
}

int cli_baseline_checked(cli_baseline *b, const char *file) {
    char *copy;
    if (cli_grow(&b->checked, &b->checked_cap, b->nchecked + 1, sizeof *b->checked) != 0)
        return -1;
    copy = strdup(file);
    if (!copy)
        return -1;
    b->checked[b->nchecked++] = copy;
    b->checked_sorted = 0;
    return 0;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted once, then searched: a million entries against ten thousand files. */
static int was_checked(cli_baseline *b, const char *file) {
    if (!b->checked_sorted) {
        if (b->nchecked > 1)
            qsort(b->checked, b->nchecked, sizeof *b->checked, compare_names);
        b->checked_sorted = 1;
    }
    return b->nchecked > 0 &&
           bsearch(&file, b->checked, b->nchecked, sizeof *b->checked, compare_names) != NULL;
}

size_t cli_baseline_each_fixed(cli_baseline *b,
                               int (*fn)(void *user, const char *file, const char *rule,
                                         const char *pointer),
                               void *user) {
    size_t fixed = 0, i, j;
    for (i = 0; i < b->n; i++) {
        const entry *e = &b->v[i];
        if (e->taken >= e->count || !was_checked(b, e->file))
            continue; /* all occurred, or not checked in this run: nothing known */
        fixed += e->count - e->taken;
        if (fn)
            for (j = e->taken; j < e->count; j++)
                fn(user, e->file, e->rule, e->pointer);
    }
    return fixed;
}

/* Lines sorted by their bytes, as the writer sorts them. */
static int compare_lines(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int save_lines(char **lines, size_t n, const char *path);

int cli_baseline_prune(cli_baseline *b) {
    char **lines = NULL;
    size_t n = 0, cap = 0, i, j, keep;
    int rc = -1;
    for (i = 0; i < b->n; i++) {
        entry *e = &b->v[i];
        /* what did not occur in a checked file goes */
        keep = was_checked(b, e->file) ? e->taken : e->count;
        if (keep && cli_grow(&lines, &cap, n + keep, sizeof *lines) != 0) {
            errno = ENOMEM;
            goto out;
        }
        for (j = 0; j < keep; j++)
            lines[n++] = e->line;
    }
    if (n > 1)
        qsort(lines, n, sizeof *lines, compare_lines);
    rc = save_lines(lines, n, b->path);
out:
    free(lines); /* the lines belong to the entries */
    return rc;
}

/* ---- writing ------------------------------------------------------------- */

int cli_baseline_writer_add(cli_baseline_writer *w, const char *key) {
    char *copy;
    if (cli_grow(&w->keys, &w->cap, w->n + 1, sizeof *w->keys) != 0)
        return -1;
    copy = strdup(key);
    if (!copy)
        return -1;
    w->keys[w->n++] = copy;
    return 0;
}

static int compare_keys(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int save_lines(char **lines, size_t n, const char *path) {
    cli_outfile of;
    size_t i;
    int saved;
    /* cli/outfile.c: a temporary file beside the target, renamed over it
     * when complete; a failure or a signal leaves the previous baseline */
    memset(&of, 0, sizeof of);
    if (cli_outfile_open(&of, path) != 0)
        return -1;
    fputs("{\"lscertlint-baseline\": 1, \"findings\": [", of.fp);
    for (i = 0; i < n; i++) {
        fputs(i ? ",\n" : "\n", of.fp);
        fputs(lines[i], of.fp);
    }
    fputs(n ? "\n]}\n" : "]}\n", of.fp);
    if (fflush(of.fp) != 0 || ferror(of.fp)) {
        saved = errno ? errno : EIO;
        cli_outfile_discard(&of);
        errno = saved;
        return -1;
    }
    return cli_outfile_commit(&of);
}

int cli_baseline_writer_save(cli_baseline_writer *w, const char *path) {
    if (w->n > 1)
        qsort(w->keys, w->n, sizeof *w->keys, compare_keys);
    return save_lines(w->keys, w->n, path);
}

void cli_baseline_writer_release(cli_baseline_writer *w) {
    size_t i;
    for (i = 0; i < w->n; i++)
        free(w->keys[i]);
    free(w->keys);
    w->keys = NULL;
    w->n = w->cap = 0;
}
