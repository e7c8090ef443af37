/**
 * @file lscertlint.h
 * @brief Parse and validate saved AWS Lightsail GetCertificates responses.
 *
 * Feed the bytes of one input (a file, standard input) to an lsc_checker in
 * chunks of any size; it decodes each certificate summary into a C struct,
 * hands it to a callback as soon as its closing brace is read, validates it
 * against the rule catalog and hands every finding to another callback.
 * Memory use does not grow with the number of certificates, nor with the
 * number of findings: at most 1000 findings of one rule are delivered per
 * certificate (or per document outside certificates), the last of them
 * saying in its message how many more were not shown. The elements of a
 * certificate's lists (tags, names, validation records) are validated and
 * handed to the element callback one at a time as each closes; the
 * certificate keeps at most lsc_config_set_list_limit() of each list (256 by
 * default). What still grows with one certificate's lists is a compact index
 * of the strings that rules across elements compare (the distinct tag keys
 * and key/value pairs, 4 bytes per detail tag, the names and the records'
 * domainName values), and with one object's members the keys no model
 * member remembers (for json-duplicate-key). doc/contract.md §8 has figures.
 *
 * Ownership: every pointer the library passes to a callback (structs,
 * strings, findings) is owned by the library and valid only until that
 * callback returns; every object made by an lsc_*_new() is owned by the
 * caller and released with the matching lsc_*_free(), which accepts NULL.
 */
#ifndef LSCERTLINT_H
#define LSCERTLINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version, as a string ("MAJOR.MINOR.PATCH"). */
const char *lsc_version(void);

/* ------------------------------------------------------------------ */
/* Positions, severities, errors                                      */
/* ------------------------------------------------------------------ */

/** A place in the input. */
typedef struct lsc_pos {
    uint64_t offset; /**< 0-based byte offset in the input as read (a BOM included) */
    uint64_t line;   /**< 1-based line; lines end at LF only */
    uint64_t column; /**< 1-based column in Unicode code points since the last LF */
} lsc_pos;

/** Severity of a finding, or of a rule (LSC_OFF: the rule is disabled). */
typedef enum lsc_severity {
    LSC_OFF = 0,
    LSC_NOTE = 1,
    LSC_WARNING = 2,
    LSC_ERROR = 3
} lsc_severity;

/** "error", "warning", "note" or "off". */
const char *lsc_severity_name(lsc_severity severity);

/** Parse "error", "warning", "note" or "off"; returns -1 for anything else. */
int lsc_severity_parse(const char *name, lsc_severity *out);

/**
 * What lsc_checker_feed() and lsc_checker_finish() return. The values that
 * end a run for good are negative, so `rc < 0` means "stop".
 */
typedef enum lsc_status {
    LSC_OK = 0,        /**< the run goes on (feed) or ended well (finish) */
    LSC_MALFORMED = 1, /**< the input is not JSON; a json-syntax finding was delivered */
    LSC_STOPPED = -1,  /**< a callback returned nonzero */
    LSC_NOMEM = -2,    /**< memory ran out; the checker can only be freed */
    LSC_MISUSE = -3    /**< a call the contract forbids; the run is left as it was */
} lsc_status;

/** "ok", "malformed", "stopped", "out of memory", "misuse" (or "unknown"). */
const char *lsc_status_name(lsc_status status);

/**
 * A caller-owned error description. Every call that takes one fills every
 * field when it returns anything but LSC_OK (and leaves it alone on LSC_OK).
 */
typedef struct lsc_error {
    lsc_status code;   /**< what the call returned (LSC_NOMEM from a failed lsc_checker_new) */
    uint64_t line;     /**< LSC_MALFORMED: 1-based line of the first bad byte; 0 otherwise */
    uint64_t column;   /**< LSC_MALFORMED: 1-based column (code points); 0 otherwise */
    uint64_t position; /**< LSC_MALFORMED: 0-based byte offset in the input; 0 otherwise */
    char text[200];    /**< what went wrong, in plain words, NUL-terminated */
} lsc_error;

/* ------------------------------------------------------------------ */
/* The decoded structures                                             */
/* ------------------------------------------------------------------ */

