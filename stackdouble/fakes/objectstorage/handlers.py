"""The fake Swift's request handlers: parse, ask the model, render with `views`.

Each request takes the path of a request through Swift 2.38's proxy pipeline, in its
order: `listing_formats` (the listing's type, 400/406), `bulk` (`?bulk-delete`,
`?extract-archive`), `tempurl`, keystoneauth (`auth.authorize`), `copy`, the quota
middlewares, then the proxy's controllers (`swift/proxy/controllers/{account,container,
obj}.py`) with their constraint checks (`swift/common/constraints.py`) and the backend
servers' rules (`swift/{account,container,obj}/server.py`): 201 for a new container, 202
for an existing one, 409 for deleting a non-empty one, 422 for an ETag mismatch, 304/412
for conditions, 206/416 for ranges (`swift/common/swob.py`).

Requests Swift authorizes late (`delay_denial`: container GET/HEAD and every object
request) are checked again with the container's read or write ACL.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import mimetypes
import re
import tarfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise
from typing import Any, Literal
from urllib.parse import parse_qsl, quote, unquote_to_bytes

from stackdouble.fakes.http import AuthRequired, FakeRequest, FakeResponse, HTTPError
from stackdouble.fakes.objectstorage import views
from stackdouble.fakes.objectstorage.auth import (
    Access,
    authorize,
    check_temp_url,
    clean_acl,
    disposition,
)
from stackdouble.fakes.objectstorage.errors import (
    HTML,
    TEXT,
    SwiftError,
    default_body,
    status_line,
    swob_response,
)
from stackdouble.fakes.objectstorage.models import (
    RESELLER_PREFIX,
    Container,
    ObjectStorageModel,
    StoredObject,
    http_date,
    list_entries,
    ts_ceil,
)

__all__ = [
    "account_request",
    "container_request",
    "object_request",
    "split_swift_path",
]

#: Headers the object server keeps besides metadata (its `allowed_headers`), title-cased.
KEPT_OBJECT_HEADERS = ("Content-Disposition", "Content-Encoding", "X-Delete-At",
                       "X-Object-Manifest", "Cache-Control", "Content-Language", "Expires",
                       "X-Robots-Tag")
#: What a listing can be (`listing_formats`), best first when Accept allows several.
LISTING_TYPES = ("text/plain", "application/json", "application/xml", "text/xml")
_FORMATS = {"plain": "text/plain", "json": "application/json", "xml": "application/xml"}
#: What the bulk middleware answers in.
_BULK_TYPES = LISTING_TYPES
_CONTAINER_PARAMS = ("marker", "end_marker", "prefix", "delimiter", "path", "format",
                     "reverse", "states", "includes")
_TRUE = frozenset({"true", "1", "yes", "on", "t", "y"})
_CHUNK = 65536
_READ = 1 << 20
_ARCHIVES: dict[str, Literal["r|", "r|gz", "r|bz2"]] = {
    "tar": "r|", "tar.gz": "r|gz", "tar.bz2": "r|bz2"}


# -- the parsed request ---------------------------------------------------------------------


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
        self.access = Access(identity=None, referer=self.headers.get("Referer"))
        self.listing_type = ""

    def param(self, name: str) -> str | None:
        """A query parameter decoded as UTF-8 (`request_helpers.get_param`).

        Raises:
            SwiftError: 400, it is not UTF-8.
        """
        value = self.params.get(name)
        if value:
            try:
                return value.encode("latin-1").decode("utf-8")
            except UnicodeDecodeError:
                raise SwiftError(400, f'"{name}" parameter not valid UTF-8',
                                 content_type=TEXT) from None
        return value

    def authorize(self, container: str | None, obj: str | None, acl: str | None = None,
                  *, method: str | None = None, account: str | None = None) -> int | None:
        """keystoneauth's verdict on this caller (None: allowed)."""
        return authorize(self.access, self.model, method or self.method,
                         account or self.account, container, obj, acl)


def _request_headers(environ: Mapping[str, Any]) -> dict[str, str]:
    """Request headers title-cased as swob's HeaderKeyDict has them, empty values kept."""
    out: dict[str, str] = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            out[key[5:].replace("_", "-").title()] = str(value)
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value is not None:
            out[key.replace("_", "-").title()] = str(value)
    return out


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
    return req.cloud.object_storage


def _denied(status: int) -> HTTPError:
    return AuthRequired() if status == 401 else SwiftError(403)


def _true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in _TRUE


def _html(status: int, headers: list[tuple[str, str]] | None = None) -> FakeResponse:
    return swob_response(status, headers=headers or ())


# -- entry points -------------------------------------------------------------------------------


