#include "config.h"

#include "cli/normalize.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "cli/output.h"

struct cli_normalizer {
    yajl_gen gen;
    int in_document; /* document_start seen, document_end not yet */
    int opened;      /* '{"certificates":[' written for this document */
    cli_writer out;
};

static void print_to_writer(void *ctx, const char *s, size_t len) {
    cli_writer_put(ctx, s, len);
}

cli_normalizer *cli_normalizer_new(int fd) {
    cli_normalizer *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    cli_writer_init(&n->out, fd);
    n->gen = yajl_gen_alloc(NULL);
    if (!n->gen) {
        free(n);
        return NULL;
    }
    yajl_gen_config(n->gen, yajl_gen_print_callback, print_to_writer, &n->out);
    return n;
}

void cli_normalizer_free(cli_normalizer *n) {
    if (!n)
        return;
    yajl_gen_free(n->gen);
    free(n);
}

/* ---- members -------------------------------------------------------- */

static void key(yajl_gen g, const char *name) {
    yajl_gen_string(g, (const unsigned char *)name, strlen(name));
}

static void put_string(yajl_gen g, const char *name, const lsc_string *s) {
    if (!s->m.ok)
        return;
    key(g, name);
    yajl_gen_string(g, (const unsigned char *)s->s, s->len);
}

static void put_integer(yajl_gen g, const char *name, const lsc_integer *i) {
    if (!i->m.ok)
        return;
    key(g, name);
    yajl_gen_integer(g, (long long)i->v);
}

static void put_timestamp(yajl_gen g, const char *name, const lsc_timestamp *t) {
    if (!t->m.ok)
        return;
    key(g, name);
    if (t->status == LSC_TIME_OK) {
        char buf[40];
        size_t len = lsc_time_format(t->t, buf, sizeof buf);
        yajl_gen_string(g, (const unsigned char *)buf, len);
    } else if (t->m.seen == LSC_JSON_NUMBER) {
        yajl_gen_number(g, t->raw, t->raw_len); /* a JSON number's own text */
    } else {
        yajl_gen_string(g, (const unsigned char *)t->raw, t->raw_len);
    }
}