/** The JSON type a member was seen with. */
typedef enum lsc_json_type {
    LSC_JSON_ABSENT = 0, /**< the member did not appear */
    LSC_JSON_NULL,
    LSC_JSON_BOOLEAN,
    LSC_JSON_NUMBER,
    LSC_JSON_STRING,
    LSC_JSON_OBJECT,
    LSC_JSON_ARRAY
} lsc_json_type;

/** "absent", "null", "boolean", "number", "string", "object" or "array". */
const char *lsc_json_type_name(lsc_json_type type);

/** What is common to every decoded member: whether and how it appeared. */
typedef struct lsc_member {
    lsc_json_type seen; /**< the JSON type of the (last) value, ABSENT if none */
    int ok;             /**< nonzero: present with the model's type and decoded */
    lsc_pos key;        /**< the opening quote of the member's key */
    lsc_pos at;         /**< the first character of the value */
} lsc_member;

/** A string member. @c s is NUL-terminated but may hold NUL bytes: use len. */
typedef struct lsc_string {
    lsc_member m;
    const char *s; /**< decoded UTF-8 (lone surrogates replaced by U+FFFD) */
    size_t len;    /**< length in bytes */
} lsc_string;

/** An integer member (range-checked to int64). */
typedef struct lsc_integer {
    lsc_member m;
    int64_t v;
} lsc_integer;

/** An instant in UTC. */
typedef struct lsc_time {
    int64_t sec;  /**< seconds since 1970-01-01T00:00:00Z */
    int32_t nsec; /**< 0..999999999 */
} lsc_time;

/** How a timestamp member decoded. */
typedef enum lsc_time_status {
    LSC_TIME_OK = 0,
    LSC_TIME_NEGATIVE,     /**< a negative epoch number */
    LSC_TIME_NOT_FINITE,   /**< a number that is not finite as a double */
    LSC_TIME_OUT_OF_RANGE, /**< after 9999-12-31T23:59:59Z (UTC) */
    LSC_TIME_BAD_SYNTAX,   /**< a string that is not an ISO 8601 / RFC 3339 date-time */
    LSC_TIME_BAD_DATE,     /**< an impossible date or time (Feb 30, 25:00) */
    LSC_TIME_TOO_EARLY     /**< before 0000-01-01T00:00:00Z: a date of year 0000 whose UTC
                                offset carries it into the year before */
} lsc_time_status;

/** A timestamp member: an epoch number or an ISO 8601 string. */
typedef struct lsc_timestamp {
    lsc_member m;       /**< m.seen is NUMBER or STRING when m.ok */
    lsc_time t;         /**< the instant, valid when status is LSC_TIME_OK */
    lsc_time_status status;
    const char *raw;    /**< the number's text or the decoded string */
    size_t raw_len;
} lsc_timestamp;

/** One element of a tags array that is an object. */
typedef struct lsc_tag {
    size_t index;        /**< position in the array, counting every element */
    lsc_pos at;          /**< the tag's '{' */
    lsc_string key;
    lsc_string value;
    struct lsc_tag *next;
} lsc_tag;

/** A tags array. */
typedef struct lsc_tag_list {
    lsc_member m;
    size_t count; /**< every element, objects or not */
    lsc_tag *first; /**< the first @c kept tag objects, linked by next */
    size_t kept;    /**< how many are in the chain (at most the list limit) */
} lsc_tag_list;

/** One string element of subjectAlternativeNames. */
typedef struct lsc_name {
    size_t index; /**< position in the array, counting every element */
    lsc_pos at;   /**< the string's opening quote */
    const char *s;
    size_t len;
    struct lsc_name *next;
} lsc_name;

/** The subjectAlternativeNames array. */
typedef struct lsc_name_list {
    lsc_member m;
    size_t count; /**< every element, strings or not */
    lsc_name *first; /**< the first @c kept names, linked by next */
    size_t kept;     /**< how many are in the chain (at most the list limit) */
} lsc_name_list;

/** ResourceRecord. */
typedef struct lsc_resource_record {
    lsc_member m;
    lsc_string name, type, value;
} lsc_resource_record;

/** DnsRecordCreationState. */
typedef struct lsc_dns_state {
    lsc_member m;
    lsc_string code, message;
} lsc_dns_state;