def account_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}`."""
    return _serve(req, _ACCOUNT)


def container_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}/{container}`."""
    return _serve(req, _CONTAINER)


def object_request(req: FakeRequest) -> FakeResponse:
    """Every method on `/v1/{account}/{container}/{object}`."""
    return _serve(req, _OBJECT)


Controller = Mapping[str, Callable[[Call], FakeResponse]]


def _serve(req: FakeRequest, controller: Controller) -> FakeResponse:
    model = _model(req)
    model.expire()
    check_path(req)
    params = req.params
    version = params["version"]
    if version not in ("v1", "v1.0"):
        raise SwiftError(400)
    call = Call(req, model, params["account"], params.get("container"),
                params.get("object_name"))
    length = call.headers.get("Content-Length")
    if length is not None and (not length.strip().isdigit()):
        raise SwiftError(400, "Invalid Content-Length")
    if call.obj is None and call.method in ("GET", "HEAD"):
        call.listing_type = _listing_type(call)
    bulk = _bulk(call)
    if bulk is not None:
        return bulk
    temp_url = check_temp_url(model, call.method, req.subpath, req.query_string,
                              req.environ.get("REMOTE_ADDR"))
    if temp_url is not None:
        call.access.temp_url = temp_url
        if call.method not in ("GET", "HEAD", "OPTIONS"):
            for name in ("X-Object-Manifest", "X-Symlink-Target"):
                if name in call.headers:
                    raise SwiftError(400, f"The header {name!r} is not allowed in this tempurl")
    else:
        _identify(call)
    if call.method == "OPTIONS":
        allowed = sorted(set(controller) - {"OPTIONS"} | {"OPTIONS"})
        return FakeResponse(200, b"", [("Allow", ", ".join(allowed)),
                                       ("Content-Type", HTML), ("Content-Length", "0")])
    resp = controller[call.method](call)
    if temp_url is not None:
        resp = _temp_url_answer(call, resp)
    return resp


def _identify(call: Call) -> None:
    """The auth middlewares: a token starting `AUTH_` is tempauth's, which refuses one it
    does not know (401); any other is keystonemiddleware's, anonymous when invalid. Both
    read `X-Auth-Token`, else `X-Storage-Token`.

    Raises:
        AuthRequired: An unknown or expired tempauth token.
    """
    req = call.req
    token = req.header("X-Auth-Token") or req.header("X-Storage-Token")
    if token and token.startswith(RESELLER_PREFIX):
        groups = call.model.tempauth.groups_for(token)
        if groups is None:
            raise AuthRequired()
        call.access.groups = groups
        call.access.reseller = ".reseller_admin" in groups
    elif token:
        call.access.identity = req.cloud.identity.validate_auth_token(token)


def _temp_url_answer(call: Call, resp: FakeResponse) -> FakeResponse:
    """tempurl's outgoing rules: no custom metadata but `Public-*`; on a successful GET or
    HEAD, `Content-Disposition` and `Expires`."""
    temp_url = call.access.temp_url
    assert temp_url is not None
    kept = [(k, v) for k, v in resp.headers
            if not k.title().startswith("X-Object-Meta-")
            or k.title().startswith("X-Object-Meta-Public-")]
    if call.method in ("GET", "HEAD") and 200 <= resp.status < 300:
        if temp_url.object_name == "":
            from stackdouble.fakes.objectstorage.auth import _invalid

            raise _invalid(call.method)
        existing = None
        out = []
        for key, value in kept:
            if key.lower() == "content-disposition":
                existing = value
            else:
                out.append((key, value))
        out.append(("Content-Disposition", disposition(temp_url, existing, call.obj or "")))
        out.append(("Expires", http_date(temp_url.expires)))
        kept = out
    resp.headers = kept
    return resp


# -- listings --------------------------------------------------------------------------------


_ACCEPT_TOKEN = r"[^()<>@,;:\"/\[\]?={}\x00-\x20\x7f]+"
_ACCEPT = re.compile(
    r"^\s*(" + _ACCEPT_TOKEN + r")/(" + _ACCEPT_TOKEN + r")((?:\s*;\s*(?:" + _ACCEPT_TOKEN
    + r")\s*=\s*(?:" + _ACCEPT_TOKEN + r'|"(?:[^"\\]|(?:\\.))*"))*?\s*)$')


def best_match(accept: str | None, options: tuple[str, ...]) -> str | None:
    """swob's `Accept.best_match`: the first option the best-rated pattern matches.

    Raises:
        ValueError: A malformed Accept header.

    Example:
        >>> best_match("application/json;q=0.9, text/*", LISTING_TYPES)
        'text/plain'
        >>> best_match(None, LISTING_TYPES), best_match("image/png", LISTING_TYPES)
        ('text/plain', None)
    """
    types: list[tuple[str, float, bool]] = []
    if accept:
        for item in accept.split(","):
            found = _ACCEPT.findall(item)
            if not found:
                raise ValueError("Invalid accept header")
            typ, subtype, parms = found[0]
            quality = 1.0
            seen_q = False
            for parm in (p.strip() for p in parms.split(";") if p.strip()):
                name, value = parm.split("=")
                if name.strip() == "q":
                    if seen_q:
                        raise ValueError('Multiple "q" params')
                    seen_q = True
                    quality = float(value.strip())
            pattern = ("^" + (_ACCEPT_TOKEN if typ == "*" else re.escape(typ)) + "/"
                       + (_ACCEPT_TOKEN if subtype == "*" else re.escape(subtype)) + "$")
            types.append((pattern, quality, "*" not in (typ, subtype)))
    if not types:
        return options[0] if options else None
    types.sort(reverse=True, key=lambda t: (t[1], t[2]))
    for pattern, _, _ in types:
        for option in options:
            if re.match(pattern, option):
                return option
    return None


def _listing_type(call: Call) -> str:
    """`listing_formats.get_listing_content_type`: `format=` wins, else Accept."""
    wanted = call.param("format")
    accept = call.headers.get("Accept")
    if wanted:
        accept = _FORMATS.get(wanted.lower(), "text/plain")
    try:
        found = best_match(accept, LISTING_TYPES)
    except ValueError:
        raise SwiftError(400, "Invalid Accept header") from None
    if not found:
        raise SwiftError(406)
    return found


def _limit(call: Call, maximum: int) -> int:
    """`request_helpers.constrain_req_limit`: digits only, else the maximum."""
    given = call.param("limit")
    if given and given.isdigit():
        limit = int(given)
        if limit > maximum:
            raise SwiftError(412, f"Maximum limit is {maximum}")
        return limit
    return maximum


def _listing_response(call: Call, headers: list[tuple[str, str]], body: bytes) -> FakeResponse:
    out = [("Content-Type", call.listing_type + "; charset=utf-8"),
           ("Content-Length", str(len(body)))]
    out += headers
    if "format" not in call.params:
        out.append(("Vary", "Accept"))
    return FakeResponse(200 if body else 204, body, out)


def _head_response(call: Call, headers: list[tuple[str, str]]) -> FakeResponse:
    return _listing_response(call, headers, b"")


# -- accounts ---------------------------------------------------------------------------------


def _account_gate(call: Call) -> None:
    status = call.authorize(None, None)
    if status:
        raise _denied(status)
    limit = call.model.constraints.max_account_name_length
    if len(call.account.encode("utf-8")) > limit:
        raise SwiftError(400, f"Account name length of {len(call.account.encode())} longer "
                              f"than {limit}")


def account_get(call: Call) -> FakeResponse:
    """`GET`/`HEAD /v1/{account}`: the account's headers, and its containers."""
    _account_gate(call)
    model = call.model
    account = model.find_account(call.account)
    headers = views.account_headers(account, model.now(), call.access.owner)
    if call.method == "HEAD":
        return _head_response(call, headers)
    prefix = call.param("prefix")
    delimiter = call.param("delimiter")
    reverse = _true(call.param("reverse"))
    limit = _limit(call, model.constraints.account_listing_limit)
    marker = call.param("marker")
    end_marker = call.param("end_marker")
    entries = [] if account is None else list_entries(
        account.containers, limit=limit, marker=marker, end_marker=end_marker, prefix=prefix,
        delimiter=delimiter, reverse=reverse)
    body = views.account_listing(call.account, account, entries, call.listing_type)
    return _listing_response(call, headers, body)


