#include "config.h"

#include "cli/config_json.h"
#include "cli/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* Deeper nesting than any configuration needs; also bounds cj_free(). */
#define CJ_MAX_DEPTH 64

const char *cj_type_name(cj_type type) {
    static const char *const names[] = {"null", "boolean", "number", "string", "object", "array"};
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "value";
}

void cj_free(cj_node *node) {
    size_t i;
    if (!node)
        return;
    for (i = 0; i < node->count; i++) {
        if (node->type == CJ_OBJECT) {
            free(node->members[i].key);
            cj_free(node->members[i].value);
        } else if (node->type == CJ_ARRAY) {
            cj_free(node->items[i]);
        }
    }
    free(node->members);
    free(node->items);
    free(node->text);
    free(node);
}

/* Bytes the position pass stepped over since the start (tests: work). */
static unsigned long long cj_scanned;

unsigned long long cj_work(void) {
    return cj_scanned;
}

/* ---- positions -----------------------------------------------------------
 * yajl calls back once per key, scalar, '{' and '[', in the order they
 * stand in the text. A cursor walks the bytes once, alongside: each
 * callback moves it on to the next token start, counting lines and columns
 * as the response parser does (code points since the last LF, a tab one
 * column, a UTF-8 BOM none). Every byte is stepped over once: linear. */

typedef struct cursor {
    const char *s;
    size_t len, off;
    cj_pos pos;
} cursor;

static void step(cursor *c) {
    unsigned char b = (unsigned char)c->s[c->off++];
    cj_scanned++;
    if (b == '\n') {
        c->pos.line++;
        c->pos.column = 1;
    } else if ((b & 0xc0) != 0x80) { /* a continuation byte takes no column */
        c->pos.column++;
    }
}

/* White space as yajl reads it: \f and \v too. */
static int is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Over white space, comments and (punct) the punctuation no callback
 * reports. */
static void skip_between(cursor *c, int punct) {
    while (c->off < c->len) {
        char ch = c->s[c->off];
        if (is_space(ch) || (punct && (ch == ',' || ch == ':' || ch == '}' || ch == ']'))) {
            step(c);
        } else if (ch == '/' && c->off + 1 < c->len && c->s[c->off + 1] == '/') {
            while (c->off < c->len && c->s[c->off] != '\n')
                step(c);
        } else if (ch == '/' && c->off + 1 < c->len && c->s[c->off + 1] == '*') {
            step(c);
            step(c);
            while (c->off < c->len) {
                if (c->s[c->off] == '*' && c->off + 1 < c->len && c->s[c->off + 1] == '/') {
                    step(c);
                    step(c);
                    break;
                }
                step(c);
            }
        } else {
            return;
        }
    }
}

/* Over one token; always moves on by at least one byte. */
static void skip_token(cursor *c) {
    char ch = c->s[c->off];
    step(c);
    if (ch == '"') {
        while (c->off < c->len && c->s[c->off] != '"') {
            if (c->s[c->off] == '\\' && c->off + 1 < c->len)
                step(c);
            step(c);
        }
        if (c->off < c->len)
            step(c);
    } else if (!strchr("{[]}:,", ch)) { /* a number or a literal */
        while (c->off < c->len && !is_space(c->s[c->off]) && !strchr(",:[]{}/\"", c->s[c->off]) &&
               c->s[c->off] != '\0')
            step(c);
    }
}

/* ---- checks before yajl ---------------------------------------------------
 * NUL bytes: a UTF-16 file (an editor's or PowerShell's choice) or a binary;
 * yajl would stop at them with a vague message. Trailing commas: JSONC
 * readers (VS Code) allow them, yajl does not; they become spaces in a copy,
 * which moves nothing. */

static int looks_utf16(const char *s, size_t len) {
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
        return 1;
    /* no BOM: ASCII in UTF-16 has a NUL in every other byte from the start */
    return len >= 2 && (u[0] == 0) != (u[1] == 0);
}

/* Returns the first NUL's offset (len: none); *copy is a malloc'd copy with
 * trailing commas blanked, or NULL when there were none (or no memory:
 * *oom set). */
