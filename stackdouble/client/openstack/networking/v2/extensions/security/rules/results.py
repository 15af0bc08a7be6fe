"""Neutron security group rule results: the SecGroupRule resource, the Results of each call,
and its pages."""

from __future__ import annotations

from datetime import datetime

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.networking.v2._neutron import NeutronPage
from stackdouble.client.pagination import Page

__all__ = [
    "CreateBulkResult",
    "CreateResult",
    "DeleteResult",
    "GetResult",
    "SecGroupRule",
    "SecGroupRulePage",
    "SecGroupRuleResult",
    "extract_rules",
]


class SecGroupRule(Resource):
    """A security group rule as Neutron v2.0 returns it.

    Attributes:
        direction: `ingress` or `egress`.
        ethertype: `IPv4` or `IPv6`.
        protocol: `tcp`, `udp`, `icmp`... or a number; None for any.
        port_range_min: The first port (TCP, UDP...) or the ICMP type; None for any.
        port_range_max: The last port or the ICMP code; None for any.
        remote_group_id: Traffic from (or to) the members of this group, or None.
        remote_ip_prefix: Traffic from (or to) this CIDR, or None (any).
    """

    __slots__ = ()

    id: str = json_field("id", default="")
    direction: str = json_field("direction", default="")
    description: str = json_field("description", default="")
    ethertype: str = json_field("ethertype", default="")
    security_group_id: str = json_field("security_group_id", default="")
    port_range_min: int | None = json_field("port_range_min", int)
    port_range_max: int | None = json_field("port_range_max", int)
    protocol: str | None = json_field("protocol")
    remote_group_id: str | None = json_field("remote_group_id")
    remote_ip_prefix: str | None = json_field("remote_ip_prefix")
    remote_address_group_id: str | None = json_field("remote_address_group_id")
    normalized_cidr: str | None = json_field("normalized_cidr")
    belongs_to_default_sg: bool | None = json_field("belongs_to_default_sg", bool)
    tenant_id: str = json_field("tenant_id", default="")
    project_id: str = json_field("project_id", default="")
    revision_number: int | None = json_field("revision_number", int)
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)


class SecGroupRuleResult(Result):
    """A Result whose body is `{"security_group_rule": {...}}`."""

    __slots__ = ()

    def extract(self) -> SecGroupRule:
        """The SecGroupRule, or raise the error the call ended with."""
        return self.extract_with(SecGroupRule.from_json, key="security_group_rule")


class CreateResult(SecGroupRuleResult):
    """The result of `rules.create`: the new security group rule."""

    __slots__ = ()


class CreateBulkResult(Result):
    """The result of `rules.create_bulk`: the new rules, all or none."""

    __slots__ = ()

    def extract(self) -> list[SecGroupRule]:
        """The new SecGroupRules, or raise the error the call ended with."""
        return self.extract_list_with(SecGroupRule.from_json, key="security_group_rules")


class GetResult(SecGroupRuleResult):
    """The result of `rules.get`; call `extract()` for the SecGroupRule."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `rules.delete` (204); `extract_err()` raises its error, if any."""

    __slots__ = ()


class SecGroupRulePage(NeutronPage):
    """A page of `rules.list`: `{"security_group_rules": [...],
    "security_group_rules_links": [...]}`."""

    __slots__ = ()
    resource_key = "security_group_rules"

    def items(self) -> list[SecGroupRule]:
        """The security group rules on this page."""
        return extract_rules(self)


def extract_rules(page: Page) -> list[SecGroupRule]:
    """The security group rules on one page of `rules.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(SecGroupRule.from_json, key="security_group_rules")
