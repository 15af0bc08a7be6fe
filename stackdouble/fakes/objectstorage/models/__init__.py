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

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.locking import locked
from stackdouble.fakes.objectstorage.models._common import (
    DEFAULT_POLICY,
    RESELLER_PREFIX,
    Constraints,
    http_date,
    ts_ceil,
    ts_iso,
    ts_normal,
)
from stackdouble.fakes.objectstorage.models.accounts import Account, AccountsMixin
from stackdouble.fakes.objectstorage.models.containers import Container, ContainersMixin
from stackdouble.fakes.objectstorage.models.containersync import (
    ContainerSyncMixin,
    SyncReport,
)
from stackdouble.fakes.objectstorage.models.listing import after_prefix, list_entries
from stackdouble.fakes.objectstorage.models.objects import ObjectsMixin, StoredObject
from stackdouble.fakes.objectstorage.models.policies import (
    PoliciesMixin,
    StoragePolicy,
    storage_policies,
)
from stackdouble.fakes.objectstorage.models.swauth import TempAuth

if TYPE_CHECKING:
    from collections.abc import Iterable

    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.objectstorage.middleware import Pipeline

__all__ = [
    "DEFAULT_POLICY",
    "RESELLER_PREFIX",
    "Account",
    "Constraints",
    "Container",
    "ObjectStorageModel",
    "StoragePolicy",
    "StoredObject",
    "SyncReport",
    "after_prefix",
    "http_date",
    "list_entries",
    "storage_policies",
    "ts_ceil",
    "ts_iso",
    "ts_normal",
]


class ObjectStorageModel(AccountsMixin, ContainersMixin, ObjectsMixin, PoliciesMixin,
                         ContainerSyncMixin):
    """The fake Swift's state: `cloud.object_storage`.

    Every method takes a project name or id (the demo project is `"demo"`) or an account
    name (`"AUTH_<project_id>"`), and raises `SwiftError` with Swift's status where Swift
    would refuse (404 for a missing container, 409 for a non-empty one...). The fake's
    HTTP handlers call the same methods.

    Attributes:
        accounts: Accounts by name (`AUTH_<project_id>`), created on first write.
        constraints: Swift's limits (`Constraints`); replace it to test other settings.
        policies: The storage policies (`StoragePolicy`); assign names or policies to
            change them (`FakeCloud(swift=SwiftConfig(policies=...))` sets them for good).
        pipeline: The proxy's middleware (`middleware.Pipeline`); assign a pipeline, or
            its names as proxy-server.conf spells them, to change it for this state
            (`FakeCloud(swift=SwiftConfig(pipeline=...))` sets it for good).
        tempauth: tempauth's users and tokens (`swauth.TempAuth`).
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
        # The one place the state of every resource mixin is set up (see `_ModelBase`).
        self.cloud = cloud
        self.accounts: dict[str, Account] = {}
        self.constraints = Constraints()
        config = cloud.swift_config  # what the cloud was made with: kept across resets
        self._policies = config.policies
        self._pipeline: Pipeline = config.pipeline
        self._expiring: list[tuple[int, str, str, str]] = []
        self._sync_points = {}  # the container-sync daemon's progress (`containersync`)
        self._sync_next = self._first_sync()
        self.tempauth = TempAuth(self)
        #: The proxy's `admin_key` for `/info?swiftinfo_sig=...`; None refuses those (403).
        self.info_admin_key: str | None = None

    @property
    def pipeline(self) -> Pipeline:
        """The middleware requests go through, in order (see `middleware`)."""
        return self._pipeline

    @pipeline.setter
    def pipeline(self, value: Pipeline | str | Iterable[str]) -> None:
        from stackdouble.fakes.objectstorage.middleware import Pipeline

        self._pipeline = value if isinstance(value, Pipeline) else Pipeline(value)

    # -- control --------------------------------------------------------------------------------

    @locked
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