static void put_tags(yajl_gen g, const char *name, const lsc_tag_list *tags) {
    const lsc_tag *tag;
    if (!tags->m.ok)
        return;
    key(g, name);
    yajl_gen_array_open(g);
    for (tag = tags->first; tag; tag = tag->next) {
        yajl_gen_map_open(g);
        put_string(g, "key", &tag->key);
        put_string(g, "value", &tag->value);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
}

static void put_names(yajl_gen g, const char *name, const lsc_name_list *names) {
    const lsc_name *n;
    if (!names->m.ok)
        return;
    key(g, name);
    yajl_gen_array_open(g);
    for (n = names->first; n; n = n->next)
        yajl_gen_string(g, (const unsigned char *)n->s, n->len);
    yajl_gen_array_close(g);
}

static void put_records(yajl_gen g, const char *name, const lsc_validation_record_list *list) {
    const lsc_validation_record *rec;
    if (!list->m.ok)
        return;
    key(g, name);
    yajl_gen_array_open(g);
    for (rec = list->first; rec; rec = rec->next) {
        yajl_gen_map_open(g);
        put_string(g, "domainName", &rec->domain_name);
        if (rec->resource_record.m.ok) {
            key(g, "resourceRecord");
            yajl_gen_map_open(g);
            put_string(g, "name", &rec->resource_record.name);
            put_string(g, "type", &rec->resource_record.type);
            put_string(g, "value", &rec->resource_record.value);
            yajl_gen_map_close(g);
        }
        if (rec->dns_record_creation_state.m.ok) {
            key(g, "dnsRecordCreationState");
            yajl_gen_map_open(g);
            put_string(g, "code", &rec->dns_record_creation_state.code);
            put_string(g, "message", &rec->dns_record_creation_state.message);
            yajl_gen_map_close(g);
        }
        put_string(g, "validationStatus", &rec->validation_status);
        yajl_gen_map_close(g);
    }
    yajl_gen_array_close(g);
}

static void put_renewal(yajl_gen g, const lsc_renewal_summary *r) {
    if (!r->m.ok)
        return;
    key(g, "renewalSummary");
    yajl_gen_map_open(g);
    put_records(g, "domainValidationRecords", &r->domain_validation_records);
    put_string(g, "renewalStatus", &r->renewal_status);
    put_string(g, "renewalStatusReason", &r->renewal_status_reason);
    put_timestamp(g, "updatedAt", &r->updated_at);
    yajl_gen_map_close(g);
}

static void put_detail(yajl_gen g, const lsc_certificate_detail *d) {
    if (!d->m.ok)
        return;
    key(g, "certificateDetail");
    yajl_gen_map_open(g);
    put_string(g, "arn", &d->arn);
    put_string(g, "name", &d->name);
    put_string(g, "domainName", &d->domain_name);
    put_string(g, "status", &d->status);
    put_string(g, "serialNumber", &d->serial_number);
    put_names(g, "subjectAlternativeNames", &d->subject_alternative_names);
    put_records(g, "domainValidationRecords", &d->domain_validation_records);
    put_string(g, "requestFailureReason", &d->request_failure_reason);
    put_integer(g, "inUseResourceCount", &d->in_use_resource_count);
    put_string(g, "keyAlgorithm", &d->key_algorithm);
    put_timestamp(g, "createdAt", &d->created_at);
    put_timestamp(g, "issuedAt", &d->issued_at);
    put_string(g, "issuerCA", &d->issuer_ca);
    put_timestamp(g, "notBefore", &d->not_before);
    put_timestamp(g, "notAfter", &d->not_after);
    put_string(g, "eligibleToRenew", &d->eligible_to_renew);
    put_renewal(g, &d->renewal_summary);
    put_timestamp(g, "revokedAt", &d->revoked_at);
    put_string(g, "revocationReason", &d->revocation_reason);
    put_tags(g, "tags", &d->tags);
    put_string(g, "supportCode", &d->support_code);
    yajl_gen_map_close(g);
}

/* ---- documents -------------------------------------------------------- */

static int check_written(cli_normalizer *n) {
    if (n->out.failed) {
        errno = n->out.failed;
        return -1;
    }
    return 0;
}

/* Close the current document's object (and its certificates array) and
 * end the line; the generator is reset for the next document. */
static int close_document(cli_normalizer *n, const lsc_document *doc) {
    yajl_gen g = n->gen;
    if (!n->opened) {
        yajl_gen_map_open(g);
        if (doc && doc->type == LSC_JSON_OBJECT && doc->certificates.ok) {
            key(g, "certificates");
            yajl_gen_array_open(g);
            n->opened = 1;
        }
    }
    if (n->opened)
        yajl_gen_array_close(g);
    if (doc && doc->type == LSC_JSON_OBJECT)
        put_string(g, "nextPageToken", &doc->next_page_token);
    yajl_gen_map_close(g);
    yajl_gen_reset(g, NULL);
    cli_writer_put(&n->out, "\n", 1);
    n->in_document = 0;
    n->opened = 0;
    return check_written(n);
}

int cli_normalize_document_start(cli_normalizer *n, const lsc_document *doc) {
    (void)doc;
    if (n->in_document && close_document(n, NULL) != 0) /* not ended: close it */
        return -1;
    n->in_document = 1;
    n->opened = 0;
    return 0;
}

int cli_normalize_certificate(cli_normalizer *n, const lsc_certificate *cert) {
    yajl_gen g = n->gen;
    if (!n->opened) {
        n->in_document = 1;
        yajl_gen_map_open(g);
        key(g, "certificates");
        yajl_gen_array_open(g);
        n->opened = 1;
    }
    yajl_gen_map_open(g);
    put_string(g, "certificateArn", &cert->certificate_arn);
    put_string(g, "certificateName", &cert->certificate_name);
    put_string(g, "domainName", &cert->domain_name);
    put_detail(g, &cert->certificate_detail);
    put_tags(g, "tags", &cert->tags);
    yajl_gen_map_close(g);
    return check_written(n);
}

int cli_normalize_document_end(cli_normalizer *n, const lsc_document *doc) {
    return close_document(n, doc);
}

int cli_normalize_input_end(cli_normalizer *n) {
    if (n->in_document && close_document(n, NULL) != 0)
        return -1;
    if (cli_writer_flush(&n->out) != 0) {
        errno = n->out.failed;
        return -1;
    }
    return 0;
}
