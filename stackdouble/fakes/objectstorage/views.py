"""How the fake Swift writes its answers: headers of accounts, containers and objects,
listings in text, JSON and XML, and bulk summaries (`/info` is `info.py`).

Listings follow `swift/common/middleware/listing_formats.py`: text is one UTF-8 name plus
`\\n` per row; JSON is `json.dumps(rows).encode('ascii')`; XML is ElementTree's, with
Swift's declaration. Rows are `swift/container/server.py` `update_object_record` and
`swift/account/utils.py` `account_listing_response`. Headers follow the real Swift 2.38
samples (`reference/real-samples/samples.txt`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from stackdouble.fakes.objectstorage.auth import format_acl_v2, parse_acl_v2
from stackdouble.fakes.objectstorage.errors import HTML
from stackdouble.fakes.objectstorage.models import (
    Account,
    Container,
    StoredObject,
    http_date,
    ts_ceil,
    ts_iso,
    ts_normal,
)

__all__ = [
    "OWNER_HEADERS",
    "VERSION",
    "account_acl_headers",
    "account_headers",
    "account_listing",
    "bulk_body",
    "container_headers",
    "container_listing",
    "container_row",
    "object_failure_headers",
    "object_headers",
    "object_row",
    "symlink_row",
]

#: The Swift release the fake copies (`/info` `version`).
VERSION = "2.38.3"

#: The proxy's `swift_owner_headers`, title-cased: only an account's owner sees them.
OWNER_HEADERS = frozenset({
    "X-Container-Read", "X-Container-Write", "X-Container-Sync-Key", "X-Container-Sync-To",
    "X-Account-Meta-Temp-Url-Key", "X-Account-Meta-Temp-Url-Key-2",
    "X-Container-Meta-Temp-Url-Key", "X-Container-Meta-Temp-Url-Key-2",
    "X-Account-Access-Control",
})


def _visible(headers: Mapping[str, str], owner: bool) -> list[tuple[str, str]]:
    return [(k, v) for k, v in headers.items() if owner or k not in OWNER_HEADERS]


def account_headers(account: Account | None, now: int, owner: bool) -> list[tuple[str, str]]:
    """An account's headers (HEAD and listings); None is an account never written to,
    which Swift's `account_autocreate` answers as empty, created now."""
    if account is None:
        return [("X-Account-Container-Count", "0"), ("X-Account-Object-Count", "0"),
                ("X-Account-Bytes-Used", "0"), ("X-Timestamp", ts_normal(now))]
    out = [
        ("X-Account-Container-Count", str(len(account.containers))),
        ("X-Account-Object-Count", str(account.object_count)),
        ("X-Account-Bytes-Used", str(account.bytes_used)),
        ("X-Timestamp", ts_normal(account.created)),
    ]
    for policy, (containers, objects, size) in account.policy_stats.items():
        out += [(f"X-Account-Storage-Policy-{policy}-Container-Count", str(containers)),
                (f"X-Account-Storage-Policy-{policy}-Object-Count", str(objects)),
                (f"X-Account-Storage-Policy-{policy}-Bytes-Used", str(size))]
    out += _visible(account.headers, owner)
    if account.quota_bytes is not None:
        out.append(("X-Account-Quota-Bytes", str(account.quota_bytes)))
    if account.quota_count is not None:
        out.append(("X-Account-Quota-Count", str(account.quota_count)))
    out.append(("Accept-Ranges", "bytes"))
    if account.project_domain_id is not None:
        out.append(("X-Account-Project-Domain-Id", account.project_domain_id))
    return out


def account_acl_headers(account: Account) -> list[tuple[str, str]]:
    """The stored account ACL as the proxy shows it to an owner
    (`add_acls_from_sys_metadata`): re-written by `format_acl`; nothing for an empty one."""
    acl = parse_acl_v2(account.access_control)
    return [("X-Account-Access-Control", format_acl_v2(acl))] if acl else []


