"""The object_versioning middleware
(`swift/common/middleware/versioned_writes/object_versioning.py`, Swift 2.38): not a
pipeline name of its own but part of `versioned_writes`, which runs it inside its legacy
modes as Swift's egg does with `allow_object_versioning = true`; it needs `symlink` after
it in the pipeline, as Swift does.

`X-Versions-Enabled: true` on a container's PUT or POST creates the hidden container
`\\x00versions\\x00<container>` (which users cannot address: the proxy refuses NUL in a
path) and turns versioning on; `false` suspends it. While on, each object PUT stores the
data in the hidden container as `\\x00<name>\\x00<inverted timestamp>` and leaves in the
container a static link to it (a version symlink), answering `X-Object-Version-Id` (the
version's timestamp); a DELETE writes a delete marker
(`application/x-deleted;swift_versions_deleted=1`) there and removes the link. GET and
HEAD follow the link (the symlink middleware) and name the version (`X-Object-Version-Id`,
`Content-Location: .../<name>?version-id=<id>`; `null` for an object written while
versioning was never on or suspended). `?version-id=<id>` reads or deletes one version
(400 `Invalid version parameter` for an id that is no timestamp), `?versions` lists them
all, newest first per name, with `version_id` and `is_latest`. An empty `PUT
?version-id=<id>` makes that version the current one again: a new link to it, no new
version (201 naming the version's id and ETag; 404 `The specified version does not exist`;
`null` is 400; a delete marker's id is the proxy's 400 for its `swift_*` content type).
A container still holding versions cannot be deleted (409); otherwise the hidden one is
deleted first, even when the container's own DELETE then fails (409 while it holds
objects), as Swift does.

`?versions` (`ContainerContext._list_versions`) is JSON only (406 for `format=plain|xml`
or an Accept without JSON; no format and no Accept is JSON). It merges two listings: the
container's own, with all the caller's parameters (its `null` versions, subdirs and the
links naming the current versions), and one page of the hidden container with `prefix`,
`limit`, `delimiter`, `reverse` and a `marker` made from `marker` and `version_marker`
(after that exact version; `null`: before all versions of the name; none: after them
all; `version_marker` alone is 400 `version_marker param requires marker`). Rows sort by
name, stably (`null` first, then the versions newest first; `reverse` sorts names
backwards and lists each name's versions oldest first), and are cut to `limit`. Swift's
quirks are kept: `end_marker` bounds only the container's own listing (Swift sends none
to the hidden one); `is_latest` is set from the links on this page only (after a
`marker`, its name's current version shows `false`, Launchpad bug 2147042); after a
subdir row, the next page lists that subdir again (the hidden listing's marker is not the
subdir); in `reverse`, the page after a `null` row skips that name's older versions
(`version_marker=null` starts the hidden listing before them, which `reverse` reads as
past them); a delimiter holding a digit, `.` or NUL is 400 `invalid delimiter param`.

Deliberate differences: version data moves inside the fake (a new version's data goes
through the proxy's PUT; an unversioned object copied into the hidden container on its
first overwrite does not), the subrequests into the hidden container are authorized as
the caller (Swift's are pre-authorized; the hidden listing is read from the model), and a
`marker` holding NUL is used as it is (Swift answers 500).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage import schema
from stackdouble.fakes.objectstorage.errors import TEXT, SwiftError
from stackdouble.fakes.objectstorage.handlers._common import is_chunked
from stackdouble.fakes.objectstorage.middleware._base import App
from stackdouble.fakes.objectstorage.middleware.symlink import (
    ALLOW_RESERVED,
    SYMLOOP_EXTEND,
    TARGET,
    TARGET_BYTES,
    TARGET_ETAG,
    put_link,
    respond,
    subcall,
)
from stackdouble.fakes.objectstorage.models import ts_normal
from stackdouble.fakes.objectstorage.models.listing import after_prefix, list_entries
from stackdouble.fakes.objectstorage.views import object_row
from stackdouble.fakes.osloutils import bool_from_string

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.handlers._common import Call
    from stackdouble.fakes.objectstorage.models import (
        Container,
        ObjectStorageModel,
    )

__all__ = [
    "DELETE_MARKER",
    "handle",
    "info",
    "parse_version_name",
    "version_name",
    "versions_container",
]

#: The content type of a delete marker.
DELETE_MARKER = "application/x-deleted;swift_versions_deleted=1"
_ENABLED = "X-Container-Sysmeta-Versions-Enabled"
_CONTAINER = "X-Container-Sysmeta-Versions-Container"
_VERSION_LINK = "X-Object-Sysmeta-Versions-Symlink"
#: `Timestamp`'s largest raw value (10 µs units): versions sort newest first by its inverse.
_MAX_RAW = 999999999999999
_RESERVED = "\x00"
#: `FORMAT2CONTENT_TYPE`: what listing_formats turns `format=` into (anything else: plain).
_FORMATS = {"json": "application/json", "xml": "application/xml", "plain": "text/plain"}


def versions_container(container: str) -> str:
    """The hidden container of `container`'s versions (`get_reserved_name`).

    Example:
        >>> versions_container("photos")
        '\\x00versions\\x00photos'
    """
    return f"{_RESERVED}versions{_RESERVED}{container}"


def version_name(name: str, raw: int) -> str:
    """The hidden object holding `name`'s version of raw timestamp `raw`.

    Example:
        >>> version_name("o", 179576977710817)
        '\\x00o\\x008204230222.89182'
    """
    return f"{_RESERVED}{name}{_RESERVED}{ts_normal(_MAX_RAW - raw)}"


def parse_version_name(hidden: str) -> tuple[str, str | None]:
    """`parse_versions_object_name`: the user's name and the version id (None: not a
    version's name).

    Example:
        >>> parse_version_name(version_name("o", 179576977710817))
        ('o', '1795769777.10817')
    """
    parts = hidden.split(_RESERVED)
    if len(parts) != 3 or parts[0]:
        return hidden, None
    try:
        raw = _raw(parts[2])
    except ValueError:
        return hidden, None
    return parts[1], ts_normal(_MAX_RAW - raw)


def _raw(version: str) -> int:
    """A version id (a Swift `Timestamp`) in 10 µs units.

    Raises:
        ValueError: Not a timestamp (negative, too large, not a number).
    """
    head = version.split("_", 1)[0]
    seconds = float(head)
    if not 0 <= seconds < 10_000_000_000 or head != head.strip():
        raise ValueError(version)
    return round(seconds * 100_000)


# -- the middleware ---------------------------------------------------------------------------


def handle(call: Call, app: App) -> FakeResponse:
    """Container and object requests of versioned containers, as object_versioning
    handles them; the rest passes through."""
    if call.container is None:
        return app(call)
    if call.obj is None:
        if call.method in ("PUT", "POST") and "X-Versions-Enabled" in call.headers:
            return _enable(call, app)
        if call.method == "DELETE":
            return _delete_container(call, app)
        return _container_read(call, app)
    holder = call.model.find_container(call.account, call.container)
    hidden = holder.headers.get(_CONTAINER) if holder is not None else None
    version = call.params.get("version-id")
    if version:
        return _with_version(call, app, holder, unquote(hidden) if hidden else None, version)
    if holder is None or not hidden:
        return app(call)
    return _without_version(call, app, holder, unquote(hidden))


# -- containers ------------------------------------------------------------------------------


def _enable(call: Call, app: App) -> FakeResponse:
    """`enable_versioning`: the hidden container made, then the setting kept."""
    holder = call.model.find_container(call.account, call.container or "")
    if holder is not None and (holder.headers.get("X-Versions-Location")
                               or holder.headers.get("X-History-Location")):
        raise SwiftError(400, "Cannot enable object versioning on a container that is "
                              "already using the legacy versioned writes feature.")
    if holder is not None and holder.headers.get("X-Container-Sync-To"):
        raise SwiftError(400, "Cannot enable object versioning on a container configured "
                              "as source of container syncing.")
    try:
        enabled = bool_from_string(call.headers["X-Versions-Enabled"])
    except ValueError:
        enabled = False
    hidden = versions_container(call.container or "")
    made = False
    if enabled and call.model.find_container(call.account, hidden) is None:
        policy = holder.policy if holder is not None else (
            call.headers.get("X-Storage-Policy") or None)
        call.model.create_container(call.account, hidden, policy=policy)
        made = True
    resp = respond(call, app)
    if not 200 <= resp.status < 300:
        if made:
            call.model.delete_container(call.account, hidden)
        return resp
    holder = call.model.find_container(call.account, call.container or "")
    if holder is not None:
        holder.headers[_ENABLED] = str(enabled)
        if enabled:
            holder.headers[_CONTAINER] = quote(hidden)
    return resp


def _delete_container(call: Call, app: App) -> FakeResponse:
    """`handle_delete`: 409 while versions remain, else the hidden container goes too."""
    holder = call.model.find_container(call.account, call.container or "")
    hidden = holder.headers.get(_CONTAINER) if holder is not None else None
    if hidden:
        found = call.model.find_container(call.account, unquote(hidden))
        if found is not None and found.objects:
            raise SwiftError(409, "Delete all versions before deleting container.")
        if found is not None:
            call.model.delete_container(call.account, unquote(hidden))
    return app(call)


def _container_read(call: Call, app: App) -> FakeResponse:
    """GET/HEAD (and the rest): `X-Versions-Enabled`, the versions' bytes counted, the
    sysmeta hidden; `?versions` lists every version (`ContainerContext.handle_request`,
    which lists versions even of a container that never had versioning on)."""
    holder = call.model.find_container(call.account, call.container or "")
    if call.method == "GET" and "versions" in call.params and holder is not None:
        listed = _versions_response(call, app, holder)
        if _ENABLED not in holder.headers:
            return listed
    elif holder is None or _ENABLED not in holder.headers:
        return app(call)
    else:
        listed = None
    enabled = holder.headers[_ENABLED]
    hidden_name = unquote(holder.headers.get(_CONTAINER, ""))
    hidden = call.model.find_container(call.account, hidden_name) if hidden_name else None
    resp = listed if listed is not None else app(call)
    out = []
    for key, value in resp.headers:
        if key.startswith("X-Container-Sysmeta-"):
            continue
        if key == "X-Container-Bytes-Used" and hidden is not None:
            value = str(int(value) + hidden.bytes_used)
        out.append((key, value))
    if resp.status < 300:
        out.append(("X-Versions-Enabled", enabled))
    resp.headers = out
    return resp


def _versions_response(call: Call, app: App, holder: Container) -> FakeResponse:
    """`GET ?versions`: the container's own JSON listing with the caller's parameters
    (its errors answered as they are), then `_list_versions` over it."""
    params = {**call.params, "format": "json"}
    primary = subcall(call, "GET", call.account, call.container, None, params=params)
    primary.listing_type = "application/json"
    resp = respond(primary, app)
    if not 200 <= resp.status < 300:
        return resp
    hidden_name = unquote(holder.headers.get(_CONTAINER, "")) or versions_container(
        call.container or "")
    hidden = call.model.find_container(call.account, hidden_name)
    listed = resp.body if isinstance(resp.body, bytes) else b"".join(resp.body)
    body = _list_versions(call, hidden_name, hidden, json.loads(listed or b"[]"))
    resp.body = body
    resp.headers = [(k, str(len(body)) if k == "Content-Length" else v)
                    for k, v in resp.headers]
    return resp


def _accepts_json(call: Call) -> bool:
    """`req.accept.best_match(['application/json'])`, on the Accept header as
    listing_formats leaves it (`format=` replaces it)."""
    accept = call.headers.get("Accept")
    wanted = call.param("format")
    if wanted:
        accept = _FORMATS.get(wanted.lower(), "text/plain")
    try:
        return schema.best_match(accept, ("application/json",)) is not None
    except ValueError:
        return False


def _versions_marker(call: Call) -> str | None:
    """The hidden listing's marker for `marker` and `version_marker`: past every version
    of the name (`marker` alone), before them all (`version_marker=null`), or past that
    version.

    Raises:
        SwiftError: 400 for a `version_marker` that is no timestamp or has no `marker`.
    """
    marker = call.params.get("marker")
    version_marker = call.params.get("version_marker")
    if marker is None:
        if version_marker is not None:
            raise SwiftError(400, "version_marker param requires marker")
        return None
    name = call.param("marker") or ""
    if version_marker is None:
        return f"{_RESERVED}{name}{_RESERVED}:"  # ':' sorts after every digit
    if version_marker == "null":
        return f"{_RESERVED}{name}{_RESERVED}"
    try:
        raw = _raw(version_marker)
    except ValueError:
        raise SwiftError(400, "invalid version_marker param") from None
    return version_name(name, raw)


def _list_versions(call: Call, hidden_name: str, hidden: Container | None,
                   primary: list[dict[str, Any]]) -> bytes:
    """`_list_versions`: the primary listing's unversioned objects (`null`) and subdirs,
    merged with one page of the hidden container's listing, sorted by name (each name's
    versions newest first), cut to `limit`.

    Raises:
        SwiftError: 406 unless JSON is acceptable; 400 for a bad `version_marker` or a
            delimiter holding a digit, `.` or NUL.
    """
    if not _accepts_json(call):
        raise SwiftError(406)
    marker = _versions_marker(call)
    delimiter = call.params.get("delimiter", "")
    if set(delimiter) & set("0123456789." + _RESERVED):
        raise SwiftError(400, "invalid delimiter param")
    nulls: list[dict[str, Any]] = []
    subdirs: set[str] = set()
    current: dict[str, dict[str, Any]] = {}
    latest: set[str] = set()
    for item in primary:
        if "name" not in item:
            subdirs.add(item["subdir"])
        elif item.get("version_symlink"):
            current[unquote(item["symlink_path"])] = item
        else:
            nulls.append({**item, "version_id": "null", "is_latest": True})
            latest.add(item["name"])
    limit = schema.limit(call.param, call.model.constraints.container_listing_limit)
    reverse = schema.is_true(call.params.get("reverse"))
    if hidden is None:
        versions = _broken_rows(current.values(), latest)
    else:
        versions = _version_rows(call, hidden, marker, delimiter, reverse, subdirs)
        for item in versions:
            path = f"/v1/{call.account}/{hidden_name}/{item.pop('_hidden')}"
            is_latest = current.pop(path, None) is not None or (
                item["content_type"] == DELETE_MARKER and item["name"] not in latest)
            if is_latest:
                latest.add(item["name"])
            item["is_latest"] = is_latest
            item["version_id"] = item.pop("_version")
        # Swift reads a link left without its version as `split('/', 1)[1]` of its path,
        # which is never a version's name: such links are left out.
    rows = sorted([*nulls, *versions, *({"subdir": s} for s in sorted(subdirs))],
                  key=lambda r: str(r.get("subdir", r.get("name"))), reverse=reverse)
    return json.dumps(rows[:limit]).encode("ascii")


def _version_rows(call: Call, hidden: Container, marker: str | None, delimiter: str,
                  reverse: bool, subdirs: set[str]) -> list[dict[str, Any]]:
    """One page of the hidden container (`prefix`, `marker`, `limit`, `delimiter`,
    `reverse`; no `end_marker`, as Swift sends none), as rows named for the user; its
    subdirs are added to `subdirs`."""
    prefix = call.param("prefix") or ""
    maximum = call.model.constraints.container_listing_limit
    entries = list_entries(
        hidden.objects, limit=schema.limit(call.param, maximum),
        marker=marker, prefix=_RESERVED + prefix if "prefix" in call.params else None,
        delimiter=delimiter or None, reverse=reverse, allow_reserved=True)
    rows: list[dict[str, Any]] = []
    for hidden_obj, is_dir in entries:
        if is_dir:
            subdirs.add(hidden_obj[1:].split(_RESERVED)[0])
            continue
        name, version = parse_version_name(hidden_obj)
        if version is None:
            continue
        row = json.loads(object_row(hidden.objects[hidden_obj], call.account))
        row.update(_hidden=hidden_obj, name=name, _version=version)
        rows.append(row)
    return rows


def _broken_rows(links: Iterable[dict[str, Any]], latest: set[str]) -> list[dict[str, Any]]:
    """With no hidden container, the links' targets as versions, the first of each name
    the latest."""
    rows: list[dict[str, Any]] = []
    for item in links:
        name, version = parse_version_name(unquote(item["symlink_path"]).split("/", 4)[-1])
        if version is None:
            continue
        is_latest = name not in latest
        latest.add(name)
        rows.append({"name": name, "is_latest": is_latest, "version_id": version,
                     "content_type": item["content_type"], "bytes": item["bytes"],
                     "hash": item["hash"], "last_modified": item["last_modified"]})
    return rows


def _names(container: Container, prefix: str) -> Iterator[str]:
    names: Iterator[str] = container.objects.irange(
        prefix or None, after_prefix(prefix) if prefix else None, inclusive=(True, False))
    return names


# -- objects ---------------------------------------------------------------------------------


def _newest(hidden: Container | None, name: str) -> int:
    """The raw timestamp of `name`'s newest version (0: none)."""
    if hidden is None:
        return 0
    prefix = f"{_RESERVED}{name}{_RESERVED}"
    for hidden_name in _names(hidden, prefix):
        version = parse_version_name(hidden_name)[1]
        if version is not None:
            return _raw(version)
    return 0