def _account_quotas(call: Call) -> None:
    """account_quotas: only a reseller admin sets an account's quota."""
    names = ("X-Account-Meta-Quota-Bytes", "X-Remove-Account-Meta-Quota-Bytes",
             "X-Account-Quota-Bytes", "X-Remove-Account-Quota-Bytes",
             "X-Account-Quota-Count", "X-Remove-Account-Quota-Count")
    given = {n: call.headers[n] for n in names if n in call.headers}
    if not given:
        return
    if not call.access.reseller:
        raise SwiftError(403)
    account = call.model.account(call.account)
    for kind in ("Bytes", "Count"):
        value = given.get(f"X-Account-Quota-{kind}", given.get(f"X-Account-Meta-Quota-{kind}"))
        if f"X-Remove-Account-Quota-{kind}" in given or value == "":
            value = None
        elif value is not None and not value.isdigit():
            raise SwiftError(400)
        if value is not None or f"X-Remove-Account-Quota-{kind}" in given:
            setattr(account, f"quota_{kind.lower()}", int(value) if value else None)


def account_post(call: Call) -> FakeResponse:
    """`POST /v1/{account}`: set or remove metadata (and temp-URL keys); 204."""
    _account_gate(call)
    _check_metadata(call, "account")
    _account_quotas(call)
    account = call.model.account(call.account)
    _merge_metadata(call, account.headers, _metadata_updates(call, "account"))
    return _html(204)


def account_put(call: Call) -> FakeResponse:
    """`PUT /v1/{account}`: create the account (201) or update it (202)."""
    _check_metadata(call, "account")
    _account_gate(call)
    created = call.model.find_account(call.account) is None
    account = call.model.account(call.account)
    _account_quotas(call)
    _merge_metadata(call, account.headers, _metadata_updates(call, "account"))
    return _html(201 if created else 202)


def account_delete(call: Call) -> FakeResponse:
    """`DELETE /v1/{account}`: keystoneauth lets only a reseller admin do it."""
    status = call.authorize(None, None)
    if status:
        raise _denied(status)
    if call.req.query_string:
        raise SwiftError(400)
    call.model.delete_account(call.account)
    return _html(204)


# -- containers ----------------------------------------------------------------------------------


def container_get(call: Call) -> FakeResponse:
    """`GET`/`HEAD /v1/{account}/{container}`: headers, and the objects listed as Swift
    lists them."""
    model = call.model
    name = call.container or ""
    options: dict[str, Any] = {}
    if call.method == "GET":
        for param in _CONTAINER_PARAMS:
            call.param(param)
        options = {"limit": _limit(call, model.constraints.container_listing_limit),
                   "marker": call.param("marker"), "end_marker": call.param("end_marker"),
                   "prefix": call.param("prefix"), "delimiter": call.param("delimiter"),
                   "path": call.param("path"), "reverse": _true(call.param("reverse"))}
    allowed = call.authorize(name, None) is None
    account = model.find_account(call.account)
    container = account.containers.get(name) if account is not None else None
    if not allowed:
        status = call.authorize(name, None, container.read_acl if container else None)
        if status:
            raise _denied(status)
    if container is None:
        raise SwiftError(404)
    headers = views.container_headers(container, call.access.owner)
    if call.method == "HEAD":
        return _head_response(call, headers)
    entries = list_entries(container.objects, **options)
    return _listing_response(call, headers,
                             views.container_listing(container, entries, call.listing_type))


def _container_settings(call: Call) -> dict[str, str]:
    """The container headers a PUT or POST sets (`transfer_headers`), ACLs cleaned."""
    updates = _metadata_updates(call, "container")
    for name in ("X-Container-Read", "X-Container-Write", "X-Container-Sync-Key",
                 "X-Container-Sync-To", "X-Versions-Location", "X-History-Location"):
        if f"X-Remove-{name[2:]}" in call.headers:
            updates[name] = ""
        if name in call.headers:
            value = call.headers[name]
            if name in ("X-Container-Read", "X-Container-Write"):
                try:
                    value = clean_acl(name, value)
                except ValueError as exc:
                    raise SwiftError(400, str(exc)) from None
            updates[name] = value
    return updates


def _container_quota_headers(call: Call) -> None:
    for kind, text in (("Bytes", "bytes"), ("Count", "count")):
        value = call.headers.get(f"X-Container-Meta-Quota-{kind}")
        if value and not value.isdigit():
            raise SwiftError(400, f"Invalid {text} quota.")


def container_put(call: Call) -> FakeResponse:
    """`PUT /v1/{account}/{container}`: 201 when created, 202 when it existed."""
    _container_quota_headers(call)
    name = call.container or ""
    status = call.authorize(name, None)
    if status:
        raise _denied(status)
    updates = _container_settings(call)
    _check_metadata(call, "container")
    policy = call.headers.get("X-Storage-Policy") or None
    model = call.model
    limit = model.constraints.max_container_name_length
    if len(name.encode("utf-8")) > limit:
        raise SwiftError(400, f"Container name length of {len(name.encode())} longer than "
                              f"{limit}")
    existing = model.find_container(call.account, name)
    if existing is not None:
        _validate_merged(call, existing.headers, updates, "container")
    created = model.create_container(call.account, name, policy=policy)
    _merge_metadata(call, model.find_container(call.account, name).headers,  # type: ignore[union-attr]
                    updates)
    return _html(201 if created else 202)


def container_post(call: Call) -> FakeResponse:
    """`POST /v1/{account}/{container}`: set or remove metadata and ACLs; 204."""
    _container_quota_headers(call)
    name = call.container or ""
    status = call.authorize(name, None)
    if status:
        raise _denied(status)
    updates = _container_settings(call)
    _check_metadata(call, "container")
    container = call.model.find_container(call.account, name)
    if container is None:
        raise SwiftError(404)
    _merge_metadata(call, container.headers, updates)
    return _html(204)


def container_delete(call: Call) -> FakeResponse:
    """`DELETE /v1/{account}/{container}`: 204; 409 while it holds objects."""
    status = _delete_container(call, call.account, call.container or "")
    if status >= 300:
        if status in (401, 403):
            raise _denied(status)
        raise SwiftError(status)
    return _html(204)