def container_headers(container: Container, owner: bool) -> list[tuple[str, str]]:
    """A container's headers (HEAD and listings); ACLs and keys only for its owner."""
    out = [
        ("X-Container-Object-Count", str(len(container.objects))),
        ("X-Container-Bytes-Used", str(container.bytes_used)),
        ("X-Timestamp", ts_normal(container.created)),
    ]
    out += _visible(container.headers, owner)
    out += [
        ("Last-Modified", http_date(ts_ceil(container.put_timestamp))),
        ("Accept-Ranges", "bytes"),
        ("X-Storage-Policy", container.policy),
    ]
    return out


def object_headers(obj: StoredObject) -> list[tuple[str, str]]:
    """An object's headers on GET and HEAD, `Content-Length` excepted."""
    out = [("Content-Type", obj.content_type)]
    out += obj.headers.items()
    out += [
        ("Etag", obj.etag),
        ("Last-Modified", http_date(ts_ceil(obj.meta_timestamp))),
        ("X-Timestamp", ts_normal(obj.meta_timestamp)),
        ("Accept-Ranges", "bytes"),
    ]
    return out


def object_failure_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An object's headers on a failed condition (412), from those of a GET.

    The proxy passes a 304 on as a working response (with the object's type and
    `Accept-Ranges`) but a 412 as a failure (`best_response`): swob's HTML type replaces
    the object's, and no `Accept-Ranges` is added; the rest (Etag, Last-Modified,
    X-Timestamp, metadata) is the object server's.

    Example:
        >>> object_failure_headers([("Content-Type", "text/plain"), ("Etag", "e"),
        ...                         ("Accept-Ranges", "bytes")])
        [('Content-Type', 'text/html; charset=UTF-8'), ('Etag', 'e')]
    """
    return [("Content-Type", HTML),
            *((k, v) for k, v in headers if k not in ("Content-Type", "Accept-Ranges"))]


def object_row(obj: StoredObject, account: str = "") -> str:
    """An object's row in a JSON container listing (`{"bytes", "hash", "name",
    "content_type", "last_modified"}`, in Swift's order), rendered once and kept on the
    object (`StoredObject.listing_row`) until it changes. A symlink's row also has the
    symlink middleware's fields (`symlink_row`); `account` is the listed account."""
    row = obj.listing_row
    if row is None:
        fields: dict[str, Any] = {
            "bytes": len(obj.data), "hash": obj.etag, "name": obj.name,
            "content_type": obj.content_type,
            "last_modified": ts_iso(obj.meta_timestamp)}
        if _SYMLINK_TARGET in obj.headers:
            symlink_row(fields, obj.headers, account)
        row = obj.listing_row = json.dumps(fields)
    return row


_SYMLINK_TARGET = "X-Object-Sysmeta-Symlink-Target"


def symlink_row(fields: dict[str, Any], headers: Mapping[str, str], account: str) -> None:
    """A link's listing fields, as the symlink middleware adds them
    (`_extract_symlink_path_json`: `symlink_etag`, `symlink_bytes` for a static link, then
    `symlink_path`), and as object_versioning then rewrites a version link's (the
    version's bytes and hash, `symlink_path` to `?version-id=`, `version_symlink`)."""
    etag = headers.get(_SYMLINK_TARGET + "-Etag")
    if etag is not None:
        fields["symlink_etag"] = etag
        fields["symlink_bytes"] = int(headers.get(_SYMLINK_TARGET + "-Bytes") or 0)
    target = headers[_SYMLINK_TARGET]
    account = headers.get(_SYMLINK_TARGET + "-Account", account)
    fields["symlink_path"] = f"/v1/{account}/{target}"
    if headers.get("X-Object-Sysmeta-Versions-Symlink") == "true" and etag is not None:
        fields["bytes"] = fields.pop("symlink_bytes")
        fields["hash"] = fields.pop("symlink_etag")
        fields["version_symlink"] = True


def container_row(container: Container) -> dict[str, Any]:
    """A container's row in an account listing (`{"name", "count", "bytes",
    "last_modified", "storage_policy"}`)."""
    return {"name": container.name, "count": len(container.objects),
            "bytes": container.bytes_used, "last_modified": ts_iso(container.put_timestamp),
            "storage_policy": container.policy}


def _to_xml(doc: Element) -> bytes:
    result: bytes = tostring(doc, encoding="UTF-8").replace(
        b"<?xml version='1.0' encoding='UTF-8'?>",
        b'<?xml version="1.0" encoding="UTF-8"?>', 1)
    if not result.startswith(b"<?xml "):
        result = b'<?xml version="1.0" encoding="UTF-8"?>\n' + result
    return result


def container_listing(container: Container, entries: Sequence[tuple[str, bool]],
                      content_type: str, account: str = "") -> bytes:
    """A page of a container listing in `content_type` (text, JSON or XML); `account`,
    the listed account, is what links' `symlink_path` names."""
    objects = container.objects
    if content_type == "text/plain":
        return "".join(name + "\n" for name, _ in entries).encode("utf-8")
    if content_type == "application/json":
        parts = [json.dumps({"subdir": name}) if is_dir else object_row(objects[name], account)
                 for name, is_dir in entries]
        return ("[" + ", ".join(parts) + "]").encode("ascii")
    doc = Element("container", name=container.name)
    for name, is_dir in entries:
        if is_dir:
            sub = SubElement(doc, "subdir", name=name)
            SubElement(sub, "name").text = name
        else:
            # listing_formats' `container_to_xml`: five fields of the JSON row (an SLO's
            # `bytes` is its size), the middlewares' extra fields (`slo_etag`...) left out.
            row = json.loads(object_row(objects[name], account))
            sub = SubElement(doc, "object")
            for tag in ("name", "hash", "bytes", "content_type", "last_modified"):
                SubElement(sub, tag).text = str(row[tag])
    return _to_xml(doc)


def account_listing(account_name: str, account: Account | None,
                    entries: Sequence[tuple[str, bool]], content_type: str) -> bytes:
    """A page of an account listing in `content_type` (text, JSON or XML)."""
    rows: list[dict[str, Any]] = []
    for name, is_dir in entries:
        if is_dir or account is None:
            rows.append({"subdir": name})
        else:
            rows.append(container_row(account.containers[name]))
    if content_type == "text/plain":
        return "".join(name + "\n" for name, _ in entries).encode("utf-8")
    if content_type == "application/json":
        return json.dumps(rows).encode("ascii")
    doc = Element("account", name=account_name)
    doc.text = "\n"
    for row in rows:
        if "subdir" in row:
            sub = SubElement(doc, "subdir", name=row["subdir"])
        else:
            sub = SubElement(doc, "container")
            for tag in ("name", "count", "bytes", "last_modified", "storage_policy"):
                SubElement(sub, tag).text = str(row[tag])
        sub.tail = "\n"
    return _to_xml(doc)


def bulk_body(content_type: str | None, summary: Mapping[str, Any],
              errors: Sequence[Sequence[str]], root_tag: str) -> bytes:
    """The summary of a bulk delete or extract (`request_helpers.
    get_heartbeat_response_body`): JSON, XML, or `Key: value` lines."""
    from xml.sax.saxutils import escape

    if content_type == "application/json":
        return json.dumps({**summary, "Errors": [list(e) for e in errors]}).encode("ascii")
    if content_type and content_type.endswith("/xml"):
        out = ["<", root_tag, ">\n"]
        for key in sorted(summary):
            tag = key.replace(" ", "_").lower()
            out += ["<", tag, ">", escape(str(summary[key])), "</", tag, ">\n"]
        out.append("<errors>\n")
        for name, status in errors:
            out += ["<object><name>", escape(name), "</name><status>", escape(status),
                    "</status></object>\n"]
        out += ["</errors>\n</", root_tag, ">\n"]
        return "".join(out).encode("utf-8")
    lines = [f"{key}: {summary[key]}\n" for key in sorted(summary)]
    lines.append("Errors:\n")
    lines += [f"{name}, {status}\n" for name, status in errors]
    return "".join(lines).encode("utf-8")

