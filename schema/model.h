/* The response model as tables: which members each shape has, their kind
 * (how they decode) and where they land in the public structs. The decoder
 * dispatches on these tables to place values; the validator and the
 * messages name members too, in their own words (rules and findings). */
#ifndef LSC_MODEL_H
#define LSC_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lscertlint.h"

typedef enum lscp_kind {
    LSCP_K_STRING,       /* lsc_string */
    LSCP_K_INTEGER,      /* lsc_integer */
    LSCP_K_TIMESTAMP,    /* lsc_timestamp */
    LSCP_K_OBJECT,       /* a nested shape: lsc_member first in its struct */
    LSCP_K_TAGS,         /* lsc_tag_list */
    LSCP_K_NAMES,        /* lsc_name_list */
    LSCP_K_RECORDS,      /* lsc_validation_record_list */
    LSCP_K_CERTIFICATES, /* the top-level certificates array (lsc_member) */
    LSCP_K_ANY           /* known, any type, not decoded (ResponseMetadata) */
} lscp_kind;

typedef enum lscp_shape_id {
    LSCP_SH_RESPONSE,
    LSCP_SH_SUMMARY,
    LSCP_SH_DETAIL,
    LSCP_SH_RECORD,
    LSCP_SH_RESOURCE_RECORD,
    LSCP_SH_DNS_STATE,
    LSCP_SH_RENEWAL,
    LSCP_SH_TAG,
    LSCP_SH_ERROR, /* boto3's ClientError "Error" object */
    LSCP_SH__COUNT,
    LSCP_SH_NONE = 255 /* an object the model does not describe */
} lscp_shape_id;

typedef struct lscp_member_def {
    const char *name;
    uint8_t name_len;
    uint8_t kind;    /* lscp_kind */
    uint8_t child;   /* lscp_shape_id for LSCP_K_OBJECT */
    uint8_t known;   /* 0: decoded but reported as unknown unless the document is an error body */
    uint16_t offset; /* of the member's struct in the parent struct */
    uint16_t size;   /* of the member's struct (reset when a key repeats) */
} lscp_member_def;

typedef struct lscp_shape_def {
    const char *name;
    const lscp_member_def *members;
    size_t count;
} lscp_shape_def;

extern const lscp_shape_def lscp_shapes[LSCP_SH__COUNT];

/* "null", "a boolean", "a number", "a string", "an object", "an array"
 * (or "nothing"): a JSON type in a sentence. */
const char *lscp_json_type_article(lsc_json_type type);

/* The member of a shape with this key, or NULL (an unknown member). hint:
 * the member matched before in the same object (or NULL), where the search
 * starts. */
const lscp_member_def *lscp_model_member_search(lscp_shape_id shape, const char *key, size_t len,
                                                const lscp_member_def *hint);

/* The member named key[0..len) of a shape, or NULL. Clients print members in
 * model order: the one after hint (the member matched last) is tried first,
 * inline, and almost always matches; else the shape is searched. */
static inline const lscp_member_def *lscp_model_member(lscp_shape_id shape, const char *key,
                                                       size_t len, const lscp_member_def *hint) {
    if (hint && shape < LSCP_SH__COUNT &&
        hint + 1 < lscp_shapes[shape].members + lscp_shapes[shape].count) {
        const lscp_member_def *m = hint + 1;
        if (m->name_len == len && m->name[0] == key[0] && memcmp(m->name, key, len) == 0)
            return m;
    }
    return lscp_model_member_search(shape, key, len, hint);
}

#endif
