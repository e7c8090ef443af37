/* The decoder: yajl callbacks -> the public structs, driven by the model
 * tables (schema/model.h), with positions from the shadow scanner. It reports
 * the JSON-layer and shape rules and calls the validator and the user's
 * callbacks when a certificate summary or a document closes. */
#ifndef LSC_DECODE_H
#define LSC_DECODE_H

#include <setjmp.h>
#include <yajl/yajl_parse.h>

#include "lib/hash.h"
#include "lib/internal.h"
#include "parser/arena.h"
#include "parser/scan.h"
#include "schema/hints.h"
#include "schema/model.h"
#include "schema/validate.h"

/* What an open container is being decoded into. */
typedef enum lscp_role {
    LSCP_ROLE_IGNORED, /* unknown, wrong type or not decoded: keys still checked */
    LSCP_ROLE_SHAPE,   /* an object of a model shape, filled into base */
    LSCP_ROLE_LIST     /* an array of a model list (kind says which) */
} lscp_role;

typedef struct lscp_frame {
    uint8_t is_object;
    uint8_t role;
    uint8_t shape; /* lscp_shape_id of a SHAPE object */
    uint8_t kind;  /* lscp_kind of a LIST array */
    uint8_t is_summary;
    void *base;                      /* SHAPE: the struct being filled */
    const lscp_member_def *cur;      /* SHAPE: the member of the current key, NULL if unknown */
    const lscp_member_def *last;     /* SHAPE: the member matched last (search hint) */
    lsc_member *list;                /* LIST: the list member (count follows it) */
    size_t *count;                   /* LIST: its element count */
    void **tail;                     /* LIST: where the next element is linked */
    size_t elements;                 /* arrays: elements begun */
    size_t key_off, key_len;         /* objects: the current key, in keys */
    size_t reg_start;                /* objects: first registry entry of this object */
    lsc_pos at;
} lscp_frame;

/* A key remembered for json-duplicate-key (keys of unknown members). */
typedef struct lscp_key_entry {
    uint64_t hash;
    uint32_t next; /* chain; UINT32_MAX ends it */
    size_t off, len;
    lsc_pos pos;
} lscp_key_entry;

/* A top-level member that is unknown unless the document is an error body. */
typedef struct lscp_deferred {
    const char *key;
    size_t key_len;
    lsc_pos pos;
    struct lscp_deferred *next;
} lscp_deferred;

/* A finding waiting for its flush point (offsets into sink bytes). */
typedef struct lscp_pending {
    lsc_rule_id rule;
    lsc_severity severity;
    lsc_pos pos;
    size_t document;
    size_t ptr_off, ptr_len, msg_off, val_off, val_len;
    int has_value;
    int has_related;
    lsc_pos rel_pos;
    size_t rel_ptr_off, rel_ptr_len, rel_msg_off;
    int has_cert;
    size_t cert_index;
    lsc_pos cert_at;
    size_t seq;
} lscp_pending;

struct lscp_sink {
    lsc_config config;
    char *file;
    lsc_callbacks cb;
    void *user;
    lsc_stats stats;
    lscv_state *validator;
    yajl_handle yajl; /* NULL once discarded after running out of memory */
    union yajl_block *yajl_blocks; /* every block yajl holds (decode.c) */
    jmp_buf yajl_jump;             /* where a failed allocation for yajl unwinds to */
    int yajl_armed;                /* yajl_jump is set: we are inside yajl */
    lscp_scan scan;
    /* the chunk being parsed */
    const unsigned char *chunk;
    uint64_t chunk_base;
    int finishing;
    /* BOM detection over the first bytes */
    unsigned char head[3];
    size_t head_len;
    int head_done;
    /* why a callback stopped yajl */
    int failed;  /* a json-syntax finding was delivered: ignore the rest */
    int stopped; /* a user callback asked to stop */
    int oom;
    lsc_pos syntax_at;    /* failed: where the input stopped being JSON */
    char syntax_msg[160]; /* failed: the json-syntax finding's message */
    /* the public contract (lib/checker.c) */
    int busy;             /* inside feed or finish: a nested call is misuse */
    int finished;         /* lsc_checker_finish was called */
    lsc_status finish_status;
    int64_t force_document; /* >= 0: the document index of the next report */
    /* containers */
    lscp_frame *frames;
    size_t depth;       /* open containers (all of them) */
    size_t frames_cap;
    size_t too_deep_at; /* depth of the container that went too deep, 0 if none */
    char *keys;         /* the current key of each open object, stacked */
    size_t keys_len, keys_cap;
    lscp_hash_key hash_key; /* this checker's, for every hash table */
    uint64_t probes;        /* registry entries looked at (work, for tests) */
    /* duplicate-key registry */
    lscp_key_entry *reg;
    size_t reg_len, reg_cap;
    uint32_t *reg_heads;
    size_t reg_buckets;
    char *reg_keys;
    size_t reg_keys_len, reg_keys_cap;
    /* the document and certificate being decoded */
    int in_document;
    lsc_document doc;
    lscp_deferred *deferred, **deferred_tail;
    int in_cert;
    lsc_certificate cert;
    lscp_arena cert_arena, doc_arena;
    /* findings waiting for the next flush point */
    lscp_pending *pending;
    size_t pending_len, pending_cap, seq;
    char *fbytes;
    size_t fbytes_len, fbytes_cap;
    char *ptrbuf; /* scratch for pointers */
    size_t ptrbuf_cap;
    /* the first bytes of the input, for schema/hints.c; a json-syntax
     * finding waits (hint_wait) until they are all there or the input ends,
     * so its hint does not depend on the chunk sizes */
    unsigned char hint_head[LSCP_HINT_HEAD];
    size_t hint_len;
    int hint_wait;
    int input_ended; /* lsc_checker_finish() was called */
};

/* Set up / tear down the decoder part of a sink. */
int lscp_decode_init(lscp_sink *s);
void lscp_decode_release(lscp_sink *s);

/* Parse a chunk (after the BOM check). 0 ok, 1 malformed, -1 stopped/OOM. */
int lscp_decode_chunk(lscp_sink *s, const unsigned char *data, size_t len, uint64_t base);
/* The input ended. Same returns. */
int lscp_decode_finish(lscp_sink *s);

/* Deliver the buffered findings (sorted by position); -1 if a callback stopped. */
int lscp_flush(lscp_sink *s);

/* The json-syntax finding is buffered: deliver it with its hint when the
 * head of the input is known (1, or -1 if a callback stopped), else wait
 * for more bytes (0). */
int lscp_syntax_ready(lscp_sink *s);

/* The pointer of the container at frame depth d (1-based), plus the current
 * selector of that frame if with_selector; NUL-terminated in s->ptrbuf. */
const char *lscp_pointer(lscp_sink *s, size_t d, int with_selector, size_t *len);

#endif