static size_t prepare(const char *s, size_t len, char **copy, int *oom) {
    size_t i = 0, comma = 0;
    int have_comma = 0, after_value = 0; /* a comma after a value, pending */
    *copy = NULL;
    *oom = 0;
    while (i < len) {
        char ch = s[i];
        if (ch == '\0')
            return i;
        if (is_space(ch)) {
            i++;
        } else if (ch == '/' && i + 1 < len && s[i + 1] == '/') {
            while (i < len && s[i] != '\n' && s[i] != '\0')
                i++;
        } else if (ch == '/' && i + 1 < len && s[i + 1] == '*') {
            for (i += 2; i < len && !(s[i] == '*' && i + 1 < len && s[i + 1] == '/'); i++)
                if (s[i] == '\0')
                    return i;
            i = i + 2 < len ? i + 2 : len;
        } else if (ch == ',') {
            if (have_comma || !after_value) {
                have_comma = 0; /* ",," or "[,": yajl says what is wrong */
                after_value = 0;
            } else {
                have_comma = 1;
                comma = i;
            }
            after_value = 0;
            i++;
        } else {
            if ((ch == '}' || ch == ']') && have_comma) {
                if (!*copy) {
                    if (!(*copy = malloc(len ? len : 1))) {
                        *oom = 1;
                        return len;
                    }
                    memcpy(*copy, s, len);
                }
                (*copy)[comma] = ' ';
            }
            have_comma = 0;
            if (ch == '"') {
                for (i++; i < len && s[i] != '"'; i++) {
                    if (s[i] == '\0')
                        return i;
                    if (s[i] == '\\' && i + 1 < len && s[i + 1] != '\0')
                        i++;
                }
                i++;
                after_value = 1;
            } else {
                after_value = ch != '{' && ch != '[' && ch != ':';
                i++;
            }
        }
    }
    return len;
}

/* The place of byte offset: one walk from the start (only for an error). */
static cj_pos pos_of(const char *s, size_t start, size_t len, size_t offset) {
    cursor c = {s, offset < len ? offset : len, start, {1, 1}};
    while (c.off < c.len)
        step(&c);
    return c.pos;
}

/* ---- the tree builder ---------------------------------------------------- */

typedef struct builder {
    cursor at; /* the next token start is at or after it */
    cj_node *root;
    cj_node *stack[CJ_MAX_DEPTH];
    size_t depth;
    char *pending_key; /* the key whose value comes next */
    cj_pos pending_key_pos;
    int failed; /* 1: out of memory, 2: too deep, 3: duplicate key, 4: item_fn stopped */
    cj_item_fn item_fn;
    void *item_user;
    cj_pos fail_pos;
    char *dup_key;
} builder;

/* The start of the token the current callback reports. */
static cj_pos next_pos(builder *b) {
    cj_pos p;
    skip_between(&b->at, 1);
    if (b->at.off >= b->at.len)
        return (cj_pos){0, 0};
    p = b->at.pos;
    skip_token(&b->at);
    return p;
}

/* Attach a new node of type to the current container (or make it the root). */
static cj_node *add_node(builder *b, cj_type type) {
    cj_node *parent = b->depth ? b->stack[b->depth - 1] : NULL;
    cj_node *n = calloc(1, sizeof *n);
    if (!n) {
        b->failed = 1;
        return NULL;
    }
    n->type = type;
    n->pos = next_pos(b);
    if (!parent) {
        b->root = n;
        return n;
    }
    /* capacity doubles: a baseline's findings array holds a million entries */
    if (parent->type == CJ_OBJECT) {
        if (cli_grow(&parent->members, &parent->cap, parent->count + 1, sizeof *parent->members))
            goto oom;
        parent->members[parent->count].key = b->pending_key;
        parent->members[parent->count].key_pos = b->pending_key_pos;
        parent->members[parent->count].value = n;
        b->pending_key = NULL;
    } else {
        if (cli_grow(&parent->items, &parent->cap, parent->count + 1, sizeof *parent->items))
            goto oom;
        parent->items[parent->count] = n;
    }
    parent->count++;
    return n;
oom:
    free(n);
    b->failed = 1;
    return NULL;
}