/** One DomainValidationRecord (an object element). */
typedef struct lsc_validation_record {
    size_t index; /**< position in the array, counting every element */
    lsc_pos at;   /**< the record's '{' */
    lsc_string domain_name;
    lsc_resource_record resource_record;
    lsc_dns_state dns_record_creation_state;
    lsc_string validation_status;
    struct lsc_validation_record *next;
} lsc_validation_record;

/** A domainValidationRecords array. */
typedef struct lsc_validation_record_list {
    lsc_member m;
    size_t count; /**< every element, objects or not */
    lsc_validation_record *first; /**< the first @c kept records, linked by next */
    size_t kept;                  /**< how many are in the chain (at most the list limit) */
} lsc_validation_record_list;

/** RenewalSummary. */
typedef struct lsc_renewal_summary {
    lsc_member m;
    lsc_validation_record_list domain_validation_records;
    lsc_string renewal_status;
    lsc_string renewal_status_reason;
    lsc_timestamp updated_at;
} lsc_renewal_summary;

/** Certificate: the certificateDetail member, in model order. */
typedef struct lsc_certificate_detail {
    lsc_member m;
    lsc_string arn;
    lsc_string name;
    lsc_string domain_name;
    lsc_string status;
    lsc_string serial_number;
    lsc_name_list subject_alternative_names;
    lsc_validation_record_list domain_validation_records;
    lsc_string request_failure_reason;
    lsc_integer in_use_resource_count;
    lsc_string key_algorithm;
    lsc_timestamp created_at;
    lsc_timestamp issued_at;
    lsc_string issuer_ca;
    lsc_timestamp not_before;
    lsc_timestamp not_after;
    lsc_string eligible_to_renew;
    lsc_renewal_summary renewal_summary;
    lsc_timestamp revoked_at;
    lsc_string revocation_reason;
    lsc_tag_list tags;
    lsc_string support_code;
} lsc_certificate_detail;

/** CertificateSummary: one element of the top-level certificates array. */
typedef struct lsc_certificate {
    size_t document; /**< index of the document (0-based) in the input */
    size_t index;    /**< position in the certificates array */
    lsc_pos at;      /**< the summary's '{' */
    lsc_string certificate_arn;
    lsc_string certificate_name;
    lsc_string domain_name;
    lsc_certificate_detail certificate_detail;
    lsc_tag_list tags;
} lsc_certificate;

/** A top-level JSON value (one page, an error body, or something else). */
typedef struct lsc_document {
    size_t index;       /**< 0-based, per input */
    lsc_pos at;         /**< the document's first character */
    lsc_json_type type; /**< the JSON type of the document */
    size_t members;     /**< number of members, when it is an object */
    lsc_member certificates;   /**< the certificates array (not its elements) */
    size_t certificate_count;  /**< elements of certificates that are objects */
    lsc_string next_page_token;
    lsc_member response_metadata; /**< boto3's envelope (not decoded) */
    lsc_string error_type;        /**< wire error body: __type */
    lsc_string error_message;     /**< wire error body: message */
    lsc_member error;             /**< boto3 ClientError: Error */
    lsc_string error_code;        /**< Error.Code */
    lsc_string error_text;        /**< Error.Message */
} lsc_document;

/* ------------------------------------------------------------------ */
/* Rules                                                              */
/* ------------------------------------------------------------------ */

/** A rule of the catalog. */
typedef struct lsc_rule {
    const char *id;          /**< stable id, e.g. "tag-key-charset" */
    lsc_severity severity;   /**< default severity */
    const char *group;       /**< catalog section, e.g. "Tags" */
    const char *summary;     /**< one line */
    const char *explanation; /**< what, why, an example that fires, how to fix */
    int opt_in;              /**< nonzero: fires only with an option (--now, --expect...) */
} lsc_rule;

/** Number of rules in the catalog. */
size_t lsc_rule_count(void);

/** The i-th rule (catalog order), or NULL past the end. */
const lsc_rule *lsc_rule_at(size_t i);

/** The rule with this id, or NULL. */
const lsc_rule *lsc_rule_find(const char *id);

/* ------------------------------------------------------------------ */
/* Configuration                                                      */
/* ------------------------------------------------------------------ */

