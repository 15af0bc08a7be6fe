"""What the fake Swift's handlers share: the parsed request (`Call`), Swift's path rules
(`swift/common/utils.py` `split_path`), the auth middlewares' identification, listing and
HTML answers, and the metadata rules of the proxy (`swift/common/constraints.py`
`check_metadata`) and of the backends (`swift/common/db.py` `validate_metadata`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from stackdouble.fakes.http import AuthRequired, FakeRequest, FakeResponse, HTTPError
from stackdouble.fakes.objectstorage import schema
from stackdouble.fakes.objectstorage.auth import (
    RESELLER_ADMIN_ROLE,
    SERVICE_TOKEN_ROLES,
    Access,
    authorize,
)
from stackdouble.fakes.objectstorage.errors import TEXT, SwiftError, swob_response
from stackdouble.fakes.objectstorage.models import RESELLER_PREFIX, ObjectStorageModel

__all__ = [
    "Call",
    "check_metadata",
    "check_path",
    "denied",
    "from_wsgi",
    "head_response",
    "html_response",
    "identify",
    "identify_keystone",
    "identify_tempauth",
    "is_chunked",
    "is_utf8",
    "listing_response",
    "merge_metadata",
    "metadata_updates",
    "split_swift_path",
    "validate_merged",
    "wsgi_str",
]


class Call:
    """One request as the Swift handlers see it."""

    __slots__ = ("access", "account", "container", "headers", "listing_type", "method",
                 "model", "obj", "params", "req")

    def __init__(self, req: FakeRequest, model: ObjectStorageModel, account: str,
                 container: str | None, obj: str | None) -> None:
        self.req = req
        self.model = model
        self.method = req.method
        self.account = account
        self.container = container
        self.obj = obj
        self.params = dict(parse_qsl(req.query_string, keep_blank_values=True,
                                     encoding="latin-1"))
        self.headers = _request_headers(req.environ)
        self.access = Access(identity=None, referer=self.headers.get("Referer"),
                             account_acl=self.headers.get("X-Account-Access-Control"))
        self.listing_type = ""

    def param(self, name: str) -> str | None:
        """A query parameter decoded as UTF-8 (`schema.get_param`).

        Raises:
            SwiftError: 400, it is not UTF-8.
        """
        return schema.get_param(self.params, name)

    def authorize(self, container: str | None, obj: str | None, acl: str | None = None,
                  *, method: str | None = None, account: str | None = None) -> int | None:
        """keystoneauth's verdict on this caller (None: allowed)."""
        return authorize(self.access, self.model, method or self.method,
                         account or self.account, container, obj, acl)


def _request_headers(environ: Mapping[str, Any]) -> dict[str, str]:
    """Request headers title-cased as swob's HeaderKeyDict has them, empty values kept."""
    out: dict[str, str] = {}
    for key, value in environ.items():
        if isinstance(value, bytes):  # in-process, a header given as bytes: as WSGI has it
            value = value.decode("latin-1")
        if key.startswith("HTTP_"):
            out[key[5:].replace("_", "-").title()] = str(value)
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value is not None:
            out[key.replace("_", "-").title()] = str(value)
    return out


def from_wsgi(value: str) -> str:
    """A header value as text: the WSGI string's bytes read as UTF-8, as Swift's
    `wsgi_to_str` does (bytes that are not UTF-8 kept as surrogates).

    Example:
        >>> from_wsgi("text/caf\xc3\xa9")
        'text/café'
    """
    try:
        return value.encode("latin-1").decode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # in-process, text that never was a WSGI string
        return value


def wsgi_str(text: str) -> str:
    """The WSGI string of text (`str_to_wsgi`): one character per byte of its UTF-8, what a
    header value is sent as.

    Example:
        >>> wsgi_str("text/café")
        'text/cafÃ©'
    """
    return text.encode("utf-8", "surrogateescape").decode("latin-1")


def split_swift_path(path: str) -> tuple[str, str | None, str | None, str | None]:
    """Swift's `split_path(path, 1, 4, True)`: version, account, container, object.

    Raises:
        ValueError: An invalid path (an empty segment before the object).

    Example:
        >>> split_swift_path("/v1/AUTH_x/c/a//b")
        ('v1', 'AUTH_x', 'c', 'a//b')
        >>> split_swift_path("/v1/AUTH_x/")
        ('v1', 'AUTH_x', '', None)
    """
    segs = path.split("/", 4)
    if segs[0] or len(segs) < 2 or "" in segs[1:2]:
        raise ValueError(f"invalid path {path!r}")
    rest = segs[1:5]
    if not all(rest[:-1]):
        raise ValueError(f"invalid path {path!r}")
    rest += [None] * (4 - len(rest))  # type: ignore[list-item]
    return rest[0], rest[1], rest[2], rest[3]


