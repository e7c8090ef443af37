/* The rule registry: every rule of the catalog, in LSC_RULE_LIST order, with
 * its text (summary for --list-rules, explanation for --explain, SARIF and
 * doc/rules.md, which tests/rules_doc.c prints from this table). */
#include "schema/rules.h"

#include <string.h>

#define G_JSON "JSON layer"
#define G_SHAPE "Shape"
#define G_ENUM "Enumerations"
#define G_TAGS "Tags"
#define G_STATUS "Status-dependent fields"
#define G_CONSIST "Consistency"
#define G_TIME "Time"
#define G_STREAM "Stream and request context"
#define G_EXPECT "Declared expectations"

/* An explanation: what it checks, why it matters, an example that fires it
 * (an indented block) and how to fix it. */
#define EXPLAIN(what, why, example, fix)                                                           \
    what "\n\nWhy: " why "\n\nExample:\n\n" example "\n\nFix: " fix

/* Each rule's id and default severity come from LSC_RULE_LIST
 * (schema/rule_ids.h), their one source: an array per id (an address
 * constant the table can hold) and an enum constant per severity. */
#define RULE_ID_ARRAY(name, id, severity) static const char rule_id_##name[] = id;
LSC_RULE_LIST(RULE_ID_ARRAY)
#undef RULE_ID_ARRAY
enum {
#define RULE_SEVERITY_CONSTANT(name, id, severity) rule_severity_##name = severity,
    LSC_RULE_LIST(RULE_SEVERITY_CONSTANT)
#undef RULE_SEVERITY_CONSTANT
};
#define ID(name) rule_id_##name
#define SEVERITY(name) ((lsc_severity)rule_severity_##name)