static int set_text(builder *b, cj_node *n, const char *s, size_t len) {
    n->text = malloc(len + 1);
    if (!n->text) {
        b->failed = 1;
        return 0;
    }
    memcpy(n->text, s, len);
    n->text[len] = '\0';
    n->len = len;
    return 1;
}

static int on_null(void *ctx) {
    return add_node(ctx, CJ_NULL) != NULL;
}

static int on_boolean(void *ctx, int value) {
    cj_node *n = add_node(ctx, CJ_BOOL);
    if (!n)
        return 0;
    n->boolean = value;
    return set_text(ctx, n, value ? "true" : "false", value ? 4 : 5);
}

static int on_number(void *ctx, const char *s, size_t len) {
    cj_node *n = add_node(ctx, CJ_NUMBER);
    return n && set_text(ctx, n, s, len);
}

static int on_string(void *ctx, const unsigned char *s, size_t len) {
    cj_node *n = add_node(ctx, CJ_STRING);
    return n && set_text(ctx, n, (const char *)s, len);
}

static int open_container(builder *b, cj_type type) {
    cj_node *n;
    if (b->depth == CJ_MAX_DEPTH) {
        b->failed = 2;
        b->fail_pos = next_pos(b);
        return 0;
    }
    n = add_node(b, type);
    if (!n)
        return 0;
    b->stack[b->depth++] = n;
    return 1;
}

static int on_start_map(void *ctx) {
    return open_container(ctx, CJ_OBJECT);
}

static int on_start_array(void *ctx) {
    return open_container(ctx, CJ_ARRAY);
}

static int on_end(void *ctx) {
    builder *b = ctx;
    cj_node *item = b->stack[b->depth - 1], *list;
    int rc;
    /* an object or array closing inside an array member of the root: to
     * item_fn, which may take it (freed at once, so a baseline of a
     * million entries is never a tree of a million entries) */
    if (b->item_fn && b->depth == 3 && b->stack[0]->type == CJ_OBJECT &&
        b->stack[1]->type == CJ_ARRAY) {
        list = b->stack[1];
        rc = b->item_fn(b->item_user, b->stack[0]->members[b->stack[0]->count - 1].key, item);
        if (rc < 0) {
            b->failed = 4;
            return 0;
        }
        if (rc > 0) {
            list->count--; /* item is the array's last */
            cj_free(item);
        }
    }
    b->depth--;
    return 1;
}

static int on_map_key(void *ctx, const unsigned char *s, size_t len) {
    builder *b = ctx;
    cj_node *obj = b->stack[b->depth - 1];
    cj_pos at = next_pos(b);
    size_t i;
    for (i = 0; i < obj->count; i++) {
        if (strlen(obj->members[i].key) == len && memcmp(obj->members[i].key, s, len) == 0) {
            b->failed = 3;
            b->fail_pos = at;
            b->dup_key = strndup((const char *)s, len);
            return 0;
        }
    }
    if (memchr(s, '\0', len)) { /* a key we could not name in a message */
        b->failed = 3;
        b->fail_pos = at;
        b->dup_key = NULL;
        return 0;
    }
    b->pending_key = malloc(len + 1);
    if (!b->pending_key) {
        b->failed = 1;
        return 0;
    }
    memcpy(b->pending_key, s, len);
    b->pending_key[len] = '\0';
    b->pending_key_pos = at;
    return 1;
}

static const yajl_callbacks tree_callbacks = {
    on_null,      on_boolean, NULL,   NULL,           on_number, on_string,
    on_start_map, on_map_key, on_end, on_start_array, on_end,
};

