"""Keystone `/v3/ec2tokens`: sign a request as an EC2 client does, and trade it for a token.

The signatures are those Keystone checks (keystoneclient's `Ec2Signer`): version 2
(HMAC-SHA256 over the verb, host, path and the sorted, percent-encoded query, base64) and
version 4 (`AWS4-HMAC-SHA256`, the signature in an `Authorization` header, hex).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol
from urllib.parse import quote

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.identity.v3.ec2tokens import urls
from stackdouble.client.openstack.identity.v3.ec2tokens.results import CreateResult

__all__ = [
    "AWS_HMAC_V4",
    "AWS_REQUEST_V4",
    "EMPTY_BODY_HASH",
    "HMAC_SHA256_V2",
    "AuthOptions",
    "AuthOptionsBuilder",
    "build_authorization_header_v4",
    "build_canonical_headers_v4",
    "build_canonical_query_string_v2",
    "build_signature_key_v4",
    "build_signature_v2",
    "build_signature_v4",
    "build_string_to_sign_v2",
    "build_string_to_sign_v4",
    "create",
]

#: The only v2 signature method Keystone checks with.
HMAC_SHA256_V2 = "HmacSHA256"
#: The v4 algorithm, first word of the `Authorization` header.
AWS_HMAC_V4 = "AWS4-HMAC-SHA256"
#: The last part of a v4 credential scope.
AWS_REQUEST_V4 = "aws4_request"
#: The sha256 of an empty body, the v4 `body_hash` of a request without one.
EMPTY_BODY_HASH = hashlib.sha256(b"").hexdigest()

_V4_TIMESTAMP = "%Y%m%dT%H%M%SZ"
_V4_DATE = "%Y%m%d"


def build_canonical_query_string_v2(params: dict[str, str]) -> str:
    """The query as signed: sorted by name, names and values percent-encoded (UTF-8),
    only letters, digits and `-_.~` left as they are.

    Example:
        >>> build_canonical_query_string_v2({"b": "x y", "a": "1~"})
        'a=1~&b=x%20y'
    """
    return "&".join(f"{quote(name, safe='')}={quote(params[name], safe='-_~')}"
                    for name in sorted(params))


def build_string_to_sign_v2(verb: str, host: str, path: str, params: dict[str, str]) -> str:
    """The text a v2 signature signs: verb, host, path and canonical query, one a line."""
    return f"{verb}\n{host}\n{path}\n{build_canonical_query_string_v2(params)}"


def build_signature_v2(secret: str, verb: str, host: str, path: str,
                       params: dict[str, str]) -> str:
    """A v2 signature (HMAC-SHA256, base64) of a request whose `params` already hold
    `SignatureVersion=2` and `SignatureMethod=HmacSHA256`.

    Example:
        >>> build_signature_v2("secret", "GET", "ec2.example:8773", "/", {
        ...     "SignatureVersion": "2", "SignatureMethod": "HmacSHA256",
        ...     "Action": "DescribeInstances"})
        '0MPKO0xiZV1GRwk1BAFXj3iDtNeO7OAFrtm5gpl+ecg='
    """
    text = build_string_to_sign_v2(verb, host, path, params)
    mac = hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode("ascii")


def build_canonical_headers_v4(headers: dict[str, str], signed_headers: str) -> str:
    """The signed headers as `name:value` lines (names lower case, values stripped), in the
    order of `signed_headers` (`host;x-amz-date`), with a final newline."""
    lower = {name.lower().strip(): value.strip() for name, value in headers.items()}
    lines = [f"{name}:{lower[name]}" for name in signed_headers.split(";") if name in lower]
    return "\n".join(lines) + "\n"


def build_signature_key_v4(secret: str, date: datetime, region: str, service: str) -> bytes:
    """The v4 signing key: HMACs of the day, region, service and `aws4_request` in turn."""
    key = b"AWS4" + secret.encode("utf-8")
    for part in (date.strftime(_V4_DATE), region, service, AWS_REQUEST_V4):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return key


def build_string_to_sign_v4(verb: str, path: str, params: dict[str, str],
                            headers: dict[str, str], signed_headers: str, body_hash: str,
                            date: datetime, region: str, service: str) -> str:
    """The text a v4 signature signs: algorithm, timestamp, scope and the sha256 of the
    canonical request (a POST's query is not part of it)."""
    query = "" if verb.upper() == "POST" else build_canonical_query_string_v2(params)
    canonical = "\n".join((verb.upper(), path, query,
                           build_canonical_headers_v4(headers, signed_headers),
                           signed_headers, body_hash))
    scope = "/".join((date.strftime(_V4_DATE), region, service, AWS_REQUEST_V4))
    return "\n".join((AWS_HMAC_V4, date.strftime(_V4_TIMESTAMP), scope,
                      hashlib.sha256(canonical.encode("utf-8")).hexdigest()))


def build_signature_v4(key: bytes, string_to_sign: str) -> str:
    """A v4 signature (HMAC-SHA256, hex) of `string_to_sign` with the signing key."""
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def build_authorization_header_v4(access: str, date: datetime, region: str, service: str,
                                  signed_headers: str, signature: str) -> str:
    """The `Authorization` header of a v4-signed request."""
    scope = "/".join((date.strftime(_V4_DATE), region, service, AWS_REQUEST_V4))
    return (f"{AWS_HMAC_V4} Credential={access}/{scope}, SignedHeaders={signed_headers}, "
            f"Signature={signature}")


class AuthOptionsBuilder(Protocol):
    """Anything that renders the body of `ec2tokens.create`."""

    def to_token_v3_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthOptions:
    """An EC2 request to sign with `secret` (or already signed, with `signature`).

    The signature version is v2 when `params` hold `SignatureVersion=2`, else v4.

    Attributes:
        access: The credential's access key.
        secret: Signs the request; never sent, left out of the repr.
        host: The request's host (and port). v4 signs it as the `Host` header.
        path, verb: The request's path and method.
        headers: More request headers; v4 signs them all.
        params: The query (or form) parameters.
        region, service: The v4 credential scope.
        signature: A signature made elsewhere; then nothing is signed or added.
        body_hash: The sha256 (hex) of the request body, for v4; an empty body's by default.
        timestamp: When the request is signed (v4's `X-Amz-Date`); now by default.
    """

    access: str
    secret: str = field(default="", repr=False)
    host: str = ""
    path: str = "/"
    verb: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    region: str = "RegionOne"
    service: str = "ec2"
    signature: str | None = None
    body_hash: str | None = None
    timestamp: datetime | None = None

    def to_token_v3_create_map(self) -> dict[str, Any]:
        """The request body, `{"credentials": {...}}`, signed.

        Raises:
            InvalidInput: A v2 request names a signature method other than HmacSHA256, or
                a signature version other than 2 (v4 is signed in headers, not params).
        """
        creds: dict[str, Any] = {"access": self.access, "host": self.host, "path": self.path,
                                 "verb": self.verb, "params": dict(self.params),
                                 "headers": dict(self.headers)}
        if self.signature is not None:
            creds["signature"] = self.signature
            if self.body_hash is not None:
                creds["body_hash"] = self.body_hash
            return {"credentials": creds}
        version = self.params.get("SignatureVersion")
        if version == "2":
            return {"credentials": self._signed_v2(creds)}
        if version is not None:
            raise InvalidInput(f"unsupported signature version: {version}", "params")
        return {"credentials": self._signed_v4(creds)}

    def _signed_v2(self, creds: dict[str, Any]) -> dict[str, Any]:
        params: dict[str, str] = creds["params"]
        method = params.setdefault("SignatureMethod", HMAC_SHA256_V2)
        if method != HMAC_SHA256_V2:
            raise InvalidInput(f"unsupported signature method: {method} (Keystone checks "
                               f"{HMAC_SHA256_V2} only)", "params")
        params.setdefault("AWSAccessKeyId", self.access)
        del creds["headers"]
        creds["signature"] = build_signature_v2(self.secret, self.verb, self.host, self.path,
                                                params)
        return creds

    def _signed_v4(self, creds: dict[str, Any]) -> dict[str, Any]:
        date = (self.timestamp or datetime.now(timezone.utc)).astimezone(timezone.utc)
        headers: dict[str, str] = creds["headers"]
        if self.host and not any(name.lower() == "host" for name in headers):
            headers["Host"] = self.host
        headers["X-Amz-Date"] = date.strftime(_V4_TIMESTAMP)
        signed = ";".join(sorted({name.lower().strip() for name in headers}))
        body_hash = self.body_hash or EMPTY_BODY_HASH
        to_sign = build_string_to_sign_v4(self.verb, self.path, creds["params"], headers,
                                          signed, body_hash, date, self.region, self.service)
        key = build_signature_key_v4(self.secret, date, self.region, self.service)
        signature = build_signature_v4(key, to_sign)
        headers["Authorization"] = build_authorization_header_v4(
            self.access, date, self.region, self.service, signed, signature)
        creds["body_hash"] = body_hash
        creds["signature"] = signature
        return creds


def create(client: ServiceClient, opts: AuthOptionsBuilder) -> CreateResult:
    """Trade a signed EC2 request for a token (`POST /v3/ec2tokens`), as an EC2 or S3 API
    server does for its clients; the caller needs `identity:ec2tokens_validate` (an admin,
    or the `service` role).

    Returns:
        A CreateResult: the token of the credential's user, scoped to its project. A wrong
        signature or an expired request surfaces as `Unauthorized`, an unknown access key
        as `NotFound`, a caller without the right as `Forbidden`; bad options as
        `InvalidInput` before anything is sent.
    """
    try:
        body = opts.to_token_v3_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.ec2tokens_url(client), json=body,
                                ok_codes=(200,))
