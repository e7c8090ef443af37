/* Unit tests of the decoder through the public API only (lscertlint.h): feed
 * bytes to an lsc_checker, look at the structs the callbacks hand over and at
 * the findings. Expected positions are computed here from the JSON text by
 * pos_of(), independently of the library. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lscertlint.h"

#define ARN "arn:aws:lightsail:us-east-1:123456789012:Certificate/"
#define MAX_FINDINGS 64

/* ------------------------------------------------------------------ */
/* Running an input                                                   */
/* ------------------------------------------------------------------ */

typedef struct found {
    char rule[48];
    char pointer[256];
    size_t pointer_len;
    lsc_pos pos;
    size_t document;
    lsc_severity severity;
    char file[32];
    int has_certificate;
    size_t certificate;
    lsc_pos certificate_at;
    int has_related;
    lsc_pos related_pos;
    char related_pointer[256];
    char message[400];
} found;

typedef struct ctx ctx;
typedef void (*cert_fn)(ctx *c, const lsc_certificate *cert);
typedef void (*doc_fn)(ctx *c, const lsc_document *doc);

struct ctx {
    const char *text; /* the input, for expected positions */
    size_t len;
    cert_fn on_cert;
    doc_fn on_doc_end;
    doc_fn on_doc_start;
    size_t certs, doc_starts, doc_ends;
    size_t nfound;
    found found[MAX_FINDINGS];
    int stop_after; /* >0: the certificate callback stops the run after this many */
    int feed_rc;    /* the first nonzero return of feed/finish */
    lsc_stats stats;
};

static int cb_cert(void *user, const lsc_certificate *cert) {
    ctx *c = user;
    c->certs++;
    if (c->on_cert)
        c->on_cert(c, cert);
    return c->stop_after > 0 && c->certs >= (size_t)c->stop_after;
}

static int cb_doc_start(void *user, const lsc_document *doc) {
    ctx *c = user;
    c->doc_starts++;
    if (c->on_doc_start)
        c->on_doc_start(c, doc);
    return 0;
}

static int cb_doc_end(void *user, const lsc_document *doc) {
    ctx *c = user;
    c->doc_ends++;
    if (c->on_doc_end)
        c->on_doc_end(c, doc);
    return 0;
}

static void copy_str(char *dst, size_t size, const char *s, size_t len) {
    if (len >= size)
        len = size - 1;
    memcpy(dst, s, len);
    dst[len] = '\0';
}

static int cb_finding(void *user, const lsc_finding *f) {
    ctx *c = user;
    ck_assert_msg(c->nfound < MAX_FINDINGS, "too many findings");
    found *x = &c->found[c->nfound++];
    memset(x, 0, sizeof *x);
    ck_assert_ptr_nonnull(f->rule);
    copy_str(x->rule, sizeof x->rule, f->rule->id, strlen(f->rule->id));
    copy_str(x->pointer, sizeof x->pointer, f->pointer, f->pointer_len);
    x->pointer_len = f->pointer_len;
    x->pos = f->pos;
    x->document = f->document;
    x->severity = f->severity;
    copy_str(x->file, sizeof x->file, f->file, strlen(f->file));
    x->has_certificate = f->has_certificate;
    x->certificate = f->certificate;
    x->certificate_at = f->certificate_at;
    if (f->related) {
        x->has_related = 1;
        x->related_pos = f->related->pos;
        copy_str(x->related_pointer, sizeof x->related_pointer, f->related->pointer,
                 f->related->pointer_len);
    }
    ck_assert_ptr_nonnull(f->message);
    ck_assert_msg(f->message[0] != '\0', "empty message for %s", f->rule->id);
    copy_str(x->message, sizeof x->message, f->message, strlen(f->message));
    return 0;
}

/* Feed text (len bytes) in chunks of chunk bytes (0: whole) and finish. */
static void run_with(ctx *c, const char *text, size_t len, size_t chunk, const lsc_config *cfg) {
    c->text = text;
    c->len = len;
    lsc_callbacks cb = {cb_doc_start, cb_cert, cb_doc_end, cb_finding, NULL};
    lsc_error err = {0};
    lsc_config *own = NULL;
    if (!cfg)
        cfg = own = lsc_config_new();
    ck_assert_ptr_nonnull(cfg);
    lsc_checker *ck = lsc_checker_new(cfg, "in.json", &cb, c, &err);
    ck_assert_msg(ck != NULL, "lsc_checker_new: %s", err.text);
    int rc = 0;
    if (chunk == 0) {
        rc = lsc_checker_feed(ck, text, len, &err);
    } else {
        for (size_t off = 0; off < len && rc == 0; off += chunk)
            rc = lsc_checker_feed(ck, text + off, len - off < chunk ? len - off : chunk, &err);
    }
    if (rc >= 0) {
        int frc = lsc_checker_finish(ck, &err);
        if (rc == 0)
            rc = frc;
    }
    c->feed_rc = rc;
    c->stats = *lsc_checker_stats(ck);
    lsc_checker_free(ck);
    lsc_config_free(own);
}

static void run(ctx *c, const char *text, size_t chunk) {
    run_with(c, text, strlen(text), chunk, NULL);
}

/* ------------------------------------------------------------------ */
/* Expected positions, computed from the text                         */
/* ------------------------------------------------------------------ */

static lsc_pos pos_at(const char *text, size_t off) {
    lsc_pos p = {off, 1, 1};
    size_t start = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') {
            p.line++;
            start = i + 1;
        }
    if (start == 0 && strncmp(text, "\xEF\xBB\xBF", 3) == 0)
        start = 3;
    for (size_t i = start; i < off; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            p.column++;
    return p;
}

/* Offset of the nth (1-based) occurrence of needle. */
static size_t find_nth(const char *text, const char *needle, int nth) {
    const char *p = text - 1;
    for (int i = 0; i < nth; i++) {
        p = strstr(p + 1, needle);
        ck_assert_msg(p != NULL, "test bug: '%s' #%d not in the input", needle, nth);
    }
    return (size_t)(p - text);
}

static lsc_pos pos_of(const char *text, const char *needle, int nth) {
    return pos_at(text, find_nth(text, needle, nth));
}

/* The value after the nth occurrence of the key needle ("\"name\""). */
static lsc_pos value_of(const char *text, const char *key, int nth) {
    size_t off = find_nth(text, key, nth) + strlen(key);
    while (strchr(" \t\r\n", text[off]))
        off++;
    ck_assert_msg(text[off] == ':', "test bug: no ':' after %s", key);
    off++;
    while (strchr(" \t\r\n", text[off]))
        off++;
    return pos_at(text, off);
}

#define assert_pos(got, want, what)                                                                \
    do {                                                                                           \
        lsc_pos g_ = (got), w_ = (want);                                                           \
        ck_assert_msg(g_.line == w_.line && g_.column == w_.column && g_.offset == w_.offset,      \
                      "%s: got %llu:%llu@%llu, want %llu:%llu@%llu", (what),                       \
                      (unsigned long long)g_.line, (unsigned long long)g_.column,                  \
                      (unsigned long long)g_.offset, (unsigned long long)w_.line,                  \
                      (unsigned long long)w_.column, (unsigned long long)w_.offset);               \
    } while (0)