/** Options of a check run (rule severities, request context, limits). */
typedef struct lsc_config lsc_config;

/** What the request asked for (includeCertificateDetails). */
typedef enum lsc_expect {
    LSC_EXPECT_ANY = 0,
    LSC_EXPECT_DETAILS,
    LSC_EXPECT_SUMMARY
} lsc_expect;

/** A configuration with every rule at its default severity. NULL on out-of-memory. */
lsc_config *lsc_config_new(void);

/** Release a configuration (NULL is a no-op). */
void lsc_config_free(lsc_config *config);

/** Set a rule's severity (LSC_OFF disables it). Returns -1 for an unknown id. */
int lsc_config_set_severity(lsc_config *config, const char *rule_id, lsc_severity severity);

/** Turn a rule on at its default severity. Returns -1 for an unknown id. */
int lsc_config_enable(lsc_config *config, const char *rule_id);

/** The severity a rule has in this configuration (LSC_OFF if disabled or unknown). */
lsc_severity lsc_config_severity(const lsc_config *config, const char *rule_id);

/** --expect: enables expect-details or expect-summary. */
void lsc_config_set_expect(lsc_config *config, lsc_expect expect);

/** --expect-status: a comma-separated list of statuses; -1 on a bad list. */
int lsc_config_set_expect_status(lsc_config *config, const char *statuses);

/** --expect-name: the request's certificateName. -1 on out-of-memory. */
int lsc_config_set_expect_name(lsc_config *config, const char *name);

/** --now: the reference time for expired-but-issued and expires-soon. */
void lsc_config_set_now(lsc_config *config, lsc_time now);

/** --expiry-days (default 30); -1 if negative. */
int lsc_config_set_expiry_days(lsc_config *config, int64_t days);

/** --max-depth (default 64); -1 if below 1. */
int lsc_config_set_max_depth(lsc_config *config, uint64_t depth);

/**
 * --accept-array: a top-level array (what `aws lightsail get-certificates
 * --query certificates` saves) is checked as the certificates list of a
 * response instead of being not-a-response. Its pointers are those of the
 * document as saved: "/0/certificateDetail/notAfter".
 */
void lsc_config_set_accept_array(lsc_config *config, int accept);

/**
 * How many elements of each list of a certificate (tags, names, validation
 * records) stay linked in its struct for the certificate callback (default
 * 256; SIZE_MAX keeps every one, and memory then grows with the lists). The
 * lists' count always counts every element, and every element is validated
 * and handed to the element callback whatever the limit.
 */
void lsc_config_set_list_limit(lsc_config *config, size_t limit);

/** Parse an RFC 3339 / ISO 8601 date-time or an epoch number; -1 if it is neither. */
int lsc_time_parse(const char *text, size_t len, lsc_time *out);

/**
 * Format an instant as RFC 3339 UTC with millisecond precision
 * ("2023-06-19T18:47:14.567Z") into buf (at least 32 bytes). Returns the length.
 */
