"""Nova servers: list, create, get, update, delete, metadata, addresses, actions and waiting."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, NotFound, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client._wait import DEFAULT_INTERVAL, StatusError, wait_until
from stackdouble.client.openstack.compute.v2.servers import urls
from stackdouble.client.openstack.compute.v2.servers.results import (
    ActionResult,
    AddressPage,
    CreateImageResult,
    CreateMetadatumResult,
    CreateResult,
    DeleteMetadatumResult,
    DeleteResult,
    GetMetadataResult,
    GetMetadatumResult,
    GetResult,
    NetworkAddressPage,
    RebuildResult,
    ResetMetadataResult,
    Server,
    ServerPage,
    ShowConsoleOutputResult,
    UpdateMetadataResult,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "ACTION_OK_CODES",
    "BlockDevice",
    "CreateImageOpts",
    "CreateImageOptsBuilder",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "Network",
    "RebootMethod",
    "RebootOpts",
    "RebootOptsBuilder",
    "RebuildOpts",
    "RebuildOptsBuilder",
    "ResizeOpts",
    "ResizeOptsBuilder",
    "ShowConsoleOutputOpts",
    "ShowConsoleOutputOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "add_fixed_ip",
    "change_admin_password",
    "confirm_resize",
    "create",
    "create_image",
    "create_metadatum",
    "delete",
    "delete_metadatum",
    "force_delete",
    "get",
    "list",
    "list_addresses",
    "list_addresses_by_network",
    "list_simple",
    "lock",
    "metadata",
    "metadatum",
    "pause",
    "reboot",
    "rebuild",
    "remove_fixed_ip",
    "reset_metadata",
    "resize",
    "restore",
    "resume",
    "revert_resize",
    "show_console_output",
    "suspend",
    "unlock",
    "unpause",
    "update",
    "update_metadata",
    "wait_for_delete",
    "wait_for_status",
]

#: Statuses a server action accepts: 202 for most, 204 for confirmResize, 200 for rescue.
ACTION_OK_CODES = (200, 202, 204)

_SORT_DIRS = frozenset({"asc", "desc"})


# --- listing -------------------------------------------------------------------------------


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `servers.list` (extensions add filters this way)."""

    def to_server_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Filters, sorting and paging for `list` and `list_simple`; None fields are not sent.

    Nova silently ignores filters a non-admin may not use (`host`, for one), and treats
    `name` and `ip` as regular expressions. `tags` and `not_tags` match all the given tags,
    `tags_any` and `not_tags_any` any of them (2.26 and later).

    Example:
        >>> ListOpts(status="ACTIVE", changes_since="2026-01-01T00:00:00Z", limit=2,
        ...          tags=["web", "prod"]).to_server_list_query()
        '?status=ACTIVE&changes-since=2026-01-01T00%3A00%3A00Z&tags=web%2Cprod&limit=2'
    """

    name: str | None = field(default=None, metadata={"q": "name"})
    status: str | None = field(default=None, metadata={"q": "status"})
    image: str | None = field(default=None, metadata={"q": "image"})
    flavor: str | None = field(default=None, metadata={"q": "flavor"})
    changes_since: str | datetime | None = field(default=None, metadata={"q": "changes-since"})
    changes_before: str | datetime | None = field(
        default=None, metadata={"q": "changes-before"}
    )
    all_tenants: bool | None = field(default=None, metadata={"q": "all_tenants"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    user_id: str | None = field(default=None, metadata={"q": "user_id"})
    host: str | None = field(default=None, metadata={"q": "host"})
    ip: str | None = field(default=None, metadata={"q": "ip"})
    ip6: str | None = field(default=None, metadata={"q": "ip6"})
    reservation_id: str | None = field(default=None, metadata={"q": "reservation_id"})
    tags: str | Sequence[str] | None = field(default=None, metadata={"q": "tags"})
    tags_any: str | Sequence[str] | None = field(default=None, metadata={"q": "tags-any"})
    not_tags: str | Sequence[str] | None = field(default=None, metadata={"q": "not-tags"})
    not_tags_any: str | Sequence[str] | None = field(
        default=None, metadata={"q": "not-tags-any"}
    )
    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    sort_key: str | Sequence[str] | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | Sequence[str] | None = field(default=None, metadata={"q": "sort_dir"})

    def to_server_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, or a sort direction other than asc/desc.
        """
        if self.limit is not None and self.limit < 0:
            raise InvalidInput(f"limit must be >= 0, not {self.limit}", "limit")
        dirs = (self.sort_dir,) if isinstance(self.sort_dir, str) else self.sort_dir or ()
        for direction in dirs:
            if direction not in _SORT_DIRS:
                raise InvalidInput(f"sort_dir must be asc or desc, not {direction!r}", "sort_dir")
        return build_query(
            replace(
                self,
                changes_since=_iso(self.changes_since),
                changes_before=_iso(self.changes_before),
                tags=_csv(self.tags),
                tags_any=_csv(self.tags_any),
                not_tags=_csv(self.not_tags),
                not_tags_any=_csv(self.not_tags_any),
            )
        )


