"""Cinder volume transfers: offer a volume to another project, list, get, accept with
the key, withdraw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.transfers import urls
from stackdouble.client.openstack.blockstorage.v3.transfers.results import (
    AcceptResult,
    CreateResult,
    DeleteResult,
    GetResult,
    TransferPage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "AcceptOpts",
    "AcceptOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "accept",
    "create",
    "delete",
    "get",
    "list",
    "list_simple",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `transfers.list`."""

    def to_transfer_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters and paging for `list`; None fields are not sent.

    Before microversion 3.59 Cinder reads every parameter but `all_tenants` as a filter on
    the transfers' columns, so `limit`, `offset`, `marker` or a sort there match nothing;
    from 3.59 they page (newest first by default).

    Example:
        >>> ListOpts(volume_id="v-1", limit=10).to_transfer_list_query()
        '?volume_id=v-1&limit=10'
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    volume_id: str | None = field(default=None, metadata={"q": "volume_id"})
    all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
    sort: str | None = field(default=None, metadata={"q": "sort"})
    sort_key: str | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | None = field(default=None, metadata={"q": "sort_dir"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_transfer_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset, or a bad sort.
        """
        check_paging(self.limit, self.offset, self.sort, self.sort_key, self.sort_dir)
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[TransferPage]:
    """List the transfers of the project's volumes with details
    (`GET /os-volume-transfer/detail`), one request per page; an admin lists every
    project's with `all_tenants=True`.

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option surfaces as the first
        page's error.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import transfers
        >>> [t.name for t in transfers.list(block_storage).items()]
        []
    """
    return _pager(client, urls.list_detail_url(client), opts)


def list_simple(client: ServiceClient,
                opts: ListOptsBuilder | None = None) -> Pager[TransferPage]:
    """List transfers as ids, volume ids, names and links (`GET /os-volume-transfer`)."""
    return _pager(client, urls.list_url(client), opts)


def _pager(client: ServiceClient, url: str,
           opts: ListOptsBuilder | None) -> Pager[TransferPage]:
    try:
        query = opts.to_transfer_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, TransferPage)
    return Pager(client, url + query, TransferPage)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `transfers.create`."""

    def to_transfer_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A transfer of `volume_id`; None fields are not sent.

    `no_snapshots=True` (microversion 3.55) leaves the volume's snapshots with the
    donor; otherwise they move too, and must all be `available`.

    Example:
        >>> CreateOpts(volume_id="v-1", name="to-ops").to_transfer_create_map()
        {'transfer': {'volume_id': 'v-1', 'name': 'to-ops'}}
    """

    volume_id: str
    name: str | None = None
    no_snapshots: bool | None = None

    def to_transfer_create_map(self) -> dict[str, Any]:
        """The body of `POST /os-volume-transfer`.

        Raises:
            InvalidInput: No volume_id.
        """
        if not self.volume_id:
            raise InvalidInput("a transfer needs a volume_id", "volume_id")
        transfer: dict[str, Any] = {"volume_id": self.volume_id}
        if self.name is not None:
            transfer["name"] = self.name
        if self.no_snapshots is not None:
            transfer["no_snapshots"] = self.no_snapshots
        return {"transfer": transfer}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Offer an `available` volume for transfer (`POST /os-volume-transfer`, 202); the
    volume is `awaiting-transfer` until the transfer is accepted or deleted.

    The answer is the only one that carries the `auth_key`: keep it, and hand it to the
    receiving project out of band. Errors: `NotFound` (no such volume), `BadRequest`
    (the volume or one of its snapshots is not `available`).

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import transfers
        >>> made = transfers.create(block_storage, transfers.CreateOpts(
        ...     volume_id=volume_id, name="to-admin")).extract()
        >>> len(made.auth_key), volumes.get(block_storage, volume_id).extract().status
        (16, 'awaiting-transfer')
        >>> transfers.delete(block_storage, made.id).extract_err()
    """
    try:
        body = opts.to_transfer_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(202,))


def get(client: ServiceClient, transfer_id: str) -> GetResult:
    """Get one transfer of the project's volumes (`GET /os-volume-transfer/{id}`; no
    `auth_key`). An accepted transfer is gone (`NotFound`)."""
    return GetResult.request(client, "GET", urls.get_url(client, transfer_id),
                             ok_codes=(200,))


class AcceptOptsBuilder(Protocol):
    """Anything that renders the body of `transfers.accept`."""

    def to_transfer_accept_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AcceptOpts:
    """The key `create` answered with. Never in the repr.

    Example:
        >>> AcceptOpts(auth_key="s3cr3t")
        AcceptOpts()
    """

    auth_key: str = field(repr=False)

    def to_transfer_accept_map(self) -> dict[str, Any]:
        """The body of `POST /os-volume-transfer/{id}/accept`.

        Raises:
            InvalidInput: No key.
        """
        if not self.auth_key:
            raise InvalidInput("accepting a transfer needs its auth_key", "auth_key")
        return {"accept": {"auth_key": self.auth_key}}


def accept(client: ServiceClient, transfer_id: str, opts: AcceptOptsBuilder) -> AcceptResult:
    """Take a transferred volume into the caller's project
    (`POST /os-volume-transfer/{id}/accept`, 202).

    The volume (with its snapshots, unless created with `no_snapshots`) then belongs to
    the caller's project and counts against its quotas, and is `available` again; the
    transfer is gone. Errors: `BadRequest` (a wrong key), `NotFound`, `RequestEntityTooLarge`
    (over the receiver's quota).

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import transfers
        >>> made = transfers.create(block_storage, transfers.CreateOpts(
        ...     volume_id=volume_id)).extract()
        >>> taken = transfers.accept(admin_block_storage, made.id, transfers.AcceptOpts(
        ...     auth_key=made.auth_key)).extract()
        >>> taken.volume_id == volume_id
        True
        >>> volumes.get(admin_block_storage, volume_id).extract().status
        'available'
        >>> volumes.get(block_storage, volume_id).err.status
        404
    """
    try:
        body = opts.to_transfer_accept_map()
    except StackdoubleError as exc:
        return AcceptResult.from_error(exc)
    return AcceptResult.request(client, "POST", urls.accept_url(client, transfer_id),
                                json=body, ok_codes=(202,))


def delete(client: ServiceClient, transfer_id: str) -> DeleteResult:
    """Withdraw a transfer (`DELETE /os-volume-transfer/{id}`, 202); the volume is
    `available` again."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, transfer_id),
                                ok_codes=(202,))
