"""The container-sync daemon (`swift/container/sync.py`, Swift 2.38) on the fake clock: a
container whose `X-Container-Sync-To` and `X-Container-Sync-Key` are set has its objects
copied, and its deletions repeated, in the target container, a sweep at a time.

A sweep runs every `SwiftConfig(container_sync_interval=...)` fake seconds (Swift's
`[container-sync] interval`, 300 by default; None: only when forced), at the first request
after it is due, or at once with `cloud.object_storage.run_container_sync()`. For each
syncing container, as `ContainerSync.container_sync` and `container_sync_row` do:

- a container with object versioning configured is skipped, and so is one whose target
  `validate_sync_to` refuses (a failure);
- each object changed (PUT or POST) since it was last sent is sent: unless the target
  holds the name with an `X-Timestamp` as new or newer (the daemon's HEAD first), the
  target gets its data, content type, ETag and headers (metadata, `Content-Disposition`,
  `X-Delete-At`, a symlink's target...) with the source's timestamp: the copy's
  `X-Timestamp` and `Last-Modified` are the source's last PUT or POST;
- each object deleted since is deleted in the target with the deletion's timestamp, unless
  the target's copy is newer (Swift's 409, ignored) or absent (404, ignored);
- a row the target refuses (no such container: 404; its sync key is not the source's, or,
  for a realm target, the pipeline lacks `container_sync` to check the signature: 401) is
  a failure, tried again at every sweep until it goes through, as Swift's second sync
  point does.

The target must be in this cloud: a realm target `//<realm>/<cluster>/<account>/<container>`
whose `//<realm>/<cluster>` is `SwiftConfig(container_sync_current=...)`, or a full URL on
the cloud's own host and port (`cloud.base_url`). Any other target is a failure at every
sweep (the fake reaches no other cluster).

Deliberate differences: the daemon writes through the model, not through the target's
proxy (its quotas, versioning or SLO checks do not run on a synced write; Swift's proxy
skips most of them for a synced request too), every object is sent by the one node there
is, in name order (Swift goes in row order), and deletions made before the container had
an `X-Container-Sync-To` are not repeated (Swift sends the tombstones it still holds when
sync is first set).

    >>> from stackdouble.fakes import FakeCloud
    >>> from stackdouble.fakes.objectstorage import SwiftConfig
    >>> config = SwiftConfig(
    ...     container_sync_realms="[us]\\nkey = realm-key\\ncluster_east = http://127.0.0.1/v1/\\n",
    ...     container_sync_current="//us/east")
    >>> swift = FakeCloud(swift=config).object_storage
    >>> account = swift.account_name("demo")
    >>> swift.create_container("demo", "backup", headers={"X-Container-Sync-Key": "k"})
    True
    >>> swift.create_container("demo", "photos", headers={
    ...     "X-Container-Sync-To": f"//us/east/{account}/backup", "X-Container-Sync-Key": "k"})
    True
    >>> swift.put_object("demo", "photos", "cat.jpg", b"meow")
    <StoredObject 'cat.jpg' 4 bytes>
    >>> swift.run_container_sync()
    SyncReport(syncs=1, puts=1, deletes=0, skips=0, failures=0)
    >>> swift.get_object("demo", "backup", "cat.jpg").data
    b'meow'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from stackdouble.fakes.locking import locked
from stackdouble.fakes.objectstorage.models._common import _ModelBase

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models.containers import Container

__all__ = ["ContainerSyncMixin", "SyncReport"]

_SYNC_TO = "X-Container-Sync-To"
_SYNC_KEY = "X-Container-Sync-Key"
_VERSIONS = "X-Container-Sysmeta-Versions-Container"
_VERSION_LINK = "X-Object-Sysmeta-Versions-Symlink"


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sweep did, as the daemon's counters count it.

    Attributes:
        syncs: Containers synced (`container_syncs`).
        puts: Objects copied to a target (`container_puts`).
        deletes: Deletions sent (`container_deletes`; one the target ignored counts too).
        skips: Containers passed over: versioning configured (`container_skips`).
        failures: Rows or containers that failed, to be tried again (`container_failures`).
    """

    syncs: int = 0
    puts: int = 0
    deletes: int = 0
    skips: int = 0
    failures: int = 0


