#!/usr/bin/env python3
"""Write tests/forms/flawed/{wire,cli-v1,cli-v2,boto3}.json.

One GetCertificates response (three certificates with certificateDetail) is
described once below and saved in the four forms of doc/contract.md §3,
each byte for byte as that client prints it:

  wire    the raw service body: compact, one line, raw UTF-8, timestamps as
          epoch-second numbers in Java's Double.toString form (1.6871328E9)
  cli-v1  AWS CLI v1: 4-space indent, raw UTF-8, epoch numbers re-printed by
          Python (1687200434.567, 1721347199.0)
  cli-v2  AWS CLI v2: 4-space indent, raw UTF-8, datetime.isoformat() in the
          local zone of the machine that ran it (America/Los_Angeles here, so
          both -07:00 and -08:00 appear; 6 fraction digits or none, never Z)
  boto3   json.dumps(resp, default=str, indent=2): timestamps as str(datetime)
          in UTC (2023-06-19 18:47:14.567000+00:00), non-ASCII as \\u escapes,
          a top-level ResponseMetadata

The certificates carry flaws that many rules see; none depends on the form
except through timestamps compared as instants, so every form must give the
same set of (rule, pointer) findings (tests/forms.sh checks it).  The test
reads the generated files only; rerun this script after editing the
description:  python3 tests/forms/gen.py
"""

import datetime
import json
import os
from decimal import Decimal
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("America/Los_Angeles")
UTC = datetime.timezone.utc


class Ts:
    """A timestamp: exact epoch seconds, given as a decimal string."""

    def __init__(self, epoch):
        self.epoch = Decimal(epoch)

    def as_float(self):
        return float(self.epoch)

    def as_datetime(self, tz):
        # exact, not through a float: whole seconds plus microseconds
        sec = int(self.epoch)
        usec = int((self.epoch - sec) * 1000000)
        base = datetime.datetime.fromtimestamp(sec, UTC) + datetime.timedelta(microseconds=usec)
        return base.astimezone(tz)


def iso(s):
    """Ts from a UTC date-time 'YYYY-MM-DDTHH:MM:SS[.fff]'."""
    whole, _, frac = s.partition(".")
    dt = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    sec = int(dt.timestamp())
    return Ts(f"{sec}.{frac}" if frac else str(sec))


def java_double(x):
    """Java's Double.toString for an epoch value (>= 1e7: computerized
    scientific notation, at least one digit after the point)."""
    assert x >= 1e7
    sign, digits, exp = Decimal(repr(x)).normalize().as_tuple()
    digits = "".join(map(str, digits))
    e = len(digits) - 1 + exp
    frac = digits[1:] or "0"
    return f"{digits[0]}.{frac}E{e}"


def arn(region, account, uuid):
    return f"arn:aws:lightsail:{region}:{account}:Certificate/{uuid}"


def dvr(domain, name, value, status="SUCCESS", code="SUCCEEDED", message=None):
    state = {"code": code}
    if message is not None:
        state["message"] = message
    return {
        "domainName": domain,
        "resourceRecord": {"name": name, "type": "CNAME", "value": value},
        "dnsRecordCreationState": state,
        "validationStatus": status,
    }


# ---------------------------------------------------------------------------
# The response.  Comments name the findings each flaw gives (pointers under
# /certificates/N/certificateDetail are written .../X).

