"""Cinder backups: create (full or incremental, of a volume or a snapshot), list, get,
update, delete, restore, the admins' reset and force delete, and waiting."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client._wait import DEFAULT_INTERVAL
from stackdouble.client.openstack.blockstorage.v3 import _waits
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.backups import urls
from stackdouble.client.openstack.blockstorage.v3.backups.results import (
    Backup,
    BackupPage,
    CreateResult,
    DeleteResult,
    ForceDeleteResult,
    GetResult,
    ResetStatusResult,
    RestoreResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "ResetStatusOpts",
    "ResetStatusOptsBuilder",
    "RestoreOpts",
    "RestoreOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "delete",
    "force_delete",
    "get",
    "list",
    "list_simple",
    "reset_status",
    "restore",
    "update",
    "wait_for_delete",
    "wait_for_status",
]

_ERRORS = frozenset({"error", "error_deleting"})


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `backups.list`."""

    def to_backup_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters, sorting and paging for `list`; None fields are not sent.

    Example:
        >>> ListOpts(volume_id="v-1", limit=10).to_backup_list_query()
        '?volume_id=v-1&limit=10'
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    status: str | None = field(default=None, metadata={"q": "status"})
    volume_id: str | None = field(default=None, metadata={"q": "volume_id"})
    all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    sort: str | None = field(default=None, metadata={"q": "sort"})
    sort_key: str | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | None = field(default=None, metadata={"q": "sort_dir"})
    with_count: bool | None = field(default=None, metadata={"q": "with_count"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_backup_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset, or a bad sort.
        """
        check_paging(self.limit, self.offset, self.sort, self.sort_key, self.sort_dir)
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[BackupPage]:
    """List backups with details (`GET /backups/detail`), newest first, one request per
    page.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import backups
        >>> [b.status for b in backups.list(block_storage).items()]
        []
    """
    return _pager(client, urls.list_detail_url(client), opts)


def list_simple(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[BackupPage]:
    """List backups as ids, names and links (`GET /backups`)."""
    return _pager(client, urls.list_url(client), opts)


def _pager(client: ServiceClient, url: str, opts: ListOptsBuilder | None) -> Pager[BackupPage]:
    try:
        query = opts.to_backup_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, BackupPage)
    return Pager(client, url + query, BackupPage)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `backups.create`."""

    def to_backup_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A backup of `volume_id`; None fields are not sent.

    Cinder backs up `available` volumes; `force=True` also takes `in-use` ones.
    `incremental=True` stores only what changed since the volume's newest available
    backup (400 when it has none). `metadata` needs microversion 3.43 and
    `availability_zone` 3.51.

    Example:
        >>> CreateOpts(volume_id="v-1", name="nightly", incremental=True).to_backup_create_map()
        {'backup': {'volume_id': 'v-1', 'name': 'nightly', 'incremental': True}}
    """

    volume_id: str
    name: str | None = None
    description: str | None = None
    container: str | None = None
    incremental: bool | None = None
    force: bool | None = None
    snapshot_id: str | None = None
    metadata: Mapping[str, str] | None = None
    availability_zone: str | None = None

    def to_backup_create_map(self) -> dict[str, Any]:
        """The body of `POST /backups`.

        Raises:
            InvalidInput: No volume_id.
        """
        if not self.volume_id:
            raise InvalidInput("a backup needs a volume_id", "volume_id")
        backup: dict[str, Any] = {"volume_id": self.volume_id}
        for key, value in (("name", self.name), ("description", self.description),
                           ("container", self.container), ("incremental", self.incremental),
                           ("force", self.force), ("snapshot_id", self.snapshot_id),
                           ("availability_zone", self.availability_zone)):
            if value is not None:
                backup[key] = value
        if self.metadata is not None:
            backup["metadata"] = dict(self.metadata)
        return {"backup": backup}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Back up a volume (`POST /backups`, 202); the backup starts `creating` and the
    volume is `backing-up` until it is done.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import backups
        >>> made = backups.create(block_storage, backups.CreateOpts(volume_id=volume_id)).extract()
        >>> backups.wait_for_status(block_storage, made.id, "available", timeout=60,
        ...                         sleep=cloud.clock.advance, clock=cloud.clock.time).size
        1
    """
    try:
        body = opts.to_backup_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(202,))


def get(client: ServiceClient, backup_id: str) -> GetResult:
    """Get one backup (`GET /backups/{backup_id}`)."""
    return GetResult.request(client, "GET", urls.get_url(client, backup_id), ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `backups.update`."""

    def to_backup_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """A backup's new name, description or (3.43) metadata.

    Example:
        >>> UpdateOpts(name="weekly").to_backup_update_map()
        {'backup': {'name': 'weekly'}}
    """

    name: str | None = None
    description: str | None = None
    metadata: Mapping[str, str] | None = None

    def to_backup_update_map(self) -> dict[str, Any]:
        """The body of `PUT /backups/{backup_id}`."""
        backup: dict[str, Any] = {k: v for k, v in (("name", self.name),
                                                    ("description", self.description))
                                  if v is not None}
        if self.metadata is not None:
            backup["metadata"] = dict(self.metadata)
        return {"backup": backup}


def update(client: ServiceClient, backup_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Rename or describe a backup (`PUT /backups/{backup_id}`, 200; microversion 3.9 or
    later, else `NotFound`)."""
    try:
        body = opts.to_backup_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, backup_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, backup_id: str) -> DeleteResult:
    """Delete a backup (`DELETE /backups/{backup_id}`, 202): `available` or `error` only,
    and not while incremental backups depend on it (`BadRequest`)."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, backup_id),
                                ok_codes=(202,))


class RestoreOptsBuilder(Protocol):
    """Anything that renders the body of `backups.restore`."""

    def to_restore_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class RestoreOpts:
    """Where to restore: an `available` volume at least as big as the backup, or (no
    volume_id) a new volume named `name` (default `restore_backup_<backup id>`).

    Example:
        >>> RestoreOpts().to_restore_map()
        {'restore': {}}
    """

    volume_id: str | None = None
    name: str | None = None

    def to_restore_map(self) -> dict[str, Any]:
        """The body of `POST /backups/{backup_id}/restore`."""
        return {"restore": {k: v for k, v in (("volume_id", self.volume_id),
                                              ("name", self.name)) if v is not None}}


def restore(client: ServiceClient, backup_id: str,
            opts: RestoreOptsBuilder | None = None) -> RestoreResult:
    """Restore a backup (`POST /backups/{backup_id}/restore`, 202); the volume is
    `restoring-backup` and the backup `restoring` until it is done.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import backups
        >>> made = backups.create(block_storage, backups.CreateOpts(volume_id=volume_id)).extract()
        >>> _ = backups.wait_for_status(block_storage, made.id, "available", timeout=60,
        ...                             sleep=cloud.clock.advance, clock=cloud.clock.time)
        >>> restored = backups.restore(block_storage, made.id).extract()
        >>> restored.volume_name == f"restore_backup_{made.id}"
        True
    """
    try:
        body = (opts or RestoreOpts()).to_restore_map()
    except StackdoubleError as exc:
        return RestoreResult.from_error(exc)
    return RestoreResult.request(client, "POST", urls.restore_url(client, backup_id), json=body,
                                 ok_codes=(202,))


class ResetStatusOptsBuilder(Protocol):
    """Anything that renders the body of `backups.reset_status`."""

    def to_backup_reset_status_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ResetStatusOpts:
    """The status an admin sets (`available` or `error` take effect).

    Example:
        >>> ResetStatusOpts(status="error").to_backup_reset_status_map()
        {'os-reset_status': {'status': 'error'}}
    """

    status: str

    def to_backup_reset_status_map(self) -> dict[str, Any]:
        """The body of the `os-reset_status` action.

        Raises:
            InvalidInput: No status.
        """
        if not self.status:
            raise InvalidInput("os-reset_status needs a status", "status")
        return {"os-reset_status": {"status": self.status}}


def reset_status(client: ServiceClient, backup_id: str,
                 opts: ResetStatusOptsBuilder) -> ResetStatusResult:
    """Set a backup's status (`os-reset_status`, 202; admins)."""
    try:
        body = opts.to_backup_reset_status_map()
    except StackdoubleError as exc:
        return ResetStatusResult.from_error(exc)
    return ResetStatusResult.request(client, "POST", urls.action_url(client, backup_id),
                                     json=body, ok_codes=(202,))


def force_delete(client: ServiceClient, backup_id: str) -> ForceDeleteResult:
    """Delete a backup whatever its status (`os-force_delete`, 202; admins)."""
    return ForceDeleteResult.request(client, "POST", urls.action_url(client, backup_id),
                                     json={"os-force_delete": {}}, ok_codes=(202,))


def wait_for_status(
    client: ServiceClient,
    backup_id: str,
    status: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Backup:
    """Poll a backup until its status is `status` (see `volumes.wait_for_status`).

    Raises:
        WaitTimeout: `timeout` passed.
        StatusError: The backup went to `error` (unless awaited).
        NotFound: The backup disappeared.
    """
    return _waits.wait_for_status(
        lambda: get(client, backup_id), f"backup {backup_id}", status, errors=_ERRORS,
        timeout=timeout, interval=interval, sleep=sleep, clock=clock)


def wait_for_delete(
    client: ServiceClient,
    backup_id: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Poll a backup until Cinder answers 404 for it."""
    _waits.wait_for_delete(
        lambda: get(client, backup_id), f"backup {backup_id}", errors=_ERRORS,
        timeout=timeout, interval=interval, sleep=sleep, clock=clock)