def _next_version(call: Call, hidden: Container | None) -> int:
    """Now, or just after the newest version on a clock that stands still."""
    return max(call.model.now(), _newest(hidden, call.obj or "") + 1)


def _without_version(call: Call, app: App, holder: Container, hidden_name: str) -> FakeResponse:
    enabled = holder.headers.get(_ENABLED) == "True"
    hidden = call.model.find_container(call.account, hidden_name)
    if call.method == "PUT" and enabled:
        return _put(call, app, holder, hidden, hidden_name)
    if call.method == "DELETE" and enabled:
        return _delete(call, app, holder, hidden, hidden_name)
    if call.method == "POST":
        current = holder.objects.get(call.obj)
        if current is not None and current.headers.get(_VERSION_LINK) == "true":
            _, _, target = unquote(current.headers.get(TARGET, "")).partition("/")
            return app(subcall(call, "POST", call.account, hidden_name, target,
                               headers=call.headers))
        return app(call)
    if call.method not in ("GET", "HEAD"):
        return app(call)
    resp = respond(call, app)
    resp.set_header("X-Object-Version-Id", "null")
    location = unquote(resp.header("Content-Location") or "")
    if location:
        parts = location.split("/", 4)
        if len(parts) == 5 and parts[2] == call.account and parts[3] == hidden_name:
            version = parse_version_name(parts[4])[1]
            if version is not None:
                resp.set_header("X-Object-Version-Id", version)
                resp.set_header("Content-Location", quote(
                    f"/{parts[1]}/{call.account}/{call.container}/{call.obj}")
                    + f"?version-id={version}")
    return resp


