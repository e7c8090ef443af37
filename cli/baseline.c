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
                    const char *pointer, size_t pointer_len, const char *value, size_t value_len,
                    int has_value) {
    cli_puts(o, "{\"rule\":");
    cli_put_escaped(o, LSC_ESCAPE_JSON, rule, strlen(rule));
    cli_puts(o, ",\"file\":");
    cli_put_escaped(o, LSC_ESCAPE_JSON, file, strlen(file));
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
    if (has_value) {
        cli_puts(o, ",\"value\":");
        put_value(o, value, value_len);
    }
    cli_putc(o, '}');
}

/* "./a.json" and "a.json" are one file. */
static const char *plain_file(const char *file) {
    while (file[0] == '.' && file[1] == '/') {
        file += 2;
        while (*file == '/')
            file++;
    }
    return file;
}

char *cli_baseline_key(const lsc_finding *f, const cli_cert_identity *cert) {
    cli_out o;
    const char *ptr;
    size_t ptr_len;
    char doc[32], idx[32];
    int by_identity = f->has_certificate && cert && (cert->arn || cert->name);
    cli_out_init(&o, NULL);
    pointer_below(f, &ptr, &ptr_len);
    snprintf(doc, sizeof doc, "%zu", f->document);
    snprintf(idx, sizeof idx, "%zu", f->certificate);
    put_key(&o, f->rule && f->rule->id ? f->rule->id : "", plain_file(f->file ? f->file : ""),
            by_identity ? cert->arn : NULL, by_identity ? cert->name : NULL,
            !by_identity && f->has_certificate ? idx : NULL, by_identity ? NULL : doc, ptr, ptr_len,
            f->value, f->value ? f->value_len : 0, f->value != NULL);
    return finish_key(&o);
}

/* ---- loading -------------------------------------------------------------- */

typedef struct entry {
    char *key;
    char *file, *rule, *pointer; /* for the fixed ones */
    size_t count, taken;
} entry;

struct cli_baseline {
    entry *v;
    size_t n;
    char **checked; /* files of the run */
    size_t nchecked, checked_cap;
};

