/* The decoder: yajl callbacks -> the public structs, driven by the model
 * tables (schema/model.h), with positions from the shadow scanner. It reports
 * the JSON-layer and shape rules and hands each document and certificate
 * summary to its caller (lscp_decode_events) when it closes. */
#ifndef LSC_DECODE_H
#define LSC_DECODE_H


#include "lib/findings.h"
#include "lib/hash.h"
#include "lib/internal.h"
#include "lib/json_pointer.h"
#include "parser/arena.h"
#include "parser/key_registry.h"
#include "parser/scan.h"
#include "parser/yajl_guard.h"
#include "schema/document.h"
#include "schema/hints.h"
#include "schema/model.h"

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
    uint8_t is_element;              /* an element of a certificate's list (its frame below) */
    uint8_t list_kind;               /* LIST of tags, names or records: its lsc_list_kind */
    void *base;                      /* SHAPE: the struct being filled */
    const lscp_member_def *cur;      /* SHAPE: the member of the current key, NULL if unknown */
    const lscp_member_def *last;     /* SHAPE: the member matched last (search hint) */
    lsc_member *list;                /* LIST: the list member (count follows it) */
    size_t *count;                   /* LIST: its element count */
    size_t *kept;                    /* LIST: elements linked */
    void *element;                   /* LIST: the element being decoded */
    size_t elements;                 /* arrays: elements begun */
    size_t key_off, key_len;         /* objects: the current key, in keys */
    size_t reg_start;                /* objects: first registry entry of this object */
    lsc_pos at;
} lscp_frame;

/* What the decoder hands to its caller (the checker). Each returns 0, or
 * -1 to stop the parse (a callback asked to, or memory ran out: the caller
 * knows which). */
typedef struct lscp_decode_events {
    int (*document_start)(void *ctx, const lsc_document *doc);
    /* a certificate summary closed: validate it, hand it on, flush */
    int (*certificate)(void *ctx, const lsc_certificate *cert);
    /* a document closed: its document-level checks, hand it on, flush */
    int (*document_end)(void *ctx, const lsc_document *doc);
    /* deliver the findings reported so far (current: the certificate being
     * decoded, or NULL) */
    int (*flush)(void *ctx, const lsc_certificate *current);
    /* an element of a certificate's list closed: validate it, hand it on */
    int (*element)(void *ctx, const lsc_element *e);
    /* a duplicate key replaced a certificate's list: forget it */
    void (*list_reset)(void *ctx, lsc_list_kind list);
    /* the input stopped being JSON inside a certificate */
    void (*abandon)(void *ctx);
    void *ctx;
} lscp_decode_events;

typedef struct lscp_decoder {
    lscp_decode_events events;
    lscp_findings *findings; /* where the JSON-layer and shape rules report */
    lsc_stats *stats;        /* documents and certificates are counted here */
    uint64_t max_depth;
    lscp_yajl yajl; /* the JSON parser, guarded against out of memory */
    lscp_scan scan;
    /* the chunk being parsed */
    const unsigned char *chunk;
    uint64_t chunk_base, chunk_end;
    int finishing;
    /* the token of the current callback, taken from the scanner's queue */
    const lscp_scan_token *tok;
    int scan_stopped; /* a callback stopped the parse: the scanner failed */
    /* why the parse stopped */
    int failed; /* a json-syntax finding was reported: ignore the rest */
    int oom;
    lsc_pos syntax_at;    /* failed: where the input stopped being JSON */
    char syntax_msg[160]; /* failed: the json-syntax finding's message */
    /* containers */
    lscp_frame *frames;
    size_t depth;       /* open containers (all of them) */
    size_t frames_cap;
    size_t too_deep_at; /* depth of the container that went too deep, 0 if none */
    char *keys;         /* the current key of each open object, stacked */
    size_t keys_len, keys_cap;
    lscp_key_registry registry; /* keys no model member remembers */
    /* the document and certificate being decoded */
    int in_document;
    lsc_document doc;
    lscp_top_member *unknown, **unknown_tail; /* unknown top-level members */
    size_t unknown_kept, unknown_more; /* in the list; past LSCP_FINDINGS_PER_RULE */
    int in_cert;
    lsc_certificate cert;
    lscp_arena cert_arena, doc_arena;
    /* an element past the list limit is decoded here, forgotten when the
     * next one starts */
    lscp_arena element_arena;
    int in_unkept; /* decoding such an element */
    size_t list_limit;
    lscp_pointer_buf ptr; /* scratch for pointers */
    int accept_array; /* --accept-array: a top-level array is the certificates list */
    /* the first bytes of the input, for schema/hints.c; a json-syntax
     * finding waits (hint_wait) until they decide its hint or the input
     * ends, so the hint does not depend on the chunk sizes */
    unsigned char hint_head[LSCP_HINT_HEAD];
    size_t hint_len;
    int hint_wait;
    int input_ended; /* the checker's finish was called */
    /* A token split across chunks: yajl re-lexes what it holds of a token
     * from the token's start at every call, so the rest of a long token is
     * held back here and handed over in geometrically growing pieces, and
     * whole once its end is known (the scanner reads ahead to it). */
    uint64_t token_held;  /* bytes of the open token yajl holds */
    unsigned char *carry; /* the open token's bytes held back from yajl */
    size_t carry_len, carry_cap;
    uint64_t lexed; /* bytes yajl lexed, its re-reads included (a work count) */
} lscp_decoder;

/* Keep the first LSCP_HINT_HEAD bytes of the input (every byte fed). */
void lscp_decode_keep_head(lscp_decoder *s, const void *data, size_t len);
/* The json-syntax finding is buffered: deliver it with its hint when the
 * known bytes decide the hint (1, or -1 if stopped / out of memory), else
 * wait for more (0). */
int lscp_decode_syntax_ready(lscp_decoder *s);

/* Set up / tear down a decoder. -1 on out-of-memory. */
int lscp_decode_init(lscp_decoder *s, const lscp_decode_events *events, lscp_findings *findings,
                     lsc_stats *stats, uint64_t max_depth, const lscp_hash_key *hash_key);
void lscp_decode_release(lscp_decoder *s);

/* The input starts with a byte-order mark: positions count it, the JSON
 * does not. */
void lscp_decode_skip_bom(lscp_decoder *s);

/* Parse a chunk (after the BOM check). 0 ok, 1 malformed, -1 stopped/OOM. */
int lscp_decode_chunk(lscp_decoder *s, const unsigned char *data, size_t len, uint64_t base);
/* The input ended. Same returns. */
int lscp_decode_finish(lscp_decoder *s);

/* The pointer of the container at frame depth d (1-based), plus the current
 * selector of that frame if with_selector; NUL-terminated in s->ptr. */
const char *lscp_pointer(lscp_decoder *s, size_t d, int with_selector, size_t *len);

#endif