size_t lsc_time_format(lsc_time t, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Checking                                                           */
/* ------------------------------------------------------------------ */

/** A related location of a finding (e.g. the first of two duplicate keys). */
typedef struct lsc_related {
    lsc_pos pos;
    const char *pointer;
    size_t pointer_len;
    const char *message;
} lsc_related;

/** One finding. Strings are valid only during the callback. */
typedef struct lsc_finding {
    const lsc_rule *rule;  /**< the rule it names */
    lsc_severity severity; /**< the severity in force (never LSC_OFF) */
    const char *file;      /**< the input's name as given to lsc_checker_new() */
    size_t document;       /**< 0-based document index */
    lsc_pos pos;           /**< where it points (doc/contract.md §6) */
    const char *pointer;   /**< JSON Pointer (RFC 6901), raw bytes, relative to the document */
    size_t pointer_len;
    const char *message;   /**< plain text; values quoted and escaped, valid UTF-8 */
    const char *value;     /**< the raw value the finding is about (may be NULL) */
    size_t value_len;
    int has_certificate;   /**< nonzero: the finding is inside a certificate summary */
    size_t certificate;    /**< its index in certificates */
    lsc_pos certificate_at; /**< its '{' (context: "in the certificate at L:C") */
    const lsc_related *related; /**< NULL or one related location */
    /** Who the certificate is, for people (set when has_certificate): its
     * certificateName, else the last segment of its ARN, else "#INDEX";
     * raw bytes, not quoted. The message starts with the same, quoted. */
    const char *certificate_name;
    size_t certificate_name_len;
} lsc_finding;

/** Counters of one input. */
typedef struct lsc_stats {
    uint64_t bytes;
    size_t documents;
    size_t certificates;
    size_t findings[4]; /**< indexed by lsc_severity */
} lsc_stats;

/** Which list of a certificate an element belongs to. */
typedef enum lsc_list_kind {
    LSC_LIST_SUMMARY_TAGS = 0, /**< the summary's tags */
    LSC_LIST_DETAIL_TAGS,      /**< certificateDetail.tags */
    LSC_LIST_NAMES,            /**< certificateDetail.subjectAlternativeNames */
    LSC_LIST_DETAIL_RECORDS,   /**< certificateDetail.domainValidationRecords */
    LSC_LIST_RENEWAL_RECORDS   /**< certificateDetail.renewalSummary.domainValidationRecords */
} lsc_list_kind;

/** One element of a certificate's list, as it closes. */
typedef struct lsc_element {
    lsc_list_kind list;
    size_t document;    /**< the certificate's document (0-based) */
    size_t certificate; /**< the certificate's index in its certificates array */
    size_t index;       /**< the element's position in its list, counting every element */
    /** The decoded element: tag for the two tag lists, name for the names,
     * record for the two record lists; the others are NULL. */
    const lsc_tag *tag;
    const lsc_name *name;
    const lsc_validation_record *record;
} lsc_element;

/** Callbacks of a checker; any may be NULL. Return nonzero to stop the run. */
typedef struct lsc_callbacks {
    /** A document starts (its first character was read). */
    int (*document_start)(void *user, const lsc_document *doc);
    /** A certificate summary closed; called before its findings are delivered. */
    int (*certificate)(void *user, const lsc_certificate *cert);
    /** A document ended; doc holds its top-level members. */
    int (*document_end)(void *user, const lsc_document *doc);
    /** A finding, in deterministic order (by certificate, then position). */
    int (*finding)(void *user, const lsc_finding *finding);
    /** An element of a certificate's list (a tag or validation record object,
     * a name string) closed; called in input order, before the certificate
     * callback, whether or not the element stays in the certificate's list. */
    int (*element)(void *user, const lsc_element *element);
} lsc_callbacks;

/** Checks one input stream. */
typedef struct lsc_checker lsc_checker;

/**
 * Make a checker for one input. @p config is copied; @p file names the input
 * in findings (copied). Returns NULL and fills @p err (code LSC_NOMEM) when
 * memory runs out. The library never exits or aborts the process.
 */
lsc_checker *lsc_checker_new(const lsc_config *config, const char *file,
                             const lsc_callbacks *callbacks, void *user, lsc_error *err);

/**
 * Release a checker (NULL is a no-op). Called from inside one of this
 * checker's own callbacks, it stops the run (no callback is called after
 * that one) and the checker is released when the lsc_checker_feed() or
 * lsc_checker_finish() under the callback returns, which then returns
 * LSC_STOPPED: the checker must not be used after that call.
 */
void lsc_checker_free(lsc_checker *checker);

/**
 * Feed the next chunk of input (any size, 0 included). Returns LSC_OK while
 * the run goes on; LSC_MALFORMED when the input was found malformed (later
 * bytes are ignored, a json-syntax finding has been delivered, @p err holds
 * its line, column and byte offset); LSC_STOPPED when a callback returned
 * nonzero; LSC_NOMEM when memory ran out. Once a run has ended that way,
 * every later feed returns the same status.
 *
 * One exception delays LSC_MALFORMED: when the first 4 KiB of the input
 * may still show which form was saved by mistake (Python's print(), YAML,
 * the AWS CLI's table or text output), the json-syntax finding, which then
 * names that form, waits for those bytes or for lsc_checker_finish(), and
 * feeds return LSC_OK meanwhile. So the finding does not depend on how the
 * input was cut into chunks.
 *
 * LSC_MISUSE, with nothing else changed: a feed after lsc_checker_finish(),
 * or a call made from inside one of this checker's own callbacks (a
 * callback may feed another checker, never its own).
 */
lsc_status lsc_checker_feed(lsc_checker *checker, const void *data, size_t len, lsc_error *err);

/**
 * Signal the end of input: delivers what was pending (a truncated input is a
 * json-syntax finding). Same returns as lsc_checker_feed(); a second finish
 * returns what the first did; a call from inside this checker's callbacks
 * returns LSC_MISUSE.
 */
lsc_status lsc_checker_finish(lsc_checker *checker, lsc_error *err);

/**
 * Start the checker part way into an input: the first byte it will be fed
 * is at @p at (offset, line and column as if every byte before it had been
 * read) and @p document documents came before it. Positions, byte offsets,
 * document indices and the counters bytes and documents of
 * lsc_checker_stats() go on from there. The bytes must start between two
 * documents (where one reading from the start is at a line start, no
 * value open). What belongs to the input's real start is off: no
 * byte-order mark is looked for, and a json-syntax finding names no saved
 * form (the first 4 KiB hint of lsc_checker_feed()). State that spans
 * documents before the origin (the ARNs of a listing chained by
 * nextPageToken, for duplicate-certificate) starts empty. Returns LSC_OK;
 * LSC_MISUSE, with nothing changed, after the first feed or finish, or
 * when line or column is 0 or column - 1 exceeds offset, or when offset,
 * line, column or document exceeds INT64_MAX (so that the origin plus an
 * input's length cannot wrap round).
 */
lsc_status lsc_checker_set_origin(lsc_checker *checker, lsc_pos at, size_t document,
                                  lsc_error *err);

/** How many of an input's first bytes lsc_checker_set_head() takes. */
#define LSC_HEAD_SIZE 4096

/**
 * For a checker set to an origin (lsc_checker_set_origin()): the input's
 * first @p len bytes (at most LSC_HEAD_SIZE; fewer only when the input is
 * shorter), so that a json-syntax finding names the saved form (Python's
 * print(), YAML, the AWS CLI's table or text output) exactly as a checker
 * reading from the start would. Copied. Returns LSC_OK; LSC_MISUSE after
 * the first feed or finish, or when @p len exceeds LSC_HEAD_SIZE.
 */
lsc_status lsc_checker_set_head(lsc_checker *checker, const void *head, size_t len);

/**
 * For a checker set to an origin: an ARN of the listing (pages chained by
 * nextPageToken) that began before the origin and goes on into this
 * checker's bytes, with the document and certificate index of its first
 * appearance, so that duplicate-certificate finds repeats across the
 * split. Returns LSC_OK; LSC_MISUSE after the first feed or finish;
 * LSC_NOMEM when memory ran out.
 */
lsc_status lsc_checker_listing_add(lsc_checker *checker, const char *arn, size_t len,
                                   size_t document, size_t index);

/**
 * Nonzero when the bytes fed so far end between two documents with no
 * syntax error found (none waiting for the first 4 KiB either): a checker
 * set to an origin here may take the rest of the input over. Zero
 * otherwise, and for NULL.
 */
int lsc_checker_between_documents(const lsc_checker *checker);

/** Counters so far. */
const lsc_stats *lsc_checker_stats(const lsc_checker *checker);

/* ------------------------------------------------------------------ */
/* Reports: the six output formats                                    */
/* ------------------------------------------------------------------ */

/**
 * Where output goes: called with each piece of output, in order. Return 0
 * when all len bytes were taken; anything else is a write error (set errno
 * to say which, else EIO is assumed). data is valid only during the call.
 */
typedef int (*lsc_write_fn)(void *user, const char *data, size_t len);

/** An output format of lsc_reporter (doc/cli.md §3 describes each). */
typedef enum lsc_format {
    LSC_FORMAT_TEXT = 0, /**< FILE:LINE:COL: SEVERITY: MESSAGE [RULE] (POINTER) */
    LSC_FORMAT_JSON,     /**< one JSON document: tool, inputs, findings, summary */
    LSC_FORMAT_JSONL,    /**< one JSON object per finding per line */
    LSC_FORMAT_SARIF,    /**< SARIF 2.1.0, one run */
    LSC_FORMAT_GITHUB,   /**< GitHub Actions workflow commands */
    LSC_FORMAT_JUNIT,    /**< JUnit XML, one testsuite per input */
    LSC_FORMAT_GITLAB    /**< GitLab Code Quality (Code Climate JSON subset) */
} lsc_format;

/** "text", "json", "jsonl", "sarif", "github", "junit" (exact, lower case)
 *  into *out. Returns 0, or -1 (errno EINVAL) for any other name. */
int lsc_format_parse(const char *name, lsc_format *out);

/** The name of a format ("sarif"), or NULL for a value outside the enum. */
const char *lsc_format_name(lsc_format format);

/**
 * How a finding stands beyond its severity (lsc_reporter_finding()):
 * - LSC_MARK_EXPECTED: declared expected by the configuration. Counted
 *   apart from the severities, never a junit failure; text and junit lines
 *   end with " [expected]", json/jsonl objects have "expected":true, sarif
 *   results a suppression of kind inSource, github a ::notice.
 * - LSC_MARK_UNCHANGED: already in a baseline. Only sarif shows it
 *   (baselineState "unchanged"); it counts nowhere.
 */
typedef enum lsc_mark { LSC_MARK_NONE = 0, LSC_MARK_EXPECTED, LSC_MARK_UNCHANGED } lsc_mark;

/**
 * Options of a reporter. Fill with lsc_reporter_options_init() first, so
 * that size is set and fields added by later versions get their defaults.
 * The reporter copies the strings; config must outlive the reporter.
 */
typedef struct lsc_reporter_options {
    /** sizeof(lsc_reporter_options), set by lsc_reporter_options_init() */
    size_t size;
    /** The format; default LSC_FORMAT_TEXT. */
    lsc_format format;
    /** text: nonzero for ANSI colours; default 0. */
    int color;
    /** junit: findings at or above are failures (LSC_OFF: none); default LSC_ERROR. */
    lsc_severity fail_on;
    /** Findings below are counted, not written (LSC_OFF: all); default LSC_OFF. */
    lsc_severity show;
    /** Enabled rules and severities (sarif rules[], github summary); NULL: the defaults. */
    const lsc_config *config;
    /** json/sarif tool version; NULL: lsc_version(). */
    const char *tool_version;
    /** Nonzero: a baseline is in use, sarif results carry baselineState. */
    int baseline;
    /** sarif: the file that declared expected findings; NULL: "the configuration". */
    const char *expect_source;
    /** github: a file the Markdown summary is appended to at finish (e.g.
     *  $GITHUB_STEP_SUMMARY's value, which the caller reads); NULL: none. */
    const char *step_summary;
    /** github: the repository's directory (e.g. $GITHUB_WORKSPACE's value,
     *  which the caller reads): file names are written relative to it, as
     *  GitHub's annotations need; NULL: as given, without a leading "./". */
    const char *workspace;
} lsc_reporter_options;

/** Set every field of *opts to its default, and opts->size. */
void lsc_reporter_options_init(lsc_reporter_options *opts);

/** A reporter: turns input boundaries and findings into one format. */
typedef struct lsc_reporter lsc_reporter;

/**
 * A reporter writing through write(user, ...). The caller owns the
 * reporter (lsc_reporter_free()) and whatever user points to. Returns NULL
 * with errno ENOMEM on out-of-memory, EINVAL for a NULL write, an unknown
 * format or an opts->size too small.
 */
lsc_reporter *lsc_reporter_new(const lsc_reporter_options *opts, lsc_write_fn write, void *user);

/**
 * A reporter writing to out, which the caller owns and closes after
 * lsc_reporter_free() (the reporter never closes it; lsc_reporter_finish()
 * flushes it). Returns NULL as lsc_reporter_new().
 */
lsc_reporter *lsc_reporter_new_file(const lsc_reporter_options *opts, FILE *out);

/** Release a reporter and all it owns; NULL is a no-op. */
void lsc_reporter_free(lsc_reporter *reporter);

/*
 * The calls below return 0, or -1 with errno set: ENOMEM (out of memory),
 * the write error (the callback's errno, else EIO), or EINVAL for a call
 * out of order (that one alone is not sticky). Errors are sticky: after the
 * first, every later call returns -1 with the same errno and writes nothing.
 * Call order: (input_start (certificate | finding)* input_end)* absent* finish.
 */

/** An input starts; file is its name as printed ("<stdin>", "a.json"). */
int lsc_reporter_input_start(lsc_reporter *reporter, const char *file);

/** A certificate summary closed (the checker's certificate callback, which
 *  comes before its findings): its ARN, else name, else index becomes the
 *  identity in the sarif fingerprints of its findings. */
int lsc_reporter_certificate(lsc_reporter *reporter, const lsc_certificate *cert);

/** A finding of the current input, in the order the checker delivers them,
 *  with its mark (LSC_MARK_NONE for a plain finding). */
int lsc_reporter_finding(lsc_reporter *reporter, const lsc_finding *finding, lsc_mark mark);

/** The current input ended. status: "ok", "findings" or "unreadable" (then
 *  message says why, e.g. strerror(errno)); stats may be NULL (none read). */
int lsc_reporter_input_end(lsc_reporter *reporter, const lsc_stats *stats, const char *status,
                           const char *message);

/** A finding of the baseline that no longer occurs: a sarif result with
 *  baselineState "absent" at line 1, column 1 of file; nothing in the other
 *  formats. After the last input, before lsc_reporter_finish(). */
int lsc_reporter_absent(lsc_reporter *reporter, const char *file, const char *rule_id,
                        const char *pointer);

/** The run ended: the closing parts (json summary, sarif tail, junit tail,
 *  github totals and step summary); flushes a FILE output. Once it has
 *  run, every later lsc_reporter_* call but count, summary_line and free
 *  returns LSC_MISUSE (errno EINVAL) and writes nothing. */
int lsc_reporter_finish(lsc_reporter *reporter);

/** What lsc_reporter_count() counts. */
typedef enum lsc_report_counter {
    LSC_COUNT_FILES = 0,    /**< inputs started, unreadable ones included */
    LSC_COUNT_DOCUMENTS,    /**< documents of the inputs' stats */
    LSC_COUNT_CERTIFICATES, /**< certificates of the inputs' stats */
    LSC_COUNT_ERRORS,       /**< findings of severity error, not marked */
    LSC_COUNT_WARNINGS,     /**< findings of severity warning, not marked */
    LSC_COUNT_NOTES,        /**< findings of severity note, not marked */
    LSC_COUNT_EXPECTED      /**< findings marked LSC_MARK_EXPECTED */
} lsc_report_counter;

/** A counter so far (0 for an unknown counter). */
size_t lsc_reporter_count(const lsc_reporter *reporter, lsc_report_counter counter);

/**
 * The summary line ("2 files, 2 documents, 3 certificates: 1 error, 0
 * warnings, 2 notes", singular for 1) into buf, NUL-terminated and cut to
 * size. Returns the length of the whole line, as snprintf().
 */
int lsc_reporter_summary_line(const lsc_reporter *reporter, char *buf, size_t size);

/** What lsc_escape() escapes for. */
typedef enum lsc_escape_kind {
    /** Text already escaped by the library (a finding's message): control
     *  characters, U+2028/9 and bidi controls as JSON-style escapes (\n,
     *  \u001b), bytes that are not UTF-8 as \xhh; '\' kept. */
    LSC_ESCAPE_TEXT = 0,
    /** Raw bytes (a file name, a pointer): as LSC_ESCAPE_TEXT, '\' doubled. */
    LSC_ESCAPE_NAME,
    /** A JSON string with its quotes; bytes that are not UTF-8 as the text \xhh. */
    LSC_ESCAPE_JSON,
    /** A Markdown table cell, from text already escaped as LSC_ESCAPE_TEXT. */
    LSC_ESCAPE_MARKDOWN
} lsc_escape_kind;

/**
 * Write len bytes of s escaped as the reports escape them, through write.
 * Allocates nothing. Returns 0, or -1 with errno set (the write error, or
 * EINVAL for an unknown kind).
 */
int lsc_escape(lsc_escape_kind kind, const char *s, size_t len, lsc_write_fn write, void *user);

#ifdef __cplusplus
}
#endif

#endif /* LSCERTLINT_H */