def check_path(req: FakeRequest) -> None:
    """The proxy's first check: the path must be UTF-8 without NUL.

    Raises:
        SwiftError: 412 `Invalid UTF8 or contains NULL`.
    """
    raw = str(req.environ.get("PATH_INFO") or "/")
    try:
        decoded = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        decoded = "\x00"
    if "\x00" in decoded or any(0xD800 <= ord(c) <= 0xDFFF for c in decoded):
        raise SwiftError(412, "Invalid UTF8 or contains NULL")


def _model(req: FakeRequest) -> ObjectStorageModel:
    """The fake Swift's state: `cloud.object_storage`."""
    return req.cloud.object_storage


def denied(status: int) -> HTTPError:
    """keystoneauth's refusal: 401 for an anonymous caller, else 403."""
    return AuthRequired() if status == 401 else SwiftError(403)


def html_response(status: int, headers: list[tuple[str, str]] | None = None) -> FakeResponse:
    """swob's answer for `status`: its HTML page, with `headers`."""
    return swob_response(status, headers=headers or ())


def _token(call: Call) -> str | None:
    """The token the auth middlewares read: `X-Auth-Token`, else `X-Storage-Token`."""
    return call.req.header("X-Auth-Token") or call.req.header("X-Storage-Token")


def identify_tempauth(call: Call) -> None:
    """tempauth: a token starting `AUTH_` is its own, and one it does not know is 401.

    Raises:
        AuthRequired: An unknown or expired tempauth token.
    """
    token = _token(call)
    if token and token.startswith(RESELLER_PREFIX):
        groups = call.model.tempauth.groups_for(token)
        if groups is None:
            raise AuthRequired()
        call.access.groups = groups
        call.access.reseller = ".reseller_admin" in groups


def identify_keystone(call: Call) -> None:
    """keystonemiddleware (`delay_auth_decision`): any other token is Keystone's, and the
    caller anonymous when it is invalid, or when an `X-Service-Token` is sent and invalid or
    without a role of `SERVICE_TOKEN_ROLES` (keystonemiddleware's `service_token_roles`,
    required: `service_token_roles_required = true`, and keystoneauth's
    `_keystone_identity`, which drops an identity whose service token is not confirmed).
    A reseller admin is known from here on (keystoneauth's `reseller_request`, which
    account_quotas reads before authorizing)."""
    token = _token(call)
    if not token or token.startswith(RESELLER_PREFIX):
        return
    identity = call.req.cloud.identity
    service_token = call.req.header("X-Service-Token")
    # An application credential's access rules are checked as in every service (an
    # invalid token: anonymous here), against the path the proxy sees.
    found = identity.validate_auth_token(token, service_type="object-store",
                                         method=call.req.method, path=call.req.path,
                                         service_token=service_token is not None)
    if found is not None and service_token:
        service = identity.validate_auth_token(service_token)
        if service is None:
            return
        roles = frozenset(r.lower() for r in service.roles)
        if not roles & SERVICE_TOKEN_ROLES:  # `service_token_roles_required = true`
            return
        call.access.service_roles = roles
    call.access.identity = found
    if found is not None and RESELLER_ADMIN_ROLE in (r.lower() for r in found.roles):
        call.access.reseller = True


def identify(call: Call) -> None:
    """The auth middlewares the pipeline has (`tempauth`, `keystoneauth`), for a request
    that identifies its caller before they run (the bulk middleware's).

    Raises:
        AuthRequired: An unknown or expired tempauth token.
    """
    pipeline = call.model.pipeline
    if "tempauth" in pipeline:
        identify_tempauth(call)
    if "keystoneauth" in pipeline:
        identify_keystone(call)


def is_chunked(call: Call) -> bool:
    """Whether the body comes chunked (no `Content-Length` to rely on)."""
    te = call.headers.get("Transfer-Encoding", "").lower()
    if te.rsplit(",", 1)[-1].strip() == "chunked":
        return True
    return bool(call.req.environ.get("wsgi.input_terminated")) and (
        "Content-Length" not in call.headers)