ARN0 = arn("us-east-1", "123456789012", "c122595c-6e86-5e92-85e4-d06db44d5a96")
DVR0 = [
    dvr("example.com", "_08ed2cd4b26169eec03cbee62f0133fd.example.com.",
        "_80151581393f239c1c2de2bf33f44758.pefoydradh.acm-validations.aws."),
    dvr("www.example.com", "_a88f22d5b2ad2f02147dc9e72733ca93.www.example.com.",
        "_95093cb0307d2aa0ec4b1545b04924a2.qldwbrpbsu.acm-validations.aws."),
]
TAGS0 = [
    {"key": "équipe", "value": "plateforme"},
    {"key": "cost!center", "value": "42"},  # tag-key-charset (both tags arrays)
    {"key": "owner"},
]
CERT0 = {
    "certificateArn": ARN0,
    "certificateName": "www-example-com",
    "domainName": "example.com",
    "certificateDetail": {
        "arn": ARN0,
        "name": "www-example-com",
        "domainName": "example.com",
        "status": "ISSUED",
        "serialNumber": "2d:e8:08:9c:35:46:f0:5e:40:03:88:1f:70:8f:45:bd",
        "subjectAlternativeNames": ["example.com", "www.example.com"],
        "domainValidationRecords": DVR0,
        "inUseResourceCount": 1,
        "keyAlgorithm": "RSA-2048",
        "createdAt": iso("2023-06-19T18:47:14.567"),
        # event-order: 67 ms before createdAt
        "issuedAt": iso("2023-06-19T18:47:14.500"),
        "issuerCA": "Amazon",
        "notBefore": iso("2023-06-19T00:00:00"),
        # expires-soon with --now=2024-07-01T00:00:00Z (17 days left)
        "notAfter": iso("2024-07-18T23:59:59"),
        "eligibleToRenew": "ELIGIBLE",
        "renewalSummary": {
            "domainValidationRecords": DVR0,
            "renewalStatus": "PENDING_AUTO_RENEWAL",  # enum-value (PendingAutoRenewal)
            "updatedAt": iso("2024-06-03T09:12:45.310"),
        },
        "revokedAt": iso("2024-06-10T06:13:20.250"),  # revoked-only-field: status ISSUED
        "tags": TAGS0,
        "supportCode": "621291663362/arn:aws:acm:us-east-1:444455556666:certificate/"
                       "3150a37f-9867-5abb-b54e-9cd134cb6e5d",
    },
    "tags": TAGS0,
}

ARN1 = arn("us-east-1", "123456789012", "9d3a2a94-dfab-544c-a8cf-2ad2ddda913c")
CERT1 = {
    "certificateArn": ARN1,
    "certificateName": "legacy-example-org",
    "domainName": "legacy.example.org",
    "certificateDetail": {
        "arn": ARN1,
        "name": "legacy-example-org-old",  # summary-detail-mismatch
        "domainName": "legacy.example.org",
        "status": "REVOKED",  # revoked-missing-field: no revocationReason
        "serialNumber": "d8:a7:d2:68:1a:34:6e:7c:ef:eb:5f:2e:b7:59:4c:d9",
        # san-missing-domain: legacy.example.org is not listed
        "subjectAlternativeNames": ["www.legacy.example.org"],
        "domainValidationRecords": [
            # validation-record-name: the name lacks the www. label
            dvr("www.legacy.example.org", "_d6bdaa4b72132009acb6dfda2195616a.legacy.example.org.",
                "_87e74522e49afa7b61247558881d1208.gvouyzwmkj.acm-validations.aws."),
        ],
        "inUseResourceCount": 0,
        "keyAlgorithm": "RSA-2048",
        "createdAt": iso("2022-11-02T14:05:09.804"),
        "issuedAt": iso("2022-11-02T14:09:51.227"),
        "issuerCA": "Amazon",
        # validity-order: notBefore == notAfter (the same instant)
        "notBefore": iso("2023-12-01T23:59:59"),
        "notAfter": iso("2023-12-01T23:59:59"),
        "eligibleToRenew": "INELIGIBLE",
        "revokedAt": iso("2023-03-14T08:30:00.125"),
        # tags-mismatch: the summary says staging
        "tags": [{"key": "env", "value": "production"}],
        "supportCode": "621291663362/arn:aws:acm:us-east-1:444455556666:certificate/"
                       "ccc4ab09-b9b0-5dbb-b1e3-7554f094cad8",
    },
    "tags": [{"key": "env", "value": "staging"}],
}