/* A UTF-8 byte-order mark: skipped, it takes no column (as in a response). */
static size_t bom_length(const char *s, size_t len) {
    return len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* Where yajl stopped: a lexical error at the byte it could not take, a
 * parse error at the start of the token it could not place, a premature
 * end where the input ends. */
static cj_pos error_pos(const char *s, size_t len, size_t consumed, int at_end, const char *msg) {
    cursor c = {s, len, 0, {1, 1}};
    cj_pos last = c.pos;
    int lexical = strncmp(msg, "lexical", 7) == 0;
    if (at_end && !lexical)
        return pos_of(s, 0, len, len);
    if (!at_end && lexical)
        return pos_of(s, 0, len, consumed > 0 ? consumed - 1 : 0);
    /* a parse error, or a token the end cut: the last token starting
     * before where yajl stopped */
    if (at_end || consumed > len)
        consumed = len;
    for (;;) {
        skip_between(&c, 0);
        if (c.off >= consumed)
            break;
        last = c.pos;
        skip_token(&c);
    }
    return last;
}

cj_node *cj_parse(const char *data, size_t len, char *err, size_t err_size, cj_pos *err_pos) {
    return cj_parse_items(data, len, err, err_size, err_pos, NULL, NULL);
}

cj_node *cj_parse_items(const char *data, size_t len, char *err, size_t err_size, cj_pos *err_pos,
                        cj_item_fn item_fn, void *item_user) {
    builder b;
    yajl_handle h = NULL;
    yajl_status st;
    char *copy = NULL;
    const char *text;
    size_t bom = bom_length(data, len), nul;
    int oom, at_end = 0;
    memset(&b, 0, sizeof b);
    b.item_fn = item_fn;
    b.item_user = item_user;
    err_pos->line = err_pos->column = 0;
    err[0] = '\0';
    if (looks_utf16(data, len)) {
        snprintf(err, err_size, "UTF-16 text (NUL bytes); save the file as UTF-8");
        *err_pos = (cj_pos){1, 1};
        return NULL;
    }
    nul = prepare(data + bom, len - bom, &copy, &oom);
    if (oom) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    if (nul < len - bom) {
        free(copy);
        snprintf(err, err_size, "a NUL byte; not a text file");
        *err_pos = pos_of(data, bom, len, bom + nul);
        return NULL;
    }
    text = copy ? copy : data + bom;
    b.at = (cursor){text, len - bom, 0, {1, 1}};
    skip_between(&b.at, 0);
    if (b.at.off == b.at.len) { /* nothing but white space and comments */
        snprintf(err, err_size, "empty file: expected a JSON value");
        *err_pos = b.at.pos;
        free(copy);
        return NULL;
    }
    b.at = (cursor){text, len - bom, 0, {1, 1}};
    h = yajl_alloc(&tree_callbacks, NULL, &b);
    if (!h) {
        free(copy);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    yajl_config(h, yajl_allow_comments, 1);
    st = yajl_parse(h, (const unsigned char *)text, len - bom);
    if (st == yajl_status_ok) {
        st = yajl_complete_parse(h);
        at_end = 1;
    }
    if (st != yajl_status_ok) {
        if (b.failed == 1) {
            snprintf(err, err_size, "out of memory");
        } else if (b.failed == 2) {
            snprintf(err, err_size, "nested deeper than %d levels", CJ_MAX_DEPTH);
            *err_pos = b.fail_pos;
        } else if (b.failed == 4) {
            snprintf(err, err_size, "stopped");
        } else if (b.failed == 3) {
            snprintf(err, err_size, b.dup_key ? "duplicate key '%s'" : "a key holds a NUL byte",
                     b.dup_key ? b.dup_key : "");
            *err_pos = b.fail_pos;
        } else {
            unsigned char *msg = yajl_get_error(h, 0, NULL, 0);
            const char *m = msg ? (const char *)msg : "parse error";
            size_t n;
            snprintf(err, err_size, "not valid JSON: %s", m);
            n = strlen(err);
            while (n > 0 && (err[n - 1] == '\n' || err[n - 1] == ' '))
                err[--n] = '\0'; /* yajl ends its message with a newline */
            /* positions in text: the copy has the same bytes, commas aside */
            *err_pos = error_pos(text, len - bom, yajl_get_bytes_consumed(h), at_end, m);
            yajl_free_error(h, msg);
        }
        free(b.dup_key);
        free(b.pending_key);
        cj_free(b.root);
        b.root = NULL;
    }
    yajl_free(h);
    free(copy);
    return b.root;
}