def _copy_current(call: Call, holder: Container, hidden: Container | None,
                  hidden_name: str) -> None:
    """An object written before versioning was on becomes a version of its own."""
    current = holder.objects.get(call.obj)
    if current is None or current.headers.get(_VERSION_LINK) == "true":
        return
    if hidden is None:
        raise SwiftError(500, "The versions container does not exist. You may want to "
                              "re-enable object versioning.", content_type=TEXT)
    call.model.put_object(call.account, hidden_name,
                          version_name(call.obj or "", current.timestamp), current.data,
                          content_type=current.content_type, headers=dict(current.headers),
                          etag=current.etag)


def _put(call: Call, app: App, holder: Container, hidden: Container | None,
         hidden_name: str) -> FakeResponse:
    """`handle_put`: the data into the hidden container, a static link to it here."""
    _copy_current(call, holder, hidden, hidden_name)
    if hidden is None:
        raise SwiftError(500, "The versions container does not exist. You may want to "
                              "re-enable object versioning.", content_type=TEXT)
    raw = _next_version(call, hidden)
    hidden_obj = version_name(call.obj or "", raw)
    data_headers = {k: v for k, v in call.headers.items()
                    if k not in ("X-Delete-At", "X-Delete-After")}
    stored = app(subcall(call, "PUT", call.account, hidden_name, hidden_obj,
                         headers=data_headers))
    if stored.status >= 300:
        return stored
    version = hidden.objects[hidden_obj]
    link_headers = {k: v for k, v in call.headers.items()
                    if k not in ("Etag", "X-If-Delete-At", "X-Object-Manifest",
                                 "Content-Length", "Transfer-Encoding")}
    link_headers["Content-Type"] = version.content_type.split(";")[0]
    resp = put_link(call, app, link_headers, {
        TARGET: quote(f"{hidden_name}/{hidden_obj}"), TARGET_ETAG: version.etag,
        TARGET_BYTES: str(version.size), _VERSION_LINK: "true", SYMLOOP_EXTEND: "true",
        ALLOW_RESERVED: "true"})
    resp.set_header("Etag", version.etag)
    resp.set_header("X-Object-Version-Id", ts_normal(raw))
    return resp