def _iso(value: str | datetime | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


def _csv(value: str | Sequence[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return ",".join(value)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[ServerPage]:
    """List servers with details (`GET /servers/detail`), one request per page.

    Args:
        client: A Compute v2 client from `openstack.new_compute_v2`.
        opts: Filters and paging; None lists every server the token can see.

    Returns:
        A Pager; nothing is sent until it is iterated. Nova links the next page in
        `servers_links` whenever a page is full, so the walk ends on a short or empty page.
        A bad option surfaces as the first page's error.

    Example:
        >>> names = [s.name for s in servers.list(compute).items()]
    """
    return _pager(client, urls.list_detail_url(client), opts)


def list_simple(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[ServerPage]:
    """List servers' ids, names and links only (`GET /servers`), one request per page.

    Takes the same options as `list`; the Servers it yields hold `id`, `name` and `links`.
    """
    return _pager(client, urls.list_url(client), opts)


def _pager(client: ServiceClient, url: str, opts: ListOptsBuilder | None) -> Pager[ServerPage]:
    try:
        query = opts.to_server_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, ServerPage)
    return Pager(client, url + query, ServerPage)


# --- create --------------------------------------------------------------------------------


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `servers.create`.

    Extensions decorate a builder and add their keys (`diskconfig.CreateOptsExt`).
    """

    def to_server_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Network:
    """One network attachment of a new server: a network `uuid`, or a `port`, or both.

    Attributes:
        uuid: The Neutron network to attach to.
        port: An existing Neutron port to attach.
        fixed_ip: The IP address to ask for on that network.
        tag: A device tag (2.32 and later).
    """

    uuid: str | None = None
    port: str | None = None
    fixed_ip: str | None = None
    tag: str | None = None

    def to_map(self) -> dict[str, str]:
        """Nova's `{"uuid", "port", "fixed_ip", "tag"}`, None fields left out.

        Raises:
            InvalidInput: Neither `uuid` nor `port` is set.
        """
        if not self.uuid and not self.port:
            raise InvalidInput("a network needs a uuid or a port", "networks")
        pairs = (("uuid", self.uuid), ("port", self.port), ("fixed_ip", self.fixed_ip),
                 ("tag", self.tag))
        return {key: value for key, value in pairs if value is not None}


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockDevice:
    """One entry of `block_device_mapping_v2`; boot from a volume with `boot_index=0`.

    Example:
        >>> BlockDevice(source_type="volume", destination_type="volume", uuid="vol-1",
        ...             boot_index=0).to_map()
        {'source_type': 'volume', 'destination_type': 'volume', 'uuid': 'vol-1', 'boot_index': 0}
    """

    source_type: str
    destination_type: str | None = None
    uuid: str | None = None
    boot_index: int | None = None
    volume_size: int | None = None
    delete_on_termination: bool | None = None
    device_name: str | None = None
    device_type: str | None = None
    disk_bus: str | None = None
    guest_format: str | None = None
    no_device: bool | None = None
    tag: str | None = None
    volume_type: str | None = None

    def to_map(self) -> dict[str, Any]:
        """Nova's mapping, None fields left out."""
        values = ((f.name, getattr(self, f.name)) for f in fields(self))
        return {name: value for name, value in values if value is not None}


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """What a new server is made of; None fields are not sent.

    Attributes:
        name: The server's name (required).
        flavor_ref: The flavor's id or URL (required).
        image_ref: The image's id or URL; leave it out to boot from a volume in
            `block_device_mapping_v2`.
        networks: `"auto"`, `"none"`, or a list of `Network` (required by Nova from 2.37).
        user_data: Cloud-init data as bytes or text; base64-encoded for you.
        security_groups: Security group names.
        admin_pass: The root password; never shown in the repr.
        scheduler_hints: Sent beside the server as `os:scheduler_hints`.

    Example:
        >>> opts = CreateOpts(name="web", image_ref="img-1", flavor_ref="1",
        ...                   networks="auto", user_data=b"#!/bin/sh", admin_pass="s3cret")
        >>> opts.to_server_create_map()["server"]["user_data"]
        'IyEvYmluL3No'
        >>> "s3cret" in repr(opts)
        False
    """

    name: str
    flavor_ref: str
    image_ref: str | None = None
    metadata: Mapping[str, str] | None = None
    networks: str | Sequence[Network] | None = None
    key_name: str | None = None
    user_data: bytes | str | None = None
    availability_zone: str | None = None
    security_groups: Sequence[str] | None = None
    block_device_mapping_v2: Sequence[BlockDevice] | None = None
    admin_pass: str | None = field(default=None, repr=False)
    config_drive: bool | None = None
    min_count: int | None = None
    max_count: int | None = None
    access_ipv4: str | None = None
    access_ipv6: str | None = None
    description: str | None = None
    tags: Sequence[str] | None = None
    scheduler_hints: Mapping[str, Any] | None = None

    def to_server_create_map(self) -> dict[str, Any]:
        """The body of `POST /servers`: `{"server": {...}}`.

        Raises:
            InvalidInput: A required field is empty, no image and no block device to boot
                from, an unknown `networks` word, or `min_count` above `max_count`.
        """
        if not self.name:
            raise InvalidInput("a server needs a name", "name")
        if not self.flavor_ref:
            raise InvalidInput("a server needs a flavor_ref", "flavor_ref")
        if not self.image_ref and not self.block_device_mapping_v2:
            raise InvalidInput(
                "a server needs an image_ref, or a block_device_mapping_v2 to boot from",
                "image_ref",
            )
        if (
            self.min_count is not None
            and self.max_count is not None
            and self.min_count > self.max_count
        ):
            raise InvalidInput("min_count must not exceed max_count", "min_count")
        server: dict[str, Any] = {"name": self.name, "flavorRef": self.flavor_ref}
        if self.image_ref:
            server["imageRef"] = self.image_ref
        if self.networks is not None:
            server["networks"] = _networks(self.networks)
        if self.user_data is not None:
            server["user_data"] = _base64(self.user_data)
        if self.security_groups is not None:
            server["security_groups"] = [{"name": name} for name in self.security_groups]
        if self.block_device_mapping_v2 is not None:
            server["block_device_mapping_v2"] = [
                device.to_map() for device in self.block_device_mapping_v2
            ]
        if self.metadata is not None:
            server["metadata"] = dict(self.metadata)
        if self.tags is not None:
            server["tags"] = [*self.tags]
        for key, value in (
            ("key_name", self.key_name),
            ("availability_zone", self.availability_zone),
            ("adminPass", self.admin_pass),
            ("config_drive", self.config_drive),
            ("min_count", self.min_count),
            ("max_count", self.max_count),
            ("accessIPv4", self.access_ipv4),
            ("accessIPv6", self.access_ipv6),
            ("description", self.description),
        ):
            if value is not None:
                server[key] = value
        body: dict[str, Any] = {"server": server}
        if self.scheduler_hints is not None:
            body["os:scheduler_hints"] = dict(self.scheduler_hints)
        return body


def _networks(networks: str | Sequence[Network]) -> str | Sequence[dict[str, str]]:
    if isinstance(networks, str):
        if networks not in ("auto", "none"):
            raise InvalidInput(
                f"networks must be 'auto', 'none' or a list of Network, not {networks!r}",
                "networks",
            )
        return networks
    return [network.to_map() for network in networks]


def _base64(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return base64.b64encode(raw).decode("ascii")


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Ask Nova to build a server (`POST /servers`, 202).

    The server starts in BUILD; `wait_for_status(client, id, "ACTIVE", timeout=...)` waits
    for it. Options that cannot be sent become the Result's error.

    Args:
        client: A Compute v2 client.
        opts: A `CreateOpts`, or an extension decorating one.

    Returns:
        A CreateResult; `extract()` gives a Server with `id`, `links` and `admin_pass`.
    """
    try:
        body = opts.to_server_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(202,))


# --- get, update, delete -------------------------------------------------------------------


def get(client: ServiceClient, server_id: str) -> GetResult:
    """Get one server (`GET /servers/{server_id}`); `extract()` gives a Server.

    Example:
        >>> server = servers.get(compute, server_id).extract()
    """
    return GetResult.request(client, "GET", urls.get_url(client, server_id), ok_codes=(200, 203))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `servers.update`."""

    def to_server_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """The editable attributes of a server; None fields are left unchanged.

    Example:
        >>> UpdateOpts(name="web-2", access_ipv4="203.0.113.7").to_server_update_map()
        {'server': {'name': 'web-2', 'accessIPv4': '203.0.113.7'}}
    """

    name: str | None = None
    access_ipv4: str | None = None
    access_ipv6: str | None = None
    description: str | None = None

    def to_server_update_map(self) -> dict[str, Any]:
        """The body of `PUT /servers/{server_id}`."""
        pairs = (("name", self.name), ("accessIPv4", self.access_ipv4),
                 ("accessIPv6", self.access_ipv6), ("description", self.description))
        return {"server": {key: value for key, value in pairs if value is not None}}


def update(client: ServiceClient, server_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a server's name, access addresses or description (`PUT /servers/{id}`, 200)."""
    try:
        body = opts.to_server_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, server_id), json=body,
                                ok_codes=(200,))


def delete(client: ServiceClient, server_id: str) -> DeleteResult:
    """Delete a server (`DELETE /servers/{server_id}`, 204); it goes away asynchronously.

    `wait_for_delete` waits until Nova no longer finds it. A locked server answers 409.
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, server_id))


def force_delete(client: ServiceClient, server_id: str) -> ActionResult:
    """Delete a server now, a soft-deleted one included (`forceDelete` action, 202).

    A locked server answers 409 (`Conflict`) to its owner.
    """
    return _action(client, server_id, {"forceDelete": None})


def restore(client: ServiceClient, server_id: str) -> ActionResult:
    """Bring a soft-deleted server back (`restore` action, 202); it is ACTIVE once its host
    has restored it.

    Only a cloud with `reclaim_instance_interval` set soft-deletes: elsewhere, and for a
    server that is not SOFT_DELETED, the answer is 409 (`Conflict`); 403 (`Forbidden`)
    when the quota has no room for it any more. Errors surface at `extract_err()`.
    """
    return _action(client, server_id, {"restore": None})


# --- metadata ------------------------------------------------------------------------------


def metadata(client: ServiceClient, server_id: str) -> GetMetadataResult:
    """Every metadata item of a server (`GET /servers/{id}/metadata`)."""
    return GetMetadataResult.request(client, "GET", urls.metadata_url(client, server_id))


def reset_metadata(
    client: ServiceClient, server_id: str, metadata: Mapping[str, str]
) -> ResetMetadataResult:
    """Replace all of a server's metadata with `metadata` (`PUT /servers/{id}/metadata`)."""
    return ResetMetadataResult.request(
        client, "PUT", urls.metadata_url(client, server_id),
        json={"metadata": dict(metadata)}, ok_codes=(200,),
    )


def update_metadata(
    client: ServiceClient, server_id: str, metadata: Mapping[str, str]
) -> UpdateMetadataResult:
    """Add or change the items in `metadata`, keeping the others (`POST .../metadata`)."""
    return UpdateMetadataResult.request(
        client, "POST", urls.metadata_url(client, server_id),
        json={"metadata": dict(metadata)}, ok_codes=(200,),
    )


def metadatum(client: ServiceClient, server_id: str, key: str) -> GetMetadatumResult:
    """One metadata item (`GET /servers/{id}/metadata/{key}`); `extract()` gives
    `{key: value}`."""
    return GetMetadatumResult.request(client, "GET", urls.metadatum_url(client, server_id, key))


def create_metadatum(
    client: ServiceClient, server_id: str, key: str, value: str
) -> CreateMetadatumResult:
    """Set one metadata item (`PUT /servers/{id}/metadata/{key}`)."""
    return CreateMetadatumResult.request(
        client, "PUT", urls.metadatum_url(client, server_id, key),
        json={"meta": {key: value}}, ok_codes=(200,),
    )


def delete_metadatum(client: ServiceClient, server_id: str, key: str) -> DeleteMetadatumResult:
    """Remove one metadata item (`DELETE /servers/{id}/metadata/{key}`, 204)."""
    return DeleteMetadatumResult.request(
        client, "DELETE", urls.metadatum_url(client, server_id, key)
    )


# --- addresses -----------------------------------------------------------------------------


def list_addresses(client: ServiceClient, server_id: str) -> Pager[AddressPage]:
    """A server's addresses by network (`GET /servers/{id}/ips`), as one page.

    Extract them with `extract_addresses(pager.all_pages())`.
    """
    return Pager(client, urls.list_addresses_url(client, server_id), AddressPage)


def list_addresses_by_network(
    client: ServiceClient, server_id: str, network: str
) -> Pager[NetworkAddressPage]:
    """A server's addresses on one network (`GET /servers/{id}/ips/{network}`), as one page."""
    return Pager(
        client, urls.list_addresses_by_network_url(client, server_id, network), NetworkAddressPage
    )


# --- actions -------------------------------------------------------------------------------


def _action(client: ServiceClient, server_id: str, body: Mapping[str, Any]) -> ActionResult:
    return ActionResult.request(
        client, "POST", urls.action_url(client, server_id), json=body, ok_codes=ACTION_OK_CODES
    )


class RebootMethod(str, Enum):
    """How to reboot: SOFT asks the guest OS, HARD cuts the power."""

    SOFT = "SOFT"
    HARD = "HARD"


class RebootOptsBuilder(Protocol):
    """Anything that renders the body of `servers.reboot`."""

    def to_server_reboot_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class RebootOpts:
    """How `reboot` reboots.

    Example:
        >>> RebootOpts(type=RebootMethod.HARD).to_server_reboot_map()
        {'reboot': {'type': 'HARD'}}
    """

    type: RebootMethod | str = RebootMethod.SOFT

    def to_server_reboot_map(self) -> dict[str, Any]:
        """`{"reboot": {"type": "SOFT" | "HARD"}}`.

        Raises:
            InvalidInput: A type other than SOFT or HARD.
        """
        kind = self.type.value if isinstance(self.type, RebootMethod) else str(self.type).upper()
        if kind not in ("SOFT", "HARD"):
            raise InvalidInput(f"reboot type must be SOFT or HARD, not {self.type!r}", "type")
        return {"reboot": {"type": kind}}


def reboot(
    client: ServiceClient, server_id: str, opts: RebootOptsBuilder | None = None
) -> ActionResult:
    """Reboot a server (`reboot` action, 202); a soft reboot unless `opts` says HARD."""
    try:
        body = (opts or RebootOpts()).to_server_reboot_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, server_id, body)


class RebuildOptsBuilder(Protocol):
    """Anything that renders the body of `servers.rebuild`."""

    def to_server_rebuild_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class RebuildOpts:
    """A rebuild from an image; None fields keep the server's current values.

    Attributes:
        image_ref: The image to rebuild from (required).
        admin_pass: The new root password; never shown in the repr.
        key_name: A keypair to inject (2.54 and later).
        user_data: New cloud-init data (2.57 and later); base64-encoded for you.
    """

    image_ref: str
    name: str | None = None
    admin_pass: str | None = field(default=None, repr=False)
    access_ipv4: str | None = None
    access_ipv6: str | None = None
    metadata: Mapping[str, str] | None = None
    description: str | None = None
    preserve_ephemeral: bool | None = None
    key_name: str | None = None
    user_data: bytes | str | None = None

    def to_server_rebuild_map(self) -> dict[str, Any]:
        """`{"rebuild": {"imageRef": ..., ...}}`.

        Raises:
            InvalidInput: `image_ref` is empty.
        """
        if not self.image_ref:
            raise InvalidInput("a rebuild needs an image_ref", "image_ref")
        rebuild: dict[str, Any] = {"imageRef": self.image_ref}
        for key, value in (
            ("name", self.name),
            ("adminPass", self.admin_pass),
            ("accessIPv4", self.access_ipv4),
            ("accessIPv6", self.access_ipv6),
            ("description", self.description),
            ("preserve_ephemeral", self.preserve_ephemeral),
            ("key_name", self.key_name),
        ):
            if value is not None:
                rebuild[key] = value
        if self.metadata is not None:
            rebuild["metadata"] = dict(self.metadata)
        if self.user_data is not None:
            rebuild["user_data"] = _base64(self.user_data)
        return {"rebuild": rebuild}


def rebuild(client: ServiceClient, server_id: str, opts: RebuildOptsBuilder) -> RebuildResult:
    """Rebuild a server from an image (`rebuild` action, 202); `extract()` gives the Server,
    with `admin_pass`."""
    try:
        body = opts.to_server_rebuild_map()
    except StackdoubleError as exc:
        return RebuildResult.from_error(exc)
    return RebuildResult.request(
        client, "POST", urls.action_url(client, server_id), json=body, ok_codes=ACTION_OK_CODES
    )


class ResizeOptsBuilder(Protocol):
    """Anything that renders the body of `servers.resize`."""

    def to_server_resize_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ResizeOpts:
    """The flavor to resize to.

    Example:
        >>> ResizeOpts(flavor_ref="2").to_server_resize_map()
        {'resize': {'flavorRef': '2'}}
    """

    flavor_ref: str

    def to_server_resize_map(self) -> dict[str, Any]:
        """`{"resize": {"flavorRef": ...}}`.

        Raises:
            InvalidInput: `flavor_ref` is empty.
        """
        if not self.flavor_ref:
            raise InvalidInput("a resize needs a flavor_ref", "flavor_ref")
        return {"resize": {"flavorRef": self.flavor_ref}}


def resize(client: ServiceClient, server_id: str, opts: ResizeOptsBuilder) -> ActionResult:
    """Resize a server to another flavor (`resize` action, 202).

    The server goes to VERIFY_RESIZE; then `confirm_resize` or `revert_resize`.
    """
    try:
        body = opts.to_server_resize_map()
    except StackdoubleError as exc:
        return ActionResult.from_error(exc)
    return _action(client, server_id, body)


def confirm_resize(client: ServiceClient, server_id: str) -> ActionResult:
    """Confirm a resize in VERIFY_RESIZE (`confirmResize` action, 204)."""
    return _action(client, server_id, {"confirmResize": None})


def revert_resize(client: ServiceClient, server_id: str) -> ActionResult:
    """Go back to the old flavor from VERIFY_RESIZE (`revertResize` action, 202)."""
    return _action(client, server_id, {"revertResize": None})


def add_fixed_ip(client: ServiceClient, server_id: str, network_id: str) -> ActionResult:
    """Add an address of `network_id` to the server's port on that network (`addFixedIp`
    action, 202; Nova's multinic API, until microversion 2.43: 404 `NotFound` from 2.44).

    Nova only hands the work to the compute host: a network the server has no port on
    still answers 202, and the host's failure is recorded as the server's fault.
    """
    return _action(client, server_id, {"addFixedIp": {"networkId": network_id}})


def remove_fixed_ip(client: ServiceClient, server_id: str, address: str) -> ActionResult:
    """Remove `address` from the server's port holding it (`removeFixedIp` action, 202;
    until microversion 2.43, 404 `NotFound` from 2.44). An address the server lacks still
    answers 202 (the compute host records the fault)."""
    return _action(client, server_id, {"removeFixedIp": {"address": address}})


def change_admin_password(client: ServiceClient, server_id: str, new_password: str) -> ActionResult:
    """Set the server's root password (`changePassword` action, 202)."""
    return _action(client, server_id, {"changePassword": {"adminPass": new_password}})


class CreateImageOptsBuilder(Protocol):
    """Anything that renders the body of `servers.create_image`."""

    def to_server_create_image_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateImageOpts:
    """The snapshot image to make from a server.

    Example:
        >>> CreateImageOpts(name="snap", metadata={"k": "v"}).to_server_create_image_map()
        {'createImage': {'name': 'snap', 'metadata': {'k': 'v'}}}
    """

    name: str
    metadata: Mapping[str, str] | None = None

    def to_server_create_image_map(self) -> dict[str, Any]:
        """`{"createImage": {"name": ..., "metadata": ...}}`.

        Raises:
            InvalidInput: `name` is empty.
        """
        if not self.name:
            raise InvalidInput("an image needs a name", "name")
        image: dict[str, Any] = {"name": self.name}
        if self.metadata is not None:
            image["metadata"] = dict(self.metadata)
        return {"createImage": image}


def create_image(
    client: ServiceClient, server_id: str, opts: CreateImageOptsBuilder
) -> CreateImageResult:
    """Snapshot a server into an image (`createImage` action, 202).

    Returns:
        A CreateImageResult; `extract_image_id()` reads the id from the body (2.45 and
        later) or the Location header (before).
    """
    try:
        body = opts.to_server_create_image_map()
    except StackdoubleError as exc:
        return CreateImageResult.from_error(exc)
    return CreateImageResult.request(
        client, "POST", urls.action_url(client, server_id), json=body, ok_codes=ACTION_OK_CODES
    )


def lock(client: ServiceClient, server_id: str, *, reason: str | None = None) -> ActionResult:
    """Lock a server against changes by non-admins (`lock` action, 202).

    Args:
        client: A Compute v2 client.
        server_id: The server.
        reason: Why, shown as `locked_reason` (2.73 and later).
    """
    body: dict[str, Any] = {"lock": None if reason is None else {"locked_reason": reason}}
    return _action(client, server_id, body)


def unlock(client: ServiceClient, server_id: str) -> ActionResult:
    """Unlock a server (`unlock` action, 202)."""
    return _action(client, server_id, {"unlock": None})


def pause(client: ServiceClient, server_id: str) -> ActionResult:
    """Pause a server in memory (`pause` action, 202); it goes to PAUSED."""
    return _action(client, server_id, {"pause": None})


def unpause(client: ServiceClient, server_id: str) -> ActionResult:
    """Unpause a paused server (`unpause` action, 202)."""
    return _action(client, server_id, {"unpause": None})


def suspend(client: ServiceClient, server_id: str) -> ActionResult:
    """Suspend a server to disk (`suspend` action, 202); it goes to SUSPENDED."""
    return _action(client, server_id, {"suspend": None})


def resume(client: ServiceClient, server_id: str) -> ActionResult:
    """Resume a suspended server (`resume` action, 202)."""
    return _action(client, server_id, {"resume": None})


# --- waiting -------------------------------------------------------------------------------


def wait_for_status(
    client: ServiceClient,
    server_id: str,
    status: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Server:
    """Poll a server with `get` until its status is `status`.

    Args:
        client: A Compute v2 client.
        server_id: The server.
        status: The status awaited, e.g. `"ACTIVE"`, `"SHUTOFF"`, `"VERIFY_RESIZE"`.
        timeout: Seconds to wait in all.
        interval: Seconds between polls.
        sleep: How to wait between polls; pass a fake clock's advance in tests.
        clock: Monotonic seconds; pass the fake clock's time in tests.

    Returns:
        The Server as last fetched, in `status`.

    Raises:
        WaitTimeout: `timeout` passed; `last_status` is the status last seen.
        StatusError: The server went to ERROR (unless ERROR is awaited), with Nova's fault
            message; raised at once.
        NotFound: The server disappeared.

    Example:
        >>> server = servers.wait_for_status(compute, server_id, "ACTIVE",
        ...                                  timeout=300)
    """

    def check() -> tuple[bool, str | None, Server]:
        server = get(client, server_id).extract()
        if server.status == status:
            return True, server.status, server
        if server.status == "ERROR":
            fault = server.fault.message if server.fault is not None else None
            raise StatusError(f"server {server_id}", server.status, fault)
        return False, server.status, server

    return wait_until(check, timeout=timeout, interval=interval, sleep=sleep, clock=clock,
                      what=f"server {server_id}", target=status)


def wait_for_delete(
    client: ServiceClient,
    server_id: str,
    *,
    timeout: float,
    interval: float = DEFAULT_INTERVAL,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Poll a server until Nova answers 404 for it (or shows it DELETED).

    Takes the same arguments as `wait_for_status`.

    Raises:
        WaitTimeout: `timeout` passed while the server still existed.
        StatusError: The server went to ERROR while being deleted.
    """

    def check() -> tuple[bool, str | None, None]:
        result = get(client, server_id)
        if isinstance(result.err, NotFound):
            return True, "DELETED", None
        server = result.extract()
        if server.status == "ERROR":
            fault = server.fault.message if server.fault is not None else None
            raise StatusError(f"server {server_id}", server.status, fault)
        return server.status in ("DELETED", "SOFT_DELETED"), server.status, None

    wait_until(check, timeout=timeout, interval=interval, sleep=sleep, clock=clock,
               what=f"server {server_id}", target="deletion")


class ShowConsoleOutputOptsBuilder(Protocol):
    """Anything that renders the body of `servers.show_console_output`."""

    def to_server_show_console_output_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowConsoleOutputOpts:
    """How much of the console log to fetch: its last `length` lines (None: all of it).

    Example:
        >>> ShowConsoleOutputOpts(length=50).to_server_show_console_output_map()
        {'os-getConsoleOutput': {'length': 50}}
    """

    length: int | None = None

    def to_server_show_console_output_map(self) -> dict[str, Any]:
        """`{"os-getConsoleOutput": {...}}`.

        Raises:
            InvalidInput: A negative length (Nova's -1 drops the first line rather than
                meaning "all": leave `length` out for that).
        """
        if self.length is not None and self.length < 0:
            raise InvalidInput(f"length must be >= 0, not {self.length}", "length")
        inner = {} if self.length is None else {"length": self.length}
        return {"os-getConsoleOutput": inner}


def show_console_output(client: ServiceClient, server_id: str,
                        opts: ShowConsoleOutputOptsBuilder | None = None
                        ) -> ShowConsoleOutputResult:
    """The guest's console log (`os-getConsoleOutput`, 200); `extract()` gives the text.

    A server without a host (still building, shelved offloaded) is a 409 Conflict.
    """
    try:
        body = (opts or ShowConsoleOutputOpts()).to_server_show_console_output_map()
    except StackdoubleError as exc:
        return ShowConsoleOutputResult.from_error(exc)
    return ShowConsoleOutputResult.request(client, "POST", urls.action_url(client, server_id),
                                           json=body, ok_codes=(200,))
