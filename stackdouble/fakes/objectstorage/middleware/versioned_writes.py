"""The versioned_writes middleware (`swift/common/middleware/versioned_writes/`, Swift
2.38, set up as a SAIO's: `allow_versioned_writes = true` and `allow_object_versioning =
true`): its legacy modes (`legacy.py`, here) around the newer object versioning
(`object_versioning`, which it runs as Swift's egg does).

A container with `X-Versions-Location: <archive>` (stack mode) or `X-History-Location:
<archive>` (history mode) keeps each overwritten object in `<archive>` as
`<3 hex digits: length of the name in bytes><name>/<its X-Timestamp>`. On DELETE, stack
mode puts the newest archived version back (and removes it from the archive), history
mode archives the object and writes a delete marker
(`application/x-deleted;swift_versions_deleted=1`, zero bytes) beside it.

A container keeps one mode: the middleware turns a PUT or POST's location into the one
setting the container stores (the other removed); both at once is 400, an empty value
or `X-Remove-Versions-Location`/`X-Remove-History-Location` removes it. The archive must
exist and be writable by the caller: else the write is 412 (`HTTPPreconditionFailed`), as
Swift answers a failed archive subrequest.

Deliberate differences: archiving copies the object inside the fake (Swift GETs it and
PUTs it through the proxy, so quotas apply to the archive too; here they do not), and
`allow_versioned_writes` is always on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from stackdouble.fakes.http import FakeResponse
from stackdouble.fakes.objectstorage.errors import TEXT, SwiftError
from stackdouble.fakes.objectstorage.handlers._common import denied
from stackdouble.fakes.objectstorage.middleware import object_versioning
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware
from stackdouble.fakes.objectstorage.middleware.symlink import subcall
from stackdouble.fakes.objectstorage.models import ts_normal
from stackdouble.fakes.objectstorage.models.listing import after_prefix

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.handlers._common import Call
    from stackdouble.fakes.objectstorage.models import (
        Container,
        ObjectStorageModel,
        StoredObject,
    )

__all__ = ["DELETE_MARKER", "MIDDLEWARE", "archive_prefix", "handle", "info", "legacy_handle"]

#: The content type of a history mode's delete marker.
DELETE_MARKER = "application/x-deleted;swift_versions_deleted=1"
_VERSIONS = "X-Versions-Location"
_HISTORY = "X-History-Location"
_REMOVES = ("X-Remove-Versions-Location", "X-Remove-History-Location")


def archive_prefix(name: str) -> str:
    """Where the versions of `name` are archived: `<len(name) in bytes, 3 hex digits>
    <name>/`.

    Example:
        >>> archive_prefix("o"), archive_prefix("caf\u00e9")
        ('001o/', '005caf\u00e9/')
    """
    return f"{len(name.encode('utf-8', 'surrogateescape')):03x}{name}/"


def handle(call: Call, app: App) -> FakeResponse:
    """The legacy modes (`legacy_handle`) around object_versioning, as Swift wraps
    `VersionedWritesMiddleware(ObjectVersioningMiddleware(app))`."""
    return legacy_handle(call, lambda inner: object_versioning.handle(inner, app))


def legacy_handle(call: Call, app: App) -> FakeResponse:
    """Container PUT/POST: the location settings; object PUT/DELETE in a versioned
    container: archive (and restore) first."""
    if call.container is None:
        return app(call)
    if call.obj is None:
        if call.method in ("PUT", "POST"):
            _container_settings(call.headers)
        return app(call)
    if call.method not in ("PUT", "DELETE"):
        return app(call)
    holder = call.model.find_container(call.account, call.container)
    if holder is None:
        return app(call)
    mode, archive = _location(holder)
    if archive is None:
        return app(call)
    if call.method == "PUT":
        _archive_current(call, holder, archive)
        return app(call)
    if mode == "history":
        source = _archive_current(call, holder, archive)
        _put_marker(call, archive, source)
        return app(call)
    return _pop(call, app, holder, archive)


def _container_settings(headers: dict[str, str]) -> None:
    """`container_request`: one mode at a time, set (the other removed) or removed."""
    if _VERSIONS in headers and _HISTORY in headers:
        if not headers[_HISTORY]:
            del headers[_HISTORY]
        elif headers[_VERSIONS]:
            raise SwiftError(400, "Only one of x-versions-location or x-history-location "
                                  "may be specified", content_type=TEXT)
        else:
            del headers[_VERSIONS]
    given = _VERSIONS if _VERSIONS in headers else (_HISTORY if _HISTORY in headers else None)
    if given is not None:
        value = headers[given]
        if not value:
            headers[_REMOVES[0]] = "x"
        else:
            location = unquote(value)
            if "/" in location:
                raise SwiftError(412, "Container name cannot contain slashes",
                                 content_type=TEXT)
            other = _HISTORY if given == _VERSIONS else _VERSIONS
            headers[other] = ""
            for name in _REMOVES:
                headers.pop(name, None)
    if any(headers.get(name) for name in _REMOVES):
        headers[_VERSIONS] = headers[_HISTORY] = ""
        for name in _REMOVES:
            headers.pop(name, None)


def _location(holder: Container) -> tuple[str, str | None]:
    """The container's mode and archive container (None: not versioned)."""
    for header, mode in ((_VERSIONS, "stack"), (_HISTORY, "history")):
        value = holder.headers.get(header)
        if value:
            return mode, unquote(value).split("/")[0]
    return "stack", None


