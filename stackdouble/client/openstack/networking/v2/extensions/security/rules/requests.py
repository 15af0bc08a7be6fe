"""Neutron security group rules: list (filters, paging, `fields=`), get, create (one, or
several at once), delete. Rules cannot be changed: delete one and create another."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.networking.v2._neutron import (
    PagingOpts,
    fields_query,
    list_query,
    to_json,
)
from stackdouble.client.openstack.networking.v2.extensions.security.rules import urls
from stackdouble.client.openstack.networking.v2.extensions.security.rules.results import (
    CreateBulkResult,
    CreateResult,
    DeleteResult,
    GetResult,
    SecGroupRulePage,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "DIRECTIONS",
    "ETHERTYPES",
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "create",
    "create_bulk",
    "delete",
    "get",
    "list",
]

#: A rule's directions.
DIRECTIONS = frozenset({"ingress", "egress"})
#: A rule's ether types.
ETHERTYPES = frozenset({"IPv4", "IPv6"})


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `rules.list`."""

    def to_sec_group_rule_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts(PagingOpts):
    """Filters, sorting, paging and `fields=` for `list`; None fields are not sent.

    Besides these filters, the options of `PagingOpts`:
    `limit`, `marker`, `sort_key`, `sort_dir`, `fields`, `revision_number`.

    Example:
        >>> ListOpts(security_group_id="85cc3048", direction="ingress"
        ...          ).to_sec_group_rule_list_query()
        '?direction=ingress&security_group_id=85cc3048'
    """

    direction: str | None = field(default=None, metadata={"q": "direction"})
    ethertype: str | None = field(default=None, metadata={"q": "ethertype"})
    id: str | None = field(default=None, metadata={"q": "id"})
    description: str | None = field(default=None, metadata={"q": "description"})
    port_range_max: int | None = field(default=None, metadata={"q": "port_range_max"})
    port_range_min: int | None = field(default=None, metadata={"q": "port_range_min"})
    protocol: str | None = field(default=None, metadata={"q": "protocol"})
    remote_address_group_id: str | None = field(default=None,
                                                metadata={"q": "remote_address_group_id"})
    remote_group_id: str | None = field(default=None, metadata={"q": "remote_group_id"})
    remote_ip_prefix: str | None = field(default=None, metadata={"q": "remote_ip_prefix"})
    security_group_id: str | None = field(default=None, metadata={"q": "security_group_id"})
    tenant_id: str | None = field(default=None, metadata={"q": "tenant_id"})
    project_id: str | None = field(default=None, metadata={"q": "project_id"})

    def to_sec_group_rule_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit, unpaired sort keys and directions, or a bad
                direction (what Neutron answers with a 400).
        """
        return list_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[SecGroupRulePage]:
    """List the security group rules the project may see, one request a page when `limit`
    is given (or Neutron caps pages).

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option surfaces as the first
        page's error.
    """
    try:
        query = opts.to_sec_group_rule_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, SecGroupRulePage)
    return Pager(client, urls.list_url(client) + query, SecGroupRulePage)


def get(client: ServiceClient, rule_id: str, *,
        fields: Sequence[str] | None = None) -> GetResult:
    """Get one rule (`GET /v2.0/security-group-rules/{rule_id}`); `fields` selects
    attributes. A missing rule is a 404 NotFound (`SecurityGroupRuleNotFound`)."""
    return GetResult.request(client, "GET", urls.get_url(client, rule_id)
                             + fields_query(fields), ok_codes=(200,))


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `rules.create`."""

    def to_sec_group_rule_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new rule of a group. None fields are not sent: a protocol of None is any
    protocol, a port range of None any port, no remote any address.

    Attributes:
        direction: `ingress` or `egress`.
        ethertype: `IPv4` or `IPv6` (it must match `remote_ip_prefix`).
        port_range_min: The first port, or the ICMP type.
        port_range_max: The last port, or the ICMP code.
        remote_group_id: Traffic from members of this group; not with `remote_ip_prefix`.

    Example:
        >>> CreateOpts(security_group_id="85cc3048", direction="ingress", ethertype="IPv4",
        ...            protocol="tcp", port_range_min=22, port_range_max=22,
        ...            remote_ip_prefix="0.0.0.0/0").to_sec_group_rule_create_map()
        ... # doctest: +NORMALIZE_WHITESPACE
        {'security_group_rule': {'direction': 'ingress', 'ethertype': 'IPv4',
         'security_group_id': '85cc3048', 'port_range_min': 22, 'port_range_max': 22,
         'protocol': 'tcp', 'remote_ip_prefix': '0.0.0.0/0'}}
    """

    direction: str = field(metadata={"json": "direction"})
    ethertype: str = field(metadata={"json": "ethertype"})
    security_group_id: str = field(metadata={"json": "security_group_id"})
    description: str | None = field(default=None, metadata={"json": "description"})
    port_range_min: int | None = field(default=None, metadata={"json": "port_range_min"})
    port_range_max: int | None = field(default=None, metadata={"json": "port_range_max"})
    protocol: str | None = field(default=None, metadata={"json": "protocol"})
    remote_group_id: str | None = field(default=None, metadata={"json": "remote_group_id"})
    remote_ip_prefix: str | None = field(default=None, metadata={"json": "remote_ip_prefix"})
    remote_address_group_id: str | None = field(
        default=None, metadata={"json": "remote_address_group_id"})
    project_id: str | None = field(default=None, metadata={"json": "project_id"})

    def _checked(self) -> dict[str, Any]:
        if self.direction not in DIRECTIONS:
            raise InvalidInput(f"direction must be ingress or egress, not {self.direction!r}",
                               "direction")
        if self.ethertype not in ETHERTYPES:
            raise InvalidInput(f"ethertype must be IPv4 or IPv6, not {self.ethertype!r}",
                               "ethertype")
        if self.remote_group_id is not None and self.remote_ip_prefix is not None:
            raise InvalidInput("remote_group_id and remote_ip_prefix cannot both be given "
                               "(Neutron: a 400)", "remote_ip_prefix")
        rule: dict[str, Any] = to_json(self)
        return rule

    def to_sec_group_rule_create_map(self) -> dict[str, Any]:
        """`{"security_group_rule": {...}}`.

        Raises:
            InvalidInput: A direction or ether type Neutron does not know, or both remote
                options (Neutron answers these with a 400).
        """
        return {"security_group_rule": self._checked()}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Add a rule to a group (`POST /v2.0/security-group-rules`, 201).

    Returns:
        A CreateResult; `extract()` gives the new SecGroupRule. A rule the group already
        has is a 409 Conflict (`SecurityGroupRuleExists`); a missing group a 404
        NotFound; over the quota a 409 `OverQuota`.
    """
    try:
        body = opts.to_sec_group_rule_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(201,))


def create_bulk(client: ServiceClient, opts: Sequence[CreateOpts]) -> CreateBulkResult:
    """Add several rules in one request (`{"security_group_rules": [...]}`, 201); Neutron
    makes all of them or none.

    Returns:
        A CreateBulkResult; `extract()` gives the new rules in order.
    """
    try:
        rules = [rule._checked() for rule in opts]
    except StackdoubleError as exc:
        return CreateBulkResult.from_error(exc)
    return CreateBulkResult.request(client, "POST", urls.create_url(client),
                                    json={"security_group_rules": rules}, ok_codes=(201,))


def delete(client: ServiceClient, rule_id: str) -> DeleteResult:
    """Delete a rule (`DELETE /v2.0/security-group-rules/{rule_id}`, 204); a missing one
    is a 404 NotFound."""
    return DeleteResult.request(client, "DELETE", urls.delete_url(client, rule_id),
                                ok_codes=(204,))
