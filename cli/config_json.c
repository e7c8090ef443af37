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

/* ---- token starts --------------------------------------------------------
 * yajl calls back once per key, scalar, '{' and '[', in the order they
 * stand in the text; one pass over the bytes lists where each of those
 * tokens starts, and the callbacks take them in turn. */

typedef struct token_list {
    size_t *start;
    size_t count, cap, next;
} token_list;

static int push_token(token_list *t, size_t at) {
    if (cli_grow(&t->start, &t->cap, t->count + 1, sizeof *t->start) != 0)
        return -1;
    t->start[t->count++] = at;
    return 0;
}

static int list_tokens(const char *s, size_t len, token_list *t) {
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == '}' ||
            c == ']') {
            i++;
        } else if (c == '/' && i + 1 < len && s[i + 1] == '/') {
            while (i < len && s[i] != '\n')
                i++;
        } else if (c == '/' && i + 1 < len && s[i + 1] == '*') {
            i += 2;
            while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
                i++;
            i += 2;
        } else if (c == '"') {
            if (push_token(t, i) != 0)
                return -1;
            for (i++; i < len && s[i] != '"'; i++)
                if (s[i] == '\\')
                    i++;
            i++;
        } else if (c == '{' || c == '[') {
            if (push_token(t, i) != 0)
                return -1;
            i++;
        } else { /* a number or a literal: up to the next delimiter */
            if (push_token(t, i) != 0)
                return -1;
            while (i < len && !strchr(" \t\r\n,:]}/", s[i]))
                i++;
        }
    }
    return 0;
}

static cj_pos pos_at(const char *s, size_t len, size_t offset) {
    cj_pos p = {1, 1};
    size_t i;
    if (offset > len)
        offset = len;
    for (i = 0; i < offset; i++) {
        if (s[i] == '\n') {
            p.line++;
            p.column = 1;
        } else if (((unsigned char)s[i] & 0xc0) != 0x80) {
            p.column++;
        }
    }
    return p;
}

/* ---- the tree builder ---------------------------------------------------- */

typedef struct builder {
    const char *text;
    size_t text_len;
    token_list tokens;
    cj_node *root;
    cj_node *stack[CJ_MAX_DEPTH];
    size_t depth;
    char *pending_key; /* the key whose value comes next */
    cj_pos pending_key_pos;
    int failed; /* 1: out of memory, 2: too deep, 3: duplicate key */
    cj_pos fail_pos;
    char *dup_key;
} builder;

static cj_pos next_pos(builder *b) {
    if (b->tokens.next < b->tokens.count)
        return pos_at(b->text, b->text_len, b->tokens.start[b->tokens.next++]);
    return (cj_pos){0, 0};
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
    if (parent->type == CJ_OBJECT) {
        cj_member *grown = realloc(parent->members, (parent->count + 1) * sizeof *grown);
        if (!grown)
            goto oom;
        parent->members = grown;
        grown[parent->count].key = b->pending_key;
        grown[parent->count].key_pos = b->pending_key_pos;
        grown[parent->count].value = n;
        b->pending_key = NULL;
    } else {
        cj_node **grown = realloc(parent->items, (parent->count + 1) * sizeof *grown);
        if (!grown)
            goto oom;
        parent->items = grown;
        grown[parent->count] = n;
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

cj_node *cj_parse(const char *data, size_t len, char *err, size_t err_size, cj_pos *err_pos) {
    builder b;
    yajl_handle h;
    yajl_status st;
    memset(&b, 0, sizeof b);
    b.text = data;
    b.text_len = len;
    err_pos->line = err_pos->column = 0;
    if (list_tokens(data, len, &b.tokens) != 0) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    h = yajl_alloc(&tree_callbacks, NULL, &b);
    if (!h) {
        free(b.tokens.start);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    yajl_config(h, yajl_allow_comments, 1);
    st = yajl_parse(h, (const unsigned char *)data, len);
    if (st == yajl_status_ok)
        st = yajl_complete_parse(h);
    if (st != yajl_status_ok) {
        if (b.failed == 1) {
            snprintf(err, err_size, "out of memory");
        } else if (b.failed == 2) {
            snprintf(err, err_size, "nested deeper than %d levels", CJ_MAX_DEPTH);
            *err_pos = b.fail_pos;
        } else if (b.failed == 3) {
            snprintf(err, err_size, b.dup_key ? "duplicate key '%s'" : "a key holds a NUL byte",
                     b.dup_key ? b.dup_key : "");
            *err_pos = b.fail_pos;
        } else {
            unsigned char *msg = yajl_get_error(h, 0, NULL, 0);
            size_t n;
            snprintf(err, err_size, "not valid JSON: %s", msg ? (const char *)msg : "parse error");
            yajl_free_error(h, msg);
            n = strlen(err);
            while (n > 0 && (err[n - 1] == '\n' || err[n - 1] == ' '))
                err[--n] = '\0'; /* yajl ends its message with a newline */
            *err_pos = pos_at(data, len, yajl_get_bytes_consumed(h));
        }
        free(b.dup_key);
        free(b.pending_key);
        cj_free(b.root);
        b.root = NULL;
    } else if (!b.root) {
        snprintf(err, err_size, "empty file");
    }
    yajl_free(h);
    free(b.tokens.start);
    return b.root;
}
