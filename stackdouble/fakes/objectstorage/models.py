"""The fake Swift's state and rules: accounts, containers and objects in memory.

One account per project (`AUTH_<project_id>`), created on first write as Swift's
`account_autocreate` does. Names are kept in `sortedcontainers.SortedDict`s, so a marker
seek is O(log n), a page O(page), and a delimiter walk jumps over a whole pseudo-directory
with one more seek (`list_entries`, a transcription of `swift/container/backend.py`
`list_objects_iter`). Python's `str` order is code-point order, which is the UTF-8 byte
(memcmp) order Swift lists in, since valid names hold no surrogates.

Metadata names are stored as Swift answers them (title-cased full header names, e.g.
`X-Object-Meta-Color`), values as WSGI strings: the raw bytes of the header, one `str`
character per byte (PEP 3333).

Differences from a real cluster, on purpose: the account's object and byte counts are
updated at once (Swift's container-updater makes them eventually consistent), and an
expired object (`X-Delete-At`) leaves the listing as soon as the fake clock passes it
(Swift's object-expirer removes it some time later; reads 404 at once in both).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import heapq
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from email.utils import formatdate
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sortedcontainers import SortedDict  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.objectstorage.errors import SwiftError

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "DEFAULT_POLICY",
    "RESELLER_PREFIX",
    "Account",
    "Constraints",
    "Container",
    "ObjectStorageModel",
    "StoredObject",
    "after_prefix",
    "http_date",
    "list_entries",
    "ts_ceil",
    "ts_iso",
    "ts_normal",
]

#: The one storage policy of a stock Swift (`/info`: `Policy-0`, default).
DEFAULT_POLICY = "Policy-0"
#: keystoneauth's `reseller_prefix`: accounts are `AUTH_<project_id>`.
RESELLER_PREFIX = "AUTH_"
#: Timestamps are kept as integers of Swift's precision, 10 µs (`Timestamp.raw`).
_UNITS = 100_000
_MAX_CHAR = 0x10FFFF
_EMPTY_MD5 = hashlib.md5(b"", usedforsecurity=False).hexdigest()
_F = TypeVar("_F", bound=Callable[..., Any])


def _locked(method: _F) -> _F:
    """Run a public method under the cloud's lock, so tests may call it while served."""

    @functools.wraps(method)
    def wrapper(self: ObjectStorageModel, *args: Any, **kwargs: Any) -> Any:
        with self.cloud.lock:
            return method(self, *args, **kwargs)

    return cast(_F, wrapper)


@dataclass(frozen=True, slots=True, kw_only=True)
class Constraints:
    """Swift's `[swift-constraints]` (`swift/common/constraints.py`), as `/info` shows them,
    plus the bulk middleware's limits. Replace `model.constraints` to test other settings
    (a small `max_file_size`, say)."""

    max_file_size: int = 5368709122
    max_meta_name_length: int = 128
    max_meta_value_length: int = 256
    max_meta_count: int = 90
    max_meta_overall_size: int = 4096
    max_header_size: int = 8192
    max_request_line: int = 8192
    max_object_name_length: int = 1024
    container_listing_limit: int = 10000
    account_listing_limit: int = 10000
    max_account_name_length: int = 256
    max_container_name_length: int = 256
    extra_header_count: int = 0
    max_deletes_per_request: int = 10000
    max_failed_deletes: int = 1000
    max_containers_per_extraction: int = 10000
    max_failed_extractions: int = 1000

    def info(self) -> dict[str, int]:
        """The `swift` section of `/info` (the bulk limits are reported elsewhere)."""
        out = asdict(self)
        for name in _BULK_LIMITS:
            out.pop(name)
        return out


#: The bulk middleware's settings in `Constraints` (`/info`'s `bulk_delete`, `bulk_upload`).
_BULK_LIMITS = ("max_deletes_per_request", "max_failed_deletes",
                "max_containers_per_extraction", "max_failed_extractions")


# -- timestamps ---------------------------------------------------------------------------


def ts_normal(raw: int) -> str:
    """Swift's normal form, `%016.05f` (`X-Timestamp: 1795769777.10817`).

    Example:
        >>> ts_normal(179576977710817)
        '1795769777.10817'
    """
    return f"{raw // _UNITS:010d}.{raw % _UNITS:05d}"


