"""OAuth 1.0a request signatures as Keystone checks them (through oauthlib, RFC 5849).

The server side of the client's `oauth1` signer: the `Authorization: OAuth ...` header is
parsed as oauthlib's `parse_authorization_header` does (values percent-decoded, `realm`
left out), and the signature base string is built from the method, the base string URI
(scheme and host lower-cased, default port dropped, no query) and the sorted, percent-encoded
parameters (the URL's query and the header's `oauth_*` but `oauth_signature`). HMAC-SHA1,
HMAC-SHA256, HMAC-SHA512 and PLAINTEXT are checked; the RSA methods never match (Keystone
holds no RSA keys).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlsplit, urlunsplit
from urllib.request import parse_http_list, parse_keqv_list

__all__ = [
    "SIGNATURE_METHODS",
    "SignedRequest",
    "base_string",
    "parse_authorization",
    "signature",
    "verify_signature",
]

#: oauthlib's `SIGNATURE_METHODS`, in its order (Keystone's error message lists them).
SIGNATURE_METHODS = ("HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256",
                     "RSA-SHA512", "PLAINTEXT")
_DIGESTS = {"HMAC-SHA1": hashlib.sha1, "HMAC-SHA256": hashlib.sha256,
            "HMAC-SHA512": hashlib.sha512}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _escape(text: str) -> str:
    """RFC 5849 section 3.6: everything but letters, digits and `-._~` percent-encoded."""
    return quote(text, safe="~")


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """A request as the signature covers it.

    Attributes:
        method: The HTTP method.
        url: The full URL the client sent to, query included.
        oauth: The `Authorization` header's parameters, decoded (`realm` left out).
    """

    method: str
    url: str
    oauth: Mapping[str, str] = field(repr=False)


def parse_authorization(header: str | None) -> dict[str, str] | None:
    """The parameters of an `OAuth ...` header, decoded; None when there is none or it is
    malformed.

    Example:
        >>> parse_authorization('OAuth realm="", oauth_nonce="12%2034", oauth_version="1.0"')
        {'oauth_nonce': '12 34', 'oauth_version': '1.0'}
    """
    if not header or header[:6].lower() != "oauth ":
        return None
    try:
        pairs = parse_keqv_list(parse_http_list(header[6:]))
    except (IndexError, ValueError):
        return None
    return {unquote(k): unquote(v) for k, v in pairs.items() if k != "realm"}


def base_string(method: str, url: str, oauth: Mapping[str, str]) -> str:
    """The signature base string (RFC 5849 section 3.4.1).

    Example:
        >>> base_string("post", "HTTP://K.example:80/v3/x?b=1", {"oauth_nonce": "n"})
        'POST&http%3A%2F%2Fk.example%2Fv3%2Fx&b%3D1%26oauth_nonce%3Dn'
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    uri = urlunsplit((scheme, host, parts.path or "/", "", "")).replace(" ", "%20")
    params = parse_qsl(parts.query, keep_blank_values=True)
    params += [(k, v) for k, v in oauth.items() if k != "oauth_signature"]
    normalized = "&".join(f"{k}={v}" for k, v in sorted(
        (_escape(k), _escape(v)) for k, v in params))
    return "&".join((method.upper(), _escape(uri), _escape(normalized)))


def signature(method_name: str, base: str, consumer_secret: str,
              token_secret: str | None) -> str | None:
    """The signature of a base string with the two secrets; None for a method the fake
    cannot check (RSA).

    Example:
        >>> signature("PLAINTEXT", "", "c s", None)
        'c%20s&'
    """
    key = f"{_escape(consumer_secret)}&{_escape(token_secret or '')}"
    if method_name == "PLAINTEXT":
        return key
    digest = _DIGESTS.get(method_name)
    if digest is None:
        return None
    mac = hmac.new(key.encode("utf-8"), base.encode("utf-8"), digest)
    return base64.b64encode(mac.digest()).decode("ascii")


def verify_signature(signed: SignedRequest, consumer_secret: str,
                     token_secret: str | None) -> bool:
    """Whether the request's `oauth_signature` is the one its secrets give (in constant
    time)."""
    given = signed.oauth.get("oauth_signature", "")
    expected = signature(signed.oauth.get("oauth_signature_method", ""),
                         base_string(signed.method, signed.url, signed.oauth),
                         consumer_secret, token_secret)
    return expected is not None and hmac.compare_digest(expected.encode(), given.encode())
