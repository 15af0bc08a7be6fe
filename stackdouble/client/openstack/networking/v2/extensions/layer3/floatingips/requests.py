"""Neutron floating IPs: list (filters, paging, `fields=`), get, create, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.networking.v2._neutron import (
    TaggedPagingOpts,
    fields_query,
    list_query,
    request_body,
    revision_header,
)
from stackdouble.client.openstack.networking.v2.extensions.layer3.floatingips import urls
from stackdouble.client.openstack.networking.v2.extensions.layer3.floatingips.results import (
    CreateResult,
    DeleteResult,
    FloatingIPPage,
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
    "create",
    "delete",
    "get",
    "list",
    "update",
]


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `floatingips.list`."""

    def to_floatingip_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts(TaggedPagingOpts):
    """Filters, sorting, paging and `fields=` for `list`; None fields are not sent.

    Besides these filters, the options of `TaggedPagingOpts`:
    `limit`, `marker`, `sort_key`, `sort_dir`, `fields`, `revision_number`,
    `tags`, `tags_any`, `not_tags`, `not_tags_any`.

    Example:
        >>> ListOpts(port_id="ce705c24", status="ACTIVE").to_floatingip_list_query()
        '?port_id=ce705c24&status=ACTIVE'
    """

    id: str | None = field(default=None, metadata={"q": "id"})
    description: str | None = field(default=None, metadata={"q": "description"})
    floating_network_id: str | None = field(default=None, metadata={"q": "floating_network_id"})
    port_id: str | None = field(default=None, metadata={"q": "port_id"})
    fixed_ip: str | None = field(default=None, metadata={"q": "fixed_ip_address"})
    floating_ip: str | None = field(default=None, metadata={"q": "floating_ip_address"})
    tenant_id: str | None = field(default=None, metadata={"q": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    router_id: str | None = field(default=None, metadata={"q": "router_id"})
    status: str | None = field(default=None, metadata={"q": "status"})

    def to_floatingip_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, unpaired sort keys and directions, a bad
                direction or an empty tag (what Neutron answers with a 400).
        """
        return list_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[FloatingIPPage]:
    """List the floating IPs the project may see, one request a page when `limit` is given
    (or Neutron caps pages).

    Args:
        client: A Networking v2 client from `openstack.new_networking_v2`.
        opts: Filters, sorting, paging, `fields=`; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option surfaces as the first
        page's error; a sort key Neutron does not sort by is a 400 BadRequest there.
    """
    try:
        query = opts.to_floatingip_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, FloatingIPPage)
    return Pager(client, urls.list_url(client) + query, FloatingIPPage)


def get(client: ServiceClient, floatingip_id: str, *,
        fields: Sequence[str] | None = None) -> GetResult:
    """Get one floating IP (`GET /v2.0/floatingips/{floatingip_id}`); `fields` selects attributes.

    One the project may not see is a 404 NotFound.
    """
    return GetResult.request(client, "GET", urls.get_url(client, floatingip_id)
                             + fields_query(fields), ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `floatingips.create`."""

    def to_floatingip_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new floating IP; None fields are not sent (Neutron's defaults apply).

    `floating_network_id` is an external network; with `port_id` the new address is
    associated at once, which needs a router with a gateway on that network and an
    interface on the port's subnet.

    Example:
        >>> CreateOpts(floating_network_id="376da547",
        ...            port_id="ce705c24").to_floatingip_create_map()
        {'floatingip': {'floating_network_id': '376da547', 'port_id': 'ce705c24'}}
    """

    floating_network_id: str = field(metadata={"json": "floating_network_id"})
    description: str | None = field(default=None, metadata={"json": "description"})
    floating_ip: str | None = field(default=None, metadata={"json": "floating_ip_address"})
    port_id: str | None = field(default=None, metadata={"json": "port_id"})
    fixed_ip: str | None = field(default=None, metadata={"json": "fixed_ip_address"})
    subnet_id: str | None = field(default=None, metadata={"json": "subnet_id"})
    tenant_id: str | None = field(default=None, metadata={"json": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"json": "project_id"})
    dns_name: str | None = field(default=None, metadata={"json": "dns_name"})
    dns_domain: str | None = field(default=None, metadata={"json": "dns_domain"})

    def to_floatingip_create_map(self) -> dict[str, Any]:
        """`{"floatingip": {...}}`."""
        return request_body(self, "floatingip")


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a floating IP (`POST /v2.0/floatingips`, 201).

    Returns:
        A CreateResult; `extract()` gives the new FloatingIP. Over the project's quota is a
        409 Conflict (`OverQuota`).
        A network that is not external is a 400 BadRequest; a port no router reaches
        from that network a 404 NotFound (`ExternalGatewayForFloatingIPNotFound`); no
        free address a 409 `IpAddressGenerationFailure`.
    """
    try:
        body = opts.to_floatingip_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(201,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `floatingips.update`."""

    def to_floatingip_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """Changes to a floating IP; None fields are left as they are.

    Associate with `port_id` (and `fixed_ip` when the port has several addresses);
    disassociate with `port_id=""`, which sends null, as gophercloud does.

    Attributes:
        revision_number: Apply only if the floating IP is still at this revision (sent as
            `If-Match: revision_number=<n>`; otherwise a 412 PreconditionFailed).

    Example:
        >>> UpdateOpts(port_id="").to_floatingip_update_map()
        {'floatingip': {'port_id': None}}
    """

    description: str | None = field(default=None, metadata={"json": "description"})
    port_id: str | None = field(default=None, metadata={"json": "port_id", "null_if_empty": True})
    fixed_ip: str | None = field(default=None, metadata={"json": "fixed_ip_address"})
    revision_number: int | None = None

    def to_floatingip_update_map(self) -> dict[str, Any]:
        """`{"floatingip": {...}}`."""
        return request_body(self, "floatingip")


def update(client: ServiceClient, floatingip_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a floating IP (`PUT /v2.0/floatingips/{floatingip_id}`, 200).

    Returns:
        An UpdateResult; `extract()` gives the FloatingIP after the change. A stale
        `revision_number` is a 412 PreconditionFailed; a missing floating IP a 404 NotFound.
        A port no router reaches is a 404 NotFound
        (`ExternalGatewayForFloatingIPNotFound`); a port that already has one a 409
        Conflict (`FloatingIPPortAlreadyAssociated`).
    """
    try:
        body = opts.to_floatingip_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, floatingip_id), json=body,
                                headers=revision_header(getattr(opts, "revision_number", None)),
                                ok_codes=(200,))


def delete(client: ServiceClient, floatingip_id: str) -> DeleteResult:
    """Delete a floating IP (`DELETE /v2.0/floatingips/{floatingip_id}`, 204); a missing one is a
    404 NotFound. The address goes back to the external network's pool.
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, floatingip_id),
                                ok_codes=(204,))