def _delete(call: Call, app: App, holder: Container, hidden: Container | None,
            hidden_name: str) -> FakeResponse:
    """`handle_delete`: a delete marker, then the link (or object) removed."""
    _copy_current(call, holder, hidden, hidden_name)
    if hidden is None:
        raise SwiftError(412)
    raw = _next_version(call, hidden)
    call.model.put_object(call.account, hidden_name, version_name(call.obj or "", raw),
                          content_type=DELETE_MARKER)
    resp = respond(call, app)
    if resp.status < 300 or resp.status == 404:
        resp.set_header("X-Object-Version-Id", ts_normal(raw))
    return resp


def _with_version(call: Call, app: App, holder: Container | None, hidden_name: str | None,
                  version: str) -> FakeResponse:
    """`handle_request_with_version_id`."""
    if call.method == "POST":
        raise SwiftError(400, "POST to a specific version is not allowed")
    if not hidden_name and version != "null":
        raise SwiftError(400, "version-aware operations require that the container is "
                              "versioned")
    if version != "null":
        try:
            _raw(version)
        except ValueError:
            raise SwiftError(400, "Invalid version parameter") from None
    if call.method == "OPTIONS":
        return app(call)
    if call.method == "PUT":
        return _restore(call, app, hidden_name, version)
    if call.method == "DELETE":
        if version == "null" or holder is None or hidden_name is None:
            return app(call)
        return _delete_version(call, app, holder, hidden_name, version)
    if version == "null":
        resp = respond(call, app)
        if resp.status < 300:
            if _RESERVED + "versions" in unquote(resp.header("Content-Location") or ""):
                raise SwiftError(404)
            resp.set_header("X-Object-Version-Id", "null")
        return resp
    assert hidden_name is not None
    target = version_name(call.obj or "", _raw(version))
    resp = respond(subcall(call, call.method, call.account, hidden_name, target,
                           headers=call.headers), app)
    if resp.status < 300:
        resp.set_header("X-Object-Version-Id", version)
    if resp.header("Content-Type") == DELETE_MARKER:
        raise SwiftError(404, headers=[("X-Object-Version-Id", version),
                                       ("Content-Type", DELETE_MARKER)])
    return resp


