"""Neutron networks: list (filters, tags, paging, `fields=`), get, create, update, delete."""

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
from stackdouble.client.openstack.networking.v2.networks import urls
from stackdouble.client.openstack.networking.v2.networks.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    NetworkPage,
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
    """Anything that renders the query of `networks.list`."""

    def to_network_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts(TaggedPagingOpts):
    """Filters, sorting, paging and `fields=` for `list`; None fields are not sent.

    Besides these filters, the paging and tag options of `TaggedPagingOpts` (`limit`,
    `marker`, `sort_key`, `sort_dir`, `fields`, `tags`, `tags_any`, `not_tags`,
    `not_tags_any`, `revision_number`).

    Example:
        >>> ListOpts(name="private", shared=False, tags=["blue", "red"], limit=2,
        ...          fields=["id", "name"]).to_network_list_query()
        '?limit=2&fields=id&fields=name&tags=blue%2Cred&name=private&shared=false'
    """

    status: str | None = field(default=None, metadata={"q": "status"})
    name: str | None = field(default=None, metadata={"q": "name"})
    description: str | None = field(default=None, metadata={"q": "description"})
    admin_state_up: bool | None = field(default=None, metadata={"q": "admin_state_up"})
    tenant_id: str | None = field(default=None, metadata={"q": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    shared: bool | None = field(default=None, metadata={"q": "shared"})
    external: bool | None = field(default=None, metadata={"q": "router:external"})
    id: str | None = field(default=None, metadata={"q": "id"})

    def to_network_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, unpaired sort keys and directions, a bad
                direction or an empty tag (what Neutron answers with a 400).
        """
        return list_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[NetworkPage]:
    """List the networks the project may see (its own, shared and external ones), one
    request a page when `limit` is given (or Neutron caps pages).

    Args:
        client: A Networking v2 client from `openstack.new_networking_v2`.
        opts: Filters, sorting, paging, `fields=`; None lists every network.

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option surfaces as the first
        page's error; a sort key Neutron does not sort by is a 400 BadRequest there.
    """
    try:
        query = opts.to_network_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, NetworkPage)
    return Pager(client, urls.list_url(client) + query, NetworkPage)


def get(client: ServiceClient, network_id: str, *,
        fields: Sequence[str] | None = None) -> GetResult:
    """Get one network (`GET /v2.0/networks/{network_id}`); `fields` selects attributes.

    A network the project may not see is a 404 NotFound (`NetworkNotFound`).
    """
    return GetResult.request(client, "GET", urls.get_url(client, network_id)
                             + fields_query(fields), ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `networks.create`."""

    def to_network_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new network; None fields are not sent (Neutron's defaults apply).

    `shared`, `external`, the `provider_*` attributes and another project's
    `project_id` are for admins (a 403 Forbidden otherwise).

    Example:
        >>> CreateOpts(name="private", admin_state_up=True, mtu=1450).to_network_create_map()
        {'network': {'admin_state_up': True, 'name': 'private', 'mtu': 1450}}
        >>> CreateOpts(name="public", external=True, provider_network_type="flat",
        ...            provider_physical_network="public").to_network_create_map()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'network': {'name': 'public', 'router:external': True,
         'provider:network_type': 'flat', 'provider:physical_network': 'public'}}
    """

    admin_state_up: bool | None = field(default=None, metadata={"json": "admin_state_up"})
    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    shared: bool | None = field(default=None, metadata={"json": "shared"})
    tenant_id: str | None = field(default=None, metadata={"json": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"json": "project_id"})
    availability_zone_hints: Sequence[str] | None = field(
        default=None, metadata={"json": "availability_zone_hints"})
    external: bool | None = field(default=None, metadata={"json": "router:external"})
    mtu: int | None = field(default=None, metadata={"json": "mtu"})
    port_security_enabled: bool | None = field(
        default=None, metadata={"json": "port_security_enabled"})
    dns_domain: str | None = field(default=None, metadata={"json": "dns_domain"})
    qos_policy_id: str | None = field(default=None, metadata={"json": "qos_policy_id"})
    provider_network_type: str | None = field(
        default=None, metadata={"json": "provider:network_type"})
    provider_physical_network: str | None = field(
        default=None, metadata={"json": "provider:physical_network"})
    provider_segmentation_id: int | None = field(
        default=None, metadata={"json": "provider:segmentation_id"})

    def to_network_create_map(self) -> dict[str, Any]:
        """`{"network": {...}}`."""
        return request_body(self, "network")


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a network (`POST /v2.0/networks`, 201).

    Returns:
        A CreateResult; `extract()` gives the new Network. Over the project's quota is a
        409 Conflict (`OverQuota`); an admin-only attribute a 403 Forbidden.
    """
    try:
        body = opts.to_network_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(201,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body (and headers) of `networks.update`."""

    def to_network_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """Changes to a network; None fields are left as they are.

    Attributes:
        revision_number: Apply only if the network is still at this revision (sent as
            `If-Match: revision_number=<n>`; otherwise Neutron answers 412
            PreconditionFailed).

    Example:
        >>> UpdateOpts(name="renamed", description="").to_network_update_map()
        {'network': {'name': 'renamed', 'description': ''}}
    """

    admin_state_up: bool | None = field(default=None, metadata={"json": "admin_state_up"})
    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    shared: bool | None = field(default=None, metadata={"json": "shared"})
    external: bool | None = field(default=None, metadata={"json": "router:external"})
    mtu: int | None = field(default=None, metadata={"json": "mtu"})
    port_security_enabled: bool | None = field(
        default=None, metadata={"json": "port_security_enabled"})
    dns_domain: str | None = field(default=None, metadata={"json": "dns_domain"})
    qos_policy_id: str | None = field(default=None, metadata={"json": "qos_policy_id"})
    revision_number: int | None = None

    def to_network_update_map(self) -> dict[str, Any]:
        """`{"network": {...}}`."""
        return request_body(self, "network")


def update(client: ServiceClient, network_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a network (`PUT /v2.0/networks/{network_id}`, 200).

    Returns:
        An UpdateResult; `extract()` gives the Network after the change. A stale
        `revision_number` is a 412 PreconditionFailed; a missing network a 404 NotFound.
    """
    try:
        body = opts.to_network_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, network_id), json=body,
                                headers=revision_header(getattr(opts, "revision_number", None)),
                                ok_codes=(200, 201))


def delete(client: ServiceClient, network_id: str) -> DeleteResult:
    """Delete a network (`DELETE /v2.0/networks/{network_id}`, 204).

    A network with ports in use (other than its DHCP ports) is a 409 Conflict
    (`NetworkInUse`); a missing one a 404 NotFound.
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, network_id),
                                ok_codes=(204,))