@dataclass(slots=True)
class _SyncPoints:
    """A syncing container's progress: the target it was for (a new target starts over,
    as Swift resets the sync points), what was sent, and the deletions not yet sent."""

    sync_to: str
    created: int
    sent: dict[str, int] = field(default_factory=dict)
    tombstones: dict[str, int] = field(default_factory=dict)


class _Counts:
    __slots__ = ("deletes", "failures", "puts", "skips", "syncs")

    def __init__(self) -> None:
        self.syncs = self.puts = self.deletes = self.skips = self.failures = 0


class ContainerSyncMixin(_ModelBase):
    """The container-sync daemon: `run_container_sync`, and the sweeps the fake clock makes
    due (`container_sync_tick`, which the handlers call first)."""

    _sync_points: dict[tuple[str, str], _SyncPoints]
    _sync_next: float | None

    def _sync_interval(self) -> float | None:
        return self.cloud.swift_config.container_sync_interval

    def _first_sync(self) -> float | None:
        """When the first sweep is due: an interval after the model was made."""
        interval = self._sync_interval()
        return None if interval is None else self.cloud.clock.time() + interval

    def container_sync_tick(self) -> None:
        """Run a sweep if the fake clock has reached the next one (cheap otherwise)."""
        if self._sync_next is None:
            return
        interval = self._sync_interval()
        now = self.cloud.clock.time()
        if interval is None or now < self._sync_next:
            return
        missed = (now - self._sync_next) // interval + 1
        self._sync_next += missed * interval
        self._sweep()

    @locked
    def run_container_sync(self) -> SyncReport:
        """Sweep now, as `swift-container-sync --once` does: every syncing container's
        changes since its last sweep go to its target.

        Returns:
            What the sweep did.
        """
        return self._sweep()

    def _sync_tombstone(self, account: str, container: Container, name: str) -> None:
        """Note a deletion for a syncing container (called as an object goes)."""
        sync_to = container.headers.get(_SYNC_TO)
        if not sync_to:
            return
        points = self._points(account, container, sync_to)
        points.tombstones[name] = self.now()

    def _points(self, account: str, container: Container, sync_to: str) -> _SyncPoints:
        key = (account, container.name)
        points = self._sync_points.get(key)
        if points is None or points.sync_to != sync_to or points.created != container.created:
            points = _SyncPoints(sync_to, container.created)
            self._sync_points[key] = points
        return points

    def _sweep(self) -> SyncReport:
        counts = _Counts()
        self.expire()
        live = set()
        for account_name, account in list(self.accounts.items()):
            for container in list(account.containers.values()):
                sync_to = container.headers.get(_SYNC_TO)
                key = container.headers.get(_SYNC_KEY)
                if not sync_to or not key:
                    continue
                if container.headers.get(_VERSIONS):
                    counts.skips += 1
                    continue
                live.add((account_name, container.name))
                self._sync_container(account_name, container, sync_to, key, counts)
        for gone in set(self._sync_points) - live:
            del self._sync_points[gone]
        return SyncReport(counts.syncs, counts.puts, counts.deletes, counts.skips,
                          counts.failures)

    def _sync_container(self, account_name: str, container: Container, sync_to: str,
                        key: str, counts: _Counts) -> None:
        points = self._points(account_name, container, sync_to)
        target = self._sync_target(sync_to)
        if target is None:
            counts.failures += 1
            return
        target_account, target_name = target
        realm = sync_to.startswith("//")
        for name in sorted(points.tombstones):
            if name in container.objects:
                del points.tombstones[name]
                continue
            if self._send_delete(target_account, target_name, name,
                                 points.tombstones[name], key, realm):
                counts.deletes += 1
                del points.tombstones[name]
                points.sent.pop(name, None)
            else:
                counts.failures += 1
        for name, obj in container.objects.items():
            if points.sent.get(name) == obj.meta_timestamp:
                continue
            if obj.headers.get(_VERSION_LINK) == "true":  # the daemon skips version links
                points.sent[name] = obj.meta_timestamp
                continue
            sent = self._send_put(target_account, target_name, container, name, key, realm)
            if sent is None:
                counts.failures += 1
                continue
            counts.puts += sent
            points.sent[name] = obj.meta_timestamp
        counts.syncs += 1

    def _sync_target(self, sync_to: str) -> tuple[str, str] | None:
        """The (account, container) a target names in this cloud, or None (a target the
        container server would refuse, or one in another cluster)."""
        from stackdouble.fakes.objectstorage.middleware.container_sync import sync_to_error

        if sync_to_error(self, sync_to) is not None:  # type: ignore[arg-type]
            return None
        stripped = sync_to.rstrip("/")
        config = self.cloud.swift_config
        if stripped.startswith("//"):
            realm, cluster, account, container = stripped[2:].split("/")
            current = (config.container_sync_current or "").strip("/").split("/")
            if [p.upper() for p in current] != [realm.upper(), cluster.upper()]:
                return None
            return unquote(account), unquote(container)
        url = urlsplit(stripped)
        if url.netloc != urlsplit(self.cloud.base_url).netloc:
            return None
        parts = url.path.split("/")
        if len(parts) < 4 or parts[-3] not in ("v1", "v1.0"):
            return None
        return unquote(parts[-2]), unquote(parts[-1])

    def _sync_peer(self, account: str, container: str, key: str,
                   realm: bool) -> Container | None:
        """The target container if it takes the daemon's requests (it exists; its sync key
        is ours; a realm's signature is checked by container_sync), else None."""
        found = self.accounts.get(account)
        target: Container | None = (found.containers.get(container) if found is not None
                                    else None)
        if target is None or target.headers.get(_SYNC_KEY) != key:
            return None
        if realm and "container_sync" not in self.pipeline:  # type: ignore[attr-defined]
            return None
        return target

    def _send_put(self, account: str, container: str, source: Container, name: str,
                  key: str, realm: bool) -> int | None:
        """`container_sync_row` for a live row: 1 when the object was copied, 0 when the
        target's is as new, None when the target refused it."""
        target = self._sync_peer(account, container, key, realm)
        if target is None:
            return None
        obj = source.objects[name]
        there = target.objects.get(name)
        if there is not None and there.meta_timestamp >= obj.meta_timestamp:
            return 0
        copy = self.put_object(account, container, name, obj.data,
                               content_type=obj.content_type, headers=dict(obj.headers),
                               delete_at=obj.delete_at, etag=obj.etag)
        copy.timestamp = copy.meta_timestamp = obj.meta_timestamp
        return 1

    def _send_delete(self, account: str, container: str, name: str, when: int, key: str,
                     realm: bool) -> bool:
        """`container_sync_row` for a deleted row: False when the target refused it (404
        for its object and 409 for a newer copy are taken as done)."""
        target = self._sync_peer(account, container, key, realm)
        if target is None:
            return False
        there = target.objects.get(name)
        if there is not None and there.timestamp < when:
            self.delete_object(account, container, name)
        return True

    if TYPE_CHECKING:
        from stackdouble.fakes.objectstorage.models.objects import StoredObject

        def expire(self) -> int: ...

        def put_object(self, project: str, container: str, name: str, data: bytes = b"",
                       *, content_type: str = "application/octet-stream",
                       metadata: dict[str, str] | None = None,
                       headers: dict[str, str] | None = None,
                       delete_at: int | None = None,
                       etag: str | None = None) -> StoredObject: ...

        def delete_object(self, project: str, container: str, name: str) -> None: ...
