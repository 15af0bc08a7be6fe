"""Neutron ports: list (filters, paging, `fields=`), get, create, update, delete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.networking.v2._neutron import (
    TaggedPagingOpts,
    fields_query,
    list_query,
    request_body,
    revision_header,
)
from stackdouble.client.openstack.networking.v2.ports import urls
from stackdouble.client.openstack.networking.v2.ports.results import (
    CreateResult,
    DeleteResult,
    GetResult,
    PortPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "AddressPairOpts",
    "CreateOpts",
    "CreateOptsBuilder",
    "FixedIPOpts",
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
    """Anything that renders the query of `ports.list`."""

    def to_port_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts(TaggedPagingOpts):
    """Filters, sorting, paging and `fields=` for `list`; None fields are not sent.

    Besides these filters, the options of `TaggedPagingOpts`:
    `limit`, `marker`, `sort_key`, `sort_dir`, `fields`, `revision_number`,
    `tags`, `tags_any`, `not_tags`, `not_tags_any`.

    Example:
        >>> ListOpts(network_id="a87cc70a", device_owner="network:dhcp",
        ...          fixed_ips=[FixedIPOpts(ip_address="10.0.0.2")]).to_port_list_query()
        '?network_id=a87cc70a&device_owner=network%3Adhcp&fixed_ips=ip_address%3D10.0.0.2'
    """

    status: str | None = field(default=None, metadata={"q": "status"})
    name: str | None = field(default=None, metadata={"q": "name"})
    description: str | None = field(default=None, metadata={"q": "description"})
    admin_state_up: bool | None = field(default=None, metadata={"q": "admin_state_up"})
    network_id: str | None = field(default=None, metadata={"q": "network_id"})
    tenant_id: str | None = field(default=None, metadata={"q": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})
    device_owner: str | None = field(default=None, metadata={"q": "device_owner"})
    mac_address: str | None = field(default=None, metadata={"q": "mac_address"})
    id: str | None = field(default=None, metadata={"q": "id"})
    device_id: str | None = field(default=None, metadata={"q": "device_id"})
    security_groups: Sequence[str] | None = field(default=None,
                                                  metadata={"q": "security_groups"})
    binding_host_id: str | None = field(default=None, metadata={"q": "binding:host_id"})
    fixed_ips: Sequence[FixedIPOpts] | None = None

    def to_port_list_query(self) -> str:
        """The query string, with a leading `?` when not empty; each `fixed_ips` filter
        is sent as Neutron reads it, `fixed_ips=ip_address%3D10.0.0.5`.

        Raises:
            InvalidInput: A negative limit, unpaired sort keys and directions, a bad
                direction or an empty tag (what Neutron answers with a 400).
        """
        query = list_query(self)
        extra = [("fixed_ips", part) for opts in self.fixed_ips or () for part in opts.params()]
        if not extra:
            return query
        return (query + "&" if query else "?") + urlencode(extra)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[PortPage]:
    """List the ports the project may see, one request a page when `limit` is given
    (or Neutron caps pages).

    Args:
        client: A Networking v2 client from `openstack.new_networking_v2`.
        opts: Filters, sorting, paging, `fields=`; None lists them all.

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option surfaces as the first
        page's error; a sort key Neutron does not sort by is a 400 BadRequest there.
    """
    try:
        query = opts.to_port_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, PortPage)
    return Pager(client, urls.list_url(client) + query, PortPage)


def get(client: ServiceClient, port_id: str, *,
        fields: Sequence[str] | None = None) -> GetResult:
    """Get one port (`GET /v2.0/ports/{port_id}`); `fields` selects attributes.

    One the project may not see is a 404 NotFound.
    """
    return GetResult.request(client, "GET", urls.get_url(client, port_id)
                             + fields_query(fields), ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `ports.create`."""

    def to_port_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new port; None fields are not sent (Neutron's defaults apply).

    Without `fixed_ips`, Neutron allocates one address from each of the network's subnets
    (IPv4 from the allocation pools; when none is left: a 409 Conflict
    `IpAddressGenerationFailure`). `value_specs` adds keys this class does not name
    (from extensions), as gophercloud does; `binding_*` are for admins.

    Example:
        >>> CreateOpts(network_id="a87cc70a", name="port1",
        ...            fixed_ips=[FixedIPOpts(subnet_id="a0304c3a", ip_address="10.0.0.5")],
        ...            value_specs={"binding:vnic_type": "direct"}).to_port_create_map()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'port': {'network_id': 'a87cc70a', 'name': 'port1',
         'fixed_ips': [{'subnet_id': 'a0304c3a', 'ip_address': '10.0.0.5'}],
         'binding:vnic_type': 'direct'}}
    """

    network_id: str = field(metadata={"json": "network_id"})
    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    admin_state_up: bool | None = field(default=None, metadata={"json": "admin_state_up"})
    mac_address: str | None = field(default=None, metadata={"json": "mac_address"})
    fixed_ips: Sequence[FixedIPOpts] | None = field(default=None, metadata={"json": "fixed_ips"})
    device_id: str | None = field(default=None, metadata={"json": "device_id"})
    device_owner: str | None = field(default=None, metadata={"json": "device_owner"})
    tenant_id: str | None = field(default=None, metadata={"json": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"json": "project_id"})
    security_groups: Sequence[str] | None = field(default=None,
                                                  metadata={"json": "security_groups"})
    allowed_address_pairs: Sequence[AddressPairOpts] | None = field(
        default=None, metadata={"json": "allowed_address_pairs"})
    port_security_enabled: bool | None = field(default=None,
                                               metadata={"json": "port_security_enabled"})
    propagate_uplink_status: bool | None = field(default=None,
                                                 metadata={"json": "propagate_uplink_status"})
    binding_host_id: str | None = field(default=None, metadata={"json": "binding:host_id"})
    binding_vnic_type: str | None = field(default=None, metadata={"json": "binding:vnic_type"})
    binding_profile: Mapping[str, Any] | None = field(default=None,
                                                      metadata={"json": "binding:profile"})
    dns_name: str | None = field(default=None, metadata={"json": "dns_name"})
    tags: Sequence[str] | None = field(default=None, metadata={"json": "tags"})
    value_specs: Mapping[str, Any] | None = None

    def to_port_create_map(self) -> dict[str, Any]:
        """`{"port": {...}}`."""
        return _with_value_specs(request_body(self, "port"), self.value_specs)


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a port (`POST /v2.0/ports`, 201).

    Returns:
        A CreateResult; `extract()` gives the new Port. Over the project's quota is a
        409 Conflict (`OverQuota`). No free address is a 409
        `IpAddressGenerationFailure`; an address in use a 409 `IpAddressAlreadyAllocated`;
        a MAC in use a 409 `MacAddressInUse`.
    """
    try:
        body = opts.to_port_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(201,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `ports.update`."""

    def to_port_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """Changes to a port; None fields are left as they are.

    `security_groups=[]` removes every group; `fixed_ips` replaces all the addresses.

    Attributes:
        revision_number: Apply only if the port is still at this revision (sent as
            `If-Match: revision_number=<n>`; otherwise a 412 PreconditionFailed).

    Example:
        >>> UpdateOpts(name="renamed", security_groups=[]).to_port_update_map()
        {'port': {'name': 'renamed', 'security_groups': []}}
    """

    name: str | None = field(default=None, metadata={"json": "name"})
    description: str | None = field(default=None, metadata={"json": "description"})
    admin_state_up: bool | None = field(default=None, metadata={"json": "admin_state_up"})
    fixed_ips: Sequence[FixedIPOpts] | None = field(default=None, metadata={"json": "fixed_ips"})
    device_id: str | None = field(default=None, metadata={"json": "device_id"})
    device_owner: str | None = field(default=None, metadata={"json": "device_owner"})
    security_groups: Sequence[str] | None = field(default=None,
                                                  metadata={"json": "security_groups"})
    allowed_address_pairs: Sequence[AddressPairOpts] | None = field(
        default=None, metadata={"json": "allowed_address_pairs"})
    port_security_enabled: bool | None = field(default=None,
                                               metadata={"json": "port_security_enabled"})
    propagate_uplink_status: bool | None = field(default=None,
                                                 metadata={"json": "propagate_uplink_status"})
    mac_address: str | None = field(default=None, metadata={"json": "mac_address"})
    binding_host_id: str | None = field(default=None, metadata={"json": "binding:host_id"})
    binding_vnic_type: str | None = field(default=None, metadata={"json": "binding:vnic_type"})
    binding_profile: Mapping[str, Any] | None = field(default=None,
                                                      metadata={"json": "binding:profile"})
    dns_name: str | None = field(default=None, metadata={"json": "dns_name"})
    value_specs: Mapping[str, Any] | None = None
    revision_number: int | None = None

    def to_port_update_map(self) -> dict[str, Any]:
        """`{"port": {...}}`."""
        return _with_value_specs(request_body(self, "port"), self.value_specs)


def update(client: ServiceClient, port_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Change a port (`PUT /v2.0/ports/{port_id}`, 200).

    Returns:
        An UpdateResult; `extract()` gives the Port after the change. A stale
        `revision_number` is a 412 PreconditionFailed; a missing port a 404 NotFound.
    """
    try:
        body = opts.to_port_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, port_id), json=body,
                                headers=revision_header(getattr(opts, "revision_number", None)),
                                ok_codes=(200, 201))


