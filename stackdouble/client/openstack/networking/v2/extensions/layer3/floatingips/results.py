"""Neutron floating IP results: the FloatingIP resource, the Results of each call, and its pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from stackdouble.client._resource import Resource, json_field
from stackdouble.client._results import ErrResult, Result, parse_time
from stackdouble.client.openstack.networking.v2._neutron import NeutronPage, strings
from stackdouble.client.pagination import Page

__all__ = [
    "CreateResult",
    "DeleteResult",
    "FloatingIP",
    "FloatingIPPage",
    "FloatingIPResult",
    "GetResult",
    "UpdateResult",
    "extract_floatingips",
]


class FloatingIP(Resource):
    """A floating IP as Neutron v2.0 returns it.

    Attributes:
        floating_ip_address: Its address on the external network.
        port_id: The port it is associated with, None when not associated.
        fixed_ip_address: The port's address it translates to, None when not associated.
        router_id: The router that does the translation, None when not associated.
        status: `ACTIVE` when associated, `DOWN` when not, or `ERROR`.
        port_details: Some of the associated port's attributes (the `fip-port-details`
            extension), None when not associated.
    """

    __slots__ = ()

    id: str = json_field("id", default="")
    description: str = json_field("description", default="")
    floating_network_id: str = json_field("floating_network_id", default="")
    floating_ip_address: str = json_field("floating_ip_address", default="")
    port_id: str | None = json_field("port_id")
    fixed_ip_address: str | None = json_field("fixed_ip_address")
    router_id: str | None = json_field("router_id")
    status: str = json_field("status", default="")
    tenant_id: str = json_field("tenant_id", default="")
    project_id: str = json_field("project_id", default="")
    dns_name: str | None = json_field("dns_name")
    dns_domain: str | None = json_field("dns_domain")
    qos_policy_id: str | None = json_field("qos_policy_id")
    port_details: Mapping[str, Any] | None = json_field("port_details", dict)
    port_forwardings: Sequence[Mapping[str, Any]] = json_field("port_forwardings", tuple,
                                                               default=())
    tags: Sequence[str] = json_field("tags", strings, default=())
    revision_number: int | None = json_field("revision_number", int)
    created_at: datetime | None = json_field("created_at", parse_time)
    updated_at: datetime | None = json_field("updated_at", parse_time)


class FloatingIPResult(Result):
    """A Result whose body is `{"floatingip": {...}}`."""

    __slots__ = ()

    def extract(self) -> FloatingIP:
        """The FloatingIP, or raise the error the call ended with."""
        return self.extract_with(FloatingIP.from_json, key="floatingip")


class CreateResult(FloatingIPResult):
    """The result of `floatingips.create`: the new floating IP."""

    __slots__ = ()


class GetResult(FloatingIPResult):
    """The result of `floatingips.get`; call `extract()` for the FloatingIP."""

    __slots__ = ()


class UpdateResult(FloatingIPResult):
    """The result of `floatingips.update`: the floating IP after the change."""

    __slots__ = ()


class DeleteResult(ErrResult):
    """The result of `floatingips.delete` (204); `extract_err()` raises its error, if any."""

    __slots__ = ()


class FloatingIPPage(NeutronPage):
    """A page of `floatingips.list`: `{"floatingips": [...], "floatingips_links": [...]}`."""

    __slots__ = ()
    resource_key = "floatingips"

    def items(self) -> list[FloatingIP]:
        """The floating IPs on this page."""
        return extract_floatingips(self)


def extract_floatingips(page: Page) -> list[FloatingIP]:
    """The floating IPs on one page of `floatingips.list`."""
    if page.err is None and page.body is None:
        return []
    return page.extract_list_with(FloatingIP.from_json, key="floatingips")
