"""One place that decides what is secret: for logs, reprs, errors and cassettes.

Headers are redacted by name (gophercloud's acceptance list plus Swift's and Rackspace's), JSON
keys anywhere in a tree (a v2 `password`, a RAX `apiKey`, an application credential `secret`),
and text by pattern (Fernet and PKI-looking tokens, `"password": "..."` pairs in raw bodies).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "REDACTED",
    "SECRET_HEADERS",
    "SECRET_KEYS",
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
    }
)

# A token object holds its secret under "id" only in these parents.
_TOKEN_PARENTS = frozenset({"token"})

# Fernet tokens (Keystone), Swift tempauth tokens, and quoted secret fields in raw JSON text.
_TEXT_PATTERN_SOURCES = (
    (r"gAAAAA[A-Za-z0-9_\-=]{20,}", 0),
    (r"AUTH_tk[A-Za-z0-9_\-]{16,}", 0),
    (r"AUTH_ftk[A-Za-z0-9_\-=]{16,}", 0),
    (
        r'("(?:password|apiKey|api_key|secret|adminPass|application_credential_secret|passcode)"'
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

    A token's `id` (`{"token": {"id": ...}}`, Keystone v2) counts as secret too.

    Example:
        >>> scrub_json({"auth": {"passwordCredentials": {"username": "u", "password": "p"}}})
        {'auth': {'passwordCredentials': {'username': 'u', 'password': '***'}}}
    """
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            lowered = key.lower() if isinstance(key, str) else key
            if isinstance(lowered, str) and (
                lowered in SECRET_KEYS or (lowered == "id" and _parent in _TOKEN_PARENTS)
            ):
                out[key] = REDACTED if item is not None else None
            else:
                out[key] = scrub_json(item, lowered if isinstance(lowered, str) else None)
        return out
    if isinstance(value, list):
        return [scrub_json(item, _parent) for item in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value


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