def delete(client: ServiceClient, port_id: str) -> DeleteResult:
    """Delete a port (`DELETE /v2.0/ports/{port_id}`, 204); a missing one is a
    404 NotFound.
    """
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, port_id),
                                ok_codes=(204,))


@dataclass(frozen=True, slots=True, kw_only=True)
class FixedIPOpts:
    """A fixed IP to ask for (a subnet, an address, or both), or to filter ports by
    (`ip_address_substr` only in filters).

    Example:
        >>> FixedIPOpts(subnet_id="a0304c3a", ip_address="10.0.0.5").params()
        ('ip_address=10.0.0.5', 'subnet_id=a0304c3a')
    """

    subnet_id: str | None = field(default=None, metadata={"json": "subnet_id"})
    ip_address: str | None = field(default=None, metadata={"json": "ip_address"})
    ip_address_substr: str | None = None

    def params(self) -> tuple[str, ...]:
        """The `fixed_ips` filter values, `key=value` each, as Neutron reads them."""
        pairs = (("ip_address", self.ip_address), ("ip_address_substr", self.ip_address_substr),
                 ("subnet_id", self.subnet_id))
        return tuple(f"{key}={value}" for key, value in pairs if value is not None)


@dataclass(frozen=True, slots=True, kw_only=True)
class AddressPairOpts:
    """An allowed address pair: `ip_address` (an address or a CIDR) and, optionally, a MAC
    (the port's own by default)."""

    ip_address: str = field(metadata={"json": "ip_address"})
    mac_address: str | None = field(default=None, metadata={"json": "mac_address"})


#: Keys `value_specs` may not set (gophercloud's `AddValueSpecs` refuses them too).
_BANNED_SPECS = frozenset({"shared", "tenant_id"})


def _with_value_specs(body: dict[str, Any], specs: Mapping[str, Any] | None) -> dict[str, Any]:
    """`body` with `value_specs` merged into the port, as gophercloud's `AddValueSpecs`.

    Raises:
        InvalidInput: A spec that would overwrite an option, or a banned key.
    """
    if not specs:
        return body
    port = body["port"]
    for key, value in specs.items():
        if key in _BANNED_SPECS:
            raise InvalidInput(f"forbidden key in value_specs: {key}", "value_specs")
        if key in port:
            raise InvalidInput(f"value_specs would overwrite key: {key}", "value_specs")
        port[key] = value
    return body