def listing_response(call: Call, headers: list[tuple[str, str]], body: bytes) -> FakeResponse:
    """A listing (200) or an empty one (204) in the call's listing type, with `headers`."""
    out = [("Content-Type", call.listing_type + "; charset=utf-8"),
           ("Content-Length", str(len(body)))]
    out += headers
    if "format" not in call.params:
        out.append(("Vary", "Accept"))
    return FakeResponse(200 if body else 204, body, out)


def head_response(call: Call, headers: list[tuple[str, str]]) -> FakeResponse:
    """A listing's answer to HEAD: its headers, no body (204)."""
    return listing_response(call, headers, b"")


# -- metadata -------------------------------------------------------------------------------


def check_metadata(call: Call, kind: str, headers: Mapping[str, str] | None = None) -> None:
    """`constraints.check_metadata` over the request's headers.

    Raises:
        SwiftError: 400 with Swift's text.
    """
    c = call.model.constraints
    prefix = f"x-{kind}-meta-"
    count = 0
    size = 0
    for key, value in (headers if headers is not None else call.headers).items():
        if len(value) > c.max_header_size:
            raise SwiftError(400, f"Header value too long: {key[:c.max_meta_name_length]}",
                             content_type=TEXT)
        if not key.lower().startswith(prefix):
            continue
        name = key[len(prefix):]
        if not name:
            raise SwiftError(400, "Metadata name cannot be empty", content_type=TEXT)
        if kind in ("account", "container") and (
                not is_utf8(name) or (value and not is_utf8(value))):
            raise SwiftError(400, "Metadata must be valid UTF-8", content_type=TEXT)
        count += 1
        size += len(name) + len(value)
        if len(name) > c.max_meta_name_length:
            raise SwiftError(400, f"Metadata name too long: {prefix}{name}", content_type=TEXT)
        if len(value) > c.max_meta_value_length:
            raise SwiftError(400, f"Metadata value longer than {c.max_meta_value_length}: "
                                  f"{prefix}{name}", content_type=TEXT)
        if count > c.max_meta_count:
            raise SwiftError(400, f"Too many metadata items; max {c.max_meta_count}",
                             content_type=TEXT)
        if size > c.max_meta_overall_size:
            raise SwiftError(400, f"Total metadata too large; max {c.max_meta_overall_size}",
                             content_type=TEXT)


def is_utf8(wsgi: str) -> bool:
    """Whether a WSGI string is non-empty UTF-8 without NUL (Swift's `check_utf8`)."""
    try:
        text = wsgi.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return bool(text) and "\x00" not in text


def metadata_updates(call: Call, kind: str) -> dict[str, str]:
    """`X-<Kind>-Meta-*` to set and `X-Remove-<Kind>-Meta-*` to remove (as empty values)."""
    prefix = f"X-{kind.title()}-Meta-"
    remove = f"X-Remove-{kind.title()}-Meta-"
    updates = {"X-" + key[len("X-Remove-"):]: "" for key in call.headers
               if key.startswith(remove)}
    updates.update((k, v) for k, v in call.headers.items() if k.startswith(prefix))
    return updates


def validate_merged(call: Call, current: Mapping[str, str], updates: Mapping[str, str],
                     kind: str) -> None:
    """The backend's `validate_metadata` over the metadata a write would leave."""
    merged = dict(current)
    for key, value in updates.items():
        merged[key] = value
    c = call.model.constraints
    prefix = f"x-{kind}-meta-"
    count = size = 0
    for key, value in merged.items():
        if value and key.lower().startswith(prefix):
            count += 1
            size += len(key) - len(prefix) + len(value)
    if count > c.max_meta_count:
        raise SwiftError(400, f"Too many metadata items; max {c.max_meta_count}")
    if size > c.max_meta_overall_size:
        raise SwiftError(400, f"Total metadata too large; max {c.max_meta_overall_size}")


def merge_metadata(call: Call, target: dict[str, str], updates: Mapping[str, str]) -> None:
    """Apply `updates` (an empty value removes) to `target` once the result is valid."""
    kind = "account" if call.container is None else "container"
    validate_merged(call, target, updates, kind)
    for key, value in updates.items():
        if value == "":
            target.pop(key, None)
        else:
            target[key] = value