/* A member's key and value positions: the nth occurrence of key in the text. */
static void assert_member(const char *text, const lsc_member *m, lsc_json_type type, int ok,
                          const char *key, int nth) {
    ck_assert_msg(m->seen == type, "%s: seen %s, want %s", key, lsc_json_type_name(m->seen),
                  lsc_json_type_name(type));
    ck_assert_msg(m->ok == ok, "%s: ok %d, want %d", key, m->ok, ok);
    assert_pos(m->key, pos_of(text, key, nth), key);
    assert_pos(m->at, value_of(text, key, nth), key);
}

static void assert_str(const char *text, const lsc_string *s, const char *key, int nth,
                       const char *want, size_t want_len) {
    assert_member(text, &s->m, LSC_JSON_STRING, 1, key, nth);
    ck_assert_msg(s->len == want_len && memcmp(s->s, want, want_len) == 0,
                  "%s: got \"%.*s\" (%zu bytes), want \"%s\"", key, (int)s->len, s->s, s->len,
                  want);
    ck_assert_msg(s->s[s->len] == '\0', "%s: not NUL-terminated", key);
}

#define ASSERT_STR(text, s, key, nth, want) assert_str(text, s, key, nth, want, sizeof(want) - 1)

static void assert_time(const lsc_timestamp *ts, lsc_time_status status, int64_t sec, int32_t nsec,
                        const char *raw, const char *what) {
    ck_assert_msg(ts->m.ok, "%s: not ok", what);
    ck_assert_msg(ts->status == status, "%s: status %d, want %d", what, ts->status, status);
    if (status == LSC_TIME_OK)
        ck_assert_msg(ts->t.sec == sec && ts->t.nsec == nsec, "%s: got %lld.%09d, want %lld.%09d",
                      what, (long long)ts->t.sec, ts->t.nsec, (long long)sec, nsec);
    ck_assert_msg(ts->raw_len == strlen(raw) && memcmp(ts->raw, raw, ts->raw_len) == 0,
                  "%s: raw \"%.*s\", want \"%s\"", what, (int)ts->raw_len, ts->raw, raw);
}

static const found *find_rule(const ctx *c, const char *rule, int nth) {
    for (size_t i = 0; i < c->nfound; i++)
        if (strcmp(c->found[i].rule, rule) == 0 && --nth == 0)
            return &c->found[i];
    return NULL;
}

static size_t count_rule(const ctx *c, const char *rule) {
    size_t n = 0;
    for (size_t i = 0; i < c->nfound; i++)
        n += strcmp(c->found[i].rule, rule) == 0;
    return n;
}

static void assert_no_findings(const ctx *c) {
    ck_assert_msg(c->nfound == 0, "unexpected finding: %s \"%s\" %llu:%llu",
                  c->nfound ? c->found[0].rule : "", c->nfound ? c->found[0].pointer : "",
                  c->nfound ? (unsigned long long)c->found[0].pos.line : 0ULL,
                  c->nfound ? (unsigned long long)c->found[0].pos.column : 0ULL);
}

/* ------------------------------------------------------------------ */
/* Every field of a certificate, at every chunk size                  */
/* ------------------------------------------------------------------ */

static const char FULL[] =
    "{\n"
    "  \"certificates\": [\n"
    "    {\n"
    "      \"certificateArn\": \"" ARN "abc\",\n"
    "      \"certificateName\": \"c\\u0000\\u00e9\\n\\\"\\\\\\/\",\n"
    "      \"domainName\": \"example.com\",\n"
    "      \"certificateDetail\": {\n"
    "        \"arn\": \"" ARN "abc\",\n"
    "        \"name\": \"c1\",\n"
    "        \"domainName\": \"example.com\",\n"
    "        \"status\": \"REVOKED\",\n"
    "        \"serialNumber\": \"0f:ac\",\n"
    "        \"subjectAlternativeNames\": [\"example.com\", 5, \"www.example.com\"],\n"
    "        \"domainValidationRecords\": [\n"
    "          {\"domainName\": \"example.com\", \"resourceRecord\": {\"name\": "
    "\"_a.example.com.\", \"type\": \"CNAME\", \"value\": \"_b.acm-validations.aws.\"}, "
    "\"dnsRecordCreationState\": {\"code\": \"SUCCEEDED\", \"message\": \"done\"}, "
    "\"validationStatus\": \"SUCCESS\"},\n"
    "          null,\n"
    "          {\"domainName\": \"www.example.com\"}\n"
    "        ],\n"
    "        \"requestFailureReason\": \"OTHER\",\n"
    "        \"inUseResourceCount\": 3,\n"
    "        \"keyAlgorithm\": \"RSA-2048\",\n"
    "        \"createdAt\": 1687200434.567,\n"
    "        \"issuedAt\": \"2023-06-19T18:47:14.567Z\",\n"
    "        \"issuerCA\": \"Amazon\",\n"
    "        \"notBefore\": 1.6871328E9,\n"
    "        \"notAfter\": \"2024-07-18 23:59:59+00:00\",\n"
    "        \"eligibleToRenew\": \"ELIGIBLE\",\n"
    "        \"renewalSummary\": {\"domainValidationRecords\": [{\"domainName\": "
    "\"www.example.com\", \"validationStatus\": \"PENDING_VALIDATION\"}], "
    "\"renewalStatus\": \"PendingAutoRenewal\", \"renewalStatusReason\": \"why\", "
    "\"updatedAt\": \"2024-06-01T00:00:00-07:00\"},\n"
    "        \"revokedAt\": 1700000000,\n"
    "        \"revocationReason\": \"KEY_COMPROMISE\",\n"
    "        \"tags\": [{\"key\": \"k1\", \"value\": \"v1\"}],\n"
    "        \"supportCode\": \"sc\"\n"
    "      },\n"
    "      \"tags\": [{\"key\": \"owner\"}, {\"key\": \"env\", \"value\": \"\"}, \"x\", "
    "{\"key\": \"\xE6\x97\xA5\xE6\x9C\xAC\", \"value\": \"\xF0\x9F\x98\x80\"}]\n"
    "    }\n"
    "  ]\n"
    "}\n";