void cli_baseline_free(cli_baseline *b) {
    size_t i;
    if (!b)
        return;
    for (i = 0; i < b->n; i++) {
        free(b->v[i].key);
        free(b->v[i].file);
        free(b->v[i].rule);
        free(b->v[i].pointer);
    }
    free(b->v);
    for (i = 0; i < b->nchecked; i++)
        free(b->checked[i]);
    free(b->checked);
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

/* One entry of the file, rebuilt as the canonical key. */
static int read_entry(const char *path, const cj_node *e, entry *out) {
    const cj_node *rule, *file, *arn, *name, *doc, *idx, *ptr, *val;
    int wrong = 0;
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
    val = member(e, "value", CJ_STRING, &wrong);
    if (wrong || !rule || !file || !ptr) {
        bad(path, e->pos, "an entry needs the strings rule, file and pointer");
        return 2;
    }
    cli_out_init(&o, NULL);
    put_key(&o, rule->text, file->text, arn ? arn->text : NULL, name ? name->text : NULL,
            idx ? idx->text : NULL, doc ? doc->text : NULL, ptr->text, ptr->len,
            val ? val->text : NULL, val ? val->len : 0, val != NULL);
    out->key = finish_key(&o);
    out->file = strdup(file->text);
    out->rule = strdup(rule->text);
    out->pointer = strdup(ptr->text);
    out->count = 1;
    return out->key && out->file && out->rule && out->pointer ? 0 : 3;
}

int cli_baseline_load(const char *path, cli_baseline **out, int *status) {
    cli_baseline *b = NULL;
    cj_node *root = NULL;
    const cj_node *list, *version;
    char *data = NULL, err[160];
    size_t len, i, kept;
    cj_pos pos;
    int wrong = 0, rc;

    *out = NULL;
    *status = 3;
    if (cli_read_file(path, BASELINE_MAX_BYTES, &data, &len) != 0) {
        cli_error_name(path, errno);
        return -1;
    }
    root = cj_parse(data, len, err, sizeof err, &pos);
    free(data);
    if (!root) {
        if (strcmp(err, "out of memory") == 0) {
            cli_error("out of memory");
            return -1;
        }
        bad(path, pos, err);
        *status = 2;
        return -1;
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
    *status = 3;
    b = calloc(1, sizeof *b);
    if (!b || (list->count && !(b->v = calloc(list->count, sizeof *b->v))))
        goto oom;
    for (i = 0; i < list->count; i++) {
        rc = read_entry(path, list->items[i], &b->v[i]);
        b->n = i + 1;
        if (rc == 3)
            goto oom;
        if (rc != 0) {
            *status = 2;
            goto fail;
        }
    }
    /* sorted, equal keys merged into one counted entry */
    if (b->n > 1)
        qsort(b->v, b->n, sizeof *b->v, compare_entries);
    for (i = 0, kept = 0; i < b->n; i++) {
        if (kept > 0 && strcmp(b->v[kept - 1].key, b->v[i].key) == 0) {
            b->v[kept - 1].count++;
            free(b->v[i].key);
            free(b->v[i].file);
            free(b->v[i].rule);
            free(b->v[i].pointer);
            continue;
        }
        b->v[kept++] = b->v[i];
    }
    b->n = kept;
    cj_free(root);
    *out = b;
    return 0;
oom:
    cli_error("out of memory");
fail:
    cj_free(root);
    cli_baseline_free(b);
    return -1;
}

int cli_baseline_take(cli_baseline *b, const char *key) {
    entry probe, *e;
    probe.key = (char *)(uintptr_t)key; /* bsearch's key: read only */
    e = bsearch(&probe, b->v, b->n, sizeof *b->v, compare_entries);
    if (!e || e->taken >= e->count)
        return 0;
    e->taken++;
    return 1;
}

int cli_baseline_checked(cli_baseline *b, const char *file) {
    char *copy;
    if (cli_grow(&b->checked, &b->checked_cap, b->nchecked + 1, sizeof *b->checked) != 0)
        return -1;
    copy = strdup(plain_file(file));
    if (!copy)
        return -1;
    b->checked[b->nchecked++] = copy;
    return 0;
}

size_t cli_baseline_each_fixed(const cli_baseline *b,
                               int (*fn)(void *user, const char *file, const char *rule,
                                         const char *pointer),
                               void *user) {
    size_t fixed = 0, i, j;
    for (i = 0; i < b->n; i++) {
        const entry *e = &b->v[i];
        if (e->taken >= e->count)
            continue;
        for (j = 0; j < b->nchecked && strcmp(b->checked[j], e->file) != 0; j++)
            ;
        if (j == b->nchecked)
            continue; /* not checked in this run: nothing known */
        fixed += e->count - e->taken;
        if (fn)
            for (j = e->taken; j < e->count; j++)
                fn(user, e->file, e->rule, e->pointer);
    }
    return fixed;
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

int cli_baseline_writer_save(cli_baseline_writer *w, const char *path) {
    cli_outfile of;
    size_t i;
    int saved;
    /* cli/outfile.c: a temporary file beside the target, renamed over it
     * when complete; a failure or a signal leaves the previous baseline */
    memset(&of, 0, sizeof of);
    if (cli_outfile_open(&of, path) != 0)
        return -1;
    if (w->n > 1)
        qsort(w->keys, w->n, sizeof *w->keys, compare_keys);
    fputs("{\"lscertlint-baseline\": 1, \"findings\": [", of.fp);
    for (i = 0; i < w->n; i++) {
        fputs(i ? ",\n" : "\n", of.fp);
        fputs(w->keys[i], of.fp);
    }
    fputs(w->n ? "\n]}\n" : "]}\n", of.fp);
    if (fflush(of.fp) != 0 || ferror(of.fp)) {
        saved = errno ? errno : EIO;
        cli_outfile_discard(&of);
        errno = saved;
        return -1;
    }
    return cli_outfile_commit(&of);
}

void cli_baseline_writer_release(cli_baseline_writer *w) {
    size_t i;
    for (i = 0; i < w->n; i++)
        free(w->keys[i]);
    free(w->keys);
    w->keys = NULL;
    w->n = w->cap = 0;
}