def ts_iso(raw: int) -> str:
    """A listing's `last_modified`: microseconds and no timezone.

    Example:
        >>> ts_iso(179576977712758)
        '2026-11-27T08:56:17.127580'
    """
    when = datetime.fromtimestamp(raw // _UNITS, tz=timezone.utc)
    return f"{when:%Y-%m-%dT%H:%M:%S}.{(raw % _UNITS) * 10:06d}"


def ts_ceil(raw: int) -> int:
    """Whole seconds, rounded up: what `Last-Modified` shows (`Timestamp.ceil`)."""
    return -(-raw // _UNITS)


def http_date(seconds: float) -> str:
    """An HTTP date (`Fri, 27 Nov 2026 08:56:18 GMT`).

    Example:
        >>> http_date(1795769778)
        'Fri, 27 Nov 2026 08:56:18 GMT'
    """
    return formatdate(seconds, usegmt=True)


def after_prefix(prefix: str) -> str | None:
    """The least string above every string starting with `prefix` (None: there is none).

    Swift writes `prefix[:-1] + chr(ord(prefix[-1]) + 1)`; this also steps over the
    surrogates, which no name can hold, and past U+10FFFF.

    Example:
        >>> after_prefix("photos/"), after_prefix("a\\U0010ffff"), after_prefix("")
        ('photos0', 'b', None)
    """
    chars = list(prefix)
    while chars:
        code = ord(chars.pop())
        if code < _MAX_CHAR:
            code += 1
            if 0xD800 <= code <= 0xDFFF:
                code = 0xE000
            return "".join(chars) + chr(code)
    return None


# -- resources ----------------------------------------------------------------------------


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
    """

    __slots__ = ("_row", "content_type", "data", "delete_at", "etag", "headers",
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
        self._row: str | None = None

    @property
    def size(self) -> int:
        """The content's length in bytes."""
        return len(self.data)

    @property
    def metadata(self) -> dict[str, str]:
        """Custom metadata as `{Name: value}` (values decoded as UTF-8 where they are)."""
        return _meta_of(self.headers, "X-Object-Meta-")

    def json_row(self) -> str:
        """The listing row, rendered once (`{"bytes", "hash", "name", "content_type",
        "last_modified"}`, in Swift's order)."""
        row = self._row
        if row is None:
            row = self._row = json.dumps({
                "bytes": len(self.data), "hash": self.etag, "name": self.name,
                "content_type": self.content_type,
                "last_modified": ts_iso(self.meta_timestamp)})
        return row

    def touched(self) -> None:
        """Forget the rendered row after a change."""
        self._row = None

    def __repr__(self) -> str:
        return f"<StoredObject {self.name!r} {len(self.data)} bytes>"


class Container:
    """One container.

    Attributes:
        name: The container's name.
        policy: Its storage policy's name.
        created: When it was created (raw timestamp; `X-Timestamp`).
        put_timestamp: Its last PUT (`Last-Modified`, the account listing's
            `last_modified`).
        headers: Metadata and settings as Swift returns them (`X-Container-Meta-*`,
            `X-Container-Read`, `X-Container-Write`, `X-Versions-Location`, ...).
        objects: Objects by name, in Swift's order.
        bytes_used: The sum of the objects' sizes.
    """

    __slots__ = ("bytes_used", "created", "headers", "name", "objects", "policy",
                 "put_timestamp")

    def __init__(self, name: str, policy: str, timestamp: int) -> None:
        self.name = name
        self.policy = policy
        self.created = timestamp
        self.put_timestamp = timestamp
        self.headers: dict[str, str] = {}
        self.objects: SortedDict = SortedDict()
        self.bytes_used = 0

    @property
    def object_count(self) -> int:
        """How many objects it holds."""
        return len(self.objects)

    @property
    def metadata(self) -> dict[str, str]:
        """Custom metadata as `{Name: value}`."""
        return _meta_of(self.headers, "X-Container-Meta-")

    @property
    def read_acl(self) -> str | None:
        """`X-Container-Read`, or None."""
        return self.headers.get("X-Container-Read")

    @property
    def write_acl(self) -> str | None:
        """`X-Container-Write`, or None."""
        return self.headers.get("X-Container-Write")

    def json_row(self) -> dict[str, Any]:
        """The account listing row (`{"name", "count", "bytes", "last_modified",
        "storage_policy"}`)."""
        return {"name": self.name, "count": len(self.objects), "bytes": self.bytes_used,
                "last_modified": ts_iso(self.put_timestamp), "storage_policy": self.policy}

    def __repr__(self) -> str:
        return f"<Container {self.name!r} {len(self.objects)} objects>"


class Account:
    """One account (`AUTH_<project_id>`).

    Attributes:
        name: The account's name.
        created: When it was created (raw timestamp; `X-Timestamp`).
        headers: Metadata as Swift returns it (`X-Account-Meta-*`).
        project_domain_id: What keystoneauth recorded (`X-Account-Project-Domain-Id`).
        quota_bytes, quota_count: Quotas a reseller admin set (`X-Account-Quota-*`).
        containers: Containers by name, in Swift's order.
        object_count, bytes_used: Totals over the containers, kept current.
        policy_stats: `{policy: [container_count, object_count, bytes_used]}` for every
            policy that has held a container.
    """

    __slots__ = ("bytes_used", "containers", "created", "headers", "name", "object_count",
                 "policy_stats", "project_domain_id", "quota_bytes", "quota_count")

    def __init__(self, name: str, timestamp: int) -> None:
        self.name = name
        self.created = timestamp
        self.headers: dict[str, str] = {}
        self.project_domain_id: str | None = None
        self.quota_bytes: int | None = None
        self.quota_count: int | None = None
        self.containers: SortedDict = SortedDict()
        self.object_count = 0
        self.bytes_used = 0
        self.policy_stats: dict[str, list[int]] = {}

    @property
    def container_count(self) -> int:
        """How many containers it holds."""
        return len(self.containers)

    @property
    def metadata(self) -> dict[str, str]:
        """Custom metadata as `{Name: value}`."""
        return _meta_of(self.headers, "X-Account-Meta-")

    def _count(self, policy: str, containers: int, objects: int, size: int) -> None:
        stats = self.policy_stats.setdefault(policy, [0, 0, 0])
        stats[0] += containers
        stats[1] += objects
        stats[2] += size
        self.object_count += objects
        self.bytes_used += size

    def __repr__(self) -> str:
        return f"<Account {self.name!r} {len(self.containers)} containers>"


def _meta_of(headers: Mapping[str, str], prefix: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in headers.items():
        if key.startswith(prefix):
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                value = value.encode("latin-1").decode("utf-8")
            out[key[len(prefix):]] = value
    return out


# -- listings -------------------------------------------------------------------------------


def list_entries(
    index: SortedDict,
    *,
    limit: int,
    marker: str | None = None,
    end_marker: str | None = None,
    prefix: str | None = None,
    delimiter: str | None = None,
    path: str | None = None,
    reverse: bool = False,
) -> list[tuple[str, bool]]:
    """One page of a listing, as `(name, is_subdir)` pairs.

    A transcription of `ContainerBroker.list_objects_iter` (and of the account broker's
    `list_containers_iter`, which has no `path`), with each SQL query replaced by a seek in
    `index`: names are > marker and < end_marker, start with prefix; with a delimiter,
    each name holding it after the prefix rolls up into one `subdir` row (counted toward
    the limit, and left out when it equals the marker), and the walk jumps past the rest of
    that pseudo-directory; `reverse` lists backwards, the markers swapping roles; `path`
    lists the names directly under `path/`, without subdir rows.

    Example:
        >>> index = SortedDict.fromkeys(["a", "b/1", "b/2", "c"])
        >>> list_entries(index, limit=10, delimiter="/")
        [('a', False), ('b/', True), ('c', False)]
        >>> list_entries(index, limit=2, delimiter="/", reverse=True)
        [('c', False), ('b/', True)]
    """
    if reverse:
        marker, end_marker = end_marker, marker
    if path is not None:
        prefix = path
        if path:
            prefix = path = path.rstrip("/") + "/"
        delimiter = "/"
    elif delimiter and not prefix:
        prefix = ""
    end_prefix = after_prefix(prefix) if prefix else None
    orig_marker = marker
    results: list[tuple[str, bool]] = []
    force_gte = False
    while len(results) < limit:
        upper: str | None = None
        if end_marker and (not prefix or end_prefix is None or end_marker < end_prefix):
            upper = end_marker
        elif prefix:
            upper = end_prefix
        lower: str | None = None
        inclusive = True
        if force_gte:
            lower = marker
            force_gte = False
        elif marker and (not prefix or marker >= prefix):
            lower, inclusive = marker, False
        elif prefix:
            lower = prefix
        rows: Iterator[str] = islice(
            index.irange(lower, upper, inclusive=(inclusive, False), reverse=reverse),
            limit - len(results))
        if prefix is None or not delimiter:
            results.extend((name, False) for name in rows)
            return results
        rowcount = 0
        for name in rows:
            rowcount += 1
            if reverse:
                end_marker = name
            else:
                marker = name
            end = name.find(delimiter, len(prefix))
            if path is not None:
                if name == path:
                    continue
                if end >= 0 and len(name) > end + len(delimiter):
                    if reverse:
                        end_marker = name[:end + len(delimiter)]
                    else:
                        after = after_prefix(name[:end + len(delimiter)])
                        if after is None:
                            return results
                        marker = after
                    break
            elif end >= 0:
                dir_name = name[:end + len(delimiter)]
                if reverse:
                    end_marker = dir_name
                else:
                    after = after_prefix(dir_name)
                    if after is None:
                        if dir_name != orig_marker:
                            results.append((dir_name, True))
                        return results
                    marker = after
                    force_gte = True
                if dir_name != orig_marker:
                    results.append((dir_name, True))
                break
            results.append((name, False))
        if not rowcount:
            break
    return results


# -- the model ------------------------------------------------------------------------------


class ObjectStorageModel:
    """The fake Swift's state: `cloud.object_storage`.

    Every method takes a project name or id (the demo project is `"demo"`) or an account
    name (`"AUTH_<project_id>"`), and raises `SwiftError` with Swift's status where Swift
    would refuse (404 for a missing container, 409 for a non-empty one...). The fake's
    HTTP handlers call the same methods.

    Attributes:
        accounts: Accounts by name (`AUTH_<project_id>`), created on first write.
        constraints: Swift's limits (`Constraints`); replace it to test other settings.
        policies: Storage policy names; the first is the default.
        tempauth: tempauth's users and tokens (`tempauth.TempAuth`).
        info_admin_key: The proxy's `admin_key`, for signed `/info` requests.

    Example:
        >>> from stackdouble.fakes import FakeCloud
        >>> swift = FakeCloud().object_storage
        >>> swift.create_container("demo", "photos")
        True
        >>> swift.put_object("demo", "photos", "2026/été.jpg", b"...", metadata={"Camera": "x"})
        <StoredObject '2026/été.jpg' 3 bytes>
        >>> swift.names("demo", "photos"), swift.account("demo").bytes_used
        (['2026/été.jpg'], 3)
    """

    def __init__(self, cloud: FakeCloud) -> None:
        self.cloud = cloud
        self.accounts: dict[str, Account] = {}
        self.constraints = Constraints()
        self.policies: tuple[str, ...] = (DEFAULT_POLICY,)
        self._expiring: list[tuple[int, str, str, str]] = []
        from stackdouble.fakes.objectstorage.tempauth import TempAuth  # it imports this module

        self.tempauth = TempAuth(self)
        #: The proxy's `admin_key` for `/info?swiftinfo_sig=...`; None refuses those (403).
        self.info_admin_key: str | None = None

    # -- time ----------------------------------------------------------------------------

    def now(self) -> int:
        """The fake clock as a raw Swift timestamp (10 µs units)."""
        return round(self.cloud.clock.time() * _UNITS)

    @_locked
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

    # -- lookups -----------------------------------------------------------------------------

    def account_name(self, project: str) -> str:
        """`AUTH_<project_id>` for a project name or id (an account name is returned as is).

        Raises:
            LookupError: No such project.
        """
        if project.startswith(RESELLER_PREFIX):
            return project
        return RESELLER_PREFIX + self.cloud.identity.find_project(project).id

    @_locked
    def account(self, project: str, *, create: bool = True) -> Account:
        """The account of a project, created if need be (`create=False`: 404 instead).

        Raises:
            SwiftError: 404, the account does not exist and `create` is false.
        """
        name = self.account_name(project)
        found = self.accounts.get(name)
        if found is None:
            if not create:
                raise SwiftError(404)
            found = self.accounts[name] = Account(name, self.now())
            found.project_domain_id = self._domain_of(name)
        return found

    def find_account(self, account_name: str) -> Account | None:
        """The account, or None if nothing was ever written to it."""
        return self.accounts.get(account_name)

    def _domain_of(self, account_name: str) -> str | None:
        project = self.cloud.identity.projects.get(account_name[len(RESELLER_PREFIX):])
        return project.domain_id if project is not None else None

    @_locked
    def container(self, project: str, name: str) -> Container:
        """A container.

        Raises:
            SwiftError: 404, no such container.
        """
        found = self.find_container(self.account_name(project), name)
        if found is None:
            raise SwiftError(404)
        return found

    def find_container(self, account_name: str, name: str) -> Container | None:
        """The container, or None."""
        account = self.accounts.get(account_name)
        found: Container | None = account.containers.get(name) if account is not None else None
        return found

    @_locked
    def get_object(self, project: str, container: str, name: str) -> StoredObject:
        """An object (`.data` is its content).

        Raises:
            SwiftError: 404, no such container or object.
        """
        found: StoredObject | None = self.container(project, container).objects.get(name)
        if found is None:
            raise SwiftError(404)
        return found

    @_locked
    def names(self, project: str, container: str | None = None) -> list[str]:
        """The names of a container's objects, or of the account's containers, in order."""
        if container is None:
            account = self.accounts.get(self.account_name(project))
            return list(account.containers) if account is not None else []
        return list(self.container(project, container).objects)

    # -- containers ---------------------------------------------------------------------------

    @_locked
    def create_container(
        self,
        project: str,
        name: str,
        *,
        policy: str | None = None,
        metadata: Mapping[str, str] | None = None,
        read_acl: str | None = None,
        write_acl: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> bool:
        """Create a container, or update one that exists (Swift's PUT).

        Args:
            project: The owner.
            name: The container's name.
            policy: A storage policy name; None for the default.
            metadata: Custom metadata (`{"Team": "web"}`).
            read_acl: `X-Container-Read`.
            write_acl: `X-Container-Write`.
            headers: Other settings as headers, title-cased (the handlers pass them);
                an empty value removes one.

        Returns:
            True if it was created (201), False if it existed (202).

        Raises:
            SwiftError: 400 for an unknown policy; 409 for another policy than the
                existing container's.
        """
        account = self.account(project)
        if policy is not None and policy not in self.policies:
            raise SwiftError(400, f"Invalid X-Storage-Policy '{policy}'", content_type="text/plain")
        now = self.now()
        found = account.containers.get(name)
        created = found is None
        if found is None:
            found = Container(name, policy or self.policies[0], now)
            account.containers[name] = found
            account._count(found.policy, 1, 0, 0)
        else:
            if policy is not None and policy != found.policy:
                raise SwiftError(409)
            found.put_timestamp = now
        update = dict(headers or {})
        for key, value in (metadata or {}).items():
            update["X-Container-Meta-" + key.title()] = _wsgi(value)
        if read_acl is not None:
            update["X-Container-Read"] = read_acl
        if write_acl is not None:
            update["X-Container-Write"] = write_acl
        _apply_headers(found.headers, update)
        return created

    @_locked
    def update_container(self, project: str, name: str, headers: Mapping[str, str]) -> None:
        """Set or remove (empty value) a container's metadata headers (Swift's POST).

        Raises:
            SwiftError: 404, no such container.
        """
        _apply_headers(self.container(project, name).headers, headers)

    @_locked
    def delete_container(self, project: str, name: str) -> None:
        """Delete an empty container.

        Raises:
            SwiftError: 404, no such container; 409, it holds objects.
        """
        account = self.accounts.get(self.account_name(project))
        found = account.containers.get(name) if account is not None else None
        if account is None or found is None:
            raise SwiftError(404)
        if found.objects:
            raise SwiftError(409)
        del account.containers[name]
        account._count(found.policy, -1, 0, 0)

    # -- objects --------------------------------------------------------------------------------

    @_locked
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

    @_locked
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

    @_locked
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

    @_locked
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

    # -- accounts ------------------------------------------------------------------------------

    @_locked
    def update_account(self, project: str, headers: Mapping[str, str]) -> Account:
        """Set or remove (empty value) account metadata headers (Swift's POST)."""
        account = self.account(project)
        _apply_headers(account.headers, headers)
        return account

    @_locked
    def delete_account(self, project: str) -> None:
        """Forget an account and everything in it (what a reseller's DELETE and the
        account-reaper do together)."""
        self.accounts.pop(self.account_name(project), None)

    # -- control --------------------------------------------------------------------------------

    @_locked
    def dump(self) -> dict[str, Any]:
        """Names and sizes of every account, container and object, by account name
        (`AUTH_...`), and under `tempauth` its users and how many of its tokens are valid
        (`TempAuth.dump`); no contents, no temp-URL or tempauth keys, no token ids."""
        out: dict[str, Any] = {}
        for name, account in self.accounts.items():
            out[name] = {
                "containers": {
                    cname: {
                        "policy": container.policy,
                        "bytes_used": container.bytes_used,
                        "metadata": _public(container.headers),
                        "objects": {oname: obj.size for oname, obj in container.objects.items()},
                    }
                    for cname, container in account.containers.items()
                },
                "object_count": account.object_count,
                "bytes_used": account.bytes_used,
                "metadata": _public(account.headers),
            }
        out["tempauth"] = self.tempauth.dump()
        return out


def _public(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if "temp-url-key" not in k.lower()}


def _wsgi(value: str) -> str:
    """A header value as WSGI carries it: one character per byte of its UTF-8."""
    try:
        value.encode("latin-1")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8").decode("latin-1")


def _apply_headers(target: dict[str, str], update: Mapping[str, str]) -> None:
    for key, value in update.items():
        if value == "":
            target.pop(key, None)
        else:
            target[key] = value
