"""Cinder snapshots: create, list, get, update, delete and waiting."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client._wait import DEFAULT_INTERVAL
from stackdouble.client.openstack.blockstorage.v3 import _waits
from stackdouble.client.openstack.blockstorage.v3._query import check_paging, metadata_query
from stackdouble.client.openstack.blockstorage.v3.snapshots import urls
from stackdouble.client.openstack.blockstorage.v3.snapshots.results import (
    CreateMetadatumResult,
    CreateResult,
    DeleteMetadatumResult,
    DeleteResult,
    GetMetadataResult,
    GetMetadatumResult,
    GetResult,
    ResetMetadataResult,
    Snapshot,
    SnapshotPage,
    UpdateMetadataResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "create",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "get",
    "list",
    "list_simple",
    "metadata",
    "metadatum",
    "reset_metadata",
    "update",
    "update_metadata",
    "wait_for_delete",
    "wait_for_status",
]

_ERRORS = frozenset({"error", "error_deleting"})


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `snapshots.list`."""

    def to_snapshot_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters, sorting and paging for `list`; None fields are not sent.

    Example:
        >>> ListOpts(volume_id="v-1", status="available", limit=10).to_snapshot_list_query()
        '?status=available&volume_id=v-1&limit=10'
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    status: str | None = field(default=None, metadata={"q": "status"})
    volume_id: str | None = field(default=None, metadata={"q": "volume_id"})
    metadata: Mapping[str, str] | None = field(default=None, metadata={"q": "metadata"})
    all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    sort: str | None = field(default=None, metadata={"q": "sort"})
    sort_key: str | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | None = field(default=None, metadata={"q": "sort_dir"})
    with_count: bool | None = field(default=None, metadata={"q": "with_count"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_snapshot_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset, or a bad sort.
        """
        check_paging(self.limit, self.offset, self.sort, self.sort_key, self.sort_dir)
        return build_query(replace(self, metadata=metadata_query(self.metadata)))  # type: ignore[arg-type]


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[SnapshotPage]:
    """List snapshots with details (`GET /snapshots/detail`), one request per page.

    Example:
        >>> [s.status for s in snapshots.list(block_storage).items()]
        []
    """
    return _pager(client, urls.list_detail_url(client), opts)


def list_simple(client: ServiceClient,
                opts: ListOptsBuilder | None = None) -> Pager[SnapshotPage]:
    """List snapshots without the extended attributes (`GET /snapshots`)."""
    return _pager(client, urls.list_url(client), opts)


def _pager(client: ServiceClient, url: str,
           opts: ListOptsBuilder | None) -> Pager[SnapshotPage]:
    try:
        query = opts.to_snapshot_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, SnapshotPage)
    return Pager(client, url + query, SnapshotPage)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `snapshots.create`."""

    def to_snapshot_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A snapshot of `volume_id`; None fields are not sent.

    Cinder snapshots `available` volumes; `force=True` also takes `in-use` ones (from
    microversion 3.66 they are always taken, and `force=False` is refused).

    Example:
        >>> CreateOpts(volume_id="v-1", name="nightly", force=True).to_snapshot_create_map()
        {'snapshot': {'volume_id': 'v-1', 'name': 'nightly', 'force': True}}
    """

    volume_id: str
    name: str | None = None
    description: str | None = None
    force: bool | None = None
    metadata: Mapping[str, str] | None = None

    def to_snapshot_create_map(self) -> dict[str, Any]:
        """The body of `POST /snapshots`.

        Raises:
            InvalidInput: No volume_id.
        """
        if not self.volume_id:
            raise InvalidInput("a snapshot needs a volume_id", "volume_id")
        snapshot: dict[str, Any] = {"volume_id": self.volume_id}
        for key, value in (("name", self.name), ("description", self.description),
                           ("force", self.force)):
            if value is not None:
                snapshot[key] = value
        if self.metadata is not None:
            snapshot["metadata"] = dict(self.metadata)
        return {"snapshot": snapshot}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Snapshot a volume (`POST /snapshots`, 202); it starts `creating`.

    Example:
        >>> snap = snapshots.create(block_storage,
        ...                         snapshots.CreateOpts(volume_id=volume_id)).extract()
        >>> snapshots.wait_for_status(block_storage, snap.id, "available", timeout=60,
        ...                           sleep=cloud.clock.advance, clock=cloud.clock.time).size
        1
    """
    try:
        body = opts.to_snapshot_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(202,))


def get(client: ServiceClient, snapshot_id: str) -> GetResult:
    """Get one snapshot (`GET /snapshots/{snapshot_id}`)."""
    return GetResult.request(client, "GET", urls.get_url(client, snapshot_id), ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `snapshots.update`."""

    def to_snapshot_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """A snapshot's new name or description (at least one).

    Example:
        >>> UpdateOpts(name="weekly").to_snapshot_update_map()
        {'snapshot': {'name': 'weekly'}}
    """

    name: str | None = None
    description: str | None = None

    def to_snapshot_update_map(self) -> dict[str, Any]:
        """The body of `PUT /snapshots/{snapshot_id}`.

        Raises:
            InvalidInput: Neither a name nor a description.
        """
        snapshot = {k: v for k, v in (("name", self.name), ("description", self.description))
                    if v is not None}
        if not snapshot:
            raise InvalidInput("a snapshot update needs a name or a description", "name")
        return {"snapshot": snapshot}


def update(client: ServiceClient, snapshot_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Rename or describe a snapshot (`PUT /snapshots/{snapshot_id}`, 200)."""
    try:
        body = opts.to_snapshot_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, snapshot_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, snapshot_id: str) -> DeleteResult:
    """Delete a snapshot (`DELETE /snapshots/{snapshot_id}`, 202): `available` or `error`
    only (400 otherwise)."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, snapshot_id),
                                ok_codes=(202,))


# --- metadata --------------------------------------------------------------------------------


def metadata(client: ServiceClient, snapshot_id: str) -> GetMetadataResult:
    """Every metadata item of a snapshot (`GET /snapshots/{id}/metadata`)."""
    return GetMetadataResult.request(client, "GET", urls.metadata_url(client, snapshot_id))


def reset_metadata(client: ServiceClient, snapshot_id: str,
                   metadata: Mapping[str, str]) -> ResetMetadataResult:
    """Replace all of a snapshot's metadata with `metadata` (`PUT .../metadata`)."""
    return ResetMetadataResult.request(client, "PUT", urls.metadata_url(client, snapshot_id),
                                       json={"metadata": dict(metadata)}, ok_codes=(200,))


def update_metadata(client: ServiceClient, snapshot_id: str,
                    metadata: Mapping[str, str]) -> UpdateMetadataResult:
    """Add or change the items in `metadata`, keeping the others (`POST .../metadata`);
    `extract()` gives every item after the merge."""
    return UpdateMetadataResult.request(client, "POST", urls.metadata_url(client, snapshot_id),
                                        json={"metadata": dict(metadata)}, ok_codes=(200,))


def metadatum(client: ServiceClient, snapshot_id: str, key: str) -> GetMetadatumResult:
    """One metadata item (`GET /snapshots/{id}/metadata/{key}`); `extract()` gives
    `{key: value}`, a missing key is `NotFound`."""
    return GetMetadatumResult.request(client, "GET",
                                      urls.metadatum_url(client, snapshot_id, key))


def create_metadatum(client: ServiceClient, snapshot_id: str, key: str,
                     value: str) -> CreateMetadatumResult:
    """Set one metadata item (`PUT /snapshots/{id}/metadata/{key}`)."""
    return CreateMetadatumResult.request(
        client, "PUT", urls.metadatum_url(client, snapshot_id, key),
        json={"meta": {key: value}}, ok_codes=(200,))


def delete_metadatum(client: ServiceClient, snapshot_id: str,
                     key: str) -> DeleteMetadatumResult:
    """Remove one metadata item (`DELETE /snapshots/{id}/metadata/{key}`, 200)."""
    return DeleteMetadatumResult.request(
        client, "DELETE", urls.metadatum_url(client, snapshot_id, key), ok_codes=(200,))


def wait_for_status(
    client: ServiceClient,
    snapshot_id: str,
    status: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Snapshot:
    """Poll a snapshot until its status is `status` (see `volumes.wait_for_status`).

    Raises:
        WaitTimeout: `timeout` passed.
        StatusError: The snapshot went to `error` (unless awaited).
        NotFound: The snapshot disappeared.
    """
    return _waits.wait_for_status(
        lambda: get(client, snapshot_id), f"snapshot {snapshot_id}", status, errors=_ERRORS,
        timeout=timeout, interval=interval, sleep=sleep, clock=clock)


def wait_for_delete(
    client: ServiceClient,
    snapshot_id: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Poll a snapshot until Cinder answers 404 for it."""
    _waits.wait_for_delete(
        lambda: get(client, snapshot_id), f"snapshot {snapshot_id}", errors=_ERRORS,
        timeout=timeout, interval=interval, sleep=sleep, clock=clock)
