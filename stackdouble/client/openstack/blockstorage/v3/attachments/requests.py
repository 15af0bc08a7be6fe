"""Cinder attachments (microversion 3.27; `complete` 3.44): reserve a volume for a
consumer, connect it with a connector, mark it attached, detach, list and wait.

The calls need a client with a microversion: `block_storage.with_microversion("3.44")`;
below 3.27 Cinder answers `NotFound`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client._wait import DEFAULT_INTERVAL, StatusError, wait_until
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.attachments import urls
from stackdouble.client.openstack.blockstorage.v3.attachments.results import (
    Attachment,
    AttachmentPage,
    CompleteResult,
    CreateResult,
    DeleteResult,
    GetResult,
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
    "complete",
    "create",
    "delete",
    "get",
    "list",
    "list_simple",
    "update",
    "wait_for_status",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `attachments.list`."""

    def to_attachment_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters, sorting and paging for `list`; None fields are not sent.

    Example:
        >>> ListOpts(volume_id="v-1", status="attached").to_attachment_list_query()
        '?volume_id=v-1&status=attached'
    """

    volume_id: str | None = field(default=None, metadata={"q": "volume_id"})
    instance_id: str | None = field(default=None, metadata={"q": "instance_id"})
    status: str | None = field(default=None, metadata={"q": "status"})
    all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
    sort: str | None = field(default=None, metadata={"q": "sort"})
    sort_key: str | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | None = field(default=None, metadata={"q": "sort_dir"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_attachment_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset, or a bad sort.
        """
        check_paging(self.limit, self.offset, self.sort, self.sort_key, self.sort_dir)
        return build_query(self)


def list(client: ServiceClient,
         opts: ListOptsBuilder | None = None) -> Pager[AttachmentPage]:
    """List attachments with details (`GET /attachments/detail`), newest first.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import attachments
        >>> attachments.list(block_storage.with_microversion("3.27")).all_pages().items()
        []
    """
    return _pager(client, urls.list_detail_url(client), opts)


def list_simple(client: ServiceClient,
                opts: ListOptsBuilder | None = None) -> Pager[AttachmentPage]:
    """List attachments as id, status, instance and volume (`GET /attachments`)."""
    return _pager(client, urls.list_url(client), opts)


def _pager(client: ServiceClient, url: str,
           opts: ListOptsBuilder | None) -> Pager[AttachmentPage]:
    try:
        query = opts.to_attachment_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, AttachmentPage)
    return Pager(client, url + query, AttachmentPage)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `attachments.create`."""

    def to_attachment_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """An attachment of `volume_uuid`; without a `connector` it only reserves the volume.
    `mode` (`rw` or `ro`) needs microversion 3.54.

    Example:
        >>> CreateOpts(volume_uuid="v-1", instance_uuid="s-1").to_attachment_create_map()
        {'attachment': {'volume_uuid': 'v-1', 'instance_uuid': 's-1'}}
    """

    volume_uuid: str
    instance_uuid: str | None = None
    connector: Mapping[str, Any] | None = None
    mode: str | None = None

    def to_attachment_create_map(self) -> dict[str, Any]:
        """The body of `POST /attachments`.

        Raises:
            InvalidInput: No volume, or a mode other than `rw`/`ro`.
        """
        if not self.volume_uuid:
            raise InvalidInput("an attachment needs a volume_uuid", "volume_uuid")
        if self.mode is not None and self.mode not in ("rw", "ro"):
            raise InvalidInput(f"mode must be rw or ro, not {self.mode!r}", "mode")
        body: dict[str, Any] = {"volume_uuid": self.volume_uuid}
        if self.instance_uuid is not None:
            body["instance_uuid"] = self.instance_uuid
        if self.connector is not None:
            body["connector"] = dict(self.connector)
        if self.mode is not None:
            body["mode"] = self.mode
        return {"attachment": body}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create an attachment (`POST /attachments`, 200): `reserved` (the volume too), or
    `attaching` with a connector.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import attachments
        >>> client = block_storage.with_microversion("3.44")
        >>> made = attachments.create(client, attachments.CreateOpts(volume_uuid=volume_id))
        >>> made.extract().status, volumes.get(client, volume_id).extract().status
        ('reserved', 'reserved')
    """
    try:
        body = opts.to_attachment_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(200,))


def get(client: ServiceClient, attachment_id: str) -> GetResult:
    """Get one attachment (`GET /attachments/{attachment_id}`)."""
    return GetResult.request(client, "GET", urls.get_url(client, attachment_id),
                             ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `attachments.update`."""

    def to_attachment_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """The connector of the host the volume attaches to (os-brick's connector
    properties: `host`, `ip`, `initiator`, `mountpoint`, `mode`...).

    Example:
        >>> UpdateOpts(connector={"host": "compute-1"}).to_attachment_update_map()
        {'attachment': {'connector': {'host': 'compute-1'}}}
    """

    connector: Mapping[str, Any]

    def to_attachment_update_map(self) -> dict[str, Any]:
        """The body of `PUT /attachments/{attachment_id}`.

        Raises:
            InvalidInput: An empty connector.
        """
        if not self.connector:
            raise InvalidInput("an attachment update needs a connector", "connector")
        return {"attachment": {"connector": dict(self.connector)}}


def update(client: ServiceClient, attachment_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Connect a reserved attachment (`PUT /attachments/{id}`, 200): it goes `attaching`;
    the answer has the driver's `connection_info` but, as Cinder renders it, the status and
    mode from before. A volume in error is a `Conflict`."""
    try:
        body = opts.to_attachment_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, attachment_id),
                                json=body, ok_codes=(200,))


def complete(client: ServiceClient, attachment_id: str) -> CompleteResult:
    """Mark an attachment attached (`os-complete`, 204; microversion 3.44): the volume
    goes `in-use`."""
    return CompleteResult.request(client, "POST", urls.complete_url(client, attachment_id),
                                  json={"os-complete": {}}, ok_codes=(204,))


def delete(client: ServiceClient, attachment_id: str) -> DeleteResult:
    """Delete an attachment (`DELETE /attachments/{id}`, 200); `extract()` gives the
    volume's remaining attachments. One Nova made is a `Conflict`: detach through Nova."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, attachment_id),
                                ok_codes=(200,))


def wait_for_status(
    client: ServiceClient,
    attachment_id: str,
    status: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Attachment:
    """Poll an attachment until its status is `status`.

    Raises:
        WaitTimeout: `timeout` passed.
        StatusError: It went to `error_attaching` or `error_detaching`.
        NotFound: It disappeared.
    """

    def check() -> tuple[bool, str | None, Attachment]:
        attachment = get(client, attachment_id).extract()
        if attachment.status == status:
            return True, attachment.status, attachment
        if attachment.status.startswith("error"):
            raise StatusError(f"attachment {attachment_id}", attachment.status)
        return False, attachment.status, attachment

    return wait_until(check, timeout=timeout, interval=interval, sleep=sleep, clock=clock,
                      what=f"attachment {attachment_id}", target=status)