def _restore(call: Call, app: App, hidden_name: str | None, version: str) -> FakeResponse:
    """`handle_put_with_version_id`: an empty PUT makes a version the current one (a new
    link to it; no data moves and no version is added), answering that version's id and
    ETag.

    Raises:
        SwiftError: 400 for `null` or a body, 411 without a length, 404 (text) for a
            version that does not exist, 500 (text) when the hidden container is gone.
    """
    if version == "null":
        raise SwiftError(400, "Invalid version parameter")
    if is_chunked(call):
        stream = call.req.environ.get("wsgi.input")
        has_body = stream is not None and stream.read(1) != b""
    elif "Content-Length" not in call.headers:
        raise SwiftError(411)
    else:
        has_body = int(call.headers["Content-Length"]) != 0
    if has_body:
        raise SwiftError(400, "PUT version-id requests require a zero byte body",
                         content_type=TEXT)
    assert hidden_name is not None  # `_with_version` refused an unversioned container
    hidden = call.model.find_container(call.account, hidden_name)
    target = version_name(call.obj or "", _raw(version))
    found = hidden.objects.get(target) if hidden is not None else None
    if hidden is None:
        raise SwiftError(500, "The versions container does not exist. You may want to "
                              "re-enable object versioning.", content_type=TEXT)
    if found is None:
        raise SwiftError(404, "The specified version does not exist", content_type=TEXT)
    headers = {k: v for k, v in call.headers.items()
               if k not in ("Etag", "X-If-Delete-At", "X-Object-Manifest",
                            "X-Static-Large-Object", "X-Symlink-Target-Account",
                            "Content-Length", "Transfer-Encoding")}
    # The version's type as it is, parameters and all: a delete marker's
    # `swift_versions_deleted=1` makes the proxy refuse the link (400).
    headers["Content-Type"] = found.content_type
    params = {k: v for k, v in call.params.items() if k != "version-id"}
    link = subcall(call, "PUT", call.account, call.container, call.obj, params=params)
    try:
        resp = put_link(link, app, headers, {
            TARGET: quote(f"{hidden_name}/{target}"), TARGET_ETAG: found.etag,
            TARGET_BYTES: str(found.size), _VERSION_LINK: "true", SYMLOOP_EXTEND: "true",
            ALLOW_RESERVED: "true"})
    except SwiftError as exc:
        resp = exc.render(call.req)
    resp.set_header("Etag", found.etag)
    resp.set_header("X-Object-Version-Id", version)
    return resp


def _delete_version(call: Call, app: App, holder: Container, hidden_name: str,
                    version: str) -> FakeResponse:
    """`handle_delete_with_version_id`: the version goes; if it is the current one, the
    link goes first (and no older version becomes current)."""
    current = holder.objects.get(call.obj)
    link = current.headers.get(TARGET) if current is not None and current.headers.get(
        _VERSION_LINK) == "true" else None
    target = version_name(call.obj or "", _raw(version))
    wanted = f"{hidden_name}/{target}"
    if current is None or link is None or unquote(link) != wanted:
        current_version = "null"
        if current is not None and link is not None:
            current_version = parse_version_name(unquote(link).partition("/")[2])[1] or "null"
    else:
        removed = respond(subcall(call, "DELETE", call.account, call.container, call.obj,
                                  headers=call.headers), app)
        if removed.status >= 300 and removed.status != 404:
            raise SwiftError(412)
        current_version = "null"
    resp = respond(subcall(call, "DELETE", call.account, hidden_name, target,
                           headers=call.headers), app)
    resp.set_header("X-Object-Version-Id", version)
    resp.set_header("X-Object-Current-Version-Id", current_version)
    return resp


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `object_versioning` (an empty section: the feature is on)."""
    return {"object_versioning": {}}


