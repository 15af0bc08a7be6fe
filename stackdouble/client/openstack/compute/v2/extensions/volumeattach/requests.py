"""Nova volume attachments: attach (create), list, get, update, detach (delete)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.compute.v2.extensions.volumeattach import urls
from stackdouble.client.openstack.compute.v2.extensions.volumeattach.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    UpdateResult,
    VolumeAttachmentPage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "attach",
    "create",
    "delete",
    "detach",
    "get",
    "list",
    "update",
]


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `volumeattach.create`."""

    def to_volume_attachment_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """Which volume to attach, and how; None fields are not sent.

    Attributes:
        volume_id: The Cinder volume (required).
        device: A device name to ask for (`/dev/vdc`); Nova picks the next free one
            otherwise.
        tag: A device tag (2.49 and later).
        delete_on_termination: Delete the volume with the server (2.79 and later).

    Example:
        >>> CreateOpts(volume_id="v-1", device="/dev/vdc").to_volume_attachment_create_map()
        {'volumeAttachment': {'volumeId': 'v-1', 'device': '/dev/vdc'}}
    """

    volume_id: str
    device: str | None = None
    tag: str | None = None
    delete_on_termination: bool | None = None

    def to_volume_attachment_create_map(self) -> dict[str, Any]:
        """The body of `POST /servers/{id}/os-volume_attachments`.

        Raises:
            InvalidInput: No volume_id.
        """
        if not self.volume_id:
            raise InvalidInput("an attachment needs a volume_id", "volume_id")
        attachment: dict[str, Any] = {"volumeId": self.volume_id}
        for key, value in (("device", self.device), ("tag", self.tag),
                           ("delete_on_termination", self.delete_on_termination)):
            if value is not None:
                attachment[key] = value
        return {"volumeAttachment": attachment}


def create(client: ServiceClient, server_id: str, opts: CreateOptsBuilder) -> CreateResult:
    """Attach a volume to a server (`POST /servers/{id}/os-volume_attachments`, 200).

    Nova answers with the device at once; the volume goes `attaching`, then `in-use`.
    Nova refuses a locked server or one in the wrong state (409), a volume already
    attached (400) and a volume Cinder will not reserve (400, e.g. not `available`).

    Example:
        >>> attached = volumeattach.create(compute, server_id,
        ...                                volumeattach.CreateOpts(volume_id=volume_id))
        >>> attached.extract().device
        '/dev/vdb'
    """
    try:
        body = opts.to_volume_attachment_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client, server_id), json=body,
                                ok_codes=(200, 202))


#: The name users look for: `attach` is `create`.
attach = create


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `volumeattach.list`."""

    def to_volume_attachment_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Nova's `limit` and `offset` for `list`."""

    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})

    def to_volume_attachment_list_query(self) -> str:
        """The query string, with a leading `?` when not empty."""
        for name, value in (("limit", self.limit), ("offset", self.offset)):
            if value is not None and value < 0:
                raise InvalidInput(f"{name} must be >= 0, not {value}", name)
        return build_query(self)


def list(client: ServiceClient, server_id: str,
         opts: ListOptsBuilder | None = None) -> Pager[VolumeAttachmentPage]:
    """A server's volume attachments (`GET /servers/{id}/os-volume_attachments`), one page.

    Example:
        >>> [a.volume_id for a in volumeattach.list(compute, server_id).items()]
        []
    """
    try:
        query = opts.to_volume_attachment_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, VolumeAttachmentPage)
    return Pager(client, urls.list_url(client, server_id) + query, VolumeAttachmentPage)


def get(client: ServiceClient, server_id: str, volume_id: str) -> GetResult:
    """One attachment (`GET /servers/{id}/os-volume_attachments/{volume_id}`); NotFound
    when the volume is not attached to the server."""
    return GetResult.request(client, "GET", urls.get_url(client, server_id, volume_id),
                             ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `volumeattach.update`."""

    def to_volume_attachment_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """What to change on an attachment: `delete_on_termination` (2.85 and later).

    Example:
        >>> UpdateOpts(volume_id="v-1", delete_on_termination=True
        ...            ).to_volume_attachment_update_map()
        {'volumeAttachment': {'volumeId': 'v-1', 'delete_on_termination': True}}
    """

    volume_id: str
    delete_on_termination: bool | None = None

    def to_volume_attachment_update_map(self) -> dict[str, Any]:
        """The body of `PUT /servers/{id}/os-volume_attachments/{volume_id}`."""
        attachment: dict[str, Any] = {"volumeId": self.volume_id}
        if self.delete_on_termination is not None:
            attachment["delete_on_termination"] = self.delete_on_termination
        return {"volumeAttachment": attachment}


def update(client: ServiceClient, server_id: str, volume_id: str,
           opts: UpdateOptsBuilder) -> UpdateResult:
    """Change an attachment (`PUT .../os-volume_attachments/{volume_id}`, 202)."""
    try:
        body = opts.to_volume_attachment_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, server_id, volume_id),
                                json=body, ok_codes=(202,))


def delete(client: ServiceClient, server_id: str, volume_id: str) -> DeleteResult:
    """Detach a volume from a server (`DELETE .../os-volume_attachments/{volume_id}`, 202).

    The volume goes `detaching`, then `available`; the server lists it until then.
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, server_id, volume_id),
                                ok_codes=(202,))


#: The name users look for: `detach` is `delete`.
detach = delete