static void check_full(ctx *c, const lsc_certificate *cert) {
    const char *t = c->text;
    ck_assert_uint_eq(cert->document, 0);
    ck_assert_uint_eq(cert->index, 0);
    assert_pos(cert->at, pos_of(t, "{\n      \"certificateArn\"", 1), "summary {");

    ASSERT_STR(t, &cert->certificate_arn, "\"certificateArn\"", 1, ARN "abc");
    ASSERT_STR(t, &cert->certificate_name, "\"certificateName\"", 1, "c\0\xC3\xA9\n\"\\/");
    ASSERT_STR(t, &cert->domain_name, "\"domainName\"", 1, "example.com");

    const lsc_certificate_detail *d = &cert->certificate_detail;
    assert_member(t, &d->m, LSC_JSON_OBJECT, 1, "\"certificateDetail\"", 1);
    ASSERT_STR(t, &d->arn, "\"arn\"", 1, ARN "abc");
    ASSERT_STR(t, &d->name, "\"name\"", 1, "c1");
    ASSERT_STR(t, &d->domain_name, "\"domainName\"", 2, "example.com");
    ASSERT_STR(t, &d->status, "\"status\"", 1, "REVOKED");
    ASSERT_STR(t, &d->serial_number, "\"serialNumber\"", 1, "0f:ac");

    /* SANs: the number is counted but not listed */
    const lsc_name_list *sans = &d->subject_alternative_names;
    assert_member(t, &sans->m, LSC_JSON_ARRAY, 1, "\"subjectAlternativeNames\"", 1);
    ck_assert_uint_eq(sans->count, 3);
    const lsc_name *n0 = sans->first;
    ck_assert_ptr_nonnull(n0);
    ck_assert_uint_eq(n0->index, 0);
    ck_assert_uint_eq(n0->len, 11);
    ck_assert_mem_eq(n0->s, "example.com", 11);
    assert_pos(n0->at, pos_of(t, "\"example.com\", 5", 1), "SAN 0");
    const lsc_name *n2 = n0->next;
    ck_assert_ptr_nonnull(n2);
    ck_assert_uint_eq(n2->index, 2);
    ck_assert_uint_eq(n2->len, 15);
    ck_assert_mem_eq(n2->s, "www.example.com", 15);
    assert_pos(n2->at, pos_of(t, "\"www.example.com\"]", 1), "SAN 2");
    ck_assert_ptr_null(n2->next);

    /* validation records: an object, a null, an object */
    const lsc_validation_record_list *vl = &d->domain_validation_records;
    assert_member(t, &vl->m, LSC_JSON_ARRAY, 1, "\"domainValidationRecords\"", 1);
    ck_assert_uint_eq(vl->count, 3);
    const lsc_validation_record *r0 = vl->first;
    ck_assert_ptr_nonnull(r0);
    ck_assert_uint_eq(r0->index, 0);
    assert_pos(r0->at, pos_of(t, "{\"domainName\": \"example.com\"", 1), "record 0 {");
    ASSERT_STR(t, &r0->domain_name, "\"domainName\"", 3, "example.com");
    assert_member(t, &r0->resource_record.m, LSC_JSON_OBJECT, 1, "\"resourceRecord\"", 1);
    ASSERT_STR(t, &r0->resource_record.name, "\"name\"", 2, "_a.example.com.");
    ASSERT_STR(t, &r0->resource_record.type, "\"type\"", 1, "CNAME");
    ASSERT_STR(t, &r0->resource_record.value, "\"value\"", 1, "_b.acm-validations.aws.");
    assert_member(t, &r0->dns_record_creation_state.m, LSC_JSON_OBJECT, 1,
                  "\"dnsRecordCreationState\"", 1);
    ASSERT_STR(t, &r0->dns_record_creation_state.code, "\"code\"", 1, "SUCCEEDED");
    ASSERT_STR(t, &r0->dns_record_creation_state.message, "\"message\"", 1, "done");
    ASSERT_STR(t, &r0->validation_status, "\"validationStatus\"", 1, "SUCCESS");
    const lsc_validation_record *r2 = r0->next;
    ck_assert_ptr_nonnull(r2);
    ck_assert_uint_eq(r2->index, 2);
    ASSERT_STR(t, &r2->domain_name, "\"domainName\"", 4, "www.example.com");
    ck_assert_int_eq(r2->resource_record.m.seen, LSC_JSON_ABSENT);
    ck_assert_int_eq(r2->validation_status.m.seen, LSC_JSON_ABSENT);
    ck_assert_ptr_null(r2->next);

    ASSERT_STR(t, &d->request_failure_reason, "\"requestFailureReason\"", 1, "OTHER");
    assert_member(t, &d->in_use_resource_count.m, LSC_JSON_NUMBER, 1, "\"inUseResourceCount\"", 1);
    ck_assert_int_eq(d->in_use_resource_count.v, 3);
    ASSERT_STR(t, &d->key_algorithm, "\"keyAlgorithm\"", 1, "RSA-2048");

    assert_member(t, &d->created_at.m, LSC_JSON_NUMBER, 1, "\"createdAt\"", 1);
    assert_time(&d->created_at, LSC_TIME_OK, 1687200434, 567000000, "1687200434.567", "createdAt");
    assert_member(t, &d->issued_at.m, LSC_JSON_STRING, 1, "\"issuedAt\"", 1);
    assert_time(&d->issued_at, LSC_TIME_OK, 1687200434, 567000000, "2023-06-19T18:47:14.567Z",
                "issuedAt");
    ASSERT_STR(t, &d->issuer_ca, "\"issuerCA\"", 1, "Amazon");
    assert_member(t, &d->not_before.m, LSC_JSON_NUMBER, 1, "\"notBefore\"", 1);
    assert_time(&d->not_before, LSC_TIME_OK, 1687132800, 0, "1.6871328E9", "notBefore");
    assert_member(t, &d->not_after.m, LSC_JSON_STRING, 1, "\"notAfter\"", 1);
    assert_time(&d->not_after, LSC_TIME_OK, 1721347199, 0, "2024-07-18 23:59:59+00:00", "notAfter");
    ASSERT_STR(t, &d->eligible_to_renew, "\"eligibleToRenew\"", 1, "ELIGIBLE");

    const lsc_renewal_summary *rs = &d->renewal_summary;
    assert_member(t, &rs->m, LSC_JSON_OBJECT, 1, "\"renewalSummary\"", 1);
    assert_member(t, &rs->domain_validation_records.m, LSC_JSON_ARRAY, 1,
                  "\"domainValidationRecords\"", 2);
    ck_assert_uint_eq(rs->domain_validation_records.count, 1);
    const lsc_validation_record *rr = rs->domain_validation_records.first;
    ck_assert_ptr_nonnull(rr);
    ck_assert_uint_eq(rr->index, 0);
    ASSERT_STR(t, &rr->domain_name, "\"domainName\"", 5, "www.example.com");
    ASSERT_STR(t, &rr->validation_status, "\"validationStatus\"", 2, "PENDING_VALIDATION");
    ck_assert_ptr_null(rr->next);
    ASSERT_STR(t, &rs->renewal_status, "\"renewalStatus\"", 1, "PendingAutoRenewal");
    ASSERT_STR(t, &rs->renewal_status_reason, "\"renewalStatusReason\"", 1, "why");
    assert_member(t, &rs->updated_at.m, LSC_JSON_STRING, 1, "\"updatedAt\"", 1);
    assert_time(&rs->updated_at, LSC_TIME_OK, 1717225200, 0, "2024-06-01T00:00:00-07:00",
                "updatedAt");

    assert_member(t, &d->revoked_at.m, LSC_JSON_NUMBER, 1, "\"revokedAt\"", 1);
    assert_time(&d->revoked_at, LSC_TIME_OK, 1700000000, 0, "1700000000", "revokedAt");
    ASSERT_STR(t, &d->revocation_reason, "\"revocationReason\"", 1, "KEY_COMPROMISE");
    assert_member(t, &d->tags.m, LSC_JSON_ARRAY, 1, "\"tags\"", 1);
    ck_assert_uint_eq(d->tags.count, 1);
    ck_assert_ptr_nonnull(d->tags.first);
    ASSERT_STR(t, &d->tags.first->key, "\"key\"", 1, "k1");
    ASSERT_STR(t, &d->tags.first->value, "\"value\"", 2, "v1");
    ASSERT_STR(t, &d->support_code, "\"supportCode\"", 1, "sc");

    /* summary tags: key-only, empty value, a string (counted, not listed), multi-byte */
    const lsc_tag_list *tl = &cert->tags;
    assert_member(t, &tl->m, LSC_JSON_ARRAY, 1, "\"tags\"", 2);
    ck_assert_uint_eq(tl->count, 4);
    const lsc_tag *g0 = tl->first;
    ck_assert_ptr_nonnull(g0);
    ck_assert_uint_eq(g0->index, 0);
    assert_pos(g0->at, pos_of(t, "{\"key\": \"owner\"}", 1), "tag 0 {");
    ASSERT_STR(t, &g0->key, "\"key\"", 2, "owner");
    ck_assert_int_eq(g0->value.m.seen, LSC_JSON_ABSENT);
    ck_assert_int_eq(g0->value.m.ok, 0);
    const lsc_tag *g1 = g0->next;
    ck_assert_ptr_nonnull(g1);
    ck_assert_uint_eq(g1->index, 1);
    ASSERT_STR(t, &g1->key, "\"key\"", 3, "env");
    ASSERT_STR(t, &g1->value, "\"value\"", 3, "");
    const lsc_tag *g3 = g1->next;
    ck_assert_ptr_nonnull(g3);
    ck_assert_uint_eq(g3->index, 3);
    ASSERT_STR(t, &g3->key, "\"key\"", 4, "\xE6\x97\xA5\xE6\x9C\xAC");
    ASSERT_STR(t, &g3->value, "\"value\"", 4, "\xF0\x9F\x98\x80");
    ck_assert_ptr_null(g3->next);
}