def _delete_container(call: Call, account: str, name: str) -> int:
    status = call.authorize(name, None, method="DELETE", account=account)
    if status:
        return status
    try:
        call.model.delete_container(account, name)
    except SwiftError as exc:
        return exc.status
    return 204


# -- metadata -------------------------------------------------------------------------------


def _check_metadata(call: Call, kind: str, headers: Mapping[str, str] | None = None) -> None:
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
                not _utf8(name) or (value and not _utf8(value))):
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


def _utf8(wsgi: str) -> bool:
    try:
        text = wsgi.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    return bool(text) and "\x00" not in text


def _metadata_updates(call: Call, kind: str) -> dict[str, str]:
    """`X-<Kind>-Meta-*` to set and `X-Remove-<Kind>-Meta-*` to remove (as empty values)."""
    prefix = f"X-{kind.title()}-Meta-"
    remove = f"X-Remove-{kind.title()}-Meta-"
    updates = {"X-" + key[len("X-Remove-"):]: "" for key in call.headers
               if key.startswith(remove)}
    updates.update((k, v) for k, v in call.headers.items() if k.startswith(prefix))
    return updates


def _validate_merged(call: Call, current: Mapping[str, str], updates: Mapping[str, str],
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


def _merge_metadata(call: Call, target: dict[str, str], updates: Mapping[str, str]) -> None:
    kind = "account" if call.container is None else "container"
    _validate_merged(call, target, updates, kind)
    for key, value in updates.items():
        if value == "":
            target.pop(key, None)
        else:
            target[key] = value


# -- objects: reads -------------------------------------------------------------------------------


class _Match:
    """swob's `Match`: the tags of If-Match / If-None-Match, quotes removed."""

    __slots__ = ("tags",)

    def __init__(self, value: str) -> None:
        self.tags = {_normalize_etag(t.strip()) for t in value.split(",") if t.strip()}

    def __contains__(self, etag: str) -> bool:
        return "*" in self.tags or _normalize_etag(etag) in self.tags


def _normalize_etag(tag: str) -> str:
    if tag and tag.startswith('"') and tag.endswith('"') and tag != '"':
        return tag[1:-1]
    return tag


def _http_seconds(value: str | None) -> int | None:
    if not value:
        return None
    from email.utils import parsedate_tz

    try:
        parsed = parsedate_tz(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    from calendar import timegm

    return timegm((*parsed[:6], 0, 0, 0)) - (parsed[9] or 0)


def _conditional(headers: Mapping[str, str], obj: StoredObject | None) -> int | None:
    """swob's `_get_conditional_response_status`: 304, 412 or None."""
    etag = obj.etag if obj is not None else None
    if_none = headers.get("If-None-Match")
    if_match = headers.get("If-Match")
    if etag and if_none is not None and etag in _Match(if_none):
        return 304
    if etag and if_match is not None and etag not in _Match(if_match):
        return 412
    if obj is None:
        return 412 if if_match is not None and "*" in _Match(if_match).tags else None
    modified = ts_ceil(obj.meta_timestamp)
    since = _http_seconds(headers.get("If-Modified-Since"))
    if since is not None and modified <= since:
        return 304
    unmodified = _http_seconds(headers.get("If-Unmodified-Since"))
    if unmodified is not None and modified > unmodified:
        return 412
    return None


def parse_ranges(value: str, length: int) -> list[tuple[int, int]] | None:
    """swob's `Range(value).ranges_for_length(length)`: `(start, stop)` pairs; None when
    the header must be ignored; `[]` when nothing is satisfiable (416).

    Example:
        >>> parse_ranges("bytes=0-3", 11), parse_ranges("bytes=-500", 11)
        ([(0, 4)], [(0, 11)])
        >>> parse_ranges("bytes=20-", 11), parse_ranges("bytes=5-3", 11)
        ([], None)
    """
    value = value.replace(" ", "")
    if not value.lower().startswith("bytes="):
        return None
    spans: list[tuple[int | None, int | None]] = []
    for rng in value[6:].split(","):
        if "-" not in rng:
            return None
        first, last = rng.split("-", 1)
        try:
            start = int(first) if first else None
        except ValueError:
            return None
        if last:
            if not last.isdigit():
                return None
            end: int | None = int(last)
            if start is not None and end is not None and end < start:
                return None
        else:
            end = None
            if start is None:
                return None
        spans.append((start, end))
    if not spans:
        return None
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if start is None:
            assert end is not None
            if end == 0:
                continue
            out.append((0, length) if end > length else (length - end, length))
        elif end is None:
            if start < length:
                out.append((start, length))
        elif start < length:
            out.append((start, min(end + 1, length)))
    if len(out) > 50:
        return []
    overlaps = 0
    for i, (s1, e1) in enumerate(out):
        for s2, e2 in out[i + 1:]:
            if s1 < s2 < e1 or s1 < e2 < e1 or s2 < s1 < e2 or s2 < e1 < e2:
                overlaps += 1
                if overlaps > 2:
                    return []
    if any(a > b for a, b in pairwise(out)) and len(out) >= 8:
        return []
    return out


def _stream(data: bytes, start: int, stop: int) -> Iterator[bytes]:
    for offset in range(start, stop, _CHUNK):
        yield data[offset:min(offset + _CHUNK, stop)]


def _body(data: bytes, start: int = 0, stop: int | None = None) -> bytes | Iterator[bytes]:
    stop = len(data) if stop is None else stop
    if stop - start <= _CHUNK:
        return data if start == 0 and stop == len(data) else data[start:stop]
    return _stream(data, start, stop)


def object_get(call: Call) -> FakeResponse:
    """`GET`/`HEAD` of an object: conditions (304/412), one or more ranges (206/416),
    the content streamed."""
    name = call.obj or ""
    allowed = call.authorize(call.container, name) is None
    holder = call.model.find_container(call.account, call.container or "")
    if not allowed:
        status = call.authorize(call.container, name, holder.read_acl if holder else None)
        if status:
            raise _denied(status)
    found = holder.objects.get(name) if holder is not None else None
    return _object_response(call, found)


def _object_response(call: Call, found: StoredObject | None) -> FakeResponse:
    condition = _conditional(call.headers, found)
    if found is None:
        if condition:
            return FakeResponse(condition, b"", [("Content-Type", HTML),
                                                 ("Content-Length", "0")])
        raise SwiftError(404)
    headers = views.object_headers(found)
    if condition == 304:
        return FakeResponse(304, b"", [*headers, ("Content-Length", "0")])
    if condition:
        return FakeResponse(condition, b"", [*views.object_failure_headers(headers),
                                             ("Content-Length", "0")])
    size = found.size
    if call.method == "HEAD":
        return FakeResponse(200, b"", [*headers, ("Content-Length", str(size))])
    wanted = call.headers.get("Range")
    spans = parse_ranges(wanted, size) if wanted else None
    if spans is not None and not spans:
        body = default_body(416)
        return FakeResponse(416, body, [*headers, ("Content-Range", f"bytes */{size}"),
                                        ("Content-Length", str(len(body)))])
    if spans and size:
        if len(spans) == 1:
            start, stop = spans[0]
            return FakeResponse(206, _body(found.data, start, stop), [
                *headers, ("Content-Range", f"bytes {start}-{stop - 1}/{size}"),
                ("Content-Length", str(stop - start))])
        return _multipart(found, headers, spans, wanted or "")
    return FakeResponse(200, _body(found.data), [*headers, ("Content-Length", str(size))])


def _multipart(found: StoredObject, headers: list[tuple[str, str]],
               spans: list[tuple[int, int]], wanted: str) -> FakeResponse:
    boundary = hashlib.md5(f"{found.etag}{wanted}".encode(),
                           usedforsecurity=False).hexdigest().encode()
    ctype = found.content_type.encode("utf-8")
    parts: list[bytes] = []
    for start, stop in spans:
        parts += [b"--", boundary, b"\r\nContent-Type: ", ctype, b"\r\n",
                  f"Content-Range: bytes {start}-{stop - 1}/{found.size}\r\n\r\n".encode(),
                  found.data[start:stop], b"\r\n"]
    parts += [b"--", boundary, b"--"]
    body = b"".join(parts)
    out = [(k, v) for k, v in headers if k != "Content-Type"]
    out.insert(0, ("Content-Type", "multipart/byteranges;boundary=" + boundary.decode()))
    out.append(("Content-Length", str(len(body))))
    return FakeResponse(206, body, out)


# -- objects: writes ------------------------------------------------------------------------------


def _kept_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """What the object server keeps of a PUT or POST: metadata and its allowed headers."""
    kept = {k: v for k, v in headers.items() if k.startswith("X-Object-Meta-")}
    for name in KEPT_OBJECT_HEADERS:
        if name in headers:
            kept[name] = headers[name]
    return kept


def _delete_headers(call: Call, headers: dict[str, str]) -> int | None:
    """`constraints.check_delete_headers`: X-Delete-After becomes X-Delete-At.

    Raises:
        SwiftError: 400 with Swift's text.
    """
    now = call.model.now() / 100_000
    if "X-Delete-After" in headers:
        try:
            after = int(headers["X-Delete-After"])
        except ValueError:
            raise SwiftError(400, "Non-integer X-Delete-After", content_type=TEXT) from None
        actual = int(min(max(0.0, now + after), 9999999999.99999))
        if actual <= now:
            raise SwiftError(400, "X-Delete-After in past", content_type=TEXT)
        headers["X-Delete-At"] = f"{actual:010d}"
        del headers["X-Delete-After"]
    if "X-Delete-At" in headers:
        try:
            delete_at = int(min(max(0.0, float(int(headers["X-Delete-At"]))), 9999999999.99999))
        except ValueError:
            raise SwiftError(400, "Non-integer X-Delete-At", content_type=TEXT) from None
        if delete_at <= now:
            raise SwiftError(400, "X-Delete-At in past", content_type=TEXT)
        headers["X-Delete-At"] = f"{delete_at:010d}"
        return delete_at
    return None


def _chunked(call: Call) -> bool:
    te = call.headers.get("Transfer-Encoding", "").lower()
    if te.rsplit(",", 1)[-1].strip() == "chunked":
        return True
    return bool(call.req.environ.get("wsgi.input_terminated")) and (
        "Content-Length" not in call.headers)


def object_put(call: Call) -> FakeResponse:
    """`PUT` of an object: upload (streamed in), or copy with `X-Copy-From`."""
    if call.headers.get("X-Copy-From"):
        source = _path_header(call, "X-Copy-From", "X-Copy-From header must be of the form "
                                                   "<container name>/<object name>")
        account = call.account
        if "X-Copy-From-Account" in call.headers:
            account = _account_header(call, call.headers["X-Copy-From-Account"])
        return _copy(call, (account, *source), (call.account, call.container or "",
                                                call.obj or ""))
    headers = dict(call.headers)
    return _store(call, call.account, call.container or "", call.obj or "", headers, None)


def object_copy(call: Call) -> FakeResponse:
    """`COPY` with `Destination` (and `Destination-Account`): the copy middleware's
    rewrite into a PUT of the destination with `X-Copy-From`."""
    if not call.headers.get("Destination"):
        raise SwiftError(412, "Destination header required")
    dest_account = call.account
    if "Destination-Account" in call.headers:
        dest_account = _account_header(call, call.headers["Destination-Account"])
    container, name = _path_header(call, "Destination", "Destination header must be of the "
                                                        "form <container name>/<object name>")
    return _copy(call, (call.account, call.container or "", call.obj or ""),
                 (dest_account, container, name))


def _unquote(value: str) -> str:
    return unquote_to_bytes(value).decode("utf-8", "surrogateescape")


def _path_header(call: Call, name: str, error: str) -> tuple[str, str]:
    """`request_helpers.check_path_header`: unquote, split at the first `/`."""
    value = _unquote(call.headers[name])
    if not value.startswith("/"):
        value = "/" + value
    segs = value.split("/", 2)
    if len(segs) != 3 or not segs[1] or not segs[2]:
        raise SwiftError(412, error)
    return segs[1], segs[2]


def _account_header(call: Call, value: str) -> str:
    """`constraints.check_account_format`."""
    account = _unquote(value)
    if not account:
        raise SwiftError(412, "Account name cannot be empty")
    if "/" in account:
        raise SwiftError(412, "Account name cannot contain slashes")
    return account


def _copy(call: Call, source: tuple[str, str, str],
          dest: tuple[str, str, str]) -> FakeResponse:
    """The copy middleware's `handle_PUT`: GET the source as the caller, then PUT it."""
    length = call.headers.get("Content-Length")
    if length and int(length):
        raise SwiftError(400, "Copy requests require a zero byte body", content_type=TEXT)
    src_account, src_container, src_name = source
    for part in (src_container, src_name, dest[1], dest[2], src_account, dest[0]):
        if not _utf8(part.encode("utf-8", "surrogateescape").decode("latin-1")):
            raise SwiftError(412, "Invalid UTF8 or contains NULL")
    # The source GET, a subrequest with the caller's identity and conditions.
    allowed = call.authorize(src_container, src_name, method="GET",
                             account=src_account) is None
    holder = call.model.find_container(src_account, src_container)
    if not allowed:
        status = call.authorize(src_container, src_name, holder.read_acl if holder else None,
                                method="GET", account=src_account)
        if status:
            raise _denied(status)
    found = holder.objects.get(src_name) if holder is not None else None
    got = _object_response(_as_get(call), found)
    if got.status >= 300:
        return got
    assert found is not None
    data = found.data
    if got.status == 206:
        start, stop = _content_range(got)
        data = data[start:stop]
    headers = {k: v for k, v in call.headers.items()
               if k not in ("X-Copy-From", "X-Copy-From-Account", "Destination",
                            "Destination-Account", "Content-Length", "Transfer-Encoding")}
    if _true(call.headers.get("X-Fresh-Metadata")):
        sink = headers
    else:
        sink = dict(found.headers)
        sink.update(headers)
    if not call.headers.get("Content-Type"):
        sink["Content-Type"] = found.content_type
    if got.status == 200:
        sink["Etag"] = found.etag
    else:
        sink.pop("Etag", None)
    extra = [("X-Copied-From-Account", quote(src_account)),
             ("X-Copied-From", quote(f"{src_container}/{src_name}")),
             ("X-Copied-From-Last-Modified", http_date(ts_ceil(found.meta_timestamp)))]
    return _store(call, dest[0], dest[1], dest[2], sink, data, extra, copying=True)


def _as_get(call: Call) -> Call:
    source = Call.__new__(Call)
    for slot in Call.__slots__:
        setattr(source, slot, getattr(call, slot))
    source.method = "GET"
    return source


def _content_range(resp: FakeResponse) -> tuple[int, int]:
    value = resp.header("Content-Range") or ""
    first, _, rest = value.partition(" ")[2].partition("-")
    return int(first), int(rest.partition("/")[0]) + 1


def _store(call: Call, account: str, container: str, name: str, headers: dict[str, str],
           data: bytes | None, extra: list[tuple[str, str]] | None = None,
           *, copying: bool = False) -> FakeResponse:
    """The proxy's object PUT (and the object server's), for an upload or a copy's sink."""
    model = call.model
    if_none = headers.get("If-None-Match")
    if if_none is not None and "*" not in _Match(if_none).tags:
        raise SwiftError(400, "If-None-Match only supports *", content_type=TEXT)
    allowed = call.authorize(container, name, method="PUT", account=account) is None
    holder = model.find_container(account, container)
    if not allowed:
        status = call.authorize(container, name, holder.write_acl if holder else None,
                                method="PUT", account=account)
        if status:
            raise _denied(status)
    chunked = False if copying else _chunked(call)
    length = len(data) if data is not None else (
        None if chunked or "Content-Length" not in headers else int(headers["Content-Length"]))
    if holder is not None:
        _quotas(call, account, holder, length or 0)
    if holder is None:
        raise SwiftError(404)
    if _true(headers.get("X-Detect-Content-Type")) or not headers.get("Content-Type"):
        guessed = mimetypes.guess_type(f"/v1/{account}/{container}/{name}")[0]
        headers["Content-Type"] = guessed or "application/octet-stream"
    delete_at = _check_creation(call, headers, name, length, chunked)
    existing = holder.objects.get(name)
    if if_none is not None and existing is not None:
        raise SwiftError(412)
    if data is None:
        data = _read_body(call, length)
    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
    sent = _normalize_etag(headers.get("Etag", ""))
    if sent and sent != etag:
        # The object server's refusal: the proxy stamps it like a success
        # (`_store_object`: Last-Modified is the PUT's X-Timestamp, rounded up).
        raise SwiftError(422, headers=[("Last-Modified", http_date(ts_ceil(model.now())))])
    kept = _kept_headers(headers)
    stored = model.put_object(account, container, name, data,
                              content_type=headers["Content-Type"], headers=kept,
                              delete_at=delete_at, etag=etag)
    out = [("Content-Type", HTML), ("Content-Length", "0"), ("Etag", stored.etag),
           ("Last-Modified", http_date(ts_ceil(stored.meta_timestamp)))]
    if extra:
        out += extra
        out += [(k, v) for k, v in kept.items()
                if k.startswith("X-Object-Meta-") or k == "X-Delete-At"]
    return FakeResponse(201, b"", out)


def _check_creation(call: Call, headers: dict[str, str], name: str, length: int | None,
                    chunked: bool) -> int | None:
    """`constraints.check_object_creation` and the proxy's `check_content_type`."""
    c = call.model.constraints
    if length is not None and length > c.max_file_size:
        raise SwiftError(413, "Your request is too large.", content_type=TEXT)
    if length is None and not chunked:
        raise SwiftError(411, "Missing Content-Length header.", content_type=TEXT)
    size = len(name.encode("utf-8", "surrogateescape"))
    if size > c.max_object_name_length:
        raise SwiftError(400, f"Object name length of {size} longer than "
                              f"{c.max_object_name_length}", content_type=TEXT)
    delete_at = _delete_headers(call, headers)
    if not _utf8(headers["Content-Type"]):
        raise SwiftError(400, "Invalid Content-Type", content_type=TEXT)
    _check_metadata(call, "object", headers)
    if ";" in headers["Content-Type"]:
        for param in headers["Content-Type"].split(";")[1:]:
            if param.lstrip().startswith("swift_"):
                raise SwiftError(400, "Invalid Content-Type, swift_* is not a valid parameter "
                                      "name.")
    return delete_at


def _quotas(call: Call, account_name: str, holder: Container, length: int) -> None:
    """container_quotas and account_quotas: 413 `Upload exceeds quota.`"""
    meta = holder.headers
    quota = meta.get("X-Container-Meta-Quota-Bytes", "")
    if quota.isdigit() and int(quota) < holder.bytes_used + length:
        raise SwiftError(413, "Upload exceeds quota.")
    quota = meta.get("X-Container-Meta-Quota-Count", "")
    if quota.isdigit() and int(quota) < len(holder.objects) + 1:
        raise SwiftError(413, "Upload exceeds quota.")
    account = call.model.find_account(account_name)
    if account is None or call.access.reseller:
        return
    legacy = account.headers.get("X-Account-Meta-Quota-Bytes", "")
    byte_quota = account.quota_bytes if account.quota_bytes is not None else (
        int(legacy) if legacy.isdigit() else None)
    if byte_quota is not None and byte_quota < account.bytes_used + length:
        raise SwiftError(413, "Upload exceeds quota.")
    if account.quota_count is not None and account.quota_count < account.object_count + 1:
        raise SwiftError(413, "Upload exceeds quota.")


def _read_body(call: Call, length: int | None) -> bytes:
    """The request body, read once: with a Content-Length, one read (an in-memory input
    gives back the caller's own bytes, no copy); chunked, into one growing buffer.

    Raises:
        SwiftError: 413 past `max_file_size`; 499 when fewer bytes arrive than announced.
    """
    stream = call.req.environ.get("wsgi.input")
    if stream is None:
        return b""
    if length is not None:
        data = stream.read(length) if length else b""
        if len(data) < length:
            raise SwiftError(499)
        return bytes(data) if not isinstance(data, bytes) else data
    limit = call.model.constraints.max_file_size
    buffer = io.BytesIO()
    while True:
        chunk = stream.read(_READ)
        if not chunk:
            break
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise SwiftError(413)
    return buffer.getvalue()


def object_post(call: Call) -> FakeResponse:
    """`POST` of an object: its custom metadata and kept headers replaced; 202."""
    name = call.obj or ""
    allowed = call.authorize(call.container, name) is None
    holder = call.model.find_container(call.account, call.container or "")
    if not allowed:
        status = call.authorize(call.container, name, holder.write_acl if holder else None)
        if status:
            raise _denied(status)
    if holder is None:
        raise SwiftError(404)
    _check_metadata(call, "object")
    headers = dict(call.headers)
    delete_at = _delete_headers(call, headers)
    if name not in holder.objects:
        raise SwiftError(404)
    content_type = headers.get("Content-Type") or None
    call.model.update_object(call.account, call.container or "", name,
                             _kept_headers(headers), content_type=content_type,
                             delete_at=delete_at)
    return _html(202)


def object_delete(call: Call) -> FakeResponse:
    """`DELETE` of an object: 204, or 404."""
    status = _delete_object(call, call.account, call.container or "", call.obj or "")
    if status in (401, 403):
        raise _denied(status)
    if status >= 300:
        raise SwiftError(status)
    return _html(204)


def _delete_object(call: Call, account: str, container: str, name: str) -> int:
    allowed = call.authorize(container, name, method="DELETE", account=account) is None
    holder = call.model.find_container(account, container)
    if not allowed:
        status = call.authorize(container, name, holder.write_acl if holder else None,
                                method="DELETE", account=account)
        if status:
            return status
    if holder is None or name not in holder.objects:
        return 404
    call.model.delete_object(account, container, name)
    return 204


# -- bulk ----------------------------------------------------------------------------------------


def _bulk(call: Call) -> FakeResponse | None:
    """The bulk middleware: `?bulk-delete` (POST, DELETE) and `?extract-archive` (PUT)."""
    kind = call.params.get("extract-archive")
    resp = None
    if kind is not None and call.method == "PUT":
        archive = _ARCHIVES.get(kind.lower().strip("."))
        if archive is None:
            resp = swob_response(400, "Unsupported archive format")
        else:
            resp = _extract(call, archive)
    if "bulk-delete" in call.params and call.method in ("POST", "DELETE"):
        resp = _bulk_delete(call)
    return resp


def _bulk_type(call: Call) -> str | None:
    try:
        return best_match(call.headers.get("Accept"), _BULK_TYPES)
    except ValueError:
        return None


def _bulk_answer(out_type: str | None, summary: dict[str, Any], failed: list[list[str]],
                 root: str) -> FakeResponse:
    body = views.bulk_body(out_type, summary, failed, root)
    return FakeResponse(200, body, [("Content-Type", out_type or HTML)])


def _bulk_lines(call: Call) -> list[str]:
    """`Bulk.get_objs_to_delete`: one quoted path per line, unquoted."""
    if call.headers.get("Content-Length") is None and not _chunked(call):
        raise SwiftError(411)
    stream = call.req.environ.get("wsgi.input")
    raw = stream.read() if stream is not None else b""
    longest = 2 * (call.model.constraints.max_object_name_length
                   + call.model.constraints.max_container_name_length + 2)
    names: list[str] = []
    for line in raw.split(b"\n"):
        if len(line) > longest:
            raise SwiftError(400, "Invalid File Name")
        name = unquote_to_bytes(line.strip()).decode("utf-8", "surrogateescape")
        if name:
            names.append(name)
        if len(names) > call.model.constraints.max_deletes_per_request:
            raise SwiftError(413, "Maximum Bulk Deletes: "
                                  f"{call.model.constraints.max_deletes_per_request} per request")
    return names


def _quoted(name: str) -> str:
    return quote(name.encode("utf-8", "surrogateescape"), safe="/")


def _bulk_delete(call: Call) -> FakeResponse:
    """`Bulk.handle_delete_iter`: objects first, then containers; a JSON (or text, XML)
    summary with 200 whatever happened."""
    out_type = _bulk_type(call)
    summary: dict[str, Any] = {"Response Status": "200 OK", "Response Body": "",
                               "Number Deleted": 0, "Number Not Found": 0}
    failed: list[list[str]] = []
    try:
        with contextlib.suppress(AuthRequired):  # subrequests: each is refused in turn
            _identify(call)
        if not out_type:
            raise SwiftError(406)
        incoming = call.headers.get("Content-Type")
        if incoming and not incoming.startswith("text/plain"):
            raise SwiftError(406)
        names = _bulk_lines(call)
        failed_type = 400
        for objects_pass in (True, False):
            for name in names:
                if ("/" in name.strip("/")) != objects_pass:
                    continue
                path = "/" + "/".join(["v1", call.account, name.lstrip("/")])
                if not _utf8(path.encode("utf-8", "surrogateescape").decode("latin-1")):
                    failed.append([_quoted(name), status_line(412)])
                    continue
                status = _bulk_delete_one(call, path)
                if status < 300:
                    summary["Number Deleted"] += 1
                elif status == 404:
                    summary["Number Not Found"] += 1
                else:
                    if status >= 500:
                        failed_type = 502
                    failed.append([_quoted(name), status_line(status)])
                    if len(failed) >= call.model.constraints.max_failed_deletes:
                        raise SwiftError(400, "Max delete failures exceeded")
        if failed:
            summary["Response Status"] = status_line(failed_type)
        elif not (summary["Number Deleted"] or summary["Number Not Found"]):
            summary["Response Status"] = status_line(400)
            summary["Response Body"] = "Invalid bulk delete."
    except SwiftError as err:
        summary["Response Status"] = status_line(err.status)
        summary["Response Body"] = err.body or ""
    return _bulk_answer(out_type, summary, failed, "delete")


def _bulk_delete_one(call: Call, path: str) -> int:
    _, account, container, obj = split_swift_path(path)
    assert account is not None
    if not container:
        return call.authorize(None, None, method="DELETE", account=account) or 405
    if obj:
        return _delete_object(call, account, container, obj)
    return _delete_container(call, account, container)


def _extract(call: Call, mode: Literal["r|", "r|gz", "r|bz2"]) -> FakeResponse:
    """`Bulk.handle_extract_iter`: each file of a tar becomes an object under
    `<container>[/<prefix>]/`, containers created on the way; a summary with 200."""
    out_type = _bulk_type(call)
    summary: dict[str, Any] = {"Response Status": status_line(201), "Response Body": "",
                               "Number Files Created": 0}
    failed: list[list[str]] = []
    try:
        with contextlib.suppress(AuthRequired):  # subrequests: each is refused in turn
            _identify(call)
        if not out_type:
            raise SwiftError(406)
        if call.headers.get("Content-Length") is None and not _chunked(call):
            raise SwiftError(411)
        base = "/".join(p for p in (call.container, call.obj) if p is not None).rstrip("/")
        failed_type = 400
        seen: set[str] = set()
        created = 0
        limits = call.model.constraints
        stream = call.req.environ["wsgi.input"]
        with tarfile.open(mode=mode, fileobj=stream) as tar:
            for member in tar:
                if len(failed) >= limits.max_failed_extractions:
                    break
                if not member.isfile():
                    continue
                path = member.name
                if path.startswith("./"):
                    path = path[2:]
                path = path.lstrip("/")
                if base:
                    path = base + "/" + path
                if "/" not in path:
                    continue
                container, name = path.split("/", 1)
                if not _utf8(("/v1/" + call.account + "/" + path).encode(
                        "utf-8", "surrogateescape").decode("latin-1")):
                    failed.append([_quoted(path), status_line(412)])
                    continue
                if member.size > call.model.constraints.max_file_size:
                    failed.append([_quoted(path), status_line(413)])
                    continue
                if container not in seen:
                    status = _ensure_container(call, container)
                    if status == 401:
                        raise AuthRequired()
                    created += status == 201
                    if created > limits.max_containers_per_extraction:
                        raise SwiftError(400, f"More than {limits.max_containers_per_extraction}"
                                              " containers to create from tar.")
                    if status >= 300:
                        failed.append([_quoted(f"/v1/{call.account}/{container}"),
                                       status_line(status)])
                        continue
                fileobj = tar.extractfile(member)
                data = fileobj.read() if fileobj is not None else b""
                headers = {k: v for k, v in call.headers.items()
                           if k in ("X-Delete-At", "X-Delete-After")
                           or k.startswith("X-Object-Meta-")}
                headers["Content-Length"] = str(len(data))
                for key, value in member.pax_headers.items():
                    if key in ("SCHILY.xattr.user.mime_type", "LIBARCHIVE.xattr.user.mime_type"):
                        headers["Content-Type"] = value.encode("utf-8").decode("latin-1")
                    for lead in ("SCHILY.xattr.user.meta.", "LIBARCHIVE.xattr.user.meta."):
                        if key.startswith(lead):
                            headers["X-Object-Meta-" + key[len(lead):].title()] = (
                                value.encode("utf-8").decode("latin-1"))
                seen.add(container)
                try:
                    _store(call, call.account, container, name, headers, data, copying=True)
                    summary["Number Files Created"] += 1
                except AuthRequired:
                    failed.append([_quoted(path), status_line(401)])
                    raise
                except SwiftError as err:
                    if err.status >= 500:
                        failed_type = 502
                    failed.append([_quoted(path), status_line(err.status)])
        if failed:
            summary["Response Status"] = status_line(failed_type)
        elif not summary["Number Files Created"]:
            summary["Response Status"] = status_line(400)
            summary["Response Body"] = "Invalid Tar File: No Valid Files"
    except AuthRequired:
        summary["Response Status"] = status_line(401)
    except SwiftError as err:
        summary["Response Status"] = status_line(err.status)
        summary["Response Body"] = err.body or ""
    except (tarfile.TarError, zlib.error, EOFError, OSError) as exc:
        summary["Response Status"] = status_line(400)
        summary["Response Body"] = f"Invalid Tar File: {exc}"
    return _bulk_answer(out_type, summary, failed, "extract")


def _ensure_container(call: Call, name: str) -> int:
    """`Bulk.create_container`: HEAD it, PUT it when missing (as the caller)."""
    model = call.model
    existing = model.find_container(call.account, name)
    if existing is not None:
        allowed = call.authorize(name, None, method="HEAD") is None
        if allowed or not call.authorize(name, None, existing.read_acl, method="HEAD"):
            return 204
    status = call.authorize(name, None, method="PUT")
    if status:
        return status
    if existing is not None:
        return 204
    if len(name.encode("utf-8", "surrogateescape")) > model.constraints.max_container_name_length:
        return 400
    model.create_container(call.account, name)
    return 201


_ACCOUNT: Controller = {"GET": account_get, "HEAD": account_get, "POST": account_post,
                        "PUT": account_put, "DELETE": account_delete, "OPTIONS": account_get}
_CONTAINER: Controller = {"GET": container_get, "HEAD": container_get, "PUT": container_put,
                          "POST": container_post, "DELETE": container_delete,
                          "OPTIONS": container_get}
_OBJECT: Controller = {"GET": object_get, "HEAD": object_get, "PUT": object_put,
                       "POST": object_post, "DELETE": object_delete, "COPY": object_copy,
                       "OPTIONS": object_get}
