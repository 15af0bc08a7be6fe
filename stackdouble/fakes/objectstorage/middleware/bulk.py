"""The bulk middleware (`swift/common/middleware/bulk.py`): `?bulk-delete` (POST or
DELETE: objects, then containers, each deleted as the caller) and `?extract-archive` (PUT
of a tar: each file an object, containers created on the way), both answering 200 with a
summary (`views.bulk_body`) whatever happened. Its limits are `model.constraints`'
(`/info`'s `bulk_delete` and `bulk_upload`).
"""

from __future__ import annotations

import contextlib
import tarfile
import zlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote, unquote_to_bytes

from stackdouble.fakes.http import AuthRequired, FakeResponse
from stackdouble.fakes.objectstorage import schema, views
from stackdouble.fakes.objectstorage.errors import HTML, SwiftError, status_line, swob_response
from stackdouble.fakes.objectstorage.handlers._common import (
    Call,
    identify,
    is_chunked,
    is_utf8,
    split_swift_path,
)
from stackdouble.fakes.objectstorage.handlers.containers import delete_container_status
from stackdouble.fakes.objectstorage.handlers.objects import delete_object_status, store
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["MIDDLEWARE", "bulk_request", "handle", "info"]

#: What the bulk middleware answers in.
_BULK_TYPES = schema.LISTING_TYPES
_ARCHIVES: dict[str, Literal["r|", "r|gz", "r|bz2"]] = {
    "tar": "r|", "tar.gz": "r|gz", "tar.bz2": "r|bz2"}


def bulk_request(call: Call) -> FakeResponse | None:
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
        return schema.best_match(call.headers.get("Accept"), _BULK_TYPES)
    except ValueError:
        return None


def _bulk_answer(out_type: str | None, summary: dict[str, Any], failed: list[list[str]],
                 root: str) -> FakeResponse:
    body = views.bulk_body(out_type, summary, failed, root)
    return FakeResponse(200, body, [("Content-Type", out_type or HTML)])


def _bulk_lines(call: Call) -> list[str]:
    """`Bulk.get_objs_to_delete`: one quoted path per line, unquoted."""
    if call.headers.get("Content-Length") is None and not is_chunked(call):
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
            identify(call)
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
                if not is_utf8(path.encode("utf-8", "surrogateescape").decode("latin-1")):
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
        return delete_object_status(call, account, container, obj)
    return delete_container_status(call, account, container)


def _extract(call: Call, mode: Literal["r|", "r|gz", "r|bz2"]) -> FakeResponse:
    """`Bulk.handle_extract_iter`: each file of a tar becomes an object under
    `<container>[/<prefix>]/`, containers created on the way; a summary with 200."""
    out_type = _bulk_type(call)
    summary: dict[str, Any] = {"Response Status": status_line(201), "Response Body": "",
                               "Number Files Created": 0}
    failed: list[list[str]] = []
    try:
        with contextlib.suppress(AuthRequired):  # subrequests: each is refused in turn
            identify(call)
        if not out_type:
            raise SwiftError(406)
        if call.headers.get("Content-Length") is None and not is_chunked(call):
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
                if not is_utf8(("/v1/" + call.account + "/" + path).encode(
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
                    store(call, call.account, container, name, headers, data, copying=True)
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


def handle(call: Call, app: App) -> FakeResponse:
    """Answer a bulk request; pass any other on."""
    resp = bulk_request(call)
    return resp if resp is not None else app(call)


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `bulk_delete` and `bulk_upload`: the limits in `model.constraints`."""
    limits = model.constraints
    return {"bulk_delete": {"max_deletes_per_request": limits.max_deletes_per_request,
                            "max_failed_deletes": limits.max_failed_deletes},
            "bulk_upload": {"max_containers_per_extraction":
                            limits.max_containers_per_extraction,
                            "max_failed_extractions": limits.max_failed_extractions}}


#: The bulk middleware.
MIDDLEWARE = Middleware(name="bulk", handle=handle, info=info)