static const lsc_rule rules[] = {
    /* ---- JSON layer ---- */
    [LSC_R_JSON_SYNTAX] =
        {ID(JSON_SYNTAX), SEVERITY(JSON_SYNTAX), G_JSON, "The input is not well-formed JSON.",
         EXPLAIN("The input is not well-formed JSON (RFC 8259): a syntax error, invalid UTF-8 "
                 "(overlong forms, surrogates, code points above U+10FFFF), an empty or "
                 "truncated input, or a second value on the line where the previous one ended. "
                 "Documents one after another are fine when each starts on a new line (JSON "
                 "Lines, pretty-printed pages). The message adds a hint for the saves people "
                 "make by mistake: Python's print(), YAML, the AWS CLI's table and text "
                 "outputs, UTF-16 (PowerShell 5's >), an empty file, the AWS CLI's error text "
                 "captured with 2>&1 (its error code quoted), an HTML page.",
                 "Nothing after the error can be checked; a truncated capture usually means a "
                 "redirect was interrupted or two outputs were concatenated.",
                 "    {\"certificates\": [ {\"certificateName\": \"web\"} ]\n"
                 "    (the closing brace is missing)",
                 "Save the response again, or repair the JSON at the reported line and column."),
         0},
    [LSC_R_JSON_DUPLICATE_KEY] =
        {ID(JSON_DUPLICATE_KEY), SEVERITY(JSON_DUPLICATE_KEY), G_JSON,
         "A key appears twice in one object.",
         EXPLAIN("A key appears twice in the same JSON object. The later value is the one the "
                 "other rules see; the finding points at the second key and gives the first "
                 "as a related location.",
                 "JSON parsers disagree about which value wins, so tools reading the same file "
                 "see different data. AWS never sends duplicate keys: the file was edited or "
                 "merged by hand.",
                 "    {\"certificateName\": \"web\", \"certificateName\": \"api\"}",
                 "Keep one of the two members."),
         0},
    [LSC_R_JSON_BOM] =
        {ID(JSON_BOM), SEVERITY(JSON_BOM), G_JSON, "The input starts with a UTF-8 byte-order mark.",
         EXPLAIN("The input starts with the UTF-8 byte-order mark EF BB BF. It is skipped and "
                 "checking goes on; columns do not count it.",
                 "RFC 8259 forbids a BOM in JSON that is exchanged; many tools (jq, older "
                 "parsers) reject the file. It usually comes from a Windows editor or from "
                 "PowerShell's Out-File.",
                 "    <EF BB BF>{\"certificates\": []}",
                 "Save the file as UTF-8 without BOM (PowerShell: Out-File -Encoding utf8NoBOM)."),
         0},
    [LSC_R_JSON_LONE_SURROGATE] =
        {ID(JSON_LONE_SURROGATE), SEVERITY(JSON_LONE_SURROGATE), G_JSON,
         "A \\u escape names half of a UTF-16 surrogate pair.",
         EXPLAIN("A \\uD800-\\uDFFF escape that is not a high surrogate followed by a low "
                 "one. The other rules see U+FFFD in its place.",
                 "Such a string is not Unicode text: strict decoders reject it and others "
                 "replace it silently, so the value differs between tools.",
                 "    {\"certificateName\": \"web\\ud83d\"}",
                 "Write the whole pair (\\ud83d\\ude00) or the character itself, or remove the "
                 "escape."),
         0},
    [LSC_R_JSON_DEPTH] =
        {ID(JSON_DEPTH), SEVERITY(JSON_DEPTH), G_JSON, "Nesting deeper than --max-depth.",
         EXPLAIN("Arrays and objects nest deeper than --max-depth (default 64). What lies "
                 "deeper is not decoded; syntax checking goes on to the end of the input.",
                 "A real GetCertificates response nests 8 levels deep; much deeper nesting is "
                 "not a response, and unbounded nesting can exhaust a reader's stack.",
                 "    [[[[[[[[ ... 65 levels ... ]]]]]]]]",
                 "Check that the file is the response you meant, or raise --max-depth."),
         0},
    /* ---- Shape ---- */
    [LSC_R_NOT_A_RESPONSE] =
        {ID(NOT_A_RESPONSE), SEVERITY(NOT_A_RESPONSE), G_SHAPE,
         "A document is not a GetCertificates response.",
         EXPLAIN("A document is not a JSON object, or is an object with members but none of "
                 "certificates, nextPageToken and ResponseMetadata (and it is not an AWS error "
                 "body).",
                 "The file probably holds another API's output (get-instances, "
                 "describe-certificate) or a processed extract; none of its certificates "
                 "would be checked.",
                 "    {\"instances\": []}",
                 "Save the output of aws lightsail get-certificates (or boto3's "
                 "get_certificates) instead."),
         0},
    [LSC_R_EMPTY_RESPONSE] =
        {ID(EMPTY_RESPONSE), SEVERITY(EMPTY_RESPONSE), G_SHAPE,
         "A document has no certificates member at all.",
         EXPLAIN("A document is {} or holds only ResponseMetadata.",
                 "An account without certificates returns \"certificates\": []; an empty "
                 "object is more often a capture that lost its body.",
                 "    {}", "Check the capture; nothing is wrong if the region really is empty."),
         0},
    [LSC_R_ERROR_RESPONSE] =
        {ID(ERROR_RESPONSE), SEVERITY(ERROR_RESPONSE), G_SHAPE,
         "A document is an AWS error, not a result.",
         EXPLAIN("The document is an AWS error: a wire error body with __type, or a boto3 "
                 "ClientError response ({\"Error\": {\"Code\", \"Message\"}, ...}). The "
                 "message names the exception and its text.",
                 "The request failed, so the file holds no certificates; a job that saves "
                 "whatever came back would otherwise pass silently.",
                 "    {\"__type\": \"AccessDeniedException\", \"message\": \"not authorized\"}",
                 "Fix the cause the message names (credentials, region, permissions) and "
                 "request again."),
         0},
    [LSC_R_TYPE_MISMATCH] =
        {ID(TYPE_MISMATCH), SEVERITY(TYPE_MISMATCH), G_SHAPE, "A field holds the wrong JSON type.",
         EXPLAIN("A field holds a JSON type the model does not allow (a string for a number, "
                 "an object for an array), or an integer field holds a fraction, an exponent or "
                 "a value outside int64. The field then counts as absent.",
                 "Typed SDKs (Go, Java, boto3's own parser) fail on such a response; a "
                 "hand-edited or re-serialized file is the usual cause.",
                 "    {\"certificateDetail\": {\"inUseResourceCount\": \"1\"}}",
                 "Write the value with the model's type (here: 1)."),
         0},
    [LSC_R_NULL_VALUE] =
        {ID(NULL_VALUE), SEVERITY(NULL_VALUE), G_SHAPE, "A field or list element is null.",
         EXPLAIN("A member or list element is null. It counts as absent for the other rules.",
                 "AWS omits members it has no value for; null comes from re-serialization "
                 "(pandas, a struct with optional fields) and breaks readers that expect the "
                 "model's type.",
                 "    {\"certificateDetail\": {\"revokedAt\": null}}",
                 "Drop the member, or write its real value."),
         0},
    [LSC_R_UNKNOWN_FIELD] =
        {ID(UNKNOWN_FIELD), SEVERITY(UNKNOWN_FIELD), G_SHAPE, "A member the model does not have.",
         EXPLAIN("An object holds a member the Lightsail model does not define at that place "
                 "(top-level ResponseMetadata, boto3's envelope, is known).",
                 "Most often a misspelling (certificateARN, Tags) or a field of another API; "
                 "the value the author meant is then missing.",
                 "    {\"certificates\": [{\"certificateARN\": \"arn:aws:...\"}]}",
                 "Use the model's key (keys are camelCase and case-sensitive), or remove it."),
         0},
    [LSC_R_MISSING_FIELD] =
        {ID(MISSING_FIELD), SEVERITY(MISSING_FIELD), G_SHAPE,
         "A summary or certificateDetail lacks a core member.",
         EXPLAIN("A certificate summary lacks certificateArn, certificateName or domainName, "
                 "or a certificateDetail lacks arn, name, domainName or status. One finding "
                 "per missing member, pointing at the object. A member that is null or of the "
                 "wrong type was already reported and is not reported again.",
                 "The model makes every member optional, but Lightsail always sends these: a "
                 "response without them was cut or edited, and tools that key certificates by "
                 "ARN or name lose them.",
                 "    {\"certificates\": [{\"certificateName\": \"web\", \"domainName\": "
                 "\"example.com\"}]}",
                 "Save the response again, unedited."),
         0},
    [LSC_R_BLANK_ARN] =
        {ID(BLANK_ARN), SEVERITY(BLANK_ARN), G_SHAPE,
         "certificateArn or arn is empty or white space.",
         EXPLAIN("certificateArn (summary) or arn (certificateDetail) is empty or only ASCII "
                 "white space, against the model's pattern .*\\S.*.",
                 "An ARN identifies the certificate for every other call (delete, tag, attach); "
                 "a blank one cannot be used.",
                 "    {\"certificates\": [{\"certificateArn\": \"\"}]}",
                 "Restore the ARN from the original response."),
         0},
    [LSC_R_BLANK_VALUE] =
        {ID(BLANK_VALUE), SEVERITY(BLANK_VALUE), G_SHAPE,
         "A name, domain or page token is empty or white space.",
         EXPLAIN("certificateName, domainName (summary or detail), name, nextPageToken, a "
                 "subjectAlternativeNames entry or a validation record's domainName is empty "
                 "or only ASCII white space.",
                 "Lightsail never returns such values; they mean a template was filled in "
                 "badly or a value was lost on the way.",
                 "    {\"certificates\": [{\"certificateName\": \"  \"}]}",
                 "Restore the value from the original response."),
         0},
    /* ---- Enumerations ---- */
    [LSC_R_ENUM_VALUE] =
        {ID(ENUM_VALUE), SEVERITY(ENUM_VALUE), G_ENUM,
         "A status or code is not a value of the model's enum.",
         EXPLAIN("status, validationStatus, dnsRecordCreationState.code or renewalStatus holds "
                 "a value the model's enum does not have. When it differs from a model value "
                 "only by case or by _, - or spaces, the message suggests that value.",
                 "Code that compares against the enum (status == \"ISSUED\") silently misses "
                 "the certificate. renewalStatus is PascalCase (PendingAutoRenewal) while the "
                 "sibling ACM enum is UPPER_SNAKE: a classic mix-up.",
                 "    {\"renewalSummary\": {\"renewalStatus\": \"PENDING_AUTO_RENEWAL\"}}",
                 "Use the model's spelling: PendingAutoRenewal."),
         0},
    [LSC_R_DOCUMENTED_VALUE] =
        {ID(DOCUMENTED_VALUE), SEVERITY(DOCUMENTED_VALUE), G_ENUM,
         "A reason or record type is outside its documented set.",
         EXPLAIN("requestFailureReason, revocationReason or resourceRecord.type holds a value "
                 "outside the documented set (revocationReason knows both SUPERCEDED and "
                 "SUPERSEDED; the record type is CNAME).",
                 "These fields are plain strings in the model, so a new value is possible, but "
                 "an unknown one is more often a typo or another service's value.",
                 "    {\"requestFailureReason\": \"DOMAIN_NOT_ALLOWED_\"}",
                 "Check the value against the GetCertificates documentation."),
         0},
    [LSC_R_UNFAMILIAR_VALUE] =
        {ID(UNFAMILIAR_VALUE), SEVERITY(UNFAMILIAR_VALUE), G_ENUM,
         "keyAlgorithm, eligibleToRenew or issuerCA is unusual.",
         EXPLAIN("keyAlgorithm is not one of RSA-1024, RSA-2048, RSA-3072, RSA-4096, "
                 "EC-prime256v1, EC-secp384r1, EC-secp521r1; eligibleToRenew is not ELIGIBLE "
                 "or INELIGIBLE; or issuerCA is not Amazon.",
                 "These fields have no enum in the model; the values above are the ones seen. "
                 "Anything else deserves a look, nothing more.",
                 "    {\"keyAlgorithm\": \"RSA2048\"}",
                 "None needed if the value is genuine; otherwise correct it."),
         0},
    /* ---- Tags ---- */
    [LSC_R_TAG_KEY_MISSING] =
        {ID(TAG_KEY_MISSING), SEVERITY(TAG_KEY_MISSING), G_TAGS,
         "A tag has no key, or an empty one.",
         EXPLAIN("A tag object has no key member, or its key is the empty string. Tag keys "
                 "are 1 to 128 characters.",
                 "TagResource rejects such a tag, so the file cannot be a real response or be "
                 "replayed; a key-only tag is {\"key\": \"owner\"}, not {\"value\": \"owner\"}.",
                 "    {\"tags\": [{\"value\": \"prod\"}]}", "Give the tag its key."),
         0},
    [LSC_R_TAG_KEY_LENGTH] =
        {ID(TAG_KEY_LENGTH), SEVERITY(TAG_KEY_LENGTH), G_TAGS,
         "A tag key is longer than 128 characters.",
         EXPLAIN("A tag key has more than 128 Unicode characters (code points, not bytes).",
                 "Lightsail rejects longer keys, so the tag cannot be applied.",
                 "    {\"tags\": [{\"key\": \"<129 characters>\"}]}",
                 "Shorten the key to at most 128 characters."),
         0},
    [LSC_R_TAG_VALUE_LENGTH] =
        {ID(TAG_VALUE_LENGTH), SEVERITY(TAG_VALUE_LENGTH), G_TAGS,
         "A tag value is longer than 256 characters.",
         EXPLAIN("A tag value has more than 256 Unicode characters (code points, not bytes).",
                 "Lightsail rejects longer values, so the tag cannot be applied.",
                 "    {\"tags\": [{\"key\": \"note\", \"value\": \"<257 characters>\"}]}",
                 "Shorten the value to at most 256 characters."),
         0},
    [LSC_R_TAG_KEY_CHARSET] =
        {ID(TAG_KEY_CHARSET), SEVERITY(TAG_KEY_CHARSET), G_TAGS,
         "A tag key holds a character tags do not allow.",
         EXPLAIN("A tag key holds a character other than a Unicode letter (L*), number (N*), "
                 "space separator (Zs) or one of + - = . _ : / @. The message names the first "
                 "such character and its code point.",
                 "Lightsail rejects the tag; invisible characters (tabs, zero-width spaces, "
                 "combining marks) are easy to paste by accident and hard to see.",
                 "    {\"tags\": [{\"key\": \"cost#center\"}]}",
                 "Remove or replace the character (cost-center)."),
         0},
    [LSC_R_TAG_VALUE_CHARSET] =
        {ID(TAG_VALUE_CHARSET), SEVERITY(TAG_VALUE_CHARSET), G_TAGS,
         "A tag value holds a character tags do not allow.",
         EXPLAIN("A tag value holds a character other than a Unicode letter (L*), number (N*), "
                 "space separator (Zs) or one of + - = . _ : / @. The message names the first "
                 "such character and its code point.",
                 "Lightsail rejects the tag; commas, quotes, emoji and control characters are "
                 "the usual culprits.",
                 "    {\"tags\": [{\"key\": \"owner\", \"value\": \"ops, web\"}]}",
                 "Remove or replace the character."),
         0},
    [LSC_R_TAG_KEY_RESERVED] =
        {ID(TAG_KEY_RESERVED), SEVERITY(TAG_KEY_RESERVED), G_TAGS,
         "A tag key starts with the reserved aws: prefix.",
         EXPLAIN("A tag key starts with aws: in any case, outside the namespaces AWS's "
                 "own services tag in (aws:cloudformation:, aws:autoscaling:, aws:ec2spot:, "
                 "aws:ec2launchtemplate:, aws:servicecatalog:, aws:elasticmapreduce:, "
                 "aws:ecs:, aws:eks:, aws:cloud9:, in lower case): aws:cloudformation:stack-name "
                 "on a certificate CloudFormation created is no finding.",
                 "The prefix is reserved for tags AWS applies; users cannot add or change such "
                 "tags, so a hand-written one such as aws:owner will not apply.",
                 "    {\"tags\": [{\"key\": \"aws:owner\", \"value\": \"ops\"}]}",
                 "Rename the tag (owner): the aws: prefix is for AWS's own tags."),
         0},
    [LSC_R_TAG_KEY_DUPLICATE] =
        {ID(TAG_KEY_DUPLICATE), SEVERITY(TAG_KEY_DUPLICATE), G_TAGS,
         "The same tag key twice in one tags array.",
         EXPLAIN("Two tags of one tags array have the same key (keys are case-sensitive: Env "
                 "and env differ). The finding points at the later one.",
                 "Keys are unique per resource: a response cannot hold both, and which value "
                 "a reader keeps depends on the reader.",
                 "    {\"tags\": [{\"key\": \"env\", \"value\": \"prod\"}, {\"key\": \"env\", "
                 "\"value\": \"dev\"}]}",
                 "Keep one of the tags."),
         0},
    [LSC_R_TAG_COUNT] =
        {ID(TAG_COUNT), SEVERITY(TAG_COUNT), G_TAGS, "More than 50 tags in one tags array.",
         EXPLAIN("A tags array has more than 50 elements.",
                 "A Lightsail resource has at most 50 tags; the list was merged or duplicated.",
                 "    {\"tags\": [{\"key\": \"k1\"}, ... 51 tags ...]}", "Remove the extra tags."),
         0},
    /* ---- Status-dependent fields ---- */
    [LSC_R_REVOKED_ONLY_FIELD] =
        {ID(REVOKED_ONLY_FIELD), SEVERITY(REVOKED_ONLY_FIELD), G_STATUS,
         "revokedAt or revocationReason on a certificate that is not REVOKED.",
         EXPLAIN("revokedAt or revocationReason is present while status is present and is not "
                 "REVOKED. One finding per field.",
                 "The API documents both as present only for revoked certificates; a reader "
                 "that tests for revokedAt would treat the certificate as revoked.",
                 "    {\"status\": \"ISSUED\", \"revocationReason\": \"UNSPECIFIED\"}",
                 "Remove the fields, or correct the status."),
         0},
    [LSC_R_REVOKED_MISSING_FIELD] =
        {ID(REVOKED_MISSING_FIELD), SEVERITY(REVOKED_MISSING_FIELD), G_STATUS,
         "A REVOKED certificate lacks revokedAt or revocationReason.",
         EXPLAIN("status is REVOKED but revokedAt or revocationReason is absent. One finding "
                 "per field, pointing at status.",
                 "Lightsail sends both for a revoked certificate; without them nobody can tell "
                 "when and why it was revoked.",
                 "    {\"status\": \"REVOKED\", \"revokedAt\": 1718000000}",
                 "Restore the missing field from the original response."),
         0},
    [LSC_R_FAILURE_REASON_STATUS] =
        {ID(FAILURE_REASON_STATUS), SEVERITY(FAILURE_REASON_STATUS), G_STATUS,
         "requestFailureReason on a certificate that is not FAILED.",
         EXPLAIN("requestFailureReason is present while status is present and is not FAILED.",
                 "The reason explains a failed request; on another status it contradicts the "
                 "status, and one of the two is wrong.",
                 "    {\"status\": \"ISSUED\", \"requestFailureReason\": \"OTHER\"}",
                 "Remove the reason, or correct the status."),
         0},
    [LSC_R_ISSUED_MISSING_FIELD] =
        {ID(ISSUED_MISSING_FIELD), SEVERITY(ISSUED_MISSING_FIELD), G_STATUS,
         "An ISSUED certificate lacks issuedAt, notBefore, notAfter or serialNumber.",
         EXPLAIN("status is ISSUED but issuedAt, notBefore, notAfter or serialNumber is absent. "
                 "One finding per field, pointing at status.",
                 "An issued certificate has a validity period and a serial number; without "
                 "notAfter no expiry can be monitored.",
                 "    {\"status\": \"ISSUED\", \"notBefore\": 1687132800}",
                 "Restore the missing fields from the original response."),
         0},
    [LSC_R_UNISSUED_HAS_VALIDITY] =
        {ID(UNISSUED_HAS_VALIDITY), SEVERITY(UNISSUED_HAS_VALIDITY), G_STATUS,
         "A certificate that was never issued has validity data.",
         EXPLAIN("status is PENDING_VALIDATION, VALIDATION_TIMED_OUT or FAILED while issuedAt, "
                 "notBefore, notAfter or serialNumber is present. One finding per field.",
                 "A certificate that was never issued has no validity period and no serial "
                 "number: either the status or the fields are wrong.",
                 "    {\"status\": \"PENDING_VALIDATION\", \"notAfter\": 1721347199}",
                 "Correct the status, or remove the fields."),
         0},
    [LSC_R_VALIDATION_INCOMPLETE] =
        {ID(VALIDATION_INCOMPLETE), SEVERITY(VALIDATION_INCOMPLETE), G_STATUS,
         "An ISSUED certificate has a domain validation that did not succeed.",
         EXPLAIN(
             "status is ISSUED while a record of the top-level domainValidationRecords has "
             "a validationStatus other than SUCCESS.",
             "Issuance requires every domain to be validated; the record or the status is "
             "stale or edited.",
             "    {\"status\": \"ISSUED\", \"domainValidationRecords\": [{\"validationStatus\": "
             "\"PENDING_VALIDATION\"}]}",
             "Save a fresh response; check the DNS records if it persists."),
         0},
    /* ---- Consistency ---- */
    [LSC_R_SUMMARY_DETAIL_MISMATCH] =
        {ID(SUMMARY_DETAIL_MISMATCH), SEVERITY(SUMMARY_DETAIL_MISMATCH), G_CONSIST,
         "The summary and its certificateDetail disagree on ARN, name or domain.",
         EXPLAIN("certificateArn differs from certificateDetail.arn, certificateName from "
                 "certificateDetail.name, or the summary's domainName from "
                 "certificateDetail.domainName (exact comparison, both present).",
                 "Both describe the same certificate; a difference means two responses were "
                 "spliced together or one side was edited.",
                 "    {\"certificateName\": \"web\", \"certificateDetail\": {\"name\": \"api\"}}",
                 "Make both sides name the same certificate."),
         0},
    [LSC_R_TAGS_MISMATCH] =
        {ID(TAGS_MISMATCH), SEVERITY(TAGS_MISMATCH), G_CONSIST,
         "The summary's tags differ from certificateDetail.tags.",
         EXPLAIN("The summary's tags and certificateDetail.tags, both present, differ as "
                 "multisets of (key, value) pairs; order does not matter and a tag without "
                 "value equals one with \"value\": \"\".",
                 "Both lists are the same resource's tags; a difference means a splice or an "
                 "edit of one side.",
                 "    {\"tags\": [{\"key\": \"env\", \"value\": \"prod\"}], \"certificateDetail\": "
                 "{\"tags\": []}}",
                 "Make both lists equal."),
         0},
    [LSC_R_DETAIL_PRESENCE_MIXED] =
        {ID(DETAIL_PRESENCE_MIXED), SEVERITY(DETAIL_PRESENCE_MIXED), G_CONSIST,
         "Some summaries of a document have certificateDetail and some do not.",
         EXPLAIN("In one document, some certificate summaries have certificateDetail and some "
                 "do not. The finding points at the first summary unlike the document's "
                 "first summary.",
                 "One request returns details for all certificates or for none "
                 "(includeCertificateDetails): the pages of two requests were merged.",
                 "    {\"certificates\": [{\"certificateName\": \"a\", \"certificateDetail\": "
                 "{}}, {\"certificateName\": \"b\"}]}",
                 "Merge only pages of the same request."),
         0},
    [LSC_R_SAN_MISSING_DOMAIN] =
        {ID(SAN_MISSING_DOMAIN), SEVERITY(SAN_MISSING_DOMAIN), G_CONSIST,
         "The certificate's domainName is not among its subjectAlternativeNames.",
         EXPLAIN("certificateDetail.domainName is not in subjectAlternativeNames (compared "
                 "case-insensitively).",
                 "Lightsail always lists the primary domain among the alternative names; "
                 "clients that validate against the SAN list would reject the primary name.",
                 "    {\"domainName\": \"example.com\", \"subjectAlternativeNames\": "
                 "[\"www.example.com\"]}",
                 "Add the domain name to the list, or correct domainName."),
         0},
    [LSC_R_SAN_DUPLICATE] =
        {ID(SAN_DUPLICATE), SEVERITY(SAN_DUPLICATE), G_CONSIST,
         "A name appears twice in subjectAlternativeNames.",
         EXPLAIN("A name appears twice in subjectAlternativeNames (compared "
                 "case-insensitively). The finding points at the later entry.",
                 "CreateCertificate rejects duplicate names, so the list was edited.",
                 "    {\"subjectAlternativeNames\": [\"example.com\", \"EXAMPLE.com\"]}",
                 "Remove the duplicate."),
         0},
    [LSC_R_SAN_COUNT] =
        {ID(SAN_COUNT), SEVERITY(SAN_COUNT), G_CONSIST,
         "More than 10 names in subjectAlternativeNames.",
         EXPLAIN("subjectAlternativeNames has more than 10 elements.",
                 "A Lightsail certificate covers at most 10 names, the domain name included.",
                 "    {\"subjectAlternativeNames\": [\"a.example.com\", ... 11 names ...]}",
                 "Split the names over several certificates."),
         0},
    [LSC_R_DOMAIN_NAME_FORMAT] =
        {ID(DOMAIN_NAME_FORMAT), SEVERITY(DOMAIN_NAME_FORMAT), G_CONSIST,
         "A domain name is not a valid DNS host name.",
         EXPLAIN("A domainName (summary, detail or validation record) or a "
                 "subjectAlternativeNames entry is not a DNS host name: labels of 1 to 63 "
                 "letters, digits or hyphens that neither start nor end with a hyphen, at least "
                 "two labels, at most 253 characters, no trailing dot. A * wildcard label is "
                 "reported as unsupported. Blank values are left to blank-value.",
                 "Lightsail certificates cover host names only and do not support wildcards; "
                 "such a name cannot have been issued.",
                 "    {\"domainName\": \"*.example.com\"}",
                 "List each host name explicitly (www.example.com, api.example.com)."),
         0},
    [LSC_R_VALIDATION_RECORD_DOMAIN] =
        {ID(VALIDATION_RECORD_DOMAIN), SEVERITY(VALIDATION_RECORD_DOMAIN), G_CONSIST,
         "A validation record's domain is not a SAN, or repeats.",
         EXPLAIN(
             "A validation record's domainName (top-level or renewal list) is not among "
             "subjectAlternativeNames (when that list is present), or two records of one "
             "list share a domainName (case-insensitive; the later one is reported).",
             "Lightsail makes one validation record per name of the certificate; a record "
             "for another name, or two for one name, come from another certificate.",
             "    {\"subjectAlternativeNames\": [\"example.com\"], \"domainValidationRecords\": "
             "[{\"domainName\": \"other.com\"}]}",
             "Keep the records that belong to this certificate's names."),
         0},
    [LSC_R_VALIDATION_RECORD_NAME] =
        {ID(VALIDATION_RECORD_NAME), SEVERITY(VALIDATION_RECORD_NAME), G_CONSIST,
         "A validation record's DNS name is not under its domain.",
         EXPLAIN("resourceRecord.name does not end with \".\" + the record's domainName + \".\" "
                 "(case-insensitive).",
                 "The CNAME that proves control of a domain lives under that domain "
                 "(_<hash>.example.com.); a name elsewhere cannot validate it.",
                 "    {\"domainName\": \"example.com\", \"resourceRecord\": {\"name\": "
                 "\"_0123.example.org.\"}}",
                 "Pair each record with its own domain."),
         0},
    [LSC_R_ARN_FORMAT] =
        {ID(ARN_FORMAT), SEVERITY(ARN_FORMAT), G_CONSIST,
         "An ARN is not a Lightsail certificate ARN.",
         EXPLAIN("certificateArn or arn is not arn:PARTITION:lightsail:REGION:ACCOUNT:"
                 "Certificate/ID (partition aws, aws-cn, aws-us-gov or another aws-*; a region "
                 "like us-east-1; a 12-digit account; a non-empty ID).",
                 "An ACM ARN (arn:aws:acm:...) or a truncated ARN is rejected by Lightsail's "
                 "own calls; the file mixes services or was edited.",
                 "    {\"certificateArn\": \"arn:aws:acm:us-east-1:123456789012:certificate/abc\"}",
                 "Use the ARN Lightsail returned."),
         0},
    [LSC_R_SERIAL_NUMBER_FORMAT] =
        {ID(SERIAL_NUMBER_FORMAT), SEVERITY(SERIAL_NUMBER_FORMAT), G_CONSIST,
         "serialNumber is not colon-separated hex byte pairs.",
         EXPLAIN("serialNumber is not hexadecimal byte pairs joined by colons "
                 "(0f:ac:b0:a3:...).",
                 "That is how Lightsail prints serial numbers; another form (decimal, without "
                 "colons) was converted by a tool and will not match the certificate's own.",
                 "    {\"serialNumber\": \"0facb0a38dea\"}",
                 "Write the serial number as 0f:ac:b0:a3:8d:ea."),
         0},
    [LSC_R_COUNT_RANGE] =
        {ID(COUNT_RANGE), SEVERITY(COUNT_RANGE), G_CONSIST, "inUseResourceCount is negative.",
         EXPLAIN("inUseResourceCount is below zero.",
                 "It counts the resources using the certificate: it cannot be negative.",
                 "    {\"inUseResourceCount\": -1}", "Restore the count."),
         0},
    /* ---- Time ---- */
    [LSC_R_TIMESTAMP_FORMAT] =
        {ID(TIMESTAMP_FORMAT), SEVERITY(TIMESTAMP_FORMAT), G_TIME,
         "A timestamp is not a valid instant.",
         EXPLAIN("A timestamp (createdAt, issuedAt, notBefore, notAfter, revokedAt, "
                 "renewalSummary.updatedAt) is a negative number, a number that is not finite "
                 "or lies beyond year 9999, a string that is not an ISO 8601 / RFC 3339 "
                 "date-time (T or a space between date and time, 0-9 fraction digits, Z or "
                 "+hh:mm), names an impossible date or time, or lies outside years 0000 to "
                 "9999 once its UTC offset is applied (0000-01-01T00:00:00+01:00 is in the "
                 "year before 0000).",
                 "The time rules cannot use it, and readers fail on it differently.",
                 "    {\"notAfter\": \"2024-02-30T00:00:00Z\"}",
                 "Write epoch seconds, or an RFC 3339 date-time with a zone."),
         0},
    [LSC_R_TIMESTAMP_STYLE_MIXED] =
        {ID(TIMESTAMP_STYLE_MIXED), SEVERITY(TIMESTAMP_STYLE_MIXED), G_TIME,
         "One document mixes number and string timestamps.",
         EXPLAIN("A document holds timestamps as epoch numbers and as strings. The finding "
                 "points at the first timestamp whose style differs from the document's first "
                 "timestamp.",
                 "Each saved form uses one style (the wire and CLI v1: numbers; CLI v2 and "
                 "boto3: strings): mixing means outputs of different tools were merged.",
                 "    {\"createdAt\": 1687200434.567, \"issuedAt\": "
                 "\"2023-06-19T18:51:38+00:00\"}",
                 "Save all pages with the same tool."),
         0},
    [LSC_R_VALIDITY_ORDER] =
        {ID(VALIDITY_ORDER), SEVERITY(VALIDITY_ORDER), G_TIME, "notBefore is not before notAfter.",
         EXPLAIN("notBefore is at or after notAfter.",
                 "An X.509 certificate is valid from notBefore to notAfter, so notBefore comes "
                 "first; swapped or equal times mean an edit or a time-zone mistake.",
                 "    {\"notBefore\": 1721347199, \"notAfter\": 1687132800}",
                 "Restore the times from the original response."),
         0},
    [LSC_R_EVENT_ORDER] =
        {ID(EVENT_ORDER), SEVERITY(EVENT_ORDER), G_TIME, "A certificate's events are out of order.",
         EXPLAIN("issuedAt is before createdAt, revokedAt before issuedAt, or "
                 "renewalSummary.updatedAt before createdAt. The finding points at the later "
                 "field. (createdAt after notBefore is normal and not reported.)",
                 "A certificate is created, then issued, then possibly revoked; another order "
                 "usually means a time zone was lost when the file was converted.",
                 "    {\"createdAt\": \"2023-06-19T18:47:14Z\", \"issuedAt\": "
                 "\"2023-06-19T11:51:38Z\"}",
                 "Check how the timestamps were converted; keep their zones."),
         0},
    [LSC_R_EXPIRED_BUT_ISSUED] =
        {ID(EXPIRED_BUT_ISSUED), SEVERITY(EXPIRED_BUT_ISSUED), G_TIME,
         "With --now: an ISSUED certificate is past its notAfter.",
         EXPLAIN("Only with --now: status is ISSUED and notAfter is at or before now.",
                 "An expired certificate is still attached somewhere (inUseResourceCount) or "
                 "the capture is old; renewal did not happen.",
                 "    lscertlint --now=2025-01-01T00:00:00Z on {\"status\": \"ISSUED\", "
                 "\"notAfter\": \"2024-07-18T23:59:59Z\"}",
                 "Renew or replace the certificate, or check a fresh capture."),
         1},
    [LSC_R_EXPIRES_SOON] =
        {ID(EXPIRES_SOON), SEVERITY(EXPIRES_SOON), G_TIME,
         "With --now: an ISSUED certificate expires within --expiry-days.",
         EXPLAIN("Only with --now: status is ISSUED and notAfter lies after now and at most "
                 "--expiry-days (default 30) later. The message gives the days left and the "
                 "renewalStatus.",
                 "Managed renewal needs validated DNS records; a certificate this close to "
                 "expiry whose renewal is not Success needs attention now.",
                 "    lscertlint --now=2024-07-01T00:00:00Z on {\"status\": \"ISSUED\", "
                 "\"notAfter\": \"2024-07-18T23:59:59Z\"}",
                 "Check renewalSummary and the validation CNAMEs; renew by hand if needed."),
         1},
    /* ---- Stream and request context ---- */
    [LSC_R_PARTIAL_PAGE] =
        {ID(PARTIAL_PAGE), SEVERITY(PARTIAL_PAGE), G_STREAM,
         "The document is one page of several (nextPageToken).",
         EXPLAIN("nextPageToken is present: more certificates exist than this document holds.",
                 "GetCertificates has no paginator in the CLI; a script that saved one page "
                 "misses the rest.",
                 "    {\"certificates\": [], \"nextPageToken\": \"eyJ2IjoxfQ==\"}",
                 "Request the next pages with pageToken and save them too."),
         0},
    [LSC_R_DUPLICATE_CERTIFICATE] =
        {ID(DUPLICATE_CERTIFICATE), SEVERITY(DUPLICATE_CERTIFICATE), G_STREAM,
         "The same certificateArn twice in one listing.",
         EXPLAIN("A certificateArn was already seen in the same listing of one input: earlier "
                 "in the same document, or in an earlier page of it (documents chained by "
                 "nextPageToken). A document without nextPageToken ends the listing, so "
                 "daily snapshots in one file do not fire it.",
                 "Each certificate appears once per listing; a repeat means a page was saved "
                 "twice or pages were merged by hand.",
                 "    {\"certificates\": [{\"certificateArn\": \"arn:...:Certificate/a\"}, "
                 "{\"certificateArn\": \"arn:...:Certificate/a\"}]}",
                 "Remove the repeated page or certificate."),
         0},
    [LSC_R_EXPECT_DETAILS] =
        {ID(EXPECT_DETAILS), SEVERITY(EXPECT_DETAILS), G_STREAM,
         "With --expect=details: a summary lacks certificateDetail.",
         EXPLAIN("Only with --expect=details: a certificate summary has no certificateDetail.",
                 "The request set includeCertificateDetails, so every summary should carry "
                 "its detail; without it the status and expiry cannot be checked.",
                 "    lscertlint --expect=details on {\"certificates\": [{\"certificateName\": "
                 "\"web\"}]}",
                 "Request again with --include-certificate-details."),
         1},
    [LSC_R_EXPECT_SUMMARY] =
        {ID(EXPECT_SUMMARY), SEVERITY(EXPECT_SUMMARY), G_STREAM,
         "With --expect=summary: a certificateDetail is present.",
         EXPLAIN("Only with --expect=summary: a certificate summary has certificateDetail.",
                 "The request did not ask for details; their presence means the file comes "
                 "from another request.",
                 "    lscertlint --expect=summary on {\"certificates\": [{\"certificateDetail\": "
                 "{}}]}",
                 "Check which request produced the file."),
         1},
    [LSC_R_STATUS_FILTER] =
        {ID(STATUS_FILTER), SEVERITY(STATUS_FILTER), G_STREAM,
         "With --expect-status: a status outside the requested list.",
         EXPLAIN("Only with --expect-status=S[,S...]: a certificateDetail.status is not one of "
                 "the listed statuses (the request's certificateStatuses).",
                 "The service filters by status, so such a certificate cannot come from that "
                 "request: the file is from another one or was merged.",
                 "    lscertlint --expect-status=ISSUED on {\"status\": \"EXPIRED\"}",
                 "Check which request produced the file."),
         1},
    [LSC_R_NAME_FILTER] =
        {ID(NAME_FILTER), SEVERITY(NAME_FILTER), G_STREAM,
         "With --expect-name: a certificateName other than the requested one.",
         EXPLAIN("Only with --expect-name=NAME: a summary's certificateName is not NAME (the "
                 "request's certificateName).",
                 "A request for one certificate returns only that one; another name means the "
                 "file is from another request.",
                 "    lscertlint --expect-name=web on {\"certificates\": [{\"certificateName\": "
                 "\"api\"}]}",
                 "Check which request produced the file."),
         1},
        {ID(EXPECTED_FINDING_MISSING), SEVERITY(EXPECTED_FINDING_MISSING), G_EXPECT,
         "A finding declared in expect-findings did not occur.",
         EXPLAIN("Only with a configuration file's expect-findings: an entry declares that the "
                 "files it matches produce findings of these rules (at these pointers, when "
                 "given), and one of them did not occur in this file. The finding points at the "
                 "file (1:1, pointer \"\").",
                 "A capture kept to fail on purpose (a negative fixture) that stops failing no "
                 "longer tests what it was kept for.",
                 "    .lscertlint.json: {\"expect-findings\": [{\"files\": [\"bad/*.json\"], "
                 "\"rules\": [\"enum-value\"]}]}\n"
                 "    bad/x.json: a capture whose statuses are all valid",
                 "Restore the flaw in the file, or update the expect-findings entry."),
         0},
};

_Static_assert(sizeof rules / sizeof rules[0] == LSC_R__COUNT,
               "the registry has one entry per rule id");

const lsc_rule *lscp_rule(lsc_rule_id id) {
    return (unsigned)id < LSC_R__COUNT ? &rules[id] : NULL;
}

size_t lsc_rule_count(void) {
    return LSC_R__COUNT;
}

const lsc_rule *lsc_rule_at(size_t i) {
    return i < LSC_R__COUNT ? &rules[i] : NULL;
}

const lsc_rule *lsc_rule_find(const char *id) {
    if (!id)
        return NULL;
    for (size_t i = 0; i < LSC_R__COUNT; i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}