def _check_write(call: Call, holder: Container, archive: str) -> Container:
    """The caller's write access to the versioned container, and the archive's
    existence (a missing archive fails the subrequest: 412)."""
    status = call.authorize(holder.name, call.obj, holder.write_acl)
    if status:
        raise denied(status)
    found = call.model.find_container(call.account, archive)
    if found is None:
        raise SwiftError(412)
    status = call.authorize(archive, None, found.write_acl, method="PUT")
    if status:
        raise SwiftError(412)
    return found


def _copy(call: Call, source: StoredObject, container: str, name: str) -> None:
    call.model.put_object(call.account, container, name, source.data,
                          content_type=source.content_type, headers=dict(source.headers),
                          etag=source.etag)


def _archive_current(call: Call, holder: Container, archive: str) -> StoredObject | None:
    """`_copy_current`: the current object, if any, copied to the archive."""
    source: StoredObject | None = holder.objects.get(call.obj)
    if source is None:
        return None
    _check_write(call, holder, archive)
    _copy(call, source, archive,
          archive_prefix(call.obj or "") + ts_normal(source.meta_timestamp))
    return source


def _put_marker(call: Call, archive: str, source: StoredObject | None) -> None:
    """History mode's delete marker, named at the DELETE's time (after the version it
    follows, on a clock that stands still)."""
    holder = call.model.find_container(call.account, call.container or "")
    if holder is not None and source is None:
        _check_write(call, holder, archive)
    now = call.model.now()
    if source is not None:
        now = max(now, source.meta_timestamp + 1)
    call.model.put_object(call.account, archive,
                          archive_prefix(call.obj or "") + ts_normal(now),
                          content_type=DELETE_MARKER)


def _pop(call: Call, app: App, holder: Container, archive: str) -> FakeResponse:
    """Stack mode's DELETE (`handle_obj_versions_delete_pop`): bring the newest archived
    version back and delete it from the archive instead; a delete marker on top ends the
    walk (its DELETE goes through once the object is gone)."""
    found = call.model.find_container(call.account, archive)
    if found is None:
        return app(call)
    prefix = archive_prefix(call.obj or "")
    newest_first = list(found.objects.irange(prefix, after_prefix(prefix),
                                             inclusive=(True, False), reverse=True))
    if not newest_first:
        return app(call)
    _check_write(call, holder, archive)
    headers = {k: v for k, v in call.headers.items() if k != "X-If-Delete-At"}
    top: StoredObject = found.objects[newest_first[0]]
    if top.content_type == DELETE_MARKER:
        if call.obj in holder.objects:
            return app(call)
        for name in newest_first[1:]:
            version: StoredObject = found.objects[name]
            if version.content_type == DELETE_MARKER:
                break
            _copy(call, version, holder.name, call.obj or "")
            call.model.delete_object(call.account, archive, name)
            break
        return app(subcall(call, "DELETE", call.account, archive, newest_first[0],
                           headers=headers))
    _copy(call, top, holder.name, call.obj or "")
    return app(subcall(call, "DELETE", call.account, archive, newest_first[0],
                       headers=headers))


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `versioned_writes` (the two settings a container may use), then
    `object_versioning`'s."""
    return {"versioned_writes": {"allowed_flags": ["x-versions-location",
                                                   "x-history-location"]},
            **object_versioning.info(model)}


#: The versioned_writes middleware (legacy modes).
MIDDLEWARE = Middleware(name="versioned_writes", handle=handle, info=info)
