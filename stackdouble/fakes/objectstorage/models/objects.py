"""The fake Swift's objects (client `objectstorage/v1/objects`): their content and
metadata, stored, replaced, changed and deleted as Swift's object server does
(`swift/obj/server.py`), and their expiry (`X-Delete-At`): an expired object leaves the
listing as soon as the fake clock passes it (Swift's object-expirer removes it some time
later; reads 404 at once in both).
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from stackdouble.fakes.locking import locked
from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.models._common import _meta_of, _ModelBase, _wsgi

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models.accounts import Account
    from stackdouble.fakes.objectstorage.models.containers import Container

__all__ = ["ObjectsMixin", "StoredObject"]

_EMPTY_MD5 = hashlib.md5(b"", usedforsecurity=False).hexdigest()


class StoredObject:
    """One object: its bytes and what Swift keeps about them.

    Attributes:
        name: The object's name.
        data: The content (never copied: a download streams slices of it).
        etag: The MD5 of `data`, lower-case hex.
        content_type: `Content-Type` as stored.
        timestamp: The data's timestamp (raw, 10 µs units).
        meta_timestamp: The last PUT or POST (what `X-Timestamp`, `Last-Modified` and the
            listing's `last_modified` show).
        headers: Custom metadata (`X-Object-Meta-*`) and the other headers Swift keeps
            (`Content-Disposition`, `Content-Encoding`, `X-Delete-At`, ...), title-cased.
        delete_at: When the object expires (Unix seconds), or None.
        listing_row: Its JSON listing row as `views.object_row` rendered it, kept until
            the next change (`touched`); None until then.
    """

    __slots__ = ("content_type", "data", "delete_at", "etag", "headers", "listing_row",
                 "meta_timestamp", "name", "timestamp")

    def __init__(self, name: str, data: bytes, etag: str, content_type: str, timestamp: int,
                 headers: dict[str, str], delete_at: int | None) -> None:
        self.name = name
        self.data = data
        self.etag = etag
        self.content_type = content_type
        self.timestamp = timestamp
        self.meta_timestamp = timestamp
        self.headers = headers
        self.delete_at = delete_at
        self.listing_row: str | None = None

    @property
    def size(self) -> int:
        """The content's length in bytes."""
        return len(self.data)

    @property
    def metadata(self) -> dict[str, str]:
        """Custom metadata as `{Name: value}` (values decoded as UTF-8 where they are)."""
        return _meta_of(self.headers, "X-Object-Meta-")

    def touched(self) -> None:
        """Forget the rendered listing row after a change."""
        self.listing_row = None

    def __repr__(self) -> str:
        return f"<StoredObject {self.name!r} {len(self.data)} bytes>"


class ObjectsMixin(_ModelBase):
    """Objects: lookups, put (and `fill`), metadata (POST), delete, and expiry."""

    @locked
    def get_object(self, project: str, container: str, name: str) -> StoredObject:
        """An object (`.data` is its content).

        Raises:
            SwiftError: 404, no such container or object.
        """
        found: StoredObject | None = self.container(project, container).objects.get(name)
        if found is None:
            raise SwiftError(404)
        return found

    @locked
    def put_object(
        self,
        project: str,
        container: str,
        name: str,
        data: bytes = b"",
        *,
        content_type: str = "application/octet-stream",
        metadata: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        delete_at: int | None = None,
        etag: str | None = None,
    ) -> StoredObject:
        """Store an object, replacing any of the same name (Swift's PUT, without its
        request checks).

        Args:
            project: The owner.
            container: An existing container.
            name: The object's name.
            data: The content (kept as is, not copied).
            content_type: Its type.
            metadata: Custom metadata (`{"Color": "red"}`).
            headers: Other headers to keep, title-cased (`Content-Disposition`, ...).
            delete_at: Unix seconds when it expires.
            etag: The content's MD5 if known (else computed).

        Raises:
            SwiftError: 404, no such container.
        """
        account = self.accounts.get(self.account_name(project))
        found = account.containers.get(container) if account is not None else None
        if account is None or found is None:
            raise SwiftError(404)
        kept = dict(headers or {})
        for key, value in (metadata or {}).items():
            kept["X-Object-Meta-" + key.title()] = _wsgi(value)
        if delete_at is not None:
            kept["X-Delete-At"] = str(delete_at)
        if etag is None:
            etag = hashlib.md5(data, usedforsecurity=False).hexdigest() if data else _EMPTY_MD5
        obj = StoredObject(name, data, etag, content_type, self.now(), kept, delete_at)
        old = found.objects.get(name)
        found.objects[name] = obj
        if old is None:
            account._count(found.policy, 0, 1, len(data))
        else:
            account._count(found.policy, 0, 0, len(data) - len(old.data))
        found.bytes_used += len(data) - (len(old.data) if old is not None else 0)
        self._schedule(account.name, container, obj)
        return obj

    @locked
    def fill(self, project: str, container: str, names: Iterable[str], data: bytes = b"",
             *, content_type: str = "application/octet-stream") -> int:
        """Put many objects with the same content at once (big test setups, benches),
        creating the container if need be; returns how many were put."""
        if self.find_container(self.account_name(project), container) is None:
            self.create_container(project, container)
        count = 0
        for name in names:
            self.put_object(project, container, name, data, content_type=content_type)
            count += 1
        return count

    @locked
    def update_object(self, project: str, container: str, name: str,
                      headers: Mapping[str, str], content_type: str | None = None,
                      delete_at: int | None = None) -> StoredObject:
        """Replace an object's metadata (Swift's POST): every custom metadata and kept
        header is replaced by `headers`; the content type changes only when given.

        Raises:
            SwiftError: 404, no such container or object.
        """
        account = self.account(project)
        found = self.get_object(project, container, name)
        found.headers = dict(headers)
        if delete_at is not None:
            found.headers["X-Delete-At"] = str(delete_at)
        found.delete_at = delete_at
        if content_type is not None:
            found.content_type = content_type
        found.meta_timestamp = self.now()
        found.touched()
        self._schedule(account.name, container, found)
        return found

    @locked
    def delete_object(self, project: str, container: str, name: str) -> None:
        """Delete an object.

        Raises:
            SwiftError: 404, no such container or object.
        """
        account = self.accounts.get(self.account_name(project))
        found = account.containers.get(container) if account is not None else None
        if account is None or found is None or name not in found.objects:
            raise SwiftError(404)
        self._remove(account, found, name)

    def _remove(self, account: Account, container: Container, name: str) -> None:
        obj = container.objects.pop(name)
        container.bytes_used -= len(obj.data)
        account._count(container.policy, 0, -1, -len(obj.data))
        self._sync_tombstone(account.name, container, name)

    @locked
    def expire(self) -> int:
        """Remove every object whose `X-Delete-At` the fake clock has reached (Swift's
        object-expirer, at once); returns how many went. Handlers call it first."""
        heap = self._expiring
        if not heap:
            return 0
        now = self.cloud.clock.time()
        removed = 0
        while heap and heap[0][0] <= now:
            when, account_name, container_name, name = heapq.heappop(heap)
            account = self.accounts.get(account_name)
            container = account.containers.get(container_name) if account else None
            found = container.objects.get(name) if container else None
            if found is not None and found.delete_at == when and account and container:
                self._remove(account, container, name)
                removed += 1
        return removed

    def _schedule(self, account: str, container: str, obj: StoredObject) -> None:
        if obj.delete_at is not None:
            heapq.heappush(self._expiring, (obj.delete_at, account, container, obj.name))
