/* A small JSON tree for the configuration and baseline files: parsed with
 * yajl (comments allowed), every key and value with its line and column in
 * the file, so a bad setting can be named where it stands. The library's
 * scanner is private, so positions come from our own pass over the bytes. */
#ifndef LSC_CLI_CONFIG_JSON_H
#define LSC_CLI_CONFIG_JSON_H

#include <stddef.h>

typedef enum cj_type { CJ_NULL = 0, CJ_BOOL, CJ_NUMBER, CJ_STRING, CJ_OBJECT, CJ_ARRAY } cj_type;

typedef struct cj_pos {
    unsigned long line;   /* 1-based */
    unsigned long column; /* 1-based, in code points */
} cj_pos;

typedef struct cj_node cj_node;

/* One member of an object. */
typedef struct cj_member {
    char *key;
    cj_pos key_pos; /* the key's opening quote */
    cj_node *value;
} cj_member;

struct cj_node {
    cj_type type;
    cj_pos pos;   /* the value's first character */
    char *text;   /* STRING: decoded; NUMBER: as written; BOOL: "true"/"false" */
    size_t len;   /* of text */
    int boolean;  /* BOOL */
    size_t count; /* OBJECT: members; ARRAY: items */
    size_t cap;   /* room in members or items */
    cj_member *members;
    cj_node **items;
};

/* Parse len bytes. Returns the root, or NULL with a message (and its place
 * when known, else line 0) in err. */
cj_node *cj_parse(const char *data, size_t len, char *err, size_t err_size, cj_pos *err_pos);

/* Called as each object or array inside an array member of the root
 * object closes (key: that member's name): 1 took it (it is freed and
 * left out of the tree), 0 leave it in the tree, -1 stop (cj_parse_items
 * returns NULL with the message "stopped"; item_fn said what is wrong). */
typedef int (*cj_item_fn)(void *user, const char *key, const cj_node *item);

/* cj_parse(), handing the items of the root's arrays to item_fn. */
cj_node *cj_parse_items(const char *data, size_t len, char *err, size_t err_size, cj_pos *err_pos,
                        cj_item_fn item_fn, void *item_user);

void cj_free(cj_node *node);

/* Bytes the position pass stepped over in this process: a test measures
 * the work of cj_parse() with it (it must stay linear in the input). */
unsigned long long cj_work(void);

/* "null", "boolean", "number", "string", "object", "array" */
const char *cj_type_name(cj_type type);

#endif
