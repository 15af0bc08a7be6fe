"""One place that decides what is secret: for logs, reprs, errors and cassettes.

It depends on nothing else in stackdouble, so the client (logs, error messages), the fakes
(their request log) and the cassettes (scrubbing, replay) all use it without importing each
other. Which `AuthOptions` fields are secret is declared once, on the fields themselves
(`stackdouble.client._options.SECRET_FIELDS`).

Headers are redacted by name (gophercloud's acceptance list plus Swift's and Rackspace's), JSON
keys anywhere in a tree (a v2 `password`, a RAX `apiKey`, an application credential `secret`,
a Keystone credential's `blob`),
and text by pattern (Fernet and PKI-looking tokens, `"password": "..."` pairs in raw bodies).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "OPAQUE_KEYS",
    "REDACTED",
    "SECRET_FORM_FIELDS",
    "SECRET_HEADERS",
    "SECRET_KEYS",
    "TOKEN_PARENTS",
    "is_secret_header",
    "is_secret_key",
    "redact_headers",
    "scrub_json",
    "scrub_text",
]

#: What a secret is replaced with.
REDACTED = "***"

#: Header names (lower case) whose values are secret.
SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-auth-token",
        "x-subject-token",
        "x-service-token",
        "x-storage-token",
        "x-auth-key",
        "x-auth-user-key",
        "x-storage-pass",
        "x-account-meta-temp-url-key",
        "x-account-meta-temp-url-key-2",
        "x-container-meta-temp-url-key",
        "x-container-meta-temp-url-key-2",
        "x-account-meta-temp_url_key",
        "x-container-meta-temp_url_key",
        "x-container-sync-key",
    }
)

#: JSON keys (lower case) whose values are secret wherever they appear.
SECRET_KEYS = frozenset(
    {
        "password",
        "original_password",
        "apikey",
        "api_key",
        "secret",
        "application_credential_secret",
        "token_id",
        "passcode",
        "totp",
        "adminpass",
        "admin_pass",
        "temp_url_key",
        "temp-url-key",
        # Swift temp URL signatures: a bearer credential in a query string until it expires.
        "temp_url_sig",
        # Swift's signed /info requests: an admin HMAC, valid until swiftinfo_expires.
        "swiftinfo_sig",
        "x-auth-token",
        "x-subject-token",
        "private_key",
        "access_token",
        "refresh_token",
        "client_secret",
        # OS-OAUTH1: a request or access token's secret (form-encoded answers), the verifier
        # that turns an authorized request token into an access token, and a signature
        # sent as a parameter.
        "oauth_token_secret",
        "oauth_verifier",
        "oauth_signature",
        # Keystone credentials: a TOTP seed, a certificate's key, an ec2 access/secret pair
        # as a JSON string. Opaque, so replaced whole whatever its type.
        "blob",
        # Cinder volume transfers: the key that takes the volume into any project (shown
        # once, in the create answer; sent in the accept body).
        "auth_key",
    }
)

#: Fields of a `multipart/form-data` body whose values are secret, besides `SECRET_KEYS`:
#: Swift formpost's `signature`, an HMAC that lets anyone upload until its `expires`
#: (not a JSON key: a Keystone ec2tokens body's `signature` is a one-time request signature).
SECRET_FORM_FIELDS = frozenset({"signature"})

#: Secret keys whose value is replaced whole even when it is an object or a list (other
#: secret keys' objects are walked, so that v3's `"password": {"user": {...}}` keeps its
#: shape): a credential's blob is a secret of any shape.
OPAQUE_KEYS = frozenset({"blob"})

#: JSON keys whose object holds its secret under `"id"` (a Keystone token).
TOKEN_PARENTS = frozenset({"token"})

# Fernet tokens (Keystone), Swift tempauth tokens, and quoted secret fields in raw JSON text.
_TEXT_PATTERN_SOURCES = (
    (r"gAAAAA[A-Za-z0-9_\-=]{20,}", 0),
    (r"AUTH_tk[A-Za-z0-9_\-]{16,}", 0),
    (r"AUTH_ftk[A-Za-z0-9_\-=]{16,}", 0),
    (
        r'("(?:password|apiKey|api_key|secret|adminPass|application_credential_secret|passcode|blob|auth_key)"'
        r'\s*:\s*)"(?:[^"\\]|\\.)*"',
        re.IGNORECASE,
    ),
)
_text_patterns: list[re.Pattern[str]] = []


def _patterns() -> list[re.Pattern[str]]:
    # Compiled on first use: most processes never scrub text.
    if not _text_patterns:
        _text_patterns.extend(re.compile(src, flags) for src, flags in _TEXT_PATTERN_SOURCES)
    return _text_patterns


def is_secret_header(name: str) -> bool:
    """Whether a header's value is secret.

    Example:
        >>> is_secret_header("X-Subject-Token"), is_secret_header("Content-Type")
        (True, False)
    """
    return name.lower() in SECRET_HEADERS


def is_secret_key(key: str) -> bool:
    """Whether a JSON key's value is secret, wherever the key appears.

    Example:
        >>> is_secret_key("apiKey"), is_secret_key("name")
        (True, False)
    """
    return key.lower() in SECRET_KEYS


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of headers with secret values replaced by `REDACTED`.

    Example:
        >>> redact_headers({"X-Auth-Token": "abc", "Accept": "application/json"})
        {'X-Auth-Token': '***', 'Accept': 'application/json'}
    """
    return {k: (REDACTED if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


def scrub_json(value: Any, _parent: str | None = None) -> Any:
    """A deep copy of a JSON value with every secret key's value replaced.

    A token's `id` (`{"token": {"id": ...}}`, Keystone v2) counts as secret too. No depth of
    nesting raises `RecursionError`: below `_RECURSE_DEPTH` levels the walk goes on with a
    stack of its own (a request body of 100,000 `[` is logged like any other).

    Example:
        >>> scrub_json({"auth": {"passwordCredentials": {"username": "u", "password": "p"}}})
        {'auth': {'passwordCredentials': {'username': 'u', 'password': '***'}}}
    """
    return _scrub(value, _parent, 0)


# Levels walked by recursion (fast for the shallow bodies of real requests) before the
# walk switches to an explicit stack.
_RECURSE_DEPTH = 64


def _is_secret(key: Any, parent: str | None) -> bool:
    return isinstance(key, str) and (
        (lowered := key.lower()) in SECRET_KEYS or (lowered == "id" and parent in TOKEN_PARENTS))


def _scrub(value: Any, parent: str | None, depth: int) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if depth >= _RECURSE_DEPTH and isinstance(value, (Mapping, list)):
        return _scrub_iteratively(value, parent)
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            if _is_secret(key, parent):
                out[key] = REDACTED if item is not None else None
            else:
                out[key] = _scrub(item, key.lower() if isinstance(key, str) else None,
                                  depth + 1)
        return out
    if isinstance(value, list):
        return [_scrub(item, parent, depth + 1) for item in value]
    return value


def _scrub_iteratively(value: Any, parent: str | None) -> Any:
    """`scrub_json` with a stack of its own instead of recursion, for very deep trees."""
    holder: list[Any] = [None]
    # (value to copy, its parent key, the container its copy goes in, the slot there)
    stack: list[tuple[Any, str | None, Any, Any]] = [(value, parent, holder, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        item, parent, into, slot = pop()
        if isinstance(item, str):
            into[slot] = scrub_text(item)
        elif isinstance(item, Mapping):
            out: dict[Any, Any] = {}
            into[slot] = out
            for key, child in item.items():
                if _is_secret(key, parent):
                    out[key] = REDACTED if child is not None else None
                elif isinstance(child, (Mapping, list, str)):
                    out[key] = None  # keeps the key order; filled when popped
                    push((child, key.lower() if isinstance(key, str) else None, out, key))
                else:
                    out[key] = child
        elif isinstance(item, list):
            copied = list(item)
            into[slot] = copied
            for index, child in enumerate(item):
                if isinstance(child, (Mapping, list, str)):
                    push((child, parent, copied, index))
        else:
            into[slot] = item
    return holder[0]


def scrub_text(text: str) -> str:
    """Text with token-looking strings and quoted secret fields replaced.

    Example:
        >>> scrub_text('{"password": "hunter2", "name": "x"}')
        '{"password": "***", "name": "x"}'
    """
    if len(text) < 16:
        return text
    for pattern in _patterns():
        if pattern.groups:
            text = pattern.sub(lambda m: f'{m.group(1)}"{REDACTED}"', text)
        else:
            text = pattern.sub(REDACTED, text)
    return text