# arn-format (certificateArn and arn): region without its second hyphen,
# an 11-digit account
ARN2 = arn("us-east1", "12345678901", "5f0e8c1a-3b7d-4e2f-9a6c-8d1b2e3f4a5b")
TAGS2 = [
    {"key": "note", "value": "é" * 257},  # tag-value-length: 257 characters
    {"key": "note-max", "value": "é" * 256},  # 256: the limit, no finding
    {"key": "launch", "value": "\U0001F680 day"},  # tag-value-charset: U+1F680 (So)
]
CERT2 = {
    "certificateArn": ARN2,
    "certificateName": "api-example-net",
    "domainName": "api.example.net",
    "certificateDetail": {
        "arn": ARN2,
        "name": "api-example-net",
        "domainName": "api.example.net",
        "status": "ISSUED",
        "serialNumber": "0f:ac:b0:a3:8d:ea:65:52:2d:7d:01:3a:39:36:db:d6",
        # null-value (a null inside a list survives every client);
        # san-duplicate: API.example.net repeats api.example.net
        "subjectAlternativeNames": ["api.example.net", None, "API.example.net"],
        "domainValidationRecords": [
            # validation-incomplete: ISSUED with a PENDING_VALIDATION record
            dvr("api.example.net", "_3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2b.api.example.net.",
                "_c4e6a8b0d2f4a6c8e0b2d4f6a8c0e2b4.zxcvbnmasd.acm-validations.aws.",
                status="PENDING_VALIDATION", code="STARTED", message="Creating DNS record"),
        ],
        "requestFailureReason": "OTHER",  # failure-reason-status: status ISSUED
        "inUseResourceCount": 0,
        "keyAlgorithm": "EC-prime256v1",
        "createdAt": iso("2024-01-02T03:04:05.060"),
        "issuedAt": iso("2024-01-02T03:09:10"),
        "issuerCA": "Amazon",
        # 1 ms before notAfter: no validity-order in any form
        "notBefore": iso("2024-03-01T23:59:58.999"),
        # expired-but-issued with --now=2024-07-01T00:00:00Z
        "notAfter": iso("2024-03-01T23:59:59"),
        "eligibleToRenew": "ELIGIBLE",
        "renewalSummary": {
            "domainValidationRecords": [],
            "renewalStatus": "Success",
            "updatedAt": iso("2024-01-02T03:04:05.059"),  # event-order: 1 ms before createdAt
        },
        "tags": TAGS2,
        "supportCode": "621291663362/arn:aws:acm:us-east-1:444455556666:certificate/"
                       "7e1d2c3b-4a5f-5e6d-8c7b-9a0f1e2d3c4b",
    },
    "tags": TAGS2,
}

RESPONSE = {"certificates": [CERT0, CERT1, CERT2]}
REQUEST_ID = "0b7e4c1a-2d3f-5a6b-8c9d-0e1f2a3b4c5d"

# ---------------------------------------------------------------------------


def convert(v, ts):
    """The response with every Ts replaced by ts(Ts)."""
    if isinstance(v, Ts):
        return ts(v)
    if isinstance(v, dict):
        return {k: convert(x, ts) for k, x in v.items()}
    if isinstance(v, list):
        return [convert(x, ts) for x in v]
    return v


def wire_dumps(v):
    # json has no hook for a number's text: put a marker string and replace it
    marks = {}

    def mark(t):
        key = f"@@RAW{len(marks)}@@"
        marks[key] = java_double(t.as_float())
        return key

    text = json.dumps(convert(v, mark), separators=(",", ":"), ensure_ascii=False)
    for key, num in marks.items():
        text = text.replace(f'"{key}"', num)
    return text + "\n"


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "flawed")
    os.makedirs(out, exist_ok=True)
    wire = wire_dumps(RESPONSE)
    forms = {
        "wire": wire,
        "cli-v1": json.dumps(convert(RESPONSE, Ts.as_float), indent=4, ensure_ascii=False) + "\n",
        "cli-v2": json.dumps(convert(RESPONSE, lambda t: t.as_datetime(LOCAL_ZONE).isoformat()),
                             indent=4, ensure_ascii=False) + "\n",
    }
    resp = convert(RESPONSE, lambda t: t.as_datetime(UTC))
    resp["ResponseMetadata"] = {
        "RequestId": REQUEST_ID,
        "HTTPStatusCode": 200,
        "HTTPHeaders": {
            "date": "Mon, 01 Jul 2024 00:00:00 GMT",
            "content-type": "application/x-amz-json-1.1",
            "content-length": str(len(wire.encode("utf-8")) - 1),
            "connection": "keep-alive",
            "x-amzn-requestid": REQUEST_ID,
        },
        "RetryAttempts": 0,
    }
    forms["boto3"] = json.dumps(resp, default=str, indent=2) + "\n"
    for name, text in forms.items():
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