START_TEST(test_full_certificate) {
    ctx c = {.on_cert = check_full};
    run(&c, FULL, (size_t)_i);
    ck_assert_int_eq(c.feed_rc, 0);
    ck_assert_uint_eq(c.certs, 1);
    /* the parser's own findings: the SAN 5, the null record, the string tag */
    ck_assert_uint_eq(count_rule(&c, "type-mismatch"), 2);
    ck_assert_uint_eq(count_rule(&c, "null-value"), 1);
    const found *f = find_rule(&c, "null-value", 1);
    ck_assert_str_eq(f->pointer, "/certificates/0/certificateDetail/domainValidationRecords/1");
    assert_pos(f->pos, pos_of(FULL, "null,", 1), "null-value");
    ck_assert_int_eq(f->severity, LSC_WARNING);
    ck_assert_str_eq(f->file, "in.json");
    ck_assert_int_eq(f->has_certificate, 1);
    ck_assert_uint_eq(f->certificate, 0);
    assert_pos(f->certificate_at, pos_of(FULL, "{\n      \"certificateArn\"", 1), "cert at");
    const found *m1 = find_rule(&c, "type-mismatch", 1), *m2 = find_rule(&c, "type-mismatch", 2);
    int sans_first = strstr(m1->pointer, "subjectAlternativeNames") != NULL;
    const found *san = sans_first ? m1 : m2, *tag = sans_first ? m2 : m1;
    ck_assert_str_eq(san->pointer, "/certificates/0/certificateDetail/subjectAlternativeNames/1");
    assert_pos(san->pos, pos_of(FULL, "5, \"www", 1), "SAN type-mismatch");
    ck_assert_str_eq(tag->pointer, "/certificates/0/tags/2");
    assert_pos(tag->pos, pos_of(FULL, "\"x\"", 1), "tag type-mismatch");
    ck_assert_uint_eq(c.stats.bytes, strlen(FULL));
    ck_assert_uint_eq(c.stats.documents, 1);
    ck_assert_uint_eq(c.stats.certificates, 1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Timestamps: every saved form of one instant                        */
/* ------------------------------------------------------------------ */

static const struct ts_case {
    const char *json; /* the createdAt value as written */
    const char *raw;  /* what raw holds */
    lsc_json_type seen;
    lsc_time_status status;
    int64_t sec;
    int32_t nsec;
} TS_CASES[] = {
    {"1687200434.567", "1687200434.567", LSC_JSON_NUMBER, LSC_TIME_OK, 1687200434, 567000000},
    {"1.687200434567E9", "1.687200434567E9", LSC_JSON_NUMBER, LSC_TIME_OK, 1687200434, 567000000},
    {"1.687200434567e+9", "1.687200434567e+9", LSC_JSON_NUMBER, LSC_TIME_OK, 1687200434, 567000000},
    {"1687200434567e-3", "1687200434567e-3", LSC_JSON_NUMBER, LSC_TIME_OK, 1687200434, 567000000},
    {"\"2023-06-19T18:47:14.567Z\"", "2023-06-19T18:47:14.567Z", LSC_JSON_STRING, LSC_TIME_OK,
     1687200434, 567000000},
    {"\"2023-06-19T11:47:14.567000-07:00\"", "2023-06-19T11:47:14.567000-07:00", LSC_JSON_STRING,
     LSC_TIME_OK, 1687200434, 567000000},
    {"\"2023-06-19 18:47:14.567000+00:00\"", "2023-06-19 18:47:14.567000+00:00", LSC_JSON_STRING,
     LSC_TIME_OK, 1687200434, 567000000},
    {"\"2023-06-20T04:17:14.567+09:30\"", "2023-06-20T04:17:14.567+09:30", LSC_JSON_STRING,
     LSC_TIME_OK, 1687200434, 567000000},
    {"\"2023-06-19T18:47:14.567000000Z\"", "2023-06-19T18:47:14.567000000Z", LSC_JSON_STRING,
     LSC_TIME_OK, 1687200434, 567000000},
    {"\"2023-06-19T18:47:14\\u002E567Z\"", "2023-06-19T18:47:14.567Z", LSC_JSON_STRING, LSC_TIME_OK,
     1687200434, 567000000},
    {"1687200434", "1687200434", LSC_JSON_NUMBER, LSC_TIME_OK, 1687200434, 0},
    {"\"2023-06-19T18:47:14Z\"", "2023-06-19T18:47:14Z", LSC_JSON_STRING, LSC_TIME_OK, 1687200434,
     0},
    {"0", "0", LSC_JSON_NUMBER, LSC_TIME_OK, 0, 0},
    {"-1", "-1", LSC_JSON_NUMBER, LSC_TIME_NEGATIVE, 0, 0},
    {"1e400", "1e400", LSC_JSON_NUMBER, LSC_TIME_NOT_FINITE, 0, 0},
    {"1e12", "1e12", LSC_JSON_NUMBER, LSC_TIME_OUT_OF_RANGE, 0, 0},
    {"\"yesterday\"", "yesterday", LSC_JSON_STRING, LSC_TIME_BAD_SYNTAX, 0, 0},
    {"\"2023-02-30T00:00:00Z\"", "2023-02-30T00:00:00Z", LSC_JSON_STRING, LSC_TIME_BAD_DATE, 0, 0},
    {"\"2023-06-19T25:00:00Z\"", "2023-06-19T25:00:00Z", LSC_JSON_STRING, LSC_TIME_BAD_DATE, 0, 0},
};

static char ts_json[512];
static int ts_index;

static void check_ts(ctx *c, const lsc_certificate *cert) {
    const struct ts_case *tc = &TS_CASES[ts_index];
    const lsc_timestamp *ts = &cert->certificate_detail.created_at;
    assert_member(c->text, &ts->m, tc->seen, 1, "\"createdAt\"", 1);
    assert_time(ts, tc->status, tc->sec, tc->nsec, tc->raw, tc->json);
}

START_TEST(test_timestamp_forms) {
    ts_index = _i;
    snprintf(ts_json, sizeof ts_json,
             "{\"certificates\":[{\"certificateArn\":\"" ARN "a\",\"certificateName\":\"c1\","
             "\"domainName\":\"example.com\",\"certificateDetail\":{\"arn\":\"" ARN "a\","
             "\"name\":\"c1\",\"domainName\":\"example.com\",\"status\":\"INACTIVE\","
             "\"createdAt\":%s}}]}\n",
             TS_CASES[_i].json);
    ctx c = {.on_cert = check_ts};
    run(&c, ts_json, 0);
    ck_assert_uint_eq(c.certs, 1);
    ck_assert_uint_eq(count_rule(&c, "type-mismatch"), 0);
    ck_assert_uint_eq(count_rule(&c, "timestamp-format"), TS_CASES[_i].status != LSC_TIME_OK);
}
END_TEST

/* The timestamp-format message says which way the instant left 0000..9999.
 * Defect: "0000-01-01T00:00:00+23:59" (23:59 before year 0000 began, in
 * UTC) was said to lie "beyond year 9999". */
static const struct ts_message_case {
    const char *json;
    const char *message;
} TS_MESSAGES[] = {
    {"\"0000-01-01T00:00:00+23:59\"",
     "certificate \"c1\": createdAt \"0000-01-01T00:00:00+23:59\" lies before year 0000 once its UTC offset is "
     "applied"},
    {"\"0000-01-01T00:00:00+00:01\"",
     "certificate \"c1\": createdAt \"0000-01-01T00:00:00+00:01\" lies before year 0000 once its UTC offset is "
     "applied"},
    {"\"9999-12-31T23:00:00-01:00\"",
     "certificate \"c1\": createdAt \"9999-12-31T23:00:00-01:00\" lies beyond year 9999"},
    {"1e12", "certificate \"c1\": createdAt 1e12 lies beyond year 9999"},
};

START_TEST(test_timestamp_message) {
    snprintf(ts_json, sizeof ts_json,
             "{\"certificates\":[{\"certificateArn\":\"" ARN "a\",\"certificateName\":\"c1\","
             "\"domainName\":\"example.com\",\"certificateDetail\":{\"arn\":\"" ARN "a\","
             "\"name\":\"c1\",\"domainName\":\"example.com\",\"status\":\"INACTIVE\","
             "\"createdAt\":%s}}]}\n",
             TS_MESSAGES[_i].json);
    ctx c = {0};
    run(&c, ts_json, 0);
    ck_assert_uint_eq(count_rule(&c, "timestamp-format"), 1);
    for (size_t i = 0; i < c.nfound; i++)
        if (strcmp(c.found[i].rule, "timestamp-format") == 0)
            ck_assert_str_eq(c.found[i].message, TS_MESSAGES[_i].message);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Integers and member states                                         */
/* ------------------------------------------------------------------ */

static const struct int_case {
    const char *json;
    lsc_json_type seen;
    int ok;
    int64_t v;
} INT_CASES[] = {
    {"0", LSC_JSON_NUMBER, 1, 0},
    {"42", LSC_JSON_NUMBER, 1, 42},
    {"-0", LSC_JSON_NUMBER, 1, 0},
    {"9223372036854775807", LSC_JSON_NUMBER, 1, INT64_MAX},
    {"-9223372036854775808", LSC_JSON_NUMBER, 1, INT64_MIN},
    {"9223372036854775808", LSC_JSON_NUMBER, 0, 0},
    {"1.0", LSC_JSON_NUMBER, 0, 0},
    {"1e3", LSC_JSON_NUMBER, 0, 0},
    {"\"1\"", LSC_JSON_STRING, 0, 0},
    {"null", LSC_JSON_NULL, 0, 0},
    {"true", LSC_JSON_BOOLEAN, 0, 0},
    {"[]", LSC_JSON_ARRAY, 0, 0},
    {"{}", LSC_JSON_OBJECT, 0, 0},
};

static int int_index;

static void check_int(ctx *c, const lsc_certificate *cert) {
    const struct int_case *ic = &INT_CASES[int_index];
    const lsc_integer *n = &cert->certificate_detail.in_use_resource_count;
    assert_member(c->text, &n->m, ic->seen, ic->ok, "\"inUseResourceCount\"", 1);
    if (ic->ok)
        ck_assert_int_eq(n->v, ic->v);
}

START_TEST(test_integer) {
    static char json[512];
    int_index = _i;
    snprintf(json, sizeof json,
             "{\"certificates\":[{\"certificateArn\":\"" ARN "a\",\"certificateName\":\"c1\","
             "\"domainName\":\"example.com\",\"certificateDetail\":{\"arn\":\"" ARN "a\","
             "\"name\":\"c1\",\"domainName\":\"example.com\",\"status\":\"INACTIVE\","
             "\n  \"inUseResourceCount\" :\t%s}}]}\n",
             INT_CASES[_i].json);
    ctx c = {.on_cert = check_int};
    run(&c, json, 0);
    ck_assert_uint_eq(c.certs, 1);
    const struct int_case *ic = &INT_CASES[_i];
    const char *rule = ic->ok ? NULL : ic->seen == LSC_JSON_NULL ? "null-value" : "type-mismatch";
    if (rule) {
        ck_assert_uint_eq(count_rule(&c, rule), 1);
        const found *f = find_rule(&c, rule, 1);
        ck_assert_str_eq(f->pointer, "/certificates/0/certificateDetail/inUseResourceCount");
        assert_pos(f->pos, value_of(json, "\"inUseResourceCount\"", 1), rule);
    }
    ck_assert_uint_eq(count_rule(&c, "type-mismatch") + count_rule(&c, "null-value"), !ic->ok);
}
END_TEST

/* null and wrong types: seen but not ok; duplicate keys: the later value */
static void check_states(ctx *c, const lsc_certificate *cert) {
    const char *t = c->text;
    assert_member(t, &cert->certificate_arn.m, LSC_JSON_NUMBER, 0, "\"certificateArn\"", 1);
    ASSERT_STR(t, &cert->certificate_name, "\"certificateName\"", 2, "second");
    assert_member(t, &cert->domain_name.m, LSC_JSON_NULL, 0, "\"domainName\"", 1);
    assert_member(t, &cert->certificate_detail.m, LSC_JSON_ARRAY, 0, "\"certificateDetail\"", 1);
    assert_member(t, &cert->tags.m, LSC_JSON_OBJECT, 0, "\"tags\"", 1);
}

START_TEST(test_member_states) {
    static const char json[] =
        "{\"certificates\":[{\"certificateArn\":7,\"certificateName\":\"first\","
        "\"domainName\":null,\"certificateName\":\"second\",\"certificateDetail\":[1],"
        "\"tags\":{\"key\":\"a\"}}]}\n";
    ctx c = {.on_cert = check_states};
    run(&c, json, 0);
    ck_assert_uint_eq(c.certs, 1);
    ck_assert_uint_eq(count_rule(&c, "type-mismatch"), 3);
    ck_assert_uint_eq(count_rule(&c, "null-value"), 1);
    ck_assert_uint_eq(count_rule(&c, "missing-field"), 0);
    const found *f = find_rule(&c, "json-duplicate-key", 1);
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->pointer, "/certificates/0/certificateName");
    assert_pos(f->pos, pos_of(json, "\"certificateName\"", 2), "duplicate");
    ck_assert_int_eq(f->has_related, 1);
    ck_assert_str_eq(f->related_pointer, "/certificates/0/certificateName");
    assert_pos(f->related_pos, pos_of(json, "\"certificateName\"", 1), "duplicate related");
}
END_TEST

/* absent members: ABSENT, not ok, no findings but missing-field */
static void check_absent(ctx *c, const lsc_certificate *cert) {
    (void)c;
    ck_assert_int_eq(cert->certificate_arn.m.seen, LSC_JSON_ABSENT);
    ck_assert_int_eq(cert->certificate_arn.m.ok, 0);
    ck_assert_int_eq(cert->certificate_detail.m.seen, LSC_JSON_ABSENT);
    ck_assert_int_eq(cert->certificate_detail.created_at.m.seen, LSC_JSON_ABSENT);
    ck_assert_int_eq(cert->tags.m.seen, LSC_JSON_ABSENT);
    ck_assert_ptr_null(cert->tags.first);
    ck_assert_uint_eq(cert->tags.count, 0);
}

START_TEST(test_absent_members) {
    ctx c = {.on_cert = check_absent};
    run(&c, "{\"certificates\":[{}]}", 0);
    ck_assert_uint_eq(c.certs, 1);
    ck_assert_uint_eq(count_rule(&c, "missing-field"), 3);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Strings                                                            */
/* ------------------------------------------------------------------ */

static const struct str_case {
    const char *json; /* the certificateName value as written */
    const char *want;
    size_t want_len;
    int lone; /* json-lone-surrogate expected */
} STR_CASES[] = {
#define SC(j, w, l)                                                                                \
    { j, w, sizeof(w) - 1, l }
    SC("\"a\\u0000b\"", "a\0b", 0),
    SC("\"\\u0000\"", "\0", 0),
    SC("\"\\b\\f\\n\\r\\t\\\"\\\\\\/\"", "\b\f\n\r\t\"\\/", 0),
    SC("\"\\u00e9\\u65E5\"", "\xC3\xA9\xE6\x97\xA5", 0),
    SC("\"\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80\"", "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80", 0),
    SC("\"\\uD83D\\uDE00\"", "\xF0\x9F\x98\x80", 0),
    SC("\"\\uD800\"", "\xEF\xBF\xBD", 1),
    SC("\"\\uDC00\"", "\xEF\xBF\xBD", 1),
    SC("\"\\uD800\\u0041\"",
       "\xEF\xBF\xBD"
       "A",
       1),
    SC("\"\\uD800\\uD83D\\uDE00\"", "\xEF\xBF\xBD\xF0\x9F\x98\x80", 1),
    SC("\"\\uDE00\\uD83D\"", "\xEF\xBF\xBD\xEF\xBF\xBD", 1),
    SC("\"\"", "", 0),
#undef SC
};

static int str_index;

static void check_string(ctx *c, const lsc_certificate *cert) {
    const struct str_case *sc = &STR_CASES[str_index];
    assert_str(c->text, &cert->certificate_name, "\"certificateName\"", 1, sc->want, sc->want_len);
}

START_TEST(test_strings) {
    static char json[512];
    str_index = _i;
    snprintf(json, sizeof json,
             "{\"certificates\":[{\"certificateArn\":\"" ARN "a\",\"domainName\":\"example.com\","
             "\"certificateName\":%s}]}\n",
             STR_CASES[_i].json);
    for (size_t chunk = 0; chunk < 4; chunk++) {
        ctx c = {.on_cert = check_string};
        run(&c, json, chunk);
        ck_assert_uint_eq(c.certs, 1);
        ck_assert_uint_eq(count_rule(&c, "json-lone-surrogate"), (size_t)STR_CASES[_i].lone);
        if (STR_CASES[_i].lone)
            assert_pos(find_rule(&c, "json-lone-surrogate", 1)->pos,
                       value_of(json, "\"certificateName\"", 1), "json-lone-surrogate");
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* Positions: multi-byte characters, CRLF, BOM, tabs, lone CR          */
/* ------------------------------------------------------------------ */

static const char *const POS_CASES[] = {
    "{\"certificates\":[{\"certificateName\":\"\xC3\xA9\xE6\x97\xA5\xE6\x9C\xAC\xF0\x9F\x98\x80\","
    "\"certificateArn\":\"" ARN "a\",\"domainName\":\"example.com\"}]}",
    "{\r\n  \"certificates\": [\r\n    {\r\n      \"certificateName\": \"\xC3\xA9\",\r\n"
    "      \"certificateArn\": \"" ARN "a\",\r\n      \"domainName\": \"example.com\"\r\n"
    "    }\r\n  ]\r\n}\r\n",
    "\xEF\xBB\xBF{\"certificates\":[{\"certificateName\":\"c1\",\"certificateArn\":\"" ARN "a\","
    "\"domainName\":\"example.com\"}]}\n",
    "{\t\"certificates\":\t[\t{\t\"certificateName\":\t\"c\",\t\"certificateArn\":\t\"" ARN "a\","
    "\t\"domainName\"\t:\t\"example.com\"}]}\n",
    "{\"certificates\":[\r{\"certificateName\":\"c\",\r\"certificateArn\":\"" ARN "a\","
    "\"domainName\":\"example.com\"}]}\n",
    "\n\n   {\"certificates\":\n[\n{\"certificateName\":\n\"\xF0\x9F\x98\x80\",\"certificateArn\":"
    "\"" ARN "a\"\n,\n\"domainName\"\n:\n\"example.com\"\n}\n]\n}\n",
};

static void check_positions(ctx *c, const lsc_certificate *cert) {
    const char *t = c->text;
    size_t brace = find_nth(t, "\"certificateName\"", 1);
    while (t[brace] != '{')
        brace--;
    assert_pos(cert->at, pos_at(t, brace), "summary {");
    assert_member(t, &cert->certificate_name.m, LSC_JSON_STRING, 1, "\"certificateName\"", 1);
    assert_member(t, &cert->certificate_arn.m, LSC_JSON_STRING, 1, "\"certificateArn\"", 1);
    assert_member(t, &cert->domain_name.m, LSC_JSON_STRING, 1, "\"domainName\"", 1);
}

START_TEST(test_positions) {
    const char *json = POS_CASES[_i];
    for (size_t chunk = 0; chunk < 8; chunk++) {
        ctx c = {.on_cert = check_positions};
        run(&c, json, chunk);
        ck_assert_uint_eq(c.certs, 1);
        for (size_t i = 0; i < c.nfound; i++)
            ck_assert_msg(strcmp(c.found[i].rule, "json-bom") == 0, "unexpected %s",
                          c.found[i].rule);
    }
}
END_TEST

/* a multi-byte key before an unknown member: the finding's column */
START_TEST(test_unknown_field_position) {
    static const char json[] = "{\"certificates\":[],\"\xC3\xA9\":\"\xE6\x97\xA5\xF0\x9F\x98\x80\","
                               "\r\n\t\"x\":1}\n";
    ctx c = {0};
    run(&c, json, 0);
    ck_assert_uint_eq(count_rule(&c, "unknown-field"), 2);
    const found *e = find_rule(&c, "unknown-field", 1), *x = find_rule(&c, "unknown-field", 2);
    ck_assert_str_eq(e->pointer, "/\xC3\xA9");
    assert_pos(e->pos, pos_of(json, "\"\xC3\xA9\"", 1), "key é");
    ck_assert_str_eq(x->pointer, "/x");
    assert_pos(x->pos, pos_of(json, "\"x\"", 1), "key x");
    ck_assert_uint_eq(x->pos.line, 2);
    ck_assert_uint_eq(x->pos.column, 2);
    ck_assert_int_eq(x->has_certificate, 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Documents                                                          */
/* ------------------------------------------------------------------ */

static const char DOCS[] =
    "{\"certificates\":[{\"certificateArn\":\"" ARN "a\",\"certificateName\":\"a\","
    "\"domainName\":\"example.com\"},\"x\",null,{\"certificateArn\":\"" ARN "b\","
    "\"certificateName\":\"b\",\"domainName\":\"example.com\"}],\"nextPageToken\":\"tok\","
    "\"ResponseMetadata\":{\"RequestId\":\"r\"}}\n"
    "  {\"__type\":\"NotFoundException\",\"message\":\"gone\"}\n"
    "{\"Error\":{\"Code\":\"AccessDenied\",\"Message\":\"no\"},\"ResponseMetadata\":{}}\n"
    "[1,2]\n"
    "\"s\"\n"
    "{}\n"
    "{\n"
    "  \"certificates\": [\n"
    "    {\"certificateArn\": \"" ARN "c\", \"certificateName\": \"c\", \"domainName\": "
    "\"example.com\"}\n"
    "  ]\n"
    "}\n";

static void doc_start(ctx *c, const lsc_document *doc) {
    ck_assert_uint_eq(doc->index, c->doc_starts - 1);
}

static void doc_end(ctx *c, const lsc_document *doc) {
    const char *t = c->text;
    ck_assert_uint_eq(doc->index, c->doc_ends - 1);
    switch (doc->index) {
    case 0:
        assert_pos(doc->at, pos_at(t, 0), "doc 0");
        ck_assert_int_eq(doc->type, LSC_JSON_OBJECT);
        ck_assert_uint_eq(doc->members, 3);
        assert_member(t, &doc->certificates, LSC_JSON_ARRAY, 1, "\"certificates\"", 1);
        ck_assert_uint_eq(doc->certificate_count, 2);
        ASSERT_STR(t, &doc->next_page_token, "\"nextPageToken\"", 1, "tok");
        ck_assert_int_eq(doc->response_metadata.seen, LSC_JSON_OBJECT);
        assert_pos(doc->response_metadata.key, pos_of(t, "\"ResponseMetadata\"", 1), "RM key");
        assert_pos(doc->response_metadata.at, value_of(t, "\"ResponseMetadata\"", 1), "RM at");
        ck_assert_int_eq(doc->error_type.m.seen, LSC_JSON_ABSENT);
        ck_assert_int_eq(doc->error.seen, LSC_JSON_ABSENT);
        break;
    case 1:
        assert_pos(doc->at, pos_of(t, "{\"__type\"", 1), "doc 1");
        ck_assert_int_eq(doc->type, LSC_JSON_OBJECT);
        ck_assert_uint_eq(doc->members, 2);
        ck_assert_int_eq(doc->certificates.seen, LSC_JSON_ABSENT);
        ASSERT_STR(t, &doc->error_type, "\"__type\"", 1, "NotFoundException");
        ASSERT_STR(t, &doc->error_message, "\"message\"", 1, "gone");
        break;
    case 2:
        assert_pos(doc->at, pos_of(t, "{\"Error\"", 1), "doc 2");
        ck_assert_uint_eq(doc->members, 2);
        assert_member(t, &doc->error, LSC_JSON_OBJECT, 1, "\"Error\"", 1);
        ASSERT_STR(t, &doc->error_code, "\"Code\"", 1, "AccessDenied");
        ASSERT_STR(t, &doc->error_text, "\"Message\"", 1, "no");
        ck_assert_int_eq(doc->response_metadata.seen, LSC_JSON_OBJECT);
        break;
    case 3:
        assert_pos(doc->at, pos_of(t, "[1,2]", 1), "doc 3");
        ck_assert_int_eq(doc->type, LSC_JSON_ARRAY);
        break;
    case 4:
        assert_pos(doc->at, pos_of(t, "\"s\"", 1), "doc 4");
        ck_assert_int_eq(doc->type, LSC_JSON_STRING);
        break;
    case 5:
        assert_pos(doc->at, pos_at(t, find_nth(t, "\n{}\n", 1) + 1), "doc 5");
        ck_assert_int_eq(doc->type, LSC_JSON_OBJECT);
        ck_assert_uint_eq(doc->members, 0);
        break;
    case 6:
        assert_pos(doc->at, pos_of(t, "{\n  \"certificates\"", 1), "doc 6");
        ck_assert_uint_eq(doc->members, 1);
        ck_assert_uint_eq(doc->certificate_count, 1);
        ck_assert_int_eq(doc->next_page_token.m.seen, LSC_JSON_ABSENT);
        break;
    default:
        ck_abort_msg("document %zu does not exist", doc->index);
    }
}

static void doc_cert(ctx *c, const lsc_certificate *cert) {
    static const size_t docs[] = {0, 0, 6}, index[] = {0, 3, 0};
    static const char *const names[] = {"a", "b", "c"};
    size_t k = c->certs - 1;
    ck_assert_uint_lt(k, 3);
    ck_assert_uint_eq(cert->document, docs[k]);
    ck_assert_uint_eq(cert->index, index[k]);
    ck_assert_uint_eq(cert->certificate_name.len, 1);
    ck_assert_mem_eq(cert->certificate_name.s, names[k], 1);
}

START_TEST(test_documents) {
    ctx c = {.on_doc_start = doc_start, .on_doc_end = doc_end, .on_cert = doc_cert};
    run(&c, DOCS, (size_t)_i);
    ck_assert_int_eq(c.feed_rc, 0);
    ck_assert_uint_eq(c.doc_starts, 7);
    ck_assert_uint_eq(c.doc_ends, 7);
    ck_assert_uint_eq(c.certs, 3);
    ck_assert_uint_eq(c.stats.documents, 7);
    ck_assert_uint_eq(c.stats.certificates, 3);
    ck_assert_uint_eq(count_rule(&c, "error-response"), 2);
    ck_assert_uint_eq(count_rule(&c, "not-a-response"), 2);
    ck_assert_uint_eq(count_rule(&c, "empty-response"), 1);
    ck_assert_uint_eq(count_rule(&c, "partial-page"), 1);
    const found *f = find_rule(&c, "error-response", 1);
    ck_assert_uint_eq(f->document, 1);
    ck_assert_str_eq(f->pointer, "");
    assert_pos(f->pos, pos_of(DOCS, "{\"__type\"", 1), "error-response");
    f = find_rule(&c, "empty-response", 1);
    ck_assert_uint_eq(f->document, 5);
    /* "x" and null among the certificates */
    ck_assert_uint_eq(count_rule(&c, "type-mismatch"), 1);
    ck_assert_uint_eq(count_rule(&c, "null-value"), 1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Callbacks, syntax errors, scale                                    */
/* ------------------------------------------------------------------ */

static void order_cert(ctx *c, const lsc_certificate *cert) {
    ck_assert_uint_eq(cert->index, c->certs - 1);
    ck_assert_uint_eq(cert->at.line, c->certs + 1);
    ck_assert_uint_eq(cert->at.column, 3);
    char want[32];
    int n = snprintf(want, sizeof want, "c%zu", c->certs - 1);
    ck_assert_uint_eq(cert->certificate_name.len, (size_t)n);
    ck_assert_mem_eq(cert->certificate_name.s, want, (size_t)n);
}

static char *many_certificates(size_t count, size_t *len) {
    size_t cap = 64 + count * 200, n = 0;
    char *p = malloc(cap);
    ck_assert_ptr_nonnull(p);
    n += (size_t)snprintf(p + n, cap - n, "{\"certificates\":[\n");
    for (size_t i = 0; i < count; i++)
        n += (size_t)snprintf(p + n, cap - n,
                              "  {\"certificateArn\":\"" ARN "%08zu\",\"certificateName\":\"c%zu\","
                              "\"domainName\":\"example.com\",\"tags\":[{\"key\":\"k\"}]}%s\n",
                              i, i, i + 1 < count ? "," : "");
    n += (size_t)snprintf(p + n, cap - n, "]}\n");
    *len = n;
    return p;
}

START_TEST(test_many_certificates) {
    size_t len;
    char *json = many_certificates(10000, &len);
    for (size_t chunk = 4096; chunk <= 4097; chunk++) {
        ctx c = {.on_cert = order_cert};
        run_with(&c, json, len, chunk, NULL);
        ck_assert_int_eq(c.feed_rc, 0);
        ck_assert_uint_eq(c.certs, 10000);
        ck_assert_uint_eq(c.stats.certificates, 10000);
        ck_assert_uint_eq(c.stats.bytes, len);
        assert_no_findings(&c);
    }
    free(json);
}
END_TEST

START_TEST(test_callback_stops) {
    size_t len;
    char *json = many_certificates(5, &len);
    ctx c = {.on_cert = order_cert, .stop_after = 2};
    run_with(&c, json, len, (size_t)_i, NULL);
    ck_assert_int_eq(c.feed_rc, -1);
    ck_assert_uint_eq(c.certs, 2);
    free(json);
}
END_TEST

/* A callback stops the parse before a syntax error that the scanner has
 * already read (it reads ahead of yajl's callbacks, here within one chunk):
 * the stop wins and the error is not reported, as when it lies further on. */
START_TEST(test_callback_stops_before_syntax_error) {
    static const char json[] = "{\"certificates\":[{\"certificateArn\":\"" ARN "1\"},"
                               "{\"certificateArn\":\"" ARN "2\"},@]}\n";
    ctx c = {.stop_after = 2};
    run(&c, json, (size_t)_i);
    ck_assert_int_eq(c.feed_rc, -1);
    ck_assert_uint_eq(c.certs, 2);
    ck_assert_uint_eq(count_rule(&c, "json-syntax"), 0);
}
END_TEST

START_TEST(test_syntax_error_return) {
    static const char json[] =
        "{\"certificates\":[\n  {\"certificateArn\":\"" ARN "a\",\"x\":1,@\n";
    ctx c = {0};
    run(&c, json, (size_t)_i);
    ck_assert_int_eq(c.feed_rc, 1);
    ck_assert_uint_eq(c.certs, 0);
    ck_assert_uint_eq(count_rule(&c, "json-syntax"), 1);
    const found *f = find_rule(&c, "json-syntax", 1);
    ck_assert_str_eq(f->pointer, "/certificates/0");
    assert_pos(f->pos, pos_of(json, "@", 1), "json-syntax");
    ck_assert_int_eq(f->severity, LSC_ERROR);
}
END_TEST

START_TEST(test_truncated) {
    static const char json[] = "{\"certificates\":[{\"certificateArn\":\"arn";
    ctx c = {0};
    run(&c, json, (size_t)_i);
    ck_assert_int_eq(c.feed_rc, 1);
    const found *f = find_rule(&c, "json-syntax", 1);
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(c.nfound, 1);
    ck_assert_str_eq(f->pointer, "/certificates/0");
    assert_pos(f->pos, pos_at(json, strlen(json)), "truncated");
}
END_TEST

START_TEST(test_max_depth) {
    static const char json[] = "{\"certificates\":[],\"x\":[[[[]]]]}\n";
    lsc_config *cfg = lsc_config_new();
    ck_assert_int_eq(lsc_config_set_max_depth(cfg, 3), 0);
    ck_assert_int_eq(lsc_config_set_max_depth(cfg, 0), -1);
    ctx c = {0};
    run_with(&c, json, strlen(json), 0, cfg);
    lsc_config_free(cfg);
    ck_assert_uint_eq(count_rule(&c, "json-depth"), 1);
    const found *f = find_rule(&c, "json-depth", 1);
    ck_assert_str_eq(f->pointer, "/x/0/0");
    assert_pos(f->pos, pos_of(json, "[[]]]", 1), "json-depth");
}
END_TEST

static Suite *parser_suite(void) {
    Suite *s = suite_create("parser");
    TCase *tc = tcase_create("decode");
    tcase_add_loop_test(tc, test_full_certificate, 0, 32);
    tcase_add_loop_test(tc, test_timestamp_forms, 0, (int)(sizeof TS_CASES / sizeof TS_CASES[0]));
    tcase_add_loop_test(tc, test_timestamp_message, 0,
                        (int)(sizeof TS_MESSAGES / sizeof TS_MESSAGES[0]));
    tcase_add_loop_test(tc, test_integer, 0, (int)(sizeof INT_CASES / sizeof INT_CASES[0]));
    tcase_add_test(tc, test_member_states);
    tcase_add_test(tc, test_absent_members);
    tcase_add_loop_test(tc, test_strings, 0, (int)(sizeof STR_CASES / sizeof STR_CASES[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("positions");
    tcase_add_loop_test(tc, test_positions, 0, (int)(sizeof POS_CASES / sizeof POS_CASES[0]));
    tcase_add_test(tc, test_unknown_field_position);
    suite_add_tcase(s, tc);

    tc = tcase_create("stream");
    tcase_add_loop_test(tc, test_documents, 0, 8);
    tcase_add_test(tc, test_many_certificates);
    tcase_add_loop_test(tc, test_callback_stops, 0, 4);
    tcase_add_loop_test(tc, test_callback_stops_before_syntax_error, 0, 4);
    tcase_add_loop_test(tc, test_syntax_error_return, 0, 4);
    tcase_add_loop_test(tc, test_truncated, 0, 4);
    tcase_add_test(tc, test_max_depth);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(parser_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
